package io.harbourpay.platform.customers;

/** Identity documents accepted for verification. */
public enum DocumentType {
  /** Hong Kong Identity Card: 1–2 letters, 6 digits, a check digit (0–9 or A). */
  HKID,
  /** Any passport: 5–20 letters and digits. */
  PASSPORT,
  /** Resident Identity Card of the mainland: 17 digits and a check character (0–9 or X). */
  MAINLAND_ID,
  /** Macau Resident Identity Card: 8 digits, the first 1, 5 or 7. */
  MACAU_ID
}
