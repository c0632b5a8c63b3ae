package io.harbourpay.qr.cli;

import io.harbourpay.qr.DecodeMode;
import io.harbourpay.qr.QrFormatException;
import io.harbourpay.qr.cli.Arguments.UsageException;
import io.harbourpay.qr.mpm.AdditionalData;
import io.harbourpay.qr.mpm.AlternateLanguage;
import io.harbourpay.qr.mpm.FpsAccount;
import io.harbourpay.qr.mpm.HarbourPayAccount;
import io.harbourpay.qr.mpm.MerchantPresentedPayload;
import io.harbourpay.qr.mpm.MpmDecoder;
import io.harbourpay.qr.mpm.MpmEncoder;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code harbour qr encode}: a static or dynamic MPM payload from options, checked with the strict
 * decoder before it is printed.
 */
final class EncodeCommand {
  private static final Set<String> OPTIONS =
      Set.of(
          "--name",
          "--city",
          "--currency",
          "--amount",
          "--mcc",
          "--country",
          "--fps-id",
          "--fps-mobile",
          "--fps-email",
          "--fps-participant",
          "--hp-merchant",
          "--hp-store",
          "--hp-terminal",
          "--reference",
          "--bill-number",
          "--store-label",
          "--terminal-label",
          "--alt-language",
          "--alt-name",
          "--alt-city");

  /** FPS codes in Hong Kong carry MCC 0000 unless the merchant has one. */
  private static final String DEFAULT_MCC = "0000";

  private static final String DEFAULT_COUNTRY = "HK";

  private final QrCli cli;

  EncodeCommand(QrCli cli) {
    this.cli = cli;
  }

  int run(List<String> args) throws UsageException {
    Arguments arguments = Arguments.parse(args, OPTIONS, Set.of("--static", "--dynamic"));
    if (!arguments.positionals().isEmpty()) {
      throw new UsageException("encode takes options only: " + arguments.positionals());
    }
    if (arguments.flag("--static") && arguments.flag("--dynamic")) {
      throw new UsageException("--static and --dynamic exclude each other");
    }
    String name = required(arguments, "--name");
    String city = required(arguments, "--city");
    String currency = numericCurrency(required(arguments, "--currency"));
    String amount = arguments.option("--amount");
    boolean dynamic =
        arguments.flag("--dynamic") || (!arguments.flag("--static") && amount != null);
    if (dynamic && amount == null) {
      throw new UsageException("a dynamic code needs --amount");
    }

    MerchantPresentedPayload.Builder payload =
        MerchantPresentedPayload.builder()
            .merchantName(name)
            .merchantCity(city)
            .transactionCurrency(currency)
            .transactionAmount(amount)
            .merchantCategoryCode(arguments.option("--mcc", DEFAULT_MCC))
            .countryCode(arguments.option("--country", DEFAULT_COUNTRY));
    if (dynamic) {
      payload.dynamicCode();
    } else {
      payload.staticCode();
    }
    try {
      addAccounts(arguments, payload);
      addAdditionalData(arguments, payload);
      if (arguments.option("--alt-name") != null) {
        payload.alternateLanguage(
            AlternateLanguage.of(
                arguments.option("--alt-language", "ZH"),
                arguments.option("--alt-name"),
                arguments.option("--alt-city")));
      }
    } catch (IllegalArgumentException wrong) {
      throw new UsageException(wrong.getMessage());
    }

    String text;
    try {
      text = MpmEncoder.encode(payload.build());
    } catch (IllegalArgumentException tooLong) {
      throw new UsageException(tooLong.getMessage());
    }
    try {
      MpmDecoder.decode(text, DecodeMode.STRICT);
    } catch (QrFormatException invalid) {
      cli.err().println("harbour qr: the payload breaks EMVCo rules:");
      invalid.problems().forEach(problem -> cli.err().println("  " + problem));
      return QrCli.EXIT_INVALID;
    }
    cli.out().println(text);
    return QrCli.EXIT_OK;
  }

  private static void addAccounts(Arguments arguments, MerchantPresentedPayload.Builder payload)
      throws UsageException {
    boolean fps =
        arguments.option("--fps-id") != null
            || arguments.option("--fps-mobile") != null
            || arguments.option("--fps-email") != null;
    boolean harbourPay = arguments.option("--hp-merchant") != null;
    if (!fps && !harbourPay) {
      throw new UsageException(
          "name an account: --fps-id, --fps-mobile, --fps-email or --hp-merchant");
    }
    if (fps) {
      payload.merchantAccount(
          new FpsAccount(
                  arguments.option("--fps-participant"),
                  arguments.option("--fps-id"),
                  arguments.option("--fps-mobile"),
                  arguments.option("--fps-email"),
                  null)
              .toTemplate());
    }
    if (harbourPay) {
      payload.merchantAccount(
          new HarbourPayAccount(
                  arguments.option("--hp-merchant"),
                  arguments.option("--hp-store"),
                  arguments.option("--hp-terminal"),
                  arguments.option("--reference"))
              .toTemplate());
    }
  }

  private static void addAdditionalData(
      Arguments arguments, MerchantPresentedPayload.Builder payload) {
    Map<String, String> labels =
        Map.of(
            "--reference", "05",
            "--bill-number", "01",
            "--store-label", "03",
            "--terminal-label", "07");
    if (labels.keySet().stream().noneMatch(option -> arguments.option(option) != null)) {
      return;
    }
    payload.additionalData(
        AdditionalData.builder()
            .referenceLabel(arguments.option("--reference"))
            .billNumber(arguments.option("--bill-number"))
            .storeLabel(arguments.option("--store-label"))
            .terminalLabel(arguments.option("--terminal-label"))
            .build());
  }

  private static String required(Arguments arguments, String name) throws UsageException {
    String value = arguments.option(name);
    if (value == null) {
      throw new UsageException("encode needs " + name);
    }
    return value;
  }

  /** Accepts "344" or "HKD"; the payload carries the numeric code. */
  private static String numericCurrency(String currency) throws UsageException {
    if (currency.matches("[0-9]{3}")) {
      return currency;
    }
    try {
      return Currency.getInstance(currency).getNumericCodeAsString();
    } catch (IllegalArgumentException unknown) {
      throw new UsageException("unknown currency " + currency);
    }
  }
}
