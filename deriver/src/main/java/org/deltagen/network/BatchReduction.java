package org.deltagen.network;

/** How the per-sample errors of a batch combine into the error a step minimizes. */
public enum BatchReduction implements SpecKeyword {
  /** E_batch = Σ_s E_s. */
  SUM,
  /** E_batch = (1/B) Σ_s E_s. */
  MEAN;

  /** The entry called {@code keyword} in spec files, or null. */
  public static BatchReduction forKeyword(String keyword) {
    return SpecKeyword.forKeyword(BatchReduction.class, keyword);
  }
}
