package org.deltagen.spec;

import java.util.Objects;

/**
 * One problem found in the input: a stable code, where it is, what was wrong and, where one
 * helps, a hint. Printed on one line, {@code DG010 xor.nn:5:9: unknown activation 'sigmod'; did
 * you mean 'sigmoid'?}.
 */
public record Diagnostic(ErrorCode code, SourceLocation location, String message, String hint) {

  public Diagnostic {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(message, "message");
    hint = hint == null ? "" : hint;
  }

  public static Diagnostic of(ErrorCode code, SourceLocation location, String message) {
    return new Diagnostic(code, location, message, "");
  }

  public Diagnostic withHint(String newHint) {
    return new Diagnostic(code, location, message, newHint);
  }

  @Override
  public String toString() {
    String text = code + " " + location + ": " + message;
    return hint.isEmpty() ? text : text + "; " + hint;
  }
}
