package io.harbourpay.server.api;

import io.harbourpay.platform.ErrorType;
import io.harbourpay.platform.PlatformException;
import io.harbourpay.platform.idempotency.IdempotencyStore;
import io.harbourpay.server.app.HarbourApp;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Function;

/**
 * Idempotency-Key replay around a POST: the same key and body return the stored response (with
 * {@code Idempotent-Replayed: true}), a different body under the same key is a 409. Results that
 * may change on retry (5xx, 429, 409) are not stored.
 */
@ApplicationScoped
public class Idempotent {
  @Inject HarbourApp app;

  public record Result(int status, Object body) {}

  /** Runs {@code action} (given the key, possibly null) unless its response is already stored. */
  public Response run(
      String scope, String key, String path, String body, Function<String, Result> action) {
    IdempotencyStore.validateKey(key);
    byte[] raw = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    IdempotencyStore store = app.platform().idempotency;
    if (key != null) {
      Optional<IdempotencyStore.StoredResponse> stored =
          store.lookup(scope, key, "POST", path, raw);
      if (stored.isPresent()) {
        return Response.status(stored.get().statusCode())
            .type(MediaType.APPLICATION_JSON)
            .header("Idempotent-Replayed", "true")
            .entity(stored.get().body())
            .build();
      }
    }
    int status;
    String json;
    try {
      Result result = action.apply(key);
      status = result.status();
      json = result.body() == null ? "" : Json.write(result.body());
    } catch (PlatformException failure) {
      if (key == null || !replayable(failure.type())) throw failure;
      Response error = ErrorMapping.toResponse(failure);
      status = error.getStatus();
      json = Json.write(error.getEntity());
    }
    if (key != null) store.store(scope, key, "POST", path, raw, status, json);
    return Response.status(status).type(MediaType.APPLICATION_JSON).entity(json).build();
  }

  /**
   * Refusals that a retry of the same request must meet again are stored and replayed. Declines are
   * not: after a top-up or a new day the same transfer may go through, and a mistyped PIN must not
   * freeze the key.
   */
  private static boolean replayable(ErrorType type) {
    return switch (type) {
      case INVALID_REQUEST, PERMISSION, NOT_FOUND -> true;
      case AUTHENTICATION, CONFLICT, DECLINED, RATE_LIMITED, UNAVAILABLE -> false;
    };
  }
}
