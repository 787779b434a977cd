package org.deltagen.network;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.deltagen.symbolic.SymbolicEngine;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.interfaces.IExpr;
import org.matheclipse.core.interfaces.ISymbol;

/**
 * A layer's activation f: a named entry of {@link NamedActivation}, or the user's f(u). Made by
 * {@link #named} and {@link #custom}, which parse and check the expression.
 *
 * @param name the keyword with any parameters, or {@code f(u) = …} for a custom activation
 * @param rule the table entry, or null for a custom activation
 * @param definition f(u); for a normalized activation, the f whose values are divided by their
 *     layer's sum; a learnable parameter stays a symbol in it
 * @param learned the parameters learned with the weights, in declaration order (none for most)
 */
public record Activation(String name, NamedActivation rule, Expression definition, List<LearnedParameter> learned) {
  private static final Set<String> VARIABLES = Set.of("u");
  /** Symbols a parameter may not be called: the notation's variables and Symja's constants. */
  private static final Set<String> RESERVED = Set.of("u", "z", "y", "d", "w", "n", "e", "i", "pi");
  /** Longer than any parameter name a formula uses; keeps names short in code comments and TeX. */
  private static final int MAX_NAME = 16;

  public Activation {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(definition, "definition");
    learned = List.copyOf(learned);
  }

  /** An activation without learnable parameters. */
  public Activation(String name, NamedActivation rule, Expression definition) {
    this(name, rule, definition, List.of());
  }

  /** The named activation with its default parameters. */
  public static Activation named(NamedActivation activation) {
    try {
      return named(activation, Map.of(), SourceLocation.builder(activation.keyword()));
    } catch (SpecException e) {
      throw new IllegalStateException("rule table entry does not parse: " + activation, e);
    }
  }

  /**
   * The named activation with {@code parameters} overriding its defaults: fixed constants, or, for
   * an entry that learns them (prelu), symbols that start at those values.
   */
  public static Activation named(
      NamedActivation activation, Map<String, Double> parameters, SourceLocation location)
      throws SpecException {
    if (!activation.learnsParameters()) {
      return RuleParameters.instantiate(
          activation, VARIABLES, parameters, location, (name, f) -> new Activation(name, activation, f));
    }
    Map<String, Double> values = RuleParameters.resolve(activation, parameters, location);
    List<LearnedParameter> learned = new ArrayList<>();
    values.forEach((parameter, value) -> learned.add(new LearnedParameter(parameter, value)));
    return new Activation(RuleParameters.describe(activation.keyword(), values), activation,
        RuleParameters.definition(activation, VARIABLES).at(location), learned);
  }

  /** The activation a spec names by {@code keyword}, with parameters, written at {@code location}. */
  public static Activation named(String keyword, Map<String, Double> parameters, SourceLocation location)
      throws SpecException {
    NamedActivation activation = RuleParameters.lookup(
        NamedActivation.class, "swish".equals(keyword) ? "silu" : keyword, ErrorCode.DG010, "activation", "write f(u) = <expression>", location);
    return named(activation, parameters, location);
  }

  /** The activation a spec names by {@code keyword}, with default parameters. */
  public static Activation named(String keyword, SourceLocation location) throws SpecException {
    return named(keyword, Map.of(), location);
  }

  /** The user's own f(u), an expression in u written at {@code location}. */
  public static Activation custom(String expression, SourceLocation location) throws SpecException {
    return new Activation("f(u) = " + expression, null, Expression.parse(expression, location, VARIABLES));
  }

  /**
   * The user's own f(u; a=…, …): an expression in u and the learnable {@code parameters}, each
   * declared at its location in {@code declaredAt}. A name that is not a plain identifier, that
   * is reserved (u, the notation's symbols, Symja's functions and constants), declared twice or
   * unused in the expression is a located DG028.
   */
  public static Activation custom(String expression, SourceLocation location, List<LearnedParameter> parameters,
      List<SourceLocation> declaredAt) throws SpecException {
    if (parameters.isEmpty()) {
      return custom(expression, location);
    }
    Set<String> symbols = new HashSet<>(VARIABLES);
    for (int p = 0; p < parameters.size(); p++) {
      String parameter = parameters.get(p).name();
      checkName(parameter, declaredAt.get(p));
      if (!symbols.add(parameter)) {
        throw parameterProblem(declaredAt.get(p), "parameter '" + parameter + "' is declared twice", "declare it once");
      }
    }
    Expression definition = Expression.parse(expression, location, symbols);
    for (int p = 0; p < parameters.size(); p++) {
      String parameter = parameters.get(p).name();
      if (definition.tree().isFree(x -> x.isSymbol() && ((ISymbol) x).getSymbolName().equals(parameter), true)) {
        throw parameterProblem(declaredAt.get(p), "parameter '" + parameter + "' is not used in f",
            "use it in the expression, or drop it");
      }
    }
    List<String> declared = parameters.stream()
        .map(p -> p.name() + "=" + RuleParameters.format(p.initial())).toList();
    return new Activation("f(u; " + String.join(", ", declared) + ") = " + expression, null, definition, parameters);
  }

  /** The API form of {@link #custom(String, SourceLocation, List, List)}: f(u; parameters) = expression. */
  public static Activation custom(String expression, List<LearnedParameter> parameters) throws SpecException {
    List<SourceLocation> locations = parameters.stream().map(p -> SourceLocation.builder("layer")).toList();
    return custom(expression, SourceLocation.builder("layer"), parameters, locations);
  }

  /** A parameter's name must read as one plain symbol to Symja, and not one the notation or Symja owns. */
  private static void checkName(String parameter, SourceLocation at) throws SpecException {
    if (parameter.length() > MAX_NAME || !parameter.matches("[a-z][a-z0-9]*")) {
      throw parameterProblem(at, Diagnostic.quote(parameter) + " is not a parameter name",
          "write a lower-case identifier of at most " + MAX_NAME + " letters and digits, e.g. a or b2");
    }
    IExpr parsed = SymbolicEngine.shared().parse(parameter);
    if (RESERVED.contains(parameter) || !parsed.isSymbol() || ((ISymbol) parsed).isBuiltInSymbol()
        || !((ISymbol) parsed).getSymbolName().equals(parameter)) {
      throw parameterProblem(at, "parameter '" + parameter + "' shadows a reserved symbol",
          "u is the unit's input; choose another name, e.g. a or b");
    }
  }

  private static SpecException parameterProblem(SourceLocation at, String message, String hint) {
    return new SpecException(Diagnostic.of(ErrorCode.DG028, at, message).withHint(hint));
  }

  /** {@code expression} with each learnable parameter at its initial value. */
  public IExpr atInitialValues(IExpr expression) {
    IExpr result = expression;
    for (LearnedParameter parameter : learned) {
      result = F.subst(result, F.symbol(parameter.name()), F.num(parameter.initial()));
    }
    return result;
  }

  /** Whether f has parameters learned with the weights. */
  public boolean learns() {
    return !learned.isEmpty();
  }

  /** The API form of {@link #custom(String, SourceLocation)}. */
  public static Activation custom(String expression) throws SpecException {
    return custom(expression, SourceLocation.builder("layer"));
  }

  public boolean isCustom() {
    return rule == null;
  }

  /** True for softmax: z_j = f(u_j) / Σ_k f(u_k), so the layer is not element-wise. */
  public boolean normalized() {
    return rule != null && rule.normalized();
  }

  @Override
  public String toString() {
    return name;
  }
}
