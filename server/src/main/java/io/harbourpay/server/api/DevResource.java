package io.harbourpay.server.api;

import io.harbourpay.platform.PlatformException;
import io.harbourpay.platform.customers.DemoSmsGateway;
import io.harbourpay.platform.customers.PhoneNumbers;
import io.harbourpay.server.app.HarbourApp;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The demo SMS inbox: the codes the demo gateway "sent". Exists only in demo mode; with {@code
 * harbour.demo=false} (the production profile) it answers exactly as an unknown path does.
 */
@Path("/dev/sms")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Demo only")
public class DevResource {
  @Inject HarbourApp app;

  @GET
  @Operation(summary = "Demo mode only: the SMS messages sent to a phone, newest last")
  public List<DemoSmsGateway.Message> inbox(@QueryParam("phone") String phone) {
    if (!app.demo()) {
      throw new jakarta.ws.rs.NotFoundException();
    }
    if (phone == null || !PhoneNumbers.isValid(phone)) {
      throw PlatformException.invalid(
          "phone", "phone_invalid", "Give a mobile number, e.g. +85291234567");
    }
    return app.sms().messages(PhoneNumbers.normalize(phone));
  }
}
