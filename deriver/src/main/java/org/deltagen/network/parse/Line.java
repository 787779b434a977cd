package org.deltagen.network.parse;

import java.util.ArrayList;
import java.util.List;
import org.deltagen.network.Diagnostic;
import org.deltagen.network.ErrorCode;
import org.deltagen.network.SourceLocation;
import org.deltagen.network.SpecException;

/**
 * One line of an input file with its comment removed, split at spaces and tabs into tokens that
 * know their 1-based columns (a tab is one column, as in most editors' column counters).
 */
record Line(String file, int number, String content, List<Token> tokens) {

  /** A word of a line and the column of its first character. */
  record Token(String text, int column) {

    /** The column just after the token. */
    int end() {
      return column + text.length();
    }
  }

  Line {
    tokens = List.copyOf(tokens);
  }

  /** Splits {@code text} into its lines, numbered from 1. */
  static List<Line> split(String file, String text) {
    // Editors on Windows may start a UTF-8 file with a byte-order mark; it is not part of line 1.
    String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
    String[] lines = body.split("\r\n|\r|\n", -1);
    List<Line> result = new ArrayList<>(lines.length);
    for (int i = 0; i < lines.length; i++) {
      result.add(of(file, i + 1, lines[i]));
    }
    return result;
  }

  private static Line of(String file, int number, String line) {
    int comment = line.indexOf('#');
    String content = comment < 0 ? line : line.substring(0, comment);
    return new Line(file, number, content, tokenize(content));
  }

  private static List<Token> tokenize(String content) {
    List<Token> tokens = new ArrayList<>();
    int start = -1;
    for (int i = 0; i <= content.length(); i++) {
      boolean blank = i == content.length() || isBlank(content.charAt(i));
      if (blank && start >= 0) {
        tokens.add(new Token(content.substring(start, i), start + 1));
        start = -1;
      } else if (!blank && start < 0) {
        start = i;
      }
    }
    return tokens;
  }

  static boolean isBlank(char c) {
    return c == ' ' || c == '\t';
  }

  boolean isEmpty() {
    return tokens.isEmpty();
  }

  int size() {
    return tokens.size();
  }

  Token token(int index) {
    return tokens.get(index);
  }

  /** The text from {@code column} to the end of the line, without trailing blanks. */
  String from(int column) {
    return content.substring(column - 1).stripTrailing();
  }

  SourceLocation at(int column) {
    return new SourceLocation(file, number, column);
  }

  Diagnostic diagnostic(ErrorCode code, int column, String message, String hint) {
    return Diagnostic.of(code, at(column), message).withHint(hint);
  }

  SpecException problem(ErrorCode code, int column, String message, String hint) {
    return new SpecException(diagnostic(code, column, message, hint));
  }
}
