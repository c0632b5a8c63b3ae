package io.harbourpay.platform.customers;

/**
 * Sends text messages. An implementation throws (any runtime exception) when it could not hand the
 * message to the carrier; the caller then treats the message as not sent.
 */
public interface SmsGateway {
  /**
   * @param phone E.164 mobile number
   * @param message plain text, at most {@link #MESSAGE_LENGTH_MAX} characters
   */
  void send(String phone, String message);

  /** One SMS segment in UCS-2 is 70 characters; our messages are ASCII and fit in one of 160. */
  int MESSAGE_LENGTH_MAX = 160;
}
