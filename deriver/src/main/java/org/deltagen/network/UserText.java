package org.deltagen.network;

import java.util.Locale;

/**
 * How a message shows text that came from the user: short, on one line, every character visible.
 * A 1 MB token must not be echoed back, and a U+202E or a newline in a name must not rearrange
 * or split the line a terminal or an IDE shows.
 */
final class UserText {
  /** Code points of user text a quotation keeps; the rest become an ellipsis. */
  static final int QUOTED_LIMIT = 40;
  /** Code points a whole message or hint keeps, for user text that is not quoted. */
  static final int MESSAGE_LIMIT = 1000;

  private UserText() {}

  /**
   * {@code 'text'}, made visible and shortened to {@link #QUOTED_LIMIT} code points; escaping
   * first makes quoting a quotation change nothing, so a diagnostic can be rebuilt from another.
   */
  static String quote(String text) {
    return "'" + shorten(visible(text), QUOTED_LIMIT) + "'";
  }

  /** A message with every {@code '…'} quotation in it shortened, then made visible and bounded. */
  static String message(String text) {
    int[] closing = closingQuotes(text);
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      int end = opensQuote(text, i) ? closing[i + 1] : -1;
      if (end < 0) {
        out.append(text.charAt(i++));
      } else {
        out.append(quote(text.substring(i + 1, end)));
        i = end + 1;
      }
    }
    return line(out.toString());
  }

  /** Text made visible and bounded to {@link #MESSAGE_LIMIT} code points. */
  static String line(String text) {
    return shorten(visible(text), MESSAGE_LIMIT);
  }

  /**
   * For each index, the first quote at or after it that can close a quotation (one not followed
   * by a letter or digit, so the quote in "it's" does not), or −1: one pass, so a message full of
   * quotes that never close still takes linear time.
   */
  private static int[] closingQuotes(String text) {
    int[] closing = new int[text.length() + 1];
    closing[text.length()] = -1;
    for (int i = text.length() - 1; i >= 0; i--) {
      boolean closes = text.charAt(i) == '\'' && (i + 1 == text.length() || !isWord(text.charAt(i + 1)));
      closing[i] = closes ? i : closing[i + 1];
    }
    return closing;
  }

  private static boolean opensQuote(String text, int i) {
    return text.charAt(i) == '\'' && (i == 0 || !isWord(text.charAt(i - 1)));
  }

  private static boolean isWord(char c) {
    return Character.isLetterOrDigit(c);
  }

  private static String shorten(String text, int limit) {
    if (text.codePointCount(0, text.length()) <= limit) {
      return text;
    }
    return text.substring(0, text.offsetByCodePoints(0, limit)) + "…";
  }

  /**
   * Control, format, separator, private and unassigned characters as {@code <U+202E>}: not Java's
   * escape, which javac would expand again if the text were ever pasted into a source file.
   */
  private static String visible(String text) {
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints().forEach(c -> {
      if (printable(c)) {
        out.appendCodePoint(c);
      } else {
        out.append(shown(c));
      }
    });
    return out.toString();
  }

  static String shown(int c) {
    return String.format(Locale.ROOT, "<U+%04X>", c);
  }

  static boolean printable(int c) {
    return switch (Character.getType(c)) {
      case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
          Character.PRIVATE_USE, Character.SURROGATE, Character.UNASSIGNED -> false;
      case Character.SPACE_SEPARATOR -> c == ' ';
      default -> true;
    };
  }
}
