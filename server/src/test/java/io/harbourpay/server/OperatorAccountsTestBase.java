package io.harbourpay.server;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.harbourpay.platform.Ids;
import io.harbourpay.server.api.MerchantOperatorResource;
import io.harbourpay.server.api.OperatorAccountResource;
import io.harbourpay.server.api.OperatorConsoleResource;
import io.harbourpay.server.api.OperatorResource;
import io.harbourpay.server.api.WebhookOperatorResource;
import io.harbourpay.server.support.Api;
import io.harbourpay.server.support.ResourceEndpoints;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Operator accounts over HTTP: login, sessions, roles on every operator endpoint (a table walked
 * against the resources by reflection, so a new endpoint without a row fails), the audit trail
 * naming the account, the break-glass key, and the dashboard's stats — on each store.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class OperatorAccountsTestBase {
  static final String PASSWORD = "a long test passphrase";
  static final List<String> ROLES = List.of("viewer", "support", "compliance", "merchant_ops");
  static final Set<String> ANY = Set.copyOf(ROLES);
  static final Set<String> CUSTOMERS = Set.of("support", "compliance");
  static final Set<String> COMPLIANCE = Set.of("compliance");
  static final Set<String> MERCHANTS_READ = Set.of("merchant_ops", "compliance", "support");
  static final Set<String> MERCHANTS_WRITE = Set.of("merchant_ops");
  static final Set<String> ADMIN_ONLY = Set.of();

  /** An operator endpoint and the roles (besides admin) that may call it. */
  record Row(String method, String template, Set<String> roles) {
    String key() {
      return method + " " + template;
    }

    String path() {
      return template
          .replace("/merchants/{id}", "/merchants/" + Ids.publicId("mch", 1))
          .replace("/stores/{store}", "/stores/" + Ids.publicId("str", 1))
          .replace("/keys/{key}", "/keys/" + Ids.publicId("mk", 1))
          .replace("/identity-reviews/{id}", "/identity-reviews/" + Ids.publicId("kyc", 1))
          .replace("/customers/{id}", "/customers/" + Ids.publicId("cus", 1))
          .replace("/operators/{id}", "/operators/" + Ids.publicId("opr", 1))
          .replace("/events/{id}", "/events/" + Ids.publicId("evt", 1));
    }
  }

  static final List<Row> ROWS =
      List.of(
          new Row("GET", "/v1/operator/identity-reviews", COMPLIANCE),
          new Row("POST", "/v1/operator/identity-reviews/{id}/approve", COMPLIANCE),
          new Row("POST", "/v1/operator/identity-reviews/{id}/reject", COMPLIANCE),
          new Row("POST", "/v1/operator/customers/{id}/lock", CUSTOMERS),
          new Row("POST", "/v1/operator/customers/{id}/unlock", CUSTOMERS),
          new Row("POST", "/v1/operator/customers/{id}/tier", COMPLIANCE),
          new Row("GET", "/v1/operator/audit", COMPLIANCE),
          new Row("GET", "/v1/operator/ledger/check", ANY),
          new Row("GET", "/v1/operator/stats", ANY),
          new Row("GET", "/v1/operator/limits", ANY),
          new Row("PUT", "/v1/operator/limits", COMPLIANCE),
          new Row("GET", "/v1/operator/limits/history", ANY),
          new Row("GET", "/v1/operator/customers", CUSTOMERS),
          new Row("GET", "/v1/operator/customers/{id}", CUSTOMERS),
          new Row("GET", "/v1/operator/operators", ADMIN_ONLY),
          new Row("POST", "/v1/operator/operators", ADMIN_ONLY),
          new Row("POST", "/v1/operator/operators/{id}", ADMIN_ONLY),
          new Row("POST", "/v1/operator/merchants", MERCHANTS_WRITE),
          new Row("GET", "/v1/operator/merchants", MERCHANTS_READ),
          new Row("GET", "/v1/operator/merchants/{id}", MERCHANTS_READ),
          new Row("POST", "/v1/operator/merchants/{id}/discount-rate", MERCHANTS_WRITE),
          new Row("POST", "/v1/operator/merchants/{id}/fps-id", MERCHANTS_WRITE),
          new Row("POST", "/v1/operator/merchants/{id}/console-users", MERCHANTS_WRITE),
          new Row("POST", "/v1/operator/merchants/{id}/suspend", MERCHANTS_WRITE),
          new Row("POST", "/v1/operator/merchants/{id}/activate", MERCHANTS_WRITE),
          new Row("POST", "/v1/operator/merchants/{id}/stores", MERCHANTS_WRITE),
          new Row("GET", "/v1/operator/merchants/{id}/stores", MERCHANTS_READ),
          new Row("POST", "/v1/operator/merchants/{id}/stores/{store}/terminals", MERCHANTS_WRITE),
          new Row("GET", "/v1/operator/merchants/{id}/stores/{store}/terminals", MERCHANTS_READ),
          new Row("POST", "/v1/operator/merchants/{id}/keys", MERCHANTS_WRITE),
          new Row("GET", "/v1/operator/merchants/{id}/keys", MERCHANTS_READ),
          new Row("POST", "/v1/operator/merchants/{id}/keys/{key}/rotate", MERCHANTS_WRITE),
          new Row("POST", "/v1/operator/merchants/{id}/keys/{key}/revoke", MERCHANTS_WRITE),
          new Row("GET", "/v1/operator/webhooks/events/{id}/deliveries", MERCHANTS_READ),
          new Row("POST", "/v1/operator/webhooks/events/{id}/redeliver", MERCHANTS_WRITE));

  /** Endpoints every operator session may call (their own session), and the login. */
  static final Set<String> SESSION_ONLY =
      Set.of(
          "POST /v1/operator/login",
          "POST /v1/operator/logout",
          "GET /v1/operator/me",
          "POST /v1/operator/me/password");

  private static final AtomicInteger NAMES = new AtomicInteger();

  String adminToken;

  @BeforeEach
  void adminSession() {
    if (adminToken == null) adminToken = login("admin", "harbour-ops-demo-1");
  }

  static String login(String username, String password) {
    return given()
        .contentType(ContentType.JSON)
        .body(Map.of("username", username, "password", password))
        .post("/v1/operator/login")
        .then()
        .statusCode(200)
        .extract()
        .path("token");
  }

  static RequestSpecification as(String token) {
    return given().contentType(ContentType.JSON).header("Authorization", "Bearer " + token);
  }

  /** Creates an account with these roles (as the demo admin) and logs it in. */
  String operatorWith(String... roles) {
    String username =
        "op" + NAMES.incrementAndGet() + "-" + Long.toString(Ids.random() & 0xffff, 36);
    as(adminToken)
        .body(
            Map.of(
                "username",
                username,
                "display_name",
                "Test " + String.join("+", roles),
                "password",
                PASSWORD,
                "roles",
                List.of(roles)))
        .post("/v1/operator/operators")
        .then()
        .statusCode(201)
        .body("username", equalTo(username));
    return login(username, PASSWORD);
  }

  @Test
  void everyOperatorEndpointHasARoleRow() {
    Set<String> declared =
        ResourceEndpoints.declared(
            List.of(
                OperatorResource.class,
                OperatorConsoleResource.class,
                OperatorAccountResource.class,
                MerchantOperatorResource.class,
                WebhookOperatorResource.class));
    Set<String> listed = new TreeSet<>(SESSION_ONLY);
    ROWS.forEach(row -> listed.add(row.key()));
    assertThat(listed).isEqualTo(declared);
  }

  @Test
  void aSessionWithoutTheRoleIsRefusedWithACodeNamingIt() {
    Map<String, String> tokens = new java.util.HashMap<>();
    for (String role : ROLES) tokens.put(role, operatorWith(role));
    tokens.put("admin", adminToken);
    for (Row row : ROWS) {
      for (Map.Entry<String, String> session : tokens.entrySet()) {
        boolean allowed =
            session.getKey().equals("admin") || row.roles().contains(session.getKey());
        Response response = send(as(session.getValue()), row);
        if (allowed) {
          assertThat(response.statusCode())
              .as(row.key() + " as " + session.getKey() + ": " + response.asString())
              .isNotIn(401, 403);
        } else {
          assertThat(response.statusCode())
              .as(row.key() + " as " + session.getKey())
              .isEqualTo(403);
          String needed = row.roles().isEmpty() ? "admin" : firstRole(row.roles());
          assertThat(response.jsonPath().getString("error.code"))
              .as(row.key() + " as " + session.getKey())
              .isEqualTo("role_" + needed + "_required");
          assertThat(response.jsonPath().getString("error.type")).isEqualTo("permission_error");
        }
      }
    }
  }

  /** The role a refusal names: the first of the endpoint's list, as the server orders them. */
  private static String firstRole(Set<String> roles) {
    for (String role : List.of("viewer", "merchant_ops", "support", "compliance")) {
      if (roles.contains(role)) return role;
    }
    throw new AssertionError(roles);
  }

  @Test
  void loginMeLogoutAndWrongPasswords() {
    String token = operatorWith("support");
    as(token)
        .get("/v1/operator/me")
        .then()
        .statusCode(200)
        .body("roles", equalTo(List.of("support")))
        .body("break_glass", equalTo(false))
        .body("operator.id", org.hamcrest.Matchers.startsWith("opr_"));
    as(token).post("/v1/operator/logout").then().statusCode(204);
    as(token)
        .get("/v1/operator/me")
        .then()
        .statusCode(401)
        .body("error.code", equalTo("session_invalid"));
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("username", "admin", "password", "not the password"))
        .post("/v1/operator/login")
        .then()
        .statusCode(401)
        .body("error.code", equalTo("login_invalid"));
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("username", "admin"))
        .post("/v1/operator/login")
        .then()
        .statusCode(400)
        .body("error.param", equalTo("password"));
  }

  @Test
  void theAuditTrailNamesTheAccountAndShowsItsName() {
    String compliance = login("compliance", "harbour-kyc-demo-2");
    Api.Customer customer = Api.signUp();
    as(compliance)
        .body(Map.of("reason", "suspicious activity"))
        .post("/v1/operator/customers/" + customer.id() + "/lock")
        .then()
        .statusCode(200)
        .body("status", equalTo("locked"));
    as(compliance)
        .queryParam("target", customer.id())
        .get("/v1/operator/audit")
        .then()
        .statusCode(200)
        .body("data[0].action", equalTo("customer.lock"))
        .body("data[0].actor", equalTo("operator:compliance"))
        .body("data[0].actor_name", equalTo("Chan Tai Man"));
    as(compliance)
        .queryParam("actor", "operator:compliance")
        .queryParam("action", "customer.lock")
        .get("/v1/operator/audit")
        .then()
        .statusCode(200)
        .body("data.target", hasItem(customer.id()));
    as(compliance)
        .queryParam("q", customer.phone().substring(4))
        .get("/v1/operator/customers")
        .then()
        .statusCode(200)
        .body("data[0].id", equalTo(customer.id()))
        .body("data[0].status", equalTo("locked"));
  }

  @Test
  void theBreakGlassKeyActsAsAnAuditedAdmin() {
    Api.operator()
        .get("/v1/operator/me")
        .then()
        .statusCode(200)
        .body("break_glass", equalTo(true))
        .body("roles", equalTo(List.of("admin")));
    as(adminToken)
        .queryParam("action", "operator.key_use")
        .queryParam("actor", Api.OPERATOR)
        .get("/v1/operator/audit")
        .then()
        .statusCode(200)
        .body("data.target", hasItem("GET /v1/operator/me"));
    given()
        .contentType(ContentType.JSON)
        .header("Authorization", "Bearer " + Api.OPERATOR_KEY)
        .header("X-Operator", "operator:admin")
        .get("/v1/operator/me")
        .then()
        .statusCode(400)
        .body("error.param", equalTo("X-Operator"));
  }

  @Test
  void statsCountTheDemoPaymentsAndTheirStores() {
    String viewer = operatorWith("viewer");
    Response stats = as(viewer).queryParam("days", 7).get("/v1/operator/stats");
    stats.then().statusCode(200).body("days.size()", equalTo(7));
    assertThat(stats.jsonPath().getLong("active_customers")).isGreaterThanOrEqualTo(3);
    assertThat(stats.jsonPath().getLong("accepting_stores")).isGreaterThanOrEqualTo(5);
    Map<String, Object> today = stats.jsonPath().getMap("days[6]");
    assertThat(((Map<?, ?>) today.get("captured")).get("HKD")).isNotNull();
    as(viewer)
        .queryParam("days", 0)
        .get("/v1/operator/stats")
        .then()
        .statusCode(400)
        .body("error.code", equalTo("days_invalid"));
    as(viewer)
        .get("/v1/operator/limits")
        .then()
        .statusCode(200)
        .body("currencies[0].tiers[0].daily", equalTo(300_000));
  }

  /**
   * Limits over HTTP: a change is a new version (compliance or admin, reason required, audited),
   * refused with the field and the rule when it breaks one; the wallet shows the new limit at once;
   * a customer's tier set by compliance is audited and changes the wallet's limits. MOP only, and
   * restored at the end: the other tests on this server expect the published defaults.
   */
  @Test
  void limitsChangeAsNewVersionsAndTierChangesReachTheWallet() {
    String compliance = operatorWith("compliance");
    String viewer = operatorWith("viewer");
    Response current = as(viewer).get("/v1/operator/limits");
    current.then().statusCode(200).body("editable", equalTo(false));
    as(compliance)
        .get("/v1/operator/limits")
        .then()
        .statusCode(200)
        .body("editable", equalTo(true));
    long version = current.jsonPath().getLong("version");
    List<Map<String, Object>> original = current.jsonPath().getList("currencies");
    try {
      Response refused =
          as(compliance)
              .body(change(original, version, "MOP", "intermediate", "daily", 1, "typo"))
              .put("/v1/operator/limits");
      refused.then().statusCode(400).body("error.code", equalTo("limit_below_lower_tier"));
      assertThat(refused.jsonPath().getString("error.param")).isEqualTo("MOP.intermediate.daily");
      as(compliance)
          .body(change(original, version, "MOP", "advanced", "yearly", -1, "typo"))
          .put("/v1/operator/limits")
          .then()
          .statusCode(400)
          .body("error.code", equalTo("limit_negative"))
          .body("error.param", equalTo("MOP.advanced.yearly"));
      as(compliance)
          .body(change(original, version, "MOP", "unverified", "daily", 250_000, " "))
          .put("/v1/operator/limits")
          .then()
          .statusCode(400)
          .body("error.param", equalTo("reason"));

      Map<String, Object> lower =
          change(original, version, "MOP", "unverified", "daily", 250_000, "visitor fraud wave");
      String key = "limits-" + Ids.random();
      as(compliance)
          .header("Idempotency-Key", key)
          .body(lower)
          .put("/v1/operator/limits")
          .then()
          .statusCode(200)
          .body("version", equalTo((int) version + 1))
          .body("reason", equalTo("visitor fraud wave"))
          .body("currencies.find { it.currency == 'MOP' }.tiers[0].daily", equalTo(250_000));
      as(compliance)
          .header("Idempotency-Key", key)
          .body(lower)
          .put("/v1/operator/limits")
          .then()
          .statusCode(200)
          .header("Idempotent-Replayed", "true")
          .body("version", equalTo((int) version + 1));
      as(compliance)
          .body(change(original, version, "MOP", "unverified", "daily", 200_000, "late"))
          .put("/v1/operator/limits")
          .then()
          .statusCode(409)
          .body("error.code", equalTo("limits_version_stale"));
      as(viewer)
          .get("/v1/operator/limits/history")
          .then()
          .statusCode(200)
          .body("data[0].version", equalTo((int) version + 1))
          .body("data[0].reason", equalTo("visitor fraud wave"))
          .body("data[1].version", equalTo((int) version));
      as(compliance)
          .queryParam("action", "limits.change")
          .get("/v1/operator/audit")
          .then()
          .statusCode(200)
          .body("data[0].target", equalTo("limits_v" + (version + 1)))
          .body("data[0].detail", org.hamcrest.Matchers.containsString("MOP.unverified.daily"));

      Api.Customer customer = Api.signUp();
      customer.call().body(Map.of("currency", "MOP")).post("/v1/wallets").then().statusCode(200);
      assertThat(mopLimit(customer, "daily")).isEqualTo(250_000);
      assertThat(mopLimit(customer, "daily_remaining")).isEqualTo(250_000);

      as(compliance)
          .body(Map.of("tier", "intermediate"))
          .post("/v1/operator/customers/" + customer.id() + "/tier")
          .then()
          .statusCode(400)
          .body("error.param", equalTo("reason"));
      as(compliance)
          .body(Map.of("tier", "gold", "reason", "x"))
          .post("/v1/operator/customers/" + customer.id() + "/tier")
          .then()
          .statusCode(400)
          .body("error.code", equalTo("tier_invalid"))
          .body("error.param", equalTo("tier"));
      as(compliance)
          .body(Map.of("tier", "intermediate", "reason", "identity seen at the branch"))
          .post("/v1/operator/customers/" + customer.id() + "/tier")
          .then()
          .statusCode(200)
          .body("tier", equalTo("intermediate"));
      assertThat(mopLimit(customer, "daily")).isEqualTo(10_000_00);
      assertThat(mopLimit(customer, "daily_remaining")).isEqualTo(10_000_00);
      as(compliance)
          .queryParam("target", customer.id())
          .queryParam("action", "customer.tier")
          .get("/v1/operator/audit")
          .then()
          .statusCode(200)
          .body(
              "data[0].detail",
              equalTo("tier UNVERIFIED -> INTERMEDIATE; reason: identity seen at the branch"));
    } finally {
      long now = as(viewer).get("/v1/operator/limits").jsonPath().getLong("version");
      Map<String, Object> restore = new java.util.HashMap<>();
      restore.put("base_version", now);
      restore.put("reason", "restore the published defaults after the test");
      restore.put("currencies", original);
      as(adminToken).body(restore).put("/v1/operator/limits").then().statusCode(200);
    }
  }

  /** {@code limits} with one amount changed, as a PUT body based on {@code version}. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> change(
      List<Map<String, Object>> limits,
      long version,
      String currency,
      String tier,
      String field,
      long amount,
      String reason) {
    List<Map<String, Object>> currencies = new java.util.ArrayList<>();
    for (Map<String, Object> entry : limits) {
      List<Map<String, Object>> tiers = new java.util.ArrayList<>();
      for (Object row : (List<?>) entry.get("tiers")) {
        Map<String, Object> copy = new java.util.HashMap<>((Map<String, Object>) row);
        if (entry.get("currency").equals(currency) && copy.get("tier").equals(tier)) {
          copy.put(field, amount);
        }
        tiers.add(copy);
      }
      currencies.add(Map.of("currency", entry.get("currency"), "tiers", tiers));
    }
    return Map.of("base_version", version, "reason", reason, "currencies", currencies);
  }

  private static long mopLimit(Api.Customer customer, String field) {
    return customer
        .call()
        .get("/v1/wallets")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getLong("data.find { it.currency == 'MOP' }.limits." + field);
  }

  private static Response send(RequestSpecification request, Row row) {
    if (row.method().equals("GET")) return request.get(row.path());
    if (row.method().equals("PUT")) return request.body(Map.of()).put(row.path());
    return request.body(Map.of()).post(row.path());
  }
}
