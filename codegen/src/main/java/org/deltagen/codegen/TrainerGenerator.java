package org.deltagen.codegen;

import static org.deltagen.symbolic.Symbols.D;
import static org.deltagen.symbolic.Symbols.U;
import static org.deltagen.symbolic.Symbols.Y;
import static org.deltagen.symbolic.Symbols.Z;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import javax.lang.model.element.Modifier;
import org.deltagen.derive.ActivationDerivative;
import org.deltagen.derive.Derivation;
import org.deltagen.derive.LayerDerivation;
import org.deltagen.derive.OutputDerivation;
import org.deltagen.derive.Step;
import org.deltagen.network.BatchReduction;
import org.deltagen.network.Diagnostic;
import org.deltagen.network.ErrorCode;
import org.deltagen.network.Initializer;
import org.deltagen.network.NetworkSpec;
import org.deltagen.network.Optimizer;
import org.deltagen.network.SourceLocation;
import org.deltagen.network.SpecException;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.interfaces.IExpr;
import org.matheclipse.core.interfaces.ISymbol;

/**
 * Writes a derivation as one final, dependency-free Java class: the forward pass, the δ recursion
 * and the update, with sizes as constants, f and f' inlined, and every buffer allocated once in
 * the constructor, so a training step allocates nothing. Each block cites the equation it
 * implements.
 */
public final class TrainerGenerator {
  private static final int COMMENT_WIDTH = 72;
  /** Up to this many explicit initial parameters are written as an array literal, about 8 bytes of bytecode each. */
  private static final int LITERAL_PARAMETERS = 512;
  /**
   * Layers with at most this many parameters are written as straight-line code, one statement per
   * unit, in the order of operations of the loops, so that both give the same bits.
   */
  static final int UNROLL_LIMIT = 64;
  /**
   * The bytes the slots of a looped layer may take (SLOTS samples × its units): one L1 data cache's
   * worth, so that the rows of u, δ and the copied row stay in it while a row is applied to each slot.
   */
  private static final int SLOT_BYTES = 32 * 1024;
  /** At most this many samples go through the network together. */
  static final int MAX_SLOTS = 32;
  /**
   * Looped layers at least this wide copy each row out (see {@link #blocked}); narrower ones loop
   * over the flat array, as copying a short row costs more than the vectorized loop saves.
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
  /** Characters per Base64 string literal; a class file constant holds at most 65535 bytes. */
  private static final int BASE64_CHUNK = 60_000;
  private static final ClassName GENERATED = ClassName.get("javax.annotation.processing", "Generated");

  private static final ISymbol LOG_Y = F.symbol("deltagenLogY");
  private static final ISymbol LOG_ONE_MINUS_Y = F.symbol("deltagenLogOneMinusY");

  private final Derivation derivation;
  private final NetworkSpec spec;
  private final String math;
  private final ElementType element;
  private final TypeName array;
  private final TypeName samples;
  private final EnumSet<Helper> helpers = EnumSet.noneOf(Helper.class);
  private final int unrollLimit;
  /**
   * Whether some looped layer is at least {@value #ROW_COPY_UNITS} units wide. Then a batch goes
   * through the network {@link #slots} samples at a time, each in its own slot of u, z and δ, and
   * such a layer copies each row of its w (or g) into {@code rowCopy} once and applies it to every
   * slot: C2 vectorizes a loop over {@code rowCopy[j]} and a slot's {@code u[j]}, but not one over
   * {@code w[row + j]}, whose index carries the row's offset (LayoutBenchmark in benchmarks/). A sample's arithmetic and the order in which
   * samples add into g are those of one sample at a time, so the results are the same to the bit.
   */
  private final boolean blocked;
  private final int slots;
  /** The widest layer that copies rows: the length of {@code rowCopy}. */
  private final int widestLoopedLayer;
  private final DivergenceWriter divergenceWriter;

  private TrainerGenerator(Derivation derivation, int unrollLimit) {
    this.derivation = derivation;
    this.unrollLimit = unrollLimit;
    this.spec = derivation.spec();
    // A network named Math would shadow java.lang.Math inside its own class.
    this.math = spec.name().equals("Math") ? "java.lang.Math" : "Math";
    this.element = ElementType.of(spec.precision());
    this.array = element.array();
    this.samples = element.samples();
    int widest = 0;
    for (int l = 1; l <= spec.depth(); l++) {
      if (copiesRows(l)) {
        widest = Math.max(widest, spec.units(l));
      }
    }
    this.widestLoopedLayer = widest;
    this.blocked = widest > 0;
    this.slots = blocked ? Math.max(1, Math.min(MAX_SLOTS, SLOT_BYTES / (element.bytes() * widest))) : 1;
    // A looped layer's gradient is bounded through the slots' δ and z rather than read: see DivergenceWriter.
    boolean[] bounded = new boolean[spec.depth()];
    for (int l = 1; l <= spec.depth(); l++) {
      bounded[l - 1] = blocked && !unrolled(l);
    }
    this.divergenceWriter = new DivergenceWriter(spec, element, math, bounded);
  }

  /** The trainer's source; fails with DG031 when a derived expression has no Java form. */
  public static JavaFile generate(Derivation derivation) throws SpecException {
    return generate(derivation, UNROLL_LIMIT);
  }

  /** As {@link #generate(Derivation)}, unrolling layers of at most {@code unrollLimit} parameters. */
  static JavaFile generate(Derivation derivation, int unrollLimit) throws SpecException {
    try {
      return new TrainerGenerator(derivation, unrollLimit).javaFile();
    } catch (UnsupportedExpressionException e) {
      throw new SpecException(
          Diagnostic.of(ErrorCode.DG031, e.location(), e.getMessage())
              .withHint("use functions with a Java form: Exp, Log, Tanh, Sqrt, Abs, Piecewise, …"));
    }
  }

  /** Translates expressions written at {@code location}, which a refusal will name. */
  private JavaExpressions.Emitted emit(
      IExpr expression, Map<ISymbol, String> bindings, NameAllocator names, SourceLocation location) {
    try {
      JavaExpressions.Emitted emitted = JavaExpressions.emit(expression, bindings, names, math);
      helpers.addAll(emitted.helpers());
      return emitted;
    } catch (UnsupportedExpressionException e) {
      throw e.at(location);
    }
  }

  private JavaFile javaFile() {
    TypeSpec.Builder type =
        TypeSpec.classBuilder(spec.name())
            .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
            .addJavadoc(classJavadoc())
            .addAnnotation(
                AnnotationSpec.builder(GENERATED)
                    .addMember("value", "$S", TrainerGenerator.class.getName())
                    .addMember("comments", "$S", "deltagen " + Version.get() + ", from " + JavaComments.safe(spec.source()))
                    .build());
    addConstants(type);
    addBuffers(type);
    TrainingWriter trainingWriter = new TrainingWriter(spec, element, math,
        derivation.scheduleStep().map(TrainerGenerator::cite).orElse(""));
    OptimizerWriter optimizerWriter =
        new OptimizerWriter(spec, element, math, cite(derivation.updateStep()), trainingWriter.setLearningRate());
    type.addMethod(constructor(optimizerWriter));
    type.addMethod(getter("parameters", "w", "The live parameters, layer by layer, row 0 of each block the bias."));
    type.addMethod(getter("gradients", "g", "∂E/∂w accumulated by {@link #backward}, in the layout of {@link #parameters()}."));
    type.addMethod(predict());
    type.addMethod(loss());
    type.addMethod(backward());
    type.addMethod(zeroGradients());
    type.addMethod(step());
    type.addMethod(forward());
    type.addMethod(error());
    type.addMethod(backpropagate());
    type.addMethod(accumulate());
    if (blocked) {
      type.addMethod(takeSamples());
    }
    type.addMethod(errors());
    optimizerWriter.addTo(type);
    trainingWriter.addTo(type);
    divergenceWriter.addTo(type);
    new PersistenceWriter(spec, element, optimizerWriter.stateArrays(), optimizerWriter.initialState()).addTo(type);
    type.addMethod(checkBatch());
    if (spec.initializer() instanceof Initializer.Explicit explicit && explicit.parameters().length > LITERAL_PARAMETERS) {
      type.addMethod(decodeParameters());
    }
    for (Helper helper : helpers) {
      type.addMethod(helper.method(math));
    }
    return JavaFile.builder(spec.packageName(), type.build())
        .addFileComment("Generated by deltagen $L from $L. Do not edit: change the spec and regenerate.",
            Version.get(), JavaComments.safe(spec.source()))
        .skipJavaLangImports(true)
        .indent("  ")
        .build();
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
        .add("Trainer for the network {@code $L} of {@code $L}: $L.\n\n", spec.name(), JavaComments.safe(spec.source()), shape)
        .add("<p>Error of one sample $L; a batch combines them by $L; $L.\n\n",
            cite(derivation.loss().errorStep()), spec.batch().keyword(), cite(derivation.updateStep()))
        .add("<p>Parameters are laid out layer by layer: layer l is a block of n_{l-1} + 1 rows by n_l\n")
        .add("columns, row-major, row 0 holding the biases (no bias row where a layer has none), so\n")
        .add("w^l_{ij} (unit j = 1 … n_l) is {@code parameters()[Wl + i * n_l + j - 1]}.\n\n")
        .add("<p>Every buffer is allocated by the constructor; {@link #step} and {@link #backward}\n")
        .add("allocate nothing. Not thread-safe: use one instance per thread.\n")
        .build();
  }

  private void addConstants(TypeSpec.Builder type) {
    type.addField(constant(int.class, "INPUTS", spec.inputs(), "n_0, the number of inputs."));
    type.addField(constant(int.class, "OUTPUTS", spec.outputs(), "n_L, the number of outputs."));
    type.addField(constant(int.class, "PARAMETERS", spec.parameterCount(), "The number of weights and biases."));
    type.addField(PersistenceWriter.architectureDigest(spec));
    for (int l = 1; l <= spec.depth(); l++) {
      type.addField(
          FieldSpec.builder(int.class, offset(l), Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
              .initializer("$L", spec.weightOffset(l))
              .addJavadoc("Index of layer $L's block: $L rows × $L columns$L.\n",
                  l, spec.weightRows(l), spec.units(l), spec.layer(l).bias() ? ", row 0 the bias" : ", no bias")
              .build());
    }
    type.addField(
        FieldSpec.builder(double.class, "LEARNING_RATE", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
            .initializer("$L", learningRate())
            .addJavadoc("η.\n")
            .build());
    type.addField(
        FieldSpec.builder(long.class, "SEED", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
            .initializer("$LL", seed())
            .addJavadoc("Seeds the initial parameters and the shuffling of {@link #fit}.\n")
            .build());
    if (spec.initializer() instanceof Initializer.Explicit explicit) {
      type.addField(initialParameters(explicit));
    }
    if (blocked) {
      type.addField(
          FieldSpec.builder(int.class, "SLOTS", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
              .initializer("$L", slots)
              .addJavadoc("The samples of a batch that go through the network together, each in its slot of u, z\n"
                  + "and δ: a looped layer copies each row of its parameters out once for all of them.\n")
              .build());
    }
  }

  private static FieldSpec constant(Class<?> kind, String name, int value, String doc) {
    return FieldSpec.builder(kind, name, Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
        .initializer("$L", value)
        .addJavadoc("$L\n", doc)
        .build();
  }

  private FieldSpec initialParameters(Initializer.Explicit explicit) {
    double[] values = explicit.parameters();
    FieldSpec.Builder field =
        FieldSpec.builder(array, "INITIAL_PARAMETERS", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL);
    if (values.length > LITERAL_PARAMETERS) {
      return field.initializer("decodeParameters($L)", encodedParameters(values))
          .addJavadoc("The initial parameters, from $L, as Base64 of their big-endian IEEE 754 bits:\n"
              + "an array initializer this long would not fit a class initializer's 64 KB of bytecode.\n",
              JavaComments.safe(explicit.source()))
          .build();
    }
    CodeBlock.Builder initializer = CodeBlock.builder().add("{\n").indent();
    for (int l = 1; l <= spec.depth(); l++) {
      initializer.add("// layer $L\n", l);
      int columns = spec.units(l);
      for (int row = 0; row < spec.weightRows(l); row++) {
        int start = spec.weightOffset(l) + row * columns;
        String[] literals = new String[columns];
        for (int j = 0; j < columns; j++) {
          literals[j] = element.literal(values[start + j]);
        }
        initializer.add("$L,\n", String.join(", ", literals));
      }
    }
    initializer.unindent().add("}");
    return field.initializer(initializer.build())
        .addJavadoc("The initial parameters, from $L.\n", JavaComments.safe(explicit.source()))
        .build();
  }

  /** The values' bits as Base64 string literals, one per line, each short enough for the constant pool. */
  private CodeBlock encodedParameters(double[] values) {
    ByteBuffer bytes;
    if (element == ElementType.FLOAT) {
      bytes = ByteBuffer.allocate(values.length * Float.BYTES);
      for (double value : values) {
        bytes.putFloat((float) value);
      }
    } else {
      bytes = ByteBuffer.allocate(values.length * Double.BYTES);
      bytes.asDoubleBuffer().put(values);
    }
    String encoded = Base64.getEncoder().encodeToString(bytes.array());
    CodeBlock.Builder chunks = CodeBlock.builder().add("\n").indent().indent();
    for (int start = 0; start < encoded.length(); start += BASE64_CHUNK) {
      chunks.add(start == 0 ? "$S" : ",\n$S", encoded.substring(start, Math.min(encoded.length(), start + BASE64_CHUNK)));
    }
    return chunks.unindent().unindent().build();
  }

  private MethodSpec decodeParameters() {
    return MethodSpec.methodBuilder("decodeParameters")
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .returns(array)
        .addJavadoc("Reads PARAMETERS values from Base64 chunks of their big-endian IEEE 754 bits.\n")
        .addParameter(String[].class, "chunks")
        .varargs()
        .addStatement("$T bytes = $T.allocate(PARAMETERS * $T.BYTES)", ByteBuffer.class, ByteBuffer.class, element.boxed())
        .beginControlFlow("for (String chunk : chunks)")
        .addStatement("bytes.put($T.getDecoder().decode(chunk))", Base64.class)
        .endControlFlow()
        .addStatement("$T values = new $L[PARAMETERS]", array, element.keyword())
        .addStatement("bytes.flip().as$LBuffer().get(values)", element.boxed().getSimpleName())
        .addStatement("return values")
        .build();
  }

  private void addBuffers(TypeSpec.Builder type) {
    type.addField(buffer("w", "PARAMETERS", "The parameters w."));
    type.addField(buffer("g", "PARAMETERS", "∂E/∂w, accumulated over a batch."));
    for (int l = 1; l <= spec.depth(); l++) {
      type.addField(sampleBuffer("u" + l, spec.units(l), "u^" + l + ", the weighted sums of layer " + l));
      type.addField(sampleBuffer("z" + l, spec.units(l), "z^" + l + " = f_" + l + "(u^" + l + ")"));
      type.addField(sampleBuffer("delta" + l, spec.units(l), "δ^" + l + " = ∂E/∂u^" + l));
    }
    if (usesLogSoftmax()) {
      int depth = spec.depth();
      type.addField(sampleBuffer("logZ" + depth, spec.outputs(),
          "log z^" + depth + ", from the log-sum-exp of u^" + depth + ", so that the loss never takes log 0"));
    }
    if (blocked) {
      type.addField(slotBuffer("inputs", "",
          "The inputs x of the samples in the slots (the caller's arrays, not copies)."));
      type.addField(slotBuffer("targets", "",
          "The targets d of the samples in the slots (the caller's arrays, not copies)."));
      type.addField(buffer("rowCopy", Integer.toString(TERMS * widestLoopedLayer),
          "Rows of a wide layer's w, or one row of its g, copied out to be applied to every slot: C2\n"
              + "vectorizes the loops over it, which it does not over the flat array at a row's offset."));
    }
    type.addField(
        FieldSpec.builder(Random.class, "shuffler", Modifier.PRIVATE, Modifier.FINAL)
            .initializer("new $T(SEED)", Random.class)
            .addJavadoc("Orders the samples of each epoch of {@link #fit}.\n")
            .build());
  }

  /** A buffer of one sample's values: an array, or when blocked an array per slot. */
  private FieldSpec sampleBuffer(String name, int size, String doc) {
    return blocked
        ? slotBuffer(name, Integer.toString(size), doc + ", one row per slot.")
        : buffer(name, Integer.toString(size), doc + ".");
  }

  /** The names of the per-sample buffers: u, z and δ of each layer, and log z of a softmax output. */
  private List<String> slotBuffers() {
    List<String> names = new ArrayList<>();
    for (int l = 1; l <= spec.depth(); l++) {
      names.addAll(List.of("u" + l, "z" + l, "delta" + l));
    }
    if (usesLogSoftmax()) {
      names.add("logZ" + spec.depth());
    }
    return names;
  }

  /** {@code new double[SLOTS][size]}, or {@code new double[SLOTS][]} for an empty size. */
  private FieldSpec slotBuffer(String name, String size, String doc) {
    return FieldSpec.builder(samples, name, Modifier.PRIVATE, Modifier.FINAL)
        .initializer("new $L[SLOTS][$L]", element.keyword(), size)
        .addJavadoc("$L\n", doc)
        .build();
  }

  private FieldSpec buffer(String name, String size, String doc) {
    return FieldSpec.builder(array, name, Modifier.PRIVATE, Modifier.FINAL)
        .initializer("new $L[$L]", element.keyword(), size)
        .addJavadoc("$L\n", doc)
        .build();
  }

  private MethodSpec constructor(OptimizerWriter optimizerWriter) {
    MethodSpec.Builder constructor = MethodSpec.constructorBuilder().addModifiers(Modifier.PUBLIC);
    constructor.addCode(optimizerWriter.initialState());
    Initializer initializer = spec.initializer();
    if (initializer instanceof Initializer.Explicit explicit) {
      constructor.addJavadoc("A trainer starting from the parameters of $L.\n", JavaComments.safe(explicit.source()));
      constructor.addStatement("$T.arraycopy(INITIAL_PARAMETERS, 0, w, 0, PARAMETERS)", System.class);
    } else if (initializer instanceof Initializer.Normal normal) {
      constructor.addJavadoc(
          "A trainer with every weight drawn from N(0, $L²) by {@code new Random(SEED).nextGaussian()},\n"
              + "layer by layer in parameter order, and every bias zero.\n", normal.std());
      drawWeights(constructor, l -> CodeBlock.of("$L * random.nextGaussian()", normal.std()));
    } else if (initializer instanceof Initializer.Uniform uniform) {
      constructor.addJavadoc(
          "A trainer with every weight drawn uniformly from [$L, $L) by {@code new Random(SEED)},\n"
              + "layer by layer in parameter order, and every bias zero.\n", uniform.low(), uniform.high());
      drawWeights(constructor, l -> CodeBlock.of("$L + $L * random.nextDouble()", uniform.low(), uniform.high() - uniform.low()));
    } else if (initializer instanceof Initializer.Scaled scaled) {
      constructor.addJavadoc(
          "A trainer with $L-initialized weights ($L, as torch.nn.init), drawn by {@code new Random(SEED)}\n"
              + "layer by layer in parameter order, and every bias zero.\n",
          scaled.scheme() == Initializer.Scaled.Scheme.XAVIER ? "Xavier" : "He", scaled.normal() ? "normal" : "uniform");
      drawWeights(constructor, l -> scaled.normal()
          ? CodeBlock.of("$L * random.nextGaussian()", scaled.std(spec.units(l - 1), spec.units(l)))
          : CodeBlock.of("$L * (2.0 * random.nextDouble() - 1.0)", scaled.bound(spec.units(l - 1), spec.units(l))));
    } else {
      constructor.addJavadoc("A trainer with every parameter zero.\n");
    }
    return constructor.build();
  }

  /** For each layer, a loop giving every weight (not the bias row) the value {@code draw(l)}. */
  private void drawWeights(MethodSpec.Builder constructor, java.util.function.IntFunction<CodeBlock> draw) {
    constructor.addStatement("$T random = new $T(SEED)", Random.class, Random.class);
    for (int l = 1; l <= spec.depth(); l++) {
      String firstWeight = spec.layer(l).bias() ? offset(l) + " + " + spec.units(l) : offset(l);
      String end = l == spec.depth() ? "PARAMETERS" : offset(l + 1);
      constructor.beginControlFlow("for (int p = $L; p < $L; p++)", firstWeight, end)
          .addCode(element.store("w[p]", draw.apply(l).toString()))
          .endControlFlow();
    }
  }

  private MethodSpec getter(String name, String field, String doc) {
    return MethodSpec.methodBuilder(name)
        .addModifiers(Modifier.PUBLIC)
        .returns(array)
        .addJavadoc("$L\n", doc)
        .addStatement("return $L", field)
        .build();
  }

  private MethodSpec predict() {
    return MethodSpec.methodBuilder("predict")
        .addModifiers(Modifier.PUBLIC)
        .addJavadoc("Runs the forward pass on {@code x} and writes y = z^$L into {@code y}.\n", spec.depth())
        .addParameter(array, "x")
        .addParameter(array, "y")
        .addCode(blocked ? CodeBlock.of("inputs[0] = x;\nforward(1);\n") : CodeBlock.of("forward(x);\n"))
        .addStatement("$T.arraycopy(z$L$L, 0, y, 0, OUTPUTS)", System.class, spec.depth(), blocked ? "[0]" : "")
        .build();
  }

  private MethodSpec loss() {
    return MethodSpec.methodBuilder("loss")
        .addModifiers(Modifier.PUBLIC)
        .returns(double.class)
        .addJavadoc("E of one sample, $L.\n", cite(derivation.loss().errorStep()))
        .addParameter(array, "x")
        .addParameter(array, "d")
        .addCode(blocked
            ? CodeBlock.of("inputs[0] = x;\ntargets[0] = d;\nforward(1);\nreturn error(0);\n")
            : CodeBlock.of("forward(x);\nreturn error(d);\n"))
        .build();
  }

  private MethodSpec backward() {
    return MethodSpec.methodBuilder("backward")
        .addModifiers(Modifier.PUBLIC)
        .returns(double.class)
        .addJavadoc("Runs the forward pass, adds ∂E/∂w of this sample to {@link #gradients()} and\nreturns E.\n")
        .addParameter(array, "x")
        .addParameter(array, "d")
        .addCode(blocked
            ? CodeBlock.of("inputs[0] = x;\ntargets[0] = d;\nforward(1);\ndouble e = error(0);\nbackpropagate(1, false);\n")
            : CodeBlock.of("forward(x);\ndouble e = error(d);\nbackpropagate(x, d);\n"))
        .addStatement("return e")
        .build();
  }

  private MethodSpec zeroGradients() {
    return MethodSpec.methodBuilder("zeroGradients")
        .addModifiers(Modifier.PUBLIC)
        .addJavadoc("Clears the accumulated gradients.\n")
        .addStatement("$T.fill(g, $L)", Arrays.class, element.literal(0))
        .build();
  }

  private MethodSpec step() {
    return MethodSpec.methodBuilder("step")
        .addModifiers(Modifier.PUBLIC)
        .returns(double.class)
        .addJavadoc("One $L update over the batch; returns the batch error ($L of E) before it.\n\n"
            + "@throws ArithmeticException if the batch error or the gradient is not finite (NaN or infinite):\n"
            + "    then nothing is updated, and the message names the first such layer and why\n",
            spec.optimizer().keyword(), spec.batch().keyword())
        .addParameter(samples, "xs")
        .addParameter(samples, "ds")
        .addStatement("checkBatch(xs, ds)")
        .addStatement("double error = accumulate(xs, ds, null, 0, xs.length)")
        .beginControlFlow("if (!gradientIsFinite(error, xs.length))")
        .addStatement("throw new $T(\"step: \" + divergence(xs, ds, error, null, 0, xs.length))", ArithmeticException.class)
        .endControlFlow()
        .addStatement("update(xs.length)")
        .addStatement("return $L", spec.batch() == BatchReduction.MEAN ? "error / xs.length" : "error")
        .build();
  }

  private MethodSpec forward() {
    MethodSpec.Builder method = MethodSpec.methodBuilder("forward")
        .addModifiers(Modifier.PRIVATE)
        .addJavadoc("The forward pass$L: $L, then z^l = f_l(u^l), layer by layer.\n",
            blocked ? " of slots 0 to count − 1" : "", cite(derivation.weightedSumStep()));
    if (blocked) {
      method.addParameter(int.class, "count");
    } else {
      method.addParameter(array, "x");
    }
    for (LayerDerivation layer : derivation.layers()) {
      int l = layer.index();
      String input = input(l);
      comment(method, "(eq. " + derivation.weightedSumStep().number() + ") u^" + l + "_j = Σ_i w^" + l
          + "_{ij} z^" + (l - 1) + "_i" + (spec.layer(l).bias() ? ", z^" + (l - 1) + "_0 = 1" : ", no bias"));
      if (unrolled(l)) {
        forEachSlot(method, body -> addUnrolledWeightedSums(body, l, input));
      } else if (copiesRows(l)) {
        addLoopedWeightedSums(method, l, input);
      } else {
        forEachSlot(method, body -> addFlatWeightedSums(body, l, input));
      }
      comment(method, layer.activationStep().citation());
      forEachSlot(method, body -> addActivations(body, layer));
    }
    return method.build();
  }

  /** Layer l's input z^{l-1}: x for the first layer. */
  private static String input(int l) {
    return l == 1 ? "x" : "z" + (l - 1);
  }

  /** u^l = w_0 + Σ_i z^{l-1}_i w_i of one sample, over the rows of the flat array. */
  private void addFlatWeightedSums(MethodSpec.Builder method, int l, String input) {
    int n = spec.units(l);
    if (spec.layer(l).bias()) {
      method.addStatement("$T.arraycopy(w, $L, u$L, 0, $L)", System.class, offset(l), l, n);
    } else {
      method.addStatement("$T.fill(u$L, $L)", Arrays.class, l, element.literal(0));
    }
    method.beginControlFlow("for (int i = 0; i < $L; i++)", spec.units(l - 1))
        .addStatement("$L zi = $L[i]", element.keyword(), input)
        .addStatement("int row = $L", rowIndex(l, "i"))
        .beginControlFlow("for (int j = 0; j < $L; j++)", n)
        .addStatement("u$L[j] += zi * w[row + j]", l)
        .endControlFlow()
        .endControlFlow();
  }

  /**
   * u^l = w_0 + Σ_i z^{l-1}_i w_i for every slot: each row w_i copied out once, then added to each
   * slot's u in an axpy loop.
   */
  private void addLoopedWeightedSums(MethodSpec.Builder method, int l, String input) {
    int n = spec.units(l);
    method.beginControlFlow("for (int s = 0; s < count; s++)");
    if (spec.layer(l).bias()) {
      method.addStatement("$T.arraycopy(w, $L, u$L[s], 0, $L)", System.class, offset(l), l, n);
    } else {
      method.addStatement("$T.fill(u$L[s], $L)", Arrays.class, l, element.literal(0));
    }
    method.endControlFlow();
    int inputs = spec.units(l - 1);
    int grouped = inputs - inputs % TERMS;
    if (grouped > 0) {
      StringBuilder sum = new StringBuilder("u" + l + "[j] = u" + l + "[j]");
      for (int t = 0; t < TERMS; t++) {
        sum.append(" + zi").append(t).append(" * rowCopy[").append(t == 0 ? "" : t * n + " + ").append("j]");
      }
      method.addComment("$L rows at a time: one load and store of u per $L terms", TERMS, TERMS)
          .beginControlFlow("for (int i = 0; i < $L; i += $L)", grouped, TERMS)
          .addStatement("$T.arraycopy(w, $L, rowCopy, 0, $L)", System.class, rowIndex(l, "i"), TERMS * n)
          .beginControlFlow("for (int s = 0; s < count; s++)")
          .addStatement("$T input = $L[s]", array, l == 1 ? "inputs" : input);
      for (int t = 0; t < TERMS; t++) {
        method.addStatement("$L zi$L = input[i$L]", element.keyword(), t, t == 0 ? "" : " + " + t);
      }
      method.addStatement("$T u$L = this.u$L[s]", array, l, l)
          .beginControlFlow("for (int j = 0; j < $L; j++)", n)
          .addStatement("$L", sum)
          .endControlFlow()
          .endControlFlow()
          .endControlFlow();
    }
    if (grouped < inputs) {
      method.beginControlFlow("for (int i = $L; i < $L; i++)", grouped, inputs)
          .addStatement("$T.arraycopy(w, $L, rowCopy, 0, $L)", System.class, rowIndex(l, "i"), n)
          .beginControlFlow("for (int s = 0; s < count; s++)");
      addSlotAxpy(method, l, input, "u" + l, "u" + l + "[j] += zi * rowCopy[j]");
      method.endControlFlow().endControlFlow();
    }
  }

  /**
   * The body of a loop over slots s: zi = slot s's z^{l-1}_i, its row of {@code buffer} under the
   * buffer's name, and {@code statement} over the layer's units j.
   */
  private void addSlotAxpy(MethodSpec.Builder method, int l, String input, String buffer, String statement) {
    method.addStatement("$L zi = $L[s][i]", element.keyword(), l == 1 ? "inputs" : input)
        .addStatement("$T $L = this.$L[s]", array, buffer, buffer)
        .beginControlFlow("for (int j = 0; j < $L; j++)", spec.units(l))
        .addStatement("$L", statement)
        .endControlFlow();
  }

  /** z^l = f_l(u^l) of one sample. */
  private void addActivations(MethodSpec.Builder method, LayerDerivation layer) {
    int l = layer.index();
    if (spec.layer(l).activation().normalized()) {
      addSoftmax(method, l);
      return;
    }
    if (unrolled(l) && addUnrolledActivations(method, l)) {
      return;
    }
    NameAllocator names = names("j", "u");
    JavaExpressions.Emitted f =
        emit(layer.derivative().function(), Map.of(U, "u"), names, activationLocation(l));
    method.beginControlFlow("for (int j = 0; j < $L; j++)", spec.units(l))
        .addStatement("double u = u$L[j]", l)
        .addCode(f.declarations())
        .addCode(element.store("z" + l + "[j]", f.value(0)))
        .endControlFlow();
  }

  /**
   * {@code body}, written for one sample against the buffers' names: as it is when not blocked;
   * when blocked, inside {@code for (int s = 0; s < count; s++)}, with slot s's rows of the
   * buffers it uses under their names.
   */
  private void forEachSlot(MethodSpec.Builder method, Consumer<MethodSpec.Builder> body) {
    CodeBlock code = codeOf(body);
    if (!blocked) {
      method.addCode(code);
      return;
    }
    method.beginControlFlow("for (int s = 0; s < count; s++)");
    addSlotAliases(method, code);
    method.addCode(code).endControlFlow();
  }

  private static CodeBlock codeOf(Consumer<MethodSpec.Builder> body) {
    MethodSpec.Builder scratch = MethodSpec.methodBuilder("body");
    body.accept(scratch);
    return scratch.build().code();
  }

  /** {@code double[] u1 = this.u1[s];} and so on, for each slot buffer {@code code} indexes. */
  private void addSlotAliases(MethodSpec.Builder method, CodeBlock code) {
    String text = code.toString();
    for (String buffer : slotBuffers()) {
      if (indexes(text, buffer)) {
        method.addStatement("$T $L = this.$L[s]", array, buffer, buffer);
      }
    }
    if (indexes(text, "x")) {
      method.addStatement("$T x = inputs[s]", array);
    }
    if (indexes(text, "d")) {
      method.addStatement("$T d = targets[s]", array);
    }
  }

  private static boolean indexes(String code, String name) {
    return Pattern.compile("(?<![\\w.])" + name + "\\[").matcher(code).find();
  }

  /** Whether layer l is looped with each row copied out: see {@link #blocked}. */
  private boolean copiesRows(int l) {
    return !unrolled(l) && spec.units(l) >= ROW_COPY_UNITS;
  }

  /** Whether layer l is small enough to be written without loops. */
  private boolean unrolled(int l) {
    return spec.weightRows(l) * spec.units(l) <= unrollLimit;
  }

  /** The parameter w at row {@code row} (0 the bias row, if any) and column j of layer l's block. */
  private String weight(int l, int row, int j) {
    int index = row * spec.units(l) + j;
    return index == 0 ? "w[" + offset(l) + "]" : "w[" + offset(l) + " + " + index + "]";
  }

  /** u^l_j = w_0j + z_1 w_1j + … as one statement per unit, summed in the loops' order. */
  private void addUnrolledWeightedSums(MethodSpec.Builder method, int l, String input) {
    boolean bias = spec.layer(l).bias();
    for (int j = 0; j < spec.units(l); j++) {
      StringBuilder sum = new StringBuilder();
      if (bias) {
        sum.append(weight(l, 0, j));
      }
      for (int i = 0; i < spec.units(l - 1); i++) {
        sum.append(sum.length() == 0 ? "" : " + ")
            .append(input).append('[').append(i).append("] * ").append(weight(l, bias ? i + 1 : i, j));
      }
      method.addStatement("u$L[$L] = $L", l, j, sum);
    }
  }

  /**
   * z^l_j = f(u^l_j) as one statement per unit, when f is a single expression (no temporaries);
   * returns false, writing nothing, otherwise. Not for float, whose loop reads u into a double
   * first: f of a float array element would be evaluated partly in float.
   */
  private boolean addUnrolledActivations(MethodSpec.Builder method, int l) {
    if (element == ElementType.FLOAT) {
      return false;
    }
    List<CodeBlock> statements = new ArrayList<>();
    for (int j = 0; j < spec.units(l); j++) {
      JavaExpressions.Emitted f = emit(layerFunction(l), Map.of(U, "u" + l + "[" + j + "]"), names(), activationLocation(l));
      if (!f.declarations().isEmpty()) {
        return false;
      }
      statements.add(element.store("z" + l + "[" + j + "]", f.value(0)));
    }
    statements.forEach(method::addCode);
    return true;
  }

  /**
   * z_j = e^{u_j} / Σ_k e^{u_k}, computed from u_j − max_k u_k so that no exponential overflows;
   * log z_j = u_j − max − log Σ_k e^{u_k − max} where the loss needs it.
   */
  private void addSoftmax(MethodSpec.Builder method, int l) {
    if (!layerFunction(l).equals(F.Power(F.E, U))) {
      throw new UnsupportedExpressionException("only e^u can be normalized stably, not " + layerFunction(l))
          .at(activationLocation(l));
    }
    int n = spec.units(l);
    method.addStatement("double max = u$L[0]", l)
        .beginControlFlow("for (int j = 1; j < $L; j++)", n)
        .addStatement("max = $L.max(max, u$L[j])", math, l)
        .endControlFlow()
        .addStatement("double sum = 0.0")
        .beginControlFlow("for (int j = 0; j < $L; j++)", n)
        .addCode(element.store("z" + l + "[j]", math + ".exp(u" + l + "[j] - max)"))
        .addStatement("sum += z$L[j]", l)
        .endControlFlow();
    if (usesLogSoftmax()) {
      method.addStatement("double logSum = $L.log(sum)", math);
    }
    method.beginControlFlow("for (int j = 0; j < $L; j++)", n).addCode(element.update("z" + l + "[j]", "/", "sum"));
    if (usesLogSoftmax()) {
      method.addCode(element.store("logZ" + l + "[j]", "u" + l + "[j] - max - logSum"));
    }
    method.endControlFlow();
  }

  private IExpr layerFunction(int l) {
    return derivation.layer(l).derivative().function();
  }

  private boolean usesLogSoftmax() {
    return spec.layer(spec.depth()).activation().normalized()
        && !derivation.loss().perOutput().isFree(F.Log(Y), true);
  }

  /** The index of row i (the row of input z^{l-1}_i, i ≥ 1) of layer l's block, as Java code. */
  private String rowIndex(int l, String inputIndex) {
    int n = spec.units(l);
    String row = spec.layer(l).bias() ? "(" + inputIndex + " + 1)" : inputIndex;
    return offset(l) + " + " + row + " * " + n;
  }

  private MethodSpec error() {
    int depth = spec.depth();
    NameAllocator names = names("j", "e", "y", "target", "u", "logY", "logOneMinusY");
    IExpr perOutput = stableLogs(derivation.loss().perOutput());
    JavaExpressions.Emitted loss =
        emit(perOutput, Map.of(Y, "y", D, "target", LOG_Y, "logY", LOG_ONE_MINUS_Y, "logOneMinusY"),
            names, lossLocation());
    MethodSpec.Builder method = MethodSpec.methodBuilder("error")
        .addModifiers(Modifier.PRIVATE)
        .returns(double.class)
        .addJavadoc("$L$L\n", cite(derivation.loss().errorStep()), blocked ? ", of the sample in slot s" : "");
    MethodSpec.Builder body = MethodSpec.methodBuilder("body")
        .addStatement("double e = 0.0")
        .beginControlFlow("for (int j = 0; j < OUTPUTS; j++)")
        .addStatement("double y = z$L[j]", depth)
        .addStatement("double target = d[j]");
    addLogDeclarations(body, perOutput);
    CodeBlock code = body.addCode(loss.declarations())
        .addStatement("e += $L", loss.value(0))
        .endControlFlow()
        .addStatement("return e")
        .build()
        .code();
    if (blocked) {
      method.addParameter(int.class, "s");
      addSlotAliases(method, code);
    } else {
      method.addParameter(array, "d");
    }
    return method.addCode(code).build();
  }

  /**
   * The loss with log y and log(1 − y) read from stable forms where the output layer allows:
   * softmax's log-sum-exp, and for a sigmoid output log y = −softplus(−u), log(1 − y) =
   * −softplus(u). So cross-entropy stays finite when y rounds to 0 or 1.
   */
  private IExpr stableLogs(IExpr perOutput) {
    var output = spec.layer(spec.depth()).activation();
    if (output.normalized()) {
      return F.subst(perOutput, F.Log(Y), LOG_Y);
    }
    if (output.rule() == org.deltagen.network.NamedActivation.SIGMOID) {
      IExpr logOneMinusY = F.Log(F.Plus(F.C1, F.Times(F.CN1, Y)));
      return F.subst(F.subst(perOutput, logOneMinusY, LOG_ONE_MINUS_Y), F.Log(Y), LOG_Y);
    }
    return perOutput;
  }

  private void addLogDeclarations(MethodSpec.Builder method, IExpr perOutput) {
    int depth = spec.depth();
    boolean logY = !perOutput.isFree(LOG_Y);
    boolean logOneMinusY = !perOutput.isFree(LOG_ONE_MINUS_Y);
    if (spec.layer(depth).activation().normalized()) {
      if (logY) {
        method.addStatement("double logY = logZ$L[j]", depth);
      }
      return;
    }
    if (logY || logOneMinusY) {
      helpers.add(Helper.SOFTPLUS);
      method.addStatement("double u = u$L[j]", depth);
    }
    if (logY) {
      method.addStatement("double logY = -softplus(-u)");
    }
    if (logOneMinusY) {
      method.addStatement("double logOneMinusY = -softplus(u)");
    }
  }

  private MethodSpec backpropagate() {
    MethodSpec.Builder method = MethodSpec.methodBuilder("backpropagate")
        .addModifiers(Modifier.PRIVATE)
        .addJavadoc("The backward pass$L: δ from the output layer down, then $L\n",
            blocked ? " of slots 0 to count − 1" : "", cite(derivation.weightGradientStep()));
    if (blocked) {
      method.addParameter(int.class, "count").addParameter(boolean.class, "fresh");
      method.addJavadoc("When {@code fresh}, the rows of looped layers in g are taken as zero, not read.\n");
    } else {
      method.addParameter(array, "x").addParameter(array, "d");
    }
    OutputDerivation output = derivation.output();
    if (output.cancellationStep() != null) {
      comment(method, output.cancellationStep().citation());
    }
    comment(method, derivation.layer(spec.depth()).deltaStep().citation());
    forEachSlot(method, this::addOutputDelta);
    for (int l = spec.depth() - 1; l >= 1; l--) {
      int layer = l;
      comment(method, derivation.layer(l).deltaStep().citation());
      forEachSlot(method, body -> addHiddenDelta(body, layer));
    }
    for (int l = 1; l <= spec.depth(); l++) {
      addWeightGradient(method, l);
    }
    return method.build();
  }

  private void addOutputDelta(MethodSpec.Builder method) {
    OutputDerivation output = derivation.output();
    if (output.needsJacobianProduct()) {
      addJacobianProduct(method, output);
    } else {
      addOutputDelta(method, output.delta());
    }
  }

  /** δ_j = y_j (g_j − Σ_k g_k y_k), softmax's Jacobian applied to g = ∂E/∂y, with g kept in δ. */
  private void addJacobianProduct(MethodSpec.Builder method, OutputDerivation output) {
    int depth = spec.depth();
    int n = spec.units(depth);
    NameAllocator names = names("j", "k", "y", "target", "dot");
    JavaExpressions.Emitted g =
        emit(output.lossGradient(), Map.of(Y, "y", D, "target"), names, lossLocation());
    method.beginControlFlow("for (int j = 0; j < $L; j++)", n)
        .addStatement("double y = z$L[j]", depth)
        .addStatement("double target = d[j]")
        .addCode(g.declarations())
        .addCode(element.store("delta" + depth + "[j]", g.value(0)))
        .endControlFlow()
        .addStatement("double dot = 0.0")
        .beginControlFlow("for (int k = 0; k < $L; k++)", n)
        .addStatement("dot += delta$L[k] * z$L[k]", depth, depth)
        .endControlFlow()
        .beginControlFlow("for (int j = 0; j < $L; j++)", n)
        .addCode(element.store("delta" + depth + "[j]", "z" + depth + "[j] * (delta" + depth + "[j] - dot)"))
        .endControlFlow();
  }

  private void addOutputDelta(MethodSpec.Builder method, IExpr delta) {
    int depth = spec.depth();
    LayerDerivation output = derivation.layer(depth);
    NameAllocator names = names("j", "y", "target", "u");
    JavaExpressions.Emitted code =
        emit(delta, Map.of(Y, "y", D, "target", U, "u"), names, activationLocation(depth));
    if (unrolled(depth) && addUnrolledOutputDelta(method, delta)) {
      return;
    }
    method.beginControlFlow("for (int j = 0; j < $L; j++)", spec.units(depth))
        .addStatement("double y = z$L[j]", depth)
        .addStatement("double target = d[j]");
    if (!delta.isFree(U)) {
      method.addStatement("double u = u$L[j]", depth);
    }
    method.addCode(code.declarations())
        .addCode(element.store("delta" + depth + "[j]", code.value(0)))
        .endControlFlow();
  }

  /** δ^L_j as one statement per output, as for the activations. */
  private boolean addUnrolledOutputDelta(MethodSpec.Builder method, IExpr delta) {
    if (element == ElementType.FLOAT) {
      return false;
    }
    int depth = spec.depth();
    List<CodeBlock> statements = new ArrayList<>();
    for (int j = 0; j < spec.units(depth); j++) {
      JavaExpressions.Emitted code = emit(delta,
          Map.of(Y, "z" + depth + "[" + j + "]", D, "d[" + j + "]", U, "u" + depth + "[" + j + "]"),
          names(), activationLocation(depth));
      if (!code.declarations().isEmpty()) {
        return false;
      }
      statements.add(element.store("delta" + depth + "[" + j + "]", code.value(0)));
    }
    statements.forEach(method::addCode);
    return true;
  }

  private void addHiddenDelta(MethodSpec.Builder method, int l) {
    LayerDerivation layer = derivation.layer(l);
    int next = l + 1;
    IExpr derivative = derivativeOf(layer.derivative(), Z);
    if (unrolled(next) && addUnrolledHiddenDelta(method, l, derivative)) {
      return;
    }
    NameAllocator names = names("j", "k", "row", "sum", "u", "z");
    JavaExpressions.Emitted code = emit(derivative, Map.of(U, "u", Z, "z"), names, activationLocation(l));
    method.beginControlFlow("for (int j = 0; j < $L; j++)", spec.units(l))
        .addStatement("int row = $L", rowIndex(next, "j"))
        .addStatement("$L sum = $L", element.keyword(), element.literal(0))
        .beginControlFlow("for (int k = 0; k < $L; k++)", spec.units(next))
        .addStatement("sum += delta$L[k] * w[row + k]", next)
        .endControlFlow();
    if (!derivative.isFree(U)) {
      method.addStatement("double u = u$L[j]", l);
    }
    if (!derivative.isFree(Z)) {
      method.addStatement("double z = z$L[j]", l);
    }
    method.addCode(code.declarations())
        .addCode(derivative.isOne()
            ? CodeBlock.of("delta$L[j] = sum;\n", l)
            : element.store("delta" + l + "[j]", "sum * " + code.factor(0)))
        .endControlFlow();
  }

  /**
   * δ^l_j = (δ^{l+1}_1 w_j1 + …) · f'(u^l_j) as one statement per unit, when f' is a single
   * expression; returns false, writing nothing, otherwise, and for float, as for the activations.
   */
  private boolean addUnrolledHiddenDelta(MethodSpec.Builder method, int l, IExpr derivative) {
    if (element == ElementType.FLOAT && !derivative.isOne()) {
      return false;
    }
    int next = l + 1;
    int firstInputRow = spec.layer(next).bias() ? 1 : 0;
    List<CodeBlock> statements = new ArrayList<>();
    for (int j = 0; j < spec.units(l); j++) {
      StringBuilder sum = new StringBuilder();
      for (int k = 0; k < spec.units(next); k++) {
        sum.append(k == 0 ? "" : " + ").append("delta").append(next).append('[').append(k).append("] * ")
            .append(weight(next, firstInputRow + j, k));
      }
      String target = "delta" + l + "[" + j + "]";
      if (derivative.isOne()) {
        statements.add(CodeBlock.of("$L = $L;\n", target, sum));
        continue;
      }
      JavaExpressions.Emitted factor = emit(derivative,
          Map.of(U, "u" + l + "[" + j + "]", Z, "z" + l + "[" + j + "]"), names(), activationLocation(l));
      if (!factor.declarations().isEmpty()) {
        return false;
      }
      String product = spec.units(next) == 1 ? sum + " * " + factor.factor(0) : "(" + sum + ") * " + factor.factor(0);
      statements.add(element.store(target, product));
    }
    statements.forEach(method::addCode);
    return true;
  }

  /** f' in the chosen form, with z renamed to {@code output} (y for the output layer). */
  private static IExpr derivativeOf(ActivationDerivative derivative, ISymbol output) {
    return output.equals(Z) ? derivative.chosen() : F.subst(derivative.chosen(), Z, output);
  }

  private void addWeightGradient(MethodSpec.Builder method, int l) {
    String input = input(l);
    int n = spec.units(l);
    comment(method, derivation.weightGradientStep().citation() + ", layer " + l);
    if (unrolled(l)) {
      forEachSlot(method, body -> addUnrolledWeightGradient(body, l, input));
      return;
    }
    if (spec.layer(l).bias()) {
      forEachSlot(method, body -> body.beginControlFlow("for (int j = 0; j < $L; j++)", n)
          .addStatement("g[$L + j] += delta$L[j]", offset(l), l)
          .endControlFlow());
    }
    if (!copiesRows(l)) {
      forEachSlot(method, body -> body.beginControlFlow("for (int i = 0; i < $L; i++)", spec.units(l - 1))
          .addStatement("$L zi = $L[i]", element.keyword(), input)
          .addStatement("int row = $L", rowIndex(l, "i"))
          .beginControlFlow("for (int j = 0; j < $L; j++)", n)
          .addStatement("g[row + j] += zi * delta$L[j]", l)
          .endControlFlow()
          .endControlFlow());
      return;
    }
    // Each row of g is copied out, gets every slot's term in slot order, four slots at a time, and
    // is copied back.
    String source = l == 1 ? "inputs" : input;
    StringBuilder sum = new StringBuilder("rowCopy[j] = rowCopy[j]");
    for (int t = 0; t < TERMS; t++) {
      sum.append(" + zi").append(t).append(" * delta").append(l).append('_').append(t).append("[j]");
    }
    method.beginControlFlow("for (int i = 0; i < $L; i++)", spec.units(l - 1))
        .addStatement("int row = $L", rowIndex(l, "i"))
        .beginControlFlow("if (fresh)")
        .addStatement("$T.fill(rowCopy, 0, $L, $L)", Arrays.class, n, element.literal(0))
        .nextControlFlow("else")
        .addStatement("$T.arraycopy(g, row, rowCopy, 0, $L)", System.class, n)
        .endControlFlow()
        .addStatement("int s = 0")
        .beginControlFlow("for (; s + $L <= count; s += $L)", TERMS, TERMS);
    for (int t = 0; t < TERMS; t++) {
      String slot = t == 0 ? "s" : "s + " + t;
      method.addStatement("$L zi$L = $L[$L][i]", element.keyword(), t, source, slot)
          .addStatement("$T delta$L_$L = delta$L[$L]", array, l, t, l, slot);
    }
    method.beginControlFlow("for (int j = 0; j < $L; j++)", n)
        .addStatement("$L", sum)
        .endControlFlow()
        .endControlFlow()
        .beginControlFlow("for (; s < count; s++)");
    addSlotAxpy(method, l, input, "delta" + l, "rowCopy[j] += zi * delta" + l + "[j]");
    method.endControlFlow()
        .addStatement("$T.arraycopy(rowCopy, 0, g, row, $L)", System.class, n)
        .endControlFlow();
  }

  /** ∂E/∂w^l_{ij} += δ^l_j z^{l-1}_i as one statement per parameter, in the loops' order. */
  private void addUnrolledWeightGradient(MethodSpec.Builder method, int l, String input) {
    boolean bias = spec.layer(l).bias();
    int n = spec.units(l);
    if (bias) {
      for (int j = 0; j < n; j++) {
        method.addStatement("$L += delta$L[$L]", weight(l, 0, j).replaceFirst("^w", "g"), l, j);
      }
    }
    for (int i = 0; i < spec.units(l - 1); i++) {
      for (int j = 0; j < n; j++) {
        method.addStatement("$L += $L[$L] * delta$L[$L]",
            weight(l, bias ? i + 1 : i, j).replaceFirst("^w", "g"), input, i, l, j);
      }
    }
  }

  private MethodSpec accumulate() {
    return MethodSpec.methodBuilder("accumulate")
        .addModifiers(Modifier.PRIVATE)
        .returns(double.class)
        .addJavadoc("Clears the gradients and adds those of samples {@code from} to {@code to} (through\n"
            + "{@code order} when given); returns the sum of their errors.\n")
        .addParameter(samples, "xs")
        .addParameter(samples, "ds")
        .addParameter(ArrayTypeName.of(int.class), "order")
        .addParameter(int.class, "from")
        .addParameter(int.class, "to")
        .addCode(blocked ? blockedAccumulation() : CodeBlock.builder()
            .addStatement("zeroGradients()")
            .addStatement("double error = 0.0")
            .beginControlFlow("for (int s = from; s < to; s++)")
            .addStatement("int sample = order == null ? s : order[s]")
            .addStatement("error += backward(xs[sample], ds[sample])")
            .endControlFlow()
            .addStatement("return error")
            .build())
        .build();
  }

  /** accumulate's body when blocked: the samples go into the slots SLOTS at a time. */
  private CodeBlock blockedAccumulation() {
    CodeBlock.Builder code = CodeBlock.builder()
        .add("// The first block's pass writes the looped layers' rows of g afresh; the rest is cleared.\n");
    for (int l = 1; l <= spec.depth(); l++) {
      String end = l == spec.depth() ? "PARAMETERS" : offset(l + 1);
      if (!copiesRows(l)) {
        code.addStatement("$T.fill(g, $L, $L, $L)", Arrays.class, offset(l), end, element.literal(0));
      } else if (spec.layer(l).bias()) {
        code.addStatement("$T.fill(g, $L, $L + $L, $L)", Arrays.class, offset(l), offset(l), spec.units(l),
            element.literal(0));
      }
    }
    return code
        .add(divergenceWriter.startBatch())
        .addStatement("double error = 0.0")
        .beginControlFlow("for (int start = from; start < to; start += SLOTS)")
        .addStatement("int count = $L.min(SLOTS, to - start)", math)
        .addStatement("takeSamples(xs, ds, order, start, count)")
        .addStatement("forward(count)")
        .beginControlFlow("for (int s = 0; s < count; s++)")
        .addStatement("error += error(s)")
        .endControlFlow()
        .addStatement("backpropagate(count, start == from)")
        .add(divergenceWriter.endBlock())
        .endControlFlow()
        .addStatement("return error")
        .build();
  }

  /** takeSamples: puts samples {@code start} to {@code start + count} into the slots. */
  private MethodSpec takeSamples() {
    return MethodSpec.methodBuilder("takeSamples")
        .addModifiers(Modifier.PRIVATE)
        .addJavadoc("Puts samples {@code start} to {@code start + count − 1} (through {@code order} when given)\n"
            + "into the slots.\n")
        .addParameter(samples, "xs")
        .addParameter(samples, "ds")
        .addParameter(ArrayTypeName.of(int.class), "order")
        .addParameter(int.class, "start")
        .addParameter(int.class, "count")
        .beginControlFlow("for (int s = 0; s < count; s++)")
        .addStatement("int sample = order == null ? start + s : order[start + s]")
        .addStatement("inputs[s] = xs[sample]")
        .addStatement("targets[s] = ds[sample]")
        .endControlFlow()
        .build();
  }

  /** errors: Σ_s E_s by forward passes alone, for loss(xs, ds). */
  private MethodSpec errors() {
    MethodSpec.Builder method = MethodSpec.methodBuilder("errors")
        .addModifiers(Modifier.PRIVATE)
        .returns(double.class)
        .addJavadoc("The sum of E over the samples, by forward passes alone.\n")
        .addParameter(samples, "xs")
        .addParameter(samples, "ds")
        .addStatement("double error = 0.0");
    if (blocked) {
      method.beginControlFlow("for (int start = 0; start < xs.length; start += SLOTS)")
          .addStatement("int count = $L.min(SLOTS, xs.length - start)", math)
          .addStatement("takeSamples(xs, ds, null, start, count)")
          .addStatement("forward(count)")
          .beginControlFlow("for (int s = 0; s < count; s++)")
          .addStatement("error += error(s)")
          .endControlFlow()
          .endControlFlow();
    } else {
      method.beginControlFlow("for (int s = 0; s < xs.length; s++)")
          .addStatement("error += loss(xs[s], ds[s])")
          .endControlFlow();
    }
    return method.addStatement("return error").build();
  }

  private MethodSpec checkBatch() {
    return MethodSpec.methodBuilder("checkBatch")
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .addParameter(samples, "xs")
        .addParameter(samples, "ds")
        .beginControlFlow("if (xs.length == 0 || xs.length != ds.length)")
        .addStatement("throw new $T($S + xs.length + $S + ds.length + $S)", IllegalArgumentException.class,
            "a batch needs as many targets as inputs, at least one: got ", " inputs and ", " targets")
        .endControlFlow()
        .build();
  }

  /**
   * Adds {@code text} as line comments of at most {@value #COMMENT_WIDTH} characters: JavaPoet
   * would wrap a long comment onto a line without its {@code //}.
   */
  private static void comment(MethodSpec.Builder method, String text) {
    text = JavaComments.safe(text);
    StringBuilder line = new StringBuilder();
    List<String> words = new ArrayList<>();
    for (String word : text.split("\\s+")) {
      // A formula with no spaces may be longer than a line by itself.
      for (int start = 0; start < word.length(); start += COMMENT_WIDTH - 4) {
        words.add(word.substring(start, Math.min(word.length(), start + COMMENT_WIDTH - 4)));
      }
    }
    for (String word : words) {
      if (line.length() > 0 && line.length() + 1 + word.length() > COMMENT_WIDTH) {
        method.addComment("$L", line.toString());
        line.setLength(0);
        line.append("    ");
      }
      line.append(line.length() == 0 || line.toString().isBlank() ? "" : " ").append(word);
    }
    method.addComment("$L", line.toString());
  }

  /** A step's citation, {@code (eq. 7) δ^2_j = …}, as a comment may quote it. */
  private static String cite(Step step) {
    return JavaComments.safe(step.citation());
  }

  /** Names for a derived expression's temporaries, avoiding {@code taken} and the slot loops' names. */
  private static NameAllocator names(String... taken) {
    NameAllocator names = new NameAllocator();
    for (String name : taken) {
      names.newName(name, name);
    }
    for (String name : List.of("s", "count", "x", "d")) {
      if (!List.of(taken).contains(name)) {
        names.newName(name, name);
      }
    }
    return names;
  }

  private SourceLocation activationLocation(int l) {
    return spec.layer(l).activation().isCustom()
        ? spec.layer(l).activation().definition().location()
        : spec.layer(l).location();
  }

  private SourceLocation lossLocation() {
    return spec.loss().perOutput().location();
  }

  private static String offset(int l) {
    return "W" + l;
  }

  private double learningRate() {
    return spec.optimizer().learningRate();
  }

  private long seed() {
    return spec.initializer().seed();
  }
}
