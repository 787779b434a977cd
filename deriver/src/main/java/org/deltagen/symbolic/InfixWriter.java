package org.deltagen.symbolic;

import java.util.ArrayList;
import java.util.List;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.interfaces.IAST;
import org.matheclipse.core.interfaces.IExpr;
import org.matheclipse.core.interfaces.IFraction;
import org.matheclipse.core.interfaces.ISymbol;

/**
 * Walks a Symja expression for a writer of infix notation (text, LaTeX, Java): it dispatches on
 * the kind of node; each writer says how it writes sums, products, powers and the rest into its
 * own kind of result {@code W}, which carries how tightly the written form binds.
 */
public abstract class InfixWriter<W> {
  /** The terms of a sum: those added, then those subtracted (written without their minus). */
  protected record SignedTerms(List<IExpr> added, List<IExpr> subtracted) {}

  /**
   * The factors of a product over a common divisor: −1 factors flip the sign and negative powers
   * move below the line; {@link #factor} decides for the rest.
   */
  protected static final class Quotient {
    // Working lists: a writer may still rewrite them (Java's logistic form) before writing.
    private final List<IExpr> numerator = new ArrayList<>();
    private final List<IExpr> denominator = new ArrayList<>();
    private boolean negative;

    public List<IExpr> numerator() {
      return numerator;
    }

    public List<IExpr> denominator() {
      return denominator;
    }

    public boolean negative() {
      return negative;
    }

    /** Multiplies the quotient by −1 when {@code flip}. */
    public void negate(boolean flip) {
      negative ^= flip;
    }

    /** Multiplies by {@code fraction} as a person writes it: sign outside, |numerator| (unless 1) over denominator. */
    private void multiply(IFraction fraction) {
      negate(fraction.isNegative());
      if (!fraction.numerator().abs().isOne()) {
        numerator.add(fraction.numerator().abs());
      }
      denominator.add(fraction.denominator());
    }
  }

  /** The written form of {@code expression}; a writer that reuses parts may override this. */
  protected W write(IExpr expression) {
    return dispatch(expression);
  }

  /** Writes one node by its kind, its parts through {@link #write}. */
  protected final W dispatch(IExpr expression) {
    if (expression.isSymbol()) {
      return symbol((ISymbol) expression);
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

  /** The sum's terms, split by sign, so that Symja's {@code -d+y} can read {@code y - d}. */
  protected static SignedTerms terms(IAST sum) {
    List<IExpr> added = new ArrayList<>();
    List<IExpr> subtracted = new ArrayList<>();
    for (IExpr term : sum) {
      IExpr negated = Terms.negation(term);
      if (negated == null) {
        added.add(term);
      } else {
        subtracted.add(negated);
      }
    }
    return new SignedTerms(added, subtracted);
  }

  /**
   * The product as a quotient: −1 flips the sign, a negative power goes below the line, a fraction
   * that {@link #splits} above and below it, and {@link #factor} places the rest.
   */
  protected final Quotient quotient(IAST product) {
    Quotient quotient = new Quotient();
    for (IExpr factor : product) {
      if (factor.isMinusOne()) {
        quotient.negate(true);
      } else if (factor.isPower() && factor.exponent().isNumber() && factor.exponent().isNegative()) {
        IExpr exponent = factor.exponent().negate();
        quotient.denominator.add(exponent.isOne() ? factor.base() : F.Power(factor.base(), exponent));
      } else if (factor.isFraction() && splits((IFraction) factor)) {
        quotient.multiply((IFraction) factor);
      } else {
        factor(factor, quotient);
      }
    }
    return quotient;
  }

  /** True when {@code fraction} is written as its numerator over its denominator; by default it stays a number. */
  protected boolean splits(IFraction fraction) {
    return false;
  }

  /** Places a factor of a product; by default above the line. */
  protected void factor(IExpr factor, Quotient quotient) {
    quotient.numerator.add(factor);
  }

  protected abstract W symbol(ISymbol symbol);

  protected abstract W number(IExpr number);

  protected abstract W plus(IAST sum);

  protected abstract W times(IAST product);

  protected abstract W power(IExpr base, IExpr exponent);

  /** Any other head: functions, Piecewise, relations. */
  protected abstract W call(IAST ast, String head);
}
