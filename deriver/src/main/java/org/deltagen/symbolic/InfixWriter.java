package org.deltagen.symbolic;

import java.util.Map;
import org.matheclipse.core.interfaces.IAST;
import org.matheclipse.core.interfaces.IExpr;
import org.matheclipse.core.interfaces.ISymbol;

/**
 * Walks a Symja expression for a writer of infix notation (text, LaTeX): it dispatches on the kind
 * of node; each writer says how it writes sums, products, powers and the rest, and how it
 * parenthesizes what binds less tightly than its place requires.
 */
abstract class InfixWriter {
  static final int CONDITIONAL = 0;
  static final int SUM = 1;
  static final int PRODUCT = 2;
  static final int POWER = 3;
  static final int ATOM = 4;

  /** Written text and how tightly it binds, from {@link #CONDITIONAL} to {@link #ATOM}. */
  record Written(String text, int precedence) {}

  private final Map<ISymbol, String> names;

  InfixWriter(Map<ISymbol, String> names) {
    this.names = Map.copyOf(names);
  }

  /** How the caller names {@code symbol} (u as u^{(2)}_j, say), or null to write it as it is. */
  final String renamed(ISymbol symbol) {
    return names.get(symbol);
  }

  final Written write(IExpr expression) {
    if (expression.isSymbol()) {
      return new Written(symbol((ISymbol) expression), ATOM);
    }
    if (expression.isNumber()) {
      return number(expression);
    }
    IAST ast = (IAST) expression;
    if (ast.isPlus()) {
      return plus(ast);
    }
    if (ast.isTimes()) {
      return times(ast);
    }
    if (ast.isPower()) {
      return power(ast.base(), ast.exponent());
    }
    return call(ast, ast.head().toString());
  }

  /** The written form, parenthesized when it binds less tightly than {@code required}. */
  final String at(Written written, int required) {
    return written.precedence() < required ? parenthesized(written.text()) : written.text();
  }

  abstract String parenthesized(String text);

  abstract String symbol(ISymbol symbol);

  abstract Written number(IExpr number);

  abstract Written plus(IAST sum);

  abstract Written times(IAST product);

  abstract Written power(IExpr base, IExpr exponent);

  /** Any other head: functions, Piecewise, relations. */
  abstract Written call(IAST ast, String head);
}
