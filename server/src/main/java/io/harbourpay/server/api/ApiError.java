package io.harbourpay.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The one error shape: {@code {"error": {"type", "code", "message", "param"}}}. */
public record ApiError(Body error) {
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Body(String type, String code, String message, String param) {}

  public static ApiError of(String type, String code, String message, String param) {
    return new ApiError(new Body(type, code, message, param));
  }
}
