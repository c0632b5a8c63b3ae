// Sign-up and sign-in by mobile number and one-time code, then the payment PIN.

import { el, toast } from '/assets/hp.js';
import { t, call, session, field, handleForm, heading, pinInput, invalid } from './core.js';

export function loginScreen(view) {
  const phoneForm = el(
    'form',
    { class: 'card', 'data-test': 'phone-form', novalidate: true },
    heading('login.title'),
    el('p', { class: 'muted' }, t('login.intro')),
    field('phone', 'login.phone', { type: 'tel', autocomplete: 'tel', inputmode: 'tel', placeholder: '+852 9123 4567' }),
    el('button', { type: 'submit', class: 'block', 'data-test': 'send-code' }, t('login.send')),
  );
  const codeForm = el(
    'form',
    { class: 'card', 'data-test': 'code-form', novalidate: true, hidden: true },
    el('p', { 'data-test': 'code-sent', role: 'status' }),
    field('code', 'login.code', pinInput({ type: 'text', autocomplete: 'one-time-code' })),
    el('button', { type: 'submit', class: 'block', 'data-test': 'sign-in' }, t('login.submit')),
    el('button', { type: 'button', class: 'link', onclick: () => {
      codeForm.hidden = true;
      phoneForm.hidden = false;
      phoneForm.querySelector('input').focus();
    } }, t('login.other')),
  );
  let phone = null;
  handleForm(phoneForm, {
    body: () => ({ phone: phoneForm.elements.phone.value.trim() }),
    send: (body, key) => call('/v1/auth/otp', { method: 'POST', body, key }),
    done: (sent) => {
      phone = sent.phone;
      codeForm.querySelector('[data-test=code-sent]').textContent = t('login.sent', { phone: sent.phone });
      phoneForm.hidden = true;
      codeForm.hidden = false;
      codeForm.elements.code.value = '';
      codeForm.elements.code.focus();
    },
  });
  handleForm(codeForm, {
    body: () => {
      const code = codeForm.elements.code.value.trim();
      if (!/^\d{6}$/.test(code)) throw invalid('code', t('login.code'));
      return { phone, code };
    },
    send: (body, key) => call('/v1/auth/login', { method: 'POST', body, key }),
    done: async (signedIn) => {
      session.start(signedIn.token, signedIn.customer.id);
      if (signedIn.created) toast(t('login.welcome'), 'ok');
      const me = await call('/v1/me');
      location.hash = me.pin.set ? '#/home' : '#/pin';
    },
  });
  view.append(phoneForm, codeForm);
}

/** Sets the PIN the first time, or changes it (with the current one) from the Me screen. */
export function pinForm({ change, onDone }) {
  const form = el(
    'form',
    { class: 'card', 'data-test': 'pin-form', novalidate: true },
    change ? el('h2', {}, t('pin.change')) : heading('pin.title'),
    change ? null : el('p', { class: 'muted' }, t('pin.intro')),
    change ? field('current_pin', 'pin.current', pinInput({ autocomplete: 'off' })) : null,
    field('pin', 'pin.new', pinInput({ autocomplete: 'new-password' })),
    field('pin_repeat', 'pin.repeat', pinInput({ autocomplete: 'new-password' })),
    el('button', { type: 'submit', class: 'block', 'data-test': 'save-pin' }, t('common.save')),
  );
  handleForm(form, {
    body: () => {
      const pin = form.elements.pin.value;
      if (pin !== form.elements.pin_repeat.value) throw invalid('pin_repeat', t('pin.mismatch'));
      return change ? { pin, current_pin: form.elements.current_pin.value } : { pin };
    },
    send: (body, key) => call('/v1/me/pin', { method: 'POST', body, key }),
    done: () => {
      toast(t('pin.saved'), 'ok');
      form.reset();
      onDone();
    },
  });
  return form;
}

export function pinScreen(view) {
  view.append(pinForm({ change: false, onDone: () => (location.hash = '#/home') }));
}
