package org.deltagen.derive;

import static org.deltagen.symbolic.Symbols.D;
import static org.deltagen.symbolic.Symbols.U;
import static org.deltagen.symbolic.Symbols.Y;
import static org.deltagen.symbolic.Symbols.Z;

import java.util.Map;
import org.deltagen.symbolic.Formula;
import org.matheclipse.core.interfaces.IExpr;
import org.matheclipse.core.interfaces.ISymbol;

/**
 * The report's names for a derived expression's plain symbols: u and z of layer l's unit j become
 * u^l_j and z^l_j in text, u^{(l)}_j and z^{(l)}_j in LaTeX (the report parenthesizes layer
 * superscripts); y and d of output j become y_j and d_j.
 */
final class Notation {
  private Notation() {}

  /** An expression of u and z of layer l's unit {@code index}. */
  static Formula unit(IExpr expression, int l, String index) {
    return unit(expression, l, index, false);
  }

  /**
   * As {@link #unit(IExpr, int, String)}; with {@code normed}, the activation's argument u is
   * û^l_j, the normalized weighted sum that f_l reads in a layer with a norm.
   */
  static Formula unit(IExpr expression, int l, String index, boolean normed) {
    String hat = normed ? "û^" : "u^";
    String hatTex = normed ? "\\hat u^{(" : "u^{(";
    return Formula.of(expression, Map.of(U, hat + l + "_" + index, Z, "z^" + l + "_" + index),
        Map.of(U, hatTex + l + ")}_" + index, Z, "z^{(" + l + ")}_" + index));
  }

  /** An expression of y and d (and u, z of the output layer L) of output {@code index}. */
  static Formula output(IExpr expression, int depth, String index) {
    Map<ISymbol, String> text =
        Map.of(Y, "y_" + index, D, "d_" + index, U, "u^" + depth + "_" + index, Z, "z^" + depth + "_" + index);
    Map<ISymbol, String> tex = Map.of(Y, "y_" + index, D, "d_" + index, U, "u^{(" + depth + ")}_" + index,
        Z, "z^{(" + depth + ")}_" + index);
    return Formula.of(expression, text, tex);
  }

  /** An expression in its plain symbols, u, z, y, d. */
  static Formula plain(IExpr expression) {
    return Formula.of(expression);
  }

  /** A factor multiplied onto what precedes it: nothing for 1, else " · (f)" and \Bigl(f\Bigr). */
  static Formula factor(Formula factor, IExpr expression) {
    return expression.isOne() ? Formula.of("", "")
        : Formula.of(" · (" + factor.text() + ")", "\\Bigl(" + factor.tex() + "\\Bigr)");
  }

  /** A formula in big parentheses: (f) and \Bigl(f\Bigr). */
  static Formula parenthesized(Formula formula) {
    return Formula.of("(" + formula.text() + ")", "\\Bigl(" + formula.tex() + "\\Bigr)");
  }
}
