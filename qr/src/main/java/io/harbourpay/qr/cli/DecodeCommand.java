package io.harbourpay.qr.cli;

import io.harbourpay.qr.DecodeMode;
import io.harbourpay.qr.Decoded;
import io.harbourpay.qr.QrFormatException;
import io.harbourpay.qr.cli.Arguments.UsageException;
import io.harbourpay.qr.cpm.ConsumerPresentedPayload;
import io.harbourpay.qr.cpm.CpmDecoder;
import io.harbourpay.qr.mpm.FpsAccount;
import io.harbourpay.qr.mpm.GuidTemplate;
import io.harbourpay.qr.mpm.HarbourPayAccount;
import io.harbourpay.qr.mpm.MerchantPresentedPayload;
import io.harbourpay.qr.mpm.MpmDecoder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/** {@code harbour qr decode}: the fields as JSON, or the problems and exit code 1. */
final class DecodeCommand {
  private final QrCli cli;

  DecodeCommand(QrCli cli) {
    this.cli = cli;
  }

  int run(List<String> args) throws UsageException {
    Arguments arguments = Arguments.parse(args, Set.of(), Set.of("--strict"));
    if (arguments.positionals().size() != 1) {
      throw new UsageException("decode takes one payload");
    }
    String payload = cli.payloadArgument(arguments.positionals().get(0));
    DecodeMode mode = arguments.flag("--strict") ? DecodeMode.STRICT : DecodeMode.LENIENT;
    Map<String, Object> json = new LinkedHashMap<>();
    try {
      if (CpmDecoder.looksLikeCpm(payload)) {
        Decoded<ConsumerPresentedPayload> decoded = CpmDecoder.decode(payload, mode);
        json.put("valid", true);
        json.put("mode", mode);
        json.put("format", "EMVCo CPM");
        json.putAll(Json.members(decoded.payload()));
        json.put("warnings", decoded.warnings());
      } else {
        Decoded<MerchantPresentedPayload> decoded = MpmDecoder.decode(payload, mode);
        json.put("valid", true);
        json.put("mode", mode);
        json.put("format", "EMVCo MPM");
        json.putAll(merchantPresented(decoded.payload()));
        json.put("warnings", decoded.warnings());
      }
      cli.out().print(Json.write(json));
      return QrCli.EXIT_OK;
    } catch (QrFormatException invalid) {
      json.put("valid", false);
      json.put("mode", mode);
      json.put("problems", invalid.problems());
      cli.out().print(Json.write(json));
      return QrCli.EXIT_INVALID;
    }
  }

  /** The model's components plus what a reader wants spelled out: minor units, known schemes. */
  static Map<String, Object> merchantPresented(MerchantPresentedPayload payload) {
    Map<String, Object> json = Json.members(payload);
    try {
      OptionalLong amountMinor = payload.transactionAmountMinor();
      if (amountMinor.isPresent()) {
        json.put("transactionAmountMinor", amountMinor.getAsLong());
      }
    } catch (ArithmeticException tooPrecise) {
      json.put("transactionAmountMinor", "more fraction digits than the currency has");
    }
    List<Object> schemes = new ArrayList<>();
    for (GuidTemplate template : payload.merchantAccountTemplates()) {
      FpsAccount.from(template).ifPresent(fps -> schemes.add(Map.of("fps", fps)));
      HarbourPayAccount.from(template)
          .ifPresent(account -> schemes.add(Map.of("harbourPay", account)));
    }
    json.put("recognisedSchemes", schemes);
    return json;
  }
}
