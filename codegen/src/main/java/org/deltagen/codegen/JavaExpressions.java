package org.deltagen.codegen;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.NameAllocator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import static org.deltagen.codegen.JavaExpression.ADDITIVE;
import static org.deltagen.codegen.JavaExpression.AND;
import static org.deltagen.codegen.JavaExpression.EQUALITY;
import static org.deltagen.codegen.JavaExpression.MULTIPLICATIVE;
import static org.deltagen.codegen.JavaExpression.OR;
import static org.deltagen.codegen.JavaExpression.PRIMARY;
import static org.deltagen.codegen.JavaExpression.RELATIONAL;
import static org.deltagen.codegen.JavaExpression.TERNARY;
import static org.deltagen.codegen.JavaExpression.UNARY;

import org.deltagen.symbolic.InfixWriter;
import org.deltagen.symbolic.MathFunction;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.interfaces.IAST;
import org.matheclipse.core.interfaces.IExpr;
import org.matheclipse.core.interfaces.IFraction;
import org.matheclipse.core.interfaces.IInteger;
import org.matheclipse.core.interfaces.INum;
import org.matheclipse.core.interfaces.ISymbol;

/**
 * Writes Symja expression trees as Java double arithmetic. Symja's own JavaForm is not usable
 * (it emits {@code Math.pow(Math.E, …)} and invalid Piecewise code), so the tree is translated
 * here, head by head, functions by their entry in {@link MathFunction}; anything else is refused,
 * so no text from a spec reaches the source.
 * Sub-expressions used more than once are computed once, into a local.
 */
final class JavaExpressions extends InfixWriter<JavaExpression> {
  private final Map<ISymbol, String> bindings;
  private final NameAllocator names;
  private final String math;
  private final java.util.EnumSet<Helper> helpers = java.util.EnumSet.noneOf(Helper.class);
  private final Map<IExpr, String> hoisted = new HashMap<>();
  private final Map<IExpr, Boolean> shared = new HashMap<>();
  private final CodeBlock.Builder declarations = CodeBlock.builder();

  private JavaExpressions(Map<ISymbol, String> bindings, NameAllocator names, String math) {
    this.bindings = bindings;
    this.names = names;
    this.math = math;
  }

  /** The Java code of expressions evaluated together, with their shared parts declared first. */
  static final class Emitted {
    private final CodeBlock declarations;
    private final List<JavaExpression> values;
    private final java.util.Set<Helper> helpers;

    private Emitted(CodeBlock declarations, List<JavaExpression> values, java.util.Set<Helper> helpers) {
      this.declarations = declarations;
      this.values = values;
      this.helpers = helpers;
    }

    /** The helper functions the code calls. */
    java.util.Set<Helper> helpers() {
      return helpers;
    }

    /** Locals the values read; emit them before the values. */
    CodeBlock declarations() {
      return declarations;
    }

    /** The Java expression of the i-th input expression. */
    JavaExpression value(int i) {
      return values.get(i);
    }
  }

  /**
   * Translates {@code expressions}, reading each symbol from the Java variable {@code bindings}
   * maps it to; locals for shared sub-expressions get names from {@code names}. {@code math} is
   * how the generated class refers to {@code java.lang.Math}.
   */
  static Emitted emit(
      List<IExpr> expressions, Map<ISymbol, String> bindings, NameAllocator names, String math) {
    JavaExpressions writer = new JavaExpressions(bindings, names, math);
    writer.findShared(expressions);
    List<JavaExpression> values = new ArrayList<>();
    for (IExpr expression : expressions) {
      values.add(writer.write(expression));
    }
    return new Emitted(writer.declarations.build(), values, writer.helpers);
  }

  /** One expression, with its own shared parts declared first. */
  static Emitted emit(IExpr expression, Map<ISymbol, String> bindings, NameAllocator names, String math) {
    return emit(List.of(expression), bindings, names, math);
  }

  private void findShared(List<IExpr> expressions) {
    Map<IExpr, Integer> uses = new LinkedHashMap<>();
    for (IExpr expression : expressions) {
      count(expression, uses, 1);
    }
    uses.forEach((expression, count) -> {
      if (count >= 2 && isWorthALocal(expression)) {
        shared.put(expression, true);
      }
    });
  }

  /** Counts each distinct subtree's uses; a subtree is entered once, so its parts count once. */
  private static void count(IExpr expression, Map<IExpr, Integer> uses, int times) {
    Integer before = uses.merge(expression, times, Integer::sum) - times;
    if (before > 0 || !expression.isAST()) {
      return;
    }
    IAST ast = (IAST) expression;
    if (ast.isPower() && ast.exponent().isInteger() && !ast.base().isE()) {
      int exponent = Math.abs(((IInteger) ast.exponent()).toIntDefault());
      count(ast.base(), uses, exponent >= 2 && exponent <= 4 ? exponent : 1);
      return;
    }
    for (int i = 1; i <= ast.argSize(); i++) {
      count(ast.get(i), uses, 1);
    }
  }

  private static boolean isWorthALocal(IExpr expression) {
    if (!expression.isAST() || expression.isList()) {
      return false;
    }
    // A condition is boolean: its local would be a double. Abs's piecewise form repeats u >= 0.
    MathFunction function = MathFunction.of(expression);
    if (function != null && function.role() == MathFunction.Role.CONDITION) {
      return false;
    }
    IAST ast = (IAST) expression;
    boolean negatedAtom = ast.isTimes() && ast.argSize() == 2 && ast.arg1().isMinusOne() && !ast.arg2().isAST();
    return !negatedAtom;
  }

  /** The expression's code, or the local that already holds it. */
  @Override
  protected JavaExpression write(IExpr expression) {
    String name = hoisted.get(expression);
    if (name != null) {
      return JavaExpression.primary(name);
    }
    JavaExpression code = dispatch(expression);
    if (shared.containsKey(expression)) {
      name = names.newName(localName(expression));
      declarations.addStatement("double $N = $L", name, code.text());
      hoisted.put(expression, name);
      return JavaExpression.primary(name);
    }
    return code;
  }

  private static String localName(IExpr expression) {
    if (expression.isPower() && expression.base().isE()) {
      return "exp";
    }
    if (expression.isPlus()) {
      return "sum";
    }
    if (expression.isTimes()) {
      return "product";
    }
    if (expression.isPower()) {
      return "power";
    }
    return expression.head().toString().toLowerCase(Locale.ROOT);
  }

  @Override
  protected JavaExpression call(IAST ast, String head) {
    IExpr softplusArgument = softplusArgument(ast);
    if (softplusArgument != null) {
      helpers.add(Helper.SOFTPLUS);
      return applied(Helper.SOFTPLUS.methodName(), softplusArgument);
    }
    MathFunction function = MathFunction.of(ast);
    if (function == MathFunction.MAX || function == MathFunction.MIN) {
      return maxMin(math + "." + function.java().method(), ast);
    }
    if (function != null && function.java() != null && ast.argSize() == 1) {
      return function(function, ast.arg1());
    }
    if (function != null && function.javaOperator() != null) {
      return condition(function, ast);
    }
    if (function == MathFunction.PIECEWISE) {
      return piecewise(ast);
    }
    throw new UnsupportedExpressionException("no Java form for " + head + " in " + ast);
  }

  /** x when the expression is log(1 + e^x), which overflows when written directly for large x. */
  private static IExpr softplusArgument(IAST ast) {
    if (!ast.isLog() || ast.argSize() != 1 || !ast.arg1().isPlus() || ast.arg1().argSize() != 2) {
      return null;
    }
    IAST sum = (IAST) ast.arg1();
    IExpr exponential = sum.arg1().isOne() ? sum.arg2() : sum.arg2().isOne() ? sum.arg1() : null;
    return exponential != null && exponential.isPower() && exponential.base().isE() ? exponential.exponent() : null;
  }

  @Override
  protected JavaExpression symbol(ISymbol symbol) {
    String bound = bindings.get(symbol);
    if (bound != null) {
      return new JavaExpression(bound, PRIMARY);
    }
    if (symbol.equals(F.E)) {
      return new JavaExpression(math + ".E", PRIMARY);
    }
    if (symbol.equals(F.Pi)) {
      return new JavaExpression(math + ".PI", PRIMARY);
    }
    throw new UnsupportedExpressionException("symbol " + symbol + " has no value here");
  }

  @Override
  protected JavaExpression number(IExpr number) {
    double value;
    if (number instanceof IInteger integer) {
      value = integer.doubleValue();
    } else if (number instanceof IFraction fraction) {
      value = fraction.doubleValue();
    } else if (number instanceof INum real) {
      value = real.doubleValue();
    } else {
      throw new UnsupportedExpressionException("no Java form for the number " + number);
    }
    if (!Double.isFinite(value)) {
      throw new UnsupportedExpressionException(
          "the constant " + (number.toString().length() > 24 ? number.toString().substring(0, 12) + "…" : number)
              + " is outside double's range");
    }
    String literal = Double.toString(Math.abs(value));
    return value < 0 || (value == 0 && 1 / value < 0)
        ? new JavaExpression("-" + literal, UNARY)
        : new JavaExpression(literal, PRIMARY);
  }

  /** A sum, positive terms first, so that Symja's {@code -d+y} reads {@code y - d}. */
  @Override
  protected JavaExpression plus(IAST sum) {
    SignedTerms terms = terms(sum);
    List<IExpr> added = terms.added();
    List<IExpr> subtracted = new ArrayList<>(terms.subtracted());
    StringBuilder text = new StringBuilder();
    if (added.isEmpty()) {
      text.append('-').append(write(subtracted.remove(0)).at(UNARY));
    }
    for (IExpr term : added) {
      text.append(text.length() == 0 ? "" : " + ").append(write(term).at(ADDITIVE));
    }
    for (IExpr term : subtracted) {
      text.append(" - ").append(write(term).at(ADDITIVE + 1));
    }
    return new JavaExpression(text.toString(), ADDITIVE);
  }

  /** ±1/d divides by d rather than multiply by a rounded 1/d; other fractions stay literals. */
  @Override
  protected boolean splits(IFraction fraction) {
    return fraction.numerator().abs().isOne();
  }

  @Override
  protected JavaExpression times(IAST product) {
    Quotient quotient = quotient(product);
    List<IExpr> numerator = quotient.numerator();
    List<IExpr> denominator = quotient.denominator();
    rewriteLogistic(numerator, denominator);
    String text = numerator.isEmpty() ? "1.0" : join(numerator, " * ");
    int precedence = numerator.size() > 1 || !denominator.isEmpty() ? MULTIPLICATIVE
        : numerator.isEmpty() ? PRIMARY : write(numerator.get(0)).precedence();
    if (!denominator.isEmpty()) {
      String divisor = denominator.size() == 1 ? write(denominator.get(0)).at(UNARY)
          : "(" + join(denominator, " * ") + ")";
      text = text + " / " + divisor;
    }
    if (quotient.negative()) {
      String operand = precedence < UNARY || text.startsWith("-") ? "(" + text + ")" : text;
      return new JavaExpression("-" + operand, UNARY);
    }
    return new JavaExpression(text, precedence);
  }

  /**
   * e^a / (1 + e^a) overflows to ∞/∞ for large a; the same value 1 / (1 + e^{−a}) does not, so
   * the pair is rewritten in place.
   */
  private static void rewriteLogistic(List<IExpr> numerator, List<IExpr> denominator) {
    for (int n = 0; n < numerator.size(); n++) {
      IExpr factor = numerator.get(n);
      if (!factor.isPower() || !factor.base().isE()) {
        continue;
      }
      IExpr onePlusExp = F.Plus(F.C1, factor);
      for (int d = 0; d < denominator.size(); d++) {
        if (denominator.get(d).equals(onePlusExp) || denominator.get(d).equals(F.Plus(factor, F.C1))) {
          numerator.remove(n);
          denominator.set(d, F.Plus(F.C1, F.Power(F.E, F.Times(F.CN1, factor.exponent()))));
          return;
        }
      }
    }
  }

  private String join(List<IExpr> factors, String operator) {
    StringBuilder text = new StringBuilder();
    for (IExpr factor : factors) {
      if (text.length() > 0) {
        text.append(operator);
      }
      text.append(write(factor).at(MULTIPLICATIVE + 1 - (text.length() == 0 ? 1 : 0)));
    }
    return text.toString();
  }

  @Override
  protected JavaExpression power(IExpr base, IExpr exponent) {
    if (base.isE()) {
      return applied(math + ".exp", exponent);
    }
    if (exponent.isInteger()) {
      int n = ((IInteger) exponent).toIntDefault();
      if (n == 0) {
        return new JavaExpression("1.0", PRIMARY);
      }
      if (n < 0) {
        return new JavaExpression("1.0 / " + power(base, F.ZZ(-n)).at(UNARY), MULTIPLICATIVE);
      }
      if (n <= 4) {
        String factor = write(base).at(MULTIPLICATIVE + 1);
        return n == 1 ? write(base) : new JavaExpression(String.join(" * ", java.util.Collections.nCopies(n, factor)), MULTIPLICATIVE);
      }
    }
    if (exponent.equals(F.C1D2)) {
      return applied(math + ".sqrt", base);
    }
    if (exponent.equals(F.CN1D2)) {
      return new JavaExpression("1.0 / " + applied(math + ".sqrt", base).text(), MULTIPLICATIVE);
    }
    return new JavaExpression(math + ".pow(" + write(base).text() + ", " + write(exponent).text() + ")", PRIMARY);
  }

  /** One function of the table: a {@code Math} call, its reciprocal, or a helper of the trainer's. */
  private JavaExpression function(MathFunction function, IExpr argument) {
    MathFunction.Java java = function.java();
    if (java.helper()) {
      Helper helper = Helper.of(function);
      helpers.add(helper);
      return applied(helper.methodName(), argument);
    }
    JavaExpression call = applied(math + "." + java.method(), argument);
    return java.reciprocal() ? new JavaExpression("1.0 / " + call.text(), MULTIPLICATIVE) : call;
  }

  private JavaExpression applied(String function, IExpr argument) {
    return new JavaExpression(function + "(" + write(argument).text() + ")", PRIMARY);
  }

  private JavaExpression maxMin(String function, IAST ast) {
    String text = write(ast.arg1()).text();
    for (int i = 2; i <= ast.argSize(); i++) {
      text = function + "(" + text + ", " + write(ast.get(i)).text() + ")";
    }
    return new JavaExpression(text, ast.argSize() == 1 ? write(ast.arg1()).precedence() : PRIMARY);
  }

  /** A comparison, a conjunction or disjunction of conditions, or a negation, by the table's operator. */
  private JavaExpression condition(MathFunction function, IAST ast) {
    String operator = function.javaOperator();
    if (function == MathFunction.NOT) {
      return new JavaExpression(operator + write(ast.arg1()).at(UNARY), UNARY);
    }
    int precedence = switch (function) {
      case AND -> AND;
      case OR -> OR;
      case EQUAL, UNEQUAL -> EQUALITY;
      default -> RELATIONAL;
    };
    StringBuilder text = new StringBuilder();
    for (IExpr operand : ast) {
      if (text.length() > 0) {
        text.append(' ').append(operator).append(' ');
      }
      text.append(write(operand).at(precedence + 1));
    }
    return new JavaExpression(text.toString(), precedence);
  }

  /** {@code Piecewise({{v1, c1}, …}, default)} as a chain of conditional expressions. */
  private JavaExpression piecewise(IAST piecewise) {
    if (piecewise.argSize() < 1 || !piecewise.arg1().isList()) {
      throw new UnsupportedExpressionException("malformed Piecewise " + piecewise);
    }
    IExpr otherwise = piecewise.argSize() >= 2 ? piecewise.arg2() : F.C0;
    StringBuilder text = new StringBuilder();
    for (IExpr piece : (IAST) piecewise.arg1()) {
      if (!piece.isList() || ((IAST) piece).argSize() != 2) {
        throw new UnsupportedExpressionException("malformed Piecewise " + piecewise);
      }
      text.append(write(piece.second()).at(OR)).append(" ? ").append(write(piece.first()).at(OR)).append(" : ");
    }
    text.append(write(otherwise).at(TERNARY));
    return new JavaExpression(text.toString(), TERNARY);
  }
}
