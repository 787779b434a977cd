package org.deltagen.spec;

/**
 * The per-output losses a spec can name, each only its expression in y (the output), d (the
 * target) and n (the number of outputs). E sums the expression over the outputs.
 */
public enum NamedLoss {
  HALF_SSE("half-sse", "(y - d)^2/2"),
  SSE("sse", "(y - d)^2"),
  MSE("mse", "(y - d)^2/n");

  private final String keyword;
  private final String definition;

  NamedLoss(String keyword, String definition) {
    this.keyword = keyword;
    this.definition = definition;
  }

  public String keyword() {
    return keyword;
  }

  /** The per-output loss, in Symja syntax. */
  public String definition() {
    return definition;
  }

  /** The entry called {@code keyword} in spec files, or null. */
  public static NamedLoss forKeyword(String keyword) {
    for (NamedLoss loss : values()) {
      if (loss.keyword.equals(keyword)) {
        return loss;
      }
    }
    return null;
  }
}
