package io.harbourpay.server;

import static io.harbourpay.server.support.Merchants.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.nullValue;

import io.harbourpay.qr.DecodeMode;
import io.harbourpay.qr.mpm.FpsAccount;
import io.harbourpay.qr.mpm.HarbourPayAccount;
import io.harbourpay.qr.mpm.MerchantPresentedPayload;
import io.harbourpay.qr.mpm.MpmDecoder;
import io.harbourpay.qr.mpm.PointOfInitiation;
import io.harbourpay.server.PaymentApiTestBase.Shop;
import io.harbourpay.server.app.HarbourApp;
import io.harbourpay.server.support.Api;
import io.harbourpay.server.support.Api.Customer;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Merchant-presented static store QR over HTTP: the merchant prints the store's sticker, the wallet
 * decodes it (no amount), the customer enters the amount and pays with the PIN, the merchant sees
 * the payment with its fee. Run once per store.
 */
abstract class StaticQrApiTestBase {
  static final String STORES = "/v1/merchant/stores";

  @Inject HarbourApp app;

  /** The events of this type in the outbox whose body names {@code id}. */
  long events(String type, String id) {
    return app.platform()
        .database
        .read(
            connection -> {
              try (var select =
                  connection.prepareStatement(
                      "SELECT COUNT(*) FROM webhook_events WHERE type = ? AND body LIKE ?")) {
                select.setString(1, type);
                select.setString(2, "%\"" + id + "\"%");
                try (var rows = select.executeQuery()) {
                  rows.next();
                  return rows.getLong(1);
                }
              }
            });
  }

  static Response payStore(Customer customer, String store, Object amount, String key) {
    var call = customer.call().body(Map.of("amount", amount, "currency", "HKD", "pin", Api.PIN));
    if (key != null) call = call.header("Idempotency-Key", key);
    return call.post("/v1/stores/" + store + "/pay");
  }

  @Test
  void theStickerDecodesToAStaticCodeTheWalletPaysWithTheAmountEntered() throws Exception {
    Shop shop = PaymentApiTestBase.shop();
    Customer alice = PaymentApiTestBase.payer(500_00);

    Response qr = send(shop.key(), "GET", STORES + "/" + shop.store() + "/qr", null);
    qr.then()
        .statusCode(200)
        .body("store", equalTo(shop.store()))
        .body("qr_url", equalTo(STORES + "/" + shop.store() + "/qr.png"));
    String payload = qr.path("payload");

    // The sticker PNG reads back, as a phone camera would, to the same payload.
    Response png = send(shop.key(), "GET", STORES + "/" + shop.store() + "/qr.png", null);
    png.then().statusCode(200).contentType("image/png");
    assertThat(OrderApiTestBase.readQr(png.asByteArray())).isEqualTo(payload);

    // A strict EMVCo static code, no amount, HarbourPay (32); this merchant has no FPS
    // identifier, so there is no FPS template at all (never a made-up one).
    MerchantPresentedPayload decoded = MpmDecoder.decode(payload, DecodeMode.STRICT).payload();
    assertThat(decoded.pointOfInitiation()).isEqualTo(PointOfInitiation.STATIC);
    assertThat(decoded.transactionAmount()).isNull();
    assertThat(decoded.transactionCurrency()).isEqualTo("344");
    assertThat(decoded.countryCode()).isEqualTo("HK");
    assertThat(payload).contains(HarbourPayAccount.GUID).doesNotContain(FpsAccount.GUID);
    assertThat(decoded.merchantAccount(FpsAccount.GUID)).isEmpty();
    HarbourPayAccount account =
        decoded
            .merchantAccount(HarbourPayAccount.GUID)
            .flatMap(HarbourPayAccount::from)
            .orElseThrow();
    assertThat("mch_" + account.merchantId()).isEqualTo(shop.merchant());
    assertThat(shop.store()).endsWith(account.storeId());
    assertThat(account.orderReference()).isNull();
    assertThat(account.terminalId()).isNull();

    alice
        .call()
        .body(Map.of("payload", payload))
        .post("/v1/qr/decode")
        .then()
        .statusCode(200)
        .body("object", equalTo("decoded_store"))
        .body("$", hasKey("amount"))
        .body("amount", nullValue())
        .body("order", nullValue())
        .body("currency", equalTo("HKD"))
        .body("store", equalTo(shop.store()))
        .body("store_name", equalTo("Central"))
        .body("merchant", equalTo(shop.merchant()))
        .body("pay_url", equalTo("/v1/stores/" + shop.store() + "/pay"));

    Response paid = payStore(alice, shop.store(), 100_05, null);
    paid.then()
        .statusCode(200)
        .body("status", equalTo("succeeded"))
        .body("amount", equalTo(100_05));
    String payment = paid.path("id");
    assertThat(Api.balance(alice, "HKD")).isEqualTo(500_00 - 100_05);
    assertThat(events("payment.succeeded", payment)).isEqualTo(1);

    send(shop.key(), "GET", PaymentApiTestBase.PAYMENTS + "/" + payment, null)
        .then()
        .statusCode(200)
        .body("status", equalTo("succeeded"))
        .body("amount", equalTo(100_05))
        .body("fee", equalTo(120))
        .body("store", equalTo(shop.store()));

    // Another merchant cannot print this store's sticker.
    Shop other = PaymentApiTestBase.shop();
    send(other.key(), "GET", STORES + "/" + shop.store() + "/qr", null).then().statusCode(404);
    send(other.key(), "GET", STORES + "/" + shop.store() + "/qr.png", null).then().statusCode(404);
  }

  @Test
  void anIdempotencyKeyRetryPaysOnce() {
    Shop shop = PaymentApiTestBase.shop();
    Customer bob = PaymentApiTestBase.payer(100_00);
    String key = "static-" + System.nanoTime();

    Response first = payStore(bob, shop.store(), 12_34, key);
    first.then().statusCode(200).body("status", equalTo("succeeded"));
    String payment = first.path("id");
    Response retry = payStore(bob, shop.store(), 12_34, key);
    retry.then().statusCode(200).body("id", equalTo(payment));
    assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(Api.balance(bob, "HKD")).isEqualTo(100_00 - 12_34);
    assertThat(events("payment.succeeded", payment)).isEqualTo(1);

    // The same key for another amount is refused and moves nothing.
    payStore(bob, shop.store(), 1_00, key).then().statusCode(409);
    assertThat(Api.balance(bob, "HKD")).isEqualTo(100_00 - 12_34);

    // Without a key, each request is a new payment.
    String second =
        payStore(bob, shop.store(), 1_00, null).then().statusCode(200).extract().path("id");
    assertThat(second).isNotEqualTo(payment);
    assertThat(Api.balance(bob, "HKD")).isEqualTo(100_00 - 12_34 - 1_00);
  }

  @Test
  void anInvalidAmountIsA400NamingAmount() {
    Shop shop = PaymentApiTestBase.shop();
    Customer carol = PaymentApiTestBase.payer(10_00);
    for (Object amount : new Object[] {0, -5}) {
      payStore(carol, shop.store(), amount, null)
          .then()
          .statusCode(400)
          .body("error.param", equalTo("amount"));
    }
    carol
        .call()
        .body(Map.of("currency", "HKD", "pin", Api.PIN))
        .post("/v1/stores/" + shop.store() + "/pay")
        .then()
        .statusCode(400)
        .body("error.param", equalTo("amount"));
    payStore(carol, "str_0000000000001", 1_00, null).then().statusCode(404);
    assertThat(Api.balance(carol, "HKD")).isEqualTo(10_00);
  }

  private static FpsAccount stickerFps(Shop shop) throws Exception {
    String payload =
        send(shop.key(), "GET", STORES + "/" + shop.store() + "/qr", null).path("payload");
    return MpmDecoder.decode(payload, DecodeMode.STRICT)
        .payload()
        .merchantAccount(FpsAccount.GUID)
        .flatMap(FpsAccount::from)
        .orElseThrow();
  }

  private static Response setFpsId(String merchant, String body) {
    return Api.operator().body(body).post("/v1/operator/merchants/" + merchant + "/fps-id");
  }

  @Test
  void theOperatorSetsTheMerchantsFpsIdentifierAndTheStickerCarriesItInItsForm() throws Exception {
    Shop shop = PaymentApiTestBase.shop();
    setFpsId(shop.merchant(), "{\"fps_id\":\"1234567\"}")
        .then()
        .statusCode(200)
        .body("fps_id", equalTo("1234567"));
    FpsAccount byId = stickerFps(shop);
    assertThat(byId.fpsIdentifier()).isEqualTo("1234567");
    assertThat(byId.participantCode()).isEqualTo("004");
    assertThat(byId.mobileNumber()).isNull();

    setFpsId(shop.merchant(), "{\"fps_id\":\"+852-61234567\"}").then().statusCode(200);
    FpsAccount byMobile = stickerFps(shop);
    assertThat(byMobile.mobileNumber()).isEqualTo("+852-61234567");
    assertThat(byMobile.fpsIdentifier()).isNull();

    setFpsId(shop.merchant(), "{\"fps_id\":\"pay@harbour-mart.example.hk\"}")
        .then()
        .statusCode(200);
    assertThat(stickerFps(shop).emailAddress()).isEqualTo("pay@harbour-mart.example.hk");

    for (String bad : new String[] {"12345678", "123456", "+852-1234", "852-61234567", "no-at"}) {
      setFpsId(shop.merchant(), "{\"fps_id\":\"" + bad + "\"}")
          .then()
          .statusCode(400)
          .body("error.code", equalTo("fps_id_invalid"))
          .body("error.param", equalTo("fps_id"));
    }
    setFpsId(shop.merchant(), "{}")
        .then()
        .statusCode(400)
        .body("error.code", equalTo("parameter_missing"))
        .body("error.param", equalTo("fps_id"));
    // The refusals changed nothing; null removes the identifier and the template with it.
    assertThat(stickerFps(shop).emailAddress()).isEqualTo("pay@harbour-mart.example.hk");
    setFpsId(shop.merchant(), "{\"fps_id\":null}")
        .then()
        .statusCode(200)
        .body("$", org.hamcrest.Matchers.not(hasKey("fps_id")));
    String payload =
        send(shop.key(), "GET", STORES + "/" + shop.store() + "/qr", null).path("payload");
    assertThat(payload).doesNotContain(FpsAccount.GUID);

    // Onboarding takes it too, validated the same way.
    Map<String, Object> body =
        io.harbourpay.server.support.Merchants.merchantBody("FPS Onboard Ltd");
    body.put("fps_id", "987654321");
    Api.operator()
        .body(body)
        .post("/v1/operator/merchants")
        .then()
        .statusCode(201)
        .body("fps_id", equalTo("987654321"));
    body.put("fps_id", "98765");
    Api.operator()
        .body(body)
        .post("/v1/operator/merchants")
        .then()
        .statusCode(400)
        .body("error.param", equalTo("fps_id"));
  }
}
