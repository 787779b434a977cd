package org.deltagen.codegen;

import org.deltagen.network.Diagnostic;

/**
 * Text from a spec or a file name, made safe to stand in a generated comment. javac turns
 * {@code \}{@code u002a} into a character before it sees comments, {@code *}{@code /} ends a
 * block comment and a line break ends a line comment: any of them would let a name close the
 * comment and continue as code. So backslashes are doubled (no escape survives), the comment's
 * end is split, and line breaks and invisible characters are written as {@code <U+000A>}.
 */
final class JavaComments {
  private JavaComments() {}

  static String safe(String text) {
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints().forEach(c -> {
      if (c == '\\') {
        out.append("\\\\");
      } else if (c == '/' && out.length() > 0 && out.charAt(out.length() - 1) == '*') {
        out.append(" /");
      } else if (Diagnostic.isInvisible(c)) {
        out.append(Diagnostic.shown(c));
      } else {
        out.appendCodePoint(c);
      }
    });
    return out.toString();
  }
}
