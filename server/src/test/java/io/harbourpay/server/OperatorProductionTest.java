package io.harbourpay.server;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.harbourpay.server.app.HarbourApp;
import io.harbourpay.server.app.StartupBanner;
import io.harbourpay.server.support.NoDemoProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Operator accounts with demo mode off: no demo operators or passwords, the operator key refused
 * (break-glass is off by default in production), and the first admin made from the bootstrap
 * settings.
 */
@QuarkusTest
@TestProfile(OperatorProductionTest.Bootstrap.class)
class OperatorProductionTest {
  static final String USERNAME = "ops-lead";
  static final String PASSWORD = "first admin passphrase 7";

  public static class Bootstrap extends NoDemoProfile {
    @Override
    protected Map<String, String> store() {
      Map<String, String> config = new HashMap<>(super.store());
      config.put("harbour.operator.bootstrap-username", USERNAME);
      config.put("harbour.operator.bootstrap-password", PASSWORD);
      return config;
    }
  }

  @Inject HarbourApp app;
  @Inject StartupBanner banner;

  @Test
  void theKeyIsRefusedAndOnlyTheBootstrappedAdminExists() {
    given()
        .header("Authorization", "Bearer production-like-operator-key-for-tests-0123456789")
        .header("X-Operator", "someone")
        .get("/v1/operator/ledger/check")
        .then()
        .statusCode(401)
        .body("error.code", equalTo("operator_key_disabled"));
    assertThat(app.platform().operators.count()).isEqualTo(1);
    assertThat(app.platform().operators.byUsername("admin")).as("no demo operators").isEmpty();
    assertThat(banner.text()).doesNotContain("harbour-ops-demo").doesNotContain(PASSWORD);
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("username", "admin", "password", "harbour-ops-demo-1"))
        .post("/v1/operator/login")
        .then()
        .statusCode(401);
    String token =
        given()
            .contentType(ContentType.JSON)
            .body(Map.of("username", USERNAME, "password", PASSWORD))
            .post("/v1/operator/login")
            .then()
            .statusCode(200)
            .extract()
            .path("token");
    given()
        .header("Authorization", "Bearer " + token)
        .get("/v1/operator/me")
        .then()
        .statusCode(200)
        .body("roles[0]", equalTo("admin"));
  }
}
