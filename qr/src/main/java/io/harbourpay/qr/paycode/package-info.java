/**
 * One-time pay codes the customer shows: 18 digits derived from a per-device secret and the minute,
 * so a wallet shows valid codes offline; a till verifies them with nothing but the device secret.
 * See docs/paycode.md.
 */
package io.harbourpay.qr.paycode;
