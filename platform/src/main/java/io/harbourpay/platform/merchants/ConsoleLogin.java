package io.harbourpay.platform.merchants;

/** A successful console login: the bearer token (returned once, stored hashed) and who it is. */
public record ConsoleLogin(String token, ConsoleUser user) {
  @Override
  public String toString() {
    return "ConsoleLogin[user=" + user.publicId() + "]";
  }
}
