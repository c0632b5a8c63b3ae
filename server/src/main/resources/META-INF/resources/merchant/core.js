// What every screen of the merchant console shares: the signed-in session, API calls with the
// console token, forms and busy buttons (from hp.js), labelled fields and status badges.

import { ApiFailure, I18n, api, el, forms } from '/assets/hp.js';
import { TEXTS } from './texts.js';

export const i18n = new I18n(TEXTS);

const SESSION_KEY = 'hp.merchant.session';

/** The signed-in console session ({token, merchant, user, role}) or null. */
export function session() {
  try {
    return JSON.parse(sessionStorage.getItem(SESSION_KEY));
  } catch (unreadable) {
    return null;
  }
}

export function saveSession(value) {
  if (value) sessionStorage.setItem(SESSION_KEY, JSON.stringify(value));
  else sessionStorage.removeItem(SESSION_KEY);
}

/** Calls the API as the signed-in user; a 401 ends the session and returns to sign-in. */
export async function call(path, options = {}) {
  const current = session();
  try {
    return await api(path, { ...options, auth: current ? `Bearer ${current.token}` : null });
  } catch (error) {
    if (error instanceof ApiFailure && error.status === 401 && !path.endsWith('/login')) {
      saveSession(null);
      location.hash = '#/login';
    }
    throw error;
  }
}

/** Fetches an image the API serves (a QR code) with the token; resolves to a blob: URL. */
export async function imageUrl(path) {
  const current = session();
  const response = await fetch(path, { headers: { Authorization: `Bearer ${current.token}` } });
  if (!response.ok) {
    let error = null;
    try {
      error = (await response.json()).error;
    } catch (notJson) {
      error = null;
    }
    throw new ApiFailure(response.status, error);
  }
  return URL.createObjectURL(await response.blob());
}

let leaving = [];

/** Registers what to stop (a poll, a blob URL) when the person leaves the current screen. */
export function onLeave(cleanup) {
  leaving.push(cleanup);
}

export function leave() {
  const now = leaving;
  leaving = [];
  now.forEach((cleanup) => cleanup());
}

export function can(role) {
  const current = session();
  return current && role.includes(current.role);
}

/**
 * Forms and buttons (the shared helper in hp.js): `handleForm` for a form that sends one request,
 * `busy(button, form, work)` for any other action; the button is disabled in flight, a failure is
 * shown next to the field the server names or as a toast, and an identical retry after a lost
 * answer reuses its Idempotency-Key.
 */
export const { handleForm, busy, showFailure } = forms(i18n);

/** A labelled form control: label, then the input (with id/for so the label is announced). */
export function field(labelKey, input, vars = {}) {
  if (!input.id) input.id = `f-${input.name}`;
  return el('div', {}, el('label', { for: input.id }, i18n.t(labelKey, vars)), input);
}

export function badge(status) {
  const kind =
    { succeeded: 'ok', paid: 'ok', active: 'ok', failed: 'bad', canceled: 'bad', cancelled: 'bad',
      expired: 'bad', revoked: 'bad', disabled: 'bad' }[status] || 'wait';
  const label = i18n.dicts.en[`status.${status}`] ? i18n.t(`status.${status}`) : status;
  return el('span', { class: `badge ${kind}`, 'data-test': 'status', 'data-status': status }, label);
}

/** Every page of a list endpoint, up to `pagesMax` pages of 100 (bounded: never unbounded). */
export async function all(path, pagesMax = 5) {
  const items = [];
  let cursor = null;
  for (let page = 0; page < pagesMax; page++) {
    const separator = path.includes('?') ? '&' : '?';
    const list = await call(`${path}${separator}limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    items.push(...list.data);
    if (!list.has_more) break;
    cursor = list.next_cursor;
  }
  return items;
}

export function heading(key, vars) {
  return el('h2', { tabindex: '-1', 'data-test': 'heading' }, i18n.t(key, vars));
}
