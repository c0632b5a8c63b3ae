// Scan to pay: the camera (BarcodeDetector where the browser has one, else frames sent to the
// server's ZXing at a modest rate) or a photo, then the merchant, store and amount, and the PIN.

import { el, mount, toast, failureText, ApiFailure, parseAmount, RetryKey } from '/assets/hp.js';
import { t, call, i18n, money, heading, field, pinInput, handleForm, invalid, session } from './core.js';

const FRAME_INTERVAL_MS = 800; // server decoding: about one frame a second
const DETECT_INTERVAL_MS = 250; // on-device decoding is cheap
const FRAME_WIDTH_MAX = 960;
const UPLOAD_BYTES_MAX = 2 * 1024 * 1024;
let scanned = null; // the decoded code, handed from the scan screen to the pay screen

async function detector() {
  if (!('BarcodeDetector' in window)) return null;
  try {
    const formats = await window.BarcodeDetector.getSupportedFormats();
    return formats.includes('qr_code') ? new window.BarcodeDetector({ formats: ['qr_code'] }) : null;
  } catch (unsupported) {
    return null;
  }
}

/** Sends a picture to POST /v1/qr/scan; resolves to the decoded code. */
async function scanOnServer(blob) {
  const response = await fetch('/v1/qr/scan', {
    method: 'POST',
    headers: { Authorization: `Bearer ${session.token}`, 'Content-Type': blob.type || 'image/jpeg', Accept: 'application/json' },
    body: blob,
  });
  const json = await response.json().catch(() => null);
  if (!response.ok) throw new ApiFailure(response.status, json && json.error);
  return json;
}

function decodePayload(payload) {
  return call('/v1/qr/decode', { method: 'POST', body: { payload } });
}

/** A picture no larger than the server takes: large photos are scaled down as JPEG. */
async function uploadable(file) {
  if (file.size <= UPLOAD_BYTES_MAX) return file;
  const bitmap = await createImageBitmap(file);
  const scale = Math.min(1, 1600 / Math.max(bitmap.width, bitmap.height));
  const canvas = el('canvas', { width: Math.round(bitmap.width * scale), height: Math.round(bitmap.height * scale) });
  canvas.getContext('2d').drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  return new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.9));
}

export function scanScreen(view) {
  const status = el('p', { class: 'muted', role: 'status', 'data-test': 'scan-status' });
  const video = el('video', { class: 'camera', playsinline: true, muted: true, hidden: true, 'data-test': 'camera' });
  const start = el('button', { type: 'button', 'data-test': 'start-camera' }, t('scan.start'));
  const photo = el('input', {
    type: 'file', accept: 'image/*', capture: 'environment', id: 'scan-photo', class: 'file', 'data-test': 'scan-file',
  });
  const card = el(
    'section',
    { class: 'card center' },
    heading('scan.title'),
    video,
    el('div', { class: 'row center-row' }, start),
    el('label', { for: 'scan-photo' }, t('scan.photo')),
    photo,
    status,
  );
  view.append(card);
  let stream = null;
  let timer = null;
  let done = false;

  function stopCamera() {
    if (timer) clearTimeout(timer);
    timer = null;
    if (stream) stream.getTracks().forEach((track) => track.stop());
    stream = null;
    video.hidden = true;
    start.textContent = t('scan.start');
  }

  /**
   * Goes on to pay once `decodedPromise` gives a code. A camera frame without a code is normal
   * (the next frame may have one); a photo without one is said, so the person can take another.
   */
  async function found(decodedPromise, fromPhoto = false) {
    try {
      const decoded = await decodedPromise;
      done = true;
      stopCamera();
      scanned = decoded;
      location.hash = '#/pay';
      return true;
    } catch (failure) {
      if (failure instanceof ApiFailure && failure.code === 'qr_not_found') {
        if (fromPhoto) status.textContent = t('scan.no_code');
        return false;
      }
      status.textContent = failureText(failure, i18n);
      return false;
    }
  }

  async function startCamera() {
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
      status.textContent = t('scan.no_camera');
      return;
    }
    try {
      stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
    } catch (noCamera) {
      status.textContent = t('scan.no_camera');
      return;
    }
    video.srcObject = stream;
    video.hidden = false;
    await video.play().catch(() => {});
    start.textContent = t('scan.stop');
    status.textContent = t('scan.looking');
    const onDevice = await detector();
    const canvas = el('canvas');
    const next = async () => {
      if (!stream || done) return;
      if (video.readyState >= 2 && video.videoWidth) {
        if (onDevice) {
          const codes = await onDevice.detect(video).catch(() => []);
          if (codes.length && (await found(decodePayload(codes[0].rawValue)))) return;
        } else {
          const scale = Math.min(1, FRAME_WIDTH_MAX / video.videoWidth);
          canvas.width = Math.round(video.videoWidth * scale);
          canvas.height = Math.round(video.videoHeight * scale);
          canvas.getContext('2d').drawImage(video, 0, 0, canvas.width, canvas.height);
          const frame = await new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.85));
          if (frame && (await found(scanOnServer(frame)))) return;
        }
      }
      if (stream && !done) timer = setTimeout(next, onDevice ? DETECT_INTERVAL_MS : FRAME_INTERVAL_MS);
    };
    next();
  }

  start.addEventListener('click', () => (stream ? stopCamera() : startCamera()));
  photo.addEventListener('change', async () => {
    const file = photo.files && photo.files[0];
    if (!file) return;
    status.textContent = t('scan.reading');
    try {
      const onDevice = await detector();
      if (onDevice) {
        const codes = await onDevice.detect(await createImageBitmap(file)).catch(() => []);
        if (codes.length) {
          await found(decodePayload(codes[0].rawValue), true);
          return;
        }
      }
      await found(scanOnServer(await uploadable(file)), true);
    } catch (unreadable) {
      // A file the browser cannot open as a picture (it is scaled down before it is sent).
      status.textContent = failureText(unreadable, i18n);
    } finally {
      photo.value = '';
    }
  });
  if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
    start.hidden = true;
    status.textContent = t('scan.no_camera');
  }
  return stopCamera;
}

function storeName(decoded) {
  return i18n.lang.startsWith('zh') && decoded.store_name_zh ? decoded.store_name_zh : decoded.store_name;
}

export function payScreen(view) {
  const decoded = scanned;
  if (!decoded) {
    location.hash = '#/scan';
    return;
  }
  const dynamic = decoded.object === 'decoded_order';
  const card = el(
    'section',
    { class: 'card', 'data-test': 'pay' },
    heading('pay.title'),
    el('dl', { class: 'facts' },
      el('dt', {}, t('pay.merchant')), el('dd', { 'data-test': 'pay-merchant' }, decoded.merchant_name),
      el('dt', {}, t('pay.store')), el('dd', { 'data-test': 'pay-store' }, storeName(decoded)),
      dynamic ? el('dt', {}, t('pay.amount')) : null,
      dynamic ? el('dd', { class: 'big amount', 'data-test': 'pay-amount' }, money(decoded.amount, decoded.currency)) : null,
    ),
  );
  view.append(card);
  if (dynamic && decoded.status !== 'open') {
    card.append(el('p', { role: 'alert', class: 'field-error' }, t('pay.order_closed', { status: decoded.status })));
    return;
  }
  const form = el(
    'form',
    { novalidate: true, 'data-test': 'pay-form' },
    dynamic ? null : field('amount', 'pay.amount', { inputmode: 'decimal', autocomplete: 'off', placeholder: `${decoded.currency} 0.00` }),
    field('pin', 'pin.label', pinInput({ autocomplete: 'off' })),
    el('button', { type: 'submit', class: 'block', 'data-test': 'pay-submit' },
      dynamic ? t('pay.submit', { amount: money(decoded.amount, decoded.currency) }) : t('pay.submit_static')),
  );
  card.append(form);
  handleForm(form, {
    retry: RetryKey.named(`wallet.pay ${dynamic ? decoded.order : decoded.pay_url}`),
    body: () => {
      const pin = form.elements.pin.value;
      if (dynamic) return { pin };
      let amount;
      try {
        amount = parseAmount(form.elements.amount.value, decoded.currency);
      } catch (mistake) {
        throw invalid('amount', t(`error.${mistake.code}`));
      }
      return { amount, currency: decoded.currency, pin };
    },
    send: (body, key) =>
      call(dynamic ? `/v1/orders/${decoded.order}/pay` : decoded.pay_url, { method: 'POST', body, key }),
    done: (payment) => {
      scanned = null;
      mount(
        card,
        heading('pay.title'),
        el('p', { class: 'big amount', 'data-test': 'pay-result', 'data-status': payment.status },
          t('pay.done', { merchant: payment.merchant_name, amount: money(payment.amount, payment.currency) })),
        el('a', { class: 'button', href: '#/scan' }, t('pay.again')),
      );
      toast(t('pay.done', { merchant: payment.merchant_name, amount: money(payment.amount, payment.currency) }), 'ok');
    },
  });
  form.elements[dynamic ? 'pin' : 'amount'].focus();
}
