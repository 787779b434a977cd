package org.deltagen.codegen;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import java.util.Arrays;
import javax.lang.model.element.Modifier;
import org.deltagen.derive.Step;
import org.deltagen.network.BatchReduction;
import org.deltagen.network.NetworkSpec;
import org.deltagen.network.Schedule;

/**
 * Writes a trainer's {@code fit}: epochs of shuffled mini-batches, the learning-rate schedule and
 * warm-up, early stopping on a validation set, and the per-layer diagnostics a {@code Listener}
 * receives after each epoch (gradient and parameter norms, with warnings for vanishing and
 * exploding gradients, seeds 002 and 003).
 */
final class TrainingWriter {
  /** Below this epoch-mean gradient norm a layer's gradients are reported as vanishing. */
  static final double VANISHING_GRADIENT_NORM = 1e-7;
  /** Above this epoch-mean gradient norm a layer's gradients are reported as exploding. */
  static final double EXPLODING_GRADIENT_NORM = 1e3;
  /** Below this fraction of the last layer's epoch-mean gradient norm a layer's are reported as vanishing. */
  static final double RELATIVE_VANISHING_GRADIENT_NORM = 1e-3;

  private final NetworkSpec spec;
  private final ElementType element;
  private final String math;
  private final ClassName listener;
  private final TrainerContext context;
  /** Epochs completed by fit, which a parameter file saves. */
  private final FieldSpec epoch;
  /** η₀ of a scheduled trainer; null without a schedule. */
  private final FieldSpec baseLearningRate;

  /** The methods of other writers that fit calls. */
  record Calls(MethodSpec accumulate, MethodSpec update, MethodSpec gradientIsFinite, MethodSpec divergence,
      PenaltyWriter penalty) {}

  TrainingWriter(TrainerContext context) {
    this.context = context;
    this.spec = context.spec();
    this.element = context.element();
    this.math = context.math();
    // A nested type may not share its enclosing class's name.
    this.listener = ClassName.get(spec.packageName(), spec.name(),
        spec.name().equals("Listener") ? "EpochListener" : "Listener");
    this.epoch = FieldSpec.builder(int.class, "epoch", Modifier.PRIVATE)
        .addJavadoc("Epochs completed by {@link #fit}.\n")
        .build();
    this.baseLearningRate = spec.scheduled()
        ? FieldSpec.builder(double.class, "baseLearningRate", Modifier.PRIVATE)
            .initializer("LEARNING_RATE")
            .addJavadoc("η₀, which the schedule scales epoch by epoch.\n")
            .build()
        : null;
  }

  /** The field counting fit's epochs. */
  FieldSpec epoch() {
    return epoch;
  }

  /** η₀, which the schedule scales; null without a schedule. */
  FieldSpec baseLearningRate() {
    return baseLearningRate;
  }

  void addTo(TypeSpec.Builder type, Calls calls) {
    addFields(type);
    type.addType(ListenerWriter.listener(spec, listener));
    if (spec.scheduled()) {
      type.addMethod(scheduledLearningRate());
    }
    type.addMethod(MethodSpec.methodBuilder("epoch")
        .addModifiers(Modifier.PUBLIC)
        .returns(int.class)
        .addJavadoc("The number of epochs {@code fit} has completed, over all its calls$L.\n",
            spec.scheduled() ? ": the schedule continues from there" : "")
        .addStatement("return $N", epoch)
        .build());
    MethodSpec fitWithValidation = fitWithValidation(calls);
    type.addMethod(fit(fitWithValidation));
    type.addMethod(fitWithListener(fitWithValidation));
    type.addMethod(fitWithValidation);
    type.addMethod(batchLoss());
    type.addMethod(norm("gradientNorm", "g", "‖∂E/∂w^l‖, the Euclidean norm of layer l's block of {@link #gradients()}"));
    type.addMethod(norm("parameterNorm", "w", "‖w^l‖, the Euclidean norm of layer l's block of {@link #parameters()}"));
    type.addMethod(setGradientNormLimits());
    type.addMethod(setRelativeGradientNormLimit());
    type.addMethod(warnNotFinite());
    type.addMethod(addGradientNorms());
    type.addMethod(endEpoch());
  }

  private void addFields(TypeSpec.Builder type) {
    CodeBlock.Builder blocks = CodeBlock.builder().add("{");
    for (int l = 1; l <= spec.depth(); l++) {
      blocks.add("W$L, ", l);
    }
    type.addField(FieldSpec.builder(int[].class, "BLOCKS", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
        .initializer(blocks.add("PARAMETERS}").build())
        .addJavadoc("Where each layer's block begins, then the end: layer l is BLOCKS[l − 1] to BLOCKS[l] − 1.\n")
        .build());
    if (baseLearningRate != null) {
      type.addField(baseLearningRate);
    }
    type.addField(epoch);
    type.addField(Vectors.perLayer("gradientNorms", spec.depth(),
        "Per layer, the gradient norms of an epoch's batches, summed, then averaged.\n"));
    type.addField(Vectors.perLayer("parameterNorms", spec.depth(),
        "Per layer, the parameter norms at the end of an epoch.\n"));
    type.addField(FieldSpec.builder(double.class, "vanishingGradientNorm", Modifier.PRIVATE)
        .initializer("$L", VANISHING_GRADIENT_NORM)
        .addJavadoc("A layer whose mean gradient norm over an epoch is below this is warned of.\n")
        .build());
    type.addField(FieldSpec.builder(double.class, "explodingGradientNorm", Modifier.PRIVATE)
        .initializer("$L", EXPLODING_GRADIENT_NORM)
        .addJavadoc("A layer whose mean gradient norm over an epoch is above this is warned of.\n")
        .build());
    type.addField(FieldSpec.builder(double.class, "relativeVanishingGradientNorm", Modifier.PRIVATE)
        .initializer("$L", RELATIVE_VANISHING_GRADIENT_NORM)
        .addJavadoc("A layer whose mean gradient norm over an epoch is below this times the last layer's is\n"
            + "warned of.\n")
        .build());
  }

  private MethodSpec scheduledLearningRate() {
    Schedule schedule = spec.schedule();
    Schedule.Warmup warmup = spec.warmup();
    Step scheduleStep = context.derivation().scheduleStep().orElseThrow();
    MethodSpec.Builder method = MethodSpec.methodBuilder("scheduledLearningRate")
        .addModifiers(Modifier.PUBLIC)
        .returns(double.class)
        .addJavadoc("η for epoch {@code epoch} (0-based) of {@link #fit}, $L:\n$L\n", scheduleDoc(schedule, warmup),
            JavaComments.javadoc(TrainerContext.cite(scheduleStep)))
        .addParameter(int.class, "epoch");
    String rate = "baseLearningRate";
    if (schedule instanceof Schedule.Step step) {
      rate = "baseLearningRate * " + math + ".pow(" + step.gamma() + ", epoch / " + step.stepSize() + ")";
    } else if (schedule instanceof Schedule.Exponential exponential) {
      rate = "baseLearningRate * " + math + ".pow(" + exponential.gamma() + ", epoch)";
    } else if (schedule instanceof Schedule.Cosine cosine) {
      rate = cosine.minimum() + " + (baseLearningRate - " + cosine.minimum() + ") * (1.0 + "
          + math + ".cos(" + math + ".PI * epoch / " + cosine.period() + ")) / 2.0";
    }
    if (warmup.isNone()) {
      method.addStatement("return $L", rate);
    } else {
      method.addStatement("double warmUp = $L + $L * $L.min(epoch, $L) / $L",
              warmup.startFactor(), 1 - warmup.startFactor(), math, warmup.epochs(), (double) warmup.epochs())
          .addStatement("return warmUp * ($L)", rate);
    }
    return context.cited(method.build(), scheduleStep);
  }

  /** The torch.optim.lr_scheduler classes whose closed forms the method computes. */
  private static String scheduleDoc(Schedule schedule, Schedule.Warmup warmup) {
    String name = schedule.kind().torchName();
    String warm = warmup.isNone() ? "" : "LinearLR as a warm-up";
    return "as torch's " + (name.isEmpty() ? warm : warm.isEmpty() ? name : warm + " times " + name);
  }

  private MethodSpec fit(MethodSpec fitWithValidation) {
    return MethodSpec.methodBuilder("fit")
        .addModifiers(Modifier.PUBLIC)
        .addJavadoc("Trains for {@code epochs} passes over the data in mini-batches of {@code batchSize},\n"
            + "visiting the samples in an order shuffled by a generator seeded with SEED (or the\nconstructor's seed)$L.\n",
            spec.scheduled() ? ", with η set\nby {@link #scheduledLearningRate} at the start of each epoch" : "")
        .addParameter(element.samples(), "xs")
        .addParameter(element.samples(), "ds")
        .addParameter(int.class, "epochs")
        .addParameter(int.class, "batchSize")
        .addStatement("$N(xs, ds, epochs, batchSize, null, null, 0, null)", fitWithValidation)
        .build();
  }

  private MethodSpec fitWithListener(MethodSpec fitWithValidation) {
    return MethodSpec.methodBuilder("fit")
        .addModifiers(Modifier.PUBLIC)
        .addJavadoc("As {@link #fit(double[][], double[][], int, int)}, reporting each epoch to {@code listener}.\n"
            .replace("double", element.keyword())
            + (spec.l1() > 0 ? "The epoch's training error is the data's, without {@link #penalty()}, so that it compares\n"
                + "with the validation error.\n" : ""))
        .addParameter(element.samples(), "xs")
        .addParameter(element.samples(), "ds")
        .addParameter(int.class, "epochs")
        .addParameter(int.class, "batchSize")
        .addParameter(listener, "listener")
        .addStatement("$N(xs, ds, epochs, batchSize, null, null, 0, listener)", fitWithValidation)
        .build();
  }

  private MethodSpec fitWithValidation(Calls calls) {
    return MethodSpec.methodBuilder("fit")
        .addModifiers(Modifier.PUBLIC)
        .returns(int.class)
        .addJavadoc("Trains as {@link #fit(double[][], double[][], int, int)} does and, with a validation set,\n"
            .replace("double", element.keyword())
            + "stops early: after each epoch it takes the validation error, and once {@code patience} epochs\n"
            + "in a row have not lowered the best so far, it stops. Either way it ends with the parameters\n"
            + "of the epoch with the lowest validation error (as Keras's EarlyStopping with\n"
            + "restore_best_weights; the optimizer's state is not rolled back).\n\n"
            + "@param validationXs inputs of the validation set, or null for none (then {@code patience} is\n"
            + "    unused)\n"
            + "@param listener receives each epoch's errors and norms, or null\n"
            + "@return the number of epochs run\n")
        .addParameter(element.samples(), "xs")
        .addParameter(element.samples(), "ds")
        .addParameter(int.class, "epochs")
        .addParameter(int.class, "batchSize")
        .addParameter(element.samples(), "validationXs")
        .addParameter(element.samples(), "validationDs")
        .addParameter(int.class, "patience")
        .addParameter(listener, "listener")
        .addCode(fitChecks())
        .addStatement("int[] order = new int[xs.length]")
        .beginControlFlow("for (int s = 0; s < order.length; s++)")
        .addStatement("order[s] = s")
        .endControlFlow()
        .addStatement("$T best = validating ? w.clone() : null", element.array())
        .addStatement("double bestError = $T.POSITIVE_INFINITY", Double.class)
        .addStatement("int sinceBest = 0")
        .addStatement("int run = 0")
        .beginControlFlow("while (run < epochs)")
        .addCode(epoch(calls))
        .endControlFlow()
        .beginControlFlow("if (validating && bestError < $T.POSITIVE_INFINITY)", Double.class)
        .addStatement("$T.arraycopy(best, 0, w, 0, PARAMETERS)", System.class)
        .endControlFlow()
        .addStatement("return run")
        .build();
  }

  /** fit's checks of its arguments; declares {@code validating}. */
  private CodeBlock fitChecks() {
    return CodeBlock.builder()
        .addStatement("checkBatch(xs, ds)")
        .beginControlFlow("if (epochs < 0 || batchSize < 1 || patience < 0)")
        .addStatement("throw new $T($S$W+ epochs + $S + batchSize + $S + patience)", IllegalArgumentException.class,
            "need epochs >= 0, batchSize >= 1 and patience >= 0, got ", ", ", ", ")
        .endControlFlow()
        .beginControlFlow("if ((validationXs == null) != (validationDs == null))")
        .addStatement("throw new $T($Z$L)", IllegalArgumentException.class,
            JavaStrings.literal("give both the validation inputs and their targets, or neither"))
        .endControlFlow()
        .add(batchSizeCheck())
        .addStatement("boolean validating = validationXs != null")
        .beginControlFlow("if (validating)")
        .addStatement("checkBatch(validationXs, validationDs)")
        .endControlFlow()
        .build();
  }

  /** With batch norm, no batch of fit may hold one sample alone: the check before any of them runs. */
  private CodeBlock batchSizeCheck() {
    if (!BatchNormWriter.any(spec)) {
      return CodeBlock.of("");
    }
    return CodeBlock.builder()
        .beginControlFlow("if (batchSize == 1 || xs.length % batchSize == 1)")
        .addStatement("throw new $T($S$W+ xs.length + $S + batchSize + $S)", IllegalArgumentException.class,
            "norm=batch needs at least 2 samples in every batch, and ", " samples in batches of ",
            " leave one alone")
        .endControlFlow()
        .build();
  }

  /** One epoch of fit: shuffle, the batches, the listener, and the early stop. */
  private CodeBlock epoch(Calls calls) {
    CodeBlock.Builder code = CodeBlock.builder();
    if (spec.scheduled()) {
      code.addStatement("learningRate = scheduledLearningRate($N)", epoch);
    }
    return code.beginControlFlow("for (int s = order.length - 1; s > 0; s--)")
        .addStatement("int other = shuffler.nextInt(s + 1)")
        .addStatement("int swap = order[s]")
        .addStatement("order[s] = order[other]")
        .addStatement("order[other] = swap")
        .endControlFlow()
        .addStatement("$T.fill(gradientNorms, 0.0)", Arrays.class)
        .addStatement("double error = 0.0")
        .beginControlFlow("for (int start = 0; start < order.length; start += batchSize)")
        .add(batch(calls))
        .endControlFlow()
        .addStatement("run++")
        .addStatement("double validationError = validating ? loss(validationXs, validationDs) : $T.NaN", Double.class)
        .beginControlFlow("if (listener != null)")
        .addStatement("endEpoch(listener, $L, validationError,$W(order.length + batchSize - 1) / batchSize)",
            spec.batch() == BatchReduction.MEAN ? "error / xs.length" : "error")
        .endControlFlow()
        .addStatement("$N++", epoch)
        .beginControlFlow("if (validating)")
        .beginControlFlow("if (validationError < bestError)")
        .addStatement("bestError = validationError")
        .addStatement("sinceBest = 0")
        .addStatement("$T.arraycopy(w, 0, best, 0, PARAMETERS)", System.class)
        .nextControlFlow("else if (++sinceBest >= patience)")
        .addStatement("break")
        .endControlFlow()
        .endControlFlow()
        .build();
  }

  /** One batch of fit: its gradient, refused when not finite, then the update. */
  private CodeBlock batch(Calls calls) {
    return CodeBlock.builder()
        .addStatement("int end = $L.min(order.length, start + batchSize)", math)
        .addStatement("double batchError = $N(xs, ds, order, start, end)", calls.accumulate())
        .add(calls.penalty().addGradient("end - start"))
        .beginControlFlow("if (!$N(batchError, end - start))", calls.gradientIsFinite())
        .addStatement("$T why = $N(xs, ds, batchError, order, start, end)", String.class, calls.divergence())
        .beginControlFlow("if (listener != null)")
        .addStatement("warnNotFinite(listener)")
        .endControlFlow()
        .addStatement("throw new $T(\"fit, epoch \" + $N + \": \" + why)", ArithmeticException.class, epoch)
        .endControlFlow()
        .addStatement("error += batchError")
        .beginControlFlow("if (listener != null)")
        .addStatement("addGradientNorms(end - start)")
        .endControlFlow()
        .add(BatchNormWriter.updateCall(spec, "end - start"))
        .addStatement("$N(end - start)", calls.update())
        .build();
  }

  /** loss(xs, ds): the batch error, reduced as the spec says, without touching the gradients. */
  private MethodSpec batchLoss() {
    return MethodSpec.methodBuilder("loss")
        .addModifiers(Modifier.PUBLIC)
        .returns(double.class)
        .addJavadoc("The $L of E over a batch, at the current parameters; the gradients are left as they are.\n",
            spec.batch().keyword())
        .addParameter(element.samples(), "xs")
        .addParameter(element.samples(), "ds")
        .addStatement("checkBatch(xs, ds)")
        .addStatement("double error = errors(xs, ds)")
        .addStatement("return $L", spec.batch() == BatchReduction.MEAN ? "error / xs.length" : "error")
        .build();
  }

  private MethodSpec norm(String name, String array, String doc) {
    return MethodSpec.methodBuilder(name)
        .addModifiers(Modifier.PUBLIC)
        .returns(double.class)
        .addJavadoc("$L\n", JavaComments.javadoc(doc + ", for 1 ≤ l ≤ " + spec.depth() + ". Allocates nothing."))
        .addParameter(int.class, "l")
        .beginControlFlow("if (l < 1 || l > $L)", spec.depth())
        .addStatement("throw new $T($S + l)", IllegalArgumentException.class, "layers are 1 to " + spec.depth() + ", not ")
        .endControlFlow()
        .addStatement("return $L.sqrt(squares($L, BLOCKS[l - 1], BLOCKS[l]))", math, array)
        .build();
  }

  private static MethodSpec setGradientNormLimits() {
    return MethodSpec.methodBuilder("setGradientNormLimits")
        .addModifiers(Modifier.PUBLIC)
        .addJavadoc("Sets the gradient norms outside which a listener is warned (defaults $L and $L).\n",
            VANISHING_GRADIENT_NORM, EXPLODING_GRADIENT_NORM)
        .addParameter(double.class, "vanishing")
        .addParameter(double.class, "exploding")
        .beginControlFlow("if (!(vanishing >= 0 && vanishing < exploding))")
        .addStatement("throw new $T($S$W+ vanishing + $S + exploding)", IllegalArgumentException.class,
            "need 0 <= vanishing < exploding, got ", " and ")
        .endControlFlow()
        .addStatement("vanishingGradientNorm = vanishing")
        .addStatement("explodingGradientNorm = exploding")
        .build();
  }

  private static MethodSpec setRelativeGradientNormLimit() {
    return MethodSpec.methodBuilder("setRelativeGradientNormLimit")
        .addModifiers(Modifier.PUBLIC)
        .addJavadoc("Sets the fraction of the last layer's gradient norm below which a layer's is warned of as\n"
            + "vanishing (default $L; 0 turns the warning off).\n", RELATIVE_VANISHING_GRADIENT_NORM)
        .addParameter(double.class, "ratio")
        .beginControlFlow("if (!(ratio >= 0 && ratio < 1))")
        .addStatement("throw new $T($S + ratio)", IllegalArgumentException.class, "need 0 <= ratio < 1, got ")
        .endControlFlow()
        .addStatement("relativeVanishingGradientNorm = ratio")
        .build();
  }

  private MethodSpec warnNotFinite() {
    return MethodSpec.methodBuilder("warnNotFinite")
        .addModifiers(Modifier.PRIVATE)
        .addJavadoc("Warns the listener of each layer whose gradient in the batch {@code fit} is about to refuse is\n"
            + "not finite, from the {@link #gradientSquares} that {@link #divergence} took.\n")
        .addParameter(listener, "listener")
        .beginControlFlow("for (int l = 1; l <= $L; l++)", spec.depth())
        .beginControlFlow("if (!$T.isFinite(gradientSquares[l - 1]))", Double.class)
        .addStatement("listener.gradientWarning(epoch, l, $L.sqrt(gradientSquares[l - 1]),$WexplodingGradientNorm, false)",
            math)
        .endControlFlow()
        .endControlFlow()
        .build();
  }

  private MethodSpec addGradientNorms() {
    return MethodSpec.methodBuilder("addGradientNorms")
        .addModifiers(Modifier.PRIVATE)
        .addJavadoc("Adds each layer's norm of the gradient the coming update uses, before clipping.\n")
        .addParameter(int.class, "batchSize")
        .addStatement("squareGradients()")
        .addStatement(spec.batch() == BatchReduction.MEAN ? "double scale = 1.0 / batchSize" : "double scale = 1.0")
        .beginControlFlow("for (int l = 1; l <= $L; l++)", spec.depth())
        .addStatement("gradientNorms[l - 1] += scale * $L.sqrt(gradientSquares[l - 1])", math)
        .endControlFlow()
        .build();
  }

  private MethodSpec endEpoch() {
    return MethodSpec.methodBuilder("endEpoch")
        .addModifiers(Modifier.PRIVATE)
        .addJavadoc("Averages the epoch's gradient norms, takes the parameter norms and tells the listener.\n")
        .addParameter(listener, "listener")
        .addParameter(double.class, "trainingError")
        .addParameter(double.class, "validationError")
        .addParameter(int.class, "batches")
        .beginControlFlow("for (int l = 1; l <= $L; l++)", spec.depth())
        .addStatement("gradientNorms[l - 1] /= batches")
        .addStatement("parameterNorms[l - 1] = parameterNorm(l)")
        .endControlFlow()
        .addStatement("listener.epochEnded(epoch, trainingError, validationError, gradientNorms, parameterNorms)")
        .addCode(BatchNormWriter.listenerCalls(spec))
        .addStatement("double lastLayerNorm = gradientNorms[$L]", spec.depth() - 1)
        .beginControlFlow("for (int l = 1; l <= $L; l++)", spec.depth())
        .addStatement("double norm = gradientNorms[l - 1]")
        .beginControlFlow("if (norm < vanishingGradientNorm)")
        .addStatement("listener.gradientWarning(epoch, l, norm, vanishingGradientNorm, true)")
        .nextControlFlow("else if (norm > explodingGradientNorm)")
        .addStatement("listener.gradientWarning(epoch, l, norm, explodingGradientNorm, false)")
        .nextControlFlow("else if (norm < relativeVanishingGradientNorm * lastLayerNorm)")
        .addStatement("listener.relativeGradientWarning($Wepoch, l, norm, lastLayerNorm, relativeVanishingGradientNorm)")
        .endControlFlow()
        .endControlFlow()
        .build();
  }

  /** Statements for setLearningRate: with a schedule, η₀ is set and the current rate follows it. */
  CodeBlock setLearningRate() {
    return spec.scheduled()
        ? CodeBlock.builder()
            .addStatement("this.baseLearningRate = learningRate")
            .addStatement("this.learningRate = scheduledLearningRate(epoch)")
            .build()
        : CodeBlock.of("this.learningRate = learningRate;\n");
  }
}
