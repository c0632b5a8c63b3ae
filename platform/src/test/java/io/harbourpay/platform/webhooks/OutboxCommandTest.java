package io.harbourpay.platform.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.harbourpay.ledger.Account;
import io.harbourpay.ledger.AccountFlags;
import io.harbourpay.ledger.Command;
import io.harbourpay.ledger.CreateAccountResult;
import io.harbourpay.ledger.CreateTransferResult;
import io.harbourpay.ledger.Ledger;
import io.harbourpay.ledger.Transfer;
import io.harbourpay.ledger.testing.TestStores.Kind;
import io.harbourpay.platform.Ids;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** An outbox event written by a real ledger command exists exactly when its transfers do. */
class OutboxCommandTest {
  private static final long MERCHANT = 77L;
  private static final int CODE = 9_001;

  private static List<CreateTransferResult> execute(Ledger ledger, Command command)
      throws Exception {
    return ledger.execute(command).get(30, TimeUnit.SECONDS);
  }

  @ParameterizedTest
  @MethodSource("io.harbourpay.ledger.testing.TestStores#kinds")
  void theEventCommitsWithTheMoneyAndOnlyThen(Kind kind) throws Exception {
    try (WebhookFixture f = new WebhookFixture(kind, Clock.systemUTC(), WebhookFixture.FAST);
        Receiver receiver = new Receiver(Clock.systemUTC())) {
      Ledger ledger = f.platform.ledger;
      Outbox outbox = f.webhooks().outbox;
      long customer = Ids.derive("outbox-test", "customer");
      long funding = Ids.derive("outbox-test", "funding");
      long merchant = Ids.derive("outbox-test", "merchant");
      assertThat(
              ledger
                  .createAccounts(
                      List.of(
                          Account.create(
                              customer,
                              "HKD",
                              CODE,
                              AccountFlags.DEBITS_MUST_NOT_EXCEED_CREDITS,
                              0),
                          Account.create(funding, "HKD", CODE, 0, 0),
                          Account.create(merchant, "HKD", CODE, 0, 0)))
                  .get(30, TimeUnit.SECONDS))
          .containsOnly(CreateAccountResult.OK);
      assertThat(
              ledger
                  .createTransfers(
                      List.of(
                          Transfer.of(
                              Ids.derive("outbox-test", "fund"),
                              funding,
                              customer,
                              100_00,
                              "HKD",
                              CODE)))
                  .get(30, TimeUnit.SECONDS))
          .containsOnly(CreateTransferResult.OK);
      receiver.secret =
          f.webhooks().endpoints.register(MERCHANT, receiver.url(), Set.of()).secret();

      // A payment the customer can afford: money and event together.
      long paymentId = 1_001;
      long paidEvent = Outbox.eventId(paymentId, EventType.PAYMENT_SUCCEEDED);
      Command pay =
          Command.of(
              List.of(
                  Transfer.of(
                      Ids.derive(paymentId, "pay"), customer, merchant, 60_00, "HKD", CODE)),
              outbox.event(
                  MERCHANT,
                  EventType.PAYMENT_SUCCEEDED,
                  "{\"payment\":\"pay_1001\",\"amount\":6000,\"currency\":\"HKD\"}",
                  paidEvent));
      assertThat(execute(ledger, pay)).containsExactly(CreateTransferResult.OK);
      // The same command again (a client retry): the ledger answers EXISTS and writes no record,
      // so the plain INSERT of the event is not attempted a second time.
      assertThat(execute(ledger, pay)).containsExactly(CreateTransferResult.EXISTS);

      // A payment beyond the balance: refused, and no event is invented.
      long refusedId = 1_002;
      long refusedEvent = Outbox.eventId(refusedId, EventType.PAYMENT_SUCCEEDED);
      Command tooMuch =
          Command.of(
              List.of(
                  Transfer.of(
                      Ids.derive(refusedId, "pay"), customer, merchant, 60_00, "HKD", CODE)),
              outbox.event(
                  MERCHANT,
                  EventType.PAYMENT_SUCCEEDED,
                  "{\"payment\":\"pay_1002\"}",
                  refusedEvent));
      assertThat(execute(ledger, tooMuch)).containsExactly(CreateTransferResult.EXCEEDS_CREDITS);

      assertThat(
              f.webhooks()
                  .event(MERCHANT, io.harbourpay.platform.Ids.publicId("evt", paidEvent))
                  .type())
          .isEqualTo(EventType.PAYMENT_SUCCEEDED);
      assertThat(eventCount(f, refusedEvent)).isZero();
      assertThat(eventCount(f, paidEvent)).isEqualTo(1);

      try (WebhookDispatcher dispatcher = f.webhooks().newDispatcher()) {
        assertThat(dispatcher.runOnce()).isEqualTo(1);
      }
      String paidPublicId = Ids.publicId(WebhookEvent.ID_PREFIX, paidEvent);
      assertThat(receiver.received)
          .singleElement()
          .satisfies(
              request -> {
                assertThat(request.valid()).isTrue();
                assertThat(request.eventId()).isEqualTo(paidPublicId);
                assertThat(request.body())
                    .startsWith(
                        "{\"id\":\""
                            + paidPublicId
                            + "\",\"type\":\"payment.succeeded\",\"created\":")
                    .endsWith(
                        ",\"data\":{\"payment\":\"pay_1001\",\"amount\":6000,\"currency\":\"HKD\"}}");
              });
    }
  }

  private static long eventCount(WebhookFixture f, long eventId) {
    return f.platform.database.read(
        connection -> {
          try (var select =
              connection.prepareStatement("SELECT COUNT(*) FROM webhook_events WHERE id = ?")) {
            select.setLong(1, eventId);
            try (var rows = select.executeQuery()) {
              rows.next();
              return rows.getLong(1);
            }
          }
        });
  }
}
