package org.deltagen.symbolic;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.interfaces.IAST;
import org.matheclipse.core.interfaces.IExpr;

/**
 * The one table of the Symja heads a spec's expression may use, and what deltagen knows of each:
 * its Java form, its TeX form, whether it is smooth, whether it costs a library call. A head
 * outside this table is refused where the spec is read, before Symja evaluates anything, so no
 * expression can reach Symja's strings, assignments, patterns, I/O or Java bridges.
 *
 * <p>The derivatives are never written here. A non-smooth function whose derivative Symja leaves
 * unevaluated (Abs' for instance) has a {@link #piecewise} definition, which Symja differentiates
 * piece by piece.
 */
public enum MathFunction {
  PLUS("Plus", Role.ARITHMETIC, 1, Integer.MAX_VALUE),
  TIMES("Times", Role.ARITHMETIC, 1, Integer.MAX_VALUE),
  /** x^y; {@link Cost} decides from its arguments whether it needs a library call. */
  POWER("Power", Role.ARITHMETIC, 2, 2),
  SQRT("Sqrt", Role.ARITHMETIC, 1, 1),
  EXP("Exp", Java.call("exp"), "\\exp"),
  /** Log(x), or Log(b, x), the logarithm of x to base b. */
  LOG("Log", Role.FUNCTION, 1, 2, Java.call("log"), "\\log", true, true, null),
  TANH("Tanh", Java.call("tanh"), "\\tanh"),
  SINH("Sinh", Java.call("sinh"), "\\sinh"),
  COSH("Cosh", Java.call("cosh"), "\\cosh"),
  SECH("Sech", Java.reciprocal("cosh"), "\\sech"),
  CSCH("Csch", Java.reciprocal("sinh"), "\\csch"),
  COTH("Coth", Java.reciprocal("tanh"), "\\coth"),
  SIN("Sin", Java.call("sin"), "\\sin"),
  COS("Cos", Java.call("cos"), "\\cos"),
  TAN("Tan", Java.call("tan"), "\\tan"),
  SEC("Sec", Java.reciprocal("cos"), "\\sec"),
  CSC("Csc", Java.reciprocal("sin"), "\\csc"),
  COT("Cot", Java.reciprocal("tan"), "\\cot"),
  ARC_TAN("ArcTan", Java.call("atan"), "\\arctan"),
  ARC_SIN("ArcSin", Java.call("asin"), "\\arcsin"),
  ARC_COS("ArcCos", Java.call("acos"), "\\arccos"),
  /** Java's Math has no erf: the trainer gets a generated helper. */
  ERF("Erf", Java.helper("erf"), "\\operatorname{erf}"),
  ABS("Abs", Role.FUNCTION, 1, 1, Java.call("abs"), null, false, false,
      x -> F.Piecewise(F.list(F.list(x[0], F.GreaterEqual(x[0], F.C0))), F.Negate(x[0]))),
  SIGN("Sign", Role.FUNCTION, 1, 1, Java.call("signum"), "\\operatorname{sgn}", false, false,
      x -> F.Piecewise(F.list(F.list(F.C1, F.Greater(x[0], F.C0)), F.list(F.CN1, F.Less(x[0], F.C0))), F.C0)),
  MAX("Max", Role.FUNCTION, 1, Integer.MAX_VALUE, Java.call("max"), "\\max", false, false,
      x -> fold(x, true)),
  MIN("Min", Role.FUNCTION, 1, Integer.MAX_VALUE, Java.call("min"), "\\min", false, false,
      x -> fold(x, false)),
  /** Piecewise({{value, condition}, …}, otherwise): the only place conditions and lists may stand. */
  PIECEWISE("Piecewise", Role.PIECEWISE, 1, 2),
  LIST("List", Role.PIECES, 0, Integer.MAX_VALUE),
  GREATER("Greater", ">", 2, 2),
  GREATER_EQUAL("GreaterEqual", ">=", 2, 2),
  LESS("Less", "<", 2, 2),
  LESS_EQUAL("LessEqual", "<=", 2, 2),
  EQUAL("Equal", "==", 2, 2),
  UNEQUAL("Unequal", "!=", 2, 2),
  AND("And", "&&", 1, Integer.MAX_VALUE),
  OR("Or", "||", 1, Integer.MAX_VALUE),
  NOT("Not", "!", 1, 1);

  /** Where a head may stand in an expression. */
  public enum Role {
    /** +, ×, powers and roots: anywhere a value stands. */
    ARITHMETIC,
    /** A named function of values, anywhere a value stands. */
    FUNCTION,
    /** Piecewise itself, anywhere a value stands. */
    PIECEWISE,
    /** The lists of Piecewise's first argument, and nowhere else. */
    PIECES,
    /** Comparisons and logic, only as the conditions of Piecewise. */
    CONDITION
  }

  /**
   * How a function is written in Java: a {@code Math} method of the same argument, the reciprocal
   * of one (Sech is 1 / cosh), or a helper method the trainer declares.
   */
  public record Java(String method, boolean reciprocal, boolean helper) {
    static Java call(String method) {
      return new Java(method, false, false);
    }

    static Java reciprocal(String method) {
      return new Java(method, true, false);
    }

    static Java helper(String method) {
      return new Java(method, false, true);
    }
  }

  private static final Map<String, MathFunction> BY_HEAD =
      Arrays.stream(values()).collect(Collectors.toMap(MathFunction::symjaName, f -> f));

  private final String symjaName;
  private final Role role;
  private final int minArguments;
  private final int maxArguments;
  private final Java java;
  private final String tex;
  private final boolean smooth;
  private final boolean transcendental;
  private final Function<IExpr[], IExpr> piecewise;
  private final String javaOperator;

  MathFunction(String symjaName, Role role, int minArguments, int maxArguments) {
    this(symjaName, role, minArguments, maxArguments, null, null, role != Role.PIECEWISE, false, null);
  }

  /** A condition, written in Java as {@code javaOperator}. */
  MathFunction(String symjaName, String javaOperator, int minArguments, int maxArguments) {
    this(symjaName, Role.CONDITION, minArguments, maxArguments, null, null, true, false, null, javaOperator);
  }

  /** A smooth function of one argument that needs a library call. */
  MathFunction(String symjaName, Java java, String tex) {
    this(symjaName, Role.FUNCTION, 1, 1, java, tex, true, true, null);
  }

  MathFunction(String symjaName, Role role, int minArguments, int maxArguments, Java java, String tex,
      boolean smooth, boolean transcendental, Function<IExpr[], IExpr> piecewise) {
    this(symjaName, role, minArguments, maxArguments, java, tex, smooth, transcendental, piecewise, null);
  }

  MathFunction(String symjaName, Role role, int minArguments, int maxArguments, Java java, String tex,
      boolean smooth, boolean transcendental, Function<IExpr[], IExpr> piecewise, String javaOperator) {
    this.javaOperator = javaOperator;
    this.symjaName = symjaName;
    this.role = role;
    this.minArguments = minArguments;
    this.maxArguments = maxArguments;
    this.java = java;
    this.tex = tex;
    this.smooth = smooth;
    this.transcendental = transcendental;
    this.piecewise = piecewise;
  }

  /** The table entry for {@code expression}'s head, or null when the head is not in the table. */
  public static MathFunction of(IExpr expression) {
    if (!expression.isAST() || !expression.head().isBuiltInSymbol()) {
      return null;
    }
    return BY_HEAD.get(expression.head().toString());
  }

  /** The table entry for a Symja head name, or null. */
  public static MathFunction named(String symjaName) {
    return BY_HEAD.get(symjaName);
  }

  /** The functions a spec may call by name, for messages: Abs, ArcCos, …, Tanh. */
  public static String callable() {
    return Arrays.stream(values())
        .filter(f -> f.role == Role.FUNCTION || f.role == Role.PIECEWISE || f == SQRT)
        .map(MathFunction::symjaName)
        .sorted()
        .collect(Collectors.joining(", "));
  }

  /** Symja's name of the head, as written in a spec: {@code Tanh}. */
  public String symjaName() {
    return symjaName;
  }

  public Role role() {
    return role;
  }

  /** True when {@code count} arguments are what the function takes. */
  public boolean takes(int count) {
    return count >= minArguments && count <= maxArguments;
  }

  /** The Java form of a named function; null for arithmetic, Piecewise and conditions. */
  public Java java() {
    return java;
  }

  /** The Java operator of a condition ({@code >=}, {@code &&}, {@code !}); null for other heads. */
  public String javaOperator() {
    return javaOperator;
  }

  /** The TeX operator of a function written {@code \op\left(x\right)}; null if written otherwise. */
  public String tex() {
    return tex;
  }

  /** False for functions with kinks or jumps, where a gradient check must look one-sidedly. */
  public boolean smooth() {
    return smooth;
  }

  /** True when evaluating the function needs a library call such as exp or tanh. */
  public boolean transcendental() {
    return transcendental;
  }

  /**
   * {@code expression} with every non-smooth function that has a piecewise definition replaced by
   * it, innermost first: the form Symja's {@code D} can differentiate.
   */
  public static IExpr piecewiseForm(IExpr expression) {
    if (!expression.isAST()) {
      return expression;
    }
    IAST ast = (IAST) expression;
    IExpr[] arguments = new IExpr[ast.argSize()];
    for (int i = 1; i <= ast.argSize(); i++) {
      arguments[i - 1] = piecewiseForm(ast.get(i));
    }
    MathFunction function = of(ast);
    if (function != null && function.piecewise != null) {
      return function.piecewise.apply(arguments);
    }
    IAST rebuilt = ast.setAtCopy(0, ast.head());
    for (int i = 1; i <= arguments.length; i++) {
      rebuilt = rebuilt.setAtCopy(i, arguments[i - 1]);
    }
    return rebuilt;
  }

  /** Max (or Min) of several arguments as nested two-way Piecewise choices. */
  private static IExpr fold(IExpr[] arguments, boolean max) {
    IExpr result = arguments[0];
    for (int i = 1; i < arguments.length; i++) {
      IExpr next = arguments[i];
      IExpr keep = max ? F.GreaterEqual(result, next) : F.LessEqual(result, next);
      result = F.Piecewise(F.list(F.list(result, keep)), next);
    }
    return result;
  }
}
