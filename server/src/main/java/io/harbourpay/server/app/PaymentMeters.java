package io.harbourpay.server.app;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * {@code harbour_payments_total{kind}}: payments accepted by the API. Registered at start with
 * every kind, so the series exist (at zero) before the first payment and a dashboard's rate() has a
 * baseline.
 */
@ApplicationScoped
public class PaymentMeters implements MeterBinder {
  public static final String NAME = "harbour_payments_total";
  public static final List<String> KINDS = List.of("topup", "withdrawal", "p2p");

  @Override
  public void bindTo(MeterRegistry registry) {
    for (String kind : KINDS) counter(registry, kind);
  }

  public static Counter counter(MeterRegistry registry, String kind) {
    return Counter.builder(NAME)
        .tag("kind", kind)
        .description("Payments accepted by the API, by kind")
        .register(registry);
  }
}
