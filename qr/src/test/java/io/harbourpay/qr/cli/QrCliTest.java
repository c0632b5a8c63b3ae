package io.harbourpay.qr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI end to end, in-process: arguments in, stdout, stderr and exit code out. */
class QrCliTest {
  record Run(int exitCode, String out, String err) {}

  static Run runWithInput(String stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exitCode =
        new QrCli(
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)))
            .run(args);
    return new Run(
        exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  static Run run(String... args) {
    return runWithInput("", args);
  }

  /** Hong Kong FPS, odoo's l10n_hk test payload (also in the shared corpus). */
  static final String FPS =
      "00020101021226330012hk.com.hkicl0313+852-6789123452040000530334454031005802HK"
          + "5914company_1_data6002HK62170513INV/TEST/00016304A154";

  @Test
  void decodePrintsTheFieldsAsJson() {
    Run run = run("decode", FPS);
    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .contains("\"valid\": true")
        .contains("\"merchantName\": \"company_1_data\"")
        .contains("\"transactionAmountMinor\": 10000")
        .contains("\"referenceLabel\": \"INV/TEST/0001\"");
  }

  @Test
  void decodeIsLenientByDefaultAndStrictOnRequest() {
    String promptPay = "00020101021129370016A000000677010111011300668012345675802TH530376463046197";
    Run lenient = run("decode", promptPay);
    Run strict = run("decode", "--strict", promptPay);

    assertThat(lenient.exitCode()).isZero();
    assertThat(lenient.out()).contains("\"warnings\"").contains("MISSING_MANDATORY");
    assertThat(strict.exitCode()).isEqualTo(QrCli.EXIT_INVALID);
    assertThat(strict.out()).contains("\"valid\": false").contains("\"dataObject\": \"59\"");
  }

  @Test
  void decodeReadsStandardInputAndCpm() {
    Run run = runWithInput("hQVDUFYwMWEaTwegAAAAVVVVVw8SNFZ4kBI0WNGRIgESNF8=\n", "decode", "-");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("\"format\": \"EMVCo CPM\"").contains("A0000000555555");
  }

  @Test
  void anInvalidPayloadPrintsItsProblemsAndExitsOne() {
    Run run = run("decode", "0002015999abc");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).contains("\"rule\": \"SYNTAX\"").contains("\"position\": 6");
  }

  @Test
  void encodeBuildsAStrictlyValidPayloadThatDecodesBack() {
    Run encoded =
        run(
            "encode",
            "--name",
            "Harbour Cafe",
            "--city",
            "Hong Kong",
            "--currency",
            "HKD",
            "--amount",
            "23.50",
            "--fps-id",
            "1234567",
            "--hp-merchant",
            "m_1001",
            "--hp-terminal",
            "t_3",
            "--reference",
            "ORD-42",
            "--alt-name",
            "海港咖啡");
    assertThat(encoded.exitCode()).as(encoded.err()).isZero();
    String payload = encoded.out().strip();
    assertThat(payload).startsWith("000201010212");

    Run decoded = run("decode", "--strict", payload);
    assertThat(decoded.exitCode()).isZero();
    assertThat(decoded.out())
        .contains("\"transactionAmountMinor\": 2350")
        .contains("\"harbourPay\"")
        .contains("\"orderReference\": \"ORD-42\"")
        .contains("海港咖啡");
  }

  @Test
  void encodeWithoutAmountIsStatic() {
    Run run =
        run("encode", "--name", "NA", "--city", "HK", "--currency", "344", "--fps-id", "1234567");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).startsWith("000201010211");
  }

  @Test
  void usageErrorsExitTwo() {
    assertThat(run().exitCode()).isEqualTo(QrCli.EXIT_USAGE);
    assertThat(run("frobnicate").exitCode()).isEqualTo(QrCli.EXIT_USAGE);
    assertThat(run("decode").exitCode()).isEqualTo(QrCli.EXIT_USAGE);
    assertThat(run("decode", "--loud", "x").exitCode()).isEqualTo(QrCli.EXIT_USAGE);
    assertThat(run("encode", "--name", "x").err()).contains("--city");
    assertThat(run("render", "x").exitCode()).isEqualTo(QrCli.EXIT_USAGE);
    assertThat(run("--help").exitCode()).isZero();
  }

  @Test
  void renderWritesImagesThatDecodeBack(@TempDir Path directory) throws Exception {
    Path png = directory.resolve("fps.png");
    Path svg = directory.resolve("fps.svg");
    Run run =
        run(
            "render",
            FPS,
            "--png",
            png.toString(),
            "--svg",
            svg.toString(),
            "--size",
            "300",
            "--ec",
            "q");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(Files.readAllBytes(png)).startsWith(0x89, 'P', 'N', 'G');
    assertThat(Files.readString(svg)).contains("<svg");
  }

  @Test
  void payCodesGenerateAndVerify() {
    String secret = run("paycode", "new-secret").out().strip();
    assertThat(secret).hasSize(64);
    String at = "2026-01-31T09:30:00Z";
    String code =
        run("paycode", "generate", "--device", "42", "--secret", secret, "--at", at).out().strip();
    assertThat(code).hasSize(18).startsWith("88");

    Run valid = run("paycode", "verify", code, "--device", "42", "--secret", secret, "--at", at);
    assertThat(valid.exitCode()).isZero();
    assertThat(valid.out()).contains("\"valid\": true").contains("\"deviceId\": 42");

    Run expired =
        run(
            "paycode",
            "verify",
            code,
            "--device",
            "42",
            "--secret",
            secret,
            "--at",
            "2026-01-31T09:40:00Z");
    assertThat(expired.exitCode()).isEqualTo(1);
    assertThat(expired.out()).contains("\"reason\": \"EXPIRED\"");
  }
}
