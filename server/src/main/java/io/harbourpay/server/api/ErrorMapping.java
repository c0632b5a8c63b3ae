package io.harbourpay.server.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import io.harbourpay.platform.ErrorType;
import io.harbourpay.platform.PlatformException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every failure becomes the one error shape; the status comes from one exhaustive switch. */
public class ErrorMapping {
  private static final Logger LOG = Logger.getLogger(ErrorMapping.class);

  static int status(ErrorType type) {
    return switch (type) {
      case INVALID_REQUEST -> 400;
      case AUTHENTICATION -> 401;
      case DECLINED -> 402;
      case PERMISSION -> 403;
      case NOT_FOUND -> 404;
      case CONFLICT -> 409;
      case RATE_LIMITED -> 429;
      case UNAVAILABLE -> 503;
    };
  }

  static String typeName(ErrorType type) {
    return switch (type) {
      case INVALID_REQUEST -> "invalid_request_error";
      case AUTHENTICATION -> "authentication_error";
      case DECLINED -> "request_declined";
      case PERMISSION -> "permission_error";
      case NOT_FOUND -> "not_found_error";
      case CONFLICT -> "conflict_error";
      case RATE_LIMITED -> "rate_limit_error";
      case UNAVAILABLE -> "api_error";
    };
  }

  public static Response toResponse(PlatformException failure) {
    Response.ResponseBuilder response =
        Response.status(status(failure.type()))
            .type(MediaType.APPLICATION_JSON)
            .entity(
                ApiError.of(
                    typeName(failure.type()),
                    failure.code(),
                    failure.getMessage(),
                    failure.param()));
    if (failure.type() == ErrorType.UNAVAILABLE) response.header("Retry-After", "1");
    return response.build();
  }

  @ServerExceptionMapper
  public Response platform(PlatformException failure) {
    return toResponse(failure);
  }

  /** Malformed JSON or a value of the wrong type: 400 naming the field. */
  @ServerExceptionMapper
  public Response json(JsonProcessingException failure) {
    return toResponse(Json.invalid(failure));
  }

  @ServerExceptionMapper
  public Response web(WebApplicationException failure) {
    int status = failure.getResponse().getStatus();
    if (failure instanceof NotFoundException) {
      return error(
          404, "not_found_error", "resource_missing", "No such endpoint or resource", null);
    }
    if (failure instanceof NotAllowedException) {
      return error(
          405,
          "invalid_request_error",
          "method_not_allowed",
          "This endpoint does not take that method",
          null);
    }
    if (failure instanceof NotSupportedException) {
      return error(
          415,
          "invalid_request_error",
          "unsupported_media_type",
          "Send JSON with Content-Type: application/json",
          null);
    }
    if (failure.getCause() instanceof JsonProcessingException json) {
      return toResponse(Json.invalid(json));
    }
    String code = status == 400 ? "invalid_request" : "http_" + status;
    return error(
        status,
        status < 500 ? "invalid_request_error" : "api_error",
        code,
        failure.getMessage(),
        null);
  }

  /** Anything else is our bug: say so without leaking internals, and log it. */
  @ServerExceptionMapper(priority = 10_000)
  public Response unexpected(RuntimeException failure) {
    LOG.error("unexpected failure", failure);
    return error(
        500,
        "api_error",
        "internal_error",
        "Something went wrong on our side; it has been logged",
        null);
  }

  static Response error(int status, String type, String code, String message, String param) {
    return Response.status(status)
        .type(MediaType.APPLICATION_JSON)
        .entity(ApiError.of(type, code, message, param))
        .build();
  }

  static String path(JsonMappingException failure) {
    return failure.getPath().stream()
        .map(
            reference ->
                reference.getFieldName() != null
                    ? reference.getFieldName()
                    : "[" + reference.getIndex() + "]")
        .collect(Collectors.joining("."));
  }
}
