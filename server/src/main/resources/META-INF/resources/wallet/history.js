// History with filters, and the receipt of one entry.

import { el, mount } from '/assets/hp.js';
import { t, load, money, heading, CURRENCIES, field, select, i18n, session } from './core.js';

const TYPES = ['topup', 'withdrawal', 'p2p_in', 'p2p_out', 'payment', 'refund'];
const PAGE_SIZE = 20;

function stateBadge(status) {
  const kind = status === 'succeeded' ? 'ok' : status === 'failed' ? 'bad' : 'wait';
  return el('span', { class: `badge ${kind}`, 'data-test': 'txn-status' }, t(`state.${status}`));
}

/** One history line, linking to its receipt. */
export function transactionItem(entry) {
  return el(
    'li',
    { 'data-test': 'txn', 'data-type': entry.type, 'data-id': entry.id },
    el(
      'a',
      { class: 'txn', href: `#/receipt/${encodeURIComponent(entry.id)}` },
      el(
        'span',
        { class: 'spread' },
        el('strong', {}, t(`type.${entry.type}`)),
        el(
          'span',
          { class: `amount ${entry.amount < 0 ? 'neg' : 'pos'}`, 'data-test': 'txn-amount' },
          money(entry.amount, entry.currency),
        ),
      ),
      el(
        'span',
        { class: 'spread muted' },
        el('span', {}, [entry.counterparty, entry.memo].filter(Boolean).join(' · ') || i18n.date(entry.created)),
        stateBadge(entry.status),
      ),
      entry.balance_after === null || entry.balance_after === undefined
        ? null
        : el('span', { class: 'muted' }, t('history.balance_after', { amount: money(entry.balance_after, entry.currency) })),
    ),
  );
}

export function historyScreen(view) {
  const filters = el(
    'form',
    { class: 'card filters', 'data-test': 'history-filters' },
    heading('history.title'),
    el(
      'div',
      { class: 'grid' },
      field('currency', 'field.currency', {}, select([['', t('history.all_currencies')], ...CURRENCIES.map((c) => [c, c])])),
      field('type', 'history.filter', {}, select([['', t('history.all_types')], ...TYPES.map((type) => [type, t(`type.${type}`)])])),
    ),
  );
  const list = el('ul', { class: 'list card', 'data-test': 'history' });
  const more = el('button', { type: 'button', class: 'secondary block', 'data-test': 'more', hidden: true }, t('common.more'));
  view.append(filters, list, more);
  let cursor = null;

  async function page(reset) {
    const query = new URLSearchParams({ limit: String(PAGE_SIZE) });
    for (const name of ['currency', 'type']) {
      if (filters.elements[name].value) query.set(name, filters.elements[name].value);
    }
    if (!reset && cursor) query.set('cursor', cursor);
    more.disabled = true;
    list.setAttribute('aria-busy', 'true');
    const answer = await load(`/v1/transactions?${query}`);
    list.removeAttribute('aria-busy');
    more.disabled = false;
    if (!answer) return;
    if (reset) list.replaceChildren();
    list.append(...answer.data.map(transactionItem));
    if (!list.children.length) list.append(el('li', { class: 'muted' }, t('common.none')));
    cursor = answer.next_cursor;
    more.hidden = !answer.has_more;
  }
  filters.addEventListener('change', () => page(true));
  filters.addEventListener('submit', (event) => event.preventDefault());
  more.addEventListener('click', () => page(false));
  page(true);
}

export async function receiptScreen(view, [id]) {
  const card = el('section', { class: 'card', 'data-test': 'receipt' }, heading('receipt.title'));
  view.append(card);
  const entry = await load(`/v1/transactions/${encodeURIComponent(id)}`);
  if (!entry) return;
  let text = '';
  try {
    text = await receiptText(id);
  } catch (failure) {
    text = '';
  }
  mount(
    card,
    heading('receipt.title'),
    el('p', { class: 'big amount', 'data-test': 'receipt-amount' }, money(entry.amount, entry.currency)),
    el('p', {}, t(`type.${entry.type}`), ' ', stateBadge(entry.status)),
    el('p', { class: 'muted' }, i18n.date(entry.created)),
    el('pre', { class: 'receipt', 'data-test': 'receipt-text' }, text),
    el('button', { type: 'button', class: 'secondary no-print', onclick: () => window.print() }, t('receipt.print')),
  );
}

/** The printable receipt is plain text, which api() (JSON) does not read. */
async function receiptText(id) {
  const response = await fetch(`/v1/transactions/${encodeURIComponent(id)}/receipt`, {
    headers: { Authorization: `Bearer ${session.token}` },
  });
  return response.ok ? response.text() : '';
}

