package io.harbourpay.qr.cpm;

import java.util.List;
import java.util.Objects;

/**
 * An EMVCo consumer-presented payload. {@code CpmDecoder.decode(CpmEncoder.encode(x))} gives back
 * {@code x}.
 *
 * @param payloadFormatIndicator 85, "CPV01"
 * @param applications the application templates (61), in the order the wallet prefers them
 * @param commonData the common data template (62), or null
 */
public record ConsumerPresentedPayload(
    String payloadFormatIndicator, List<ApplicationData> applications, ApplicationData commonData) {

  /** The payload format indicator of CPM version 1. */
  public static final String FORMAT_VERSION_1 = "CPV01";

  /** The specification allows one application template, or two with a common data template. */
  public static final int APPLICATIONS_MAX = 2;

  public ConsumerPresentedPayload {
    Objects.requireNonNull(payloadFormatIndicator, "payloadFormatIndicator");
    applications = List.copyOf(Objects.requireNonNull(applications, "applications"));
  }

  public static ConsumerPresentedPayload of(List<ApplicationData> applications) {
    return new ConsumerPresentedPayload(FORMAT_VERSION_1, applications, null);
  }
}
