// Payments: a searchable, filtered list in cursor pages, and one payment with its refunds and a
// refund form (full or partial; amounts parsed exactly) for owners and managers.

import { RetryKey, decimalString, el, invalid, mount, parseAmount, toast } from '/assets/hp.js';
import {
  all, badge, busy, call, can, field, handleForm, heading, i18n, session, showFailure,
} from './core.js';

const HONG_KONG_OFFSET = '+08:00';

/** A date typed in the form (Hong Kong day) as the instant it starts; `next` = the day after. */
function dayStart(value, next) {
  if (!value) return null;
  const start = new Date(`${value}T00:00:00${HONG_KONG_OFFSET}`);
  if (next) start.setUTCDate(start.getUTCDate() + 1);
  return start.toISOString();
}

export function paymentsView(main) {
  const text = el('input', { name: 'q', type: 'search', 'data-test': 'payments-search' });
  const status = el(
    'select',
    { name: 'status', 'data-test': 'payments-status' },
    el('option', { value: '' }, i18n.t('payments.any')),
    ['succeeded', 'requires_confirmation', 'failed', 'canceled'].map((s) => el('option', { value: s }, i18n.t(`status.${s}`))),
  );
  const store = el('select', { name: 'store', 'data-test': 'payments-store' }, el('option', { value: '' }, i18n.t('payments.any')));
  const currency = el(
    'select',
    { name: 'currency', 'data-test': 'payments-currency' },
    el('option', { value: '' }, i18n.t('payments.any')),
    ['HKD', 'CNY', 'MOP'].map((c) => el('option', { value: c }, c)),
  );
  const from = el('input', { name: 'from', type: 'date', 'data-test': 'payments-from' });
  const to = el('input', { name: 'to', type: 'date', 'data-test': 'payments-to' });
  const submit = el('button', { type: 'submit', 'data-test': 'payments-apply' }, i18n.t('payments.apply'));
  const form = el(
    'form',
    { class: 'filters', role: 'search' },
    field('payments.search', text),
    field('payments.status', status),
    field('payments.store', store),
    field('payments.currency', currency),
    field('payments.from', from),
    field('payments.to', to),
    submit,
  );
  const body = el('tbody', { 'data-test': 'payments-rows' });
  const more = el('button', { type: 'button', class: 'secondary', hidden: true, 'data-test': 'payments-more' }, i18n.t('common.more'));
  const table = el(
    'div',
    { class: 'table-wrap' },
    el(
      'table',
      {},
      el('thead', {}, el('tr', {}, ['created', 'id', 'reference', 'amount', 'refunded', 'status'].map((c) => el('th', { scope: 'col' }, i18n.t(`payments.col.${c}`))))),
      body,
    ),
  );
  mount(
    main,
    el(
      'div',
      { class: 'card' },
      heading('payments.heading'),
      session().role === 'cashier' ? el('p', { class: 'muted' }, i18n.t('payments.today_only')) : null,
      form,
    ),
    el('div', { class: 'card' }, table, more),
  );

  all('/v1/merchant/stores').then((stores) => {
    for (const s of stores) store.append(el('option', { value: s.id }, i18n.lang === 'en' ? s.name_en : s.name_zh));
  }).catch(() => {});

  let cursor = null;
  function query() {
    const params = new URLSearchParams();
    if (text.value.trim()) params.set('q', text.value.trim());
    for (const [name, control] of [['status', status], ['store', store], ['currency', currency]]) {
      if (control.value) params.set(name, control.value);
    }
    if (from.value) params.set('from', dayStart(from.value, false));
    if (to.value) params.set('to', dayStart(to.value, true));
    params.set('limit', '20');
    if (cursor) params.set('cursor', cursor);
    return `/v1/merchant/payments?${params}`;
  }
  async function load(append) {
    const list = await call(query());
    if (!append) body.replaceChildren();
    for (const payment of list.data) {
      body.append(
        el(
          'tr',
          { 'data-test': 'payment-row', 'data-id': payment.id },
          el('td', {}, i18n.date(payment.created)),
          el('td', {}, el('a', { href: `#/payment/${payment.id}`, 'data-test': 'payment-link' }, payment.id)),
          el('td', {}, payment.merchant_reference),
          el('td', { class: 'amount' }, i18n.money(payment.amount, payment.currency)),
          el('td', { class: 'amount' }, payment.amount_refunded ? i18n.money(payment.amount_refunded, payment.currency) : ''),
          el('td', {}, badge(payment.status)),
        ),
      );
    }
    if (!append && list.data.length === 0) {
      body.append(el('tr', {}, el('td', { colspan: 6, class: 'muted', 'data-test': 'payments-empty' }, i18n.t('common.none'))));
    }
    cursor = list.next_cursor;
    more.hidden = !list.has_more;
  }
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    cursor = null;
    busy(submit, form, () => load(false));
  });
  more.addEventListener('click', () => busy(more, form, () => load(true)));
  busy(submit, form, () => load(false));
}

export function paymentView(main, [id]) {
  const refund = new RetryKey();
  async function render() {
    const payment = await call(`/v1/merchant/payments/${encodeURIComponent(id)}`);
    const money = (minor) => i18n.money(minor, payment.currency);
    const refundable = payment.status === 'succeeded' ? payment.amount - payment.amount_refunded : 0;
    const facts = el(
      'dl',
      { class: 'facts' },
      el('dt', {}, i18n.t('payments.col.status')), el('dd', {}, badge(payment.status)),
      el('dt', {}, i18n.t('payment.amount')), el('dd', { class: 'amount', 'data-test': 'payment-amount' }, money(payment.amount)),
      el('dt', {}, i18n.t('payment.fee')), el('dd', { class: 'amount' }, money(payment.fee)),
      el('dt', {}, i18n.t('payment.refunded')), el('dd', { class: 'amount', 'data-test': 'payment-refunded' }, money(payment.amount_refunded)),
      el('dt', {}, i18n.t('payment.refundable')), el('dd', { class: 'amount', 'data-test': 'payment-refundable' }, money(refundable)),
      el('dt', {}, i18n.t('payment.reference')), el('dd', {}, payment.merchant_reference),
      el('dt', {}, i18n.t('payment.store')), el('dd', { 'data-test': 'payment-store' }, payment.store),
      el('dt', {}, i18n.t('payment.terminal')), el('dd', {}, payment.terminal),
      el('dt', {}, i18n.t('payment.created')), el('dd', {}, i18n.date(payment.created)),
    );
    const refunds = payment.refunds.length
      ? el(
        'ul',
        { class: 'list', 'data-test': 'refunds' },
        payment.refunds.map((r) => el('li', { 'data-test': 'refund-row' }, el('span', { class: 'amount' }, money(r.amount)), ' · ', i18n.date(r.created), r.reason ? ` · ${r.reason}` : '')),
      )
      : el('p', { class: 'muted' }, i18n.t('common.none'));
    let form = null;
    if (can(['owner', 'manager']) && refundable > 0) {
      const amount = el('input', { name: 'amount', inputmode: 'decimal', autocomplete: 'off', 'data-test': 'refund-amount' });
      const reason = el('input', { name: 'reason', maxlength: 200, 'data-test': 'refund-reason' });
      const submit = el('button', { type: 'submit', class: 'danger', 'data-test': 'refund-submit' }, i18n.t('payment.refund_submit'));
      const rest = el('button', {
        type: 'button', class: 'secondary', 'data-test': 'refund-all',
        onclick: () => {
          amount.value = decimalString(refundable, payment.currency);
          amount.focus();
        },
      }, i18n.t('payment.refund_all'));
      form = el(
        'form',
        { novalidate: true, 'data-test': 'refund-form' },
        el('h3', {}, i18n.t('payment.refund_heading')),
        field('payment.refund_amount', amount, { currency: payment.currency }),
        field('payment.refund_reason', reason),
        el('div', { class: 'row' }, submit, rest),
      );
      handleForm(form, {
        retry: refund,
        body: () => {
          let minor;
          try {
            minor = parseAmount(amount.value, payment.currency);
          } catch (mistake) {
            throw invalid('amount', mistake);
          }
          const body = { amount: minor };
          if (reason.value.trim()) body.reason = reason.value.trim();
          return body;
        },
        send: (body, key) => call(`/v1/merchant/payments/${payment.id}/refunds`, { method: 'POST', body, key }),
        done: async (done) => {
          await render();
          toast(i18n.t('payment.refund_done', { amount: money(done.amount) }), 'ok');
        },
      });
    }
    // The store's name in place of its id, when it can be read (the id stays otherwise).
    call(`/v1/merchant/stores/${payment.store}`).then((store) => {
      facts.querySelector('[data-test="payment-store"]').textContent =
        `${i18n.lang === 'en' ? store.name_en : store.name_zh} (${store.id})`;
    }).catch(() => {});
    mount(
      main,
      el('p', { class: 'no-print' }, el('a', { href: '#/payments' }, i18n.t('common.back'))),
      el(
        'div',
        { class: 'card', 'data-test': 'payment-detail' },
        heading('payment.heading', { id: payment.id }),
        facts,
        el('h3', {}, i18n.t('payment.refunds')),
        refunds,
        form,
      ),
    );
  }
  render().catch((error) => showFailure(null, error));
}
