package org.deltagen.codegen;

import static org.deltagen.codegen.ParameterIndex.offset;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A looped layer at least {@link #ROW_COPY_UNITS} wide, in slots: each row of its w (or g) is
 * copied into {@code rowCopy} once and applied to every slot. C2 vectorizes a loop over
 * {@code rowCopy[j]} and a slot's {@code u[j]}, but not one over {@code w[row + j]}, whose index
 * carries the row's offset (LayoutBenchmark in benchmarks/). A sample's arithmetic and the order
 * in which samples add into g are those of one sample at a time, so the results are the same to
 * the bit.
 */
final class RowCopyLayout extends WeightedSumLayout {
  /**
   * Looped layers at least this wide copy each row out; narrower ones loop over the flat array,
   * as copying a short row costs more than the vectorized loop saves.
   */
  static final int ROW_COPY_UNITS = 64;
  /**
   * Terms added per statement in the row-copying loops: four rows of w to a slot's u, four slots'
   * terms to a row of g. Written as {@code u[j] = u[j] + a·r0[j] + b·r1[j] + …}, which Java
   * evaluates left to right, so the sums are those of four loops one after the other; the loop
   * loads and stores u once per four terms instead of once per term. LayoutBenchmark, 32 samples
   * through 784 × 128 (BENCHMARKS.md): sums 416 → 252 µs, gradient 416 → 371 µs; eight terms
   * take 264 and 349 µs, not enough of a gain to write two forms.
   */
  static final int TERMS = 4;

  RowCopyLayout(TrainerContext context, int l) {
    super(context, l);
  }

  /** The length of {@code rowCopy} this layer needs: {@link #TERMS} rows. */
  static int rowCopyLength(int units) {
    return TERMS * units;
  }

  /**
   * u^l = w_0 + Σ_i z^{l-1}_i w_i for every slot: each row w_i copied out once, then added to each
   * slot's u in an axpy loop.
   */
  @Override
  void weightedSums(MethodSpec.Builder method) {
    int n = spec.units(l);
    FieldSpec u = context.vectors().u(l);
    method.beginControlFlow("for (int s = 0; s < count; s++)");
    startWeightedSums(method, u.name() + "[s]");
    method.endControlFlow();
    int inputs = spec.units(l - 1);
    int grouped = inputs - inputs % TERMS;
    if (grouped > 0) {
      List<JavaExpression> terms = new ArrayList<>(List.of(JavaExpression.primary(u.name() + "[j]")));
      for (int t = 0; t < TERMS; t++) {
        terms.add(JavaExpression.multiplicative("zi" + t + " * rowCopy[" + (t == 0 ? "" : t * n + " + ") + "j]"));
      }
      method.addComment("$L rows at a time: one load and store of u per $L terms", TERMS, TERMS)
          .beginControlFlow("for (int i = 0; i < $L; i += $L)", grouped, TERMS)
          .addStatement("$T.arraycopy(w, $L, rowCopy, 0, $L)", System.class, parameters.rowIndex(l, "i"), TERMS * n)
          .beginControlFlow("for (int s = 0; s < count; s++)")
          .addStatement("$T input = $N[s]", element.array(), inputOf());
      for (int t = 0; t < TERMS; t++) {
        method.addStatement("$L zi$L = input[i$L]", element.keyword(), t, t == 0 ? "" : " + " + t);
      }
      method.addStatement("$T $N = this.$N[s]", element.array(), u, u)
          .beginControlFlow("for (int j = 0; j < $L; j++)", n)
          .addStatement("$N[j] = $L", u, JavaExpression.sum(terms).code())
          .endControlFlow()
          .endControlFlow()
          .endControlFlow();
    }
    if (grouped < inputs) {
      method.beginControlFlow("for (int i = $L; i < $L; i++)", grouped, inputs)
          .addStatement("$T.arraycopy(w, $L, rowCopy, 0, $L)", System.class, parameters.rowIndex(l, "i"), n)
          .beginControlFlow("for (int s = 0; s < count; s++)");
      axpy(method, u, u.name() + "[j] += zi * rowCopy[j]");
      method.endControlFlow().endControlFlow();
    }
  }

  /**
   * Each row of g is copied out, gets every slot's term in slot order, four slots at a time, and
   * is copied back.
   */
  @Override
  void weightGradient(MethodSpec.Builder method) {
    biasGradient(method);
    int n = spec.units(l);
    FieldSpec delta = context.vectors().delta(l);
    List<JavaExpression> terms = new ArrayList<>(List.of(JavaExpression.primary("rowCopy[j]")));
    for (int t = 0; t < TERMS; t++) {
      terms.add(JavaExpression.multiplicative("zi" + t + " * " + delta.name() + "_" + t + "[j]"));
    }
    method.beginControlFlow("for (int i = 0; i < $L; i++)", spec.units(l - 1))
        .addStatement("int row = $L", parameters.rowIndex(l, "i"))
        .beginControlFlow("if (fresh)")
        .addStatement("$T.fill(rowCopy, 0, $L, $L)", Arrays.class, n, element.literal(0))
        .nextControlFlow("else")
        .addStatement("$T.arraycopy(g, row, rowCopy, 0, $L)", System.class, n)
        .endControlFlow()
        .addStatement("int s = 0")
        .beginControlFlow("for (; s + $L <= count; s += $L)", TERMS, TERMS);
    for (int t = 0; t < TERMS; t++) {
      String slot = t == 0 ? "s" : "s + " + t;
      method.addStatement("$L zi$L = $N[$L][i]", element.keyword(), t, inputOf(), slot)
          .addStatement("$T $N_$L = $N[$L]", element.array(), delta, t, delta, slot);
    }
    method.beginControlFlow("for (int j = 0; j < $L; j++)", n)
        .addStatement("rowCopy[j] = $L", JavaExpression.sum(terms).code())
        .endControlFlow()
        .endControlFlow()
        .beginControlFlow("for (; s < count; s++)");
    axpy(method, delta, "rowCopy[j] += zi * " + delta.name() + "[j]");
    method.endControlFlow()
        .addStatement("$T.arraycopy(rowCopy, 0, g, row, $L)", System.class, n)
        .endControlFlow();
  }

  /** Only the bias row: the first block's pass writes the rows of g afresh. */
  @Override
  void clearGradient(CodeBlock.Builder code) {
    if (spec.layer(l).bias()) {
      code.addStatement("$T.fill(g, $L, $L + $L, $L)", Arrays.class, offset(l), offset(l), spec.units(l),
          element.literal(0));
    }
  }

  /** The slots' z^{l-1}: the inputs for the first layer. */
  private FieldSpec inputOf() {
    return l == 1 ? context.vectors().inputs() : context.vectors().z(l - 1);
  }

  /**
   * The body of a loop over slots s: zi = slot s's z^{l-1}_i, its row of {@code buffer} under the
   * buffer's name, and {@code statement} over the layer's units j.
   */
  private void axpy(MethodSpec.Builder method, FieldSpec buffer, String statement) {
    method.addStatement("$L zi = $N[s][i]", element.keyword(), inputOf())
        .addStatement("$T $N = this.$N[s]", element.array(), buffer, buffer)
        .beginControlFlow("for (int j = 0; j < $L; j++)", spec.units(l))
        .addStatement("$L", statement)
        .endControlFlow();
  }
}
