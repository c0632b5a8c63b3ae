package io.harbourpay.server;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.harbourpay.server.app.HarbourApp;
import io.harbourpay.server.app.StartupBanner;
import io.harbourpay.server.support.NoDemoProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * With demo mode off: no demo data and no SMS inbox, while health, OpenAPI, Swagger UI and the
 * metrics are served. (ServerRestartIT checks the same URLs on the packaged jar in prod mode.)
 */
@QuarkusTest
@TestProfile(NoDemoProfile.class)
class ProductionProfileTest {
  @Inject HarbourApp app;
  @Inject StartupBanner banner;

  @Test
  void noDemoChainAndNoMerchantSecretInTheBanner() {
    assertThat(app.platform().merchants.list(10, null).items()).as("no demo chain").isEmpty();
    assertThat(banner.text()).doesNotContain("mks_").doesNotContain("Demo merchant API");
  }

  @Test
  void theSmsInboxDoesNotExist() {
    given()
        .queryParam("phone", "+85291000001")
        .get("/dev/sms")
        .then()
        .statusCode(404)
        .body("error.code", equalTo("resource_missing"));
    assertThat(app.platform().customers.byPhone("+85291000001")).as("no demo seed").isEmpty();
  }

  @Test
  void healthOpenApiSwaggerAndMetricsAreServed() {
    given().get("/q/health").then().statusCode(200).body("status", equalTo("UP"));
    given().get("/q/health/ready").then().statusCode(200).body("checks[0].name", equalTo("ledger"));
    given()
        .accept("application/json")
        .get("/q/openapi")
        .then()
        .statusCode(200)
        .body(containsString("/v1/transfers"))
        .body(containsString("/v1/operator/ledger/check"))
        .body(containsString("/v1/merchant/me"))
        .body(containsString("/v1/operator/merchants"));
    given().get("/q/swagger-ui/").then().statusCode(200).body(containsString("swagger"));
    String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
    assertThat(metrics)
        .contains("harbour_ledger_queue_depth")
        .contains("harbour_ledger_batch_size_mean")
        .contains("harbour_ledger_commit_latency_p99_seconds")
        .contains("harbour_payments_total{kind=\"p2p\"")
        .contains("harbour_payments_total{kind=\"topup\"");
  }
}
