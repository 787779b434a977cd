package org.deltagen.network;

import java.util.Objects;

/**
 * One problem found in the input: a stable code, where it is, what was wrong and, where one
 * helps, a hint. Printed on one line, {@code DG010 xor.nn:5:9: unknown activation 'sigmod'; did
 * you mean 'sigmoid'?}. User text quoted in the message is shortened and every character in it
 * made visible (see {@link #quote}), so a diagnostic is always one short line.
 */
public record Diagnostic(ErrorCode code, SourceLocation location, String message, String hint) {

  public Diagnostic {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(location, "location");
    message = UserText.message(Objects.requireNonNull(message, "message"));
    hint = hint == null ? "" : UserText.line(hint);
  }

  /**
   * {@code text} quoted as a message shows user text: {@code 'first 40 characters…'}, with
   * control, format and other invisible characters written as {@code <U+202E>}.
   */
  public static String quote(String text) {
    return UserText.quote(text);
  }

  /** {@code <U+202E>}: how a message or a generated comment shows an invisible character. */
  public static String shown(int codePoint) {
    return UserText.shown(codePoint);
  }

  /**
   * True for characters that print as nothing, move the cursor or reorder the line: controls,
   * line separators, formatting characters such as U+200B and U+202E, unassigned code points.
   */
  public static boolean isInvisible(int codePoint) {
    return !UserText.printable(codePoint);
  }

  public static Diagnostic of(ErrorCode code, SourceLocation location, String message) {
    return new Diagnostic(code, location, message, "");
  }

  public Diagnostic withHint(String newHint) {
    return new Diagnostic(code, location, message, newHint);
  }

  @Override
  public String toString() {
    String text = code + " " + UserText.line(location.toString()) + ": " + message;
    return hint.isEmpty() ? text : text + "; " + hint;
  }
}
