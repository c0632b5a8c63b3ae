package io.harbourpay.server;

import static io.harbourpay.server.support.Merchants.addStore;
import static io.harbourpay.server.support.Merchants.createKey;
import static io.harbourpay.server.support.Merchants.now;
import static io.harbourpay.server.support.Merchants.onboard;
import static io.harbourpay.server.support.Merchants.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import io.harbourpay.platform.merchants.MerchantSigner;
import io.harbourpay.server.app.StartupBanner;
import io.harbourpay.server.support.Api;
import io.harbourpay.server.support.Merchants;
import io.harbourpay.server.support.Merchants.Key;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Merchants over HTTP: the operator's onboarding, and the signed merchant API with real signed
 * requests — every way a signature can be wrong is refused with 401 and its precise code, before
 * any business logic (a refused "create key" creates no key). Run once per store.
 */
abstract class MerchantApiTestBase {
  @Inject StartupBanner banner;
  static final String KEYS = "/v1/merchant/keys";

  static int keyCount(String merchant) {
    List<Object> keys =
        Api.operator()
            .get("/v1/operator/merchants/" + merchant + "/keys")
            .then()
            .statusCode(200)
            .extract()
            .path("data");
    return keys.size();
  }

  static void refused(Response response, int status, String code) {
    response
        .then()
        .statusCode(status)
        .body("error.code", equalTo(code))
        .body("error.param", equalTo(MerchantSigner.HEADER));
  }

  @Test
  void aMerchantSeesItselfAndItsOwnStoresOnly() {
    String mine = onboard();
    String theirs = onboard();
    List<String> stores = List.of(addStore(mine, "Central"), addStore(mine, "Mong Kok"));
    String third = addStore(mine, "Sha Tin");
    String foreign = addStore(theirs, "Elsewhere");
    Key key = createKey(mine);
    Key theirKey = createKey(theirs);
    assertThat(key.id()).startsWith("mk_");
    assertThat(key.secret()).startsWith("mks_");

    send(key, "GET", "/v1/merchant/me", null)
        .then()
        .statusCode(200)
        .body("id", equalTo(mine))
        .body("stores_count", equalTo(3))
        .body("bank_account_number", equalTo("********9001"))
        .body("status", equalTo("active"));

    Response first = send(key, "GET", "/v1/merchant/stores?limit=2", null);
    first.then().statusCode(200).body("data", hasSize(2)).body("has_more", equalTo(true));
    String cursor = first.path("next_cursor");
    send(key, "GET", "/v1/merchant/stores?limit=2&cursor=" + cursor, null)
        .then()
        .statusCode(200)
        .body("data", hasSize(1))
        .body("data[0].id", equalTo(third))
        .body("has_more", equalTo(false));
    assertThat(first.<List<String>>path("data.id")).isEqualTo(stores);

    // Another merchant's store is exactly as missing as one that does not exist.
    send(key, "GET", "/v1/merchant/stores/" + stores.get(0), null)
        .then()
        .statusCode(200)
        .body("name_zh", equalTo("測試 Central"));
    Response stolen = send(key, "GET", "/v1/merchant/stores/" + foreign, null);
    stolen.then().statusCode(404).body("error.code", equalTo("resource_missing"));
    send(key, "GET", "/v1/merchant/stores/str_0000000000001", null)
        .then()
        .statusCode(404)
        .body(equalTo(stolen.asString()));
    send(theirKey, "GET", "/v1/merchant/stores/" + foreign, null).then().statusCode(200);
    send(theirKey, "GET", "/v1/merchant/stores", null)
        .then()
        .statusCode(200)
        .body("data.id", equalTo(List.of(foreign)));
    // Nor can it touch another merchant's keys.
    send(key, "POST", KEYS + "/" + theirKey.id() + "/revoke", "")
        .then()
        .statusCode(404)
        .body("error.code", equalTo("resource_missing"));
    send(theirKey, "GET", "/v1/merchant/me", null).then().statusCode(200);
  }

  @Test
  void everyBadSignatureIsRefusedWithItsCodeBeforeAnyBusinessLogic() {
    String merchant = onboard();
    Key key = createKey(merchant);
    long t = now();
    String body = "{}";
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    MerchantSigner signer = key.signer();

    refused(send((String) null, "POST", KEYS, body), 401, "signature_missing");
    refused(send("key_id=" + key.id() + ",t=" + t, "POST", KEYS, body), 401, "signature_malformed");
    refused(
        send(signer.sign("POST", KEYS, "", bytes, t - 400), "POST", KEYS, body),
        401,
        "signature_stale");
    refused(
        send(signer.sign("POST", KEYS, "", bytes, t + 400), "POST", KEYS, body),
        401,
        "signature_stale");
    refused(
        send(
            new MerchantSigner("mk_0000000000001", key.secret()).sign("POST", KEYS, "", bytes, t),
            "POST",
            KEYS,
            body),
        401,
        "api_key_unknown");
    refused(
        send(
            new MerchantSigner(key.id(), "mks_wrong-secret-wrong-secret-wrong-secret")
                .sign("POST", KEYS, "", bytes, t),
            "POST",
            KEYS,
            body),
        401,
        "signature_mismatch");
    refused(
        send(signer.sign("POST", KEYS, "", bytes, t), "POST", KEYS, "{\"x\":1}"),
        401,
        "signature_mismatch");
    refused(
        send(signer.sign("POST", "/v1/merchant/me", "", bytes, t), "POST", KEYS, body),
        401,
        "signature_mismatch");
    refused(
        send(signer.sign("POST", KEYS, "a=1", bytes, t), "POST", KEYS + "?a=2", body),
        401,
        "signature_mismatch");
    refused(
        send(signer.sign("GET", KEYS, "", bytes, t), "POST", KEYS, body),
        401,
        "signature_mismatch");
    assertThat(keyCount(merchant)).as("no refused request created a key").isEqualTo(1);

    // The same signed request twice: the first creates a key, the replay is refused.
    String once = signer.sign("POST", KEYS, "", bytes, now());
    send(once, "POST", KEYS, body).then().statusCode(201).body("secret", startsWith("mks_"));
    refused(send(once, "POST", KEYS, body), 401, "nonce_replayed");
    assertThat(keyCount(merchant)).isEqualTo(2);

    // Revoked by the operator: refused at once.
    Api.operator()
        .post("/v1/operator/merchants/" + merchant + "/keys/" + key.id() + "/revoke")
        .then()
        .statusCode(200)
        .body("status", equalTo("revoked"));
    refused(send(key, "GET", "/v1/merchant/me", null), 401, "api_key_revoked");
    assertThat(keyCount(merchant)).isEqualTo(2);
  }

  @Test
  void rotationKeepsTheOldKeyWorkingAndSuspensionStopsBoth() {
    String merchant = onboard();
    Key old = createKey(merchant);
    Response rotated = send(old, "POST", KEYS + "/" + old.id() + "/rotate", "");
    rotated.then().statusCode(201).body("status", equalTo("active"));
    Key fresh = new Key(rotated.path("id"), rotated.path("secret"));
    send(fresh, "GET", "/v1/merchant/me", null).then().statusCode(200);
    send(old, "GET", "/v1/merchant/me", null).then().statusCode(200);
    send(fresh, "GET", KEYS, null)
        .then()
        .statusCode(200)
        .body("data.status", equalTo(List.of("active", "expiring")))
        .body("data.secret", equalTo(java.util.Arrays.asList(null, null)));
    send(fresh, "POST", KEYS + "/" + old.id() + "/rotate", "")
        .then()
        .statusCode(409)
        .body("error.code", equalTo("api_key_not_rotatable"));
    // A key being rotated out still signs requests, but may not mint or revoke keys: rotating a
    // leaked key must contain the leak.
    for (String path :
        List.of(KEYS, KEYS + "/" + old.id() + "/rotate", KEYS + "/" + fresh.id() + "/revoke")) {
      send(old, "POST", path, "")
          .then()
          .statusCode(403)
          .body("error.code", equalTo("key_cannot_manage_keys"));
    }
    assertThat(keyCount(merchant)).as("no key was made by the expiring one").isEqualTo(2);

    Api.operator()
        .body(Map.of("reason", "under review"))
        .post("/v1/operator/merchants/" + merchant + "/suspend")
        .then()
        .statusCode(200)
        .body("status", equalTo("suspended"));
    Response suspended = send(fresh, "GET", "/v1/merchant/me", null);
    suspended.then().statusCode(403).body("error.code", equalTo("merchant_suspended"));
    Api.operator()
        .body(Map.of("reason", "cleared"))
        .post("/v1/operator/merchants/" + merchant + "/activate")
        .then()
        .statusCode(200);
    send(fresh, "GET", "/v1/merchant/me", null).then().statusCode(200);

    List<Map<String, Object>> audit =
        Api.operator()
            .queryParam("target", merchant)
            .get("/v1/operator/audit")
            .then()
            .statusCode(200)
            .extract()
            .path("data");
    assertThat(audit)
        .extracting(entry -> entry.get("action"))
        .contains(
            "merchant.onboard",
            "merchant.key_create",
            "merchant.key_rotate",
            "merchant.suspend",
            "merchant.activate");
  }

  @Test
  void theOperatorOnboardsWithStrictValidationAndAuditedChanges() {
    Map<String, Object> bad = Merchants.merchantBody("Bad MCC Ltd");
    bad.put("mcc", "54");
    Api.operator()
        .body(bad)
        .post("/v1/operator/merchants")
        .then()
        .statusCode(400)
        .body("error.param", equalTo("mcc"))
        .body("error.code", equalTo("mcc_invalid"));
    bad.put("mcc", "5411");
    bad.put("discount_rate_bps", "120");
    Api.operator()
        .body(bad)
        .post("/v1/operator/merchants")
        .then()
        .statusCode(400)
        .body("error.param", equalTo("discount_rate_bps"))
        .body("error.code", equalTo("parameter_invalid_type"));
    Api.anonymous()
        .body(Merchants.merchantBody("No Key Ltd"))
        .post("/v1/operator/merchants")
        .then()
        .statusCode(401);

    String merchant = onboard();
    Api.operator()
        .body(Map.of("discount_rate_bps", 85))
        .post("/v1/operator/merchants/" + merchant + "/discount-rate")
        .then()
        .statusCode(200)
        .body("discount_rate_bps", equalTo(85));
    String store = addStore(merchant, "Tsuen Wan");
    Api.operator()
        .body(Map.of("label", "Till 9"))
        .post("/v1/operator/merchants/" + merchant + "/stores/" + store + "/terminals")
        .then()
        .statusCode(201)
        .body("id", startsWith("trm_"))
        .body("store", equalTo(store));
    Api.operator()
        .get("/v1/operator/merchants/" + merchant + "/stores/" + store + "/terminals")
        .then()
        .statusCode(200)
        .body("data.label", equalTo(List.of("Till 9")));
    Api.operator()
        .get("/v1/operator/merchants/" + merchant)
        .then()
        .statusCode(200)
        .body("stores_count", equalTo(1))
        .body("discount_rate_bps", equalTo(85));
  }

  @Test
  void theDemoChainIsSeededWithItsWellKnownKey() {
    List<Map<String, Object>> merchants =
        Api.operator()
            .queryParam("limit", "100")
            .get("/v1/operator/merchants")
            .then()
            .statusCode(200)
            .extract()
            .path("data");
    Map<String, Object> chain =
        merchants.stream()
            .filter(merchant -> "Harbour Mart Limited".equals(merchant.get("legal_name")))
            .findFirst()
            .orElseThrow();
    String id = (String) chain.get("id");
    List<Map<String, Object>> keys =
        Api.operator()
            .get("/v1/operator/merchants/" + id + "/keys")
            .then()
            .statusCode(200)
            .extract()
            .path("data");
    Key demo =
        new Key(
            (String) keys.get(keys.size() - 1).get("id"),
            "mks_demo-harbour-mart-not-a-secret-0000000000");
    assertThat(banner.text()).contains(demo.id()).contains(demo.secret());
    send(demo, "GET", "/v1/merchant/me", null)
        .then()
        .statusCode(200)
        .body("stores_count", equalTo(300));
    Response stores = send(demo, "GET", "/v1/merchant/stores?limit=3", null);
    stores.then().statusCode(200).body("data", hasSize(3));
    assertThat(stores.<List<String>>path("data.name_zh"))
        .allMatch(name -> name.startsWith("海港超市 "));
    String store = stores.path("data[0].id");
    Api.operator()
        .get("/v1/operator/merchants/" + id + "/stores/" + store + "/terminals")
        .then()
        .statusCode(200)
        .body("data", hasSize(2));
  }

  /** Every endpoint of the two resources, found by reflection, so a new one is covered too. */
  static List<String[]> endpoints(Class<?> resource) {
    String base = resource.getAnnotation(jakarta.ws.rs.Path.class).value();
    List<String[]> endpoints = new java.util.ArrayList<>();
    for (java.lang.reflect.Method method : resource.getDeclaredMethods()) {
      String verb =
          method.isAnnotationPresent(jakarta.ws.rs.GET.class)
              ? "GET"
              : method.isAnnotationPresent(jakarta.ws.rs.POST.class)
                  ? "POST"
                  : method.isAnnotationPresent(jakarta.ws.rs.DELETE.class) ? "DELETE" : null;
      if (verb == null) continue;
      jakarta.ws.rs.Path path = method.getAnnotation(jakarta.ws.rs.Path.class);
      String template = base + (path == null ? "" : path.value());
      String concrete =
          template
              .replace("/merchants/{id}", "/merchants/mch_0000000000001")
              .replace("/stores/{store}", "/stores/str_0000000000001")
              .replace("/stores/{id}", "/stores/str_0000000000001")
              .replace("/keys/{key}", "/keys/mk_0000000000001")
              .replace("/keys/{id}", "/keys/mk_0000000000001")
              .replace("/payments/{id}", "/payments/pay_0000000000001")
              .replace("/orders/{id}", "/orders/ord_0000000000001")
              .replace("/webhook-endpoints/{id}", "/webhook-endpoints/we_0000000000001")
              .replace("/webhook-events/{id}", "/webhook-events/evt_0000000000001");
      assertThat(concrete).as("a path parameter without an example id").doesNotContain("{");
      endpoints.add(new String[] {verb, concrete});
    }
    return endpoints;
  }

  @Test
  void everyMerchantEndpointRefusesUnsignedAndStaleRequests() {
    String merchant = onboard();
    Key key = createKey(merchant);
    List<String[]> endpoints =
        new java.util.ArrayList<>(endpoints(io.harbourpay.server.api.MerchantResource.class));
    endpoints.addAll(endpoints(io.harbourpay.server.api.MerchantPaymentResource.class));
    endpoints.addAll(endpoints(io.harbourpay.server.api.MerchantOrderResource.class));
    endpoints.addAll(endpoints(io.harbourpay.server.api.MerchantWebhookResource.class));
    assertThat(endpoints).hasSizeGreaterThanOrEqualTo(23);
    for (String[] endpoint : endpoints) {
      String body = endpoint[0].equals("POST") ? "{}" : null;
      refused(send((String) null, endpoint[0], endpoint[1], body), 401, "signature_missing");
      String stale =
          key.signer()
              .sign(
                  endpoint[0],
                  endpoint[1],
                  "",
                  body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8),
                  now() - 3_600);
      refused(send(stale, endpoint[0], endpoint[1], body), 401, "signature_stale");
    }
    assertThat(keyCount(merchant)).isEqualTo(1);
  }

  @Test
  void everyOperatorMerchantEndpointRefusesAWrongKey() {
    List<String[]> endpoints = endpoints(io.harbourpay.server.api.MerchantOperatorResource.class);
    assertThat(endpoints).hasSizeGreaterThanOrEqualTo(13);
    for (String[] endpoint : endpoints) {
      io.restassured.RestAssured.given()
          .header("Authorization", "Bearer " + Api.OPERATOR_KEY + "x")
          .header("X-Operator", Api.OPERATOR)
          .contentType("application/json")
          .body("{}")
          .request(endpoint[0], endpoint[1])
          .then()
          .statusCode(401)
          .body("error.code", equalTo("operator_key_invalid"));
    }
  }
}
