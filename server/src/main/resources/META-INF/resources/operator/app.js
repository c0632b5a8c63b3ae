// The operator console: login with an operator account, then dashboards, customers, identity
// reviews, merchants, limits, the audit log and (admins) operator accounts. Plain ES modules over
// the shared /assets/hp.js; the server checks every role again, the console only hides what a
// role cannot use.

import { api, ApiFailure, el, mount, toast, failureText, forms, router, I18n, minorDigits, parseAmount } from '/assets/hp.js';
import { TEXTS } from '/operator/texts.js';
import { barChart } from '/operator/charts.js';

const i18n = new I18n(TEXTS);
const t = (key, vars) => i18n.t(key, vars);
const { handleForm } = forms(i18n);
const TOKEN_KEY = 'hp.operator.token';
const main = document.getElementById('main');
const nav = document.getElementById('nav');

/** Screens and the roles that may open them (admin may open all); mirrors the server's rules. */
const SCREENS = [
  { hash: '#/dashboard', key: 'nav.dashboard', roles: ['viewer', 'support', 'compliance', 'merchant_ops'] },
  { hash: '#/customers', key: 'nav.customers', roles: ['support', 'compliance'] },
  { hash: '#/reviews', key: 'nav.reviews', roles: ['compliance'] },
  { hash: '#/merchants', key: 'nav.merchants', roles: ['merchant_ops', 'compliance', 'support'] },
  { hash: '#/limits', key: 'nav.limits', roles: ['viewer', 'support', 'compliance', 'merchant_ops'] },
  { hash: '#/audit', key: 'nav.audit', roles: ['compliance'] },
  { hash: '#/operators', key: 'nav.operators', roles: ['admin'] },
  { hash: '#/account', key: 'nav.account', roles: [] },
];

let me = null;
let current = () => {};

function token() {
  return sessionStorage.getItem(TOKEN_KEY);
}

function may(roles) {
  if (!me) return false;
  return roles.length === 0 || me.roles.includes('admin') || roles.some((r) => me.roles.includes(r));
}

/** Calls the API as the operator; a 401 ends the session and shows the login. */
async function call(path, options = {}) {
  try {
    return await api(path, { ...options, auth: `Bearer ${token()}` });
  } catch (error) {
    if (error instanceof ApiFailure && error.status === 401) {
      sessionStorage.removeItem(TOKEN_KEY);
      me = null;
      showLogin(t('login.expired'));
    }
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------
// Forms (hp.js handleForm): the button is disabled while in flight; a failure is shown next to the
// field the server names (error.param) or in the form's error line; a retry of the same request
// after a lost answer reuses its key.

function field(name, labelKey, attrs = {}) {
  const id = `f-${name}-${Math.random().toString(36).slice(2, 8)}`;
  const input = attrs.options
    ? el('select', { id, name, 'data-test': attrs.test || name },
      ...attrs.options.map(([value, text]) => el('option', { value }, text)))
    : el('input', { id, name, type: attrs.type || 'text', autocomplete: attrs.autocomplete || 'off',
      'data-test': attrs.test || name, value: attrs.value, inputmode: attrs.inputmode, required: attrs.required });
  if (attrs.options && attrs.value) input.value = attrs.value;
  return el('div', { class: 'field' }, el('label', { for: id }, t(labelKey)), input,
    el('div', { class: 'field-error', 'data-error-for': name, hidden: true }));
}

/**
 * A form whose submit runs `action(values, key)`. `key` is the Idempotency-Key: the same while the
 * values stay the same and no answer came (a retry after a network failure replays, never
 * repeats), new once they change or after a definite answer (hp.js RetryKey).
 */
function form({ test, fields, submitKey, submitClass, action, inline }) {
  const button = el('button', { type: 'submit', class: submitClass || '', 'data-test': `${test}-submit` }, t(submitKey));
  const node = el('form', { class: inline ? 'inline-form' : '', 'data-test': test, novalidate: true },
    ...fields, button, el('div', { class: 'form-error', role: 'alert', 'data-test': `${test}-error`, hidden: true }));
  return handleForm(node, { button, body: () => Object.fromEntries(new FormData(node).entries()), send: action });
}

function badge(status) {
  const kind = { active: 'ok', approved: 'ok', locked: 'bad', suspended: 'bad', disabled: 'bad', rejected: 'bad', pending: 'wait' }[status] || '';
  return el('span', { class: `badge ${kind}`, 'data-test': 'status' }, t(`status.${status}`));
}

function table(headers, rows, test) {
  return el('div', { class: 'table-wrap' }, el('table', { 'data-test': test },
    el('thead', {}, el('tr', {}, ...headers.map((h) => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, ...rows)));
}

function page(titleKey, ...content) {
  mount(main, el('h2', { 'data-test': 'page-title' }, t(titleKey)), ...content);
  document.title = `${t(titleKey)} · ${t('title')}`;
}

async function load(render) {
  mount(main, el('p', { class: 'muted' }, t('common.loading')));
  try {
    await render();
  } catch (error) {
    if (!(error instanceof ApiFailure && error.status === 401)) {
      mount(main, el('p', { class: 'form-error', role: 'alert', 'data-test': 'load-error' }, failureText(error, i18n)));
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Login and the frame

function showLogin(message) {
  nav.hidden = true;
  document.getElementById('logout').hidden = true;
  mount(document.getElementById('who'));
  const login = form({
    test: 'login',
    submitKey: 'login.submit',
    submitClass: 'block',
    fields: [
      field('username', 'login.username', { autocomplete: 'username' }),
      field('password', 'login.password', { type: 'password', autocomplete: 'current-password' }),
    ],
    action: async (values) => {
      const session = await api('/v1/operator/login', { method: 'POST', body: values });
      sessionStorage.setItem(TOKEN_KEY, session.token);
      await start();
    },
  });
  mount(main, el('div', { class: 'narrow card' }, el('h2', {}, t('login.title')),
    message ? el('p', { class: 'muted', 'data-test': 'login-message' }, message) : null, login));
  document.title = `${t('login.title')} · ${t('title')}`;
  login.querySelector('input').focus();
}

function renderNav() {
  const hash = (location.hash || '#/dashboard').split('/').slice(0, 2).join('/');
  mount(nav, ...SCREENS.filter((s) => may(s.roles)).map((s) =>
    el('a', { href: s.hash, 'data-test': `nav-${s.hash.slice(2)}`, 'aria-current': s.hash === hash ? 'page' : false }, t(s.key))));
  nav.hidden = false;
  const logout = document.getElementById('logout');
  logout.hidden = false;
  mount(document.getElementById('who'), `${me.display_name} · ${me.roles.map((r) => t(`role.${r}`)).join(', ')}`);
}

function guarded(hash, render) {
  const screen = SCREENS.find((s) => s.hash === hash);
  return (params) => {
    renderNav();
    if (!may(screen.roles)) {
      page('denied.title', el('p', { 'data-test': 'denied' },
        t('denied.text', { roles: ['admin', ...screen.roles].map((r) => t(`role.${r}`)).join(' / ') })));
      return;
    }
    current = () => render(params);
    current();
  };
}

async function start() {
  if (!token()) {
    showLogin();
    return;
  }
  try {
    me = await call('/v1/operator/me');
  } catch (error) {
    if (!(error instanceof ApiFailure && error.status === 401)) toast(failureText(error, i18n), 'error');
    return;
  }
  if (!location.hash || location.hash === '#/login') location.hash = '#/dashboard';
  routerGo();
}

document.getElementById('logout').addEventListener('click', async (event) => {
  event.target.disabled = true;
  try {
    await call('/v1/operator/logout', { method: 'POST' });
  } catch (ignored) {
    // The session is forgotten here either way.
  } finally {
    event.target.disabled = false;
    sessionStorage.removeItem(TOKEN_KEY);
    me = null;
    showLogin();
  }
});

// ---------------------------------------------------------------------------------------------
// Dashboard

const COLORS = ['#0b6e4f', '#1f6feb', '#9a6700', '#8250df'];

async function dashboard(days = '30') {
  await load(async () => {
    const [stats, books] = await Promise.all([
      call(`/v1/operator/stats?days=${encodeURIComponent(days)}`),
      call('/v1/operator/ledger/check'),
    ]);
    const labels = stats.days.map((d) => d.day.slice(5));
    const currencies = [...new Set(stats.days.flatMap((d) => [...Object.keys(d.captured), ...Object.keys(d.refunded)]))].sort();
    const period = el('select', { 'data-test': 'days', 'aria-label': t('dash.days') },
      ...[['7', 'dash.days7'], ['30', 'dash.days30'], ['90', 'dash.days90']].map(([v, k]) => el('option', { value: v }, t(k))));
    period.value = days;
    period.addEventListener('change', () => dashboard(period.value));
    const count = (n) => String(Math.round(n));
    const volumeCharts = currencies.map((currency) => el('div', { class: 'card chart', 'data-test': `volume-${currency}` },
      el('h3', {}, t('dash.volume', { currency })),
      barChart({
        title: t('dash.volume', { currency }),
        labels,
        testName: `chart-volume-${currency}`,
        format: (minor) => i18n.money(Math.round(minor), currency),
        axisFormat: (minor) => wholeUnits(minor, currency),
        series: [
          { name: t('dash.captured'), color: COLORS[0], values: stats.days.map((d) => d.captured[currency] || 0) },
          { name: t('dash.refunded'), color: COLORS[2], values: stats.days.map((d) => d.refunded[currency] || 0) },
        ],
      }),
      legend([[t('dash.captured'), COLORS[0]], [t('dash.refunded'), COLORS[2]]])));
    page('nav.dashboard',
      el('div', { class: 'row' }, period),
      el('div', { class: 'grid', style: 'margin-top:12px' },
        el('div', { class: 'card' }, el('div', { class: 'muted' }, t('dash.active')),
          el('div', { class: 'stat', 'data-test': 'active-customers' }, count(stats.active_customers)),
          el('div', { class: 'muted' }, t('dash.activeHint'))),
        el('div', { class: 'card' }, el('div', { class: 'muted' }, t('dash.stores')),
          el('div', { class: 'stat', 'data-test': 'accepting-stores' }, count(stats.accepting_stores)),
          el('div', { class: 'muted' }, t('dash.storesHint'))),
        el('div', { class: 'card' }, el('div', { class: 'muted' }, t('dash.books')),
          el('div', { class: 'stat', 'data-test': 'books' }, books.balanced ? t('dash.balanced') : t('dash.unbalanced')))),
      el('div', { class: 'charts' },
        el('div', { class: 'card chart' }, el('h3', {}, t('dash.activePerDay')),
          barChart({ title: t('dash.activePerDay'), labels, testName: 'chart-active', format: count, integer: true,
            series: [{ name: t('dash.active'), color: COLORS[0], values: stats.days.map((d) => d.active_customers) }] })),
        el('div', { class: 'card chart' }, el('h3', {}, t('dash.storesPerDay')),
          barChart({ title: t('dash.storesPerDay'), labels, testName: 'chart-stores', format: count, integer: true,
            series: [{ name: t('dash.stores'), color: COLORS[1], values: stats.days.map((d) => d.accepting_stores) }] })),
        ...volumeCharts),
      currencies.length ? null : el('p', { class: 'muted' }, t('dash.noVolume')));
  });
}

/** An axis label: whole currency units ("HK$1,000"), from minor units by integer arithmetic. */
function wholeUnits(minor, currency) {
  const digits = minorDigits(currency);
  const whole = Math.round(minor / 10 ** digits);
  return new Intl.NumberFormat(i18n.lang, { style: 'currency', currency, maximumFractionDigits: 0, minimumFractionDigits: 0 }).format(whole);
}

function legend(entries) {
  return el('div', { class: 'legend' }, ...entries.map(([name, color]) =>
    el('span', {}, el('span', { class: 'swatch', style: `background:${color}` }), name)));
}

// ---------------------------------------------------------------------------------------------
// Customers

function tierText(tier) {
  return t(`tier.${tier}`);
}

async function customers(params) {
  if (params[0]) return customerDetail(params[0]);
  const results = el('div', { 'data-test': 'customer-results' });
  const more = el('button', { type: 'button', class: 'secondary', 'data-test': 'more', hidden: true }, t('common.more'));
  let cursor = null;
  let query = '';
  let rowsBody = null;
  async function fetchPage(reset) {
    const url = `/v1/operator/customers?limit=20&q=${encodeURIComponent(query)}${cursor && !reset ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const list = await call(url);
    if (reset || !rowsBody) {
      rowsBody = null;
      const tableNode = table([t('cust.id'), t('cust.phone'), t('cust.name'), t('cust.tier'), t('cust.status'), t('cust.since')], [], 'customers');
      rowsBody = tableNode.querySelector('tbody');
      mount(results, tableNode);
    }
    for (const c of list.data) {
      const open = () => { location.hash = `#/customers/${c.id}`; };
      rowsBody.append(el('tr', { class: 'clickable', 'data-test': 'customer-row', 'data-id': c.id, onclick: open },
        el('td', {}, el('a', { href: `#/customers/${c.id}` }, c.id)), el('td', {}, c.phone), el('td', {}, c.full_name || '—'),
        el('td', {}, tierText(c.tier)), el('td', {}, badge(c.status)), el('td', {}, i18n.date(c.created_at, false))));
    }
    if (!list.data.length && reset) mount(results, el('p', { class: 'muted' }, t('common.none')));
    cursor = list.next_cursor;
    more.hidden = !list.has_more;
  }
  more.addEventListener('click', async () => {
    more.disabled = true;
    try { await fetchPage(false); } catch (error) { toast(failureText(error, i18n), 'error'); } finally { more.disabled = false; }
  });
  const search = form({
    test: 'customer-search', inline: true, submitKey: 'cust.searchButton',
    fields: [field('q', 'cust.search', { test: 'customer-query', value: query })],
    action: async (values) => { query = values.q || ''; cursor = null; await fetchPage(true); },
  });
  await load(async () => {
    page('nav.customers', el('div', { class: 'card' }, search), results, more);
    await fetchPage(true);
  });
}

async function customerDetail(id) {
  await load(async () => {
    const c = await call(`/v1/operator/customers/${encodeURIComponent(id)}`);
    const locked = c.status === 'locked';
    const lockForm = form({
      test: locked ? 'unlock' : 'lock', inline: true,
      submitKey: locked ? 'cust.unlock' : 'cust.lock', submitClass: locked ? '' : 'danger',
      fields: [field('reason', 'cust.reason', { test: 'reason' })],
      action: async (values) => {
        await call(`/v1/operator/customers/${encodeURIComponent(id)}/${locked ? 'unlock' : 'lock'}`,
          { method: 'POST', body: { reason: values.reason } });
        toast(t(locked ? 'cust.unlocked' : 'cust.locked'), 'ok');
        await customerDetail(id);
      },
    });
    const tierForm = mayChangeLimits() ? form({
      test: 'tier-change', inline: true, submitKey: 'cust.tierChange',
      fields: [
        field('tier', 'cust.newTier', { test: 'new-tier', value: c.tier,
          options: ['unverified', 'intermediate', 'advanced'].map((tier) => [tier, tierText(tier)]) }),
        field('reason', 'cust.tierReason', { test: 'tier-reason' }),
      ],
      action: async (values, key) => {
        if (values.tier === c.tier) throw new ApiFailure(400, { code: 'no_change', param: 'tier', message: t('cust.tierSame') });
        if (!values.reason || !values.reason.trim()) throw new ApiFailure(400, { code: 'parameter_missing', param: 'reason', message: t('lim.reasonRequired') });
        confirmation(tierForm, 'tier-confirm', [t('cust.tierConfirm', { from: tierText(c.tier), to: tierText(values.tier) })], 'cust.tierChange', async () => {
          await call(`/v1/operator/customers/${encodeURIComponent(id)}/tier`,
            { method: 'POST', body: { tier: values.tier, reason: values.reason }, key });
          toast(t('cust.tierChanged'), 'ok');
          await customerDetail(id);
        });
      },
    }) : null;
    const wallets = table([t('cust.currency'), t('cust.balance'), t('cust.available'), t('cust.dailyLeft')],
      c.wallets.map((w) => el('tr', { 'data-test': `wallet-${w.currency}` }, el('td', {}, w.currency),
        el('td', { class: 'amount' }, i18n.money(w.balance, w.currency)),
        el('td', { class: 'amount' }, i18n.money(w.available, w.currency)),
        el('td', { class: 'amount' }, i18n.money(w.limits.daily_remaining, w.currency)))), 'wallets');
    const review = c.latest_review;
    page('cust.id',
      el('div', { class: 'card', 'data-test': 'customer-detail' },
        el('dl', { class: 'facts' },
          el('dt', {}, t('cust.id')), el('dd', { 'data-test': 'customer-id' }, c.id),
          el('dt', {}, t('cust.phone')), el('dd', {}, c.phone),
          el('dt', {}, t('cust.name')), el('dd', {}, c.full_name || '—'),
          el('dt', {}, t('cust.tier')), el('dd', { 'data-test': 'customer-tier' }, tierText(c.tier)),
          el('dt', {}, t('cust.status')), el('dd', { 'data-test': 'customer-status' }, badge(c.status)),
          el('dt', {}, t('cust.pin')), el('dd', {}, c.pin_locked ? t('cust.pinLocked') : c.pin_set ? t('cust.pinSet') : t('cust.pinNotSet')),
          el('dt', {}, t('cust.since')), el('dd', {}, i18n.date(c.created_at))),
        el('p', { class: 'muted' }, t(tierForm ? 'cust.tierHintEdit' : 'cust.tierHint')),
        tierForm, lockForm),
      el('div', { class: 'card' }, el('h3', {}, t('cust.wallets')), c.wallets.length ? wallets : el('p', { class: 'muted' }, t('common.none'))),
      review ? el('div', { class: 'card', 'data-test': 'latest-review' }, el('h3', {}, t('cust.review')),
        el('dl', { class: 'facts' },
          el('dt', {}, t('rev.document')), el('dd', {}, `${review.document_type} ${review.document_number}`),
          el('dt', {}, t('rev.requested')), el('dd', {}, tierText(review.requested_tier)),
          el('dt', {}, t('cust.status')), el('dd', {}, badge(review.status)),
          el('dt', {}, t('rev.submitted')), el('dd', {}, i18n.date(review.submitted)))) : null,
      el('a', { href: '#/customers' }, t('common.back')));
  });
}

// ---------------------------------------------------------------------------------------------
// Identity reviews

async function reviews(params) {
  await load(async () => {
    const list = await call('/v1/operator/identity-reviews?limit=100');
    const selected = list.data.find((r) => r.id === params[0]);
    const rows = list.data.map((r) => el('tr', { 'data-test': 'review-row', 'data-id': r.id },
      el('td', {}, i18n.date(r.submitted)), el('td', {}, r.full_name), el('td', {}, `${r.document_type} ${r.document_number}`),
      el('td', {}, tierText(r.requested_tier)),
      el('td', {}, el('a', { href: `#/reviews/${r.id}`, 'data-test': 'review-open' }, t('rev.open')))));
    page('nav.reviews',
      selected ? reviewPanel(selected) : null,
      el('div', { class: 'card' }, el('h3', {}, t('rev.queue')),
        rows.length ? table([t('rev.submitted'), t('cust.name'), t('rev.document'), t('rev.requested'), ''], rows, 'reviews')
          : el('p', { class: 'muted', 'data-test': 'reviews-empty' }, t('rev.empty'))));
  });
}

function reviewPanel(review) {
  const decide = (verb, bodyKey, doneKey) => async (values) => {
    await call(`/v1/operator/identity-reviews/${encodeURIComponent(review.id)}/${verb}`,
      { method: 'POST', body: { [bodyKey]: values[bodyKey] || undefined } });
    toast(t(doneKey), 'ok');
    location.hash = '#/reviews';
  };
  return el('div', { class: 'card', 'data-test': 'review-detail' },
    el('h3', {}, `${review.full_name} · ${review.id}`),
    el('dl', { class: 'facts' },
      el('dt', {}, t('cust.id')), el('dd', {}, el('a', { href: `#/customers/${review.customer}` }, review.customer)),
      el('dt', {}, t('cust.name')), el('dd', { 'data-test': 'review-name' }, review.full_name),
      el('dt', {}, t('rev.document')), el('dd', {}, review.document_type),
      el('dt', {}, t('rev.number')), el('dd', {}, review.document_number),
      el('dt', {}, t('rev.requested')), el('dd', {}, tierText(review.requested_tier)),
      el('dt', {}, t('rev.submitted')), el('dd', {}, i18n.date(review.submitted))),
    form({ test: 'approve', inline: true, submitKey: 'rev.approve', fields: [field('note', 'rev.note', { test: 'note' })],
      action: decide('approve', 'note', 'rev.approved') }),
    form({ test: 'reject', inline: true, submitKey: 'rev.reject', submitClass: 'danger',
      fields: [field('reason', 'rev.reason', { test: 'reject-reason' })], action: decide('reject', 'reason', 'rev.rejected') }));
}

// ---------------------------------------------------------------------------------------------
// Merchants

function rateText(bps) {
  return t('mch.rateShown', { bps, percent: (bps / 100).toFixed(2) });
}

async function merchants(params) {
  if (params[0]) return merchantDetail(params[0]);
  const writer = may(['merchant_ops']);
  await load(async () => {
    const rows = [];
    let cursor = null;
    // Every merchant, a page at a time (bounded: at most 20 pages of 100 on this screen).
    for (let pageCount = 0; pageCount < 20; pageCount++) {
      const list = await call(`/v1/operator/merchants?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      rows.push(...list.data);
      cursor = list.next_cursor;
      if (!list.has_more) break;
    }
    const onboard = writer ? form({
      test: 'onboard', inline: true, submitKey: 'mch.onboard',
      fields: [
        field('legal_name', 'mch.legalName'), field('mcc', 'mch.mcc', { inputmode: 'numeric' }),
        field('country', 'mch.country', { value: 'HK' }),
        field('settlement_currency', 'mch.currency', { options: [['HKD', 'HKD'], ['CNY', 'CNY'], ['MOP', 'MOP']] }),
        field('discount_rate_bps', 'mch.rate', { inputmode: 'numeric', value: '60' }),
        field('bank_code', 'mch.bankCode', { inputmode: 'numeric' }),
        field('bank_account_number', 'mch.bankAccount', { inputmode: 'numeric' }),
      ],
      action: async (values, key) => {
        const body = { ...values, discount_rate_bps: integer(values.discount_rate_bps) };
        const merchant = await call('/v1/operator/merchants', { method: 'POST', body, key });
        toast(t('mch.onboarded'), 'ok');
        location.hash = `#/merchants/${merchant.id}`;
      },
    }) : null;
    page('nav.merchants',
      onboard ? el('div', { class: 'card' }, el('h3', {}, t('mch.onboard')), onboard) : null,
      table([t('mch.legalName'), 'MCC', t('mch.currency'), t('mch.rate'), t('cust.status')],
        rows.map((m) => el('tr', { 'data-test': 'merchant-row', 'data-id': m.id },
          el('td', {}, el('a', { href: `#/merchants/${m.id}` }, m.legal_name)), el('td', {}, m.mcc),
          el('td', {}, m.settlement_currency), el('td', {}, rateText(m.discount_rate_bps)), el('td', {}, badge(m.status)))),
        'merchants'));
  });
}

/** A whole number typed into a field, sent as a JSON integer (the server refuses strings). */
function integer(text) {
  const trimmed = String(text ?? '').trim();
  return /^-?\d{1,9}$/.test(trimmed) ? Number(trimmed) : trimmed;
}

async function merchantDetail(id) {
  const writer = may(['merchant_ops']);
  const base = `/v1/operator/merchants/${encodeURIComponent(id)}`;
  await load(async () => {
    const [m, stores] = await Promise.all([call(base), call(`${base}/stores?limit=100`)]);
    const suspended = m.status === 'suspended';
    const controls = writer ? [
      form({ test: 'rate', inline: true, submitKey: 'mch.setRate',
        fields: [field('discount_rate_bps', 'mch.rate', { value: String(m.discount_rate_bps), inputmode: 'numeric', test: 'rate-input' })],
        action: async (values) => {
          await call(`${base}/discount-rate`, { method: 'POST', body: { discount_rate_bps: integer(values.discount_rate_bps) } });
          toast(t('mch.rateSaved'), 'ok');
          await merchantDetail(id);
        } }),
      form({ test: suspended ? 'activate' : 'suspend', inline: true, submitKey: suspended ? 'mch.activate' : 'mch.suspend',
        submitClass: suspended ? '' : 'danger', fields: [field('reason', 'cust.reason', { test: 'status-reason' })],
        action: async (values) => {
          await call(`${base}/${suspended ? 'activate' : 'suspend'}`, { method: 'POST', body: { reason: values.reason } });
          toast(t(suspended ? 'mch.activated' : 'mch.suspended'), 'ok');
          await merchantDetail(id);
        } }),
    ] : [];
    const addStore = writer ? form({ test: 'add-store', inline: true, submitKey: 'mch.addStore',
      fields: [field('name_en', 'mch.nameEn'), field('name_zh', 'mch.nameZh'), field('address', 'mch.address'), field('district', 'mch.district')],
      action: async (values, key) => {
        await call(`${base}/stores`, { method: 'POST', body: values, key });
        toast(t('mch.storeAdded'), 'ok');
        await merchantDetail(id);
      } }) : null;
    const storeRows = stores.data.map((s) => {
      const row = el('tr', { 'data-test': 'store-row', 'data-id': s.id });
      const button = el('button', { type: 'button', class: 'link', 'data-test': 'show-terminals', 'aria-expanded': 'false' }, t('mch.showTerminals'));
      button.addEventListener('click', () => toggleTerminals(base, s, row, button, writer));
      mount(row, el('td', {}, s.name_en), el('td', {}, s.name_zh), el('td', {}, s.district), el('td', {}, button));
      return row;
    });
    page('nav.merchants',
      el('div', { class: 'card', 'data-test': 'merchant-detail' },
        el('h3', { 'data-test': 'merchant-name' }, m.legal_name),
        el('dl', { class: 'facts' },
          el('dt', {}, 'ID'), el('dd', { 'data-test': 'merchant-id' }, m.id),
          el('dt', {}, 'MCC'), el('dd', {}, m.mcc),
          el('dt', {}, t('mch.country')), el('dd', {}, m.country),
          el('dt', {}, t('mch.currency')), el('dd', {}, m.settlement_currency),
          el('dt', {}, t('mch.rate')), el('dd', { 'data-test': 'merchant-rate' }, rateText(m.discount_rate_bps)),
          el('dt', {}, t('mch.bankAccount')), el('dd', {}, `${m.bank_code} ${m.bank_account_number}`),
          el('dt', {}, t('cust.status')), el('dd', { 'data-test': 'merchant-status' }, badge(m.status)),
          el('dt', {}, t('mch.storesCount')), el('dd', {}, String(m.stores_count ?? stores.data.length))),
        ...controls),
      el('div', { class: 'card' }, el('h3', {}, t('mch.stores')), addStore,
        storeRows.length ? table([t('mch.nameEn'), t('mch.nameZh'), t('mch.district'), ''], storeRows, 'stores') : el('p', { class: 'muted' }, t('common.none'))),
      el('a', { href: '#/merchants' }, t('common.back')));
  });
}

async function toggleTerminals(base, store, row, button, writer) {
  const next = row.nextElementSibling;
  if (next && next.dataset.terminalsFor === store.id) {
    next.remove();
    button.setAttribute('aria-expanded', 'false');
    return;
  }
  button.disabled = true;
  try {
    const url = `${base}/stores/${encodeURIComponent(store.id)}/terminals`;
    const list = await call(`${url}?limit=100`);
    const holder = el('td', { colspan: 4 },
      el('ul', { class: 'list', 'data-test': 'terminals' }, ...list.data.map((x) => el('li', {}, `${x.label} · ${x.id} `, badge(x.status)))),
      writer ? form({ test: 'add-terminal', inline: true, submitKey: 'mch.addTerminal', fields: [field('label', 'mch.label')],
        action: async (values, key) => {
          await call(url, { method: 'POST', body: values, key });
          toast(t('mch.terminalAdded'), 'ok');
          row.nextElementSibling.remove();
          await toggleTerminals(base, store, row, button, writer);
        } }) : null);
    row.after(el('tr', { 'data-terminals-for': store.id }, holder));
    button.setAttribute('aria-expanded', 'true');
  } catch (error) {
    toast(failureText(error, i18n), 'error');
  } finally {
    button.disabled = false;
  }
}

// ---------------------------------------------------------------------------------------------
// Limits, audit, operators, account

const LIMIT_FIELDS = [['per_payment', 'lim.perPayment'], ['daily', 'lim.daily'], ['yearly', 'lim.yearly'], ['balance_cap', 'lim.cap']];

/** Compliance and admins may change limits and tiers; mirrors the server's rule. */
function mayChangeLimits() {
  return may(['compliance']);
}

/** Minor units as a plain editable amount ("10000.00"): string arithmetic, never a float. */
function plainAmount(minor, currency) {
  const digits = minorDigits(currency);
  if (!digits) return String(minor);
  const text = String(minor).padStart(digits + 1, '0');
  return `${text.slice(0, -digits)}.${text.slice(-digits)}`;
}

/** A limit typed by the operator, in minor units; 0 is a valid limit (nothing allowed). */
function parseLimit(text, currency) {
  try {
    return parseAmount(text, currency);
  } catch (error) {
    if (error.code === 'amount_positive') return 0;
    throw error;
  }
}

/**
 * An in-page confirmation under `anchor`: what will change and a button that does it. Replaces
 * any earlier one; Cancel removes it.
 */
function confirmation(anchor, test, lines, confirmKey, onConfirm) {
  const old = anchor.parentNode.querySelector(`[data-test="${test}"]`);
  if (old) old.remove();
  const yes = el('button', { type: 'button', 'data-test': `${test}-yes` }, t(confirmKey));
  const no = el('button', { type: 'button', class: 'secondary', 'data-test': `${test}-no` }, t('common.cancel'));
  const error = el('div', { class: 'form-error', role: 'alert', hidden: true, 'data-test': `${test}-error` });
  const box = el('div', { class: 'card confirm', role: 'alertdialog', 'data-test': test },
    el('h3', {}, t('common.confirmTitle')),
    el('ul', {}, ...lines.map((line) => el('li', { 'data-test': `${test}-line` }, line))),
    el('div', { class: 'actions' }, yes, no), error);
  no.addEventListener('click', () => box.remove());
  yes.addEventListener('click', async () => {
    yes.disabled = true;
    try {
      await onConfirm();
    } catch (failure) {
      error.textContent = failureText(failure, i18n);
      error.hidden = false;
    } finally {
      yes.disabled = false;
    }
  });
  anchor.after(box);
  yes.focus();
  return box;
}

async function limits() {
  await load(async () => {
    const [config, history] = await Promise.all([
      call('/v1/operator/limits'), call('/v1/operator/limits/history?limit=20')]);
    const editable = config.editable && mayChangeLimits();
    const version = el('p', { 'data-test': 'limits-version' },
      t('lim.version', { version: config.version, actor: config.actor, at: i18n.date(config.created_at) }));
    const cards = config.currencies.map((c) => el('div', { class: 'card', 'data-test': `limits-${c.currency}` },
      el('h3', {}, t('lim.title', { currency: c.currency })),
      table([t('cust.tier'), ...LIMIT_FIELDS.map(([, key]) => t(key))],
        c.tiers.map((row) => el('tr', { 'data-test': `limit-${row.tier}` }, el('td', {}, tierText(row.tier)),
          ...LIMIT_FIELDS.map(([name]) => el('td', { class: 'amount' }, editable
            ? limitInput(`${c.currency}.${row.tier}.${name}`, plainAmount(row[name], c.currency), `${tierText(row.tier)} ${t(LIMIT_FIELDS.find(([n]) => n === name)[1])}`)
            : i18n.money(row[name], c.currency))))),
        `limits-table-${c.currency}`)));
    const past = el('div', { class: 'card', 'data-test': 'limits-history' }, el('h3', {}, t('lim.history')),
      table([t('lim.colVersion'), t('lim.colAt'), t('lim.colActor'), t('lim.colReason')],
        history.data.map((v) => el('tr', { 'data-test': 'limits-history-row' },
          el('td', {}, String(v.version)), el('td', {}, i18n.date(v.created_at)), el('td', {}, v.actor), el('td', {}, v.reason))),
        'limits-history-table'));
    if (!editable) {
      page('nav.limits', version, el('p', { class: 'muted' }, t('lim.readOnly')), ...cards, past);
      return;
    }
    const editor = form({
      test: 'limits-form', submitKey: 'lim.review',
      fields: [...cards, field('reason', 'lim.reason', { test: 'limits-reason' })],
      action: async (values, key) => {
        const body = { base_version: config.version, reason: values.reason, currencies: [] };
        const changes = [];
        const errors = [];
        for (const c of config.currencies) {
          const tiers = [];
          for (const row of c.tiers) {
            const next = { tier: row.tier };
            for (const [name, labelKey] of LIMIT_FIELDS) {
              const param = `${c.currency}.${row.tier}.${name}`;
              try {
                next[name] = parseLimit(values[param], c.currency);
              } catch (error) {
                errors.push(param);
                continue;
              }
              if (next[name] !== row[name]) {
                changes.push(`${c.currency} · ${tierText(row.tier)} · ${t(labelKey)}: ${i18n.money(row[name], c.currency)} → ${i18n.money(next[name], c.currency)}`);
              }
            }
            tiers.push(next);
          }
          body.currencies.push({ currency: c.currency, tiers });
        }
        for (const param of errors.slice(1)) {
          const slot = editor.querySelector(`[data-error-for="${CSS.escape(param)}"]`);
          slot.textContent = t('lim.amountFormat');
          slot.hidden = false;
          editor.querySelector(`[name="${CSS.escape(param)}"]`).setAttribute('aria-invalid', 'true');
        }
        if (errors.length) throw new ApiFailure(400, { code: 'amount_format', param: errors[0], message: t('lim.amountFormat') });
        if (!changes.length) throw new ApiFailure(400, { code: 'no_change', message: t('lim.noChange') });
        if (!values.reason || !values.reason.trim()) throw new ApiFailure(400, { code: 'parameter_missing', param: 'reason', message: t('lim.reasonRequired') });
        confirmation(editor, 'limits-confirm', changes, 'lim.confirm', async () => {
          const saved = await call('/v1/operator/limits', { method: 'PUT', body, headers: { 'Idempotency-Key': key } });
          toast(t('lim.saved', { version: saved.version }), 'ok');
          await limits();
        });
      },
    });
    page('nav.limits', version, el('p', { class: 'muted' }, t('lim.effective')), editor, past);
  });
}

function limitInput(name, value, label) {
  return el('div', { class: 'field' },
    el('input', { name, value, 'aria-label': label, inputmode: 'decimal', autocomplete: 'off', 'data-test': `limit-input-${name}` }),
    el('div', { class: 'field-error', 'data-error-for': name, hidden: true }));
}

async function audit() {
  const results = el('div');
  const more = el('button', { type: 'button', class: 'secondary', 'data-test': 'more', hidden: true }, t('common.more'));
  let filters = {};
  let cursor = null;
  let body = null;
  async function fetchPage(reset) {
    const query = new URLSearchParams({ limit: '50', ...filters });
    if (cursor && !reset) query.set('cursor', cursor);
    const list = await call(`/v1/operator/audit?${query}`);
    if (reset || !body) {
      const node = table([t('aud.at'), t('aud.actor'), t('aud.action'), t('aud.target'), t('aud.detail')], [], 'audit');
      body = node.querySelector('tbody');
      mount(results, node);
    }
    for (const entry of list.data) {
      body.append(el('tr', { 'data-test': 'audit-row' }, el('td', {}, i18n.date(entry.at)),
        el('td', { 'data-test': 'audit-actor', title: entry.actor }, entry.actor_name),
        el('td', { 'data-test': 'audit-action' }, entry.action), el('td', {}, entry.target), el('td', {}, entry.detail || '')));
    }
    cursor = list.next_cursor;
    more.hidden = !list.has_more;
  }
  more.addEventListener('click', async () => {
    more.disabled = true;
    try { await fetchPage(false); } catch (error) { toast(failureText(error, i18n), 'error'); } finally { more.disabled = false; }
  });
  const filter = form({ test: 'audit-filter', inline: true, submitKey: 'aud.filter',
    fields: [field('target', 'aud.target'), field('actor', 'aud.actor'), field('action', 'aud.action')],
    action: async (values) => {
      filters = Object.fromEntries(Object.entries(values).filter(([, v]) => v.trim() !== ''));
      cursor = null;
      await fetchPage(true);
    } });
  await load(async () => {
    page('nav.audit', el('div', { class: 'card' }, filter), results, more);
    await fetchPage(true);
  });
}

const ROLES = ['admin', 'compliance', 'support', 'merchant_ops', 'viewer'];

function roleBoxes(selected, test) {
  return el('fieldset', { class: 'row', 'data-test': test }, el('legend', {}, t('op.roles')),
    ...ROLES.map((role) => el('label', { class: 'row', style: 'font-weight:400;margin:0' },
      el('input', { type: 'checkbox', name: `role_${role}`, value: role, checked: selected.includes(role), style: 'width:auto', 'data-test': `role-${role}` }),
      t(`role.${role}`))),
    el('div', { class: 'field-error', 'data-error-for': 'roles', hidden: true }));
}

function rolesOf(values) {
  return ROLES.filter((role) => values[`role_${role}`]);
}

async function operators() {
  await load(async () => {
    const list = await call('/v1/operator/operators?limit=100');
    const create = form({ test: 'create-operator', submitKey: 'op.create',
      fields: [field('username', 'op.username'), field('display_name', 'op.displayName'),
        field('password', 'op.password', { type: 'password', autocomplete: 'new-password' }), roleBoxes(['viewer'], 'new-roles')],
      action: async (values, key) => {
        await call('/v1/operator/operators', { method: 'POST', key,
          body: { username: values.username, display_name: values.display_name, password: values.password, roles: rolesOf(values) } });
        toast(t('op.created'), 'ok');
        await operators();
      } });
    const rows = list.data.map((o) => {
      const save = form({ test: 'operator-roles', submitKey: 'op.save', fields: [roleBoxes(o.roles, 'roles')],
        action: async (values) => {
          await call(`/v1/operator/operators/${encodeURIComponent(o.id)}`, { method: 'POST', body: { roles: rolesOf(values) } });
          toast(t('op.saved'), 'ok');
          await operators();
        } });
      const toggle = el('button', { type: 'button', class: o.status === 'active' ? 'secondary' : '', 'data-test': 'toggle-status' },
        t(o.status === 'active' ? 'op.disable' : 'op.enable'));
      toggle.addEventListener('click', async () => {
        toggle.disabled = true;
        try {
          await call(`/v1/operator/operators/${encodeURIComponent(o.id)}`, { method: 'POST',
            body: { status: o.status === 'active' ? 'disabled' : 'active' } });
          toast(t('op.saved'), 'ok');
          await operators();
        } catch (error) {
          toast(failureText(error, i18n), 'error');
          toggle.disabled = false;
        }
      });
      return el('tr', { 'data-test': 'operator-row', 'data-username': o.username },
        el('td', {}, o.username), el('td', {}, o.display_name), el('td', {}, save), el('td', {}, badge(o.status), ' ', toggle),
        el('td', {}, o.last_login_at ? i18n.date(o.last_login_at) : '—'));
    });
    page('nav.operators',
      el('div', { class: 'card' }, el('h3', {}, t('op.create')), create),
      el('div', { class: 'card' }, el('h3', {}, t('op.list')),
        table([t('op.username'), t('op.displayName'), t('op.roles'), t('op.status'), t('op.lastLogin')], rows, 'operators')));
  });
}

function account() {
  if (me.break_glass) {
    page('nav.account', el('p', { class: 'muted' }, t('acct.breakGlass')));
    return;
  }
  page('nav.account', el('div', { class: 'card narrow' }, el('h3', {}, t('acct.title')),
    form({ test: 'password', submitKey: 'common.save',
      fields: [field('current_password', 'acct.current', { type: 'password', autocomplete: 'current-password' }),
        field('new_password', 'acct.new', { type: 'password', autocomplete: 'new-password' })],
      action: async (values) => {
        await call('/v1/operator/me/password', { method: 'POST', body: values });
        toast(t('acct.saved'), 'ok');
        account();
      } })));
}

// ---------------------------------------------------------------------------------------------

document.getElementById('lang').append(i18n.picker());
i18n.apply(document);
i18n.onChange(() => {
  if (me) {
    renderNav();
    current();
  } else showLogin();
});

const routes = {
  '#/dashboard': guarded('#/dashboard', () => dashboard()),
  '#/customers': guarded('#/customers', (params) => customers(params)),
  '#/reviews': guarded('#/reviews', (params) => reviews(params)),
  '#/merchants': guarded('#/merchants', (params) => merchants(params)),
  '#/limits': guarded('#/limits', () => limits()),
  '#/audit': guarded('#/audit', () => audit()),
  '#/operators': guarded('#/operators', () => operators()),
  '#/account': guarded('#/account', () => account()),
};

let routerGo = () => {};
let routerStarted = false;
const startRouter = () => {
  if (routerStarted) return routerGo();
  routerStarted = true;
  routerGo = router(
    Object.fromEntries(Object.entries(routes).map(([hash, view]) => [hash, (params) => (me ? view(params) : showLogin())])),
    '#/dashboard');
  return undefined;
};
routerGo = startRouter;
start();
