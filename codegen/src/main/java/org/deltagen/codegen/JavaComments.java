package org.deltagen.codegen;

import com.palantir.javapoet.MethodSpec;
import java.util.ArrayList;
import java.util.List;
import org.deltagen.network.Diagnostic;

/**
 * Text from a spec or a file name, made safe to stand in a generated comment. javac turns
 * {@code \}{@code u002a} into a character before it sees comments, {@code *}{@code /} ends a
 * block comment and a line break ends a line comment: any of them would let a name close the
 * comment and continue as code. So backslashes are doubled (no escape survives), the comment's
 * end is split, and line breaks and invisible characters are written as {@code <U+000A>}.
 */
final class JavaComments {
  private static final int COMMENT_WIDTH = 72;

  private JavaComments() {}

  /**
   * Adds {@code text}, made safe, as line comments of at most {@value #COMMENT_WIDTH} characters:
   * JavaPoet would wrap a long comment onto a line without its {@code //}.
   */
  static void addComment(MethodSpec.Builder method, String text) {
    StringBuilder line = new StringBuilder();
    List<String> words = new ArrayList<>();
    for (String word : safe(text).split("\\s+")) {
      // A formula with no spaces may be longer than a line by itself.
      for (int start = 0; start < word.length(); start += COMMENT_WIDTH - 4) {
        words.add(word.substring(start, Math.min(word.length(), start + COMMENT_WIDTH - 4)));
      }
    }
    for (String word : words) {
      if (line.length() > 0 && line.length() + 1 + word.length() > COMMENT_WIDTH) {
        method.addComment("$L", line.toString());
        line.setLength(0);
        line.append("    ");
      }
      line.append(line.length() == 0 || line.toString().isBlank() ? "" : " ").append(word);
    }
    method.addComment("$L", line.toString());
  }

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
