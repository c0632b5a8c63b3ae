package io.harbourpay.qr.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.harbourpay.qr.paycode.DeviceSecret;
import io.harbourpay.qr.paycode.PayCodeGenerator;
import java.io.ByteArrayInputStream;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ImageRenderTest {
  static final String FPS =
      "00020101021226330012hk.com.hkicl0313+852-6789123452040000530334454031005802HK"
          + "5914company_1_data6002HK62170513INV/TEST/00016304A154";
  static final String CHINESE =
      "00020101021226330012hk.com.hkicl0313+852-678912345204000053033445802HK5902NA6002HK"
          + "64200002ZH0104海港咖啡0202香港6304131E";
  static final String CPM = "hQVDUFYwMWEaTwegAAAAVVVVVw8SNFZ4kBI0WNGRIgESNF8=";
  static final String PAY_CODE =
      PayCodeGenerator.codeForStep(
          1234L, DeviceSecret.fromBytes(new byte[DeviceSecret.LENGTH_BYTES]), 29_000_000L);

  static Stream<Arguments> payloadsAndOptions() {
    return Stream.of(
        Arguments.of(FPS, QrImageOptions.DEFAULT),
        Arguments.of(FPS, new QrImageOptions(200, ErrorCorrection.H, 2)),
        Arguments.of(CHINESE, new QrImageOptions(400, ErrorCorrection.Q, 4)),
        Arguments.of(CPM, new QrImageOptions(300, ErrorCorrection.L, 8)),
        Arguments.of(PAY_CODE, QrImageOptions.DEFAULT));
  }

  @ParameterizedTest
  @MethodSource("payloadsAndOptions")
  void pngDecodesBackToThePayload(String payload, QrImageOptions options) throws Exception {
    byte[] png = PngImages.write(Symbols.qr(payload, options));
    var image = ImageIO.read(new ByteArrayInputStream(png));
    assertThat(image.getWidth()).isLessThanOrEqualTo(Math.max(options.sizePixels(), 200));
    assertThat(ImageDecodeBack.qrFromPng(png)).isEqualTo(payload);
  }

  @ParameterizedTest
  @MethodSource("payloadsAndOptions")
  void svgDecodesBackToThePayload(String payload, QrImageOptions options) throws Exception {
    String svg = SvgImages.write(Symbols.qr(payload, options));
    assertThat(svg).startsWith("<?xml").contains("<svg xmlns=\"http://www.w3.org/2000/svg\"");
    assertThat(ImageDecodeBack.qr(ImageDecodeBack.rasterise(svg))).isEqualTo(payload);
  }

  @Test
  void quietZoneIsWhite() {
    Symbol symbol = Symbols.qr(FPS, new QrImageOptions(300, ErrorCorrection.M, 4));
    for (int module = 0; module < symbol.columns(); module++) {
      for (int margin = 0; margin < 4; margin++) {
        assertThat(symbol.isDark(module, margin)).isFalse();
        assertThat(symbol.isDark(margin, module)).isFalse();
      }
    }
  }

  @Test
  void payCodeBarcodeDecodesBackWithCode128Reader() throws Exception {
    Symbol barcode = Symbols.code128(PAY_CODE, BarcodeImageOptions.DEFAULT);
    assertThat(ImageDecodeBack.code128FromPng(PngImages.write(barcode))).isEqualTo(PAY_CODE);
    String svg = SvgImages.write(barcode);
    assertThat(svg).contains("<path");
  }

  @Test
  void aPayloadTooLongForTheSymbolIsRefused() {
    assertThatThrownBy(() -> Symbols.qr("x".repeat(3000), QrImageOptions.DEFAULT))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
