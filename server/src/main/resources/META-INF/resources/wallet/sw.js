// The wallet's service worker: keeps the app shell so the wallet opens without a network (the pay
// code is made on the phone). API calls are never cached: balances and payments are always live.

const SHELL_VERSION = 'hp-wallet-v1';
const SHELL = [
  '/wallet/',
  '/wallet/index.html',
  '/wallet/app.js',
  '/wallet/core.js',
  '/wallet/texts.js',
  '/wallet/auth.js',
  '/wallet/home.js',
  '/wallet/paycode-screen.js',
  '/wallet/paycode.js',
  '/wallet/device.js',
  '/wallet/qrcode.js',
  '/wallet/barcode.js',
  '/wallet/scan.js',
  '/wallet/money.js',
  '/wallet/history.js',
  '/wallet/me.js',
  '/wallet/wallet.css',
  '/wallet/icon.svg',
  '/wallet/manifest.webmanifest',
  '/assets/hp.js',
  '/assets/hp.css',
];

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(SHELL_VERSION).then((cache) => cache.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((name) => name !== SHELL_VERSION).map((name) => caches.delete(name))))
      .then(() => self.clients.claim()),
  );
});

// Shell files: from the network when it answers (so a new release shows at once), else from the
// cache. Everything else (the API) goes to the network untouched.
self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== self.location.origin) return;
  const path = url.pathname === '/wallet' ? '/wallet/' : url.pathname;
  if (!SHELL.includes(path)) return;
  event.respondWith(
    fetch(event.request)
      .then((response) => {
        if (response.ok) {
          const copy = response.clone();
          caches.open(SHELL_VERSION).then((cache) => cache.put(path, copy));
        }
        return response;
      })
      .catch(() => caches.match(path)),
  );
});
