package io.harbourpay.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.harbourpay.platform.Platform;
import io.harbourpay.platform.crypto.SessionTokens;
import io.harbourpay.server.app.HarbourApp;
import io.harbourpay.server.support.HarbourProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The server purges expired sessions on its schedule (every second here) and keeps live ones. */
@QuarkusTest
@TestProfile(SessionPurgeJobTest.EverySecond.class)
class SessionPurgeJobTest {
  public static class EverySecond extends HarbourProfile {
    @Override
    protected Map<String, String> store() {
      return Map.of("harbour.sessions.purge.interval-s", "1");
    }
  }

  static final long WAIT_MS_MAX = 15_000;

  @Inject HarbourApp app;

  @Test
  void anExpiredSessionIsPurgedOnScheduleAndALiveOneStays() throws InterruptedException {
    Platform platform = app.platform();
    String expired = platform.operators.login("admin", "harbour-ops-demo-1", null).token();
    String live = platform.operators.login("admin", "harbour-ops-demo-1", null).token();
    // Ended by its absolute timeout long ago, as a token nobody used again would be.
    platform.database.read(
        connection -> {
          try (PreparedStatement age =
              connection.prepareStatement(
                  "UPDATE operator_sessions SET expires_at = 1 WHERE token_hash = ?")) {
            age.setString(1, SessionTokens.hash(expired));
            return age.executeUpdate();
          }
        });
    long deadline = System.currentTimeMillis() + WAIT_MS_MAX;
    while (rows(platform, expired) > 0 && System.currentTimeMillis() < deadline) {
      Thread.sleep(100);
    }
    assertThat(rows(platform, expired)).as("the expired session was purged").isZero();
    assertThat(rows(platform, live)).isEqualTo(1);
    assertThat(platform.operators.authenticate(live).username()).isEqualTo("admin");
  }

  private static long rows(Platform platform, String token) {
    return platform.database.read(
        connection -> {
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT COUNT(*) FROM operator_sessions WHERE token_hash = ?")) {
            select.setString(1, SessionTokens.hash(token));
            try (ResultSet row = select.executeQuery()) {
              row.next();
              return row.getLong(1);
            }
          }
        });
  }
}
