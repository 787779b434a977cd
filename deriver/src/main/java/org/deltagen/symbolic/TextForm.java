package org.deltagen.symbolic;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.interfaces.IAST;
import org.matheclipse.core.interfaces.IExpr;
import org.matheclipse.core.interfaces.IFraction;
import org.matheclipse.core.interfaces.IInteger;
import org.matheclipse.core.interfaces.INum;
import org.matheclipse.core.interfaces.ISymbol;

/**
 * Writes Symja expressions as one line of plain text in the report's notation, for code comments,
 * javadoc and the console: Symja's compact infix ({@code -d_j+y_j}, {@code (1-y_j)*y_j}), but e^u
 * rather than {@code E^u}, functions in lower case, and Piecewise as "u if u>0, else 0". Symbols
 * are renamed through a map (u to u^2_j, say); an indexed name raised to a power is
 * parenthesized, (z^1_j)^2.
 */
public final class TextForm extends NotationWriter {
  private static final Map<String, String> RELATIONS =
      Map.of("Greater", ">", "GreaterEqual", "≥", "Less", "<", "LessEqual", "≤", "Equal", "=", "Unequal", "≠",
          "And", " and ", "Or", " or ");

  TextForm(Map<ISymbol, String> names) {
    super(names, "", "");
  }

  @Override
  Written function(IAST ast, String head) {
    if (head.equals("Not") && ast.argSize() == 1) {
      return new Written("not " + at(write(ast.arg1()), ATOM), CONDITIONAL);
    }
    if (RELATIONS.containsKey(head) && ast.argSize() >= 2) {
      return new Written(join(ast, RELATIONS.get(head), SUM), CONDITIONAL);
    }
    return new Written(head.toLowerCase(Locale.ROOT) + parenthesized(join(ast, ",", CONDITIONAL)), ATOM);
  }

  private String join(IAST ast, String separator, int precedence) {
    List<String> arguments = new ArrayList<>();
    for (IExpr argument : ast) {
      arguments.add(at(write(argument), precedence));
    }
    return String.join(separator, arguments);
  }

  @Override
  String pi() {
    return "π";
  }

  @Override
  String unnamed(String name) {
    boolean numbered = name.length() > 1 && Character.isLetter(name.charAt(0))
        && name.chars().skip(1).allMatch(Character::isDigit);
    return numbered ? name.charAt(0) + "_" + name.substring(1) : name;
  }

  @Override
  protected Written number(IExpr number) {
    // Symja's toString breaks long integers over lines; BigInteger's does not.
    if (number instanceof IFraction fraction) {
      String text = fraction.toBigNumerator() + "/" + fraction.toBigDenominator();
      return new Written(text, fraction.isNegative() ? SUM : PRODUCT);
    }
    String text = number instanceof IInteger integer ? integer.toBigNumerator().toString()
        : number instanceof INum real ? decimal(real.doubleValue()) : number.toString();
    return new Written(text, number.isNegative() ? SUM : ATOM);
  }

  /** Six significant digits, without trailing zeros. */
  private static String decimal(double value) {
    return new BigDecimal(value).round(new MathContext(6)).stripTrailingZeros().toPlainString();
  }

  @Override
  protected Written plus(IAST sum) {
    StringBuilder text = new StringBuilder();
    for (IExpr term : sum) {
      IExpr negated = Terms.negation(term);
      if (negated != null) {
        text.append('-').append(at(write(negated), PRODUCT));
      } else {
        text.append(text.length() == 0 ? "" : "+").append(at(write(term), SUM));
      }
    }
    return new Written(text.toString(), SUM);
  }

  @Override
  protected Written times(IAST product) {
    Quotient quotient = quotient(product);
    List<IExpr> numerator = quotient.numerator();
    List<IExpr> denominator = quotient.denominator();
    String top = numerator.isEmpty() ? "1" : at(factors(numerator), PRODUCT);
    Written result = denominator.isEmpty() ? factors(numerator)
        : new Written(top + "/" + at(factors(denominator), POWER), PRODUCT);
    return quotient.negative() ? new Written("-" + at(result, PRODUCT), SUM) : result;
  }

  private Written factors(List<IExpr> factors) {
    if (factors.size() == 1) {
      return write(factors.get(0));
    }
    List<String> written = new ArrayList<>();
    for (IExpr factor : factors) {
      written.add(at(write(factor), POWER));
    }
    return new Written(String.join("*", written), PRODUCT);
  }

  @Override
  protected Written power(IExpr base, IExpr exponent) {
    if (exponent.isNumber() && exponent.isNegative()) {
      IExpr positive = exponent.negate();
      return new Written("1/" + (positive.isOne() ? at(write(base), POWER) : at(power(base, positive), POWER)), PRODUCT);
    }
    if (exponent.equals(F.C1D2)) {
      return new Written("√" + at(write(base), ATOM), ATOM);
    }
    return new Written(raised(base) + "^" + raised(exponent), POWER);
  }

  /** A base or exponent: atoms stand alone, except names that already carry an index (z^1_j). */
  private String raised(IExpr expression) {
    Written written = write(expression);
    boolean indexed = expression.isSymbol() && (written.text().contains("^") || written.text().contains("_"));
    return indexed ? "(" + written.text() + ")" : at(written, ATOM);
  }

  @Override
  Written piecewise(IAST piecewise) {
    StringBuilder text = new StringBuilder();
    for (IExpr piece : (IAST) piecewise.arg1()) {
      text.append(at(write(piece.first()), SUM)).append(" if ").append(write(piece.second()).text()).append(", ");
    }
    IExpr otherwise = piecewise.argSize() >= 2 ? piecewise.arg2() : F.C0;
    return new Written(text.append("else ").append(at(write(otherwise), SUM)).toString(), CONDITIONAL);
  }
}
