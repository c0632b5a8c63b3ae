package io.harbourpay.qr.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.harbourpay.qr.DecodeMode;
import io.harbourpay.qr.Problem;
import io.harbourpay.qr.QrFormatException;
import io.harbourpay.qr.QrPayloads;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every row of the public conformance corpus ({@code <repo>/../shared/conformance}) and of this
 * module's own corpus of published payloads gets its expected verdict in strict and lenient mode.
 */
class ConformanceTest {
  private static final String SHARED_CORPUS = "emvco-public.tsv";
  private static final String OWN_CORPUS = "/io/harbourpay/qr/conformance/published-payloads.tsv";

  /**
   * The shared corpus sits beside the repository; surefire runs in the module directory. An
   * explicit directory wins, for checkouts laid out otherwise.
   */
  static Path sharedCorpus() {
    String explicit = System.getenv("HARBOUR_CONFORMANCE_DIR");
    Path directory =
        explicit != null
            ? Path.of(explicit)
            : Path.of("")
                .toAbsolutePath()
                .getParent()
                .resolveSibling("shared")
                .resolve("conformance");
    return directory.resolve(SHARED_CORPUS);
  }

  static Stream<ConformanceCorpus.Row> sharedRows() {
    Path file = sharedCorpus();
    if (!Files.isRegularFile(file)) {
      return Stream.empty();
    }
    return ConformanceCorpus.read(file).rows().stream();
  }

  static Stream<ConformanceCorpus.Row> ownRows() throws Exception {
    Path file = Path.of(ConformanceTest.class.getResource(OWN_CORPUS).toURI());
    return ConformanceCorpus.read(file).rows().stream();
  }

  @Test
  void sharedCorpusIsPresent() {
    Path file = sharedCorpus();
    if ("true".equals(System.getenv("CI"))) {
      assertThat(file).as("the shared conformance corpus must be there in CI").isRegularFile();
    } else {
      Assumptions.assumeTrue(
          Files.isRegularFile(file), "no shared conformance corpus at " + file + ": rows skipped");
    }
    assertThat(ConformanceCorpus.read(file).rows()).hasSizeGreaterThan(10);
  }

  // Without the shared corpus there are no rows; sharedCorpusIsPresent says why, or fails in CI.
  @ParameterizedTest(name = "{0}", allowZeroInvocations = true)
  @MethodSource("sharedRows")
  void sharedCorpusRowGetsItsVerdict(ConformanceCorpus.Row row) {
    assertVerdicts(row);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ownRows")
  void ownCorpusRowGetsItsVerdict(ConformanceCorpus.Row row) {
    assertVerdicts(row);
  }

  private static void assertVerdicts(ConformanceCorpus.Row row) {
    List<String> wrong = new ArrayList<>();
    check(row, DecodeMode.STRICT, row.validStrict(), wrong);
    check(row, DecodeMode.LENIENT, row.validLenient(), wrong);
    if (!wrong.isEmpty()) {
      fail(row + " (" + row.source() + ")\n" + String.join("\n", wrong));
    }
  }

  private static void check(
      ConformanceCorpus.Row row, DecodeMode mode, boolean expectedValid, List<String> wrong) {
    try {
      var decoded = QrPayloads.decode(row.payload(), mode);
      if (!expectedValid) {
        wrong.add(mode + ": accepted, expected refused; warnings " + decoded.warnings());
      }
    } catch (QrFormatException refused) {
      assertThat(refused.problems()).anyMatch(Problem::isError);
      if (expectedValid) {
        wrong.add(mode + ": refused, expected accepted:\n  " + refused.problems());
      }
    }
  }
}
