/**
 * EMVCo Consumer-Presented Mode: BER-TLV data (payload format indicator "CPV01", application
 * templates, common data, transparent templates) carried base64 in a QR the customer shows.
 */
package io.harbourpay.qr.cpm;
