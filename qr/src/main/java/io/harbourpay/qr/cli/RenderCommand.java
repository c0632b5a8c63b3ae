package io.harbourpay.qr.cli;

import io.harbourpay.qr.cli.Arguments.UsageException;
import io.harbourpay.qr.image.BarcodeImageOptions;
import io.harbourpay.qr.image.ErrorCorrection;
import io.harbourpay.qr.image.PngImages;
import io.harbourpay.qr.image.QrImageOptions;
import io.harbourpay.qr.image.SvgImages;
import io.harbourpay.qr.image.Symbol;
import io.harbourpay.qr.image.Symbols;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** {@code harbour qr render}: a payload as PNG and/or SVG, QR or (for pay codes) Code 128. */
final class RenderCommand {
  private final QrCli cli;

  RenderCommand(QrCli cli) {
    this.cli = cli;
  }

  int run(List<String> args) throws UsageException {
    Arguments arguments =
        Arguments.parse(
            args, Set.of("--png", "--svg", "--size", "--ec", "--quiet-zone"), Set.of("--barcode"));
    if (arguments.positionals().size() != 1) {
      throw new UsageException("render takes one payload");
    }
    String png = arguments.option("--png");
    String svg = arguments.option("--svg");
    if (png == null && svg == null) {
      throw new UsageException("render needs --png FILE or --svg FILE");
    }
    String payload = cli.payloadArgument(arguments.positionals().get(0));
    Symbol symbol;
    try {
      symbol =
          arguments.flag("--barcode")
              ? Symbols.code128(
                  payload,
                  new BarcodeImageOptions(
                      arguments.intOption("--size", BarcodeImageOptions.DEFAULT.widthPixels()),
                      BarcodeImageOptions.DEFAULT.heightPixels(),
                      arguments.intOption(
                          "--quiet-zone", BarcodeImageOptions.QUIET_ZONE_MODULES_STANDARD)))
              : Symbols.qr(
                  payload,
                  new QrImageOptions(
                      arguments.intOption("--size", QrImageOptions.DEFAULT.sizePixels()),
                      errorCorrection(arguments.option("--ec", "M")),
                      arguments.intOption(
                          "--quiet-zone", QrImageOptions.QUIET_ZONE_MODULES_STANDARD)));
    } catch (IllegalArgumentException wrong) {
      cli.err().println("harbour qr: " + wrong.getMessage());
      return QrCli.EXIT_INVALID;
    }
    try {
      if (png != null) {
        Files.write(Path.of(png), PngImages.write(symbol));
        cli.out().println("wrote " + png);
      }
      if (svg != null) {
        Files.writeString(Path.of(svg), SvgImages.write(symbol), StandardCharsets.UTF_8);
        cli.out().println("wrote " + svg);
      }
    } catch (IOException failed) {
      cli.err().println("harbour qr: cannot write the image: " + failed.getMessage());
      return QrCli.EXIT_INVALID;
    }
    return QrCli.EXIT_OK;
  }

  private static ErrorCorrection errorCorrection(String level) throws UsageException {
    try {
      return ErrorCorrection.valueOf(level.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException unknown) {
      throw new UsageException("--ec takes L, M, Q or H, not " + level);
    }
  }
}
