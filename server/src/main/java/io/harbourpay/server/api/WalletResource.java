package io.harbourpay.server.api;

import io.harbourpay.platform.Ids;
import io.harbourpay.platform.Platform;
import io.harbourpay.platform.PlatformException;
import io.harbourpay.platform.customers.CustomerRef;
import io.harbourpay.platform.wallets.BankAccount;
import io.harbourpay.platform.wallets.BankTransfer;
import io.harbourpay.platform.wallets.HistoryPage;
import io.harbourpay.platform.wallets.HistoryQuery;
import io.harbourpay.platform.wallets.P2pTransfer;
import io.harbourpay.server.app.HarbourApp;
import io.harbourpay.server.app.PaymentMeters;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Money: wallets, linked bank accounts, top-ups, withdrawals, transfers, history, receipts. */
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Wallet")
public class WalletResource {
  @Inject HarbourApp app;
  @Inject Auth auth;
  @Inject Idempotent idempotent;
  @Inject MeterRegistry meters;

  private Platform platform() {
    return app.platform();
  }

  @GET
  @Path("/wallets")
  @Operation(summary = "The customer's wallets with balances and limits left today")
  public Dto.ListView<Dto.WalletView> wallets(@HeaderParam("Authorization") String authorization) {
    CustomerRef me = auth.customer(authorization);
    return Dto.ListView.of(
        platform().wallets.wallets(me).stream().map(Dto.WalletView::of).toList(), null);
  }

  @POST
  @Path("/wallets")
  @Operation(
      summary = "Open the wallet in a currency (HKD, CNY, MOP); opening an open one returns it")
  @RequestBody(content = @Content(schema = @Schema(implementation = Dto.OpenWalletRequest.class)))
  public Response openWallet(
      @HeaderParam("Authorization") String authorization,
      @HeaderParam("Idempotency-Key") String key,
      String body) {
    CustomerRef me = auth.customer(authorization);
    return idempotent.run(
        me.publicId(),
        key,
        "/v1/wallets",
        body,
        ignored -> {
          Dto.OpenWalletRequest request = Json.parse(body, Dto.OpenWalletRequest.class);
          return new Idempotent.Result(
              200,
              Dto.WalletView.of(
                  platform().wallets.open(me, Dto.required(request.currency(), "currency"))));
        });
  }

  @GET
  @Path("/bank-accounts")
  @Operation(summary = "Linked bank accounts")
  public Dto.ListView<Dto.BankAccountView> bankAccounts(
      @HeaderParam("Authorization") String authorization) {
    CustomerRef me = auth.customer(authorization);
    return Dto.ListView.of(
        platform().bankTransfers.bankAccounts(me.id()).stream()
            .map(Dto.BankAccountView::of)
            .toList(),
        null);
  }

  @POST
  @Path("/bank-accounts")
  @Operation(summary = "Link a bank account for top-up and withdrawal")
  @RequestBody(content = @Content(schema = @Schema(implementation = Dto.BankAccountRequest.class)))
  public Response linkBankAccount(
      @HeaderParam("Authorization") String authorization,
      @HeaderParam("Idempotency-Key") String key,
      String body) {
    CustomerRef me = auth.customer(authorization);
    return idempotent.run(
        me.publicId(),
        key,
        "/v1/bank-accounts",
        body,
        ignored -> {
          Dto.BankAccountRequest request = Json.parse(body, Dto.BankAccountRequest.class);
          BankAccount account =
              platform()
                  .bankTransfers
                  .linkAccount(
                      me,
                      request.bankCode(),
                      request.accountNumber(),
                      request.holderName(),
                      Dto.required(request.currency(), "currency"));
          return new Idempotent.Result(201, Dto.BankAccountView.of(account));
        });
  }

  @POST
  @Path("/topups")
  @Operation(
      summary =
          "Top up from a linked bank account; completes when the bank confirms (poll or re-read)")
  @RequestBody(content = @Content(schema = @Schema(implementation = Dto.TopUpRequest.class)))
  public Response topUp(
      @HeaderParam("Authorization") String authorization,
      @HeaderParam("Idempotency-Key") String key,
      String body) {
    CustomerRef me = auth.customer(authorization);
    return idempotent.run(
        me.publicId(),
        key,
        "/v1/topups",
        body,
        idempotencyKey -> {
          Dto.TopUpRequest request = Json.parse(body, Dto.TopUpRequest.class);
          BankTransfer transfer =
              platform()
                  .bankTransfers
                  .topUp(
                      me,
                      Dto.required(request.bankAccount(), "bank_account"),
                      Dto.required(request.amount(), "amount"),
                      Dto.required(request.currency(), "currency"),
                      idempotencyKey);
          count("topup");
          return new Idempotent.Result(202, view(transfer, request.bankAccount()));
        });
  }

  @GET
  @Path("/topups/{id}")
  @Operation(summary = "A top-up and its status")
  public Dto.BankTransferView topUp(
      @HeaderParam("Authorization") String authorization, @PathParam("id") String id) {
    return bankTransfer(authorization, id, BankTransfer.Kind.TOPUP);
  }

  @POST
  @Path("/withdrawals")
  @Operation(
      summary = "Withdraw to a linked bank account (Intermediate tier or above; needs the PIN)")
  @RequestBody(content = @Content(schema = @Schema(implementation = Dto.WithdrawalRequest.class)))
  public Response withdraw(
      @HeaderParam("Authorization") String authorization,
      @HeaderParam("Idempotency-Key") String key,
      String body) {
    CustomerRef me = auth.customer(authorization);
    return idempotent.run(
        me.publicId(),
        key,
        "/v1/withdrawals",
        body,
        idempotencyKey -> {
          Dto.WithdrawalRequest request = Json.parse(body, Dto.WithdrawalRequest.class);
          BankTransfer transfer =
              platform()
                  .bankTransfers
                  .withdraw(
                      me,
                      Dto.required(request.bankAccount(), "bank_account"),
                      Dto.required(request.amount(), "amount"),
                      Dto.required(request.currency(), "currency"),
                      Dto.required(request.pin(), "pin"),
                      idempotencyKey);
          count("withdrawal");
          return new Idempotent.Result(202, view(transfer, request.bankAccount()));
        });
  }

  @GET
  @Path("/withdrawals/{id}")
  @Operation(summary = "A withdrawal and its status")
  public Dto.BankTransferView withdrawal(
      @HeaderParam("Authorization") String authorization, @PathParam("id") String id) {
    return bankTransfer(authorization, id, BankTransfer.Kind.WITHDRAWAL);
  }

  @POST
  @Path("/transfers")
  @Operation(summary = "Send money to another customer by mobile number (needs the PIN)")
  @RequestBody(content = @Content(schema = @Schema(implementation = Dto.TransferRequest.class)))
  public Response transfer(
      @HeaderParam("Authorization") String authorization,
      @HeaderParam("Idempotency-Key") String key,
      String body) {
    CustomerRef me = auth.customer(authorization);
    return idempotent.run(
        me.publicId(),
        key,
        "/v1/transfers",
        body,
        idempotencyKey -> {
          Dto.TransferRequest request = Json.parse(body, Dto.TransferRequest.class);
          P2pTransfer sent =
              platform()
                  .p2p
                  .send(
                      me,
                      Dto.required(request.toPhone(), "to_phone"),
                      Dto.required(request.amount(), "amount"),
                      Dto.required(request.currency(), "currency"),
                      request.memo(),
                      Dto.required(request.pin(), "pin"),
                      idempotencyKey);
          count("p2p");
          return new Idempotent.Result(201, Dto.TransferView.of(sent));
        });
  }

  @GET
  @Path("/transfers/{id}")
  @Operation(summary = "A transfer the customer sent")
  public Dto.TransferView sentTransfer(
      @HeaderParam("Authorization") String authorization, @PathParam("id") String id) {
    CustomerRef me = auth.customer(authorization);
    long transferId = Ids.parsePublicId(P2pTransfer.ID_PREFIX, id);
    return platform()
        .p2p
        .find(me.id(), transferId)
        .map(Dto.TransferView::of)
        .orElseThrow(() -> PlatformException.notFound("transfer"));
  }

  @GET
  @Path("/transactions")
  @Operation(
      summary = "History, newest first: filter by currency, type and time; page with the cursor")
  public Dto.ListView<Dto.TransactionView> transactions(
      @HeaderParam("Authorization") String authorization,
      @QueryParam("currency") String currency,
      @QueryParam("type") String type,
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("limit") @DefaultValue("20") String limit,
      @QueryParam("cursor") String cursor) {
    CustomerRef me = auth.customer(authorization);
    HistoryQuery query =
        new HistoryQuery(
            currency,
            type,
            micros(from, "from"),
            micros(to, "to"),
            integer(limit, "limit"),
            cursor);
    HistoryPage page = platform().history.history(me.id(), query);
    return Dto.ListView.of(
        page.entries().stream().map(Dto.TransactionView::of).toList(), page.nextCursor());
  }

  @GET
  @Path("/transactions/{id}")
  @Operation(summary = "One transaction: the receipt")
  public Dto.TransactionView transaction(
      @HeaderParam("Authorization") String authorization, @PathParam("id") String id) {
    CustomerRef me = auth.customer(authorization);
    return Dto.TransactionView.of(platform().history.entry(me.id(), id));
  }

  @GET
  @Path("/transactions/{id}/receipt")
  @Produces(MediaType.TEXT_PLAIN + ";charset=utf-8")
  @Operation(summary = "A printable receipt of one transaction")
  public String receipt(
      @HeaderParam("Authorization") String authorization, @PathParam("id") String id) {
    CustomerRef me = auth.customer(authorization);
    return Receipts.text(platform().history.entry(me.id(), id), me);
  }

  private Dto.BankTransferView bankTransfer(
      String authorization, String id, BankTransfer.Kind kind) {
    CustomerRef me = auth.customer(authorization);
    BankTransfer transfer = platform().bankTransfers.get(me.id(), id);
    if (transfer.kind() != kind)
      throw PlatformException.notFound(kind == BankTransfer.Kind.TOPUP ? "top-up" : "withdrawal");
    String account =
        platform().bankTransfers.bankAccounts(me.id()).stream()
            .filter(linked -> linked.id() == transfer.bankAccountId())
            .map(BankAccount::publicId)
            .findFirst()
            .orElse(null);
    return Dto.BankTransferView.of(transfer, account);
  }

  private static Dto.BankTransferView view(BankTransfer transfer, String bankAccount) {
    return Dto.BankTransferView.of(transfer, bankAccount);
  }

  private void count(String kind) {
    PaymentMeters.counter(meters, kind).increment();
  }

  static Long micros(String instant, String field) {
    if (instant == null || instant.isBlank()) return null;
    try {
      Instant parsed = Instant.parse(instant);
      return parsed.getEpochSecond() * 1_000_000L + parsed.getNano() / 1_000;
    } catch (DateTimeParseException malformed) {
      throw PlatformException.invalid(
          field, "time_invalid", field + " must be an ISO-8601 instant like 2026-11-28T00:00:00Z");
    }
  }

  static int integer(String value, String field) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException malformed) {
      throw PlatformException.invalid(
          field, "parameter_invalid_type", field + " must be an integer");
    }
  }
}
