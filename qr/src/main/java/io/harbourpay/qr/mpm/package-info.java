/**
 * EMVCo Merchant-Presented Mode: the static sticker and the dynamic till QR of Hong Kong FPS, SGQR,
 * PromptPay, PIX, Bharat QR and DuitNow. {@link io.harbourpay.qr.mpm.MpmDecoder} parses and
 * validates, {@link io.harbourpay.qr.mpm.MpmEncoder} writes, {@link
 * io.harbourpay.qr.mpm.MerchantPresentedPayload} is the typed model between them.
 */
package io.harbourpay.qr.mpm;
