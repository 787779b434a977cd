package org.deltagen.codegen;

import com.palantir.javapoet.MethodSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * A small layer written as straight-line code, one statement per unit or parameter, in the order
 * of operations of the loops, so that both give the same bits.
 */
final class UnrolledLayout extends WeightedSumLayout {
  UnrolledLayout(TrainerContext context, int l) {
    super(context, l);
  }

  @Override
  boolean unrolled() {
    return true;
  }

  @Override
  boolean bounded() {
    return false;
  }

  /** u^l_j = w_0j + z_1 w_1j + … as one statement per unit, summed in the loops' order. */
  @Override
  void weightedSums(MethodSpec.Builder forward) {
    boolean bias = spec.layer(l).bias();
    context.slots().forEach(forward, (method, sample) -> {
      String input = sample.input(l);
      for (int j = 0; j < spec.units(l); j++) {
        List<JavaExpression> terms = new ArrayList<>();
        if (bias) {
          terms.add(JavaExpression.primary(parameters.element("w", l, 0, j)));
        }
        for (int i = 0; i < spec.units(l - 1); i++) {
          terms.add(JavaExpression.multiplicative(
              input + "[" + i + "] * " + parameters.element("w", l, parameters.inputRow(l, i), j)));
        }
        method.addStatement("$L[$L] = $L", sample.u(l), j, JavaExpression.sum(terms).code());
      }
    });
  }

  /** ∂E/∂w^l_{ij} += δ^l_j z^{l-1}_i as one statement per parameter, in the loops' order. */
  @Override
  void weightGradient(MethodSpec.Builder backward) {
    int n = spec.units(l);
    context.slots().forEach(backward, (method, sample) -> {
      String delta = sample.delta(l);
      if (spec.layer(l).bias()) {
        for (int j = 0; j < n; j++) {
          method.addStatement("$L += $L[$L]", parameters.element("g", l, 0, j), delta, j);
        }
      }
      String input = sample.input(l);
      for (int i = 0; i < spec.units(l - 1); i++) {
        for (int j = 0; j < n; j++) {
          method.addStatement("$L += $L[$L] * $L[$L]",
              parameters.element("g", l, parameters.inputRow(l, i), j), input, i, delta, j);
        }
      }
    });
  }
}
