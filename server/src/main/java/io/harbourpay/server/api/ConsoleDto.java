package io.harbourpay.server.api;

import io.harbourpay.platform.merchants.ConsoleUser;
import java.time.Instant;

/** What the merchant console's sign-in and user endpoints read and write. */
public final class ConsoleDto {
  private ConsoleDto() {}

  public record LoginRequest(String email, String password) {
    @Override
    public String toString() {
      return "LoginRequest[" + email + "]";
    }
  }

  public record UserRequest(String email, String displayName, String password, String role) {
    @Override
    public String toString() {
      return "UserRequest[" + email + ", " + role + "]";
    }
  }

  public record UserView(
      String object,
      String id,
      String merchant,
      String email,
      String displayName,
      String role,
      String status,
      Instant lastLoginAt,
      Instant created) {
    static UserView of(ConsoleUser user) {
      return new UserView(
          "console_user",
          user.publicId(),
          user.merchantPublicId(),
          user.email(),
          user.displayName(),
          user.role().wireName(),
          user.status(),
          user.lastLoginAt(),
          user.createdAt());
    }
  }

  /** A session: the token (only in the login answer), the merchant, the user and their role. */
  public record SessionView(
      String object, String token, MerchantDto.MerchantView merchant, UserView user, String role) {}
}
