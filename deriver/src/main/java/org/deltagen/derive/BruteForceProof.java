package org.deltagen.derive;

import static org.deltagen.symbolic.Symbols.D;
import static org.deltagen.symbolic.Symbols.U;
import static org.deltagen.symbolic.Symbols.Y;
import static org.deltagen.symbolic.Symbols.Z;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.deltagen.network.Layer;
import org.deltagen.network.LearnedParameter;
import org.deltagen.network.NamedLoss;
import org.deltagen.network.NetworkSpec;
import org.deltagen.symbolic.SymbolicEngine;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.interfaces.IExpr;
import org.matheclipse.core.interfaces.ISymbol;

/**
 * Proves a derivation against brute force: E is written out as one expression in every weight,
 * Symja's {@code D} differentiates it by each weight directly, and the results are compared with
 * what the δ recursion gives from the derivation's derived pieces alone (f, the chosen f', ∂ℓ/∂y
 * and the output δ), at random points.
 */
public final class BruteForceProof {
  /** The largest relative difference allowed between the two. */
  public static final double TOLERANCE = 1e-12;
  /** Networks with more parameters are refused: the expanded E grows with every path. */
  public static final int MAX_PARAMETERS = 64;

  private static final int POINTS = 5;
  private static final int DIFFERENTIATION_SECONDS = 60;
  /** Below this magnitude values are compared absolutely. */
  private static final double FLOOR = 1e-9;

  private final SymbolicEngine engine;

  public BruteForceProof(SymbolicEngine engine) {
    this.engine = engine;
  }

  public BruteForceProof() {
    this(SymbolicEngine.shared());
  }

  /** The outcome: the worst parameter over all points and both values there. */
  public record Result(
      int parameters, int points, String worst, double bruteForce, double recursion, double error) {
    public boolean passed() {
      return error <= TOLERANCE;
    }

    @Override
    public String toString() {
      return String.format(
          Locale.ROOT,
          "brute-force proof %s: %d parameters × %d points, D(E, w) against the δ recursion; worst %s:"
              + " brute force %.15g, recursion %.15g, relative error %.2e %s %.0e",
          passed() ? "passed" : "FAILED", parameters, points, worst, bruteForce, recursion, error,
          passed() ? "≤" : ">", TOLERANCE);
    }
  }

  /**
   * Whether the proof runs in seconds, as a report may run it: at most {@link #MAX_PARAMETERS}
   * parameters and no normalization. A norm puts every unit of a group under one root through
   * σ, so the expanded E of a normalized layer grows with the group (a 2-3-6-1 net with two norms
   * keeps Symja's D busy for minutes); {@link #prove} still takes such networks.
   */
  public static boolean isQuick(NetworkSpec spec) {
    return spec.parameterCount() <= MAX_PARAMETERS && spec.layers().stream().noneMatch(Layer::hasNorm);
  }

  /**
   * Why the proof cannot take {@code spec}, or null when it can: more than {@link #MAX_PARAMETERS}
   * parameters, or a batch norm, whose E couples the samples of a batch while the proof expands E
   * of one sample (the gradient check covers batch norm over a batch).
   */
  public static String refusal(NetworkSpec spec) {
    if (spec.parameterCount() > MAX_PARAMETERS) {
      return "the brute-force proof expands E in every weight, so it takes networks of at most "
          + MAX_PARAMETERS + " parameters; " + spec.name() + " has " + spec.parameterCount();
    }
    if (spec.layers().stream().anyMatch(layer -> layer.hasNorm() && layer.norm().overBatch())) {
      return "the brute-force proof expands E of one sample, and norm=batch couples the samples of a batch;"
          + " the gradient check covers it over a batch";
    }
    return null;
  }

  /** Runs the proof; throws IllegalArgumentException for a network it cannot take ({@link #refusal}). */
  public Result prove(Derivation derivation, long seed) {
    NetworkSpec spec = derivation.spec();
    if (refusal(spec) != null) {
      throw new IllegalArgumentException(refusal(spec));
    }
    Variables symbols = new Variables(spec);
    IExpr error = expandedError(derivation, symbols);
    List<IExpr> derivatives = new ArrayList<>();
    for (ISymbol weight : symbols.weights) {
      IExpr derivative = engine.derivative(error, weight, DIFFERENTIATION_SECONDS);
      if (derivative.equals(F.$Aborted)) {
        throw new IllegalStateException("Symja did not differentiate the expanded E of " + spec.name()
            + " by " + weight + " within " + DIFFERENTIATION_SECONDS + " s");
      }
      derivatives.add(derivative);
    }
    SplittableRandom random = new SplittableRandom(seed);
    Result worst = null;
    for (int point = 0; point < POINTS; point++) {
      double[] w = uniform(random, spec.parameterCount(), -1, 1);
      double[] x = uniform(random, spec.inputs(), -1, 1);
      double[] d = targets(spec, random);
      double[][] masks = masks(spec, random);
      double[] recursion = new DeltaRecursion(derivation, engine).gradient(w, x, d, masks);
      Map<IExpr, IExpr> values = symbols.values(w, x, d);
      symbols.putMasks(spec, masks, values);
      for (int p = 0; p < w.length; p++) {
        double bruteForce = engine.evalf(F.subst(derivatives.get(p), e -> values.getOrDefault(e, F.NIL)));
        double difference = Math.abs(bruteForce - recursion[p])
            / Math.max(FLOOR, Math.max(Math.abs(bruteForce), Math.abs(recursion[p])));
        double error1 = Double.isNaN(difference) ? Double.POSITIVE_INFINITY : difference;
        if (worst == null || error1 > worst.error()) {
          worst = new Result(w.length, POINTS, symbols.names.get(p), bruteForce, recursion[p], error1);
        }
      }
    }
    return worst;
  }

  /** E(w, x, d) with every unit substituted into the next: no δ, no intermediate names. */
  private IExpr expandedError(Derivation derivation, Variables symbols) {
    NetworkSpec spec = derivation.spec();
    List<IExpr> z = new ArrayList<>(List.of(symbols.inputs));
    List<List<IExpr>> outputs = new ArrayList<>(List.of(z));
    for (int l = 1; l <= spec.depth(); l++) {
      IExpr f = symbols.learnedOf(spec, l, derivation.graph().activation(l).derivative().function());
      List<IExpr> u = new ArrayList<>();
      for (int j = 1; j <= spec.units(l); j++) {
        IExpr sum = spec.layer(l).bias() ? symbols.weight(spec, l, 0, j) : F.C0;
        for (int i = 1; i <= spec.units(l - 1); i++) {
          sum = F.Plus(sum, F.Times(symbols.weight(spec, l, i, j), z.get(i - 1)));
        }
        u.add(sum);
      }
      z = activate(f, spec.layer(l).hasNorm() ? symbols.normalized(spec, l, u) : u,
          spec.layer(l).activation().normalized());
      for (int j = 0; spec.layer(l).hasDropout() && j < z.size(); j++) {
        z.set(j, F.Times(symbols.mask(l, j), z.get(j)));
      }
      if (spec.layer(l).hasSkip()) {
        List<IExpr> skipped = outputs.get(spec.layer(l).skip().from());
        for (int j = 0; j < z.size(); j++) {
          z.set(j, F.Plus(z.get(j), skipped.get(j)));
        }
      }
      outputs.add(z);
    }
    IExpr error = F.C0;
    IExpr perOutput = derivation.loss().perOutput();
    for (int j = 0; j < spec.outputs(); j++) {
      error = F.Plus(error, F.subst(F.subst(perOutput, Y, z.get(j)), D, symbols.targets[j]));
    }
    return error;
  }

  private static List<IExpr> activate(IExpr f, List<IExpr> u, boolean normalized) {
    List<IExpr> z = new ArrayList<>();
    IExpr total = F.C0;
    for (IExpr sum : u) {
      z.add(F.subst(f, U, sum));
      total = F.Plus(total, z.get(z.size() - 1));
    }
    if (normalized) {
      for (int j = 0; j < z.size(); j++) {
        z.set(j, F.Divide(z.get(j), total));
      }
    }
    return z;
  }

  /**
   * A fixed dropout mask per dropped layer l (null elsewhere), m_j = 0 with probability p, else
   * 1/(1 − p): training's E for that mask is a function of w like any other.
   */
  private static double[][] masks(NetworkSpec spec, SplittableRandom random) {
    double[][] masks = new double[spec.depth() + 1][];
    for (int l = 1; l <= spec.depth(); l++) {
      if (spec.layer(l).hasDropout()) {
        masks[l] = new double[spec.units(l)];
        for (int j = 0; j < masks[l].length; j++) {
          masks[l][j] = random.nextDouble() < spec.layer(l).dropout().p() ? 0 : spec.layer(l).dropout().scale();
        }
      }
    }
    return masks;
  }

  private static double[] targets(NetworkSpec spec, SplittableRandom random) {
    double[] d = uniform(random, spec.outputs(), 0, 1);
    if (spec.loss().rule() == NamedLoss.CROSS_ENTROPY) {
      double sum = java.util.Arrays.stream(d).sum();
      for (int j = 0; j < d.length; j++) {
        d[j] /= sum;
      }
    }
    return d;
  }

  private static double[] uniform(SplittableRandom random, int size, double low, double high) {
    double[] values = new double[size];
    for (int i = 0; i < size; i++) {
      values[i] = random.nextDouble(low, high);
    }
    return values;
  }

  /** Plain symbols for every weight (w_l_i_j), input and target, in parameter order. */
  private static final class Variables {
    final List<ISymbol> weights = new ArrayList<>();
    final List<String> names = new ArrayList<>();
    final IExpr[] inputs;
    final IExpr[] targets;

    Variables(NetworkSpec spec) {
      for (int p = 0; p < spec.parameterCount(); p++) {
        weights.add(null);
        names.add(null);
      }
      for (int l = 1; l <= spec.depth(); l++) {
        for (int i = spec.layer(l).bias() ? 0 : 1; i <= spec.units(l - 1); i++) {
          for (int j = 1; j <= spec.units(l); j++) {
            int p = spec.weightIndex(l, i, j);
            weights.set(p, F.symbol("w" + l + "x" + i + "x" + j));
            names.set(p, "w^" + l + "_{" + i + "," + j + "}");
          }
        }
      }
      for (int l = 1; l <= spec.depth(); l++) {
        for (int j = 0; spec.layer(l).hasNorm() && j < 2 * spec.units(l); j++) {
          int p = spec.normOffset(l) + j;
          int unit = j % spec.units(l) + 1;
          weights.set(p, F.symbol((j < spec.units(l) ? "normshift" : "normscale") + l + "x" + unit));
          names.set(p, (j < spec.units(l) ? "β^" : "γ^") + l + "_" + unit);
        }
        List<LearnedParameter> learned = spec.layer(l).activation().learned();
        for (int k = 0; k < learned.size(); k++) {
          int p = spec.activationParameterOffset(l) + k;
          weights.set(p, F.symbol("act" + l + "x" + (k + 1)));
          names.set(p, LearnedGradient.name(learned.get(k), l));
        }
      }
      inputs = new IExpr[spec.inputs()];
      for (int i = 0; i < inputs.length; i++) {
        inputs[i] = F.symbol("xin" + (i + 1));
      }
      targets = new IExpr[spec.outputs()];
      for (int j = 0; j < targets.length; j++) {
        targets[j] = F.symbol("dtarget" + (j + 1));
      }
    }

    /** f_l with each learnable parameter replaced by its variable. */
    IExpr learnedOf(NetworkSpec spec, int l, IExpr f) {
      IExpr result = f;
      List<LearnedParameter> learned = spec.layer(l).activation().learned();
      for (int k = 0; k < learned.size(); k++) {
        result = F.subst(result, F.symbol(learned.get(k).name()), weights.get(spec.activationParameterOffset(l) + k));
      }
      return result;
    }

    /** û^l_j = γ_j (u_j − μ)/√(σ² + ε) + β_j, μ and σ² written out over j's group. */
    List<IExpr> normalized(NetworkSpec spec, int l, List<IExpr> u) {
      int m = spec.layer(l).norm().groupSize(u.size());
      IExpr epsilon = F.num(spec.layer(l).norm().epsilon());
      List<IExpr> normalized = new ArrayList<>();
      for (int from = 0; from < u.size(); from += m) {
        IExpr mean = F.C0;
        for (int i = from; i < from + m; i++) {
          mean = F.Plus(mean, u.get(i));
        }
        mean = F.Times(mean, F.QQ(1, m));
        IExpr variance = F.C0;
        for (int i = from; i < from + m; i++) {
          variance = F.Plus(variance, F.Sqr(F.Subtract(u.get(i), mean)));
        }
        IExpr sigma = F.Sqrt(F.Plus(F.Times(variance, F.QQ(1, m)), epsilon));
        for (int j = from; j < from + m; j++) {
          IExpr shift = weights.get(spec.normOffset(l) + j);
          IExpr scale = weights.get(spec.normOffset(l) + u.size() + j);
          normalized.add(F.Plus(F.Times(scale, F.Subtract(u.get(j), mean), F.Power(sigma, F.CN1)), shift));
        }
      }
      return normalized;
    }

    /** m^l_j, unit j from 0, of a dropped layer. */
    ISymbol mask(int l, int j) {
      return F.symbol("dropmask" + l + "x" + (j + 1));
    }

    void putMasks(NetworkSpec spec, double[][] masks, Map<IExpr, IExpr> values) {
      for (int l = 1; l <= spec.depth(); l++) {
        for (int j = 0; masks[l] != null && j < masks[l].length; j++) {
          values.put(mask(l, j), F.num(masks[l][j]));
        }
      }
    }

    ISymbol weight(NetworkSpec spec, int l, int i, int j) {
      return weights.get(spec.weightIndex(l, i, j));
    }

    Map<IExpr, IExpr> values(double[] w, double[] x, double[] d) {
      Map<IExpr, IExpr> values = new HashMap<>();
      for (int p = 0; p < w.length; p++) {
        values.put(weights.get(p), F.num(w[p]));
      }
      for (int i = 0; i < x.length; i++) {
        values.put(inputs[i], F.num(x[i]));
      }
      for (int j = 0; j < d.length; j++) {
        values.put(targets[j], F.num(d[j]));
      }
      return values;
    }
  }

  /** ∂E/∂w from the derivation's pieces, the way the generated code computes it, in doubles. */
  private static final class DeltaRecursion {
    private final Derivation derivation;
    private final SymbolicEngine engine;
    private final NetworkSpec spec;

    DeltaRecursion(Derivation derivation, SymbolicEngine engine) {
      this.derivation = derivation;
      this.engine = engine;
      this.spec = derivation.spec();
    }

    /** ∂E/∂w at w for the sample (x, d), with {@code masks[l]} fixed for each dropped layer l. */
    double[] gradient(double[] w, double[] x, double[] d, double[][] masks) {
      int depth = spec.depth();
      double[][] u = new double[depth + 1][];
      double[][] z = new double[depth + 1][];
      Norms[] norms = new Norms[depth + 1];
      z[0] = x;
      for (int l = 1; l <= depth; l++) {
        u[l] = weightedSums(w, l, z[l - 1]);
        if (spec.layer(l).hasNorm()) {
          norms[l] = Norms.forward(spec, l, w, u[l]);
        }
        z[l] = activations(w, l, norms[l] == null ? u[l] : norms[l].normalized);
        for (int j = 0; masks[l] != null && j < z[l].length; j++) {
          z[l][j] *= masks[l][j];
        }
        if (spec.layer(l).hasSkip()) {
          for (int j = 0; j < z[l].length; j++) {
            z[l][j] += z[spec.layer(l).skip().from()][j];
          }
        }
      }
      double[][] delta = new double[depth + 1][];
      double[][] outputGradient = new double[depth + 1][];
      delta[depth] = outputDeltas(u[depth], z[depth], d);
      double[] gradient = new double[w.length];
      for (int l = depth - 1; l >= 1; l--) {
        outputGradient[l] = outputGradient(w, l, delta[l + 1], outputGradient);
        double[] activated = outputGradient[l].clone();
        for (int j = 0; masks[l] != null && j < activated.length; j++) {
          activated[j] *= masks[l][j];
        }
        delta[l] = hiddenDeltas(w, l, norms[l] == null ? u[l] : norms[l].normalized, z[l], activated, gradient);
        if (norms[l] != null) {
          delta[l] = norms[l].backward(spec, l, w, delta[l], gradient);
        }
      }
      for (int l = 1; l <= depth; l++) {
        for (int i = spec.layer(l).bias() ? 0 : 1; i <= spec.units(l - 1); i++) {
          for (int j = 1; j <= spec.units(l); j++) {
            double input = i == 0 ? 1 : z[l - 1][i - 1];
            gradient[spec.weightIndex(l, i, j)] = delta[l][j - 1] * input;
          }
        }
      }
      return gradient;
    }

    private double[] weightedSums(double[] w, int l, double[] input) {
      double[] u = new double[spec.units(l)];
      for (int j = 1; j <= u.length; j++) {
        double sum = spec.layer(l).bias() ? w[spec.weightIndex(l, 0, j)] : 0;
        for (int i = 1; i <= input.length; i++) {
          sum += w[spec.weightIndex(l, i, j)] * input[i - 1];
        }
        u[j - 1] = sum;
      }
      return u;
    }

    private double[] activations(double[] w, int l, double[] u) {
      IExpr f = derivation.graph().activation(l).derivative().function();
      double[] z = new double[u.length];
      double total = 0;
      for (int j = 0; j < u.length; j++) {
        z[j] = value(f, at(l, w, u[j], Double.NaN));
        total += z[j];
      }
      if (spec.layer(l).activation().normalized()) {
        for (int j = 0; j < z.length; j++) {
          z[j] /= total;
        }
      }
      return z;
    }

    /** δ^L: the derived expression, or softmax's Jacobian applied to g = ∂ℓ/∂y. */
    private double[] outputDeltas(double[] u, double[] y, double[] d) {
      OutputDerivation output = derivation.output();
      double[] delta = new double[y.length];
      if (!output.needsJacobianProduct()) {
        for (int j = 0; j < y.length; j++) {
          delta[j] = value(output.delta(), Map.of(Y, y[j], D, d[j], U, u[j]));
        }
        return delta;
      }
      double dot = 0;
      for (int k = 0; k < y.length; k++) {
        delta[k] = value(output.lossGradient(), Map.of(Y, y[k], D, d[k]));
        dot += delta[k] * y[k];
      }
      for (int j = 0; j < y.length; j++) {
        delta[j] = y[j] * (delta[j] - dot);
      }
      return delta;
    }

    /** ∂E/∂z^l: through every u^{l+1}_k, and through each skip that adds z^l (its ∂E/∂z^m). */
    private double[] outputGradient(double[] w, int l, double[] next, double[][] outputGradients) {
      double[] gradient = new double[spec.units(l)];
      for (int j = 1; j <= gradient.length; j++) {
        double sum = 0;
        for (int k = 1; k <= next.length; k++) {
          sum += next[k - 1] * w[spec.weightIndex(l + 1, j, k)];
        }
        for (int m : spec.skipsFrom(l)) {
          sum += outputGradients[m][j - 1];
        }
        gradient[j - 1] = sum;
      }
      return gradient;
    }

    /**
     * δ^l, and into {@code gradient} ∂E/∂a^l = Σ_j ∂E/∂z^l_j ∂f/∂a for each learnable parameter;
     * {@code outputGradient} is ∂E/∂f_l(u^l), ∂E/∂z^l times the mask where layer l drops out.
     */
    private double[] hiddenDeltas(double[] w, int l, double[] u, double[] z, double[] outputGradient,
        double[] gradient) {
      IExpr derivative = derivation.graph().activation(l).derivative().chosen();
      List<LearnedGradient> learned = derivation.graph().activation(l).learned();
      double[] delta = new double[u.length];
      for (int j = 1; j <= u.length; j++) {
        double sum = outputGradient[j - 1];
        Map<ISymbol, Double> at = at(l, w, u[j - 1], z[j - 1]);
        delta[j - 1] = sum * value(derivative, at);
        for (LearnedGradient parameter : learned) {
          gradient[parameter.index()] += sum * value(parameter.derivative(), at);
        }
      }
      return delta;
    }

    /** u (and z, unless NaN) of one unit of layer l, with its activation's parameters from w. */
    private Map<ISymbol, Double> at(int l, double[] w, double u, double z) {
      Map<ISymbol, Double> values = new HashMap<>();
      values.put(U, u);
      if (!Double.isNaN(z)) {
        values.put(Z, z);
      }
      List<LearnedParameter> learned = spec.layer(l).activation().learned();
      for (int k = 0; k < learned.size(); k++) {
        values.put(F.symbol(learned.get(k).name()), w[spec.activationParameterOffset(l) + k]);
      }
      return values;
    }

    /** A normalized layer's û, x̂ and 1/σ of each unit's group, forward; δ from ∂E/∂û, backward. */
    private record Norms(double[] normalized, double[] standardized, double[] inverseSigma) {
      static Norms forward(NetworkSpec spec, int l, double[] w, double[] u) {
        int n = u.length;
        int m = spec.layer(l).norm().groupSize(n);
        Norms norms = new Norms(new double[n], new double[n], new double[n]);
        for (int from = 0; from < n; from += m) {
          double mean = 0;
          for (int i = from; i < from + m; i++) {
            mean += u[i] / m;
          }
          double variance = 0;
          for (int i = from; i < from + m; i++) {
            variance += (u[i] - mean) * (u[i] - mean) / m;
          }
          for (int j = from; j < from + m; j++) {
            norms.inverseSigma[j] = 1 / Math.sqrt(variance + spec.layer(l).norm().epsilon());
            norms.standardized[j] = (u[j] - mean) * norms.inverseSigma[j];
            norms.normalized[j] = w[spec.normOffset(l) + n + j] * norms.standardized[j] + w[spec.normOffset(l) + j];
          }
        }
        return norms;
      }

      /** The derivation's compact form, (1/σ)(g_j − mean g − x̂_j mean(g x̂)), g = γ ⊙ ∂E/∂û; ∂E/∂β, ∂E/∂γ. */
      double[] backward(NetworkSpec spec, int l, double[] w, double[] normalizedGradient, double[] gradient) {
        int n = normalizedGradient.length;
        int m = spec.layer(l).norm().groupSize(n);
        double[] delta = new double[n];
        for (int from = 0; from < n; from += m) {
          double mean = 0;
          double meanTimesStandardized = 0;
          for (int i = from; i < from + m; i++) {
            double g = w[spec.normOffset(l) + n + i] * normalizedGradient[i];
            mean += g / m;
            meanTimesStandardized += g * standardized[i] / m;
            gradient[spec.normOffset(l) + i] = normalizedGradient[i];
            gradient[spec.normOffset(l) + n + i] = normalizedGradient[i] * standardized[i];
          }
          for (int j = from; j < from + m; j++) {
            double g = w[spec.normOffset(l) + n + j] * normalizedGradient[j];
            delta[j] = inverseSigma[j] * (g - mean - standardized[j] * meanTimesStandardized);
          }
        }
        return delta;
      }
    }

    private double value(IExpr expression, Map<ISymbol, Double> values) {
      return engine.evalf(F.subst(expression, e -> {
        Double value = e.isSymbol() ? values.get((ISymbol) e) : null;
        return value == null ? F.NIL : F.num(value);
      }));
    }
  }
}
