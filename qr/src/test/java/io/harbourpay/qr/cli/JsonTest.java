package io.harbourpay.qr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
  record Sample(String name, Long amountMinor, List<String> tags, Map<String, String> empty) {}

  @Test
  void escapesWhatRfc8259Requires() {
    StringBuilder out = new StringBuilder();
    Json.string(out, "a\"b\\c\nd\u0001e\u2028最");
    assertThat(out).hasToString("\"a\\\"b\\\\c\\nd\\u0001e\\u2028最\"");
  }

  @Test
  void recordsBecomeObjectsWithoutNullsOrEmpties() {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("sample", new Sample("x", 5L, List.of("a"), Map.of()));
    root.put("none", new Sample(null, null, List.of(), Map.of()));
    assertThat(Json.write(root))
        .isEqualTo(
            "{\n  \"sample\": {\n    \"name\": \"x\",\n    \"amountMinor\": 5,\n"
                + "    \"tags\": [\n      \"a\"\n    ]\n  },\n  \"none\": {}\n}\n");
  }
}
