package org.deltagen.codegen;

import static org.deltagen.codegen.ParameterIndex.offset;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Random;
import java.util.function.IntFunction;
import javax.lang.model.element.Modifier;
import org.deltagen.network.Initializer;
import org.deltagen.network.NetworkSpec;

/**
 * Writes the parameters' constants and their start: the sizes and block offsets, η and the seed,
 * explicit initial parameters (as an array literal, or as Base64 when too many for a class
 * initializer), and the constructor that draws or copies them.
 */
record ParameterWriter(NetworkSpec spec, ElementType element) {
  /** Up to this many explicit initial parameters are written as an array literal, about 8 bytes of bytecode each. */
  static final int LITERAL_PARAMETERS = 512;
  /** Characters per Base64 string literal; a class file constant holds at most 65535 bytes. */
  private static final int BASE64_CHUNK = 60_000;

  /** Whether the initial parameters are decoded from Base64, by {@link #decodeParameters}. */
  boolean decodes() {
    return spec.initializer() instanceof Initializer.Explicit explicit && explicit.parameters().length > LITERAL_PARAMETERS;
  }

  void addConstants(TypeSpec.Builder type) {
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
      NormWriter.addConstants(spec, l, type);
      LearnedWriter.addConstant(spec, l, type);
      DropoutWriter.addConstants(spec, element, l, type);
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
        FieldSpec.builder(element.array(), "INITIAL_PARAMETERS", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL);
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
      NormWriter.literals(spec, l, element, values, initializer);
      LearnedWriter.literals(spec, l, element, values, initializer);
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

  MethodSpec decodeParameters() {
    return MethodSpec.methodBuilder("decodeParameters")
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .returns(element.array())
        .addJavadoc("Reads PARAMETERS values from Base64 chunks of their big-endian IEEE 754 bits.\n")
        .addParameter(String[].class, "chunks")
        .varargs()
        .addStatement("$T bytes = $T.allocate(PARAMETERS * $T.BYTES)", ByteBuffer.class, ByteBuffer.class, element.boxed())
        .beginControlFlow("for (String chunk : chunks)")
        .addStatement("bytes.put($T.getDecoder().decode(chunk))", Base64.class)
        .endControlFlow()
        .addStatement("$T values = new $L[PARAMETERS]", element.array(), element.keyword())
        .addStatement("bytes.flip().as$LBuffer().get(values)", element.boxed().getSimpleName())
        .addStatement("return values")
        .build();
  }

  /** {@code Net()}: the seeded constructor with the spec's SEED. */
  MethodSpec defaultConstructor() {
    return MethodSpec.constructorBuilder()
        .addModifiers(Modifier.PUBLIC)
        .addJavadoc("A trainer as the spec describes it: {@code this(SEED)}.\n")
        .addStatement("this(SEED)")
        .build();
  }

  /**
   * {@code Net(long seed)}: {@code seeded} (the generators that draw from the seed besides the
   * shuffler), {@code initialState} (the optimizer's), then the initial parameters.
   */
  MethodSpec constructor(CodeBlock seeded, CodeBlock initialState) {
    MethodSpec.Builder constructor = MethodSpec.constructorBuilder().addModifiers(Modifier.PUBLIC)
        .addParameter(long.class, "seed")
        .addStatement("shuffler = new $T(seed)", Random.class)
        .addCode(seeded);
    constructor.addCode(initialState);
    Initializer initializer = spec.initializer();
    if (initializer instanceof Initializer.Explicit explicit) {
      constructor.addJavadoc("A trainer starting from the parameters of $L.\n", JavaComments.safe(explicit.source()));
      constructor.addStatement("$T.arraycopy(INITIAL_PARAMETERS, 0, w, 0, PARAMETERS)", System.class);
    } else if (initializer instanceof Initializer.Normal normal) {
      constructor.addJavadoc(
          "A trainer with every weight drawn from N(0, $L²) by {@code new Random(seed).nextGaussian()},\n"
              + "layer by layer in parameter order, and every bias zero.\n", normal.std());
      drawWeights(constructor, l -> JavaExpression.multiplicative(normal.std() + " * random.nextGaussian()"));
    } else if (initializer instanceof Initializer.Uniform uniform) {
      constructor.addJavadoc(
          "A trainer with every weight drawn uniformly from [$L, $L) by {@code new Random(seed)},\n"
              + "layer by layer in parameter order, and every bias zero.\n", uniform.low(), uniform.high());
      drawWeights(constructor, l -> JavaExpression.additive(
          uniform.low() + " + " + (uniform.high() - uniform.low()) + " * random.nextDouble()"));
    } else if (initializer instanceof Initializer.Scaled scaled) {
      constructor.addJavadoc(
          "A trainer with $L-initialized weights ($L, as torch.nn.init), drawn by\n"
              + "{@code new Random(seed)} layer by layer in parameter order, and every bias zero.\n",
          scaled.scheme() == Initializer.Scaled.Scheme.XAVIER ? "Xavier" : "He", scaled.normal() ? "normal" : "uniform");
      drawWeights(constructor, l -> JavaExpression.multiplicative(scaled.normal()
          ? scaled.std(spec.units(l - 1), spec.units(l)) + " * random.nextGaussian()"
          : scaled.bound(spec.units(l - 1), spec.units(l)) + " * (2.0 * random.nextDouble() - 1.0)"));
    } else {
      constructor.addJavadoc("A trainer with every parameter zero.\n");
    }
    boolean draws = !(initializer instanceof Initializer.Explicit || initializer instanceof Initializer.Zeros);
    constructor.addJavadoc("\n@param seed $Lorders the samples of {@link #fit}$L\n",
        draws ? "draws the initial weights and\n    " : "", seeded.isEmpty() ? "" : ", and draws the dropout masks");
    if (!(initializer instanceof Initializer.Explicit)) {
      NormWriter.initialValues(spec, element, constructor);
      LearnedWriter.initialValues(spec, element, constructor);
    }
    return constructor.build();
  }

  /** For each layer, a loop giving every weight (not the bias row) the value {@code draw(l)}. */
  private void drawWeights(MethodSpec.Builder constructor, IntFunction<JavaExpression> draw) {
    constructor.addStatement("$T random = new $T(seed)", Random.class, Random.class);
    ParameterIndex parameters = new ParameterIndex(spec);
    for (int l = 1; l <= spec.depth(); l++) {
      String firstWeight = spec.layer(l).bias() ? offset(l) + " + " + spec.units(l) : offset(l);
      constructor.beginControlFlow("for (int p = $L; p < $L; p++)", firstWeight, parameters.weightEnd(l))
          .addCode(element.store("w[p]", draw.apply(l)))
          .endControlFlow();
    }
  }

  private double learningRate() {
    return spec.optimizer().learningRate();
  }

  private long seed() {
    return spec.initializer().seed();
  }
}
