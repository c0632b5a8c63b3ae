// Till mode: for the chosen store and terminal, either show a dynamic QR for the amount typed
// (and watch the order until it is paid, expires or is cancelled), or charge the customer's pay
// code (and, above the confirmation threshold, wait for the customer to confirm on the phone).

import { RetryKey, el, invalid, mount, parseAmount } from '/assets/hp.js';
import {
  all, busy, call, field, handleForm, heading, i18n, imageUrl, onLeave, session,
} from './core.js';

const CHOICE_KEY = 'hp.merchant.till';
const POLL_MS = 1500;

/** A merchant reference per sale: the same on a retry, so an order is never created twice. */
function newReference() {
  const random = crypto.getRandomValues(new Uint32Array(1))[0].toString(36);
  return `till-${Date.now().toString(36)}-${random}`;
}

export function tillView(main) {
  const currency = session().merchant.settlement_currency;
  const saved = JSON.parse(localStorage.getItem(CHOICE_KEY) || '{}');
  const storeSelect = el('select', { name: 'store', 'data-test': 'till-store' });
  const terminalSelect = el('select', { name: 'terminal', 'data-test': 'till-terminal' });
  const setup = el(
    'div',
    { class: 'card' },
    heading('till.heading'),
    el('div', { class: 'grid' }, field('till.store', storeSelect), field('till.terminal', terminalSelect)),
  );
  const sale = el('div', { class: 'card', 'data-test': 'till-sale' });
  mount(main, el('div', { class: 'narrow' }, setup, sale));

  let mode = 'qr';
  let timer = null;
  let blob = null;
  let reference = newReference();
  const charge = new RetryKey(); // kept across re-drawings of the sale form
  onLeave(() => {
    clearTimeout(timer);
    if (blob) URL.revokeObjectURL(blob);
  });

  async function loadTerminals() {
    terminalSelect.replaceChildren();
    if (!storeSelect.value) return;
    const terminals = await all(`/v1/merchant/stores/${encodeURIComponent(storeSelect.value)}/terminals`, 1);
    for (const terminal of terminals) {
      terminalSelect.append(el('option', { value: terminal.id }, terminal.label));
    }
    if (terminals.some((t) => t.id === saved.terminal)) terminalSelect.value = saved.terminal;
    remember();
  }

  function remember() {
    localStorage.setItem(CHOICE_KEY, JSON.stringify({ store: storeSelect.value, terminal: terminalSelect.value }));
  }

  storeSelect.addEventListener('change', () => {
    saved.terminal = null;
    loadTerminals().catch(() => {});
  });
  terminalSelect.addEventListener('change', remember);

  (async () => {
    const stores = await all('/v1/merchant/stores');
    for (const store of stores) {
      const name = i18n.lang === 'en' ? store.name_en : store.name_zh;
      storeSelect.append(el('option', { value: store.id }, name));
    }
    if (stores.some((s) => s.id === saved.store)) storeSelect.value = saved.store;
    await loadTerminals();
  })().catch(() => {});

  function status(state, vars = {}) {
    return el(
      'div',
      { class: 'till-status', role: 'status', 'aria-live': 'polite', 'data-test': 'till-status', 'data-state': state },
      i18n.t(`till.state.${state}`, vars),
    );
  }

  function modeButton(which, key) {
    return el(
      'button',
      {
        type: 'button',
        'aria-pressed': String(mode === which),
        'data-test': `till-mode-${which}`,
        onclick: () => {
          mode = which;
          entry();
        },
      },
      i18n.t(key),
    );
  }

  function entry() {
    clearTimeout(timer);
    const amount = el('input', {
      name: 'amount', inputmode: 'decimal', autocomplete: 'off', class: 'till-amount', 'data-test': 'till-amount',
    });
    const code = el('input', {
      name: 'pay_code', inputmode: 'numeric', autocomplete: 'off', 'data-test': 'till-pay-code',
    });
    const submit = el(
      'button',
      { type: 'submit', class: 'block', 'data-test': mode === 'qr' ? 'till-show-qr' : 'till-charge' },
      i18n.t(mode === 'qr' ? 'till.show_qr' : 'till.charge'),
    );
    const form = el(
      'form',
      { novalidate: true },
      el('div', { class: 'modes' }, modeButton('qr', 'till.mode_qr'), modeButton('code', 'till.mode_code')),
      field('till.amount', amount, { currency }),
      mode === 'code' ? field('till.pay_code', code) : null,
      submit,
    );
    handleForm(form, {
      retry: charge,
      body: () => {
        if (!storeSelect.value || !terminalSelect.value) throw invalid('amount', i18n.t('till.choose_store'));
        let minor;
        try {
          minor = parseAmount(amount.value, currency);
        } catch (mistake) {
          throw invalid('amount', mistake);
        }
        const body = {
          amount: minor, currency, store: storeSelect.value, terminal: terminalSelect.value, merchant_reference: reference,
        };
        return mode === 'qr' ? body : { ...body, pay_code: code.value.replace(/\s/g, '') };
      },
      send: (body, key) =>
        call(mode === 'qr' ? '/v1/merchant/orders' : '/v1/merchant/payments', { method: 'POST', body, key }),
      done: async (created) => {
        if (mode === 'qr') await showOrder(created);
        else showPayment(created);
        reference = newReference();
      },
    });
    mount(sale, form);
    amount.focus();
  }

  function outcome(...children) {
    const again = el('button', { type: 'button', class: 'block', 'data-test': 'till-new-sale', onclick: entry }, i18n.t('till.new_sale'));
    mount(sale, ...children, again);
    return again;
  }

  async function showOrder(order) {
    if (blob) URL.revokeObjectURL(blob);
    blob = await imageUrl(order.qr_url);
    const image = el('img', { class: 'qr', src: blob, alt: i18n.t('till.scan_prompt'), 'data-test': 'till-qr' });
    const amountLine = el('p', { class: 'big center', 'data-test': 'till-order-amount' }, i18n.money(order.amount, order.currency));
    function render(current) {
      sale.dataset.order = current.id;
      const done = current.status !== 'open';
      const cancel = done
        ? null
        : el('button', {
          type: 'button', class: 'secondary', 'data-test': 'till-cancel',
          onclick: (event) => busy(event.currentTarget, null, async () => {
            render(await call(`/v1/merchant/orders/${current.id}/cancel`, { method: 'POST' }));
          }),
        }, i18n.t('till.cancel_sale'));
      const again = outcome(
        amountLine,
        done ? null : el('div', { class: 'center' }, image, el('p', {}, i18n.t('till.scan_prompt'))),
        status(current.status),
        current.payment ? el('p', { class: 'muted center', 'data-test': 'till-payment' }, current.payment) : null,
        cancel,
      );
      if (done) again.focus();
      else poll(current);
    }
    function poll(current) {
      clearTimeout(timer);
      timer = setTimeout(async () => {
        try {
          const next = await call(`/v1/merchant/orders/${current.id}`);
          if (next.status !== current.status) render(next);
          else poll(next);
        } catch (failure) {
          poll(current);
        }
      }, POLL_MS);
    }
    render(order);
  }

  function showPayment(payment) {
    const amountLine = el('p', { class: 'big center', 'data-test': 'till-order-amount' }, i18n.money(payment.amount, payment.currency));
    const waiting = payment.status === 'requires_confirmation';
    const again = outcome(
      amountLine,
      status(payment.status, { reason: payment.failure_code || '' }),
      el('p', { class: 'muted center', 'data-test': 'till-payment' }, payment.id),
      waiting
        ? el('button', {
          type: 'button', class: 'secondary', 'data-test': 'till-cancel',
          onclick: (event) => busy(event.currentTarget, null, async () => {
            showPayment(await call(`/v1/merchant/payments/${payment.id}/cancel`, { method: 'POST' }));
          }),
        }, i18n.t('till.cancel_sale'))
        : null,
    );
    clearTimeout(timer);
    if (!waiting) {
      again.focus();
      return;
    }
    timer = setTimeout(async function poll() {
      try {
        const next = await call(`/v1/merchant/payments/${payment.id}`);
        if (next.status !== payment.status) {
          showPayment(next);
          return;
        }
      } catch (failure) {
        // Keep waiting: a dropped connection must not lose the customer's confirmation.
      }
      timer = setTimeout(poll, POLL_MS);
    }, POLL_MS);
  }

  entry();
}
