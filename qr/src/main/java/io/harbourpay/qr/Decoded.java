package io.harbourpay.qr;

import java.util.List;
import java.util.Objects;

/**
 * A payload that a decode accepted, with the warnings it gave on the way.
 *
 * @param payload the typed model
 * @param warnings rules broken that the decode mode tolerates; empty for a clean payload
 */
public record Decoded<T>(T payload, List<Problem> warnings) {
  public Decoded {
    Objects.requireNonNull(payload, "payload");
    warnings = List.copyOf(warnings);
    assert warnings.stream().noneMatch(Problem::isError) : "accepted with an error";
  }
}
