package org.deltagen.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.palantir.javapoet.JavaFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deltagen.network.Activation;
import org.deltagen.network.Initializer;
import org.deltagen.network.Initializer.Scaled.Scheme;
import org.deltagen.network.Loss;
import org.deltagen.network.NamedActivation;
import org.deltagen.network.NamedLoss;
import org.deltagen.network.Norm;
import org.deltagen.network.NetworkSpec;
import org.deltagen.network.Optimizer;
import org.deltagen.network.Precision;
import org.deltagen.network.SpecException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * PRODUCT.md §4: no generated method exceeds 8000 bytes of bytecode, HotSpot's
 * {@code -XX:HugeMethodLimit}, above which it does not JIT-compile a method. Checked on the class
 * files of trainers for realistically large networks.
 */
class BytecodeSizeTest {
  private static final int LIMIT = 8000;

  @ParameterizedTest
  @EnumSource(Precision.class)
  void mnistSizedReluTrainerHasNoHugeMethod(Precision precision) throws SpecException {
    assertNoHugeMethod(classifier("Relu784x128x10", 784, 128, NamedActivation.RELU, precision)
        .optimizer(new Optimizer.Adam(0.001, 0.9, 0.999, 1e-8, 0.0, false, true))
        .initializer(new Initializer.Scaled(Scheme.HE, false, 1, Math.sqrt(2)))
        .build());
  }

  @ParameterizedTest
  @EnumSource(Precision.class)
  void mnistSizedNormalizedResidualTrainerHasNoHugeMethod(Precision precision) throws SpecException {
    assertNoHugeMethod(Specs.network("NormSkip784x256x256x10" + precision.keyword(), 784)
        .layer(256, Activation.named(NamedActivation.RELU)).norm(Norm.layer())
        .layer(256, Activation.named(NamedActivation.RELU)).norm(Norm.group(8)).skip(1)
        .layer(10, Activation.named(NamedActivation.SOFTMAX))
        .loss(Loss.named(NamedLoss.CROSS_ENTROPY))
        .precision(precision)
        .build());
  }

  @ParameterizedTest
  @EnumSource(Precision.class)
  void mnistSizedBatchNormTrainerHasNoHugeMethod(Precision precision) throws SpecException {
    assertNoHugeMethod(Specs.network("BatchNorm784x256x10" + precision.keyword(), 784)
        .layer(256, Activation.named(NamedActivation.RELU)).norm(Norm.batch())
        .layer(10, Activation.named(NamedActivation.SOFTMAX))
        .loss(Loss.named(NamedLoss.CROSS_ENTROPY))
        .precision(precision)
        .build());
  }

  @ParameterizedTest
  @EnumSource(Precision.class)
  void mnistSizedDropoutTrainerHasNoHugeMethod(Precision precision) throws SpecException {
    assertNoHugeMethod(Specs.network("Dropout784x256x10" + precision.keyword(), 784)
        .layer(256, Activation.named(NamedActivation.RELU)).dropout(0.5)
        .layer(10, Activation.named(NamedActivation.SOFTMAX))
        .loss(Loss.named(NamedLoss.CROSS_ENTROPY))
        .precision(precision)
        .build());
  }

  @ParameterizedTest
  @EnumSource(Precision.class)
  void wideTanhTrainerHasNoHugeMethod(Precision precision) throws SpecException {
    assertNoHugeMethod(classifier("Tanh1024x1024x10", 1024, 1024, NamedActivation.TANH, precision)
        .optimizer(new Optimizer.Sgd(0.01, 0.9, 0, true, 1e-4, false))
        .initializer(new Initializer.Scaled(Scheme.XAVIER, true, 2, 1.0))
        .build());
  }

  /**
   * Explicit initial parameters used to be an array initializer, about 8 bytes of bytecode each in
   * the class initializer: over 1000 parameters made it too big to JIT, over 8000 too big to compile.
   */
  @ParameterizedTest
  @ValueSource(ints = {16, 128})
  void explicitParametersOfALargeNetworkCompileExactly(int hidden) throws SpecException {
    NetworkSpec shape = Specs.network("Explicit784x" + hidden + "x10", 784)
        .layer(hidden, Activation.named(NamedActivation.RELU))
        .layer(10, Activation.named(NamedActivation.SOFTMAX))
        .loss(Loss.named(NamedLoss.CROSS_ENTROPY))
        .build();
    double[] values = new double[shape.parameterCount()];
    java.util.Random random = new java.util.Random(7);
    for (int p = 0; p < values.length; p++) {
      // every bit pattern class a double can have: signs, subnormals, zeros, wide exponents
      values[p] = switch (p % 5) {
        case 0 -> random.nextGaussian();
        case 1 -> -Double.MIN_VALUE * random.nextInt(1000);
        case 2 -> p % 2 == 0 ? -0.0 : 0.0;
        case 3 -> Math.scalb(random.nextDouble(), random.nextInt(600) - 300);
        default -> Double.longBitsToDouble(random.nextLong() & 0x7fefffffffffffffL);
      };
    }
    NetworkSpec spec = Specs.network(shape.name(), 784)
        .layer(hidden, Activation.named(NamedActivation.RELU))
        .layer(10, Activation.named(NamedActivation.SOFTMAX))
        .loss(Loss.named(NamedLoss.CROSS_ENTROPY))
        .initializer(new Initializer.Explicit(values, "random bits"))
        .build();
    JavaFile file = Specs.generate(spec);
    String name = InMemoryCompiler.qualifiedName(file);
    InMemoryCompiler.Classes compiled = InMemoryCompiler.compile(Map.of(name, file.toString()));
    List<String> huge = hugeMethods(compiled);
    assertTrue(huge.isEmpty(), () -> "methods over " + LIMIT + " bytes:\n  " + String.join("\n  ", huge));
    double[] loaded = new Trainer(compiled.load(name)).parameters();
    for (int p = 0; p < values.length; p++) {
      if (Double.doubleToRawLongBits(values[p]) != Double.doubleToRawLongBits(loaded[p])) {
        throw new AssertionError("parameter " + p + ": " + values[p] + " became " + loaded[p]);
      }
    }
  }

  @Test
  void readsTheCodeLengthOfAKnownMethod() {
    String name = "org.deltagen.test.Known";
    InMemoryCompiler.Classes compiled = InMemoryCompiler.compile(Map.of(name, """
        package org.deltagen.test;

        public final class Known {
          private Known() {}

          public static int one() {
            return 1;
          }

          public static double twice(double x) {
            return 2 * x;
          }
        }
        """));
    Map<String, Integer> sizes = MethodSizes.of(compiled.classFiles().get(name));
    assertEquals(2, sizes.get("one()I"), "iconst_1, ireturn: " + sizes);
    assertEquals(6, sizes.get("twice(D)D"), "ldc2_w #, dload_0, dmul, dreturn: " + sizes);
    assertEquals(5, sizes.get("<init>()V"), "aload_0, invokespecial #, return: " + sizes);
  }

  @Test
  void reportsAMethodOverTheLimit() {
    StringBuilder body = new StringBuilder();
    for (int s = 0; s < 3000; s++) {
      body.append("    x += 1.0;\n");
    }
    String name = "org.deltagen.test.Huge";
    InMemoryCompiler.Classes compiled = InMemoryCompiler.compile(Map.of(name, """
        package org.deltagen.test;

        public final class Huge {
          private Huge() {}

          public static double add(double x) {
        %s    return x;
          }
        }
        """.formatted(body)));
    int size = MethodSizes.of(compiled.classFiles().get(name)).get("add(D)D");
    // dload_0, dconst_1, dadd, dstore_0 per statement, then dload_0, dreturn
    assertEquals(4 * 3000 + 2, size);
    List<String> huge = hugeMethods(compiled);
    assertEquals(List.of(name + ".add(D)D: " + size + " bytes"), huge);
  }

  /** An inputs-hidden-10 softmax classifier with cross-entropy, its name ending in the precision. */
  private static NetworkSpec.Builder classifier(
      String name, int inputs, int hidden, NamedActivation activation, Precision precision) {
    return Specs.network(name + precision.keyword(), inputs)
        .layer(hidden, Activation.named(activation))
        .layer(10, Activation.named(NamedActivation.SOFTMAX))
        .loss(Loss.named(NamedLoss.CROSS_ENTROPY))
        .precision(precision);
  }

  private static void assertNoHugeMethod(NetworkSpec spec) throws SpecException {
    JavaFile file = Specs.generate(spec);
    InMemoryCompiler.Classes compiled = InMemoryCompiler.compile(Map.of(InMemoryCompiler.qualifiedName(file), file.toString()));
    List<String> huge = hugeMethods(compiled);
    assertTrue(huge.isEmpty(), () -> "methods over HotSpot's " + LIMIT + "-byte JIT limit in "
        + spec.name() + ":\n  " + String.join("\n  ", huge));
    System.out.println("[BytecodeSizeTest] " + spec.name() + " largest methods: " + largest(compiled, 3));
  }

  /** "Class.method(descriptor): n bytes" for every method of every class over {@link #LIMIT}. */
  private static List<String> hugeMethods(InMemoryCompiler.Classes compiled) {
    List<String> huge = new ArrayList<>();
    compiled.classFiles().forEach((type, bytes) -> MethodSizes.of(bytes).forEach((method, size) -> {
      if (size > LIMIT) {
        huge.add(type + "." + method + ": " + size + " bytes");
      }
    }));
    return huge;
  }

  private static List<String> largest(InMemoryCompiler.Classes compiled, int count) {
    List<Map.Entry<String, Integer>> sizes = new ArrayList<>();
    compiled.classFiles().forEach((type, bytes) -> sizes.addAll(MethodSizes.of(bytes).entrySet()));
    sizes.sort(Map.Entry.<String, Integer>comparingByValue().reversed());
    return sizes.subList(0, Math.min(count, sizes.size())).stream().map(e -> e.getKey() + " " + e.getValue()).toList();
  }
}
