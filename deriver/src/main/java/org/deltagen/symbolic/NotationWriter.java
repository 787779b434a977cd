package org.deltagen.symbolic;

import java.util.Map;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.interfaces.IAST;
import org.matheclipse.core.interfaces.IExpr;
import org.matheclipse.core.interfaces.ISymbol;

/**
 * What the report's two notations share: written text with its binding strength, the renaming of
 * symbols (u as u^{(2)}_j, say), e and π for Symja's constants, and grouping: parentheses and |x|,
 * which TeX sizes with \left and \right. {@link Formula#of(IExpr, Map, Map)} writes both.
 */
abstract class NotationWriter extends InfixWriter<NotationWriter.Written> {
  static final int CONDITIONAL = 0;
  static final int SUM = 1;
  static final int PRODUCT = 2;
  static final int POWER = 3;
  static final int ATOM = 4;

  /** Written text and how tightly it binds, from {@link #CONDITIONAL} to {@link #ATOM}. */
  record Written(String text, int precedence) {}

  private final Map<ISymbol, String> names;
  private final String left;
  private final String right;

  /** {@code left} and {@code right} go before each opening and closing delimiter. */
  NotationWriter(Map<ISymbol, String> names, String left, String right) {
    this.names = Map.copyOf(names);
    this.left = left;
    this.right = right;
  }

  /** The expression's text: the entry point of both forms. */
  final String text(IExpr expression) {
    return write(expression).text();
  }

  /** The written form, parenthesized when it binds less tightly than {@code required}. */
  final String at(Written written, int required) {
    return written.precedence() < required ? parenthesized(written.text()) : written.text();
  }

  /** The text in parentheses. */
  final String parenthesized(String text) {
    return left + "(" + text + right + ")";
  }

  /** |x| and Piecewise read alike in both notations; other calls are the form's own. */
  @Override
  protected final Written call(IAST ast, String head) {
    if (head.equals("Abs") && ast.argSize() == 1) {
      return new Written(left + "|" + write(ast.arg1()).text() + right + "|", ATOM);
    }
    if (head.equals("Piecewise") && ast.arg1().isList()) {
      return piecewise(ast);
    }
    return function(ast, head);
  }

  /** A Piecewise whose first argument is the list of {value, condition} pieces. */
  abstract Written piecewise(IAST piecewise);

  /** A call of any other head. */
  abstract Written function(IAST ast, String head);

  @Override
  protected final Written symbol(ISymbol symbol) {
    String mapped = names.get(symbol);
    if (mapped != null) {
      return new Written(mapped, ATOM);
    }
    if (symbol.equals(F.E)) {
      return new Written("e", ATOM);
    }
    return new Written(symbol.equals(F.Pi) ? pi() : unnamed(symbol.getSymbolName()), ATOM);
  }

  abstract String pi();

  /** A symbol the caller did not rename, by its Symja name. */
  abstract String unnamed(String name);
}
