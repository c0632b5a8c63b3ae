package io.harbourpay.server;

import static io.harbourpay.server.support.Merchants.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import io.harbourpay.qr.DecodeMode;
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
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * Merchant-presented dynamic QR orders over HTTP: the till creates an order, the wallet decodes its
 * payload and pays it with the PIN, the till sees it paid. Run once per store.
 */
abstract class OrderApiTestBase {
  static final String ORDERS = "/v1/merchant/orders";

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

  static String create(Shop shop, long amount, String reference, Integer expiresIn) {
    return "{\"amount\":"
        + amount
        + ",\"currency\":\"HKD\",\"store\":\""
        + shop.store()
        + "\",\"terminal\":\""
        + shop.terminal()
        + "\",\"merchant_reference\":\""
        + reference
        + "\""
        + (expiresIn == null ? "" : ",\"expires_in_seconds\":" + expiresIn)
        + "}";
  }

  static Response pay(Customer customer, String order) {
    return customer.call().body(Map.of("pin", Api.PIN)).post("/v1/orders/" + order + "/pay");
  }

  @Test
  void aTillCreatesAnOrderTheWalletDecodesAndPaysItAndTheTillSeesItPaid() throws Exception {
    Shop shop = PaymentApiTestBase.shop();
    Customer alice = PaymentApiTestBase.payer(500_00);

    Response created = send(shop.key(), "POST", ORDERS, create(shop, 100_05, "table-7", null));
    created
        .then()
        .statusCode(201)
        .body("status", equalTo("open"))
        .body("amount", equalTo(100_05))
        .body("payment", nullValue());
    String order = created.path("id");
    String payload = created.path("payload");
    assertThat(order).startsWith("ord_");
    assertThat(created.<String>path("qr_url")).isEqualTo(ORDERS + "/" + order + "/qr.png");

    // The payload is an EMVCo dynamic code with HarbourPay's template naming the order.
    MerchantPresentedPayload decoded = MpmDecoder.decode(payload, DecodeMode.STRICT).payload();
    assertThat(decoded.pointOfInitiation()).isEqualTo(PointOfInitiation.DYNAMIC);
    assertThat(decoded.transactionCurrency()).isEqualTo("344");
    assertThat(decoded.transactionAmount()).isEqualTo("100.05");
    assertThat(decoded.countryCode()).isEqualTo("HK");
    HarbourPayAccount account =
        decoded.merchantAccount(HarbourPayAccount.GUID).flatMap(HarbourPayAccount::from).get();
    assertThat(account.orderReference()).isEqualTo(order);

    // Idempotent create: the same reference, the same order; another amount is a conflict.
    send(shop.key(), "POST", ORDERS, create(shop, 100_05, "table-7", null))
        .then()
        .statusCode(201)
        .body("id", equalTo(order))
        .body("payload", equalTo(payload));
    send(shop.key(), "POST", ORDERS, create(shop, 99_00, "table-7", null))
        .then()
        .statusCode(409)
        .body("error.code", equalTo("merchant_reference_reused"));

    // The PNG reads back to the payload, as a phone camera would.
    Response png = send(shop.key(), "GET", ORDERS + "/" + order + "/qr.png", null);
    png.then().statusCode(200).contentType("image/png");
    assertThat(readQr(png.asByteArray())).isEqualTo(payload);

    alice
        .call()
        .body(Map.of("payload", payload))
        .post("/v1/qr/decode")
        .then()
        .statusCode(200)
        .body("order", equalTo(order))
        .body("amount", equalTo(100_05))
        .body("currency", equalTo("HKD"))
        .body("store", equalTo(shop.store()))
        .body("store_name", equalTo("Central"))
        .body("merchant", equalTo(shop.merchant()));

    Response paid = pay(alice, order);
    paid.then()
        .statusCode(200)
        .body("status", equalTo("succeeded"))
        .body("amount", equalTo(100_05));
    String payment = paid.path("id");
    assertThat(Api.balance(alice, "HKD")).isEqualTo(500_00 - 100_05);
    // Paying again is the same payment (a retry), and moves nothing more.
    pay(alice, order).then().statusCode(200).body("id", equalTo(payment));
    assertThat(Api.balance(alice, "HKD")).isEqualTo(500_00 - 100_05);

    send(shop.key(), "GET", ORDERS + "/" + order, null)
        .then()
        .statusCode(200)
        .body("status", equalTo("paid"))
        .body("payment", equalTo(payment));
    assertThat(events("payment.succeeded", payment)).isEqualTo(1);
    send(shop.key(), "GET", PaymentApiTestBase.PAYMENTS + "/" + payment, null)
        .then()
        .statusCode(200)
        .body("status", equalTo("succeeded"))
        .body("fee", equalTo(120))
        .body("merchant_reference", equalTo("table-7"));

    // Another merchant cannot see the order.
    Shop other = PaymentApiTestBase.shop();
    send(other.key(), "GET", ORDERS + "/" + order, null)
        .then()
        .statusCode(404)
        .body("error.code", equalTo("resource_missing"));
    send(other.key(), "GET", ORDERS + "/" + order + "/qr.png", null).then().statusCode(404);
  }

  @Test
  void twoCustomersPayingOneOrderAtOnceExactlyOnePays() throws Exception {
    Shop shop = PaymentApiTestBase.shop();
    int customers = 4;
    List<Customer> payers = new ArrayList<>();
    for (int index = 0; index < customers; index++) payers.add(PaymentApiTestBase.payer(100_00));
    String order =
        send(shop.key(), "POST", ORDERS, create(shop, 42_00, "race-1", null))
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    ExecutorService pool = Executors.newFixedThreadPool(customers);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Response>> answers = new ArrayList<>();
    try {
      for (Customer payer : payers) {
        answers.add(
            pool.submit(
                () -> {
                  start.await();
                  return pay(payer, order);
                }));
      }
      start.countDown();
      int succeeded = 0;
      int refused = 0;
      for (Future<Response> answer : answers) {
        Response response = answer.get();
        if (response.statusCode() == 200) {
          succeeded++;
        } else {
          assertThat(response.statusCode()).as(response.asString()).isEqualTo(409);
          assertThat(response.<String>path("error.code")).isEqualTo("order_already_paid");
          refused++;
        }
      }
      assertThat(succeeded).isEqualTo(1);
      assertThat(refused).isEqualTo(customers - 1);
    } finally {
      pool.shutdownNow();
    }
    long total = 0;
    for (Customer payer : payers) total += Api.balance(payer, "HKD");
    assertThat(total).isEqualTo(customers * 100_00L - 42_00);
    String paidBy =
        send(shop.key(), "GET", ORDERS + "/" + order, null).then().extract().path("payment");
    assertThat(events("payment.succeeded", paidBy)).isEqualTo(1);
    send(shop.key(), "GET", ORDERS + "/" + order, null)
        .then()
        .statusCode(200)
        .body("status", equalTo("paid"));
  }

  @Test
  void anExpiredOrderCannotBePaid() throws Exception {
    Shop shop = PaymentApiTestBase.shop();
    Customer bob = PaymentApiTestBase.payer(100_00);
    send(shop.key(), "POST", ORDERS, create(shop, 10_00, "late-1", 3601))
        .then()
        .statusCode(400)
        .body("error.code", equalTo("expires_in_seconds_invalid"));
    Response created = send(shop.key(), "POST", ORDERS, create(shop, 10_00, "late-1", 1));
    created.then().statusCode(201);
    String order = created.path("id");
    Thread.sleep(1_300);
    pay(bob, order).then().statusCode(409).body("error.code", equalTo("order_expired"));
    assertThat(Api.balance(bob, "HKD")).isEqualTo(100_00);
    send(shop.key(), "GET", ORDERS + "/" + order, null)
        .then()
        .statusCode(200)
        .body("status", equalTo("expired"))
        .body("payment", nullValue());
    assertThat(events("order.expired", order)).isEqualTo(1);
    pay(bob, order).then().statusCode(409).body("error.code", equalTo("order_expired"));
    assertThat(events("order.expired", order)).isEqualTo(1);
    // The decoded order shows it expired.
    bob.call()
        .body(Map.of("payload", created.<String>path("payload")))
        .post("/v1/qr/decode")
        .then()
        .statusCode(200)
        .body("status", equalTo("expired"));
    // A payload that is not a HarbourPay order is refused.
    bob.call()
        .body(Map.of("payload", "not a qr"))
        .post("/v1/qr/decode")
        .then()
        .statusCode(400)
        .body("error.code", equalTo("qr_payload_invalid"));
  }

  static Response end(Shop shop, String order, String action) {
    return send(shop.key(), "POST", ORDERS + "/" + order + "/" + action, "");
  }

  @Test
  void theMerchantCancelsAnOpenOrderAndItCanNoLongerBePaid() throws Exception {
    Shop shop = PaymentApiTestBase.shop();
    Customer bob = PaymentApiTestBase.payer(100_00);
    String order =
        send(shop.key(), "POST", ORDERS, create(shop, 10_00, "cancel-1", null)).path("id");
    for (int time = 0; time < 2; time++) {
      // Idempotent: canceling again answers the canceled order.
      end(shop, order, "cancel")
          .then()
          .statusCode(200)
          .body("status", equalTo("canceled"))
          .body("payment", nullValue());
    }
    pay(bob, order)
        .then()
        .statusCode(409)
        .body("error.code", equalTo("order_canceled"))
        .body("error.message", org.hamcrest.Matchers.containsString("canceled"));
    assertThat(Api.balance(bob, "HKD")).isEqualTo(100_00);
    end(shop, order, "close").then().statusCode(409).body("error.code", equalTo("order_canceled"));
    assertThat(events("order.expired", order)).isZero();
    assertThat(events("order.canceled", order))
        .as("one event, however often canceled")
        .isEqualTo(1);

    // A paid order can be neither canceled nor closed.
    String paid = send(shop.key(), "POST", ORDERS, create(shop, 5_00, "cancel-2", null)).path("id");
    pay(bob, paid).then().statusCode(200);
    end(shop, paid, "cancel")
        .then()
        .statusCode(409)
        .body("error.code", equalTo("order_already_paid"));
    end(shop, paid, "close")
        .then()
        .statusCode(409)
        .body("error.code", equalTo("order_already_paid"));
    assertThat(Api.balance(bob, "HKD")).isEqualTo(95_00);

    // Another merchant's order is not found.
    Shop other = PaymentApiTestBase.shop();
    String theirs = send(other.key(), "POST", ORDERS, create(other, 5_00, "x-1", null)).path("id");
    end(shop, theirs, "cancel")
        .then()
        .statusCode(404)
        .body("error.code", equalTo("resource_missing"));
    end(shop, theirs, "close").then().statusCode(404);
    send(other.key(), "GET", ORDERS + "/" + theirs, null).then().body("status", equalTo("open"));
  }

  @Test
  void closingExpiresTheOrderNowWithItsEventOnce() {
    Shop shop = PaymentApiTestBase.shop();
    Customer bob = PaymentApiTestBase.payer(100_00);
    String order =
        send(shop.key(), "POST", ORDERS, create(shop, 10_00, "close-1", null)).path("id");
    for (int time = 0; time < 2; time++) {
      end(shop, order, "close").then().statusCode(200).body("status", equalTo("expired"));
    }
    assertThat(events("order.expired", order)).isEqualTo(1);
    pay(bob, order).then().statusCode(409).body("error.code", equalTo("order_expired"));
    end(shop, order, "cancel").then().statusCode(409).body("error.code", equalTo("order_expired"));
    assertThat(Api.balance(bob, "HKD")).isEqualTo(100_00);
  }

  @Test
  void aCancelRacingPaymentsHasExactlyOneWinner() throws Exception {
    Shop shop = PaymentApiTestBase.shop();
    int rounds = 6;
    int payersPerRound = 2;
    for (int round = 0; round < rounds; round++) {
      List<Customer> payers = new ArrayList<>();
      for (int index = 0; index < payersPerRound; index++) {
        payers.add(PaymentApiTestBase.payer(50_00));
      }
      String order =
          send(shop.key(), "POST", ORDERS, create(shop, 20_00, "race-cancel-" + round, null))
              .path("id");
      String action = round % 2 == 0 ? "cancel" : "close";
      ExecutorService pool = Executors.newFixedThreadPool(payersPerRound + 1);
      CountDownLatch start = new CountDownLatch(1);
      try {
        List<Future<Response>> payments = new ArrayList<>();
        for (Customer payer : payers) {
          payments.add(
              pool.submit(
                  () -> {
                    start.await();
                    return pay(payer, order);
                  }));
        }
        Future<Response> ending =
            pool.submit(
                () -> {
                  start.await();
                  return end(shop, order, action);
                });
        start.countDown();
        int paid = 0;
        for (Future<Response> payment : payments) {
          Response response = payment.get();
          if (response.statusCode() == 200) paid++;
          else assertThat(response.statusCode()).as(response.asString()).isEqualTo(409);
        }
        Response ended = ending.get();
        String status =
            send(shop.key(), "GET", ORDERS + "/" + order, null).then().extract().path("status");
        long total = 0;
        for (Customer payer : payers) total += Api.balance(payer, "HKD");
        if (paid == 1) {
          // The payment won: the merchant's end was refused, one customer paid once.
          assertThat(ended.statusCode()).as(ended.asString()).isEqualTo(409);
          assertThat(ended.<String>path("error.code")).isEqualTo("order_already_paid");
          assertThat(status).isEqualTo("paid");
          assertThat(total).isEqualTo(payersPerRound * 50_00L - 20_00);
          assertThat(events("order.expired", order)).isZero();
          assertThat(events("order.canceled", order)).isZero();
        } else {
          // The merchant won: nobody paid, nothing moved.
          assertThat(paid).isZero();
          assertThat(ended.statusCode()).as(ended.asString()).isEqualTo(200);
          assertThat(status).isEqualTo(action.equals("cancel") ? "canceled" : "expired");
          assertThat(total).isEqualTo(payersPerRound * 50_00L);
          assertThat(events("order.expired", order)).isEqualTo(action.equals("close") ? 1 : 0);
          assertThat(events("order.canceled", order)).isEqualTo(action.equals("cancel") ? 1 : 0);
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }

  static String readQr(byte[] png) throws Exception {
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
    Map<DecodeHintType, Object> hints = new EnumMap<>(DecodeHintType.class);
    hints.put(DecodeHintType.TRY_HARDER, Boolean.TRUE);
    hints.put(DecodeHintType.CHARACTER_SET, "UTF-8");
    return new QRCodeReader()
        .decode(
            new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image))), hints)
        .getText();
  }
}
