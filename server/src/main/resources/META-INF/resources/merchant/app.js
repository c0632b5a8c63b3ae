// The merchant console: sign-in, the section tabs, and the hash routes to each screen.

import { el, mount, router } from '/assets/hp.js';
import { call, can, field, handleForm, heading, i18n, leave, saveSession, session } from './core.js';
import { tillView } from './till.js';
import { paymentsView, paymentView } from './payments.js';
import { keysView, stickerView, storesView, usersView, webhooksView } from './admin.js';

const main = document.getElementById('main');
const nav = document.getElementById('nav');
const who = document.getElementById('who');
const logout = document.getElementById('logout');

document.getElementById('lang').append(i18n.picker());
i18n.apply(document);

const SECTIONS = [
  { hash: '#/till', key: 'nav.till', roles: ['owner', 'manager', 'cashier'] },
  { hash: '#/payments', key: 'nav.payments', roles: ['owner', 'manager', 'cashier'] },
  { hash: '#/stores', key: 'nav.stores', roles: ['owner', 'manager', 'cashier'] },
  { hash: '#/keys', key: 'nav.keys', roles: ['owner'] },
  { hash: '#/webhooks', key: 'nav.webhooks', roles: ['owner', 'manager'] },
  { hash: '#/users', key: 'nav.users', roles: ['owner'] },
];

function shell(active) {
  const current = session();
  nav.hidden = !current;
  logout.hidden = !current;
  if (!current) {
    who.textContent = '';
    nav.replaceChildren();
    return;
  }
  who.textContent = i18n.t('login.signed_in_as', {
    name: current.user.display_name,
    role: i18n.t(`role.${current.role}`),
    merchant: current.merchant.legal_name,
  });
  mount(
    nav,
    SECTIONS.filter((section) => can(section.roles)).map((section) =>
      el(
        'a',
        {
          href: section.hash,
          'data-test': `nav-${section.hash.slice(2)}`,
          'aria-current': section.hash === active ? 'page' : null,
        },
        i18n.t(section.key),
      ),
    ),
  );
}

/** Renders a screen that needs a signed-in user (and, for some, a role). */
function guarded(hash, roles, render) {
  return (params) => {
    leave();
    if (!session()) {
      location.hash = '#/login';
      return;
    }
    if (roles && !can(roles)) {
      location.hash = '#/till';
      return;
    }
    shell(hash);
    main.replaceChildren();
    render(main, params);
    const title = main.querySelector('h2');
    if (title) title.focus({ preventScroll: true });
  };
}

function loginView() {
  leave();
  shell(null);
  const email = el('input', { name: 'email', type: 'email', autocomplete: 'username', required: true, 'data-test': 'login-email' });
  const password = el('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true, 'data-test': 'login-password' });
  const submit = el('button', { type: 'submit', class: 'block', 'data-test': 'login-submit' }, i18n.t('login.submit'));
  const form = el(
    'form',
    { class: 'card narrow', novalidate: true },
    heading('login.heading'),
    field('login.email', email),
    field('login.password', password),
    submit,
  );
  handleForm(form, {
    body: () => ({ email: email.value, password: password.value }),
    send: (body, key) => call('/v1/merchant/console/login', { method: 'POST', body, key }),
    done: (answer) => {
      saveSession({ token: answer.token, merchant: answer.merchant, user: answer.user, role: answer.role });
      location.hash = '#/till';
    },
  });
  mount(main, form);
  email.focus();
}

logout.addEventListener('click', async () => {
  try {
    await call('/v1/merchant/console/logout', { method: 'POST' });
  } catch (ignored) {
    // Signing out locally is what matters; the session also ends on its own.
  } finally {
    saveSession(null);
    location.hash = '#/login';
  }
});

const routes = {
  '#/login': () => (session() ? (location.hash = '#/till') : loginView()),
  '#/till': guarded('#/till', null, tillView),
  '#/payments': guarded('#/payments', null, paymentsView),
  '#/payment': guarded('#/payments', null, paymentView),
  '#/stores': guarded('#/stores', null, storesView),
  '#/sticker': guarded('#/stores', null, stickerView),
  '#/keys': guarded('#/keys', ['owner'], keysView),
  '#/webhooks': guarded('#/webhooks', ['owner', 'manager'], webhooksView),
  '#/users': guarded('#/users', ['owner'], usersView),
};
const render = router(routes, session() ? '#/till' : '#/login');
i18n.onChange(() => render());
