package io.harbourpay.platform.customers;

/**
 * Checks a customer's payment PIN before money moves. Throws {@link
 * io.harbourpay.platform.PlatformException} when the PIN is not set, wrong (counting the failure)
 * or locked; returns normally when it is right.
 */
public interface PinVerifier {
  void verify(long customerId, String pin);
}
