package org.deltagen.codegen;

import com.palantir.javapoet.MethodSpec;

/**
 * A looped layer narrower than {@link RowCopyLayout#ROW_COPY_UNITS}: its loops index the flat
 * array, as copying a short row out costs more than the vectorized loop saves.
 */
final class FlatLayout extends WeightedSumLayout {
  FlatLayout(TrainerContext context, int l) {
    super(context, l);
  }

  /** u^l = w_0 + Σ_i z^{l-1}_i w_i of one sample, over the rows of the flat array. */
  @Override
  void weightedSums(MethodSpec.Builder forward) {
    context.slots().forEach(forward, (method, sample) -> {
      String u = sample.u(l);
      startWeightedSums(method, u);
      method.beginControlFlow("for (int i = 0; i < $L; i++)", spec.units(l - 1))
          .addStatement("$L zi = $L[i]", element.keyword(), sample.input(l))
          .addStatement("int row = $L", parameters.rowIndex(l, "i"))
          .beginControlFlow("for (int j = 0; j < $L; j++)", spec.units(l))
          .addStatement("$L[j] += zi * w[row + j]", u)
          .endControlFlow()
          .endControlFlow();
    });
  }

  @Override
  void weightGradient(MethodSpec.Builder backward) {
    biasGradient(backward);
    context.slots().forEach(backward, (method, sample) -> method
        .beginControlFlow("for (int i = 0; i < $L; i++)", spec.units(l - 1))
        .addStatement("$L zi = $L[i]", element.keyword(), sample.input(l))
        .addStatement("int row = $L", parameters.rowIndex(l, "i"))
        .beginControlFlow("for (int j = 0; j < $L; j++)", spec.units(l))
        .addStatement("g[row + j] += zi * $L[j]", sample.delta(l))
        .endControlFlow()
        .endControlFlow());
  }
}
