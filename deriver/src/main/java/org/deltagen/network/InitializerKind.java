package org.deltagen.network;

import static org.deltagen.network.HyperParameter.Range.FINITE;
import static org.deltagen.network.HyperParameter.Range.POSITIVE;
import static org.deltagen.network.HyperParameter.Range.WHOLE;
import static org.deltagen.network.HyperParameter.number;

import java.util.List;

/**
 * The descriptor of each initializer a spec can name: its keyword, its options with
 * {@code torch.nn.init}'s defaults, and the usage line a spec's error shows. Xavier and He also
 * take {@code distribution=uniform|normal}, uniform by default.
 */
public enum InitializerKind implements Descriptor {
  NORMAL("normal", List.of(seed(), number("std", 1.0, POSITIVE, "σ", "\\sigma", "STD")), "normal takes seed and std"),
  UNIFORM("uniform", List.of(seed(), number("low", -0.05, FINITE, "a", "a", "LOW"),
      number("high", 0.05, FINITE, "b", "b", "HIGH")), "uniform takes seed, low and high"),
  XAVIER("xavier", List.of(seed(), gain(1.0)), "xavier takes seed, distribution and gain"),
  HE("he", List.of(seed(), gain(Math.sqrt(2.0))), "he takes seed, distribution and gain"),
  ZEROS("zeros", List.of(), "zeros takes no options");

  /** The distribution Xavier and He draw from when a spec does not say. */
  public static final String DEFAULT_DISTRIBUTION = "uniform";

  private final Entry entry;

  /** No one torch.nn.init function stands for an entry (xavier is xavier_uniform_ or xavier_normal_). */
  InitializerKind(String keyword, List<HyperParameter> parameters, String usage) {
    this.entry = new Entry(keyword, "", parameters, usage);
  }

  private static HyperParameter seed() {
    return number("seed", 0, WHOLE, "S", "S", "SEED");
  }

  private static HyperParameter gain(double defaultValue) {
    return number("gain", defaultValue, POSITIVE, "gain", "\\text{gain}", "GAIN");
  }

  @Override
  public Entry entry() {
    return entry;
  }

  /** {@code init normal seed=0 std=1}, what a spec without an init statement gets. */
  public static Initializer.Normal defaultInitializer() {
    return new Initializer.Normal((long) NORMAL.defaultOf("seed"), NORMAL.defaultOf("std"));
  }
}
