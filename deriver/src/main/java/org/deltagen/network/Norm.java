package org.deltagen.network;

import java.util.Objects;

/**
 * A layer's normalization, {@code norm=layer}, {@code norm=group(g=G)} or {@code norm=batch}:
 * û^l_j = γ^l_j (u^l_j − μ)/√(σ² + ε) + β^l_j, with μ and σ² (the biased variance) over the G
 * equal groups of the layer's units that j belongs to (layer normalization is the one group of all
 * n_l units), or, for batch normalization, per unit j over the samples of the batch in training
 * and from the running statistics in evaluation. torch's {@code layer_norm}, {@code group_norm}
 * and {@code BatchNorm1d}.
 *
 * @param kind layer, group or batch
 * @param groups G; 1 for layer and batch normalization
 * @param epsilon ε &gt; 0, added to σ² under the root
 * @param momentum batch normalization's weight of the batch's statistics in the running ones, in
 *     [0, 1]; 0 for the others
 * @param location where {@code norm=} is written
 */
public record Norm(Kind kind, int groups, double epsilon, double momentum, SourceLocation location) {
  /** torch's default ε, and the spec's. */
  public static final double DEFAULT_EPSILON = 1e-5;
  /** torch's default momentum of {@code BatchNorm1d}, and the spec's. */
  public static final double DEFAULT_MOMENTUM = 0.1;

  /** Over which units μ and σ² are taken. */
  public enum Kind {
    /** All the layer's units: torch's {@code layer_norm}. */
    LAYER("layer"),
    /** Each of G equal groups of consecutive units: torch's {@code group_norm}. */
    GROUP("group"),
    /** Each unit over the batch's samples: torch's {@code BatchNorm1d}. */
    BATCH("batch");

    private final String keyword;

    Kind(String keyword) {
      this.keyword = keyword;
    }

    /** As the spec writes it after {@code norm=}. */
    public String keyword() {
      return keyword;
    }
  }

  public Norm {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(location, "location");
    if (groups < 1 || kind != Kind.GROUP && groups != 1) {
      throw new IllegalArgumentException(kind.keyword() + " normalization over " + groups + " groups");
    }
    if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
      throw new IllegalArgumentException("ε of a normalization is positive and finite, not " + epsilon);
    }
    if (kind == Kind.BATCH ? !(momentum >= 0 && momentum <= 1) : momentum != 0) {
      throw new IllegalArgumentException(kind.keyword() + " normalization with momentum " + momentum);
    }
  }

  /** {@code norm=layer}, with torch's ε, for specs built in code. */
  public static Norm layer() {
    return layer(DEFAULT_EPSILON, SourceLocation.builder("norm"));
  }

  /** {@code norm=group(g=G)}, with torch's ε, for specs built in code. */
  public static Norm group(int groups) {
    return group(groups, DEFAULT_EPSILON, SourceLocation.builder("norm"));
  }

  /** {@code norm=layer eps=ε}. */
  public static Norm layer(double epsilon, SourceLocation location) {
    return new Norm(Kind.LAYER, 1, epsilon, 0, location);
  }

  /** {@code norm=group(g=G) eps=ε}. */
  public static Norm group(int groups, double epsilon, SourceLocation location) {
    return new Norm(Kind.GROUP, groups, epsilon, 0, location);
  }

  /** {@code norm=batch}, with torch's ε and momentum, for specs built in code. */
  public static Norm batch() {
    return batch(DEFAULT_EPSILON, DEFAULT_MOMENTUM, SourceLocation.builder("norm"));
  }

  /** {@code norm=batch eps=ε momentum=m}. */
  public static Norm batch(double epsilon, double momentum, SourceLocation location) {
    return new Norm(Kind.BATCH, 1, epsilon, momentum, location);
  }

  /**
   * Whether μ and σ² are taken over the batch's samples: the samples of a batch are then coupled
   * in training, and evaluation uses running statistics instead.
   */
  public boolean overBatch() {
    return kind == Kind.BATCH;
  }

  /** The number of units in each group of a layer of {@code units} units (batch norm: 1, each unit alone). */
  public int groupSize(int units) {
    return overBatch() ? 1 : units / groups;
  }

  /** {@code layer}, {@code group(g=3)} or {@code batch}, as written after {@code norm=}. */
  public String text() {
    return kind == Kind.GROUP ? "group(g=" + groups + ")" : kind.keyword();
  }
}
