// What every wallet screen shares: translations, the session, API calls with the session token,
// and forms that show the server's refusal next to the field it names.

import { I18n, api, ApiFailure, el, toast, failureText, idempotencyKey } from '/assets/hp.js';
import { TEXTS } from './texts.js';

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
    el('div', { class: 'field-error', id: `${id}-error`, 'data-test': `error-${name}`, hidden: true }),
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

function clearErrors(form) {
  form.querySelectorAll('.field-error').forEach((node) => {
    node.hidden = true;
    node.textContent = '';
  });
  form.querySelectorAll('[aria-invalid]').forEach((node) => node.removeAttribute('aria-invalid'));
}

/** Shows a failure next to the field it names, or as a toast when it names none on this form. */
export function showFailure(form, failure) {
  const message = failureText(failure, i18n);
  const input = failure && failure.param ? form.querySelector(`[name="${failure.param}"]`) : null;
  if (input) {
    const slot = form.querySelector(`#f-${failure.param}-error`);
    slot.textContent = message;
    slot.hidden = false;
    input.setAttribute('aria-invalid', 'true');
    input.focus();
  } else {
    toast(message, 'error');
  }
}

/** A local mistake (e.g. an amount that does not parse), shown like the server's. */
export function invalid(param, message) {
  const error = new Error(message);
  error.param = param;
  return error;
}

/**
 * Wires a form: `body()` builds the request (or throws invalid()), `send(body, key)` calls the API
 * with the Idempotency-Key, `done(result)` shows the outcome. The submit button is disabled while
 * the request is in flight. The same body is sent again with the same key, so a retry after a lost
 * answer can never pay twice; a changed body gets a new key.
 */
export function handleForm(form, { body, send, done }) {
  let lastBody = null;
  let key = null;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const button = form.querySelector('button[type=submit]');
    if (button.disabled) return;
    clearErrors(form);
    let request;
    try {
      request = body();
    } catch (mistake) {
      showFailure(form, mistake);
      return;
    }
    const text = JSON.stringify(request);
    if (text !== lastBody) {
      lastBody = text;
      key = idempotencyKey();
    }
    button.disabled = true;
    form.setAttribute('aria-busy', 'true');
    try {
      const result = await send(request, key);
      lastBody = null;
      await done(result, request);
    } catch (failure) {
      showFailure(form, failure);
    } finally {
      button.disabled = false;
      form.removeAttribute('aria-busy');
    }
  });
  return form;
}

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
