package org.deltagen.codegen;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.lang.model.element.Modifier;
import org.deltagen.derive.LearnedGradient;
import org.deltagen.network.Layer;
import org.deltagen.network.LearnedParameter;
import org.deltagen.network.NetworkSpec;

/**
 * Writes the check that makes {@code step} and {@code fit} refuse a batch whose error or gradient
 * is not finite (NaN or infinite, seed 002's sign of exploding gradients), and the message that
 * says which layer and why.
 *
 * <p>A small layer's gradients are summed, squared, outright. A large layer's are not read at all
 * while they are provably finite: ∂E/∂w^l_{ij} = Σ_s δ^l_{sj} z^{l-1}_{si} over the batch's
 * samples s (z_0 = 1 for the bias), so by Cauchy–Schwarz |∂E/∂w^l_{ij}| ≤ ‖δ^l‖ ‖z^{l-1}‖, the
 * norms taken over the whole batch; the trainer measures those from its slot buffers, block by
 * block, at a cost in samples × units rather than in parameters (784-128-10's layer 1: 912 values a
 * sample against 100,480 gradients). Only where that bound exceeds {@link #DOUBLE_BOUND} (or
 * {@link #FLOAT_BOUND}), or is NaN, are the gradients themselves summed. The bound holds while g
 * is the sum of δ zᵀ over the batch: a term added to g elsewhere must be bounded here too.
 */
final class DivergenceWriter {
  /** Bounds below which a double or float gradient sum cannot overflow, with room for rounding. */
  static final double DOUBLE_BOUND = 1e300;
  static final double FLOAT_BOUND = 1e30;
  /** The independent sums of squares(): 8 doubles, one 64-byte cache line per iteration. */
  private static final int SUMS = 8;
  /** Ends the message of a batch refused for a non-finite gradient or error that its data does not explain. */
  private static final String ADVICE = "; lower the learning rate or clip";

  private final NetworkSpec spec;
  private final ElementType element;
  private final String math;
  /** Per layer l at l − 1: whether its gradient is bounded through δ and z instead of summed. */
  private final boolean[] bounded;
  private final MethodSpec gradientIsFinite;
  private final MethodSpec divergence;

  DivergenceWriter(NetworkSpec spec, ElementType element, String math, boolean[] bounded) {
    this.spec = spec;
    this.element = element;
    this.math = math;
    this.bounded = bounded.clone();
    this.gradientIsFinite = writeGradientIsFinite();
    this.divergence = writeDivergence();
  }

  private boolean boundsAny() {
    for (boolean layer : bounded) {
      if (layer) {
        return true;
      }
    }
    return false;
  }

  /** gradientIsFinite(error, samples): whether an update may use the batch just accumulated. */
  MethodSpec gradientIsFinite() {
    return gradientIsFinite;
  }

  /** divergence(xs, ds, error, order, from, to): why a batch was refused, for its exception. */
  MethodSpec divergence() {
    return divergence;
  }

  void addTo(TypeSpec.Builder type) {
    addFields(type);
    type.addMethod(squares());
    type.addMethod(gradientIsFinite);
    if (boundsAny()) {
      type.addMethod(measureBlock());
    }
    type.addMethod(squareGradients());
    type.addMethod(divergence);
    type.addMethod(nonFinite());
    type.addMethod(nonFiniteData());
    type.addMethod(parameterName());
  }

  /** Statements that start a batch's measurements, for the blocked accumulate. */
  CodeBlock startBatch() {
    if (!boundsAny()) {
      return CodeBlock.of("");
    }
    return CodeBlock.builder()
        .addStatement("$T.fill(deltaSquares, 0.0)", Arrays.class)
        .addStatement("$T.fill(activationSquares, 0.0)", Arrays.class)
        .build();
  }

  /** Statements after a block's backward pass, for the blocked accumulate. */
  CodeBlock endBlock() {
    return boundsAny() ? CodeBlock.of("measureBlock(count);\n") : CodeBlock.of("");
  }

  private void addFields(TypeSpec.Builder type) {
    CodeBlock.Builder units = CodeBlock.builder().add("{$L", spec.inputs());
    for (int l = 1; l <= spec.depth(); l++) {
      units.add(", $L", spec.units(l));
    }
    type.addField(FieldSpec.builder(int[].class, "UNITS", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
        .initializer(units.add("}").build())
        .addJavadoc("n_0 … n_L, for naming a parameter w^l_{ij} in messages.\n")
        .build());
    if (learns()) {
      CodeBlock.Builder learned = CodeBlock.builder().add("{0");
      spec.layers().forEach(layer -> learned.add(", $L", layer.normParameters() + layer.activation().learned().size()));
      type.addField(FieldSpec.builder(int[].class, "LEARNED", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
          .initializer(learned.add("}").build())
          .addJavadoc("Per layer l at l, how many parameters it learns after its weights ($L).\n",
              spec.layers().stream().anyMatch(Layer::hasNorm) ? "β, γ, an activation's" : "its activation's")
          .build());
    }
    type.addField(Vectors.perLayer("gradientSquares", spec.depth(),
        "Per layer, Σ (∂E/∂w)² over its block, taken by {@link #squareGradients} for the clipping,\n"
            + "the listener's norms and the message of a refused batch.\n"));
    if (!boundsAny()) {
      return;
    }
    CodeBlock.Builder table = CodeBlock.builder().add("{");
    for (int l = 1; l <= spec.depth(); l++) {
      table.add(l == 1 ? "$L" : ", $L", bounded[l - 1]);
    }
    type.addField(FieldSpec.builder(boolean[].class, "BOUNDED", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
        .initializer(table.add("}").build())
        .addJavadoc("Per layer, whether {@link #gradientIsFinite} bounds its gradient through δ and z rather than\n"
            + "summing it: the layers too large to unroll.\n")
        .build());
    type.addField(Vectors.perLayer("deltaSquares", spec.depth(),
        "Per bounded layer l, ‖δ^l‖² over the batch so far.\n"));
    type.addField(Vectors.perLayer("activationSquares", spec.depth(),
        "Per bounded layer l, ‖z^{l-1}‖² over the batch so far, without the bias's 1s.\n"));
  }

  /**
   * squares: C2 does not vectorize a sum of doubles (it must keep their order), so independent
   * sums keep it from waiting on each add: over 101,770 values, 17 µs with eight, 55 µs with one.
   */
  private MethodSpec squares() {
    String square = element == ElementType.FLOAT ? "(double) values[$L] * values[$L]" : "values[$L] * values[$L]";
    List<String> sums = new ArrayList<>();
    for (int k = 0; k < SUMS; k++) {
      sums.add("s" + k);
    }
    MethodSpec.Builder method = MethodSpec.methodBuilder("squares")
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .returns(double.class)
        .addJavadoc("Σ values[p]² for p from {@code from} to {@code to} − 1, in double, as $L interleaved sums so\n"
            + "that the adds do not wait on each other.\n", SUMS)
        .addParameter(element.array(), "values")
        .addParameter(int.class, "from")
        .addParameter(int.class, "to")
        .addStatement("double $L", String.join(" = 0.0, ", sums) + " = 0.0")
        .addStatement("int p = from")
        .beginControlFlow("for (; p + $L < to; p += $L)", SUMS - 1, SUMS);
    for (int k = 0; k < SUMS; k++) {
      String index = k == 0 ? "p" : "p + " + k;
      method.addStatement("s$L += " + square, k, index, index);
    }
    return method.endControlFlow()
        .beginControlFlow("for (; p < to; p++)")
        .addStatement("s0 += " + square, "p", "p")
        .endControlFlow()
        .addStatement("return $L", pairwise(sums))
        .build();
  }

  /** {@code (s0 + s1) + (s2 + s3)}, and so on: the sums added in pairs. */
  private static String pairwise(List<String> terms) {
    if (terms.size() == 1) {
      return terms.get(0);
    }
    int half = terms.size() / 2;
    String left = pairwise(terms.subList(0, half));
    String right = pairwise(terms.subList(half, terms.size()));
    return (half > 1 ? "(" + left + ")" : left) + " + " + (terms.size() - half > 1 ? "(" + right + ")" : right);
  }

  private MethodSpec writeGradientIsFinite() {
    MethodSpec.Builder method = MethodSpec.methodBuilder("gradientIsFinite")
        .addModifiers(Modifier.PRIVATE)
        .returns(boolean.class)
        .addJavadoc("$L\n", JavaComments.javadoc("Whether the batch error and every ∂E/∂w of the batch just"
            + " accumulated are finite, as an update needs. A finite Σ g² means every g is finite" + (boundsAny()
                ? "; a large layer's gradient is finite without being read while ‖δ^l‖ ‖z^{l-1}‖, which bounds it,"
                    + " is below " + bound()
                : "") + "."))
        .addParameter(double.class, "error")
        .addParameter(int.class, "samples")
        .beginControlFlow("for (int l = 1; l <= $L; l++)", spec.depth());
    if (boundsAny()) {
      method.addComment("|Σ_s δ_sj z_si| ≤ ‖δ‖ ‖z‖ over the batch (Cauchy–Schwarz), the bias's z_0 = 1")
          .addComment("counted once a sample")
          .beginControlFlow("if (BOUNDED[l - 1]$W&& $L.sqrt(deltaSquares[l - 1])$W* $L.sqrt(activationSquares[l - 1] + samples)"
              + "$W<= $L)", math, math, bound())
          .addStatement("continue")
          .endControlFlow();
    }
    return method.beginControlFlow("if (!$T.isFinite(squares(g, BLOCKS[l - 1], BLOCKS[l])))", Double.class)
        .addStatement("return false")
        .endControlFlow()
        .endControlFlow()
        .addStatement("return $T.isFinite(error)", Double.class)
        .build();
  }

  /** Below this bound a sum of the element type's products cannot overflow. */
  private double bound() {
    return element == ElementType.FLOAT ? FLOAT_BOUND : DOUBLE_BOUND;
  }

  private MethodSpec measureBlock() {
    MethodSpec.Builder method = MethodSpec.methodBuilder("measureBlock")
        .addModifiers(Modifier.PRIVATE)
        .addJavadoc("Adds ‖δ^l‖² and ‖z^{l-1}‖² of the samples in slots 0 to count − 1 for each bounded\n"
            + "layer.\n")
        .addParameter(int.class, "count")
        .beginControlFlow("for (int s = 0; s < count; s++)");
    for (int l = 1; l <= spec.depth(); l++) {
      if (bounded[l - 1]) {
        method.addStatement("deltaSquares[$L] += squares(delta$L[s], 0, $L)", l - 1, l, spec.units(l))
            .addStatement("activationSquares[$L] += squares($L[s], 0, $L)", l - 1, l == 1 ? "inputs" : "z" + (l - 1),
                spec.units(l - 1));
      }
    }
    return method.endControlFlow().build();
  }

  private MethodSpec squareGradients() {
    return MethodSpec.methodBuilder("squareGradients")
        .addModifiers(Modifier.PRIVATE)
        .addJavadoc("Takes each layer's Σ (∂E/∂w)² into {@link #gradientSquares}.\n")
        .beginControlFlow("for (int l = 1; l <= $L; l++)", spec.depth())
        .addStatement("gradientSquares[l - 1] = squares(g, BLOCKS[l - 1], BLOCKS[l])")
        .endControlFlow()
        .build();
  }

  private MethodSpec writeDivergence() {
    return MethodSpec.methodBuilder("divergence")
        .addModifiers(Modifier.PRIVATE)
        .returns(String.class)
        .addJavadoc("Why a batch's gradient or error is not finite, for the ArithmeticException of {@code step}\n"
            + "and {@code fit}: the first layer whose gradient is not, then the first input, target or\n"
            + "parameter that is not, or else the error. Takes {@link #gradientSquares} on the way.\n")
        .addParameter(element.samples(), "xs")
        .addParameter(element.samples(), "ds")
        .addParameter(double.class, "error")
        .addParameter(int[].class, "order")
        .addParameter(int.class, "from")
        .addParameter(int.class, "to")
        .addStatement("squareGradients()")
        .addStatement("int layer = 1")
        .beginControlFlow("while (layer <= $L && $T.isFinite(gradientSquares[layer - 1]))", spec.depth(), Double.class)
        .addStatement("layer++")
        .endControlFlow()
        .addStatement("$T what = \"the error E is \" + error", String.class)
        .beginControlFlow("if (layer <= $L)", spec.depth())
        .addStatement("what = \"the gradient of layer \" + layer + nonFinite(g, BLOCKS[layer - 1], BLOCKS[layer])")
        .endControlFlow()
        .addStatement("$T cause = nonFiniteData(xs, ds, order, from, to)", String.class)
        .beginControlFlow("if (cause != null)")
        .addStatement("return what + \": \" + cause")
        .endControlFlow()
        .beginControlFlow("if (layer <= $L && !$T.isFinite(error))", spec.depth(), Double.class)
        .addStatement("what += \": the error E is \" + error")
        .endControlFlow()
        .addStatement("return what + $S", ADVICE)
        .build();
  }

  private MethodSpec nonFinite() {
    return MethodSpec.methodBuilder("nonFinite")
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .returns(String.class)
        .addJavadoc("How values {@code from} to {@code to} − 1, whose Σ values² is not finite, are not finite:\n"
            + "as their first NaN or infinite value is, or else by overflowing.\n")
        .addParameter(element.array(), "values")
        .addParameter(int.class, "from")
        .addParameter(int.class, "to")
        .beginControlFlow("for (int p = from; p < to; p++)")
        .beginControlFlow("if (!$T.isFinite(values[p]))", Double.class)
        .addStatement("return $T.isNaN(values[p]) ? \" is NaN\" : \" is infinite\"", Double.class)
        .endControlFlow()
        .endControlFlow()
        .addStatement("return \" overflows (its values are finite, the sum of their squares is not)\"")
        .build();
  }

  private MethodSpec nonFiniteData() {
    return MethodSpec.methodBuilder("nonFiniteData")
        .addModifiers(Modifier.PRIVATE)
        .returns(String.class)
        .addJavadoc("The first input or target of samples {@code from} to {@code to} − 1 (through {@code order}\n"
            + "when given), or else the first parameter, that is NaN or infinite, named; null if none is.\n")
        .addParameter(element.samples(), "xs")
        .addParameter(element.samples(), "ds")
        .addParameter(int[].class, "order")
        .addParameter(int.class, "from")
        .addParameter(int.class, "to")
        .addCode(firstNonFiniteValue("input", "xs", "INPUTS"))
        .addCode(firstNonFiniteValue("target", "ds", "OUTPUTS"))
        .beginControlFlow("for (int p = 0; p < PARAMETERS; p++)")
        .beginControlFlow("if (!$T.isFinite(w[p]))", Double.class)
        .addStatement("return \"the parameter \" + parameterName(p) + \" is \" + w[p]")
        .endControlFlow()
        .endControlFlow()
        .addStatement("return null")
        .build();
  }

  /** A loop over the batch's samples that returns the first {@code what} of {@code samples} that is not finite. */
  private static CodeBlock firstNonFiniteValue(String what, String samples, String size) {
    return CodeBlock.builder()
        .beginControlFlow("for (int s = from; s < to; s++)")
        .addStatement("int sample = order == null ? s : order[s]")
        .beginControlFlow("for (int i = 0; i < $L; i++)", size)
        .beginControlFlow("if (!$T.isFinite($L[sample][i]))", Double.class, samples)
        .addStatement("return \"the $L $L[\" + sample + \"][\" + i + \"] is \" + $L[sample][i]", what, samples, samples)
        .endControlFlow()
        .endControlFlow()
        .endControlFlow()
        .build();
  }

  private MethodSpec parameterName() {
    MethodSpec.Builder method = MethodSpec.methodBuilder("parameterName")
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .returns(String.class)
        .addJavadoc("Parameter {@code p}'s name in the notation, w^l_{ij}$L, for messages.\n",
            learns() ? " or an activation's a^l" : "")
        .addParameter(int.class, "p");
    for (int l = 1; l <= spec.depth(); l++) {
      if (spec.layer(l).hasNorm()) {
        String norm = ParameterIndex.norm(l);
        int units = spec.units(l);
        method.beginControlFlow("if (p >= $L && p < $L + $L)", norm, norm, 2 * units)
            .addStatement("return (p < $L + $L ? \"β^$L_\" : \"γ^$L_\") + ((p - $L) % $L + 1)", norm, units, l, l, norm,
                units)
            .endControlFlow();
      }
      List<LearnedParameter> learned = spec.layer(l).activation().learned();
      for (int k = 0; k < learned.size(); k++) {
        String index = k == 0 ? ParameterIndex.learned(l) : ParameterIndex.learned(l) + " + " + k;
        method.beginControlFlow("if (p == $L)", index)
            .addStatement("return $S", LearnedGradient.name(learned.get(k), l))
            .endControlFlow();
      }
    }
    method.addStatement("int l = UNITS.length - 1")
        .beginControlFlow("while (p < BLOCKS[l - 1])")
        .addStatement("l--")
        .endControlFlow()
        .addStatement("int row = (p - BLOCKS[l - 1]) / UNITS[l]")
        .addComment("a block without a bias row has n_{l-1} rows, the first of them i = 1");
    String weights = learns() ? "(BLOCKS[l] - BLOCKS[l - 1] - LEARNED[l])" : "(BLOCKS[l] - BLOCKS[l - 1])";
    return method.addStatement("boolean bias = $L / UNITS[l] > UNITS[l - 1]", weights)
        .addStatement("return \"w^\" + l + \"_{\" + (bias ? row : row + 1) + \",\"$W+ ((p - BLOCKS[l - 1]) % UNITS[l] + 1) + \"}\"")
        .build();
  }

  /** Whether some layer learns parameters after its weights (β, γ, a^l), which parameterName names apart. */
  private boolean learns() {
    return spec.layers().stream().anyMatch(layer -> layer.activation().learns() || layer.hasNorm());
  }
}
