// HarbourPay's shared front-end module: the API client, translations, money and dates, and a
// tiny DOM builder. Plain ES modules served as static files: no build step, no framework.
// Text from the server or the user only ever reaches the page through textContent (see el()),
// never through innerHTML, so a merchant name cannot inject markup.

/** An API answer that was not 2xx, carrying the server's one error shape. */
export class ApiFailure extends Error {
  constructor(status, error) {
    super((error && error.message) || `HTTP ${status}`);
    this.status = status;
    this.type = error && error.type;
    this.code = error && error.code;
    this.param = error && error.param;
  }
}

/** A fresh Idempotency-Key: every POST carries one, so a retry can never pay twice. */
export function idempotencyKey() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Calls the HarbourPay API. `auth` is the Authorization header value (or null); a POST without
 * an explicit key gets a new Idempotency-Key. Resolves to the parsed JSON (null for 204), rejects
 * with ApiFailure for an error answer and with a TypeError when the network is down.
 */
export async function api(path, { method = 'GET', body, auth, key, headers = {} } = {}) {
  const init = { method, headers: { Accept: 'application/json', ...headers } };
  if (auth) init.headers.Authorization = auth;
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  if (method === 'POST' && !init.headers['Idempotency-Key']) {
    init.headers['Idempotency-Key'] = key || idempotencyKey();
  }
  const response = await fetch(path, init);
  if (response.status === 204) return null;
  const text = await response.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch (notJson) {
    json = null;
  }
  if (!response.ok) throw new ApiFailure(response.status, json && json.error);
  return json;
}

// ---------------------------------------------------------------------------------------------
// Languages

export const LANGUAGES = [
  { code: 'en', name: 'English' },
  { code: 'zh-HK', name: '繁體中文' },
  { code: 'zh-CN', name: '简体中文' },
];

/** Maps what the browser prefers onto the three languages we ship. */
export function preferredLanguage(storageKey = 'hp.lang') {
  const saved = localStorage.getItem(storageKey);
  if (LANGUAGES.some((l) => l.code === saved)) return saved;
  for (const tag of navigator.languages || [navigator.language || 'en']) {
    const lower = tag.toLowerCase();
    if (/^zh-(hk|mo|tw)|^zh-hant/.test(lower)) return 'zh-HK';
    if (lower.startsWith('zh')) return 'zh-CN';
    if (lower.startsWith('en')) return 'en';
  }
  return 'en';
}

/** Texts every app shares: failures and the words on every screen. */
export const COMMON = {
  en: {
    'error.network': 'No connection. Check your network and try again.',
    'error.server': 'Something went wrong on our side. Please try again.',
    'error.amount_format': 'Enter an amount like 12.50',
    'error.amount_positive': 'The amount must be more than zero',
    'common.loading': 'Loading…',
    'common.cancel': 'Cancel',
    'common.back': 'Back',
    'common.save': 'Save',
    'common.logout': 'Log out',
    'common.more': 'Show more',
    'common.none': 'Nothing here yet',
  },
  'zh-HK': {
    'error.network': '未能連線，請檢查網絡後再試。',
    'error.server': '系統出現問題，請稍後再試。',
    'error.amount_format': '請輸入金額，例如 12.50',
    'error.amount_positive': '金額必須大於零',
    'common.loading': '載入中…',
    'common.cancel': '取消',
    'common.back': '返回',
    'common.save': '儲存',
    'common.logout': '登出',
    'common.more': '顯示更多',
    'common.none': '暫時沒有紀錄',
  },
  'zh-CN': {
    'error.network': '无法连接，请检查网络后重试。',
    'error.server': '系统出现问题，请稍后再试。',
    'error.amount_format': '请输入金额，例如 12.50',
    'error.amount_positive': '金额必须大于零',
    'common.loading': '加载中…',
    'common.cancel': '取消',
    'common.back': '返回',
    'common.save': '保存',
    'common.logout': '退出登录',
    'common.more': '显示更多',
    'common.none': '暂无记录',
  },
};

/**
 * Translations for one app. `dicts` maps a language code to { key: text }; English is complete
 * and is the fallback for a key another language lacks. `{name}` in a text is replaced from vars.
 */
export class I18n {
  constructor(dicts, storageKey = 'hp.lang') {
    this.dicts = {};
    for (const { code } of LANGUAGES) {
      this.dicts[code] = { ...COMMON[code], ...(dicts[code] || {}) };
    }
    this.storageKey = storageKey;
    this.lang = preferredLanguage(storageKey);
    this.listeners = [];
    document.documentElement.lang = this.lang;
  }

  t(key, vars = {}) {
    const text = (this.dicts[this.lang] || {})[key] ?? this.dicts.en[key] ?? key;
    return text.replace(/\{(\w+)\}/g, (m, name) => (name in vars ? String(vars[name]) : m));
  }

  set(lang) {
    this.lang = lang;
    localStorage.setItem(this.storageKey, lang);
    document.documentElement.lang = lang;
    this.apply(document);
    this.listeners.forEach((listener) => listener(lang));
  }

  onChange(listener) {
    this.listeners.push(listener);
  }

  /** Fills elements marked data-i18n (text), data-i18n-placeholder and data-i18n-label. */
  apply(root) {
    root.querySelectorAll('[data-i18n]').forEach((node) => {
      node.textContent = this.t(node.dataset.i18n);
    });
    root.querySelectorAll('[data-i18n-placeholder]').forEach((node) => {
      node.placeholder = this.t(node.dataset.i18nPlaceholder);
    });
    root.querySelectorAll('[data-i18n-label]').forEach((node) => {
      node.setAttribute('aria-label', this.t(node.dataset.i18nLabel));
    });
  }

  /** A labelled <select> that switches the language. */
  picker() {
    const select = el(
      'select',
      { 'aria-label': 'Language / 語言 / 语言', 'data-test': 'language', class: 'lang' },
      ...LANGUAGES.map((l) => el('option', { value: l.code }, l.name)),
    );
    select.value = this.lang;
    select.addEventListener('change', () => this.set(select.value));
    return select;
  }

  money(minor, currency) {
    return formatMoney(minor, currency, this.lang);
  }

  date(iso, withTime = true) {
    return formatDate(iso, this.lang, withTime);
  }
}

// ---------------------------------------------------------------------------------------------
// Money: integers in minor units on the wire; no floating point anywhere on the way.

/** How many minor digits a currency has (HKD, CNY, MOP: 2; JPY: 0), from the platform's Intl. */
export function minorDigits(currency) {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
    .maximumFractionDigits;
}

/** The exact decimal string of a minor-unit amount: 123456 HKD → "1234.56". */
export function decimalString(minor, currency) {
  const digits = minorDigits(currency);
  const negative = minor < 0;
  const units = String(Math.abs(minor)).padStart(digits + 1, '0');
  const whole = units.slice(0, units.length - digits);
  const fraction = digits ? '.' + units.slice(units.length - digits) : '';
  return (negative ? '-' : '') + whole + fraction;
}

/** "HK$1,234.56" in English, "HK$1,234.56" / "1,234.56港元"-style per locale. */
export function formatMoney(minor, currency, lang = 'en') {
  const format = new Intl.NumberFormat(lang, {
    style: 'currency',
    currency,
    currencyDisplay: 'symbol',
  });
  // Intl formats a decimal string exactly (no binary rounding of cents).
  return format.format(decimalString(minor, currency));
}

/**
 * Parses what a person typed ("1,234.5", "12") into minor units, exactly. Throws an Error whose
 * `code` is amount_format (not a plain amount with at most the currency's decimals) or
 * amount_positive (zero).
 */
export function parseAmount(text, currency) {
  const digits = minorDigits(currency);
  const cleaned = String(text).trim().replace(/[,\s]/g, '');
  const pattern = digits ? new RegExp(`^(\\d{1,13})(?:\\.(\\d{0,${digits}}))?$`) : /^(\d{1,13})$/;
  const match = cleaned.match(pattern);
  if (!match) {
    const error = new Error('amount_format');
    error.code = 'amount_format';
    throw error;
  }
  const fraction = (match[2] || '').padEnd(digits, '0');
  const minor = Number(match[1] + fraction);
  if (!Number.isSafeInteger(minor)) {
    const error = new Error('amount_format');
    error.code = 'amount_format';
    throw error;
  }
  if (minor === 0) {
    const error = new Error('amount_positive');
    error.code = 'amount_positive';
    throw error;
  }
  return minor;
}

export function formatDate(iso, lang = 'en', withTime = true) {
  if (!iso) return '';
  const options = withTime
    ? { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Hong_Kong' }
    : { dateStyle: 'medium', timeZone: 'Asia/Hong_Kong' };
  return new Intl.DateTimeFormat(lang, options).format(new Date(iso));
}

// ---------------------------------------------------------------------------------------------
// DOM

/**
 * Builds an element. Attributes: `class`, `data-*`, `aria-*`, plain attributes, and `on<event>`
 * functions. Children: nodes, strings (as text, never parsed as HTML), arrays, null (skipped).
 */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      node.addEventListener(name.slice(2).toLowerCase(), value);
    } else if (value === true) {
      node.setAttribute(name, '');
    } else {
      node.setAttribute(name, String(value));
    }
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(node, child);
    else node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces an element's content. */
export function mount(target, ...children) {
  target.replaceChildren();
  append(target, children);
  return target;
}

/** A message in the page's live region (announced by screen readers), gone after a while. */
export function toast(message, kind = 'info') {
  let region = document.getElementById('hp-toasts');
  if (!region) {
    region = el('div', { id: 'hp-toasts', class: 'toasts', 'aria-live': 'polite', role: 'status' });
    document.body.append(region);
  }
  const note = el('div', { class: `toast toast-${kind}`, 'data-test': `toast-${kind}` }, message);
  region.append(note);
  setTimeout(() => note.remove(), 6000);
}

/**
 * What to tell a person about a failure: the server's own message for a 4xx (it names the field
 * and the rule), a plain sentence for a network failure or a server error.
 */
export function failureText(error, i18n) {
  if (error instanceof ApiFailure) {
    if (error.status >= 500) return i18n.t('error.server');
    return error.message;
  }
  if (error && error.code && i18n.dicts.en[`error.${error.code}`]) return i18n.t(`error.${error.code}`);
  if (error instanceof TypeError) return i18n.t('error.network');
  return (error && error.message) || i18n.t('error.server');
}

// ---------------------------------------------------------------------------------------------
// Forms: one way, in all three apps, to send what a person typed and to show what went wrong.

/**
 * The Idempotency-Key of one request a person may send again. Sending the same body again after
 * an answer that never arrived (a network failure, a 5xx) reuses the key, so the server replays
 * its first answer instead of acting twice. A changed body gets a new key, and so does anything
 * sent after a definite answer (a success or a 4xx: nothing of the earlier try is pending).
 */
const NAMED_RETRY_KEYS = new Map();

export class RetryKey {
  constructor() {
    this.body = null;
    this.key = null;
  }

  /**
   * The RetryKey of a money flow (`wallet.transfer`, …) for the life of the page. A screen is drawn
   * again on a language change or when the person comes back to it; a form drawn afresh must still
   * send an identical retry after a lost answer under the same key, or the money could move twice.
   */
  static named(flow) {
    if (!NAMED_RETRY_KEYS.has(flow)) NAMED_RETRY_KEYS.set(flow, new RetryKey());
    return NAMED_RETRY_KEYS.get(flow);
  }

  /** The key to send `body` with now. */
  for(body) {
    const text = JSON.stringify(body);
    if (this.key === null || text !== this.body) {
      this.body = text;
      this.key = idempotencyKey();
    }
    return this.key;
  }

  /** Records how the request ended: no argument for a success, else what it failed with. */
  answered(failure) {
    const lost = failure !== undefined && !(failure instanceof ApiFailure && failure.status < 500);
    if (!lost) this.key = null;
  }
}

/** A mistake found before sending (an amount that does not parse), shown at the field `param`. */
export function invalid(param, cause) {
  const error = cause instanceof Error ? cause : new Error(cause);
  error.param = param;
  return error;
}

/**
 * The form helpers of one app (they speak its translations):
 * - `handleForm(form, { body, send, done, button, retry })` wires a form's submit: `body()` builds
 *   the request (or throws invalid()), `send(body, key)` calls the API with the Idempotency-Key
 *   from `retry` (a RetryKey; pass one to share it between re-drawings of the same form),
 *   `done(result, body)` shows the outcome. The submit button is disabled while in flight.
 * - `busy(button, form, work)` runs `work` with the button disabled (a double click acts once) and
 *   shows its failure in `form`, or as a toast without one.
 * - `showFailure(form, error)`: the message under the field `error.param` names (its
 *   `[data-error-for]` slot, made after the input when the form has none), else in the form's
 *   `.form-error` line, else as a toast. `clearFailures(form)` hides them again.
 */
export function forms(i18n) {
  function clearFailures(form) {
    form.querySelectorAll('[data-error-for], .form-error').forEach((node) => {
      node.hidden = true;
      node.textContent = '';
    });
    form.querySelectorAll('[aria-invalid]').forEach((node) => node.removeAttribute('aria-invalid'));
  }

  function errorSlot(form, param, input) {
    const slot = form.querySelector(`[data-error-for="${CSS.escape(param)}"]`);
    if (slot || !input) return slot;
    const id = `${input.id || param}-error`;
    const made = el('div', { class: 'field-error', id, role: 'alert', 'data-error-for': param, 'data-test': `error-${param}` });
    input.after(made);
    const described = input.getAttribute('aria-describedby');
    if (!(described || '').split(' ').includes(id)) {
      input.setAttribute('aria-describedby', described ? `${described} ${id}` : id);
    }
    return made;
  }

  function showFailure(form, error) {
    const message = failureText(error, i18n);
    const param = error && error.param;
    const input = form && param ? form.querySelector(`[name="${CSS.escape(param)}"]`) : null;
    const slot = form && param ? errorSlot(form, param, input) : null;
    if (slot) {
      slot.textContent = message;
      slot.hidden = false;
      if (input) {
        input.setAttribute('aria-invalid', 'true');
        input.focus();
      }
      return;
    }
    const line = form && form.querySelector('.form-error');
    if (line) {
      line.textContent = message;
      line.hidden = false;
    } else {
      toast(message, 'error');
    }
  }

  async function busy(button, form, work) {
    if (button.disabled) return undefined;
    button.disabled = true;
    button.setAttribute('aria-busy', 'true');
    if (form) {
      form.setAttribute('aria-busy', 'true');
      clearFailures(form);
    }
    try {
      return await work();
    } catch (error) {
      showFailure(form, error);
      return undefined;
    } finally {
      button.disabled = false;
      button.removeAttribute('aria-busy');
      if (form) form.removeAttribute('aria-busy');
    }
  }

  function handleForm(form, { body, send, done = () => {}, button = null, retry = new RetryKey() }) {
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const submit = button || form.querySelector('button[type=submit]');
      if (submit.disabled) return;
      clearFailures(form);
      let request;
      try {
        request = body();
      } catch (mistake) {
        showFailure(form, mistake);
        return;
      }
      busy(submit, form, async () => {
        let result;
        try {
          result = await send(request, retry.for(request));
        } catch (failure) {
          retry.answered(failure);
          throw failure;
        }
        retry.answered();
        await done(result, request);
      });
    });
    return form;
  }

  return { handleForm, busy, showFailure, clearFailures };
}

/**
 * A hash router: `routes` maps '#/name' to a function(params) that renders the view. Unknown
 * hashes go to `fallback`. `#/pay/ord_1` matches '#/pay' with params ['ord_1'].
 */
export function router(routes, fallback) {
  function go() {
    const hash = location.hash || fallback;
    const parts = hash.split('/');
    for (let n = parts.length; n >= 2; n--) {
      const head = parts.slice(0, n).join('/');
      if (routes[head]) {
        routes[head](parts.slice(n).map(decodeURIComponent));
        return;
      }
    }
    location.hash = fallback;
  }
  window.addEventListener('hashchange', go);
  go();
  return go;
}
