package io.harbourpay.server.api;

import io.harbourpay.platform.PlatformException;
import io.harbourpay.qr.scan.ImageScanner;
import io.harbourpay.server.app.HarbourApp;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Reads a QR code out of a camera frame or photo for wallets whose browser cannot (no
 * BarcodeDetector), and answers exactly what {@code POST /v1/qr/decode} answers for its text.
 */
@Path("/v1/qr/scan")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Pay code")
public class ScanResource {
  @Inject HarbourApp app;
  @Inject Auth auth;

  @POST
  @Consumes({"image/png", "image/jpeg", MediaType.APPLICATION_OCTET_STREAM})
  @Operation(
      summary =
          "Decode a merchant QR code from a PNG or JPEG picture (at most 2 MiB): the same answer as"
              + " /v1/qr/decode")
  public Object scan(@HeaderParam("Authorization") String authorization, byte[] image) {
    auth.customer(authorization);
    if (image == null || image.length == 0) {
      throw PlatformException.invalid(
          "image", "parameter_missing", "Send the picture as the request body (PNG or JPEG)");
    }
    ImageScanner.Scan scan = ImageScanner.scan(image);
    if (!scan.ok()) throw refusal(scan.failure(), image.length);
    return OrderResource.decoded(app.platform(), scan.text());
  }

  private static PlatformException refusal(ImageScanner.Failure failure, int bytes) {
    return switch (failure) {
      case TOO_LARGE ->
          PlatformException.invalid(
              "image",
              "image_too_large",
              "The picture is too large ("
                  + bytes
                  + " bytes): send at most "
                  + ImageScanner.BYTES_MAX
                  + " bytes and "
                  + ImageScanner.PIXELS_MAX
                  + " pixels");
      case UNREADABLE ->
          PlatformException.invalid(
              "image", "image_unreadable", "The body is not a PNG or JPEG picture");
      case NO_CODE ->
          PlatformException.invalid(
              "image",
              "qr_not_found",
              "No QR code was found in the picture; hold the code flat and closer");
    };
  }
}
