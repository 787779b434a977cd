package org.deltagen.network.parse;

import java.util.HashSet;
import java.util.Set;
import org.deltagen.network.ErrorCode;
import org.deltagen.network.HyperParameter;
import org.deltagen.network.Initializer;
import org.deltagen.network.InitializerKind;
import org.deltagen.network.SpecException;

/** The options of an init statement, with the defaults its {@link InitializerKind} gives. */
final class InitializerOptions {
  private InitializerOptions() {}

  static Initializer read(InitializerKind kind, Line line) throws SpecException {
    Set<String> keys = new HashSet<>();
    kind.parameters().stream().map(HyperParameter::option).forEach(keys::add);
    if (kind == InitializerKind.XAVIER || kind == InitializerKind.HE) {
      keys.add("distribution");
    }
    Options options = Options.of(line, 2, keys, kind.usage());
    return switch (kind) {
      case NORMAL -> new Initializer.Normal(seed(options, kind), options.positive("std", kind.defaultOf("std")));
      case UNIFORM -> uniform(options, line);
      case XAVIER, HE -> scaled(kind, options, line);
      case ZEROS -> new Initializer.Zeros();
    };
  }

  private static long seed(Options options, InitializerKind kind) throws SpecException {
    return options.whole("seed", (long) kind.defaultOf("seed"));
  }

  private static Initializer uniform(Options options, Line line) throws SpecException {
    InitializerKind kind = InitializerKind.UNIFORM;
    double low = options.number("low", kind.defaultOf("low"), Double::isFinite, "a number");
    double high = options.number("high", kind.defaultOf("high"), Double::isFinite, "a number");
    if (!(low < high)) {
      throw line.problem(ErrorCode.DG016, line.token(1).column(), "uniform needs low < high, not " + low + " and " + high,
          "e.g. init uniform low=-0.1 high=0.1");
    }
    return new Initializer.Uniform(seed(options, kind), low, high);
  }

  private static Initializer scaled(InitializerKind kind, Options options, Line line) throws SpecException {
    String distribution = options.text("distribution", InitializerKind.DEFAULT_DISTRIBUTION);
    if (!distribution.equals("uniform") && !distribution.equals("normal")) {
      throw line.problem(ErrorCode.DG016, line.token(1).column(),
          "distribution is uniform or normal, not '" + distribution + "'",
          "e.g. init " + kind.keyword() + " distribution=normal");
    }
    double gain = options.number("gain", kind.defaultOf("gain"), v -> v > 0, "a positive number");
    Initializer.Scaled.Scheme scheme =
        kind == InitializerKind.XAVIER ? Initializer.Scaled.Scheme.XAVIER : Initializer.Scaled.Scheme.HE;
    return new Initializer.Scaled(scheme, distribution.equals("normal"), seed(options, kind), gain);
  }
}
