package org.deltagen.network;

import java.util.Objects;

/**
 * A layer's normalization, {@code norm=layer} or {@code norm=group(g=G)}: û^l_j = γ^l_j (u^l_j −
 * μ)/√(σ² + ε) + β^l_j, with μ and σ² (the biased variance) over the G equal groups of the layer's
 * units that j belongs to; layer normalization is the one group of all n_l units. torch's
 * {@code layer_norm} and {@code group_norm}.
 *
 * @param kind layer or group
 * @param groups G; 1 for layer normalization
 * @param epsilon ε &gt; 0, added to σ² under the root
 * @param location where {@code norm=} is written
 */
public record Norm(Kind kind, int groups, double epsilon, SourceLocation location) {
  /** torch's default ε, and the spec's. */
  public static final double DEFAULT_EPSILON = 1e-5;

  /** Over which units μ and σ² are taken. */
  public enum Kind {
    /** All the layer's units: torch's {@code layer_norm}. */
    LAYER("layer"),
    /** Each of G equal groups of consecutive units: torch's {@code group_norm}. */
    GROUP("group");

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
    if (groups < 1 || kind == Kind.LAYER && groups != 1) {
      throw new IllegalArgumentException(kind.keyword() + " normalization over " + groups + " groups");
    }
    if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
      throw new IllegalArgumentException("ε of a normalization is positive and finite, not " + epsilon);
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
    return new Norm(Kind.LAYER, 1, epsilon, location);
  }

  /** {@code norm=group(g=G) eps=ε}. */
  public static Norm group(int groups, double epsilon, SourceLocation location) {
    return new Norm(Kind.GROUP, groups, epsilon, location);
  }

  /** The number of units in each group of a layer of {@code units} units. */
  public int groupSize(int units) {
    return units / groups;
  }

  /** {@code layer} or {@code group(g=3)}, as written after {@code norm=}. */
  public String text() {
    return kind == Kind.LAYER ? "layer" : "group(g=" + groups + ")";
  }
}
