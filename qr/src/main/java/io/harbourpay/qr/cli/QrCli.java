package io.harbourpay.qr.cli;

import io.harbourpay.qr.cli.Arguments.UsageException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * {@code harbour qr}: decode, encode and render QR payloads, make and check pay codes. Output goes
 * to the given streams and the exit code is returned, so tests run it in-process; only {@link
 * #main} exits.
 */
public final class QrCli {
  public static final int EXIT_OK = 0;

  /** The payload is invalid, or the work failed (a file could not be written). */
  public static final int EXIT_INVALID = 1;

  /** The command line is wrong. */
  public static final int EXIT_USAGE = 2;

  /** A payload read from standard input ("-") longer than this is refused. */
  static final int STDIN_BYTES_MAX = 16_384;

  static final String USAGE =
      """
      usage: harbour qr <command> ...

        decode [--strict] <payload|->     print the payload's fields as JSON (lenient by default)
        encode --name N --city C --currency 344 (--fps-id ID | --fps-mobile M | --fps-email E
               | --hp-merchant ID) [--amount 12.30] [--static | --dynamic] [options]
                                          build an EMVCo MPM payload; options: --mcc --country
                                          --fps-participant --hp-store --hp-terminal --reference
                                          --bill-number --store-label --terminal-label
                                          --alt-language --alt-name --alt-city
        render <payload|-> (--png FILE | --svg FILE)... [--size PX] [--ec L|M|Q|H]
               [--quiet-zone N] [--barcode]
                                          draw the payload as a QR (or Code 128 with --barcode)
        paycode new-secret                print a new device secret (hex)
        paycode generate --device ID --secret HEX [--at INSTANT]
        paycode verify <code> --device ID --secret HEX [--at INSTANT]

      exit codes: 0 done, 1 invalid payload or failed, 2 wrong usage
      """;

  private final PrintStream out;
  private final PrintStream err;
  private final InputStream in;

  public QrCli(PrintStream out, PrintStream err, InputStream in) {
    this.out = out;
    this.err = err;
    this.in = in;
  }

  public static void main(String[] args) {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
    System.exit(new QrCli(out, err, System.in).run(args));
  }

  public int run(String... args) {
    if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
      (args.length == 0 ? err : out).print(USAGE);
      return args.length == 0 ? EXIT_USAGE : EXIT_OK;
    }
    List<String> rest = Arrays.asList(args).subList(1, args.length);
    try {
      return switch (args[0]) {
        case "decode" -> new DecodeCommand(this).run(rest);
        case "encode" -> new EncodeCommand(this).run(rest);
        case "render" -> new RenderCommand(this).run(rest);
        case "paycode" -> new PayCodeCommand(this).run(rest);
        default -> throw new UsageException("unknown command '" + args[0] + "'");
      };
    } catch (UsageException wrong) {
      err.println("harbour qr: " + wrong.getMessage());
      err.print(USAGE);
      return EXIT_USAGE;
    }
  }

  PrintStream out() {
    return out;
  }

  PrintStream err() {
    return err;
  }

  /** The payload argument: itself, or standard input without its final newline for "-". */
  String payloadArgument(String argument) throws UsageException {
    if (!argument.equals("-")) {
      return argument;
    }
    try {
      byte[] bytes = in.readNBytes(STDIN_BYTES_MAX + 1);
      if (bytes.length > STDIN_BYTES_MAX) {
        throw new UsageException("standard input holds more than " + STDIN_BYTES_MAX + " bytes");
      }
      return new String(bytes, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new UsageException("cannot read standard input: " + e.getMessage());
    }
  }
}
