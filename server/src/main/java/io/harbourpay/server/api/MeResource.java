package io.harbourpay.server.api;

import io.harbourpay.platform.PlatformException;
import io.harbourpay.platform.Tier;
import io.harbourpay.platform.customers.CustomerRef;
import io.harbourpay.platform.customers.DocumentType;
import io.harbourpay.platform.customers.KycReview;
import io.harbourpay.platform.customers.KycSubmission;
import io.harbourpay.platform.customers.PinStatus;
import io.harbourpay.server.app.HarbourApp;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The signed-in customer: profile, payment PIN, identity verification. */
@Path("/v1/me")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Customer")
public class MeResource {
  @Inject HarbourApp app;
  @Inject Auth auth;
  @Inject Idempotent idempotent;

  @GET
  @Operation(summary = "The signed-in customer, PIN status and latest identity review")
  public Map<String, Object> me(@HeaderParam("Authorization") String authorization) {
    CustomerRef me = auth.customer(authorization);
    PinStatus pin = app.platform().pins.status(me.id());
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("customer", Dto.CustomerView.of(app.platform().customers.get(me.id())));
    view.put(
        "pin",
        Map.of(
            "set",
            pin.set(),
            "attempts_left",
            pin.attemptsLeft(),
            "locked_until",
            pin.lockedUntil() == null ? "" : pin.lockedUntil().toString()));
    view.put(
        "identity_review", app.platform().kyc.latest(me.id()).map(Dto.KycView::of).orElse(null));
    return view;
  }

  @POST
  @Path("/pin")
  @Operation(summary = "Set or change the 6-digit payment PIN (changing needs current_pin)")
  @RequestBody(content = @Content(schema = @Schema(implementation = Dto.PinRequest.class)))
  public Response setPin(@HeaderParam("Authorization") String authorization, String body) {
    CustomerRef me = auth.customer(authorization);
    Dto.PinRequest request = Json.parse(body, Dto.PinRequest.class);
    app.platform().pins.setPin(me.id(), Dto.required(request.pin(), "pin"), request.currentPin());
    return Response.noContent().build();
  }

  @POST
  @Path("/identity-reviews")
  @Operation(summary = "Submit identity documents to lift limits (queued for an operator's review)")
  @RequestBody(content = @Content(schema = @Schema(implementation = Dto.KycRequest.class)))
  public Response submitKyc(
      @HeaderParam("Authorization") String authorization,
      @HeaderParam("Idempotency-Key") String key,
      String body) {
    CustomerRef me = auth.customer(authorization);
    return idempotent.run(
        me.publicId(),
        key,
        "/v1/me/identity-reviews",
        body,
        ignored -> {
          Dto.KycRequest request = Json.parse(body, Dto.KycRequest.class);
          KycSubmission submission =
              new KycSubmission(
                  documentType(Dto.required(request.documentType(), "document_type")),
                  Dto.required(request.documentNumber(), "document_number"),
                  Dto.required(request.fullName(), "full_name"),
                  date(Dto.required(request.dateOfBirth(), "date_of_birth")),
                  tier(Dto.required(request.requestedTier(), "requested_tier"), "requested_tier"));
          KycReview review = app.platform().kyc.submit(me.id(), submission);
          return new Idempotent.Result(201, Dto.KycView.of(review));
        });
  }

  @GET
  @Path("/identity-reviews/latest")
  @Operation(summary = "The customer's latest identity review")
  public Dto.KycView latestKyc(@HeaderParam("Authorization") String authorization) {
    CustomerRef me = auth.customer(authorization);
    return app.platform()
        .kyc
        .latest(me.id())
        .map(Dto.KycView::of)
        .orElseThrow(() -> PlatformException.notFound("identity review"));
  }

  static DocumentType documentType(String value) {
    try {
      return DocumentType.valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException unknown) {
      throw PlatformException.invalid(
          "document_type",
          "document_type_invalid",
          "document_type must be one of "
              + java.util.Arrays.toString(DocumentType.values()).toLowerCase(Locale.ROOT));
    }
  }

  /** A tier by its API name (unverified, intermediate, advanced); {@code param} names the field. */
  static Tier tier(String value, String param) {
    try {
      return Tier.valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException unknown) {
      throw PlatformException.invalid(
          param, "tier_invalid", param + " must be unverified, intermediate or advanced");
    }
  }

  static LocalDate date(String value) {
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException malformed) {
      throw PlatformException.invalid(
          "date_of_birth", "date_invalid", "date_of_birth must be a date like 1990-01-31");
    }
  }
}
