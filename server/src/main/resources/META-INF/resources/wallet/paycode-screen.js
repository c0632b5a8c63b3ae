// The pay code: QR and Code 128 of the current 18 digits, a new code every minute with a visible
// countdown, made in the browser (also offline, within the lease), the screen kept awake, and a
// prompt when the till asks for a large payment that needs the PIN.

import { el, mount, toast, failureText } from '/assets/hp.js';
import { t, call, i18n, money, heading, field, pinInput, handleForm } from './core.js';
import { readyDevice, deviceKey } from './device.js';
import { codeAt, LeaseEnded } from './paycode.js';
import { encodeNumeric, drawQr } from './qrcode.js';
import { drawCode128 } from './barcode.js';

const TICK_MS = 1000;
const PENDING_POLL_MS = 3000;

export async function payCodeScreen(view) {
  const card = el('section', { class: 'card center paycode', 'data-test': 'paycode' }, heading('paycode.title'));
  view.append(card);
  const stops = [];
  const stop = () => stops.forEach((fn) => fn());

  stops.push(watchPending(view));
  stops.push(await keepAwake());

  let device;
  try {
    device = await readyDevice();
  } catch (failure) {
    card.append(el('p', { class: 'field-error', role: 'alert' }, failureText(failure, i18n)));
    return stop;
  }
  if (!device) {
    card.append(el('p', { role: 'alert', 'data-test': 'paycode-unavailable' }, t('paycode.register_offline')));
    return stop;
  }
  const key = await deviceKey(device.device_id);
  const qr = el('canvas', { class: 'qr', role: 'img', 'aria-label': t('paycode.qr'), 'data-test': 'paycode-qr' });
  const bars = el('canvas', { class: 'barcode', role: 'img', 'aria-label': t('paycode.barcode'), 'data-test': 'paycode-barcode' });
  const digits = el('p', { class: 'digits', 'aria-label': t('paycode.digits'), 'data-test': 'paycode-digits' });
  const countdown = el('p', { class: 'muted', 'data-test': 'paycode-countdown' });
  const lease = el('p', { class: 'muted', 'data-test': 'paycode-lease' });
  const body = el('div', {}, bars, qr, digits, countdown, lease, el('p', { class: 'muted' }, t('paycode.hide')));
  card.append(body);

  let shown = null;
  let timer = null;
  async function tick() {
    const now = Date.now();
    try {
      if (!shown || now >= shown.nextAtMs) {
        shown = await codeAt(device, key, now);
        drawQr(qr, encodeNumeric(shown.code), 8);
        drawCode128(bars, shown.code, 2, 90);
        digits.textContent = shown.code.replace(/(\d{4})(?=\d)/g, '$1 ');
        digits.dataset.code = shown.code;
        lease.textContent = t('paycode.offline_until', { time: i18n.date(device.offline_until) });
      }
      countdown.textContent = t('paycode.refresh', { seconds: Math.ceil((shown.nextAtMs - now) / 1000) });
    } catch (failure) {
      if (!(failure instanceof LeaseEnded)) throw failure;
      clearInterval(timer);
      mount(body, el('p', { role: 'alert', class: 'field-error', 'data-test': 'paycode-lease-ended' },
        t('paycode.lease_ended', { time: i18n.date(failure.until) })));
    }
  }
  timer = setInterval(tick, TICK_MS);
  await tick();
  stops.push(() => clearInterval(timer));
  return stop;
}

/** Keeps the screen on while the code shows (Wake Lock API where there is one). */
async function keepAwake() {
  if (!('wakeLock' in navigator)) return () => {};
  let lock = null;
  const acquire = async () => {
    try {
      lock = await navigator.wakeLock.request('screen');
    } catch (refused) {
      lock = null; // e.g. battery saver; the code still shows
    }
  };
  const again = () => {
    if (document.visibilityState === 'visible') acquire();
  };
  await acquire();
  document.addEventListener('visibilitychange', again);
  return () => {
    document.removeEventListener('visibilitychange', again);
    if (lock) lock.release().catch(() => {});
  };
}

/** Polls for payments waiting for this customer's PIN and opens a dialog for the first. */
function watchPending(view) {
  let open = null;
  let busy = false;
  async function poll() {
    if (busy || open || !navigator.onLine || document.visibilityState !== 'visible') return;
    busy = true;
    try {
      const pending = await call('/v1/payments/pending');
      if (pending.data.length && !open) open = confirmDialog(view, pending.data[0], () => (open = null));
    } catch (failure) {
      // A failed poll is retried at the next tick; the code on screen does not depend on it.
    } finally {
      busy = false;
    }
  }
  poll();
  const timer = setInterval(poll, PENDING_POLL_MS);
  return () => {
    clearInterval(timer);
    if (open) open.close();
  };
}

function confirmDialog(view, payment, onClose) {
  const amount = money(payment.amount, payment.currency);
  const form = el(
    'form',
    { method: 'dialog', novalidate: true },
    el('h2', {}, t('confirm.title')),
    el('p', { 'data-test': 'confirm-body' }, t('confirm.body', { merchant: payment.merchant_name, amount })),
    el('p', { class: 'big amount' }, amount),
    payment.expires_at ? el('p', { class: 'muted' }, t('confirm.until', { time: i18n.date(payment.expires_at) })) : null,
    field('pin', 'pin.label', pinInput({ autocomplete: 'off' })),
    el(
      'div',
      { class: 'row' },
      el('button', { type: 'submit', 'data-test': 'confirm-pay' }, t('confirm.pay')),
      el('button', { type: 'button', class: 'secondary', 'data-test': 'confirm-decline' }, t('confirm.decline')),
    ),
  );
  const dialog = el('dialog', { class: 'confirm', 'data-test': 'confirm-dialog', 'aria-labelledby': 'confirm-title' }, form);
  form.querySelector('h2').id = 'confirm-title';
  view.append(dialog);
  dialog.addEventListener('close', () => {
    dialog.remove();
    onClose();
  });
  handleForm(form, {
    body: () => ({ pin: form.elements.pin.value }),
    send: (body, key) => call(`/v1/payments/${payment.id}/confirm`, { method: 'POST', body, key }),
    done: (paid) => {
      toast(t('confirm.done', { merchant: paid.merchant_name, amount: money(paid.amount, paid.currency) }), 'ok');
      dialog.close();
    },
  });
  const decline = form.querySelector('[data-test=confirm-decline]');
  decline.addEventListener('click', async () => {
    decline.disabled = true;
    try {
      await call(`/v1/payments/${payment.id}/decline`, { method: 'POST' });
      toast(t('confirm.declined'), 'info');
      dialog.close();
    } catch (failure) {
      decline.disabled = false;
      toast(failureText(failure, i18n), 'error');
    }
  });
  dialog.showModal();
  form.elements.pin.focus();
  return dialog;
}
