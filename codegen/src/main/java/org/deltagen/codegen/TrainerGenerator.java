package org.deltagen.codegen;

import static org.deltagen.codegen.JavaComments.addComment;
import static org.deltagen.codegen.TrainerContext.cite;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.lang.model.element.Modifier;
import org.deltagen.derive.Derivation;
import org.deltagen.derive.InvertedDropout;
import org.deltagen.derive.Operation;
import org.deltagen.derive.Step;
import org.deltagen.derive.WeightedSum;
import org.deltagen.network.BatchReduction;
import org.deltagen.network.Diagnostic;
import org.deltagen.network.ErrorCode;
import org.deltagen.network.NetworkSpec;
import org.deltagen.network.SpecException;

/**
 * Writes a derivation as one final, dependency-free Java class: the forward pass, the δ recursion
 * and the update, with sizes as constants, f and f' inlined, and every buffer allocated once in
 * the constructor, so a training step allocates nothing. Each block cites the equation it
 * implements. This class assembles the trainer; each kind of operation has its writer, found in
 * the table of {@link OperationWriters} (weighted sums through their {@link WeightedSumLayout}),
 * and each concern beyond the passes its own (parameters, batches, training, optimizer,
 * divergence, persistence).
 */
public final class TrainerGenerator {
  /**
   * Layers with at most this many parameters are written as straight-line code, one statement per
   * unit, in the order of operations of the loops, so that both give the same bits.
   */
  static final int UNROLL_LIMIT = 64;
  private static final ClassName GENERATED = ClassName.get("javax.annotation.processing", "Generated");

  /**
   * How the class is written where projects differ.
   *
   * @param generatedAnnotation whether the class carries {@code @javax.annotation.processing.Generated}:
   *     tools skip such classes, but the annotation lives in the module {@code java.compiler}, which a
   *     modular project's {@code module-info.java} must read ({@code requires static java.compiler;})
   */
  public record Options(boolean generatedAnnotation) {
    /** The annotated class, as every entry point writes it unless the project says otherwise. */
    public static final Options DEFAULT = new Options(true);
  }

  private final Derivation derivation;
  private final NetworkSpec spec;
  private final TrainerContext context;
  private final ElementType element;
  private final TypeName array;
  private final Slots slots;
  private final Vectors vectors;
  /** Layer l's weighted-sum layout at l − 1. */
  private final List<WeightedSumLayout> layouts = new ArrayList<>();
  private final DivergenceWriter divergenceWriter;
  private final OperationWriters writers;
  private final Options options;
  private final List<InvertedDropout> dropouts;

  private TrainerGenerator(Derivation derivation, int unrollLimit, Options options) {
    this.derivation = derivation;
    this.options = options;
    this.spec = derivation.spec();
    this.element = ElementType.of(spec.precision());
    this.array = element.array();
    int widest = 0;
    for (int l = 1; l <= spec.depth(); l++) {
      if (WeightedSumLayout.copiesRows(spec, l, unrollLimit)) {
        widest = Math.max(widest, spec.units(l));
      }
    }
    boolean batched = BatchNormWriter.any(spec);
    boolean slotted = widest > 0 || batched;
    this.vectors = Vectors.of(spec, element, slotted, widest > 0 ? RowCopyLayout.rowCopyLength(widest) : 0,
        TrainerContext.usesLogSoftmax(derivation));
    this.slots = Slots.of(vectors, element, Slots.count(element, widest, batched));
    this.context = new TrainerContext(derivation, vectors, slots);
    boolean[] bounded = new boolean[spec.depth()];
    for (int l = 1; l <= spec.depth(); l++) {
      layouts.add(WeightedSumLayout.of(context, l, unrollLimit));
      bounded[l - 1] = layout(l).bounded();
    }
    this.divergenceWriter = new DivergenceWriter(spec, element, context.math(), bounded);
    this.writers = new OperationWriters(context);
    this.dropouts = DropoutWriter.of(derivation.operations());
  }

  /** The trainer's source; fails with DG031 when a derived expression has no Java form. */
  public static JavaFile generate(Derivation derivation) throws SpecException {
    return write(derivation).file();
  }

  /** The trainer's source and which of its methods implements which step of the derivation. */
  public static TrainerSource write(Derivation derivation) throws SpecException {
    return write(derivation, Options.DEFAULT);
  }

  /** As {@link #write(Derivation)}, written as {@code options} say. */
  public static TrainerSource write(Derivation derivation, Options options) throws SpecException {
    return write(derivation, UNROLL_LIMIT, options);
  }

  /** As {@link #generate(Derivation)}, unrolling layers of at most {@code unrollLimit} parameters. */
  static JavaFile generate(Derivation derivation, int unrollLimit) throws SpecException {
    return write(derivation, unrollLimit, Options.DEFAULT).file();
  }

  private static TrainerSource write(Derivation derivation, int unrollLimit, Options options) throws SpecException {
    try {
      return new TrainerGenerator(derivation, unrollLimit, options).source();
    } catch (UnsupportedExpressionException e) {
      throw new SpecException(
          Diagnostic.of(ErrorCode.DG031, e.location(), e.getMessage())
              .withHint("use functions with a Java form: Exp, Log, Tanh, Sqrt, Abs, Piecewise, …"));
    }
  }

  private WeightedSumLayout layout(int l) {
    return layouts.get(l - 1);
  }

  /** The public final class, its javadoc and its {@code @Generated} unless the options leave it out. */
  private TypeSpec.Builder trainerClass() {
    TypeSpec.Builder type = TypeSpec.classBuilder(spec.name())
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .addJavadoc(classJavadoc());
    if (options.generatedAnnotation()) {
      type.addAnnotation(AnnotationSpec.builder(GENERATED)
          .addMember("value", "$S", TrainerGenerator.class.getName())
          .addMember("comments", "$S", "deltagen " + Version.get() + ", from " + JavaComments.safe(spec.source()))
          .build());
    }
    return type;
  }

  private TrainerSource source() {
    String math = context.math();
    TypeSpec.Builder type = trainerClass();
    ParameterWriter parameterWriter = new ParameterWriter(spec, element);
    parameterWriter.addConstants(type);
    addFields(type);
    TrainingWriter trainingWriter = new TrainingWriter(context);
    OptimizerWriter optimizerWriter =
        new OptimizerWriter(spec, element, math, JavaComments.javadoc(cite(derivation.updateStep())),
            trainingWriter.setLearningRate());
    context.cited(optimizerWriter.update(), derivation.updateStep());
    MethodSpec forward = forward();
    MethodSpec error = new LossWriter(context).error();
    MethodSpec backpropagate = backpropagate();
    MethodSpec loss = loss(forward, error);
    MethodSpec backward = backward(forward, error, backpropagate);
    MethodSpec zeroGradients = zeroGradients();
    BatchWriter batchWriter = new BatchWriter(context, layouts, divergenceWriter,
        new BatchWriter.Passes(forward, error, backpropagate, zeroGradients, backward, loss),
        count -> DropoutWriter.draw(dropouts, slots.slotted(), count));
    MethodSpec accumulate = batchWriter.accumulate();
    MethodSpec checkBatch = checkBatch();
    PenaltyWriter penalty = new PenaltyWriter(context);
    type.addMethod(parameterWriter.defaultConstructor());
    type.addMethod(parameterWriter.constructor(DropoutWriter.seed(dropouts), optimizerWriter.initialState()));
    type.addMethod(getter("parameters", vectors.w(), "The live parameters, layer by layer, row 0 of each block the bias."));
    type.addMethod(getter("gradients", vectors.g(), "∂E/∂w accumulated by {@link #backward}, in the layout of {@link #parameters()}."));
    MethodSpec predict = predict(forward);
    type.addMethod(predict);
    new ConvenienceWriter(spec, element, predict).addTo(type);
    type.addMethod(loss);
    addTrainingMode(type, batchWriter, accumulate, forward, error);
    type.addMethod(backward);
    type.addMethod(zeroGradients);
    MethodSpec stepRange = stepRange(checkBatch, accumulate, optimizerWriter.update(), penalty);
    type.addMethod(step(stepRange));
    type.addMethod(stepRange);
    type.addMethod(forward);
    type.addMethod(error);
    type.addMethod(backpropagate);
    type.addMethod(accumulate);
    if (slots.slotted()) {
      type.addMethod(batchWriter.takeSamples());
    }
    type.addMethod(batchWriter.errors());
    penalty.addTo(type);
    optimizerWriter.addTo(type);
    trainingWriter.addTo(type, new TrainingWriter.Calls(accumulate, optimizerWriter.update(),
        divergenceWriter.gradientIsFinite(), divergenceWriter.divergence(), penalty));
    divergenceWriter.addTo(type);
    persistenceWriter(optimizerWriter, trainingWriter).addTo(type);
    type.addMethod(checkBatch);
    if (parameterWriter.decodes()) {
      type.addMethod(parameterWriter.decodeParameters());
    }
    for (Helper helper : context.helpers()) {
      type.addMethod(helper.method(math));
    }
    return source(type.build());
  }

  /** SLOTS, for a slotted trainer, then the vectors. */
  private void addFields(TypeSpec.Builder type) {
    if (slots.slotted()) {
      type.addField(slots.constant());
    }
    vectors.addTo(type);
  }

  /**
   * What a modal trainer adds: trainingLoss of one sample; or, with batch norm, trainingLoss and
   * batchGradient of a batch, growSlots and the running statistics.
   */
  private void addTrainingMode(TypeSpec.Builder type, BatchWriter batchWriter, MethodSpec accumulate,
      MethodSpec forward, MethodSpec error) {
    if (slots.grows()) {
      type.addMethod(batchWriter.trainingErrors());
      type.addMethod(batchWriter.batchGradient(accumulate));
      type.addMethod(slots.grow());
      new BatchNormWriter(context).addTo(type);
    } else if (context.modal()) {
      type.addMethod(trainingLoss(forward, error));
    }
    if (!dropouts.isEmpty()) {
      new DropoutWriter(context).addTo(type, dropouts);
    }
  }

  /** save and load, with the counters the optimizer and fit keep. */
  private PersistenceWriter persistenceWriter(OptimizerWriter optimizerWriter, TrainingWriter trainingWriter) {
    FieldSpec baseLearningRate = spec.scheduled() ? trainingWriter.baseLearningRate() : optimizerWriter.learningRate();
    return new PersistenceWriter(spec, element, optimizerWriter.stateArrays(), optimizerWriter.initialState(),
        new PersistenceWriter.Counters(optimizerWriter.steps(), trainingWriter.epoch(), optimizerWriter.learningRate(),
            baseLearningRate));
  }

  private TrainerSource source(TypeSpec trainer) {
    JavaFile file = JavaFile.builder(spec.packageName(), trainer)
        .addFileComment("Generated by deltagen $L from $L. Do not edit: change the spec and regenerate.",
            Version.get(), JavaComments.safe(spec.source()))
        .skipJavaLangImports(true)
        .indent("  ")
        .build();
    return new TrainerSource(file, context.citations().build(trainer.methodSpecs()));
  }

  private CodeBlock classJavadoc() {
    StringBuilder shape = new StringBuilder().append(spec.inputs()).append(" inputs");
    for (var layer : spec.layers()) {
      shape.append(" → ").append(layer.units()).append(' ').append(JavaComments.safe(layer.activation().name()));
      if (!layer.bias()) {
        shape.append(" (no bias)");
      }
    }
    return CodeBlock.builder()
        .add("$L\n\n", JavaComments.javadoc("Trainer for the network {@code " + spec.name() + "} of {@code "
            + JavaComments.safe(spec.source()) + "}: " + shape + "."))
        .add("<p>$L\n\n", JavaComments.javadoc("Error of one sample " + cite(derivation.loss().errorStep())
            + "; a batch combines them by " + spec.batch().keyword() + "; " + cite(derivation.updateStep()) + "."))
        .add("<p>Parameters are laid out layer by layer: layer l is a block of n_{l-1} + 1 rows by n_l\n")
        .add("columns, row-major, row 0 holding the biases (no bias row where a layer has none), so\n")
        .add("w^l_{ij} (unit j = 1 … n_l) is {@code parameters()[Wl + i * n_l + j - 1]}.\n\n")
        .add("<p>Every buffer is allocated by the constructor; {@link #step} and {@link #backward}\n")
        .add("allocate nothing. Not thread-safe: use one instance per thread.\n")
        .add(slots.grows() ? TrainerContext.BATCHED : context.modal() ? TrainerContext.MODES : CodeBlock.of(""))
        .add(dropouts.isEmpty() ? CodeBlock.of("") : DropoutWriter.CLASS_JAVADOC)
        .build();
  }

  private MethodSpec getter(String name, FieldSpec field, String doc) {
    return MethodSpec.methodBuilder(name)
        .addModifiers(Modifier.PUBLIC)
        .returns(array)
        .addJavadoc("$L\n", doc)
        .addStatement("return $N", field)
        .build();
  }

  /** Code that puts x (and d) into slot 0 when slotted, before a pass over one sample. */
  private CodeBlock intoSlotZero(boolean targets) {
    CodeBlock.Builder code = CodeBlock.builder().addStatement("$N[0] = x", vectors.inputs());
    return targets ? code.addStatement("$N[0] = d", vectors.targets()).build() : code.build();
  }

  private MethodSpec predict(MethodSpec forward) {
    CodeBlock pass = slots.slotted()
        ? intoSlotZero(false).toBuilder().addStatement("$N(1$L)", forward, context.mode(false)).build()
        : CodeBlock.of("$N(x$L);\n", forward, context.mode(false));
    return MethodSpec.methodBuilder("predict")
        .addModifiers(Modifier.PUBLIC)
        .addJavadoc("Runs the forward pass on {@code x} and writes y = z^$L into {@code y}.\n", spec.depth())
        .addParameter(array, "x")
        .addParameter(array, "y")
        .addCode(pass)
        .addStatement("$T.arraycopy($N$L, 0, y, 0, OUTPUTS)", System.class, vectors.z(spec.depth()),
            slots.slotted() ? "[0]" : "")
        .build();
  }

  private MethodSpec loss(MethodSpec forward, MethodSpec error) {
    return loss("loss", "E of one sample, ", false, forward, error);
  }

  /** trainingLoss: E of one sample in training mode, for the gradient check of a modal network. */
  private MethodSpec trainingLoss(MethodSpec forward, MethodSpec error) {
    return loss("trainingLoss", "E of one sample as {@link #backward} computes it, in training mode, with"
        + " anything random kept as the last backward drew it, ", true, forward, error);
  }

  private MethodSpec loss(String name, String doc, boolean training, MethodSpec forward, MethodSpec error) {
    Step errorStep = derivation.loss().errorStep();
    String mode = context.mode(training);
    return context.cited(MethodSpec.methodBuilder(name)
        .addModifiers(Modifier.PUBLIC)
        .returns(double.class)
        .addJavadoc("$L\n", JavaComments.javadoc(doc + cite(errorStep) + "."))
        .addParameter(array, "x")
        .addParameter(array, "d")
        .addCode(slots.slotted()
            ? intoSlotZero(true).toBuilder().add("$N(1$L);\nreturn $N(0);\n", forward, mode, error).build()
            : CodeBlock.of("$N(x$L);\nreturn $N(d);\n", forward, mode, error))
        .build(), errorStep);
  }

  private MethodSpec backward(MethodSpec forward, MethodSpec error, MethodSpec backpropagate) {
    if (slots.grows()) {
      return MethodSpec.methodBuilder("backward")
          .addModifiers(Modifier.PUBLIC)
          .returns(double.class)
          .addJavadoc("Refused: with norm=batch a sample's gradient depends on the rest of its batch, so there is no\n"
              + "gradient of one sample alone; {@link #batchGradient} gives a batch's.\n\n"
              + "@throws UnsupportedOperationException always\n")
          .addParameter(array, "x")
          .addParameter(array, "d")
          .addStatement("throw new $T($S)", UnsupportedOperationException.class,
              "norm=batch couples the samples of a batch: backward(x, d) of one sample is not defined;"
                  + " use batchGradient(xs, ds) or step(xs, ds)")
          .build();
    }
    return MethodSpec.methodBuilder("backward")
        .addModifiers(Modifier.PUBLIC)
        .returns(double.class)
        .addJavadoc("Runs the forward pass, adds ∂E/∂w of this sample to {@link #gradients()} and\nreturns E.\n")
        .addParameter(array, "x")
        .addParameter(array, "d")
        .addCode(slots.slotted()
            ? intoSlotZero(true).toBuilder().add(DropoutWriter.draw(dropouts, true, "1"))
                .add("$N(1$L);\ndouble e = $N(0);\n$N(1, false);\n", forward, context.mode(true), error,
                    backpropagate).build()
            : DropoutWriter.draw(dropouts, false, "").toBuilder()
                .add("$N(x$L);\ndouble e = $N(d);\n$N(x, d);\n", forward,
                context.mode(true), error, backpropagate).build())
        .addStatement("return e")
        .build();
  }

  private MethodSpec zeroGradients() {
    return MethodSpec.methodBuilder("zeroGradients")
        .addModifiers(Modifier.PUBLIC)
        .addJavadoc("Clears the accumulated gradients.\n")
        .addStatement("$T.fill($N, $L)", Arrays.class, vectors.g(), element.literal(0))
        .build();
  }

  /** step(xs, ds): the whole arrays as one batch. */
  private MethodSpec step(MethodSpec stepRange) {
    return MethodSpec.methodBuilder("step")
        .addModifiers(Modifier.PUBLIC)
        .returns(double.class)
        .addJavadoc("$L\n\n"
            + "@throws ArithmeticException if the batch error or the gradient is not finite (NaN or infinite):\n"
            + "    then nothing is updated, and the message names the first such layer and why\n",
            JavaComments.javadoc("One " + spec.optimizer().keyword() + " update over the batch; returns the batch error ("
                + spec.batch().keyword() + " of E" + (spec.l1() > 0 ? ", plus {@link #penalty()}" : "") + ") before it."))
        .addParameter(element.samples(), "xs")
        .addParameter(element.samples(), "ds")
        .addStatement("return $N(xs, ds, 0, xs.length)", stepRange)
        .build();
  }

  /** step(xs, ds, from, to): samples from to to − 1 as the batch, so that a caller's epoch loop slices nothing. */
  private MethodSpec stepRange(MethodSpec checkBatch, MethodSpec accumulate, MethodSpec update, PenaltyWriter penalty) {
    return MethodSpec.methodBuilder("step")
        .addModifiers(Modifier.PUBLIC)
        .returns(double.class)
        .addJavadoc("As {@link #step($L[][], $L[][])} on samples {@code from} to {@code to − 1} of\n"
            + "{@code xs} and {@code ds}: a mini-batch of the data without a copy of it.\n\n"
            + "@throws IllegalArgumentException unless 0 ≤ from < to ≤ xs.length\n"
            + "@throws ArithmeticException if the batch error or the gradient is not finite, as step(xs, ds)\n",
            element.keyword(), element.keyword())
        .addParameter(element.samples(), "xs")
        .addParameter(element.samples(), "ds")
        .addParameter(int.class, "from")
        .addParameter(int.class, "to")
        .addStatement("$N(xs, ds)", checkBatch)
        .beginControlFlow("if (from < 0 || to > xs.length || from >= to)")
        .addStatement("throw new $T($Z$L$W+ xs.length + $S + from + $S + to)", IllegalArgumentException.class,
            JavaStrings.literal("a batch needs 0 ≤ from < to ≤ "), ", got from = ", " and to = ")
        .endControlFlow()
        .addStatement("int count = to - from")
        .addStatement("double error = $N(xs, ds, null, from, to)", accumulate)
        .addCode(penalty.addGradient("count"))
        .addCode(penalty.takePenalty())
        .beginControlFlow("if (!$N(error, count))", divergenceWriter.gradientIsFinite())
        .addStatement("throw new $T(\"step: \" + $N(xs, ds, error, null, from, to))", ArithmeticException.class,
            divergenceWriter.divergence())
        .endControlFlow()
        .addCode(BatchNormWriter.updateCall(spec, "count"))
        .addStatement("$N(count)", update)
        .addStatement("return $L", penalty.withPenalty(spec.batch() == BatchReduction.MEAN ? "error / count" : "error"))
        .build();
  }

  /** The forward pass: each operation of the graph in order, by its writer. */
  private MethodSpec forward() {
    MethodSpec.Builder method = MethodSpec.methodBuilder("forward")
        .addModifiers(Modifier.PRIVATE)
        .addJavadoc("$L\n", JavaComments.javadoc("The forward pass" + (slots.slotted() ? " of slots 0 to count − 1" : "")
            + ": " + cite(derivation.weightedSumStep()) + ", then z^l = f_l(u^l), layer by layer."));
    if (slots.slotted()) {
      method.addParameter(int.class, "count");
    } else {
      method.addParameter(array, "x");
    }
    if (context.modal()) {
      method.addParameter(boolean.class, TrainerContext.TRAINING)
          .addJavadoc("In training ({@code step}, {@code fit}, {@code backward}) when {@code $L}.\n", TrainerContext.TRAINING);
    }
    List<Step> cited = new ArrayList<>(List.of(derivation.weightedSumStep()));
    OperationWriter.Pass pass = new OperationWriter.Pass(method, this::layout, cited);
    for (Operation operation : derivation.operations()) {
      writers.forward(operation, pass);
    }
    return context.cited(method.build(), cited.toArray(Step[]::new));
  }

  /**
   * The backward pass: the graph's operations in reverse, each adding its δ contribution to its
   * input (the loss and the output layer together give δ^L; a weighted sum and the activation
   * below it give δ^l), then ∂E/∂w of each weighted sum.
   */
  private MethodSpec backpropagate() {
    MethodSpec.Builder method = MethodSpec.methodBuilder("backpropagate")
        .addModifiers(Modifier.PRIVATE)
        .addJavadoc("$L\n", JavaComments.javadoc("The backward pass" + (slots.slotted() ? " of slots 0 to count − 1" : "")
            + ": δ from the output layer down, then " + cite(derivation.weightGradientStep())));
    if (slots.slotted()) {
      method.addParameter(int.class, "count").addParameter(boolean.class, "fresh");
      method.addJavadoc("When {@code fresh}, the rows of looped layers in g are taken as zero, not read.\n");
    } else {
      method.addParameter(array, "x").addParameter(array, "d");
    }
    List<Step> cited = new ArrayList<>(List.of(derivation.weightGradientStep()));
    OperationWriter.Pass pass = new OperationWriter.Pass(method, this::layout, cited);
    List<Operation> operations = derivation.operations();
    for (int o = operations.size() - 1; o >= 0; o--) {
      writers.backward(operations.get(o), pass);
    }
    for (Operation operation : operations) {
      if (operation instanceof WeightedSum sum) {
        addComment(method, sum.gradient().citation());
        cited.add(sum.gradient());
        layout(sum.layer()).weightGradient(method);
      }
    }
    return context.cited(method.build(), cited.toArray(Step[]::new));
  }

  private MethodSpec checkBatch() {
    return MethodSpec.methodBuilder("checkBatch")
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .addParameter(element.samples(), "xs")
        .addParameter(element.samples(), "ds")
        .beginControlFlow("if (xs.length == 0 || xs.length != ds.length)")
        .addStatement("throw new $T($Z$L$W+ xs.length + $S + ds.length + $S)", IllegalArgumentException.class,
            JavaStrings.literal("a batch needs as many targets as inputs, at least one: got "), " inputs and ",
            " targets")
        .endControlFlow()
        .build();
  }
}
