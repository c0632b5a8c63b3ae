package io.harbourpay.qr.cli;

import io.harbourpay.qr.cli.Arguments.UsageException;
import io.harbourpay.qr.paycode.DeviceKey;
import io.harbourpay.qr.paycode.DeviceSecret;
import io.harbourpay.qr.paycode.PayCodeGenerator;
import io.harbourpay.qr.paycode.PayCodeVerification;
import io.harbourpay.qr.paycode.PayCodeVerifier;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code harbour qr paycode}: try pay codes by hand, with a secret given on the command line. */
final class PayCodeCommand {
  private final QrCli cli;

  PayCodeCommand(QrCli cli) {
    this.cli = cli;
  }

  int run(List<String> args) throws UsageException {
    if (args.isEmpty()) {
      throw new UsageException("paycode needs new-secret, generate or verify");
    }
    Arguments arguments =
        Arguments.parse(
            args.subList(1, args.size()), Set.of("--device", "--secret", "--at"), Set.of());
    return switch (args.get(0)) {
      case "new-secret" -> {
        cli.out().println(DeviceSecret.generate(new SecureRandom()).toHex());
        yield QrCli.EXIT_OK;
      }
      case "generate" -> {
        requireNoPositionals(arguments);
        Instant at = instant(arguments);
        cli.out().println(PayCodeGenerator.codeAt(key(arguments, at), at));
        yield QrCli.EXIT_OK;
      }
      case "verify" -> verify(arguments);
      default -> throw new UsageException("unknown paycode command '" + args.get(0) + "'");
    };
  }

  private int verify(Arguments arguments) throws UsageException {
    if (arguments.positionals().size() != 1) {
      throw new UsageException("paycode verify takes one code");
    }
    Instant at = instant(arguments);
    DeviceKey key = key(arguments, at);
    PayCodeVerifier verifier =
        new PayCodeVerifier(
            deviceId -> deviceId == key.deviceId() ? Optional.of(key) : Optional.empty(),
            Clock.fixed(at, ZoneOffset.UTC));
    PayCodeVerification result = verifier.verify(arguments.positionals().get(0));
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("valid", result instanceof PayCodeVerification.Valid);
    json.putAll(Json.members((Record) result));
    cli.out().print(Json.write(json));
    return result instanceof PayCodeVerification.Valid ? QrCli.EXIT_OK : QrCli.EXIT_INVALID;
  }

  /** A key leased from {@code at}: the command line checks codes, not leases. */
  private static DeviceKey key(Arguments arguments, Instant at) throws UsageException {
    String device = arguments.option("--device");
    String secret = arguments.option("--secret");
    if (device == null || secret == null) {
      throw new UsageException("--device and --secret are needed");
    }
    try {
      return DeviceKey.leased(Long.parseLong(device), DeviceSecret.fromHex(secret), at);
    } catch (IllegalArgumentException wrong) {
      throw new UsageException("bad --device or --secret: " + wrong.getMessage());
    }
  }

  private static Instant instant(Arguments arguments) throws UsageException {
    String at = arguments.option("--at");
    if (at == null) {
      return Instant.now();
    }
    try {
      return Instant.parse(at);
    } catch (DateTimeParseException wrong) {
      throw new UsageException("--at takes an instant like 2026-01-31T09:30:00Z, not " + at);
    }
  }

  private static void requireNoPositionals(Arguments arguments) throws UsageException {
    if (!arguments.positionals().isEmpty()) {
      throw new UsageException("unexpected " + arguments.positionals());
    }
  }
}
