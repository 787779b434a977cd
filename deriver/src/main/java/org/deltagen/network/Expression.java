package org.deltagen.network;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.deltagen.symbolic.SymbolicEngine;
import org.matheclipse.core.interfaces.IExpr;
import org.matheclipse.parser.client.SyntaxError;

/**
 * A formula the user wrote, in Symja syntax: its text as written, its parsed tree, and where it
 * stands in the spec. Only mathematics may occur in it: numbers, the symbols its context allows (u
 * for an activation; y, d for a loss), π, e and the functions of one table, so a spec can never
 * smuggle anything else into Symja, the derivation or the generated code.
 */
public final class Expression {
  /** A decimal number in exponent notation, which Symja writes as {@code 1.5*^-3}. */
  private static final Pattern EXPONENT_NUMBER =
      Pattern.compile("(?<![A-Za-z_$0-9.])(\\d+(?:\\.\\d*)?|\\.\\d+)[eE]([+-]?\\d+)");

  private final String text;
  private final IExpr tree;
  private final SourceLocation location;

  private Expression(String text, IExpr tree, SourceLocation location) {
    this.text = text;
    this.tree = tree;
    this.location = location;
  }

  /**
   * Parses {@code text}, whose first character is at {@code location}, and checks that it is
   * mathematics and nothing else: numbers, the {@code allowedSymbols}, π, e, and the functions of
   * {@link org.deltagen.symbolic.MathFunction}. Nothing of it has been evaluated when this returns.
   */
  public static Expression parse(String text, SourceLocation location, Set<String> allowedSymbols)
      throws SpecException {
    if (text.isBlank()) {
      throw new SpecException(
          Diagnostic.of(ErrorCode.DG008, location, "an expression was expected here"));
    }
    ExpressionCheck.checkText(text, location);
    List<Integer> rewrites = new ArrayList<>();
    String symja = toSymjaNumbers(text, rewrites);
    IExpr tree;
    try {
      tree = SymbolicEngine.shared().parse(symja);
    } catch (SyntaxError e) {
      int offset = Math.min(originalOffset(e.getStartOffset(), rewrites), text.length());
      throw new SpecException(
          Diagnostic.of(
                  ErrorCode.DG011,
                  location.plusColumns(offset),
                  "expression " + Diagnostic.quote(text) + " does not parse: " + withoutFullStop(e.getError()))
              .withHint("write it in Symja syntax, e.g. 1/(1+Exp(-u))"));
    } catch (RuntimeException | StackOverflowError e) {
      throw new SpecException(
          Diagnostic.of(ErrorCode.DG011, location, "expression " + Diagnostic.quote(text) + " does not parse")
              .withHint("write it in Symja syntax, e.g. 1/(1+Exp(-u))"));
    }
    ExpressionCheck.check(text, tree, location, allowedSymbols);
    return new Expression(text, tree, location);
  }

  private static String withoutFullStop(String message) {
    return message.endsWith(".") ? message.substring(0, message.length() - 1) : message;
  }

  private static String toSymjaNumbers(String text, List<Integer> rewrites) {
    Matcher matcher = EXPONENT_NUMBER.matcher(text);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      rewrites.add(matcher.start(2));
      matcher.appendReplacement(out, matcher.group(1) + "*^" + matcher.group(2));
    }
    matcher.appendTail(out);
    return out.toString();
  }

  /** Maps an offset in the rewritten text back to the text the user wrote. */
  private static int originalOffset(int symjaOffset, List<Integer> rewrites) {
    int offset = symjaOffset;
    for (int i = 0; i < rewrites.size(); i++) {
      if (rewrites.get(i) + i < symjaOffset) {
        offset--;
      }
    }
    return Math.max(0, offset);
  }

  /** The same formula with {@code values} substituted for parameter symbols. */
  Expression withParameters(java.util.Map<String, Double> values) {
    return new Expression(text, RuleParameters.substitute(tree, values), location);
  }

  /** The same formula, attributed to {@code where}: a rule named there, say. */
  Expression at(SourceLocation where) {
    return new Expression(text, tree, where);
  }

  /** The formula as the user wrote it. */
  public String text() {
    return text;
  }

  /** The parsed, unevaluated Symja tree. */
  public IExpr tree() {
    return tree;
  }

  public SourceLocation location() {
    return location;
  }

  @Override
  public String toString() {
    return text;
  }
}
