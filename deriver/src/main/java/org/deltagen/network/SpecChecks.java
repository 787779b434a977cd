package org.deltagen.network;

import java.util.List;

/** The checks {@link NetworkSpec.Builder#build()} makes that need more than one value of the spec. */
final class SpecChecks {
  private SpecChecks() {}

  /** Explicit parameters must be finite in the spec's precision and exactly as many as the network has. */
  static void checkExplicit(NetworkSpec spec, Initializer.Explicit explicit, SourceLocation location,
      List<Diagnostic> problems) {
    int nonFinite = firstNonFinite(explicit.parameters(), spec.precision());
    if (nonFinite >= 0) {
      problems.add(
          Diagnostic.of(
              ErrorCode.DG017,
              location,
              "initial parameter " + nonFinite + " from " + explicit.source() + " is "
                  + explicit.parameters()[nonFinite] + ", not a finite "
                  + (spec.precision() == Precision.FLOAT ? "float" : "number")));
    } else if (explicit.size() != spec.parameterCount()) {
      problems.add(
          Diagnostic.of(
                  ErrorCode.DG020,
                  location,
                  "network " + spec.name() + " has " + spec.parameterCount() + " parameters, but "
                      + explicit.source() + " gives " + explicit.size())
              .withHint("list them layer by layer, bias row first, as in 'deltagen generate' javadoc"));
    }
  }

  /** The first value that is not finite in {@code precision} (a float overflows past 3.4e38), or −1. */
  private static int firstNonFinite(double[] values, Precision precision) {
    for (int i = 0; i < values.length; i++) {
      if (precision == Precision.FLOAT ? !Float.isFinite((float) values[i]) : !Double.isFinite(values[i])) {
        return i;
      }
    }
    return -1;
  }

  /** Softmax normalizes across a layer, and the fused losses assume their output activation. */
  static void checkOutputRules(List<Layer> layers, Loss loss, List<Diagnostic> problems) {
    for (Layer hidden : layers.subList(0, layers.size() - 1)) {
      if (hidden.activation().normalized()) {
        problems.add(
            Diagnostic.of(ErrorCode.DG021, hidden.location(),
                    hidden.activation().name() + " normalizes across its layer's units, so only the output layer may use it")
                .withHint("use an element-wise activation such as relu or tanh here"));
      }
    }
    Layer last = layers.get(layers.size() - 1);
    Activation output = last.activation();
    if (output.learns()) {
      problems.add(
          Diagnostic.of(ErrorCode.DG028, last.location(),
                  output.name() + " learns parameters, which only a hidden layer's activation may do")
              .withHint("put it on a hidden layer and end the network with a fixed activation, e.g. identity"));
    }
    NamedLoss rule = loss.rule();
    if (rule == NamedLoss.CROSS_ENTROPY && !output.normalized()) {
      problems.add(needs(loss, rule, "softmax", output));
    } else if (rule == NamedLoss.BINARY_CROSS_ENTROPY && output.rule() != NamedActivation.SIGMOID) {
      problems.add(needs(loss, rule, "sigmoid", output));
    }
  }

  private static Diagnostic needs(Loss loss, NamedLoss rule, String activation, Activation output) {
    return Diagnostic.of(ErrorCode.DG022, loss.perOutput().location(),
            rule.keyword() + " needs a " + activation + " output layer, not " + output.name())
        .withHint("end the network with 'layer N " + activation + "', or choose another loss");
  }

  /**
   * A trainer holds its parameters, gradients and optimizer state in int-indexed arrays, and its
   * forward and backward passes are one method each, which javac caps at 64 KB of bytecode.
   */
  static void checkSize(int inputs, List<Layer> layers, List<Diagnostic> problems) {
    if (layers.size() > NetworkSpec.Builder.MAX_LAYERS) {
      problems.add(
          Diagnostic.of(ErrorCode.DG019, layers.get(NetworkSpec.Builder.MAX_LAYERS).location(),
                  "layer " + (NetworkSpec.Builder.MAX_LAYERS + 1) + " is one too many: a network has at most " + NetworkSpec.Builder.MAX_LAYERS + " layers")
              .withHint("the forward and backward passes are one Java method each, and javac refuses a method"
                  + " of more than 64 KB of bytecode"));
      return;
    }
    long count = 0;
    int previousUnits = inputs;
    for (Layer layer : layers) {
      count += (long) (previousUnits + (layer.bias() ? 1 : 0)) * layer.units();
      previousUnits = layer.units();
      if (count > NetworkSpec.Builder.MAX_PARAMETERS) {
        problems.add(
            Diagnostic.of(ErrorCode.DG019, layer.location(),
                    "the network needs " + count + " parameters by this layer, more than " + NetworkSpec.Builder.MAX_PARAMETERS)
                .withHint("a trainer keeps parameters, gradients and optimizer state in memory, up to 32 bytes"
                    + " per parameter; use fewer or narrower layers"));
        return;
      }
    }
  }

  /**
   * A skip z^l = f_l(u^l) + z^k comes from an earlier layer k of the same size, and not into the
   * output layer, whose y must stay in the range its loss assumes (a softmax's z^L + z^k are no
   * longer probabilities, a sigmoid's no longer in (0, 1), and δ^L = y − d no longer holds).
   */
  static void checkSkips(int inputs, List<Layer> layers, List<Diagnostic> problems) {
    for (int l = 1; l <= layers.size(); l++) {
      Skip skip = layers.get(l - 1).skip();
      if (skip == null) {
        continue;
      }
      int k = skip.from();
      int units = layers.get(l - 1).units();
      if (k < 0 || k >= l) {
        problems.add(Diagnostic.of(ErrorCode.DG027, skip.location(),
                "layer " + l + " takes skip=" + k + ", but a skip comes from an earlier layer: 0 ≤ k < " + l)
            .withHint(l == 1 ? "the first layer can skip from the input x only: skip=0"
                : "give the layer it comes from, 0 (the input x) to " + (l - 1) + ", e.g. skip=" + (l - 1)));
      } else if (l == layers.size()) {
        problems.add(Diagnostic.of(ErrorCode.DG027, skip.location(),
                "the output layer takes no skip: y = f(u) + z^" + k + " would leave the range its loss assumes")
            .withHint("put the skip on a hidden layer, and end the network with a layer of its own"));
      } else if ((k == 0 ? inputs : layers.get(k - 1).units()) != units) {
        int from = k == 0 ? inputs : layers.get(k - 1).units();
        problems.add(Diagnostic.of(ErrorCode.DG027, skip.location(),
                "skip=" + k + " adds z^" + k + " of " + from + " units to layer " + l + " of " + units
                    + ": a skip needs n_" + k + " = n_" + l)
            .withHint("make layer " + l + " " + from + " units wide, or skip from a layer of " + units + " units"));
      }
    }
  }

  /**
   * A normalization splits its layer into equal groups, and stays off the output layer, whose u^L
   * the output rule (δ^L = y − d and the like) reads as it is.
   */
  static void checkNorms(List<Layer> layers, List<Diagnostic> problems) {
    for (int l = 1; l <= layers.size(); l++) {
      Layer layer = layers.get(l - 1);
      if (!layer.hasNorm()) {
        continue;
      }
      Norm norm = layer.norm();
      if (l == layers.size()) {
        problems.add(Diagnostic.of(ErrorCode.DG027, norm.location(),
                "the output layer takes no norm: its δ^" + l + " comes from the output rule on u^" + l)
            .withHint("normalize a hidden layer, and end the network with a layer of its own"));
      } else if (layer.units() % norm.groups() != 0) {
        problems.add(Diagnostic.of(ErrorCode.DG027, norm.location(),
                "norm=" + norm.text() + " splits layer " + l + "'s " + layer.units() + " units into "
                    + norm.groups() + " groups, which needs g to divide n_" + l)
            .withHint("take g among " + divisors(layer.units()) + ", or make the layer a multiple of "
                + norm.groups() + " units wide"));
      }
    }
  }

  /**
   * A dropout's p lies in [0, 1) (p = 1 would drop every unit and scale by 1/0), and the output
   * layer takes none: y is what the loss compares with d.
   */
  static void checkDropouts(List<Layer> layers, List<Diagnostic> problems) {
    for (int l = 1; l <= layers.size(); l++) {
      Dropout dropout = layers.get(l - 1).dropout();
      if (dropout == null) {
        continue;
      }
      if (!(dropout.p() >= 0 && dropout.p() < 1)) {
        problems.add(Diagnostic.of(ErrorCode.DG017, dropout.location(),
                "'dropout' needs a probability p with 0 ≤ p < 1, not " + dropout.p())
            .withHint("p is the fraction of units dropped in training: p = 0 means no dropout, and p must be"
                + " below 1, e.g. dropout=0.5"));
      } else if (l == layers.size()) {
        problems.add(Diagnostic.of(ErrorCode.DG027, dropout.location(),
                "the output layer takes no dropout: y = z^" + l + " is what the loss compares with d")
            .withHint("put the dropout on a hidden layer, e.g. the one before the output"));
      }
    }
  }

  private static String divisors(int n) {
    StringBuilder text = new StringBuilder();
    for (int d = 1; d <= n && text.length() < 60; d++) {
      if (n % d == 0) {
        text.append(text.length() == 0 ? "" : ", ").append(d);
      }
    }
    return text.toString();
  }

  static Diagnostic missing(SourceLocation location, String statement, String example) {
    return Diagnostic.of(ErrorCode.DG002, location, "the spec has no '" + statement + "' statement")
        .withHint("add one, e.g. '" + example + "'");
  }

  static Diagnostic positive(SourceLocation location, String statement, int value) {
    return Diagnostic.of(
        ErrorCode.DG006, location, "'" + statement + "' needs a positive number of units, not " + value);
  }
}
