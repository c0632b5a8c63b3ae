package io.harbourpay.server.support;

import static io.restassured.RestAssured.given;

import io.harbourpay.platform.merchants.MerchantSigner;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Merchants over HTTP: the operator onboards them; a till signs its requests. */
public final class Merchants {
  private static final AtomicInteger NAMES = new AtomicInteger();

  private Merchants() {}

  /** A key as the create response shows it, secret included. */
  public record Key(String id, String secret) {
    public MerchantSigner signer() {
      return new MerchantSigner(id, secret);
    }
  }

  public static Map<String, Object> merchantBody(String legalName) {
    Map<String, Object> body = new HashMap<>();
    body.put("legal_name", legalName);
    body.put("mcc", "5411");
    body.put("country", "HK");
    body.put("settlement_currency", "HKD");
    body.put("discount_rate_bps", 120);
    body.put("bank_code", "004");
    body.put("bank_account_number", "123456789001");
    return body;
  }

  /** Onboards a merchant with a fresh name; returns its id. */
  public static String onboard() {
    return Api.operator()
        .body(merchantBody("Test Merchant " + NAMES.incrementAndGet()))
        .post("/v1/operator/merchants")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  public static String addStore(String merchant, String nameEn) {
    return Api.operator()
        .body(
            Map.of(
                "name_en",
                nameEn,
                "name_zh",
                "測試 " + nameEn,
                "address",
                "1 Test Road",
                "district",
                "Wan Chai"))
        .post("/v1/operator/merchants/" + merchant + "/stores")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  public static Key createKey(String merchant) {
    Response created = Api.operator().post("/v1/operator/merchants/" + merchant + "/keys");
    created.then().statusCode(201);
    return new Key(created.path("id"), created.path("secret"));
  }

  public static long now() {
    return System.currentTimeMillis() / 1000;
  }

  /** A request exactly as signed: nothing re-encoded on the way. */
  public static RequestSpecification raw() {
    return given().urlEncodingEnabled(false);
  }

  /** Sends a signed request; {@code pathAndQuery} is sent as written. */
  public static Response send(Key key, String method, String pathAndQuery, String body) {
    int mark = pathAndQuery.indexOf('?');
    String path = mark < 0 ? pathAndQuery : pathAndQuery.substring(0, mark);
    String query = mark < 0 ? "" : pathAndQuery.substring(mark + 1);
    byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    String signature = key.signer().sign(method, path, query, bytes, now());
    return send(signature, method, pathAndQuery, body);
  }

  /** Sends a request with the given signature header (or none, when null). */
  public static Response send(String signature, String method, String pathAndQuery, String body) {
    RequestSpecification request = raw();
    if (signature != null) request.header(MerchantSigner.HEADER, signature);
    if (body != null) request.contentType("application/json").body(body);
    return request.request(method, pathAndQuery);
  }
}
