// The wallet's shell: routes, the bottom navigation, the offline banner and the service worker.

import { router } from '/assets/hp.js';
import { i18n, session } from './core.js';
import { loginScreen, pinScreen } from './auth.js';
import { homeScreen } from './home.js';
import { payCodeScreen } from './paycode-screen.js';
import { scanScreen, payScreen } from './scan.js';
import { transferScreen, bankScreen } from './money.js';
import { historyScreen, receiptScreen } from './history.js';
import { meScreen } from './me.js';

const view = document.getElementById('view');
const nav = document.getElementById('nav');
const PUBLIC = new Set(['#/login']);
let cleanup = null;
// Each screen renders into its own element. A screen that is still loading when the person moves
// on keeps appending to its own element, which is no longer on the page, instead of to the next
// screen; and its timers (a pay code's countdown) are stopped as soon as it returns them.
let current = null;

function screen(render) {
  return (params) => {
    if (cleanup) cleanup();
    cleanup = null;
    const hash = location.hash.split('/').slice(0, 2).join('/');
    if (!session.token && !PUBLIC.has(hash)) {
      location.hash = '#/login';
      return;
    }
    nav.hidden = !session.token;
    nav.querySelectorAll('a').forEach((link) => {
      if (link.getAttribute('href') === hash) link.setAttribute('aria-current', 'page');
      else link.removeAttribute('aria-current');
    });
    const page = document.createElement('div');
    current = page;
    view.replaceChildren(page);
    // A refusal belongs to the screen it happened on; successes may follow the person.
    document.querySelectorAll('.toast-error').forEach((note) => note.remove());
    const result = render(page, params);
    Promise.resolve(result).then((stop) => {
      if (page !== current) {
        if (typeof stop === 'function') stop();
        return;
      }
      if (typeof stop === 'function') cleanup = stop;
      const title = page.querySelector('h2');
      if (title && document.activeElement === document.body) title.focus({ preventScroll: true });
    });
  };
}

const go = router(
  {
    '#/login': screen(loginScreen),
    '#/pin': screen(pinScreen),
    '#/home': screen(homeScreen),
    '#/paycode': screen(payCodeScreen),
    '#/scan': screen(scanScreen),
    '#/pay': screen(payScreen),
    '#/transfer': screen(transferScreen),
    '#/bank': screen(bankScreen),
    '#/history': screen(historyScreen),
    '#/receipt': screen(receiptScreen),
    '#/me': screen(meScreen),
  },
  session.token ? '#/home' : '#/login',
);

document.getElementById('lang').append(i18n.picker());
i18n.apply(document);
i18n.onChange(() => go());

const offline = document.getElementById('offline');
function showConnection() {
  offline.hidden = navigator.onLine;
}
window.addEventListener('online', showConnection);
window.addEventListener('offline', showConnection);
showConnection();

if ('serviceWorker' in navigator) {
  navigator.serviceWorker.register('/wallet/sw.js', { scope: '/wallet/' }).catch(() => {
    // Without a service worker the wallet still works online; nothing to tell the person.
  });
}
