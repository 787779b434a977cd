package org.deltagen.codegen;

import com.palantir.javapoet.CodeBlock;
import java.util.ArrayList;
import java.util.List;

/**
 * String literals for generated code, in ASCII: a character outside it is written as a unicode
 * escape, which inside a literal javac reads back as the same letter. Quotes, backslashes and
 * control characters get the escapes that javac reads after unicode escapes are expanded.
 */
final class JavaStrings {
  /**
   * The characters of a literal's piece: a longer message is split, at spaces, into pieces
   * joined by + that JavaPoet may wrap between, so that its line ends by column 100.
   */
  private static final int PIECE = 64;

  private JavaStrings() {}

  /** {@code text} as a literal, or as pieces joined by + that JavaPoet may wrap between. */
  static CodeBlock literal(String text) {
    return literal(text, PIECE);
  }

  /** {@code text} as pieces of at most {@code piece} characters, cut after a space where there is one. */
  static CodeBlock literal(String text, int piece) {
    List<CodeBlock> pieces = new ArrayList<>();
    int start = 0;
    while (text.length() - start > piece) {
      int space = text.lastIndexOf(' ', start + piece - 1);
      int end = space > start ? space + 1 : start + piece;
      pieces.add(CodeBlock.of("$L", quoted(text.substring(start, end))));
      start = end;
    }
    pieces.add(CodeBlock.of("$L", quoted(text.substring(start))));
    return CodeBlock.join(pieces, "$W+ ");
  }

  private static String quoted(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            out.append(String.format("\\%03o", (int) c));
          } else if (c > 0x7e) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
