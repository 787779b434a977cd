package org.deltagen.network;

import java.util.Map;
import java.util.Set;

/**
 * An entry of a rule table ({@link NamedActivation}, {@link NamedLoss}): its defining expression
 * and the defaults of its parameters, which {@link RuleParameters} resolves the same way for both.
 */
public interface NamedRule extends SpecKeyword {
  /** The expression, in Symja syntax, using the parameters by name. */
  String definition();

  /** Each parameter's default value. */
  Map<String, Double> parameters();

  /** The parameters a spec must give a positive value; none unless the rule says so. */
  default Set<String> positiveParameters() {
    return Set.of();
  }
}
