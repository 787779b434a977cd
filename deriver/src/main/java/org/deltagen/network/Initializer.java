package org.deltagen.network;

import java.util.Arrays;

/** Where a new trainer's parameters come from. */
public sealed interface Initializer {

  /** The seed of {@code java.util.Random} that draws the weights; 0 for one that draws nothing. */
  default long seed() {
    return 0;
  }

  /** Every weight drawn from N(0, std²), seeded; biases start at zero. */
  record Normal(long seed, double std) implements Initializer {
    public Normal {
      if (!(std > 0) || Double.isInfinite(std)) {
        throw new IllegalArgumentException("std must be positive and finite");
      }
    }
  }

  /** All parameters zero. */
  record Zeros() implements Initializer {}

  /** Every weight drawn uniformly from [low, high), seeded; biases start at zero. */
  record Uniform(long seed, double low, double high) implements Initializer {
    public Uniform {
      if (!(low < high) || Double.isInfinite(low) || Double.isInfinite(high)) {
        throw new IllegalArgumentException("need finite low < high, not " + low + ", " + high);
      }
    }
  }

  /**
   * Scaled to each layer's fan-in n_{l-1} and fan-out n_l, as torch.nn.init defines them: Xavier
   * (Glorot) keeps the variance gain²·2/(n_{l-1} + n_l), He (Kaiming, fan-in) gain²/n_{l-1}, with
   * ReLU's gain √2 by default; drawn uniformly or from a normal distribution, seeded; biases start
   * at zero.
   */
  record Scaled(Scheme scheme, boolean normal, long seed, double gain) implements Initializer {
    /** Which variance rule. */
    public enum Scheme {
      XAVIER,
      HE
    }

    public Scaled {
      java.util.Objects.requireNonNull(scheme, "scheme");
      if (!(gain > 0) || Double.isInfinite(gain)) {
        throw new IllegalArgumentException("gain must be positive and finite");
      }
    }

    /** The standard deviation for a layer with these fans. */
    public double std(int fanIn, int fanOut) {
      return scheme == Scheme.XAVIER
          ? gain * Math.sqrt(2.0 / (fanIn + fanOut))
          : gain / Math.sqrt(fanIn);
    }

    /** The half-width of the uniform distribution with that standard deviation, √3·std. */
    public double bound(int fanIn, int fanOut) {
      return Math.sqrt(3.0) * std(fanIn, fanOut);
    }
  }

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
