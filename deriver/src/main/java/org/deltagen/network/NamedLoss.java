package org.deltagen.network;

import java.util.Map;

/**
 * The per-output losses a spec can name, each only its expression in y (the output), d (the
 * target) and n (the number of outputs), with the defaults of its parameters. E sums the
 * expression over the outputs.
 */
public enum NamedLoss implements NamedRule {
  HALF_SSE("(y - d)^2/2"),
  SSE("(y - d)^2"),
  MSE("(y - d)^2/n"),
  /** For softmax outputs and targets that sum to 1 (one-hot or probabilities). */
  CROSS_ENTROPY("-d*Log(y)"),
  /** For sigmoid outputs and targets in [0, 1]. */
  BINARY_CROSS_ENTROPY("-(d*Log(y) + (1 - d)*Log(1 - y))"),
  HUBER(
      "Piecewise({{delta*(y - d) - delta^2/2, y - d > delta}, {delta*(d - y) - delta^2/2, y - d < -delta}},"
          + " (y - d)^2/2)",
      Map.of("delta", 1.0));

  private final Entry entry;

  NamedLoss(String definition) {
    this(definition, Map.of());
  }

  NamedLoss(String definition, Map<String, Double> parameters) {
    this.entry = new Entry(definition, parameters);
  }

  /** The per-output loss and its parameters. */
  @Override
  public Entry entry() {
    return entry;
  }

  /**
   * The parameters that must be positive: huber's delta is the width of its quadratic part, and at
   * delta ≤ 0 the loss is no longer convex or even continuous.
   */
  @Override
  public java.util.Set<String> positiveParameters() {
    return this == HUBER ? java.util.Set.of("delta") : java.util.Set.of();
  }

  /** The entry called {@code keyword} in spec files, or null. */
  public static NamedLoss forKeyword(String keyword) {
    return SpecKeyword.forKeyword(NamedLoss.class, keyword);
  }
}
