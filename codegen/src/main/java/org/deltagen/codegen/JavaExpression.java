package org.deltagen.codegen;

import com.palantir.javapoet.CodeBlock;
import java.util.List;

/**
 * A Java expression with the precedence of its outermost operator, so that whoever embeds it
 * knows whether it needs parentheses without reading its text back. Its code may hold wrapping
 * points ({@code $W}), where JavaPoet breaks a line that would pass 100 columns.
 */
record JavaExpression(CodeBlock code, int precedence) {
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

  JavaExpression(String text, int precedence) {
    this(CodeBlock.of("$L", text), precedence);
  }

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

  /** {@code terms[0] + terms[1] + …}, each term a product or tighter, with a wrapping point before each +. */
  static JavaExpression sum(List<JavaExpression> terms) {
    List<CodeBlock> operands = terms.stream().map(term -> term.codeAt(ADDITIVE)).toList();
    return terms.size() == 1 ? terms.get(0) : new JavaExpression(CodeBlock.join(operands, "$W+ "), ADDITIVE);
  }

  /** The text, as JavaPoet writes it when the line is not wrapped. */
  String text() {
    return code.toString();
  }

  /** The text, parenthesized when it binds less tightly than an operand at {@code required}. */
  String at(int required) {
    return precedence < required ? "(" + text() + ")" : text();
  }

  /** The code, parenthesized when it binds less tightly than an operand at {@code required}. */
  CodeBlock codeAt(int required) {
    return precedence < required ? CodeBlock.of("($L)", code) : code;
  }

  /** {@code this * factor}, with each side parenthesized as Java's left-to-right reading needs. */
  JavaExpression times(JavaExpression factor) {
    return new JavaExpression(
        CodeBlock.of("$L * $L", codeAt(MULTIPLICATIVE), factor.codeAt(MULTIPLICATIVE + 1)), MULTIPLICATIVE);
  }

  /** The text, as {@code $L} writes it. */
  @Override
  public String toString() {
    return text();
  }
}
