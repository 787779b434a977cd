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
  /**
   * The characters of a line comment's text: with the method body's indent and {@code // }, a
   * line ends by column 100.
   */
  private static final int COMMENT_WIDTH = 93;
  /** The characters of a javadoc line's text: ends by column 100 down to a nested type's members. */
  private static final int JAVADOC_WIDTH = 92;
  /** The characters of a member's javadoc line after its indent and {@code * }. */
  private static final int MEMBER_JAVADOC_WIDTH = 95;

  private JavaComments() {}

  /**
   * Adds {@code text}, made safe, as line comments of at most {@value #COMMENT_WIDTH} characters,
   * continued lines indented: JavaPoet would wrap a long comment onto a line without its {@code //}.
   */
  static void addComment(MethodSpec.Builder method, String text) {
    for (String line : lines(safe(text), COMMENT_WIDTH, "    ")) {
      method.addComment("$L", line);
    }
  }

  /**
   * {@code text}, already safe, as it is when it fits a member's javadoc line, else broken at
   * spaces into lines of {@value #JAVADOC_WIDTH} characters or fewer: a citation that fits stays
   * verbatim, so that a reader can search the source for it.
   */
  static String javadoc(String text) {
    return text.length() <= MEMBER_JAVADOC_WIDTH ? text : String.join("\n", lines(text, JAVADOC_WIDTH, ""));
  }

  /** {@code text}'s words in lines of at most {@code width} characters, the second on indented. */
  private static List<String> lines(String text, int width, String indent) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : words(text, width - indent.length())) {
      if (line.length() > 0 && line.length() + 1 + word.length() > width) {
        lines.add(line.toString());
        line.setLength(0);
        line.append(indent).append(word);
      } else {
        line.append(line.length() == 0 ? "" : " ").append(word);
      }
    }
    lines.add(line.toString());
    return lines;
  }

  /**
   * The words of {@code text} between white space, a javadoc tag such as {@code {@code x}} one
   * word; a formula longer than a line is cut into pieces.
   */
  private static List<String> words(String text, int longest) {
    List<String> words = new ArrayList<>();
    int start = 0;
    boolean inTag = false;
    for (int i = 0; i <= text.length(); i++) {
      if (i < text.length() && text.startsWith("{@", i)) {
        inTag = true;
      } else if (i < text.length() && text.charAt(i) == '}') {
        inTag = false;
      }
      if (i == text.length() || (!inTag && Character.isWhitespace(text.charAt(i)))) {
        for (int piece = start; piece < i; piece += longest) {
          words.add(text.substring(piece, Math.min(i, piece + longest)));
        }
        start = i + 1;
      }
    }
    return words;
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
