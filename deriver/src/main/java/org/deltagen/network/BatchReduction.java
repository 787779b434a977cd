package org.deltagen.network;

/** How the per-sample errors of a batch combine into the error a step minimizes. */
public enum BatchReduction {
  /** E_batch = Σ_s E_s. */
  SUM("sum"),
  /** E_batch = (1/B) Σ_s E_s. */
  MEAN("mean");

  private final String keyword;

  BatchReduction(String keyword) {
    this.keyword = keyword;
  }

  public String keyword() {
    return keyword;
  }

  /** The entry called {@code keyword} in spec files, or null. */
  public static BatchReduction forKeyword(String keyword) {
    for (BatchReduction reduction : values()) {
      if (reduction.keyword.equals(keyword)) {
        return reduction;
      }
    }
    return null;
  }
}
