// The customer-presented pay code, made in the browser exactly as the platform's
// PayCodeGenerator makes it (docs/paycode.md), so the wallet shows codes without a network:
//
//   88 | device id (8 digits) | time step mod 10 | HMAC-SHA256 check (7 digits)
//
// check = first 64 bits of HMAC-SHA256(secret, "HarbourPay pay code v1" ‖ device id ‖ step) as an
// unsigned integer, mod 10^7; device id and step are 64-bit big-endian; step = ⌊Unix s / 60⌋.

export const PREFIX = '88';
export const TIME_STEP_SECONDS = 60;
const DOMAIN = new TextEncoder().encode('HarbourPay pay code v1');
const CHECK_MODULUS = 10_000_000n;

/** Thrown when the device's offline lease has ended: the wallet must go online first. */
export class LeaseEnded extends Error {
  constructor(until) {
    super(`the offline lease ended at ${until}`);
    this.code = 'lease_ended';
    this.until = until;
  }
}

export function timeStepOf(epochMs) {
  return Math.floor(Math.floor(epochMs / 1000) / TIME_STEP_SECONDS);
}

function hexBytes(hex) {
  if (!/^([0-9a-f]{2})+$/i.test(hex)) throw new Error('the device secret is not hex');
  return new Uint8Array(hex.match(/../g).map((pair) => parseInt(pair, 16)));
}

/** An HMAC key for a device secret (64 hex digits), not extractable. */
export function importSecret(secretHex) {
  return crypto.subtle.importKey(
    'raw',
    hexBytes(secretHex),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
}

/** The seven check digits of a device for a time step. */
export async function checkDigits(key, deviceId, timeStep) {
  const message = new Uint8Array(DOMAIN.length + 16);
  message.set(DOMAIN, 0);
  const view = new DataView(message.buffer);
  view.setBigInt64(DOMAIN.length, BigInt(deviceId));
  view.setBigInt64(DOMAIN.length + 8, BigInt(timeStep));
  const mac = new DataView(await crypto.subtle.sign('HMAC', key, message));
  return String(mac.getBigUint64(0) % CHECK_MODULUS).padStart(7, '0');
}

/**
 * The code a device shows at `epochMs`, and when its step ends. `device` is what registration
 * answered: { device_id: '00001234', offline_until: ISO instant }. Throws LeaseEnded for a step
 * starting at or after the lease end (the platform would refuse it as pay_code_lease_expired).
 */
export async function codeAt(device, key, epochMs) {
  const step = timeStepOf(epochMs);
  const stepStartMs = step * TIME_STEP_SECONDS * 1000;
  if (stepStartMs >= Date.parse(device.offline_until)) throw new LeaseEnded(device.offline_until);
  const deviceId = Number(device.device_id);
  const code =
    PREFIX +
    String(deviceId).padStart(8, '0') +
    String(((step % 10) + 10) % 10) +
    (await checkDigits(key, deviceId, step));
  return { code, step, nextAtMs: stepStartMs + TIME_STEP_SECONDS * 1000 };
}
