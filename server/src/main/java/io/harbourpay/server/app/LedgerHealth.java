package io.harbourpay.server.app;

import io.harbourpay.ledger.LedgerMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready when the database answers a read; reports the writer's queue and commit failures. */
@Readiness
@ApplicationScoped
public class LedgerHealth implements HealthCheck {
  @Inject HarbourApp app;

  @Override
  public HealthCheckResponse call() {
    LedgerMetrics metrics = app.platform().ledger.metrics();
    try {
      app.platform().database.read(connection -> connection.isValid(2));
      return HealthCheckResponse.named("ledger")
          .up()
          .withData("queue_depth", metrics.queueDepth())
          .withData("commit_failures", metrics.commitFailures())
          .build();
    } catch (RuntimeException failure) {
      return HealthCheckResponse.named("ledger")
          .down()
          .withData("error", failure.getMessage())
          .build();
    }
  }
}
