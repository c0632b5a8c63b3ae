/**
 * Images of payloads: QR symbols for MPM, CPM and pay codes, Code 128 barcodes for pay codes, as
 * PNG and SVG. ZXing lays out the symbol; the JDK writes the PNG; SVG is written here.
 */
package io.harbourpay.qr.image;
