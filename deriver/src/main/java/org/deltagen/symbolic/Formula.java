package org.deltagen.symbolic;

import java.util.Map;
import java.util.Objects;
import org.matheclipse.core.interfaces.IExpr;
import org.matheclipse.core.interfaces.ISymbol;

/**
 * One piece of an equation in both of its notations: plain text in the report's notation (code
 * comments, javadoc, the console) and LaTeX math mode (the report, with its \pd{f}{x} macro).
 *
 * @param text the formula as one line of text, such as {@code δ^2_j z^1_i}
 * @param tex the same formula in LaTeX, such as {@code \delta^{(2)}_j\, z^{(1)}_i}
 */
public record Formula(String text, String tex) {
  public Formula {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(tex, "tex");
    if (text.contains("\n")) {
      throw new IllegalArgumentException("a formula is one line: " + text);
    }
  }

  public static Formula of(String text, String tex) {
    return new Formula(text, tex);
  }

  /**
   * {@code expression} in both notations, each symbol in {@code text} and {@code tex} renamed as
   * mapped there (u as u^2_j and u^{(2)}_j, say): the one way a Symja expression becomes prose or TeX.
   */
  public static Formula of(IExpr expression, Map<ISymbol, String> text, Map<ISymbol, String> tex) {
    return new Formula(new TextForm(text).text(expression), new TexForm(tex).text(expression));
  }

  /** {@code expression} in both notations, in its plain symbols. */
  public static Formula of(IExpr expression) {
    return of(expression, Map.of(), Map.of());
  }

  /** This formula followed by {@code other}, as in a product or a clause with a remark. */
  public Formula then(Formula other) {
    return new Formula(text + other.text, tex + other.tex);
  }
}
