package io.harbourpay.server.support;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The API as a customer's app and the operator's console call it, over HTTP. Every customer gets a
 * phone number and a client address of its own (see {@link HarbourProfile} on X-Forwarded-For), so
 * no test meets another's rate limits.
 */
public final class Api {
  public static final String PIN = "246813";
  public static final String OPERATOR_KEY = "demo-operator-key";
  public static final String OPERATOR = "test-operator";
  public static final long POLL_WAIT_MS_MAX = 10_000;

  private static final AtomicLong PHONES =
      new AtomicLong(ThreadLocalRandom.current().nextLong(1_000_000, 5_000_000));
  private static final AtomicInteger ADDRESSES = new AtomicInteger();
  private static final AtomicLong DOCUMENTS =
      new AtomicLong(ThreadLocalRandom.current().nextLong(100_000, 500_000));
  private static final AtomicLong ACCOUNTS =
      new AtomicLong(ThreadLocalRandom.current().nextLong(100_000, 500_000));
  private static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");

  private Api() {}

  /** A signed-in customer. */
  public record Customer(String phone, String token, String id, String address) {
    public RequestSpecification call() {
      return given()
          .header("Authorization", "Bearer " + token)
          .header("X-Forwarded-For", address)
          .contentType(ContentType.JSON);
    }
  }

  /** A Hong Kong mobile number no other test uses. */
  public static String newPhone() {
    return "+8529" + String.format("%07d", PHONES.incrementAndGet() % 10_000_000);
  }

  /** A client address no other test uses. */
  public static String newAddress() {
    int n = ADDRESSES.incrementAndGet();
    return "10." + ((n >> 16) & 0xff) + "." + ((n >> 8) & 0xff) + "." + (n & 0xff);
  }

  public static RequestSpecification anonymous() {
    return given().header("X-Forwarded-For", newAddress()).contentType(ContentType.JSON);
  }

  public static RequestSpecification operator() {
    return given()
        .header("Authorization", "Bearer " + OPERATOR_KEY)
        .header("X-Operator", OPERATOR)
        .contentType(ContentType.JSON);
  }

  /** The newest code the demo SMS inbox holds for {@code phone}. */
  public static String code(String phone) {
    List<String> texts =
        given()
            .queryParam("phone", phone)
            .get("/dev/sms")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("text", String.class);
    assertThat(texts).as("SMS to " + phone).isNotEmpty();
    Matcher code = CODE.matcher(texts.get(texts.size() - 1));
    assertThat(code.find()).as("a code in " + texts).isTrue();
    return code.group(1);
  }

  public static Customer signUp() {
    return login(newPhone(), newAddress());
  }

  public static Customer login(String phone, String address) {
    given()
        .header("X-Forwarded-For", address)
        .contentType(ContentType.JSON)
        .body(Map.of("phone", phone))
        .post("/v1/auth/otp")
        .then()
        .statusCode(202);
    Response login =
        given()
            .header("X-Forwarded-For", address)
            .contentType(ContentType.JSON)
            .body(Map.of("phone", phone, "code", code(phone)))
            .post("/v1/auth/login");
    login.then().statusCode(200);
    return new Customer(phone, login.path("token"), login.path("customer.id"), address);
  }

  /** A new customer with the test PIN set. */
  public static Customer signUpWithPin() {
    Customer customer = signUp();
    customer.call().body(Map.of("pin", PIN)).post("/v1/me/pin").then().statusCode(204);
    return customer;
  }

  /** Links a bank account whose number ends in {@code ending} (the simulated bank's cases). */
  public static String linkBank(Customer customer, String currency, String ending) {
    String number = String.format("%06d", ACCOUNTS.incrementAndGet() % 1_000_000) + ending;
    return customer
        .call()
        .body(
            Map.of(
                "bank_code",
                "004",
                "account_number",
                number,
                "holder_name",
                "Test Holder",
                "currency",
                currency))
        .post("/v1/bank-accounts")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  /** Starts a top-up; returns its id. */
  public static String startTopUp(Customer customer, String bankAccount, long amount, String cur) {
    return customer
        .call()
        .body(Map.of("bank_account", bankAccount, "amount", amount, "currency", cur))
        .post("/v1/topups")
        .then()
        .statusCode(202)
        .extract()
        .path("id");
  }

  /** Polls a top-up or withdrawal until the bank's answer has settled it; returns it. */
  public static Map<String, Object> awaitSettled(Customer customer, String path) {
    long deadline = System.nanoTime() + POLL_WAIT_MS_MAX * 1_000_000;
    while (true) {
      Map<String, Object> transfer =
          customer.call().get(path).then().statusCode(200).extract().jsonPath().getMap("");
      if (!"processing".equals(transfer.get("status"))) return transfer;
      assertThat(System.nanoTime()).as(path + " still processing").isLessThan(deadline);
      sleep(20);
    }
  }

  /** Puts money in the customer's wallet through a top-up the bank confirms. */
  public static void fund(Customer customer, String currency, long amount) {
    String account = linkBank(customer, currency, "4321");
    String topUp = startTopUp(customer, account, amount, currency);
    assertThat(awaitSettled(customer, "/v1/topups/" + topUp)).containsEntry("status", "succeeded");
  }

  public static long balance(Customer customer, String currency) {
    List<Map<String, Object>> wallets =
        customer.call().get("/v1/wallets").then().statusCode(200).extract().path("data");
    return wallets.stream()
        .filter(wallet -> currency.equals(wallet.get("currency")))
        .map(wallet -> ((Number) wallet.get("balance")).longValue())
        .findFirst()
        .orElse(0L);
  }

  /** Submits an HKID review for {@code tier} and has the operator approve it. */
  public static void verify(Customer customer, String tier) {
    String review =
        customer
            .call()
            .body(
                Map.of(
                    "document_type", "hkid",
                    "document_number", hkid(DOCUMENTS.incrementAndGet() % 1_000_000),
                    "full_name", "Chan Tai Man",
                    "date_of_birth", "1985-06-15",
                    "requested_tier", tier))
            .post("/v1/me/identity-reviews")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    operator()
        .body(Map.of("note", "documents checked"))
        .post("/v1/operator/identity-reviews/" + review + "/approve")
        .then()
        .statusCode(200);
  }

  public static Response transfer(
      Customer from, String toPhone, long amount, String currency, String memo, String key) {
    Map<String, Object> body =
        memo == null
            ? Map.of("to_phone", toPhone, "amount", amount, "currency", currency, "pin", PIN)
            : Map.of(
                "to_phone", toPhone,
                "amount", amount,
                "currency", currency,
                "memo", memo,
                "pin", PIN);
    RequestSpecification request = from.call().body(body);
    if (key != null) request.header("Idempotency-Key", key);
    return request.post("/v1/transfers");
  }

  /** An HKID number "A" + six digits with a valid check digit. */
  public static String hkid(long seed) {
    // Any seed maps onto the six digits an HKID has (a seventh digit made an invalid number).
    String digits = String.format("%06d", Math.floorMod(seed, 1_000_000L));
    int sum = 36 * 9 + 10 * 8;
    for (int index = 0; index < 6; index++) sum += (digits.charAt(index) - '0') * (7 - index);
    int check = (11 - sum % 11) % 11;
    return "A" + digits + (check == 10 ? "A" : Integer.toString(check));
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new AssertionError(interrupted);
    }
  }
}
