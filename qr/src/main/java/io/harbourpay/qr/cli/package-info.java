/** The {@code harbour qr} command line: decode, encode, render, pay codes. */
package io.harbourpay.qr.cli;
