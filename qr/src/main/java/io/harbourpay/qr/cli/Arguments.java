package io.harbourpay.qr.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A command's arguments: positionals, "--name value" options and "--flag" switches. */
final class Arguments {
  /** A command line longer than this is a mistake, not a request. */
  static final int ARGUMENTS_MAX = 128;

  private final List<String> positionals = new ArrayList<>();
  private final Map<String, String> options = new HashMap<>();
  private final Set<String> flags = new HashSet<>();

  /** Thrown for a command line the user must correct; the CLI exits 2. */
  static final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }

  private Arguments() {}

  static Arguments parse(List<String> args, Set<String> optionNames, Set<String> flagNames)
      throws UsageException {
    if (args.size() > ARGUMENTS_MAX) {
      throw new UsageException("more than " + ARGUMENTS_MAX + " arguments");
    }
    Arguments parsed = new Arguments();
    for (int index = 0; index < args.size(); index++) {
      String arg = args.get(index);
      if (arg.startsWith("--") && arg.length() > 2) {
        if (flagNames.contains(arg)) {
          parsed.flags.add(arg);
        } else if (optionNames.contains(arg)) {
          if (index + 1 >= args.size()) {
            throw new UsageException(arg + " needs a value");
          }
          if (parsed.options.put(arg, args.get(++index)) != null) {
            throw new UsageException(arg + " given twice");
          }
        } else {
          throw new UsageException("unknown option " + arg);
        }
      } else {
        parsed.positionals.add(arg);
      }
    }
    return parsed;
  }

  List<String> positionals() {
    return positionals;
  }

  String option(String name) {
    return options.get(name);
  }

  String option(String name, String fallback) {
    return options.getOrDefault(name, fallback);
  }

  boolean flag(String name) {
    return flags.contains(name);
  }

  int intOption(String name, int fallback) throws UsageException {
    String value = options.get(name);
    if (value == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new UsageException(name + " needs a whole number, not '" + value + "'");
    }
  }
}
