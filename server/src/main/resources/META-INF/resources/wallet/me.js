// Me: phone, tier, limits left today, identity verification, PIN change, language and logout.

import { el, toast } from '/assets/hp.js';
import { t, call, load, money, heading, field, select, handleForm, session } from './core.js';
import { pinForm } from './auth.js';
import { forgetDevice } from './device.js';

const DOCUMENTS = ['hkid', 'passport', 'mainland_id', 'macau_id'];
const TIERS = ['unverified', 'intermediate', 'advanced'];

export async function meScreen(view) {
  const [me, wallets] = await Promise.all([load('/v1/me'), load('/v1/wallets')]);
  if (!me) return;
  const customer = me.customer;
  view.append(
    el(
      'section',
      { class: 'card', 'data-test': 'me' },
      heading('me.title'),
      el('dl', { class: 'facts' },
        el('dt', {}, t('me.phone')), el('dd', { 'data-test': 'me-phone' }, customer.phone),
        el('dt', {}, t('me.tier')), el('dd', { 'data-test': 'me-tier' }, t(`tier.${customer.tier}`)),
      ),
    ),
  );
  if (wallets) {
    view.append(
      el(
        'section',
        { class: 'card', 'data-test': 'limits' },
        el('h2', {}, t('me.limits')),
        el('ul', { class: 'list' }, wallets.data.map((wallet) =>
          el('li', { 'data-test': `limit-${wallet.currency}` }, t('me.daily_left', {
            currency: wallet.currency,
            left: money(wallet.limits.daily_remaining, wallet.currency),
            daily: money(wallet.limits.daily, wallet.currency),
            per: money(wallet.limits.per_payment, wallet.currency),
          })))),
      ),
    );
  }
  view.append(kycCard(me, customer));
  view.append(pinForm({ change: true, onDone: () => {} }));
  const logout = el('button', { type: 'button', class: 'danger block', 'data-test': 'logout' }, t('common.logout'));
  logout.addEventListener('click', async () => {
    logout.disabled = true;
    try {
      await call('/v1/auth/logout', { method: 'POST' });
    } catch (alreadyEnded) {
      // The session may be over already; the phone forgets it either way.
    }
    session.end();
    await forgetDevice();
    toast(t('me.logout_done'), 'ok');
    location.hash = '#/login';
  });
  view.append(logout);
}

function kycCard(me, customer) {
  const review = me.identity_review;
  const card = el(
    'section',
    { class: 'card', 'data-test': 'kyc' },
    el('h2', {}, t('kyc.title')),
    el('p', { class: 'muted' }, t('kyc.intro')),
    review
      ? el('p', { 'data-test': 'kyc-status' }, t('kyc.status', {
        tier: t(`tier.${review.requested_tier}`),
        status: t(`kyc.status.${review.status}`),
      }))
      : null,
  );
  const higher = TIERS.slice(TIERS.indexOf(customer.tier) + 1);
  if (!higher.length || (review && review.status === 'pending')) return card;
  const form = el(
    'form',
    { novalidate: true, 'data-test': 'kyc-form' },
    field('document_type', 'kyc.document_type', {}, select(DOCUMENTS.map((d) => [d, t(`kyc.doc.${d}`)]))),
    field('document_number', 'kyc.number', { autocomplete: 'off' }),
    field('full_name', 'kyc.name', { autocomplete: 'name' }),
    field('date_of_birth', 'kyc.birth', { type: 'date', autocomplete: 'bday' }),
    field('requested_tier', 'kyc.tier', {}, select(higher.map((tier) => [tier, t(`tier.${tier}`)]))),
    el('button', { type: 'submit', class: 'block', 'data-test': 'kyc-submit' }, t('kyc.submit')),
  );
  handleForm(form, {
    body: () => Object.fromEntries(
      ['document_type', 'document_number', 'full_name', 'date_of_birth', 'requested_tier']
        .map((name) => [name, form.elements[name].value.trim()])),
    send: (body, key) => call('/v1/me/identity-reviews', { method: 'POST', body, key }),
    done: (submitted) => {
      toast(t('kyc.submitted'), 'ok');
      form.replaceWith(el('p', { 'data-test': 'kyc-status' }, t('kyc.status', {
        tier: t(`tier.${submitted.requested_tier}`),
        status: t(`kyc.status.${submitted.status}`),
      })));
    },
  });
  card.append(form);
  return card;
}
