// The back office: stores and their terminals, the printable QR sticker of a store, API keys,
// webhook endpoints with their delivery log, and console users.

import { ApiFailure, el, mount } from '/assets/hp.js';
import {
  all, badge, busy, call, can, field, handleForm, heading, i18n, imageUrl, onLeave, session, showFailure,
} from './core.js';

function storeName(store) {
  return i18n.lang === 'en' ? store.name_en : store.name_zh;
}

// ---------------------------------------------------------------------------------------------
// Stores, terminals, stickers

export function storesView(main) {
  const filter = el('input', { name: 'filter', type: 'search', 'data-test': 'stores-filter' });
  const list = el('ul', { class: 'list', 'data-test': 'stores' });
  mount(main, el('div', { class: 'card' }, heading('stores.heading'), field('stores.filter', filter), list));
  let stores = [];

  function terminalsPanel(store, button) {
    const panel = el('div', { 'data-test': 'terminals' });
    async function load() {
      const terminals = await all(`/v1/merchant/stores/${store.id}/terminals`, 1);
      const rows = el('ul', {}, terminals.map((t) => el('li', { 'data-test': 'terminal-row' }, `${t.label} · ${t.id} `, badge(t.status))));
      let form = null;
      if (can(['owner', 'manager'])) {
        const label = el('input', { name: 'label', maxlength: 40, 'data-test': 'terminal-label' });
        const add = el('button', { type: 'submit', 'data-test': 'terminal-add' }, i18n.t('stores.add_terminal'));
        form = el('form', { novalidate: true, class: 'row' }, field('stores.terminal_label', label), add);
        handleForm(form, {
          body: () => ({ label: label.value }),
          send: (body, key) => call(`/v1/merchant/stores/${store.id}/terminals`, { method: 'POST', body, key }),
          done: load,
        });
      }
      mount(panel, rows, form);
    }
    busy(button, null, load);
    return panel;
  }

  function render() {
    const term = filter.value.trim().toLowerCase();
    const shown = stores.filter((s) => !term || `${s.name_en} ${s.name_zh} ${s.district}`.toLowerCase().includes(term)).slice(0, 50);
    mount(
      list,
      shown.map((store) => {
        const item = el('li', { 'data-test': 'store-row', 'data-id': store.id });
        const toggle = el('button', { type: 'button', class: 'secondary', 'aria-expanded': 'false', 'data-test': 'store-terminals' }, i18n.t('stores.terminals'));
        toggle.addEventListener('click', () => {
          const open = toggle.getAttribute('aria-expanded') === 'true';
          toggle.setAttribute('aria-expanded', String(!open));
          const existing = item.querySelector('[data-test="terminals"]');
          if (existing) existing.remove();
          if (!open) item.append(terminalsPanel(store, toggle));
        });
        mount(
          item,
          el('div', { class: 'spread' },
            el('div', {}, el('strong', {}, store.name_en), ' ', el('span', { lang: 'zh-HK' }, store.name_zh),
              el('div', { class: 'muted' }, `${store.address} · ${store.district}`)),
            el('div', { class: 'row' }, toggle,
              el('a', { class: 'button secondary', href: `#/sticker/${store.id}`, 'data-test': 'store-sticker' }, i18n.t('stores.sticker')))),
        );
        return item;
      }),
    );
  }
  filter.addEventListener('input', render);
  all('/v1/merchant/stores').then((found) => {
    stores = found;
    render();
  }).catch((error) => showFailure(null, error));
}

export function stickerView(main, [id]) {
  const merchant = session().merchant;
  (async () => {
    const store = await call(`/v1/merchant/stores/${encodeURIComponent(id)}`);
    const url = await imageUrl(`/v1/merchant/stores/${encodeURIComponent(id)}/qr.png`);
    onLeave(() => URL.revokeObjectURL(url));
    const print = el('button', { type: 'button', 'data-test': 'sticker-print', onclick: () => window.print() }, i18n.t('sticker.print'));
    mount(
      main,
      el('div', { class: 'row no-print' }, el('a', { href: '#/stores' }, i18n.t('common.back')), print),
      el(
        'section',
        { class: 'sticker', 'data-test': 'sticker' },
        el('p', { class: 'name-en', 'data-test': 'sticker-name-en' }, store.name_en),
        el('p', { class: 'name-zh', lang: 'zh-HK', 'data-test': 'sticker-name-zh' }, store.name_zh),
        el('img', { class: 'qr', src: url, alt: `${store.name_en} QR`, 'data-test': 'sticker-qr' }),
        el('p', { class: 'brand' }, TEXT_EN_SCAN),
        el('p', { class: 'brand', lang: 'zh-HK' }, TEXT_ZH_SCAN),
        el('p', { class: 'muted' }, merchant.legal_name),
      ),
    );
  })().catch((error) => showFailure(null, error));
}

// The sticker speaks both languages whatever the console's language is.
const TEXT_EN_SCAN = 'Scan to pay with HarbourPay';
const TEXT_ZH_SCAN = '用 HarbourPay 掃碼付款';

// ---------------------------------------------------------------------------------------------
// API keys

export function keysView(main) {
  const create = el('button', { type: 'button', 'data-test': 'key-create' }, i18n.t('keys.create'));
  const secretBox = el('div', { 'data-test': 'key-secret-box', 'aria-live': 'polite' });
  const body = el('tbody', { 'data-test': 'keys' });
  mount(
    main,
    el(
      'div',
      { class: 'card' },
      heading('keys.heading'),
      el('div', { class: 'row' }, create),
      secretBox,
      el('div', { class: 'table-wrap' }, el('table', {},
        el('thead', {}, el('tr', {}, ['id', 'status', 'created', 'expires'].map((c) => el('th', { scope: 'col' }, i18n.t(`keys.col.${c}`))), el('th', {}))),
        body)),
    ),
  );

  function showSecret(key) {
    const copy = el('button', { type: 'button', class: 'secondary', 'data-test': 'key-copy' }, i18n.t('keys.copy'));
    copy.addEventListener('click', async () => {
      try {
        await navigator.clipboard.writeText(key.secret);
        copy.textContent = i18n.t('keys.copied');
      } catch (denied) {
        // No clipboard permission: select the text so the person can copy it themselves.
        getSelection().selectAllChildren(secretBox.querySelector('.secret'));
      }
    });
    mount(
      secretBox,
      el('p', { role: 'alert' }, i18n.t('keys.secret_once')),
      el('p', { 'data-test': 'key-new-id' }, key.id),
      el('div', { class: 'row' }, el('code', { class: 'secret', 'data-test': 'key-secret' }, key.secret), copy),
    );
  }

  async function load() {
    const list = await call('/v1/merchant/keys');
    mount(
      body,
      list.data.map((key) => {
        const actions = el('td', { class: 'row' });
        if (key.status === 'active') {
          const rotate = el('button', { type: 'button', class: 'secondary', 'data-test': 'key-rotate' }, i18n.t('keys.rotate'));
          rotate.addEventListener('click', () => busy(rotate, null, async () => {
            showSecret(await call(`/v1/merchant/keys/${key.id}/rotate`, { method: 'POST' }));
            await load();
          }));
          actions.append(rotate);
        }
        if (key.status === 'active' || key.status === 'expiring') {
          const revoke = el('button', { type: 'button', class: 'danger', 'data-test': 'key-revoke' }, i18n.t('keys.revoke'));
          revoke.addEventListener('click', () => {
            if (!confirm(i18n.t('keys.confirm_revoke', { id: key.id }))) return;
            busy(revoke, null, async () => {
              await call(`/v1/merchant/keys/${key.id}/revoke`, { method: 'POST' });
              await load();
            });
          });
          actions.append(revoke);
        }
        return el(
          'tr',
          { 'data-test': 'key-row', 'data-id': key.id },
          el('td', {}, key.id),
          el('td', {}, badge(key.status)),
          el('td', {}, i18n.date(key.created_at)),
          el('td', {}, key.expires_at ? i18n.date(key.expires_at) : ''),
          actions,
        );
      }),
    );
  }
  create.addEventListener('click', () => busy(create, null, async () => {
    showSecret(await call('/v1/merchant/keys', { method: 'POST' }));
    await load();
  }));
  load().catch((error) => showFailure(null, error));
}

// ---------------------------------------------------------------------------------------------
// Webhooks

/** An event's deliveries: per endpoint and attempt series, each attempt with its answer. */
function deliveryLog(deliveries) {
  if (!deliveries.length) return el('p', { class: 'muted' }, i18n.t('webhooks.no_deliveries'));
  return deliveries.map((delivery) =>
    el('div', { class: 'table-wrap', 'data-test': 'webhook-delivery' },
      el('p', {},
        el('strong', {}, `${delivery.endpoint} · #${delivery.series} `), badge(delivery.status),
        delivery.next_attempt_at ? ` ${i18n.t('webhooks.next_attempt', { at: i18n.date(delivery.next_attempt_at) })}` : null),
      el('table', {},
        el('thead', {}, el('tr', {},
          ['webhooks.col_attempt', 'webhooks.col_time', 'webhooks.col_status', 'webhooks.col_duration', 'webhooks.col_answer']
            .map((key) => el('th', { scope: 'col' }, i18n.t(key))))),
        el('tbody', {}, (delivery.log || []).map((attempt) =>
          el('tr', { 'data-test': 'webhook-attempt' },
            el('td', {}, String(attempt.attempt)),
            el('td', {}, i18n.date(attempt.attempted_at)),
            el('td', { 'data-test': 'webhook-attempt-status' }, attempt.status_code == null ? '—' : String(attempt.status_code)),
            el('td', {}, `${attempt.duration_ms} ms`),
            el('td', {}, attempt.error || attempt.response_excerpt || '')))))));
}

export function webhooksView(main) {
  const url = el('input', { name: 'url', type: 'url', placeholder: 'https://', 'data-test': 'webhook-url' });
  const add = el('button', { type: 'submit', 'data-test': 'webhook-add' }, i18n.t('webhooks.add'));
  const form = el('form', { novalidate: true }, field('webhooks.url', url), add);
  const secretBox = el('div', { 'aria-live': 'polite', 'data-test': 'webhook-secret-box' });
  const endpoints = el('ul', { class: 'list', 'data-test': 'webhook-endpoints' });
  const events = el('ul', { class: 'list', 'data-test': 'webhook-events' });
  const card = el('div', { class: 'card' }, heading('webhooks.heading'), form, secretBox, endpoints);
  mount(main, card, el('div', { class: 'card' }, el('h2', {}, i18n.t('webhooks.events')), events));

  // A list endpoint is never "not found" for a signed-in merchant: a 404 means this server does
  // not have the webhook endpoints (yet), which is said plainly instead of as a failure.
  function unavailable(error) {
    if (error instanceof ApiFailure && error.status === 404) {
      mount(main, el('div', { class: 'card' }, heading('webhooks.heading'),
        el('p', { class: 'muted', 'data-test': 'webhooks-unavailable' }, i18n.t('webhooks.unavailable'))));
      return true;
    }
    return false;
  }

  async function loadEndpoints() {
    const list = await call('/v1/merchant/webhook-endpoints');
    mount(
      endpoints,
      list.data.map((endpoint) => {
        const remove = el('button', { type: 'button', class: 'danger', 'data-test': 'webhook-delete' }, i18n.t('webhooks.delete'));
        remove.addEventListener('click', () => busy(remove, null, async () => {
          await call(`/v1/merchant/webhook-endpoints/${endpoint.id}`, { method: 'DELETE' });
          await loadEndpoints();
        }));
        return el('li', { class: 'spread', 'data-test': 'webhook-endpoint' },
          el('div', {}, el('div', {}, endpoint.url), el('div', { class: 'muted' }, `${endpoint.id} · ${(endpoint.events || []).join(', ')}`)),
          el('div', { class: 'row' }, badge(endpoint.status), remove));
      }),
    );
  }

  async function loadEvents() {
    const list = await call('/v1/merchant/webhook-events?limit=20');
    mount(
      events,
      list.data.map((event) => {
        const detail = el('div', { 'data-test': 'webhook-attempts' });
        const more = el('button', { type: 'button', class: 'link', 'aria-expanded': 'false' }, i18n.t('webhooks.attempts'));
        more.addEventListener('click', () => busy(more, null, async () => {
          const full = await call(`/v1/merchant/webhook-events/${event.id}`);
          more.setAttribute('aria-expanded', 'true');
          mount(detail, deliveryLog(full.deliveries || []));
        }));
        const redeliver = el('button', { type: 'button', class: 'secondary', 'data-test': 'webhook-redeliver' }, i18n.t('webhooks.redeliver'));
        redeliver.addEventListener('click', () => busy(redeliver, null, async () => {
          await call(`/v1/merchant/webhook-events/${event.id}/redeliver`, { method: 'POST' });
          await loadEvents();
        }));
        return el('li', { 'data-test': 'webhook-event' },
          el('div', { class: 'spread' }, el('div', {}, el('strong', {}, event.type), ` · ${event.id} · ${i18n.date(event.created)}`),
            el('div', { class: 'row' }, more, redeliver)),
          detail);
      }),
    );
    if (!list.data.length) mount(events, el('li', { class: 'muted' }, i18n.t('common.none')));
  }

  handleForm(form, {
    body: () => ({ url: url.value.trim() }),
    send: (body, key) => call('/v1/merchant/webhook-endpoints', { method: 'POST', body, key }),
    done: async (created) => {
      mount(secretBox, el('p', { role: 'alert' }, i18n.t('webhooks.secret_once')),
        el('code', { class: 'secret', 'data-test': 'webhook-secret' }, created.secret));
      url.value = '';
      await loadEndpoints();
    },
  });
  Promise.all([loadEndpoints(), loadEvents()]).catch((error) => {
    if (!unavailable(error)) showFailure(null, error);
  });
}

// ---------------------------------------------------------------------------------------------
// Console users

export function usersView(main) {
  const email = el('input', { name: 'email', type: 'email', autocomplete: 'off', 'data-test': 'user-email' });
  const name = el('input', { name: 'display_name', 'data-test': 'user-name' });
  const password = el('input', { name: 'password', type: 'password', autocomplete: 'new-password', 'data-test': 'user-password' });
  const role = el('select', { name: 'role', 'data-test': 'user-role' },
    ['cashier', 'manager', 'owner'].map((r) => el('option', { value: r }, i18n.t(`role.${r}`))));
  const add = el('button', { type: 'submit', 'data-test': 'user-add' }, i18n.t('users.add'));
  const form = el('form', { novalidate: true },
    el('div', { class: 'grid' }, field('users.email', email), field('users.name', name), field('users.password', password), field('users.role', role)),
    add);
  const list = el('ul', { class: 'list', 'data-test': 'users' });
  mount(main, el('div', { class: 'card' }, heading('users.heading'), list), el('div', { class: 'card' }, form));

  async function load() {
    const users = await call('/v1/merchant/console/users');
    const me = session().user.id;
    mount(
      list,
      users.data.map((user) => {
        let disable = null;
        if (user.status === 'active' && user.id !== me) {
          disable = el('button', { type: 'button', class: 'danger', 'data-test': 'user-disable' }, i18n.t('users.disable'));
          disable.addEventListener('click', () => busy(disable, null, async () => {
            await call(`/v1/merchant/console/users/${user.id}/disable`, { method: 'POST' });
            await load();
          }));
        }
        return el('li', { class: 'spread', 'data-test': 'user-row' },
          el('div', {}, el('strong', {}, user.display_name), ` · ${user.email} · ${i18n.t(`role.${user.role}`)}`),
          el('div', { class: 'row' }, badge(user.status), disable));
      }),
    );
  }
  handleForm(form, {
    body: () => ({ email: email.value, display_name: name.value, password: password.value, role: role.value }),
    send: (body, key) => call('/v1/merchant/console/users', { method: 'POST', body, key }),
    done: async () => {
      form.reset();
      await load();
    },
  });
  load().catch((error) => showFailure(null, error));
}
