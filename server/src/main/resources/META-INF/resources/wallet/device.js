// This phone's pay-code device: registered once online, then kept in localStorage so codes can
// be made offline until the lease ends. It belongs to the customer who registered it.

import { call, session } from './core.js';

const DEVICE_KEY = 'hp.wallet.paycode-device';

export function storedDevice() {
  try {
    const device = JSON.parse(localStorage.getItem(DEVICE_KEY));
    return device && device.customer === session.customer ? device : null;
  } catch (corrupt) {
    return null;
  }
}

function save(device) {
  localStorage.setItem(DEVICE_KEY, JSON.stringify(device));
  return device;
}

export function forgetDevice() {
  localStorage.removeItem(DEVICE_KEY);
}

async function register() {
  const issued = await call('/v1/paycode/devices', { method: 'POST' });
  return save({
    customer: session.customer,
    device_id: issued.device_id,
    secret: issued.secret,
    offline_until: issued.offline_until,
  });
}

const HALF_LEASE_MS = 36 * 3600 * 1000;

/**
 * The device to make codes with. Online, it is registered when missing and its lease synced
 * (renewed by the platform when half is used; re-registered if another phone became the newest
 * and this lease is running low). Offline, the stored one as it is.
 */
export async function readyDevice() {
  const device = storedDevice();
  if (!navigator.onLine) return device;
  if (!device) return register();
  try {
    const lease = await call('/v1/paycode/devices/current');
    if (lease.device_id === device.device_id) {
      return save({ ...device, offline_until: lease.offline_until });
    }
    if (Date.parse(device.offline_until) - Date.now() < HALF_LEASE_MS) return register();
  } catch (failure) {
    if (failure.code === 'paycode_device_missing') return register();
    // Unreachable: keep showing codes from the stored lease; the next visit online syncs it.
  }
  return device;
}
