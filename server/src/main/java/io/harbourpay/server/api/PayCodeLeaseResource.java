package io.harbourpay.server.api;

import io.harbourpay.platform.customers.CustomerRef;
import io.harbourpay.platform.payments.PayCodeDevice;
import io.harbourpay.server.app.HarbourApp;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * How a wallet that makes its codes itself learns that its offline lease was renewed: the newest
 * device and the end of its lease, renewed (as {@code GET /v1/paycode} does) when less than half is
 * left. The secret never leaves the platform again.
 */
@Path("/v1/paycode/devices/current")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Pay code")
public class PayCodeLeaseResource {
  @Inject HarbourApp app;
  @Inject Auth auth;

  /** The newest device, without its secret. */
  public record LeaseView(String object, String deviceId, Instant offlineUntil) {
    static LeaseView of(PayCodeDevice device) {
      return new LeaseView("paycode_lease", device.deviceNumber(), device.key().offlineUntil());
    }
  }

  @GET
  @Operation(
      summary =
          "Sync this phone's pay-code lease: the newest device id and the end of its offline"
              + " lease (renewed when less than half is left)")
  public LeaseView current(@HeaderParam("Authorization") String authorization) {
    CustomerRef me = auth.customer(authorization);
    return LeaseView.of(app.platform().payCodeDevices.currentLease(me.id()));
  }
}
