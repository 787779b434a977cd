package org.deltagen.report;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.deltagen.symbolic.TexForm;

/**
 * A justification sentence as LaTeX: its indexed symbols (u^2_j, δ^l_j, û^2_j, γ^2_j, w^l_{ij},
 * z^{l-1}_i, y_j, η_e, and z^1 without an index)
 * typeset as the equations typeset them, everything else escaped.
 */
final class Prose {
  private static final Pattern INDEXED =
      Pattern.compile("([uzwδûγβ])\\^(\\{[^}]*\\}|[0-9l]+)_(\\{[^}]*\\}|[a-z0-9]+)|\\b([yd])_([a-z0-9])\\b|\\bz_0\\b|\\bf_(\\d+)|η_([a-z0-9])\\b|([uzwδûγβ])\\^(\\{[^}]*\\}|[0-9l]+)");

  private Prose() {}

  static String tex(String text) {
    // Capitalize a leading word, never a leading symbol such as y_j.
    boolean word = text.matches("[a-z][a-z'].*");
    String sentence = word ? Character.toUpperCase(text.charAt(0)) + text.substring(1) : text;
    StringBuilder out = new StringBuilder();
    Matcher matcher = INDEXED.matcher(sentence);
    int last = 0;
    while (matcher.find()) {
      out.append(TexForm.escape(sentence.substring(last, matcher.start())));
      out.append("\\ensuremath{").append(symbol(matcher)).append('}');
      last = matcher.end();
    }
    return out.append(TexForm.escape(sentence.substring(last))).toString();
  }

  private static String symbol(Matcher matcher) {
    if (matcher.group(1) != null) {
      return name(matcher.group(1)) + "^{(" + unbraced(matcher.group(2)) + ")}_{" + unbraced(matcher.group(3)) + "}";
    }
    if (matcher.group(4) != null) {
      return matcher.group(4) + "_{" + matcher.group(5) + "}";
    }
    if (matcher.group(6) != null) {
      return "f_{" + matcher.group(6) + "}";
    }
    if (matcher.group(7) != null) {
      return "\\eta_{" + matcher.group(7) + "}";
    }
    if (matcher.group(8) != null) {
      return name(matcher.group(8)) + "^{(" + unbraced(matcher.group(9)) + ")}";
    }
    return "z_0";
  }

  private static String name(String letter) {
    return switch (letter) {
      case "δ" -> "\\delta";
      case "û" -> "\\hat u";
      case "γ" -> "\\gamma";
      case "β" -> "\\beta";
      default -> letter;
    };
  }

  private static String unbraced(String text) {
    return text.startsWith("{") ? text.substring(1, text.length() - 1) : text;
  }
}
