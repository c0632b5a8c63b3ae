// Home: a balance per currency, opening another currency's wallet, recent activity.

import { el, toast, failureText } from '/assets/hp.js';
import { t, call, load, money, heading, CURRENCIES, i18n } from './core.js';
import { transactionItem } from './history.js';

export async function homeScreen(view) {
  const balances = el('div', { class: 'card', 'data-test': 'balances', 'aria-busy': 'true' }, heading('home.balance'));
  const actions = el(
    'div',
    { class: 'actions' },
    el('a', { class: 'button', href: '#/bank/topup', 'data-test': 'go-topup' }, t('home.topup')),
    el('a', { class: 'button secondary', href: '#/bank/withdraw', 'data-test': 'go-withdraw' }, t('home.withdraw')),
  );
  const opener = el('div', { class: 'card', 'data-test': 'open-wallet', hidden: true });
  const recent = el('section', { class: 'card', 'data-test': 'recent' }, el('h2', {}, t('home.recent')));
  view.append(balances, actions, opener, recent);

  const [wallets, history] = await Promise.all([
    load('/v1/wallets'),
    load('/v1/transactions?limit=5'),
  ]);
  balances.removeAttribute('aria-busy');
  if (wallets) {
    if (!wallets.data.length) balances.append(el('p', { class: 'muted', 'data-test': 'no-wallets' }, t('home.none')));
    for (const wallet of wallets.data) {
      balances.append(
        el(
          'div',
          { class: 'wallet', 'data-test': `wallet-${wallet.currency}` },
          el('div', { class: 'big amount', 'data-test': `balance-${wallet.currency}` }, money(wallet.balance, wallet.currency)),
          el('div', { class: 'muted' }, t('home.available', { amount: money(wallet.available, wallet.currency) })),
          wallet.incoming ? el('div', { class: 'muted' }, t('home.incoming', { amount: money(wallet.incoming, wallet.currency) })) : null,
        ),
      );
    }
    const held = new Set(wallets.data.map((wallet) => wallet.currency));
    const missing = CURRENCIES.filter((currency) => !held.has(currency));
    if (missing.length) {
      opener.hidden = false;
      opener.append(
        el('h2', {}, t('home.open')),
        el('div', { class: 'row' }, missing.map((currency) => openButton(currency))),
      );
    }
  }
  if (history) {
    recent.append(
      history.data.length
        ? el('ul', { class: 'list' }, history.data.map(transactionItem))
        : el('p', { class: 'muted' }, t('common.none')),
      el('a', { href: '#/history' }, t('home.all')),
    );
  }
}

function openButton(currency) {
  const button = el(
    'button',
    { type: 'button', class: 'secondary', 'data-test': `open-${currency}` },
    t('home.open_button', { currency }),
  );
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      await call('/v1/wallets', { method: 'POST', body: { currency } });
      toast(t('home.opened', { currency }), 'ok');
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    } catch (failure) {
      button.disabled = false;
      toast(failureText(failure, i18n), 'error');
    }
  });
  return button;
}
