package org.deltagen.symbolic;

import java.util.Map;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.interfaces.IExpr;
import org.matheclipse.core.interfaces.ISymbol;

/**
 * What the report's two notations share: written text with its binding strength, the renaming of
 * symbols (u as u^{(2)}_j, say), and e and π for Symja's constants.
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

  NotationWriter(Map<ISymbol, String> names) {
    this.names = Map.copyOf(names);
  }

  /** The expression's text: the entry point of both forms. */
  final String text(IExpr expression) {
    return write(expression).text();
  }

  /** The written form, parenthesized when it binds less tightly than {@code required}. */
  final String at(Written written, int required) {
    return written.precedence() < required ? parenthesized(written.text()) : written.text();
  }

  abstract String parenthesized(String text);

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
