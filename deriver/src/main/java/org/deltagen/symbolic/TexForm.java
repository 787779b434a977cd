package org.deltagen.symbolic;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.interfaces.IAST;
import org.matheclipse.core.interfaces.IExpr;
import org.matheclipse.core.interfaces.IFraction;
import org.matheclipse.core.interfaces.INum;
import org.matheclipse.core.interfaces.ISymbol;

/**
 * Typesets Symja expressions as LaTeX the way a textbook writes them: fractions as \frac, products
 * by juxtaposition, e^{x}, positive terms first, Piecewise as cases. Symja's own TeXForm writes
 * \cdot between every factor and Piecewise as plain text. Symbols are renamed through a map (u to
 * u^{(2)}_j, say); other symbols are set upright, so no name reaches TeX unescaped.
 */
public final class TexForm extends NotationWriter {
  private static final Map<String, String> RELATIONS =
      Map.of("Greater", ">", "GreaterEqual", "\\ge", "Less", "<", "LessEqual", "\\le", "Equal", "=",
          "Unequal", "\\ne");

  TexForm(Map<ISymbol, String> names) {
    super(names, "\\left", "\\right");
  }

  @Override
  Written function(IAST ast, String head) {
    String operator = operator(ast);
    if (operator != null && ast.argSize() == 1) {
      return new Written(operator + parenthesized(write(ast.arg1()).text()), ATOM);
    }
    if (RELATIONS.containsKey(head) && ast.argSize() == 2) {
      return new Written(write(ast.arg1()).text() + " " + RELATIONS.get(head) + " " + write(ast.arg2()).text(), CONDITIONAL);
    }
    List<String> arguments = new ArrayList<>();
    for (IExpr argument : ast) {
      arguments.add(write(argument).text());
    }
    return new Written("\\operatorname{" + escape(head) + "}" + parenthesized(String.join(", ", arguments)), ATOM);
  }

  /** The TeX operator {@link MathFunction} gives the expression's head, or null. */
  private static String operator(IExpr expression) {
    MathFunction function = MathFunction.of(expression);
    return function == null ? null : function.tex();
  }

  @Override
  String pi() {
    return "\\pi";
  }

  @Override
  String unnamed(String name) {
    if (name.matches("[a-zA-Z]\\d+")) {
      return name.charAt(0) + "_{" + name.substring(1) + "}";
    }
    return name.length() == 1 ? name : "\\mathrm{" + escape(name) + "}";
  }

  @Override
  protected Written number(IExpr number) {
    if (number instanceof IFraction fraction) {
      String text = "\\frac{" + fraction.numerator().abs() + "}{" + fraction.denominator() + "}";
      return number.isNegative() ? new Written("-" + text, SUM) : new Written(text, ATOM);
    }
    String text = number instanceof INum real ? decimal(real.doubleValue()) : number.toString();
    return new Written(text, text.startsWith("-") ? SUM : ATOM);
  }

  private static String decimal(double value) {
    String text = String.format(Locale.ROOT, "%.6g", value).replaceAll("\\.?0+($|e)", "$1");
    return text.contains("e") ? text.replaceAll("e([+-]?)0*(\\d+)", " \\\\times 10^{$1$2}").replace("{+", "{") : text;
  }

  @Override
  protected Written plus(IAST sum) {
    SignedTerms terms = terms(sum);
    StringBuilder text = new StringBuilder();
    for (IExpr term : terms.added()) {
      text.append(text.length() == 0 ? "" : " + ").append(at(write(term), SUM));
    }
    for (IExpr term : terms.subtracted()) {
      text.append(text.length() == 0 ? "-" : " - ").append(at(write(term), PRODUCT));
    }
    return new Written(text.toString(), SUM);
  }

  /** Every fraction is a \frac, its sign outside: -\frac{3}{4} x, not \frac{-3}{4} x. */
  @Override
  protected boolean splits(IFraction fraction) {
    return true;
  }

  /** A negative number keeps its sign outside too: -3 x. */
  @Override
  protected void factor(IExpr factor, Quotient quotient) {
    if (factor.isNumber() && factor.isNegative()) {
      quotient.negate(true);
      quotient.numerator().add(factor.negate());
    } else {
      quotient.numerator().add(factor);
    }
  }

  @Override
  protected Written times(IAST product) {
    Quotient quotient = quotient(product);
    List<IExpr> numerator = quotient.numerator();
    List<IExpr> denominator = quotient.denominator();
    String top = numerator.isEmpty() ? "1" : juxtapose(numerator);
    Written result = denominator.isEmpty()
        ? new Written(top, numerator.size() == 1 ? write(numerator.get(0)).precedence() : PRODUCT)
        : new Written("\\frac{" + top + "}{" + juxtapose(denominator) + "}", ATOM);
    return quotient.negative() ? new Written("-" + at(result, PRODUCT), SUM) : result;
  }

  /** Factors side by side; a number after another factor gets an explicit \cdot. */
  private String juxtapose(List<IExpr> factors) {
    StringBuilder text = new StringBuilder();
    for (IExpr factor : factors) {
      String written = at(write(factor), factors.size() == 1 ? SUM : POWER);
      if (text.length() > 0) {
        text.append(factor.isNumber() ? " \\cdot " : "\\,");
      }
      text.append(written);
    }
    return text.toString();
  }

  @Override
  protected Written power(IExpr base, IExpr exponent) {
    if (exponent.isNumber() && exponent.isNegative()) {
      IExpr positive = exponent.negate();
      return new Written("\\frac{1}{" + (positive.isOne() ? write(base).text() : power(base, positive).text()) + "}", ATOM);
    }
    if (exponent.equals(F.C1D2)) {
      return new Written("\\sqrt{" + write(base).text() + "}", ATOM);
    }
    String written = base.isE() ? "e" : at(write(base), ATOM);
    if (base.isSymbol() && (written.contains("^") || written.contains("_"))) {
      // z^{(1)}_j squared: a second superscript needs the indexed name parenthesized.
      written = parenthesized(written);
    }
    if (!base.isE() && base.isAST() && operator(base) != null) {
      // sech(u)^2 reads as \sech^2 u in textbooks; \left(\sech(u)\right)^2 is equally clear.
      written = parenthesized(write(base).text());
    }
    return new Written(written + "^{" + write(exponent).text() + "}", POWER);
  }

  @Override
  Written piecewise(IAST piecewise) {
    StringBuilder text = new StringBuilder("\\begin{cases}");
    for (IExpr piece : (IAST) piecewise.arg1()) {
      text.append(write(piece.first()).text()).append(" & \\text{if } ").append(write(piece.second()).text()).append(" \\\\ ");
    }
    IExpr otherwise = piecewise.argSize() >= 2 ? piecewise.arg2() : F.C0;
    text.append(write(otherwise).text()).append(" & \\text{otherwise}\\end{cases}");
    return new Written(text.toString(), ATOM);
  }

  /** The notation's non-ASCII symbols, as they appear in prose, and their LaTeX. */
  private static final Map<Character, String> UNICODE =
      Map.ofEntries(
          Map.entry('δ', "\\ensuremath{\\delta}"), Map.entry('Σ', "\\ensuremath{\\Sigma}"),
          Map.entry('∂', "\\ensuremath{\\partial}"), Map.entry('η', "\\ensuremath{\\eta}"),
          Map.entry('ℓ', "\\ensuremath{\\ell}"), Map.entry('Δ', "\\ensuremath{\\Delta}"),
          Map.entry('≠', "\\ensuremath{\\ne}"), Map.entry('≤', "\\ensuremath{\\le}"),
          Map.entry('≥', "\\ensuremath{\\ge}"), Map.entry('·', "\\ensuremath{\\cdot}"),
          Map.entry('×', "\\ensuremath{\\times}"), Map.entry('→', "\\ensuremath{\\to}"),
          Map.entry('←', "\\ensuremath{\\leftarrow}"), Map.entry('−', "\\ensuremath{-}"),
          Map.entry('σ', "\\ensuremath{\\sigma}"), Map.entry('½', "\\ensuremath{\\tfrac12}"),
          Map.entry('²', "\\ensuremath{^2}"), Map.entry('…', "\\ldots{}"), Map.entry('–', "--"),
          Map.entry('—', "---"), Map.entry('’', "'"), Map.entry('μ', "\\ensuremath{\\mu}"),
          Map.entry('γ', "\\ensuremath{\\gamma}"), Map.entry('β', "\\ensuremath{\\beta}"),
          Map.entry('ε', "\\ensuremath{\\varepsilon}"), Map.entry('λ', "\\ensuremath{\\lambda}"),
          Map.entry('₁', "\\ensuremath{_1}"), Map.entry('ρ', "\\ensuremath{\\rho}"));

  /**
   * Escapes text for LaTeX: the characters TeX treats specially, and the notation's Greek and
   * mathematical symbols; other characters beyond Latin-1 become ?, as T1 fonts lack them.
   */
  public static String escape(String text) {
    StringBuilder out = new StringBuilder();
    for (char c : text.toCharArray()) {
      String unicode = UNICODE.get(c);
      if (unicode != null) {
        out.append(unicode);
        continue;
      }
      if (c > 255 || c >= 127 && c < 160) {
        out.append('?');
        continue;
      }
      switch (c) {
        case '\\' -> out.append("\\textbackslash{}");
        case '{', '}', '$', '&', '#', '_', '%' -> out.append('\\').append(c);
        case '^' -> out.append("\\^{}");
        case '~' -> out.append("\\~{}");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
