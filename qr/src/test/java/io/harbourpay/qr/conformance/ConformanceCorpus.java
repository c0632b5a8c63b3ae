package io.harbourpay.qr.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Rows of a conformance table: {@code expected_strict, expected_lenient, scheme, source, payload},
 * tab-separated, one header line, "valid" or "invalid" verdicts.
 */
record ConformanceCorpus(Path file, List<Row> rows) {
  /** Bounds the tables read: far more rows than any published corpus. */
  static final int ROWS_MAX = 10_000;

  record Row(
      int line,
      boolean validStrict,
      boolean validLenient,
      String scheme,
      String source,
      String payload) {
    @Override
    public String toString() {
      return "line " + line + ": " + scheme;
    }
  }

  static ConformanceCorpus read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Row> rows = new ArrayList<>();
    for (int index = 1; index < lines.size() && rows.size() < ROWS_MAX; index++) {
      String line = lines.get(index);
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] columns = line.split("\t", -1);
      if (columns.length != 5) {
        throw new IllegalStateException(
            file + ":" + (index + 1) + " has " + columns.length + " columns");
      }
      rows.add(
          new Row(
              index + 1,
              verdict(columns[0], file, index),
              verdict(columns[1], file, index),
              columns[2],
              columns[3],
              columns[4]));
    }
    return new ConformanceCorpus(file, List.copyOf(rows));
  }

  private static boolean verdict(String text, Path file, int index) {
    return switch (text) {
      case "valid" -> true;
      case "invalid" -> false;
      default -> throw new IllegalStateException(file + ":" + (index + 1) + " verdict " + text);
    };
  }
}
