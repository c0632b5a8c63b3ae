// What every wallet screen shares: translations, the session, API calls with the session token,
// and forms that show the server's refusal next to the field it names.

import { I18n, api, ApiFailure, el, toast, failureText, forms } from '/assets/hp.js';
import { TEXTS } from './texts.js';

export { invalid } from '/assets/hp.js';

export const i18n = new I18n(TEXTS);
export const CURRENCIES = ['HKD', 'CNY', 'MOP'];

const TOKEN_KEY = 'hp.wallet.token';
const CUSTOMER_KEY = 'hp.wallet.customer';
const SESSION_ENDED = new Set(['session_invalid', 'session_expired', 'authentication_required']);

export const session = {
  get token() {
    return localStorage.getItem(TOKEN_KEY);
  },
  get customer() {
    return localStorage.getItem(CUSTOMER_KEY);
  },
  start(token, customerId) {
    localStorage.setItem(TOKEN_KEY, token);
    localStorage.setItem(CUSTOMER_KEY, customerId);
  },
  end() {
    localStorage.removeItem(TOKEN_KEY);
  },
};

/** api() with the session token; a session the server ended sends the person to sign in. */
export async function call(path, options = {}) {
  const token = session.token;
  try {
    return await api(path, { ...options, auth: token ? `Bearer ${token}` : null });
  } catch (failure) {
    if (failure instanceof ApiFailure && failure.status === 401 && SESSION_ENDED.has(failure.code)) {
      session.end();
      location.hash = '#/login';
    }
    throw failure;
  }
}

/** The text of a translation key. */
export const t = (key, vars) => i18n.t(key, vars);

/** A labelled input with a place for its error; `name` is the API field it fills. */
export function field(name, labelKey, attrs = {}, control = null) {
  const id = `f-${name}`;
  const input =
    control ||
    el('input', { id, name, 'data-test': `field-${name}`, 'aria-describedby': `${id}-error`, ...attrs });
  if (control) {
    input.id = id;
    input.name = name;
    input.dataset.test = `field-${name}`;
    input.setAttribute('aria-describedby', `${id}-error`);
  }
  return el(
    'div',
    { class: 'field' },
    el('label', { for: id }, t(labelKey)),
    input,
    el('div', { class: 'field-error', id: `${id}-error`, 'data-error-for': name, 'data-test': `error-${name}`, hidden: true }),
  );
}

export function select(options, attrs = {}) {
  return el(
    'select',
    attrs,
    options.map(([value, label]) => el('option', { value }, label)),
  );
}

/** The PIN input: six digits, hidden, numeric keypad on phones. */
export function pinInput(extra = {}) {
  return {
    type: 'password',
    inputmode: 'numeric',
    autocomplete: 'one-time-code',
    maxlength: '6',
    pattern: '\\d{6}',
    ...extra,
  };
}

/**
 * Forms (the shared helper in hp.js): `handleForm(form, { body, send, done })` disables the
 * button in flight, shows the server's message next to the field `error.param` names (or as a
 * toast) and reuses the Idempotency-Key for an identical retry after a lost answer.
 */
export const { handleForm } = forms(i18n);

/** Runs a read and renders a toast on failure; resolves to null then. */
export async function load(path) {
  try {
    return await call(path);
  } catch (failure) {
    toast(failureText(failure, i18n), 'error');
    return null;
  }
}

export function money(minor, currency) {
  return i18n.money(minor, currency);
}

export function heading(key) {
  return el('h2', { tabindex: '-1', 'data-test': 'screen-title' }, t(key));
}
