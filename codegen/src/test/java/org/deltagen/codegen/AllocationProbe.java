package org.deltagen.codegen;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.IntConsumer;

/**
 * Measures the bytes a trainer's {@code step}, {@code predict}, {@code backward} and its norms
 * ({@code gradientNorm}, {@code parameterNorm}) allocate, by
 * calling them directly from a driver class compiled beside the trainer (no reflection, no method
 * handles, no boxing), after a warm-up long enough for the JIT to compile them.
 *
 * <p>Run as a program ({@code main}) in a JVM started with other flags, e.g.
 * {@code -XX:-DoEscapeAnalysis}: the arguments are pairs of a trainer's qualified class name and
 * its source file; it prints one {@link #RESULT} line per method and the escape-analysis flag.
 */
final class AllocationProbe {
  static final int WARM_UP_CALLS = 20_000;
  static final int MEASURED_CALLS = 10_000;
  /** Measured rounds, of which the least counts. */
  static final int ROUNDS = 3;
  static final List<String> METHODS = List.of("step", "predict", "backward", "norms");
  static final String RESULT = "ALLOCATED";
  static final String ESCAPE_ANALYSIS = "DoEscapeAnalysis";
  private static final int BATCH = 4;

  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  private AllocationProbe() {}

  public static void main(String[] args) throws IOException {
    System.out.println(ESCAPE_ANALYSIS + " " + ManagementFactory.getPlatformMXBean(
        com.sun.management.HotSpotDiagnosticMXBean.class).getVMOption(ESCAPE_ANALYSIS).getValue());
    for (int a = 0; a + 1 < args.length; a += 2) {
      String trainer = args[a];
      measure(trainer, Files.readString(Path.of(args[a + 1])))
          .forEach((method, bytes) -> System.out.println(RESULT + " " + trainer + " " + method + " " + bytes));
    }
  }

  /**
   * Compiles the trainer {@code qualifiedName} from {@code source} with a driver and returns, per
   * method, the bytes this thread allocated in {@link #MEASURED_CALLS} calls after the warm-up.
   */
  static Map<String, Long> measure(String qualifiedName, String source) {
    String driverName = qualifiedName + "AllocationDriver";
    Map<String, String> sources = new LinkedHashMap<>();
    sources.put(qualifiedName, source);
    sources.put(driverName, driverSource(qualifiedName, source.contains("public float[] parameters()") ? "float" : "double",
        source.contains(" batchGradient(")));
    Function<String, IntConsumer> driver = newDriver(InMemoryCompiler.compile(sources).load(driverName));
    Map<String, Long> bytes = new LinkedHashMap<>();
    for (String method : METHODS) {
      bytes.put(method, allocatedBytes(driver.apply(method), WARM_UP_CALLS, MEASURED_CALLS));
    }
    return bytes;
  }

  /**
   * Runs {@code calls} warm-up calls, then returns the least bytes this thread allocates in
   * {@code measured} more, over {@link #ROUNDS} rounds: code that allocates does so in every
   * round, while the JVM's one-off work on this thread (seen once: 752 bytes in 10,000 calls of
   * XOR's step, whose twin without escape analysis allocated nothing) lands in one at most.
   */
  static long allocatedBytes(IntConsumer calls, int warmUp, int measured) {
    calls.accept(warmUp);
    THREADS.getCurrentThreadAllocatedBytes();
    long least = Long.MAX_VALUE;
    for (int round = 0; round < ROUNDS; round++) {
      long before = THREADS.getCurrentThreadAllocatedBytes();
      calls.accept(measured);
      least = Math.min(least, THREADS.getCurrentThreadAllocatedBytes() - before);
    }
    return least;
  }

  @SuppressWarnings("unchecked")
  private static Function<String, IntConsumer> newDriver(Class<?> driverClass) {
    try {
      return (Function<String, IntConsumer>) driverClass.getConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      throw new AssertionError("cannot create " + driverClass, e);
    }
  }

  /**
   * A driver for the trainer {@code qualifiedName}: a {@code Function<String, IntConsumer>} whose
   * consumer for a method name calls that method n times on one trainer, with inputs and one-hot
   * targets of type {@code element} allocated once (a batch of {@value #BATCH} for step), keeping
   * each result in a field. A {@code batched} trainer (batch norm) has no backward of one sample:
   * its "backward" is batchGradient of the batch.
   */
  static String driverSource(String qualifiedName, String element, boolean batched) {
    int dot = qualifiedName.lastIndexOf('.');
    String packageName = qualifiedName.substring(0, dot);
    String trainer = qualifiedName.substring(dot + 1);
    return """
        package %1$s;

        import java.util.function.Function;
        import java.util.function.IntConsumer;

        public final class %2$sAllocationDriver implements Function<String, IntConsumer> {
          private final %2$s trainer = new %2$s();
          private final %4$s[] x = new %4$s[%2$s.INPUTS];
          private final %4$s[] y = new %4$s[%2$s.OUTPUTS];
          private final %4$s[] d = new %4$s[%2$s.OUTPUTS];
          private final %4$s[][] xs = new %4$s[%3$d][%2$s.INPUTS];
          private final %4$s[][] ds = new %4$s[%3$d][%2$s.OUTPUTS];
          private double sink;

          public %2$sAllocationDriver() {
            java.util.Random random = new java.util.Random(42);
            for (int i = 0; i < x.length; i++) {
              x[i] = %5$srandom.nextGaussian();
            }
            d[0] = 1;
            for (int s = 0; s < xs.length; s++) {
              for (int i = 0; i < xs[s].length; i++) {
                xs[s][i] = %5$srandom.nextGaussian();
              }
              ds[s][s %% ds[s].length] = 1;
            }
          }

          @Override
          public IntConsumer apply(String method) {
            return switch (method) {
              case "step" -> n -> {
                for (int c = 0; c < n; c++) {
                  sink += trainer.step(xs, ds);
                }
              };
              case "predict" -> n -> {
                for (int c = 0; c < n; c++) {
                  trainer.predict(x, y);
                  sink += y[0];
                }
              };
              case "backward" -> n -> {
                for (int c = 0; c < n; c++) {
                  sink += %6$s;
                }
              };
              case "norms" -> n -> {
                for (int c = 0; c < n; c++) {
                  sink += trainer.gradientNorm(1) + trainer.parameterNorm(1);
                }
              };
              default -> throw new IllegalArgumentException(method);
            };
          }

          @Override
          public String toString() {
            return "driver of %2$s, sink " + sink;
          }
        }
        """.formatted(packageName, trainer, BATCH, element, element.equals("float") ? "(float) " : "",
            batched ? "trainer.batchGradient(xs, ds)" : "trainer.backward(x, d)");
  }
}
