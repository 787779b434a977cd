package org.deltagen.spec;

import java.util.Arrays;
import java.util.Set;

/** A layer's activation f: a named entry of {@link NamedActivation}, or the user's f(u). */
public final class Activation {
  private static final Set<String> SYMBOLS = Set.of("u");

  private final String name;
  private final Expression definition;
  private final boolean custom;

  private Activation(String name, Expression definition, boolean custom) {
    this.name = name;
    this.definition = definition;
    this.custom = custom;
  }

  public static Activation named(NamedActivation activation) {
    SourceLocation location = SourceLocation.builder(activation.keyword());
    try {
      return new Activation(
          activation.keyword(), Expression.parse(activation.definition(), location, SYMBOLS), false);
    } catch (SpecException e) {
      throw new IllegalStateException("rule table entry does not parse: " + activation, e);
    }
  }

  /** The activation a spec names by {@code keyword}, written at {@code location}. */
  public static Activation named(String keyword, SourceLocation location) throws SpecException {
    NamedActivation activation = NamedActivation.forKeyword(keyword);
    if (activation == null) {
      throw new SpecException(
          Diagnostic.of(ErrorCode.DG010, location, "unknown activation '" + keyword + "'")
              .withHint(
                  Suggestions.hint(
                      keyword,
                      Arrays.stream(NamedActivation.values()).map(NamedActivation::keyword).toList())
                      + " (or write f(u) = <expression>)"));
    }
    return named(activation);
  }

  /** The user's own f(u), an expression in u written at {@code location}. */
  public static Activation custom(String expression, SourceLocation location) throws SpecException {
    return new Activation("f(u) = " + expression, Expression.parse(expression, location, SYMBOLS), true);
  }

  /** The API form of {@link #custom(String, SourceLocation)}. */
  public static Activation custom(String expression) throws SpecException {
    return custom(expression, SourceLocation.builder("layer"));
  }

  /** The keyword, or {@code f(u) = …} for a custom activation. */
  public String name() {
    return name;
  }

  /** f(u). */
  public Expression definition() {
    return definition;
  }

  public boolean isCustom() {
    return custom;
  }

  @Override
  public String toString() {
    return name;
  }
}
