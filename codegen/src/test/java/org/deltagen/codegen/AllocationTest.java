package org.deltagen.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.palantir.javapoet.JavaFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.deltagen.network.Activation;
import org.deltagen.network.BatchReduction;
import org.deltagen.network.Initializer;
import org.deltagen.network.LearnedParameter;
import org.deltagen.network.Loss;
import org.deltagen.network.NamedActivation;
import org.deltagen.network.NamedLoss;
import org.deltagen.network.NetworkSpec;
import org.deltagen.network.Norm;
import org.deltagen.network.Optimizer;
import org.deltagen.network.Precision;
import org.deltagen.network.SpecException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PRODUCT.md §4: a training step allocates nothing. step, predict and backward of generated
 * trainers are called directly, warmed up, and must allocate exactly 0 bytes, as measured by
 * {@code ThreadMXBean#getCurrentThreadAllocatedBytes}: in this JVM, and in one started with
 * {@code -XX:-DoEscapeAnalysis}, where the JIT cannot remove an allocation that does not escape.
 * Double and float trainers alike.
 */
class AllocationTest {
  /** A trainer-shaped class whose methods each allocate a double[1] that escapes into a field. */
  private static final String LEAKY = "org.deltagen.test.Leaky";
  private static final String LEAKY_SOURCE = """
      package org.deltagen.test;

      public final class Leaky {
        public static final int INPUTS = 2;
        public static final int OUTPUTS = 1;
        private double[] last = new double[1];

        public void predict(double[] x, double[] y) {
          last = new double[] {x[0] + x[1]};
          y[0] = last[0];
        }

        public double backward(double[] x, double[] d) {
          last = new double[] {x[0] - d[0]};
          return last[0] * last[0];
        }

        public double step(double[][] xs, double[][] ds) {
          last = new double[] {xs.length};
          return ds[0][0] + last[0];
        }

        public double gradientNorm(int l) {
          last = new double[] {l};
          return last[0];
        }

        public double parameterNorm(int l) {
          return l;
        }
      }
      """;

  /** How long the probe JVM may take before it counts as hung. */
  private static final int PROBE_SECONDS = 300;

  /** Generated trainers, by qualified class name. */
  private static final Map<String, String> TRAINERS = new LinkedHashMap<>();

  @BeforeAll
  static void generateTrainers() throws SpecException {
    add(Specs.generate(Specs.xor()));
    for (Precision precision : Precision.values()) {
      String suffix = precision == Precision.FLOAT ? "Float" : "";
      add(Specs.generate(Specs.network("Tanh10x32x32x1" + suffix, 10)
          .layer(32, Activation.named(NamedActivation.TANH))
          .layer(32, Activation.named(NamedActivation.TANH))
          .layer(1, Activation.named(NamedActivation.IDENTITY))
          .loss(Loss.named(NamedLoss.MSE))
          .optimizer(new Optimizer.Sgd(0.01, 0.9, 0, true, 1e-4, false))
          .initializer(new Initializer.Normal(1, 0.1))
          .precision(precision)
          .build()));
      add(Specs.generate(Specs.network("Softmax20x16x5" + suffix, 20)
          .layer(16, Activation.named(NamedActivation.RELU))
          .layer(5, Activation.named(NamedActivation.SOFTMAX))
          .loss(Loss.named(NamedLoss.CROSS_ENTROPY))
          .batch(BatchReduction.MEAN)
          .optimizer(new Optimizer.Adam(0.001, 0.9, 0.999, 1e-8, 0.01, true, false))
          .initializer(new Initializer.Normal(2, 0.1))
          .clipNorm(1.0)
          .l1(1e-4)
          .precision(precision)
          .build()));
      // Learnable activation parameters: prelu looped with rows copied, in slots; f(u; a, b) unrolled.
      add(Specs.generate(Specs.network("Learned6x64x4x2" + suffix, 6)
          .layer(64, Activation.named(NamedActivation.PRELU))
          .layer(4, Activation.custom("a*Tanh(b*u)",
              List.of(new LearnedParameter("a", 1), new LearnedParameter("b", 0.5))))
          .layer(2, Activation.named(NamedActivation.IDENTITY))
          .loss(Loss.named(NamedLoss.MSE))
          .optimizer(new Optimizer.Adam(0.001, 0.9, 0.999, 1e-8, 0.01, true, false))
          .initializer(new Initializer.Normal(2, 0.1))
          .precision(precision)
          .build()));
      add(Specs.generate(mnistSized(Specs.network("NormSkip784x256x256x10" + suffix, 784)
          .layer(256, Activation.named(NamedActivation.RELU)).norm(Norm.layer())
          .layer(256, Activation.named(NamedActivation.RELU)).norm(Norm.group(8)).skip(1), precision)));
      // Batch norm: the whole batch in slots, which grow during the warm-up's first step and then stay.
      add(Specs.generate(Specs.network("BatchNorm784x256x10" + suffix, 784)
          .layer(256, Activation.named(NamedActivation.RELU)).norm(Norm.batch())
          .layer(10, Activation.named(NamedActivation.SOFTMAX))
          .loss(Loss.named(NamedLoss.CROSS_ENTROPY))
          .optimizer(new Optimizer.Sgd(0.01, 0.9, 0, false, 0, false))
          .initializer(new Initializer.Normal(4, 0.05))
          .precision(precision)
          .build()));
      // Dropout: the masks are drawn into buffers from a SplittableRandom, in slots.
      add(Specs.generate(mnistSized(Specs.network("Dropout784x256x10" + suffix, 784)
          .layer(256, Activation.named(NamedActivation.RELU)).dropout(0.5), precision)));
    }
  }

  /** {@code hidden} of 784 inputs, then a 10-way softmax trained by Adam, in {@code precision}. */
  private static NetworkSpec mnistSized(NetworkSpec.Builder hidden, Precision precision) throws SpecException {
    return hidden.layer(10, Activation.named(NamedActivation.SOFTMAX))
        .loss(Loss.named(NamedLoss.CROSS_ENTROPY))
        .optimizer(new Optimizer.Adam(0.001, 0.9, 0.999, 1e-8, 0, false, true))
        .initializer(new Initializer.Normal(3, 0.05))
        .precision(precision)
        .build();
  }

  private static void add(JavaFile file) {
    TRAINERS.put(InMemoryCompiler.qualifiedName(file), file.toString());
  }

  @Test
  void generatedTrainersAllocateNothing() {
    Map<String, Long> bytes = new LinkedHashMap<>();
    TRAINERS.forEach((name, source) -> record(bytes, name, AllocationProbe.measure(name, source)));
    assertNothingAllocated(bytes, "in this JVM");
  }

  @Test
  void theMeasurementSeesAnAllocatingTrainer() {
    Map<String, Long> bytes = AllocationProbe.measure(LEAKY, LEAKY_SOURCE);
    assertAllocatingEachCall(LEAKY, bytes, "in this JVM");
  }

  @Test
  void generatedTrainersAllocateNothingWithoutEscapeAnalysis(@TempDir Path directory)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:-DoEscapeAnalysis",
        "-cp", System.getProperty("java.class.path"),
        AllocationProbe.class.getName()));
    Map<String, String> sources = new LinkedHashMap<>(TRAINERS);
    sources.put(LEAKY, LEAKY_SOURCE);
    for (Map.Entry<String, String> trainer : sources.entrySet()) {
      Path file = Files.writeString(directory.resolve(trainer.getKey() + ".java"), trainer.getValue());
      command.add(trainer.getKey());
      command.add(file.toString());
    }
    Path log = directory.resolve("probe.log");
    Process probe = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    // A guard against a hung probe, not a measurement: with the two batch-norm trainers the probe took
    // over 120 s on a loaded two-core machine.
    if (!probe.waitFor(PROBE_SECONDS, TimeUnit.SECONDS)) {
      probe.destroyForcibly();
      throw new AssertionError("the probe JVM took over " + PROBE_SECONDS + " s:\n" + Files.readString(log));
    }
    String output = Files.readString(log);
    assertEquals(0, probe.exitValue(), () -> "the probe JVM failed:\n" + output);
    assertTrue(output.contains(AllocationProbe.ESCAPE_ANALYSIS + " false"),
        () -> "the probe JVM ran with escape analysis:\n" + output);

    Map<String, Long> bytes = new LinkedHashMap<>();
    Map<String, Long> leaky = new LinkedHashMap<>();
    for (String line : output.lines().toList()) {
      String[] fields = line.split(" ");
      if (fields.length == 4 && fields[0].equals(AllocationProbe.RESULT)) {
        long allocated = Long.parseLong(fields[3]);
        if (fields[1].equals(LEAKY)) {
          leaky.put(fields[2], allocated);
        } else {
          bytes.put(fields[1] + "." + fields[2], allocated);
        }
      }
    }
    assertEquals(TRAINERS.size() * AllocationProbe.METHODS.size(), bytes.size(),
        () -> "missing results from the probe JVM:\n" + output);
    assertAllocatingEachCall(LEAKY, leaky, "with -XX:-DoEscapeAnalysis");
    assertNothingAllocated(bytes, "with -XX:-DoEscapeAnalysis");
  }

  private static void record(Map<String, Long> bytes, String trainer, Map<String, Long> perMethod) {
    perMethod.forEach((method, allocated) -> bytes.put(trainer + "." + method, allocated));
  }

  /** Fails naming every method that allocated, with its bytes, total and per call. */
  private static void assertNothingAllocated(Map<String, Long> bytes, String where) {
    StringBuilder allocating = new StringBuilder();
    bytes.forEach((method, allocated) -> {
      if (allocated != 0) {
        allocating.append(String.format("%n  %s allocated %d bytes in %d calls (%.1f per call)",
            method, allocated, AllocationProbe.MEASURED_CALLS, (double) allocated / AllocationProbe.MEASURED_CALLS));
      }
    });
    assertTrue(allocating.length() == 0, () -> "a generated trainer allocates " + where + ":" + allocating
        + "\nall measurements: " + bytes);
    System.out.println("[AllocationTest] " + where + ": " + bytes);
  }

  /** The leaky trainer allocates at least a double[1] (16 bytes) in every call of every method. */
  private static void assertAllocatingEachCall(String trainer, Map<String, Long> bytes, String where) {
    assertEquals(AllocationProbe.METHODS, List.copyOf(bytes.keySet()), trainer + ": methods measured");
    bytes.forEach((method, allocated) -> assertTrue(allocated >= 16L * AllocationProbe.MEASURED_CALLS,
        () -> trainer + "." + method + " allocates a double[1] per call, but " + allocated + " bytes in "
            + AllocationProbe.MEASURED_CALLS + " calls were measured " + where));
    System.out.println("[AllocationTest] " + where + ": " + trainer + " " + bytes);
  }
}
