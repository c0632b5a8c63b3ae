package io.harbourpay.server.app;

import io.harbourpay.ledger.Ledger;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.function.ToDoubleFunction;

/** The ledger writer on /q/metrics: batches, events, queue depth, commit latency. */
@ApplicationScoped
public class LedgerMeters implements MeterBinder {
  @Inject HarbourApp app;

  @Override
  public void bindTo(MeterRegistry registry) {
    counter(
        registry,
        "harbour_ledger_batches_committed",
        "Batches committed",
        ledger -> ledger.metrics().batchesCommitted());
    counter(
        registry,
        "harbour_ledger_events_committed",
        "Events (accounts and transfers) committed",
        ledger -> ledger.metrics().eventsCommitted());
    counter(
        registry,
        "harbour_ledger_commit_failures",
        "Batches whose commit failed (nothing acknowledged)",
        ledger -> ledger.metrics().commitFailures());
    counter(
        registry,
        "harbour_ledger_requests_busy",
        "Requests refused because the queue was full",
        ledger -> ledger.metrics().requestsRefusedBusy());
    gauge(
        registry,
        "harbour_ledger_queue_depth",
        "Requests waiting for the writer",
        ledger -> ledger.metrics().queueDepth());
    gauge(
        registry,
        "harbour_ledger_commit_latency_p50_seconds",
        "Median commit latency of recent batches",
        ledger -> ledger.metrics().commitLatencyP50Micros() / 1e6);
    gauge(
        registry,
        "harbour_ledger_commit_latency_p99_seconds",
        "99th percentile commit latency of recent batches",
        ledger -> ledger.metrics().commitLatencyP99Micros() / 1e6);
    gauge(
        registry,
        "harbour_ledger_batch_size_mean",
        "Mean events per committed batch",
        ledger -> {
          long batches = ledger.metrics().batchesCommitted();
          return batches == 0 ? 0 : (double) ledger.metrics().eventsCommitted() / batches;
        });
  }

  private void counter(
      MeterRegistry registry, String name, String help, ToDoubleFunction<Ledger> value) {
    FunctionCounter.builder(
            name,
            this,
            binder -> binder.ledger() == null ? 0 : value.applyAsDouble(binder.ledger()))
        .description(help)
        .register(registry);
  }

  private void gauge(
      MeterRegistry registry, String name, String help, ToDoubleFunction<Ledger> value) {
    Gauge.builder(
            name,
            this,
            binder -> binder.ledger() == null ? 0 : value.applyAsDouble(binder.ledger()))
        .description(help)
        .register(registry);
  }

  private Ledger ledger() {
    return app.platform() == null ? null : app.platform().ledger;
  }
}
