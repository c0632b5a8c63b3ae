/**
 * Reading codes out of photographs: the wallet's camera frames and uploaded pictures, decoded with
 * ZXing. Bounded in bytes and pixels, because the images come from the network.
 */
package io.harbourpay.qr.scan;
