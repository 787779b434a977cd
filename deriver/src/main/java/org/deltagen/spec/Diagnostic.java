package org.deltagen.spec;

import java.util.Objects;

/**
 * One problem found in the input: a stable code, where it is, what was wrong and, where one
 * helps, a hint. Printed on one line, {@code DG010 xor.nn:5:9: unknown activation 'sigmod'; did
 * you mean 'sigmoid'?}.
 */
public record Diagnostic(ErrorCode code, SourceLocation location, String message, String hint) {

  /** Longest message or hint printed: whatever text of the user's it quotes, it stays one readable line. */
  private static final int MESSAGE_LIMIT = 400;

  public Diagnostic {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(location, "location");
    message = visible(Objects.requireNonNull(message, "message"), MESSAGE_LIMIT);
    hint = hint == null ? "" : visible(hint, MESSAGE_LIMIT);
  }

  public static Diagnostic of(ErrorCode code, SourceLocation location, String message) {
    return new Diagnostic(code, location, message, "");
  }

  /** Longest piece of the user's text a message quotes whole. */
  private static final int QUOTE_LIMIT = 60;

  /**
   * The user's {@code text} as a message may quote it: control and invisible characters written
   * as {@code <U+200B>}, and anything past {@value #QUOTE_LIMIT} characters cut to an ellipsis, so
   * a pasted megabyte or a right-to-left override cannot garble the line it appears in.
   */
  public static String quote(String text) {
    return visible(text, QUOTE_LIMIT);
  }

  private static String visible(String text, int limit) {
    StringBuilder out = new StringBuilder();
    int shown = 0;
    for (int i = 0; i < text.length(); i = text.offsetByCodePoints(i, 1)) {
      if (shown == limit) {
        return out.append("… (").append(text.codePointCount(0, text.length())).append(" characters)").toString();
      }
      int c = text.codePointAt(i);
      out.append(isInvisible(c) ? shown(c) : Character.toString(c));
      shown++;
    }
    return out.toString();
  }

  /** {@code <U+202E>}: how a message or a generated comment shows an invisible character. */
  public static String shown(int codePoint) {
    return String.format("<U+%04X>", codePoint);
  }

  /**
   * True for characters that print as nothing, move the cursor or reorder the line: controls,
   * line separators, formatting characters such as U+200B and U+202E, unassigned code points.
   */
  public static boolean isInvisible(int c) {
    int type = Character.getType(c);
    return type == Character.CONTROL || type == Character.FORMAT || type == Character.UNASSIGNED
        || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
        || type == Character.PRIVATE_USE || type == Character.SURROGATE;
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
