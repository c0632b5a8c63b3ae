// Money in and out: send to a mobile number, top up from and withdraw to a linked bank account.

import { el, mount, toast, parseAmount, RetryKey } from '/assets/hp.js';
import { t, call, load, money, heading, field, select, pinInput, handleForm, invalid, CURRENCIES } from './core.js';

const BANK_POLL_MS = 1000;
const BANK_POLLS_MAX = 120; // the simulated bank answers within seconds; give up after two minutes

function amountOf(form, currency) {
  try {
    return parseAmount(form.elements.amount.value, currency);
  } catch (mistake) {
    throw invalid('amount', t(`error.${mistake.code}`));
  }
}

function amountField() {
  return field('amount', 'field.amount', { inputmode: 'decimal', autocomplete: 'off', placeholder: '0.00' });
}

export async function transferScreen(view) {
  const wallets = await load('/v1/wallets');
  const held = wallets ? wallets.data.map((wallet) => wallet.currency) : CURRENCIES;
  const result = el('div', { role: 'status', 'data-test': 'transfer-result' });
  const form = el(
    'form',
    { class: 'card', novalidate: true, 'data-test': 'transfer-form' },
    heading('transfer.title'),
    field('to_phone', 'transfer.to', { type: 'tel', autocomplete: 'tel', inputmode: 'tel' }),
    field('currency', 'field.currency', {}, select(held.map((c) => [c, c]))),
    amountField(),
    field('memo', 'transfer.memo', { maxlength: '140', autocomplete: 'off' }),
    field('pin', 'pin.label', pinInput({ autocomplete: 'off' })),
    el('button', { type: 'submit', class: 'block', 'data-test': 'transfer-submit' }, t('transfer.submit')),
    result,
  );
  view.append(form);
  handleForm(form, {
    retry: RetryKey.named('wallet.transfer'),
    body: () => {
      const currency = form.elements.currency.value;
      const body = {
        to_phone: form.elements.to_phone.value.trim(),
        amount: amountOf(form, currency),
        currency,
        pin: form.elements.pin.value,
      };
      const memo = form.elements.memo.value.trim();
      if (memo) body.memo = memo;
      return body;
    },
    send: (body, key) => call('/v1/transfers', { method: 'POST', body, key }),
    done: (sent) => {
      const text = t('transfer.done', { amount: money(sent.amount, sent.currency), phone: sent.to_phone });
      result.textContent = text;
      toast(text, 'ok');
      form.elements.amount.value = '';
      form.elements.pin.value = '';
      form.elements.memo.value = '';
    },
  });
}

/** #/bank/topup or #/bank/withdraw: the linked accounts, linking one, and the transfer. */
export async function bankScreen(view, [kind = 'topup']) {
  const withdraw = kind === 'withdraw';
  const accountsCard = el('section', { class: 'card', 'data-test': 'bank-accounts' }, el('h2', {}, t('bank.title')));
  const linkForm = el(
    'form',
    { novalidate: true, 'data-test': 'link-form' },
    field('bank_code', 'bank.code', { inputmode: 'numeric', maxlength: '3', autocomplete: 'off' }),
    field('account_number', 'bank.number', { inputmode: 'numeric', autocomplete: 'off' }),
    field('holder_name', 'bank.holder', { autocomplete: 'name' }),
    field('currency', 'field.currency', {}, select(CURRENCIES.map((c) => [c, c]))),
    el('button', { type: 'submit', class: 'block', 'data-test': 'link-submit' }, t('bank.add')),
  );
  const linkBox = el('details', { class: 'card' }, el('summary', {}, t('bank.add')), linkForm);
  const outcome = el('div', { role: 'status', 'aria-live': 'polite', 'data-test': 'bank-outcome' });
  const moveForm = el(
    'form',
    { class: 'card', novalidate: true, 'data-test': `${kind}-form` },
    heading(withdraw ? 'withdraw.title' : 'topup.title'),
    field('bank_account', 'bank.account', {}, el('select')),
    amountField(),
    withdraw ? field('pin', 'pin.label', pinInput({ autocomplete: 'off' })) : null,
    el('button', { type: 'submit', class: 'block', 'data-test': `${kind}-submit` }, t(withdraw ? 'withdraw.submit' : 'topup.submit')),
    outcome,
  );
  view.append(moveForm, accountsCard, linkBox);
  let accounts = [];

  async function refresh() {
    const answer = await load('/v1/bank-accounts');
    accounts = answer ? answer.data : [];
    const chooser = moveForm.elements.bank_account;
    mount(chooser, accounts.map((a) => el('option', { value: a.id }, `${a.bank_code} ${a.account_number} (${a.currency})`)));
    mount(
      accountsCard,
      el('h2', {}, t('bank.title')),
      accounts.length
        ? el('ul', { class: 'list' }, accounts.map((a) => el('li', { 'data-test': 'bank-account' }, `${a.bank_code} ${a.account_number} · ${a.holder_name} · ${a.currency}`)))
        : el('p', { class: 'muted' }, t('bank.none')),
    );
    linkBox.open = accounts.length === 0;
  }

  handleForm(linkForm, {
    body: () => ({
      bank_code: linkForm.elements.bank_code.value.trim(),
      account_number: linkForm.elements.account_number.value.trim(),
      holder_name: linkForm.elements.holder_name.value.trim(),
      currency: linkForm.elements.currency.value,
    }),
    send: (body, key) => call('/v1/bank-accounts', { method: 'POST', body, key }),
    done: async () => {
      toast(t('bank.added'), 'ok');
      linkForm.reset();
      await refresh();
    },
  });

  handleForm(moveForm, {
    retry: RetryKey.named(withdraw ? 'wallet.withdraw' : 'wallet.topup'),
    body: () => {
      const account = accounts.find((a) => a.id === moveForm.elements.bank_account.value);
      if (!account) throw invalid('bank_account', t('bank.none'));
      const body = { bank_account: account.id, amount: amountOf(moveForm, account.currency), currency: account.currency };
      if (withdraw) body.pin = moveForm.elements.pin.value;
      return body;
    },
    send: (body, key) => call(withdraw ? '/v1/withdrawals' : '/v1/topups', { method: 'POST', body, key }),
    done: async (started) => {
      moveForm.elements.amount.value = '';
      if (withdraw) moveForm.elements.pin.value = '';
      // Not awaited: the form is free again at once while the bank's answer is polled for.
      follow(withdraw ? 'withdrawals' : 'topups', started, outcome);
    },
  });
  await refresh();
}

/** The bank's refusal in words; an unknown code as the server sent it. */
function failureReason(code) {
  const key = `bankfail.${code}`;
  const text = t(key);
  return text === key ? code : text;
}

/** Shows a bank transfer as pending, polls until the bank has answered, then its outcome. */
async function follow(collection, transfer, outcome) {
  const show = (current) => {
    const amount = money(current.amount, current.currency);
    const kind = current.status === 'succeeded' ? 'ok' : current.status === 'failed' ? 'bad' : 'wait';
    const text =
      current.status === 'succeeded'
        ? t('bank.succeeded', { amount })
        : current.status === 'failed'
          ? t('bank.failed', { reason: failureReason(current.failure_code) })
          : poll >= BANK_POLLS_MAX ? t('bank.still_processing') : t('bank.processing');
    mount(outcome, el('p', { class: `badge ${kind}`, 'data-test': 'bank-status', 'data-status': current.status }, text));
  };
  let current = transfer;
  let poll = 0;
  show(current);
  for (; current.status === 'processing' && poll < BANK_POLLS_MAX; poll++) {
    await new Promise((resolve) => setTimeout(resolve, BANK_POLL_MS));
    if (!outcome.isConnected) return;
    try {
      current = await call(`/v1/${collection}/${transfer.id}`);
    } catch (failure) {
      continue; // offline for a moment: keep polling within the bound
    }
    show(current);
  }
  // Out of polls with no answer: say where the outcome will be instead of waiting in silence.
  if (current.status === 'processing' && outcome.isConnected) show(current);
}
