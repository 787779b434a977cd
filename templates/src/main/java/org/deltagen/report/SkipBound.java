package org.deltagen.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.deltagen.network.NetworkSpec;

/**
 * The vanishing-gradient bound of a network with skips, in TeX built from numbers and layer
 * indices only. Going back from z^l to z^{l-1} through u^l multiplies by f_l' (at most max|f_l'|,
 * apart from the weights); a skip z^m = f_m(u^m) + z^k passes ∂E/∂z^m to z^k with the factor 1,
 * the identity term of the Jacobian ∂z^m/∂z^k. The bound on what reaches δ^1 is the largest
 * product over these paths, against the product over every layer without the skips.
 */
final class SkipBound {
  private SkipBound() {}

  /** The paragraph for the report, or empty when the network has no skip or no hidden layer. */
  static String tex(NetworkSpec spec, double[] maxima) {
    int depth = spec.depth();
    if (depth < 2 || spec.layers().stream().noneMatch(layer -> layer.hasSkip())) {
      return "";
    }
    // reach[k]: the largest bound on ∂E/∂z^k relative to ∂E/∂z^{L-1}; factors[k]: how many f' it crosses.
    double[] reach = new double[depth];
    int[] factors = new int[depth];
    reach[depth - 1] = 1;
    for (int k = depth - 2; k >= 1; k--) {
      reach[k] = reach[k + 1] * maxima[k + 1];
      factors[k] = factors[k + 1] + 1;
      for (int m : spec.skipsFrom(k)) {
        if (reach[m] > reach[k] || reach[m] == reach[k] && factors[m] < factors[k]) {
          reach[k] = reach[m];
          factors[k] = factors[m];
        }
      }
    }
    double without = 1;
    for (int l = 1; l < depth; l++) {
      without *= maxima[l];
    }
    double with = reach[1] * maxima[1];
    return "With the skips, $z^{(l)}_j = f_l\\bigl(u^{(l)}_j\\bigr) + z^{(k)}_j$ gives"
        + " $\\pd{z^{(l)}_j}{z^{(k)}_j} = 1$: the Jacobian $\\pd{z^{(l)}}{z^{(k)}}$ gains the identity, so"
        + " $\\pd{E}{z^{(k)}}$ receives $\\pd{E}{z^{(l)}}$ whole, not multiplied by the derivatives of the"
        + " layers in between (" + skips(spec) + "). Going back from $z^{(" + (depth - 1) + ")}$, each"
        + " layer passed through $u^{(l)}$ multiplies by at most $\\max|f_l'|$ and each skip by 1, so a"
        + " $\\delta^{(1)}$ is scaled by at most " + number(with) + " along the best path, which crosses "
        + (factors[1] + 1) + " of the " + (depth - 1) + " activation derivatives; through every layer,"
        + " as without the skips, the bound is " + number(without) + "."
        + (with > without ? " The identity paths keep the bound from shrinking geometrically with depth."
            : " Here the skips bypass no derivative on the way to layer 1, so the bound is the same.");
  }

  /** "skip=1 into layer 2, skip=0 into layer 3". */
  private static String skips(NetworkSpec spec) {
    List<String> skips = new ArrayList<>();
    for (int l = 1; l <= spec.depth(); l++) {
      if (spec.layer(l).hasSkip()) {
        skips.add("$z^{(" + spec.layer(l).skip().from() + ")}$ into layer " + l);
      }
    }
    return String.join(", ", skips);
  }

  private static String number(double value) {
    return String.format(Locale.ROOT, "%.4g", value);
  }
}
