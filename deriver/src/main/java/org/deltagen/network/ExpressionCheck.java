package org.deltagen.network;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.deltagen.symbolic.MathFunction;
import org.deltagen.symbolic.MathFunction.Role;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.interfaces.IAST;
import org.matheclipse.core.interfaces.IExpr;
import org.matheclipse.core.interfaces.IFraction;
import org.matheclipse.core.interfaces.IInteger;
import org.matheclipse.core.interfaces.INum;
import org.matheclipse.core.interfaces.ISymbol;

/**
 * What makes a parsed expression mathematics and nothing else: numbers in double's range, the
 * context's variables, π and e, and the heads of {@link MathFunction} in the places they may stand.
 * Runs on the parsed tree before Symja evaluates any of it.
 */
final class ExpressionCheck {
  /** Longer than any activation or loss written by hand; a whole file pasted in is not one. */
  static final int MAX_LENGTH = 1000;
  /** Nesting deeper than this is no formula a reader could check, and Symja recurses on it. */
  static final int MAX_DEPTH = 32;

  private static final Pattern NUMBER =
      Pattern.compile("(?<![A-Za-z_$0-9.])(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

  /** Symja's operators that are not arithmetic, by the head they parse to, as a message names them. */
  private static final Map<String, String> OPERATORS = Map.ofEntries(
      Map.entry("Dot", "."), Map.entry("CompoundExpression", ";"), Map.entry("Set", "="),
      Map.entry("SetDelayed", ":="), Map.entry("Rule", "->"), Map.entry("RuleDelayed", ":>"),
      Map.entry("ReplaceAll", "/."), Map.entry("Condition", "/;"), Map.entry("MessageName", "::"),
      Map.entry("Alternatives", "|"), Map.entry("StringJoin", "<>"), Map.entry("Apply", "@@"),
      Map.entry("Map", "/@"), Map.entry("Function", "&"), Map.entry("Factorial", "!"),
      Map.entry("Derivative", "'"), Map.entry("Span", ";;"), Map.entry("SameQ", "==="),
      Map.entry("Increment", "++"), Map.entry("AddTo", "+="), Map.entry("Out", "%"));

  private final String text;
  private final SourceLocation location;
  private final Set<String> variables;

  private ExpressionCheck(String text, SourceLocation location, Set<String> variables) {
    this.text = text;
    this.location = location;
    this.variables = variables;
  }

  /** Refuses text too long or too deeply bracketed to be parsed safely. */
  static void checkText(String text, SourceLocation location) throws SpecException {
    if (text.length() > MAX_LENGTH) {
      throw tooLarge(location, "is " + text.length() + " characters long", "at most " + MAX_LENGTH);
    }
    int depth = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      depth += c == '(' || c == '[' || c == '{' ? 1 : c == ')' || c == ']' || c == '}' ? -1 : 0;
      if (depth > MAX_DEPTH) {
        throw tooLarge(location.plusColumns(i), "nests brackets more than " + MAX_DEPTH + " deep",
            "at most " + MAX_DEPTH + " levels");
      }
    }
  }

  /** Checks every node of {@code tree}, the parse of {@code text}, written at {@code location}. */
  static void check(String text, IExpr tree, SourceLocation location, Set<String> variables)
      throws SpecException {
    new ExpressionCheck(text, location, variables).value(tree, 1);
  }

  private static SpecException tooLarge(SourceLocation location, String what, String limit) {
    return new SpecException(
        Diagnostic.of(ErrorCode.DG026, location, "the expression " + what)
            .withHint("an activation or loss is a formula of " + limit));
  }

  private void checkDepth(int depth) throws SpecException {
    if (depth > MAX_DEPTH) {
      throw tooLarge(location, "nests more than " + MAX_DEPTH + " operations deep", "at most " + MAX_DEPTH + " levels");
    }
  }

  /** A node that stands where a value is expected. */
  private void value(IExpr node, int depth) throws SpecException {
    checkDepth(depth);
    if (node.isNumber()) {
      number(node);
      return;
    }
    if (node.isSymbol()) {
      symbol((ISymbol) node);
      return;
    }
    if (!node.isAST()) {
      throw notAllowed(node, describe(node), firstColumn(node));
    }
    MathFunction function = function((IAST) node);
    switch (function.role()) {
      case ARITHMETIC, FUNCTION -> arguments((IAST) node, depth);
      case PIECEWISE -> piecewise((IAST) node, depth);
      case PIECES, CONDITION -> throw notAllowed(node,
          function.role() == Role.PIECES ? "a list" : "the condition " + node,
          function.role() == Role.PIECES ? text.indexOf('{') : -1,
          "lists and conditions stand only in Piecewise({{value, condition}, …}, otherwise)");
    }
  }

  private void arguments(IAST node, int depth) throws SpecException {
    for (int i = 1; i <= node.argSize(); i++) {
      value(node.get(i), depth + 1);
    }
  }

  private void piecewise(IAST node, int depth) throws SpecException {
    String shape = "Piecewise takes {{value, condition}, …} and an optional otherwise value";
    if (!node.arg1().isList()) {
      throw notAllowed(node, "Piecewise without its list of pieces", indexOf("Piecewise"), shape);
    }
    for (IExpr piece : (IAST) node.arg1()) {
      if (!piece.isList() || ((IAST) piece).argSize() != 2) {
        throw notAllowed(node, "the piece " + piece, indexOf("Piecewise"), shape);
      }
      value(piece.first(), depth + 2);
      condition(piece.second(), depth + 2);
    }
    if (node.argSize() == 2) {
      value(node.arg2(), depth + 1);
    }
  }

  private void condition(IExpr node, int depth) throws SpecException {
    checkDepth(depth);
    MathFunction function = node.isAST() ? function((IAST) node) : null;
    if (function == null || function.role() != Role.CONDITION) {
      throw notAllowed(node, "the condition " + node, -1,
          "a condition compares values (u > 0, u <= 1) or combines comparisons with And, Or, Not");
    }
    boolean logic = function == MathFunction.AND || function == MathFunction.OR || function == MathFunction.NOT;
    for (IExpr argument : (IAST) node) {
      if (logic) {
        condition(argument, depth + 1);
      } else {
        value(argument, depth + 1);
      }
    }
  }

  /** The table entry of an application, which must exist and take this many arguments. */
  private MathFunction function(IAST node) throws SpecException {
    MathFunction function = MathFunction.of(node);
    if (function == null) {
      if (!node.head().isSymbol()) {
        throw notAllowed(node, "the compound head " + node.head(), -1);
      }
      // Symja's relaxed parser lowercases names it does not know; its own keep their case in toString.
      String head = node.head().toString();
      if (head.equals("DirectedInfinity") || head.equals("ComplexInfinity")) {
        throw notAllowed(node, "the infinite value '" + writtenAs("Infinity") + "'", indexOf("Infinity"),
            "an expression's numbers are finite");
      }
      String operator = OPERATORS.get(head);
      if (operator != null && indexOf(head) < 0) {
        throw notAllowed(node, "the operator '" + operator + "' (Symja's " + head + ")", text.indexOf(operator));
      }
      throw notAllowed(node, "the function '" + writtenAs(head) + "'", indexOf(head));
    }
    if (!function.takes(node.argSize())) {
      throw notAllowed(node, function.symjaName() + " of " + node.argSize() + " arguments",
          indexOf(function.symjaName()), "see Symja's documentation of " + function.symjaName());
    }
    return function;
  }

  private void symbol(ISymbol symbol) throws SpecException {
    String name = symbol.getSymbolName();
    if (variables.contains(name) || symbol.equals(F.Pi) || symbol.equals(F.E)) {
      return;
    }
    name = writtenAs(name);
    int column = Math.max(0, indexOf(name));
    String allowed = String.join(", ", new TreeSet<>(variables));
    throw new SpecException(
        Diagnostic.of(ErrorCode.DG012, location.plusColumns(column),
                "unknown symbol " + Diagnostic.quote(name) + " in " + Diagnostic.quote(text))
            .withHint("this expression may use only " + allowed + " (and the constants Pi and E)"));
  }

  private void number(IExpr number) throws SpecException {
    boolean real = number instanceof IInteger || number instanceof IFraction || number instanceof INum;
    if (!real) {
      throw notAllowed(number, "the complex number " + number, -1, "an expression is real-valued");
    }
    double value = number.evalf();
    if (!Double.isFinite(value) || value == 0 && !number.isZero()) {
      Matcher literal = outOfRangeLiteral();
      throw new SpecException(
          Diagnostic.of(ErrorCode.DG025, location.plusColumns(literal == null ? 0 : literal.start()),
                  "the number " + (literal == null ? literal(number) : literal.group())
                      + " is outside double's range")
              .withHint("a number must lie within ±1.8e308 and, unless it is 0, be at least 4.9e-324 in size"));
    }
  }

  private static String literal(IExpr number) {
    String digits = number.toString();
    return digits.length() > 24 ? digits.substring(0, 12) + "…(" + digits.length() + " digits)" : digits;
  }

  private SpecException notAllowed(IExpr node, String what, int column) {
    return notAllowed(node, what, column, "an expression may use only " + MathFunction.callable() + ", + - * / ^ and numbers");
  }

  private SpecException notAllowed(IExpr node, String what, int column, String hint) {
    return new SpecException(
        Diagnostic.of(ErrorCode.DG024, location.plusColumns(Math.max(0, column)),
                what + " is not allowed in " + Diagnostic.quote(text))
            .withHint(hint));
  }

  private static String describe(IExpr node) {
    if (node.isString()) {
      return "a string";
    }
    if (node.isPattern() || node.isPatternSequence(false)) {
      return "the pattern " + node;
    }
    return "'" + node + "'";
  }

  private int firstColumn(IExpr node) {
    if (node.isString()) {
      return text.indexOf('"');
    }
    Matcher pattern = Pattern.compile("[A-Za-z0-9]*_").matcher(text);
    return node.isPattern() && pattern.find() ? pattern.start() : -1;
  }

  /** The first number written in the text that a double cannot hold, or null. */
  private Matcher outOfRangeLiteral() {
    Matcher literal = NUMBER.matcher(text);
    while (literal.find()) {
      double value = Double.parseDouble(literal.group());
      if (Double.isInfinite(value) || value == 0 && literal.group().matches(".*[1-9].*[eE].*")) {
        return literal;
      }
    }
    return null;
  }

  /** {@code word} as the text spells it: Symja's relaxed parser lowercases names it does not know. */
  private String writtenAs(String word) {
    int at = indexOf(word);
    return at < 0 ? word : text.substring(at, at + word.length());
  }

  /** The column offset of {@code word} in the text, in any case, or −1. */
  private int indexOf(String word) {
    Matcher matcher =
        Pattern.compile("(?i)(?<![A-Za-z0-9_$])" + Pattern.quote(word) + "(?![A-Za-z0-9_$])").matcher(text);
    return matcher.find() ? matcher.start() : -1;
  }
}
