package org.deltagen.codegen;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import java.util.List;
import java.util.function.Function;
import javax.lang.model.element.Modifier;

/**
 * Writes how a batch goes through the passes: one sample at a time, or SLOTS samples at a time
 * through the slots, adding each sample's gradient in the batch's order either way.
 */
final class BatchWriter {
  private final TypeName samples;
  private final String math;
  private final boolean slotted;
  /** Whether a training batch goes through the slots whole, which grow to it (batch norm). */
  private final boolean grows;
  private final List<WeightedSumLayout> layouts;
  private final TrainerContext context;
  /** The draw of fresh dropout masks before a training pass of the given slots. */
  private final Function<String, CodeBlock> drawMasks;
  private final DivergenceWriter divergenceWriter;
  private final Passes passes;
  private final MethodSpec takeSamples;
  /** Clears the activations' learnable parameters' gradients before a slotted batch. */
  private final CodeBlock clearLearned;

  /** The methods of the passes that a batch runs: the slotted ones, or one sample's. */
  record Passes(MethodSpec forward, MethodSpec error, MethodSpec backpropagate, MethodSpec zeroGradients,
      MethodSpec backward, MethodSpec loss) {}

  BatchWriter(TrainerContext context, List<WeightedSumLayout> layouts, DivergenceWriter divergenceWriter,
      Passes passes, Function<String, CodeBlock> drawMasks) {
    this.samples = context.element().samples();
    this.math = context.math();
    this.slotted = context.slots().slotted();
    this.grows = context.slots().grows();
    this.layouts = List.copyOf(layouts);
    this.context = context;
    this.drawMasks = drawMasks;
    this.divergenceWriter = divergenceWriter;
    this.passes = passes;
    this.takeSamples = writeTakeSamples(context.vectors());
    this.clearLearned = LearnedWriter.clearGradient(context.spec(), context.element());
  }

  MethodSpec accumulate() {
    return overSamples("accumulate", "from", "to")
        .returns(double.class)
        .addJavadoc("Clears the gradients and adds those of samples {@code from} to {@code to} (through\n"
            + "{@code order} when given); returns the sum of their errors.\n")
        .addCode(slotted ? blockedAccumulation() : CodeBlock.builder()
            .addStatement("$N()", passes.zeroGradients())
            .addStatement("double error = 0.0")
            .beginControlFlow("for (int s = from; s < to; s++)")
            .addStatement("int sample = order == null ? s : order[s]")
            .addStatement("error += $N(xs[sample], ds[sample])", passes.backward())
            .endControlFlow()
            .addStatement("return error")
            .build())
        .build();
  }

  /** accumulate's body in slots: the samples go into the slots SLOTS at a time. */
  private CodeBlock blockedAccumulation() {
    CodeBlock.Builder code = CodeBlock.builder()
        .add("// The first block's pass writes the looped layers' rows of g afresh; the rest is cleared.\n");
    layouts.forEach(layout -> layout.clearGradient(code));
    code.add(clearLearned);
    return code
        .add(divergenceWriter.startBatch())
        .addStatement("double error = 0.0")
        .add(grows ? wholeBatch() : blocks("from", "to", "order", true, CodeBlock.builder()
            .addStatement("$N(count, start == from)", passes.backpropagate())
            .add(divergenceWriter.endBlock())
            .build()))
        .addStatement("return error")
        .build();
  }

  /**
   * The batch as one block, the slots grown to hold it, through the forward pass in training mode
   * and back: batch norm takes its statistics over all of its samples. The unbiased running
   * variance needs two samples at least, as torch's {@code BatchNorm1d} does in training.
   */
  private CodeBlock wholeBatch() {
    return CodeBlock.builder()
        .addStatement("int count = to - from")
        .beginControlFlow("if (count < 2)")
        .addStatement("throw new $T($S + count)", IllegalArgumentException.class,
            "norm=batch takes its statistics over the batch, so a training batch needs at least 2 samples, got ")
        .endControlFlow()
        .addStatement("growSlots(count)")
        .addStatement("$N(xs, ds, order, from, count)", takeSamples)
        .addStatement("$N(count, true)", passes.forward())
        .beginControlFlow("for (int s = 0; s < count; s++)")
        .addStatement("error += $N(s)", passes.error())
        .endControlFlow()
        .addStatement("$N(count, true)", passes.backpropagate())
        .add(divergenceWriter.endBlock())
        .build();
  }

  /**
   * trainingLoss(xs, ds) of a batched trainer: Σ_s E_s of the batch in training mode, its
   * statistics the batch's, as {@link #accumulate} computes it, without gradients and without
   * moving the running statistics.
   */
  MethodSpec trainingErrors() {
    return MethodSpec.methodBuilder("trainingLoss")
        .addModifiers(Modifier.PUBLIC)
        .returns(double.class)
        .addJavadoc("The sum of E over the batch in training mode, batch norm taking the batch's statistics, as\n"
            + "{@link #step} computes it; the gradients and the running statistics are left as they are. For a\n"
            + "gradient check.\n")
        .addParameter(samples, "xs")
        .addParameter(samples, "ds")
        .addStatement("checkBatch(xs, ds)")
        .addStatement("growSlots(xs.length)")
        .addStatement("$N(xs, ds, null, 0, xs.length)", takeSamples)
        .addStatement("$N(xs.length, true)", passes.forward())
        .addStatement("double error = 0.0")
        .beginControlFlow("for (int s = 0; s < xs.length; s++)")
        .addStatement("error += $N(s)", passes.error())
        .endControlFlow()
        .addStatement("return error")
        .build();
  }

  /**
   * batchGradient(xs, ds) of a batched trainer: the gradients cleared and ∂(Σ_s E_s)/∂w of the batch
   * written, as {@link #step} computes them; the running statistics are left as they are.
   */
  MethodSpec batchGradient(MethodSpec accumulate) {
    return MethodSpec.methodBuilder("batchGradient")
        .addModifiers(Modifier.PUBLIC)
        .returns(double.class)
        .addJavadoc("Clears {@link #gradients()} and writes ∂(Σ_s E_s)/∂w of the batch into it, in training mode, as\n"
            + "{@link #step} does before its update; returns Σ_s E_s. The running statistics are left as they are.\n"
            + "A network with norm=batch has no gradient of one sample alone: its samples are coupled.\n")
        .addParameter(samples, "xs")
        .addParameter(samples, "ds")
        .addStatement("checkBatch(xs, ds)")
        .addStatement("return $N(xs, ds, null, 0, xs.length)", accumulate)
        .build();
  }

  /**
   * The loop over samples {@code from} to {@code to}, SLOTS at a time: each block goes into the
   * slots, through the forward pass in training mode or not and into {@code error}, then {@code
   * then} runs on it.
   */
  private CodeBlock blocks(String from, String to, String order, boolean training, CodeBlock then) {
    return CodeBlock.builder()
        .beginControlFlow("for (int start = $L; start < $L; start += SLOTS)", from, to)
        .addStatement("int count = $L.min(SLOTS, $L - start)", math, to)
        .addStatement("$N(xs, ds, $L, start, count)", takeSamples, order)
        .add(training ? drawMasks.apply("count") : CodeBlock.of(""))
        .addStatement("$N(count$L)", passes.forward(), context.mode(training))
        .beginControlFlow("for (int s = 0; s < count; s++)")
        .addStatement("error += $N(s)", passes.error())
        .endControlFlow()
        .add(then)
        .endControlFlow()
        .build();
  }

  /** A private method over samples of xs and ds, taken through {@code order} when it is not null. */
  private MethodSpec.Builder overSamples(String name, String first, String second) {
    return MethodSpec.methodBuilder(name)
        .addModifiers(Modifier.PRIVATE)
        .addParameter(samples, "xs")
        .addParameter(samples, "ds")
        .addParameter(ArrayTypeName.of(int.class), "order")
        .addParameter(int.class, first)
        .addParameter(int.class, second);
  }

  /** takeSamples, which puts samples into the slots; null without slots. */
  MethodSpec takeSamples() {
    return takeSamples;
  }

  private MethodSpec writeTakeSamples(Vectors vectors) {
    if (!slotted) {
      return null;
    }
    return overSamples("takeSamples", "start", "count")
        .addJavadoc("Puts samples {@code start} to {@code start + count − 1} (through {@code order} when given)\n"
            + "into the slots.\n")
        .beginControlFlow("for (int s = 0; s < count; s++)")
        .addStatement("int sample = order == null ? start + s : order[start + s]")
        .addStatement("$N[s] = xs[sample]", vectors.inputs())
        .addStatement("$N[s] = ds[sample]", vectors.targets())
        .endControlFlow()
        .build();
  }

  /** errors: Σ_s E_s by forward passes alone, for loss(xs, ds). */
  MethodSpec errors() {
    MethodSpec.Builder method = MethodSpec.methodBuilder("errors")
        .addModifiers(Modifier.PRIVATE)
        .returns(double.class)
        .addJavadoc("The sum of E over the samples, by forward passes alone.\n")
        .addParameter(samples, "xs")
        .addParameter(samples, "ds")
        .addStatement("double error = 0.0");
    if (slotted) {
      method.addCode(blocks("0", "xs.length", "null", false, CodeBlock.of("")));
    } else {
      method.beginControlFlow("for (int s = 0; s < xs.length; s++)")
          .addStatement("error += $N(xs[s], ds[s])", passes.loss())
          .endControlFlow();
    }
    return method.addStatement("return error").build();
  }
}
