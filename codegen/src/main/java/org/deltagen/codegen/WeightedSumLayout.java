package org.deltagen.codegen;

import static org.deltagen.codegen.ParameterIndex.offset;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.deltagen.network.NetworkSpec;

/**
 * How layer l's weighted sum u^l_j = Σ_i w^l_{ij} z^{l-1}_i and its gradient ∂E/∂w^l_{ij} =
 * δ^l_j z^{l-1}_i are laid out in code, chosen once per layer: one statement per term
 * ({@link UnrolledLayout}), loops over the flat array ({@link FlatLayout}), or rows copied out
 * and applied to every slot ({@link RowCopyLayout}). Every layout sums in the same order, so all
 * three give the same bits.
 */
abstract class WeightedSumLayout {
  protected final TrainerContext context;
  protected final NetworkSpec spec;
  protected final ElementType element;
  protected final ParameterIndex parameters;
  /** The layer. */
  protected final int l;

  WeightedSumLayout(TrainerContext context, int l) {
    this.context = context;
    this.spec = context.spec();
    this.element = context.element();
    this.parameters = context.parameters();
    this.l = l;
  }

  /** The layout of layer l: unrolled up to {@code unrollLimit} parameters, else looped. */
  static WeightedSumLayout of(TrainerContext context, int l, int unrollLimit) {
    NetworkSpec spec = context.spec();
    if (unrolls(spec, l, unrollLimit)) {
      return new UnrolledLayout(context, l);
    }
    return copiesRows(spec, l, unrollLimit) ? new RowCopyLayout(context, l) : new FlatLayout(context, l);
  }

  /** Whether layer l is small enough to be written without loops. */
  static boolean unrolls(NetworkSpec spec, int l, int unrollLimit) {
    return spec.weightRows(l) * spec.units(l) <= unrollLimit;
  }

  /** Whether layer l is looped with each row copied out: see {@link RowCopyLayout}. */
  static boolean copiesRows(NetworkSpec spec, int l, int unrollLimit) {
    return !unrolls(spec, l, unrollLimit) && spec.units(l) >= RowCopyLayout.ROW_COPY_UNITS;
  }

  /** Writes u^l of every sample in the slots (of the one sample without slots). */
  abstract void weightedSums(MethodSpec.Builder forward);

  /** Adds ∂E/∂w^l of every sample in the slots to g. */
  abstract void weightGradient(MethodSpec.Builder backward);

  /** Whether the layer's units are written one statement each, so its activation's may be too. */
  boolean unrolled() {
    return false;
  }

  /**
   * Whether, in slots, the layer's gradient is bounded through the slots' δ and z rather than
   * read: see {@link DivergenceWriter}.
   */
  boolean bounded() {
    return context.slots().slotted();
  }

  /**
   * Clears the layer's block of g before a slotted batch: all of it, as the samples add into it;
   * a row-copying layer writes its rows afresh in the first block.
   */
  void clearGradient(CodeBlock.Builder code) {
    code.addStatement("$T.fill(g, $L, $L, $L)", Arrays.class, offset(l), parameters.weightEnd(l), element.literal(0));
  }

  /** ∂E/∂w^l_{0j} = δ^l_j: the bias row of g, for each slot. */
  protected void biasGradient(MethodSpec.Builder method) {
    if (!spec.layer(l).bias()) {
      return;
    }
    context.slots().forEach(method, (body, sample) -> body
        .beginControlFlow("for (int j = 0; j < $L; j++)", spec.units(l))
        .addStatement("g[$L + j] += $L[j]", offset(l), sample.delta(l))
        .endControlFlow());
  }

  /** Starts u^l from the bias row, or from zero without one: {@code u} is the row of u^l. */
  protected void startWeightedSums(MethodSpec.Builder method, String u) {
    if (spec.layer(l).bias()) {
      method.addStatement("$T.arraycopy(w, $L, $L, 0, $L)", System.class, offset(l), u, spec.units(l));
    } else {
      method.addStatement("$T.fill($L, $L)", Arrays.class, u, element.literal(0));
    }
  }

  /** (δ^l_1 w^l_{j1} + …), written out: the δ that layer l's sums send back to unit j of its input. */
  JavaExpression deltaToInput(Sample sample, int j) {
    List<JavaExpression> terms = new ArrayList<>();
    for (int k = 0; k < spec.units(l); k++) {
      terms.add(JavaExpression.multiplicative(
          sample.delta(l) + "[" + k + "] * " + parameters.element("w", l, parameters.inputRow(l, j), k)));
    }
    return JavaExpression.sum(terms);
  }

  /** {@code sum} = Σ_k δ^l_k w^l_{jk} for the input unit j of a loop, over row j of the block. */
  void sumDeltaToInput(MethodSpec.Builder method, Sample sample) {
    method.addStatement("int row = $L", parameters.rowIndex(l, "j"))
        .addStatement("$L sum = $L", element.keyword(), element.literal(0))
        .beginControlFlow("for (int k = 0; k < $L; k++)", spec.units(l))
        .addStatement("sum += $L[k] * w[row + k]", sample.delta(l))
        .endControlFlow();
  }
}
