package org.deltagen.spec;

import java.util.Arrays;

/** Where a new trainer's parameters come from. */
public sealed interface Initializer {

  /** Every weight drawn from N(0, std²), seeded; biases start at zero. */
  record Normal(long seed, double std) implements Initializer {
    public static final long DEFAULT_SEED = 0;
    public static final double DEFAULT_STD = 1.0;

    public Normal {
      if (!(std > 0) || Double.isInfinite(std)) {
        throw new IllegalArgumentException("std must be positive and finite");
      }
    }
  }

  /** All parameters zero. */
  record Zeros() implements Initializer {}

  /** Exactly these parameters, in the layout of {@link NetworkSpec#weightOffset(int)}. */
  final class Explicit implements Initializer {
    private final double[] parameters;
    private final String source;

    /** {@code source} names where the values came from, for the generated javadoc. */
    public Explicit(double[] parameters, String source) {
      this.parameters = parameters.clone();
      this.source = source;
    }

    public double[] parameters() {
      return parameters.clone();
    }

    public int size() {
      return parameters.length;
    }

    public String source() {
      return source;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Explicit that && Arrays.equals(parameters, that.parameters);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(parameters);
    }

    @Override
    public String toString() {
      return "Explicit" + Arrays.toString(parameters);
    }
  }
}
