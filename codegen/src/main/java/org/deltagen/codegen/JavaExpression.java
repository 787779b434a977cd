package org.deltagen.codegen;

/**
 * A Java expression with the precedence of its outermost operator, so that whoever embeds it
 * knows whether it needs parentheses without reading its text back.
 */
record JavaExpression(String text, int precedence) {
  static final int TERNARY = 1;
  static final int OR = 2;
  static final int AND = 3;
  static final int EQUALITY = 4;
  static final int RELATIONAL = 5;
  static final int ADDITIVE = 6;
  static final int MULTIPLICATIVE = 7;
  /** Unary minus, negation and casts. */
  static final int UNARY = 8;
  /** Names, literals, array elements, calls. */
  static final int PRIMARY = 9;

  /** A name, literal, array element or call. */
  static JavaExpression primary(String text) {
    return new JavaExpression(text, PRIMARY);
  }

  static JavaExpression additive(String text) {
    return new JavaExpression(text, ADDITIVE);
  }

  static JavaExpression multiplicative(String text) {
    return new JavaExpression(text, MULTIPLICATIVE);
  }

  /** The text, parenthesized when it binds less tightly than an operand at {@code required}. */
  String at(int required) {
    return precedence < required ? "(" + text + ")" : text;
  }

  /** {@code this * factor}, with each side parenthesized as Java's left-to-right reading needs. */
  JavaExpression times(JavaExpression factor) {
    return multiplicative(at(MULTIPLICATIVE) + " * " + factor.at(MULTIPLICATIVE + 1));
  }

  /** The text, as {@code $L} writes it. */
  @Override
  public String toString() {
    return text;
  }
}
