// This phone's pay-code device: registered once online, then kept so codes can be made offline
// until the lease ends. The id and lease are in localStorage, tied to the customer; the secret is
// kept only as a non-extractable WebCrypto key in IndexedDB, so no page script can read it back.

import { call, session } from './core.js';
import { importSecret } from './paycode.js';

const DEVICE_KEY = 'hp.wallet.paycode-device';
const DB_NAME = 'hp-wallet';
const DB_STORE = 'paycode-keys';
const HALF_LEASE_MS = 36 * 3600 * 1000;

function keyStore(mode, action) {
  return new Promise((resolve, reject) => {
    const opening = indexedDB.open(DB_NAME, 1);
    opening.onupgradeneeded = () => opening.result.createObjectStore(DB_STORE);
    opening.onerror = () => reject(opening.error);
    opening.onsuccess = () => {
      const db = opening.result;
      const transaction = db.transaction(DB_STORE, mode);
      const request = action(transaction.objectStore(DB_STORE));
      transaction.oncomplete = () => {
        db.close();
        resolve(request.result);
      };
      transaction.onerror = () => {
        db.close();
        reject(transaction.error);
      };
    };
  });
}

/** The HMAC key of a device, or undefined when this phone does not hold it. */
export function deviceKey(deviceId) {
  return keyStore('readonly', (store) => store.get(deviceId));
}

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

export async function forgetDevice() {
  localStorage.removeItem(DEVICE_KEY);
  await keyStore('readwrite', (store) => store.clear()).catch(() => {});
}

async function register() {
  const issued = await call('/v1/paycode/devices', { method: 'POST' });
  const key = await importSecret(issued.secret);
  await keyStore('readwrite', (store) => {
    store.clear(); // one device per phone: an older key is of no more use
    return store.put(key, issued.device_id);
  });
  return save({ customer: session.customer, device_id: issued.device_id, offline_until: issued.offline_until });
}

/**
 * The device to make codes with, or null. Online, it is registered when missing (or its key is
 * gone) and its lease synced (renewed by the platform when half is used; re-registered if another
 * phone became the newest and this lease is running low). Offline, the stored one as it is.
 */
export async function readyDevice() {
  let device = storedDevice();
  if (device && !(await deviceKey(device.device_id))) device = null;
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
