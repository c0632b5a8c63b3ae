package io.harbourpay.server;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import io.harbourpay.server.app.HarbourApp;
import io.harbourpay.server.support.Api;
import io.harbourpay.server.support.Merchants;
import io.harbourpay.server.support.SqliteProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.sql.PreparedStatement;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * People in the merchant console (docs/merchants.md, "Console users"): a console token is accepted
 * wherever a signature is, for its own merchant only, within its role, and not once it has ended.
 */
@QuarkusTest
@TestProfile(SqliteProfile.class)
class MerchantConsoleApiTest {
  static final String OWNER = "owner@harbourmart.example";
  static final String OWNER_PASSWORD = "harbour-owner-demo";
  static final String CASHIER = "cashier@harbourmart.example";
  static final String CASHIER_PASSWORD = "harbour-cashier-demo";

  @Inject HarbourApp app;

  static String login(String email, String password) {
    return Api.anonymous()
        .body(Map.of("email", email, "password", password))
        .post("/v1/merchant/console/login")
        .then()
        .statusCode(200)
        .extract()
        .path("token");
  }

  /** Changes rows behind the API's back (a session's expiry, a payment's date); one row exactly. */
  void update(String sql, Object... parameters) {
    int changed =
        app.platform()
            .database
            .read(
                connection -> {
                  try (PreparedStatement update = connection.prepareStatement(sql)) {
                    for (int index = 0; index < parameters.length; index++) {
                      update.setObject(index + 1, parameters[index]);
                    }
                    return update.executeUpdate();
                  }
                });
    assertThat(changed).as(sql).isEqualTo(1);
  }

  static RequestSpecification as(String token) {
    return given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON);
  }

  static String firstStore(String token) {
    return as(token)
        .get("/v1/merchant/stores?limit=1")
        .then()
        .statusCode(200)
        .extract()
        .path("data[0].id");
  }

  static String firstTerminal(String token, String store) {
    return as(token)
        .get("/v1/merchant/stores/" + store + "/terminals")
        .then()
        .statusCode(200)
        .extract()
        .path("data[0].id");
  }

  @Test
  void theOwnerSignsInAndUsesTheMerchantApiWithTheToken() {
    Map<String, Object> session =
        Api.anonymous()
            .body(Map.of("email", "OWNER@harbourmart.example", "password", OWNER_PASSWORD))
            .post("/v1/merchant/console/login")
            .then()
            .statusCode(200)
            .body("object", equalTo("console_session"))
            .body("role", equalTo("owner"))
            .body("merchant.legal_name", equalTo("Harbour Mart Limited"))
            .body("user.email", equalTo(OWNER))
            .extract()
            .jsonPath()
            .getMap("");
    String token = (String) session.get("token");
    assertThat(token).startsWith("hpm_");
    as(token).get("/v1/merchant/console/me").then().statusCode(200).body("role", equalTo("owner"));
    as(token)
        .get("/v1/merchant/me")
        .then()
        .statusCode(200)
        .body("legal_name", equalTo("Harbour Mart Limited"));
    as(token).get("/v1/merchant/keys").then().statusCode(200);
    String store = firstStore(token);
    String terminal = firstTerminal(token, store);
    as(token)
        .body(
            Map.of(
                "amount",
                1234,
                "currency",
                "HKD",
                "store",
                store,
                "terminal",
                terminal,
                "merchant_reference",
                "console-" + UUID.randomUUID()))
        .post("/v1/merchant/orders")
        .then()
        .statusCode(201)
        .body("status", equalTo("open"));
    as(token)
        .get("/v1/merchant/payments?limit=5")
        .then()
        .statusCode(200)
        .body("object", equalTo("list"));
    // The demo owner and cashier (another test may have added a manager).
    as(token)
        .get("/v1/merchant/console/users")
        .then()
        .statusCode(200)
        .body("data.email", hasItems(OWNER, CASHIER));

    // Wrong passwords are one answer, unknown emails the same one.
    Api.anonymous()
        .body(Map.of("email", OWNER, "password", "not the password"))
        .post("/v1/merchant/console/login")
        .then()
        .statusCode(401)
        .body("error.code", equalTo("login_failed"));
    Api.anonymous()
        .body(Map.of("email", "nobody@harbourmart.example", "password", "not the password"))
        .post("/v1/merchant/console/login")
        .then()
        .statusCode(401)
        .body("error.code", equalTo("login_failed"));
  }

  @Test
  void aCashierRunsTheTillButCannotRefundOrManageKeys() {
    String token = login(CASHIER, CASHIER_PASSWORD);
    String store = firstStore(token);
    String terminal = firstTerminal(token, store);
    as(token)
        .body(
            Map.of(
                "amount",
                500,
                "currency",
                "HKD",
                "store",
                store,
                "terminal",
                terminal,
                "merchant_reference",
                "cashier-" + UUID.randomUUID()))
        .post("/v1/merchant/orders")
        .then()
        .statusCode(201);
    as(token).get("/v1/merchant/payments").then().statusCode(200);
    as(token)
        .body(Map.of("amount", 100))
        .post("/v1/merchant/payments/pay_1/refunds")
        .then()
        .statusCode(403)
        .body("error.type", equalTo("permission_error"))
        .body("error.code", equalTo("role_not_permitted"));
    as(token)
        .get("/v1/merchant/keys")
        .then()
        .statusCode(403)
        .body("error.code", equalTo("role_not_permitted"));
    as(token).post("/v1/merchant/keys").then().statusCode(403);
    as(token).get("/v1/merchant/console/users").then().statusCode(403);
    as(token)
        .body(Map.of("label", "Till 9"))
        .post("/v1/merchant/stores/" + store + "/terminals")
        .then()
        .statusCode(403);
  }

  @Test
  void aCashierSeesOnlyTodaysPaymentsByIdAndByReference() {
    PaymentApiTestBase.Shop shop = PaymentApiTestBase.shop();
    String email = "cashier-" + UUID.randomUUID() + "@shop.example";
    Api.operator()
        .body(
            Map.of(
                "email", email,
                "display_name", "Till Cashier",
                "password", "cashier-password",
                "role", "cashier"))
        .post("/v1/operator/merchants/" + shop.merchant() + "/console-users")
        .then()
        .statusCode(201);
    String cashier = login(email, "cashier-password");
    Api.Customer payer = PaymentApiTestBase.payer(50_00);
    String reference = "old-sale-" + UUID.randomUUID();
    String id =
        Merchants.send(
                shop.key(),
                "POST",
                "/v1/merchant/payments",
                PaymentApiTestBase.charge(PaymentApiTestBase.code(payer), 12_00, shop, reference))
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    // Today's: the till sees it both ways.
    as(cashier).get("/v1/merchant/payments/" + id).then().statusCode(200);
    as(cashier)
        .queryParam("merchant_reference", reference)
        .get("/v1/merchant/payments")
        .then()
        .statusCode(200)
        .body("id", equalTo(id));
    // Two days old: neither.
    long twoDaysAgo =
        io.harbourpay.platform.Time.micros(
            java.time.Instant.now().minus(java.time.Duration.ofDays(2)));
    update(
        "UPDATE payments SET created_at = ? WHERE merchant_reference = ?", twoDaysAgo, reference);
    as(cashier).get("/v1/merchant/payments/" + id).then().statusCode(404);
    as(cashier)
        .queryParam("merchant_reference", reference)
        .get("/v1/merchant/payments")
        .then()
        .statusCode(404);
  }

  @Test
  void anotherMerchantsConsoleUserSeesNoneOfThisMerchantsObjects() {
    String mart = login(OWNER, OWNER_PASSWORD);
    String martStore = firstStore(mart);
    String other = Merchants.onboard();
    String email = "owner-" + UUID.randomUUID() + "@other.example";
    Api.operator()
        .body(
            Map.of(
                "email",
                email,
                "display_name",
                "Other Owner",
                "password",
                "other-owner-pass",
                "role",
                "owner"))
        .post("/v1/operator/merchants/" + other + "/console-users")
        .then()
        .statusCode(201)
        .body("merchant", equalTo(other));
    String token = login(email, "other-owner-pass");
    as(token).get("/v1/merchant/me").then().statusCode(200).body("id", equalTo(other));
    as(token)
        .get("/v1/merchant/stores/" + martStore)
        .then()
        .statusCode(404)
        .body("error.code", equalTo("resource_missing"));
    as(token).get("/v1/merchant/stores").then().statusCode(200).body("data.size()", equalTo(0));
    as(token)
        .get("/v1/merchant/console/users")
        .then()
        .statusCode(200)
        .body("data.size()", equalTo(1));
  }

  @Test
  void loggedOutExpiredAndDisabledSessionsAreRefused() {
    String token = login(OWNER, OWNER_PASSWORD);
    as(token).post("/v1/merchant/console/logout").then().statusCode(204);
    as(token)
        .get("/v1/merchant/me")
        .then()
        .statusCode(401)
        .body("error.code", equalTo("session_invalid"));

    String expiring = login(OWNER, OWNER_PASSWORD);
    update(
        "UPDATE merchant_console_sessions SET expires_at = 0 WHERE token_hash = ?",
        io.harbourpay.platform.crypto.SessionTokens.hash(expiring));
    as(expiring)
        .get("/v1/merchant/me")
        .then()
        .statusCode(401)
        .body("error.code", equalTo("session_expired"));

    // An owner disables a manager: the manager's session ends at once.
    String owner = login(OWNER, OWNER_PASSWORD);
    String email = "manager-" + UUID.randomUUID() + "@harbourmart.example";
    String managerId =
        as(owner)
            .body(
                Map.of(
                    "email",
                    email,
                    "display_name",
                    "Manager",
                    "password",
                    "manager-password",
                    "role",
                    "manager"))
            .post("/v1/merchant/console/users")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    String manager = login(email, "manager-password");
    as(manager).get("/v1/merchant/payments").then().statusCode(200);
    as(manager).get("/v1/merchant/keys").then().statusCode(403);
    as(owner).post("/v1/merchant/console/users/" + managerId + "/disable").then().statusCode(200);
    as(manager)
        .get("/v1/merchant/me")
        .then()
        .statusCode(401)
        .body("error.code", equalTo("session_invalid"));
    // A signature still wins over a bearer header: a request with neither is refused as before.
    given()
        .get("/v1/merchant/me")
        .then()
        .statusCode(401)
        .body("error.code", equalTo("signature_missing"));
  }
}
