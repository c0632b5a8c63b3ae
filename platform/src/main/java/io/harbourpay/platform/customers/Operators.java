package io.harbourpay.platform.customers;

import io.harbourpay.platform.PlatformException;

/** Checks on what operators type: their name (recorded in the audit log) and free-text notes. */
public final class Operators {
  static final int NAME_LENGTH_MAX = 100;
  static final int NOTE_LENGTH_MAX = 500;

  private Operators() {}

  public static String name(String operatorName) {
    String name = operatorName == null ? "" : operatorName.strip();
    if (name.isEmpty()) {
      throw PlatformException.invalid(
          "operator", "operator_required", "Name the operator taking the action");
    }
    if (name.length() > NAME_LENGTH_MAX) {
      throw PlatformException.invalid(
          "operator",
          "operator_too_long",
          "The operator name is at most " + NAME_LENGTH_MAX + " characters");
    }
    return name;
  }

  /** An optional note: stripped, {@code null} when blank. */
  public static String note(String param, String note) {
    if (note == null || note.isBlank()) return null;
    String stripped = note.strip();
    if (stripped.length() > NOTE_LENGTH_MAX) {
      throw PlatformException.invalid(
          param, param + "_too_long", param + " is at most " + NOTE_LENGTH_MAX + " characters");
    }
    return stripped;
  }

  /** A required note (a reason): stripped; INVALID_REQUEST {@code <param>_required} when blank. */
  public static String required(String param, String note) {
    String stripped = note(param, note);
    if (stripped == null) {
      throw PlatformException.invalid(param, param + "_required", "Give a " + param);
    }
    return stripped;
  }
}
