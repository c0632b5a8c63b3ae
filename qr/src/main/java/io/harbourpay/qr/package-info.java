/** QR payloads for in-store payments: EMVCo codecs, one-time pay codes and their images. */
package io.harbourpay.qr;
