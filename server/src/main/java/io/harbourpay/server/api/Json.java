package io.harbourpay.server.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.harbourpay.platform.PlatformException;
import java.util.List;

/**
 * Request bodies are parsed here, not by the framework: the raw body is needed for Idempotency-Key
 * hashing, and every parse error must name its field. Strict: unknown fields and floats where
 * integers belong are refused.
 */
public final class Json {
  public static final ObjectMapper MAPPER = mapper();

  /**
   * Jackson coerces scalars by default: {@code "amount": "12"} became 12 and {@code "pin": 246813}
   * became "246813". A payment API must refuse both, so every scalar shape other than the field's
   * own fails.
   */
  private static ObjectMapper mapper() {
    ObjectMapper mapper =
        new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .findAndRegisterModules()
            .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    for (LogicalType type : List.of(LogicalType.Integer, LogicalType.Float, LogicalType.Boolean)) {
      mapper
          .coercionConfigFor(type)
          .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
          .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
    }
    mapper
        .coercionConfigFor(LogicalType.Textual)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    return mapper;
  }

  /** Largest body accepted; money requests are small. */
  public static final int BODY_LENGTH_MAX = 16 * 1024;

  private Json() {}

  public static <T> T parse(String body, Class<T> type) {
    if (body == null || body.isBlank()) {
      throw PlatformException.invalid(
          null, "body_missing", "Send a JSON object as the request body");
    }
    if (body.length() > BODY_LENGTH_MAX) {
      throw PlatformException.invalid(
          null,
          "body_too_large",
          "The request body is larger than " + BODY_LENGTH_MAX + " characters");
    }
    try {
      T value = MAPPER.readValue(body, type);
      if (value == null)
        throw PlatformException.invalid(
            null, "body_missing", "Send a JSON object as the request body");
      return value;
    } catch (JsonProcessingException failure) {
      throw invalid(failure);
    }
  }

  /**
   * Whether the body (already parsed once, so valid JSON) names {@code field}: for requests where
   * an explicit null means "remove" and an absent field is a mistake.
   */
  static boolean hasField(String body, String field) {
    try {
      return MAPPER.readTree(body).has(field);
    } catch (JsonProcessingException failure) {
      throw invalid(failure);
    }
  }

  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException failure) {
      throw new IllegalStateException("cannot write JSON", failure);
    }
  }

  static PlatformException invalid(JsonProcessingException failure) {
    if (failure instanceof UnrecognizedPropertyException unknown) {
      return PlatformException.invalid(
          unknown.getPropertyName(),
          "parameter_unknown",
          "Unknown field: " + unknown.getPropertyName());
    }
    if (failure instanceof InputCoercionException outOfRange) {
      // A number past the field's range (e.g. an amount beyond a long): the parser knows the field.
      JsonParser parser = outOfRange.getProcessor();
      String field = parser == null ? null : parser.getParsingContext().getCurrentName();
      return PlatformException.invalid(
          field,
          "parameter_out_of_range",
          (field == null ? "A number" : "Field " + field) + " is out of range");
    }
    if (failure instanceof JsonMappingException mapping
        && mapping.getCause() instanceof InputCoercionException
        && !ErrorMapping.path(mapping).isEmpty()) {
      String field = ErrorMapping.path(mapping);
      return PlatformException.invalid(
          field, "parameter_out_of_range", "Field " + field + " is out of range");
    }
    if (failure instanceof InvalidFormatException || failure instanceof MismatchedInputException) {
      JsonMappingException mapping = (JsonMappingException) failure;
      String field = ErrorMapping.path(mapping);
      return PlatformException.invalid(
          field.isEmpty() ? null : field,
          "parameter_invalid_type",
          (field.isEmpty() ? "The body" : "Field " + field)
              + " has the wrong type"
              + expected(mapping));
    }
    return PlatformException.invalid(
        null, "json_invalid", "The body is not valid JSON: " + failure.getOriginalMessage());
  }

  private static String expected(JsonMappingException failure) {
    if (failure instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
      Class<?> target = mismatch.getTargetType();
      if (target == long.class
          || target == Long.class
          || target == int.class
          || target == Integer.class) {
        return ": expected an integer";
      }
      if (target == String.class) return ": expected a string";
    }
    return "";
  }
}
