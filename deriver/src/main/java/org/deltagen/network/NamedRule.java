package org.deltagen.network;

import java.util.Map;
import java.util.Set;

/**
 * An entry of a rule table ({@link NamedActivation}, {@link NamedLoss}): its defining expression
 * and the defaults of its parameters, which {@link RuleParameters} resolves the same way for both.
 */
public interface NamedRule extends SpecKeyword {
  /**
   * What a table entry is, and all it is.
   *
   * @param definition the expression, in Symja syntax, using the parameters by name
   * @param parameters each parameter's default value
   */
  record Entry(String definition, Map<String, Double> parameters) {
    public Entry {
      parameters = Map.copyOf(parameters);
    }
  }

  /** This table entry's expression and parameters. */
  Entry entry();

  /** The expression, in Symja syntax, using the parameters by name. */
  default String definition() {
    return entry().definition();
  }

  /** Each parameter's default value. */
  default Map<String, Double> parameters() {
    return entry().parameters();
  }

  /** The parameters a spec must give a positive value; none unless the rule says so. */
  default Set<String> positiveParameters() {
    return Set.of();
  }
}
