package org.deltagen.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries.CategorySeriesRenderStyle;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs every benchmark in one JMH session per escape-analysis setting, with the GC profiler, and
 * writes the JMH JSON, then BENCHMARKS.md and its plot from that JSON.
 */
@Command(name = "benchmarks", mixinStandardHelpOptions = true,
    description = "Runs deltagen's JMH benchmarks against the peers and writes BENCHMARKS.md.")
public final class BenchmarkReport implements Callable<Integer> {
  private static final List<String> PEERS = List.of("Encog", "Neuroph", "Smile", "DL4J", "DJL-PyTorch");
  private static final String DJL = "DJL-PyTorch";
  private static final List<String> LIBRARIES = List.of("deltagen", "hand-written", "Encog", "Neuroph", "Smile",
      "DL4J", DJL);
  private static final Map<String, String> CLASSES = Map.of(
      "DeltagenBenchmark", "deltagen", "HandWrittenBenchmark", "hand-written", "EncogBenchmark", "Encog",
      "NeurophBenchmark", "Neuroph", "SmileBenchmark", "Smile", "Dl4jBenchmark", "DL4J", "DjlBenchmark", "DJL-PyTorch");

  /** Where, under the output directory, the JMH JSON goes. */
  private static final String RESULTS = "benchmarks/results";

  @Option(names = "--output", description = "Directory for BENCHMARKS.md, docs/benchmarks.png and benchmarks/results (default: .).")
  private Path output = Path.of(".");

  @Option(names = "--warmup", description = "Warm-up iterations of 1 s (default: ${DEFAULT-VALUE}).")
  private int warmup = 3;

  @Option(names = "--iterations", description = "Measured iterations of 1 s (default: ${DEFAULT-VALUE}).")
  private int iterations = 5;

  @Option(names = "--include", description = "A regular expression of benchmarks to run (default: all).")
  private String include = "org\\.deltagen\\.bench\\.(Deltagen|HandWritten|Encog|Neuroph|Smile|Dl4j|Djl|Peak|Function|Layout)Benchmark";

  @Option(names = "--commit", description = "The commit measured, for the report.")
  private String commit = "unknown";

  @Option(names = "--load", description = "The machine's load average before the run, for the report.")
  private String load = "unknown";

  @Option(names = "--report-only", description = "Write BENCHMARKS.md from the JSON of an earlier run, without running.")
  private boolean reportOnly;

  public static void main(String[] args) {
    System.exit(new CommandLine(new BenchmarkReport()).execute(args));
  }

  /** One benchmark's score: the median of its iterations in ns/op, JMH's 99.9% error, and bytes allocated per op. */
  record Score(double nanoseconds, double error, double bytes) {}

  @Override
  public Integer call() throws RunnerException, IOException {
    Files.createDirectories(output.resolve("docs"));
    Path results = Files.createDirectories(output.resolve(RESULTS));
    Path withEscapeAnalysis = results.resolve("ea-on.json");
    Path withoutEscapeAnalysis = results.resolve("ea-off.json");
    Path withoutSuperWord = results.resolve("no-superword.json");
    if (!reportOnly) {
      run(include, iterations, withEscapeAnalysis);
      // Allocation is deterministic: without escape analysis a short run is enough to see it.
      run(include, 1, withoutEscapeAnalysis, "-XX:-DoEscapeAnalysis");
      run("org\\.deltagen\\.bench\\.(LayoutBenchmark|DeltagenBenchmark\\.step)", iterations, withoutSuperWord,
          "-XX:-UseSuperWord");
    }
    Map<String, Score> on = read(withEscapeAnalysis);
    Map<String, Score> off = read(withoutEscapeAnalysis);
    Map<String, Score> scalar = Files.exists(withoutSuperWord) ? read(withoutSuperWord) : Map.of();
    Files.writeString(output.resolve("BENCHMARKS.md"), markdown(on, off, scalar));
    plot(on, output.resolve("docs").resolve("benchmarks.png"));
    System.out.println("wrote " + output.resolve("BENCHMARKS.md"));
    return 0;
  }

  private void run(String benchmarks, int measured, Path json, String... jvmArguments) throws RunnerException {
    ChainedOptionsBuilder options = new OptionsBuilder()
        .include(benchmarks)
        .mode(Mode.AverageTime)
        .timeUnit(TimeUnit.NANOSECONDS)
        .forks(1)
        .threads(1)
        .warmupIterations(warmup)
        .warmupTime(TimeValue.seconds(1))
        .measurementIterations(measured)
        .measurementTime(TimeValue.seconds(1))
        .addProfiler(GCProfiler.class)
        .jvmArgsAppend("-Djava.util.concurrent.ForkJoinPool.common.parallelism=1")
        .resultFormat(ResultFormatType.JSON)
        .result(json.toString());
    if (jvmArguments.length > 0) {
      options.jvmArgsAppend(jvmArguments);
    }
    new Runner(options.build()).run();
  }

  /** The scores of a JMH JSON result file, by {@link #key}. */
  private static Map<String, Score> read(Path json) throws IOException {
    Map<String, Score> scores = new LinkedHashMap<>();
    for (JsonElement element : JsonParser.parseString(Files.readString(json)).getAsJsonArray()) {
      JsonObject result = element.getAsJsonObject();
      JsonObject params = result.getAsJsonObject("params");
      String problem = params == null ? null : params.get("problem").getAsString();
      JsonObject primary = result.getAsJsonObject("primaryMetric");
      JsonObject allocation = result.getAsJsonObject("secondaryMetrics").getAsJsonObject("gc.alloc.rate.norm");
      scores.put(key(result.get("benchmark").getAsString(), problem), new Score(
          primary.getAsJsonObject("scorePercentiles").get("50.0").getAsDouble(),
          primary.get("scoreError").getAsDouble(),
          allocation == null ? Double.NaN : allocation.get("score").getAsDouble()));
    }
    return scores;
  }

  /** "deltagen step MNIST_32", "Peak axpy": the library, the operation and the case. */
  private static String key(String benchmark, String problem) {
    String[] parts = benchmark.split("\\.");
    String type = parts[parts.length - 2];
    String method = parts[parts.length - 1];
    String library = CLASSES.getOrDefault(type, type.replace("Benchmark", ""));
    return library + " " + method + (problem == null ? "" : " " + problem);
  }

  private String markdown(Map<String, Score> on, Map<String, Score> off, Map<String, Score> scalar) {
    boolean nativePeers = on.keySet().stream().anyMatch(key -> key.startsWith("DL4J ") || key.startsWith("DJL"));
    StringBuilder md = new StringBuilder();
    md.append("# Benchmarks\n\n")
        .append("deltagen's generated trainers against a hand-written double[] implementation and the JVM peers, ")
        .append("measured by `benchmarks/run` in one JMH session (").append(warmup).append(" × 1 s warm-up, ")
        .append(iterations).append(" × 1 s measured, 1 fork, 1 thread, average time per operation; the tables give ")
        .append("the median of the iterations ± JMH's 99.9% error), then again with ")
        .append("`-XX:-DoEscapeAnalysis` for the allocation columns, and with `-XX:-UseSuperWord` for the loop ")
        .append("forms and deltagen's steps at the end.\n\n")
        .append("- Machine: ").append(cpu()).append(", ").append(Runtime.getRuntime().availableProcessors())
        .append(" cores; load average before the run: ").append(load).append('\n')
        .append("- JDK: ").append(System.getProperty("java.vm.name")).append(' ')
        .append(System.getProperty("java.runtime.version")).append('\n')
        .append("- Commit: ").append(commit).append('\n')
        .append("- Command: `benchmarks/run").append(nativePeers ? " --native-peers" : "")
        .append("` (`java -jar benchmarks/target/benchmarks.jar --warmup ")
        .append(warmup).append(" --iterations ").append(iterations).append("`)\n")
        .append("- Raw results (JMH JSON), from which this page and its plot are written: `" + RESULTS + "/ea-on.json`, `")
        .append(RESULTS + "/ea-off.json`, `" + RESULTS + "/no-superword.json`\n\n");
    double peak = gflops(on, "horner");
    double floatPeak = gflops(on, "hornerFloat");
    double axpy = Math.max(gflops(on, "axpy"), gflops(on, "fma"));
    double floatAxpy = gflops(on, "axpyFloat");
    md.append(String.format(Locale.ROOT, "Single-core FMA peak, from `PeakBenchmark.horner` (%d dependent fused "
        + "multiply-adds per element of a 1024-element array in L1, vectorized by C2): %.2f GFLOP/s in double, %.2f "
        + "in float. A trainer's loops have the shape y += a·x, which loads two numbers and stores one per "
        + "multiply-add: `PeakBenchmark.axpy` reaches %.2f GFLOP/s in double and %.2f in float, the rate such a "
        + "loop can reach in L1.%n%n", PeakBenchmark.DEGREE, peak, floatPeak, axpy, floatAxpy));
    md.append("Peers: Encog 3.4, Neuroph 2.92 (`org.beykery:neuroph`, the build on Maven Central), Smile 3.1.1")
        .append(nativePeers ? ", DL4J 1.0.0-M2.1 (nd4j-native) and DJL 0.36.0 with PyTorch 2.7.1 (CPU)" : "")
        .append(", each on the same sizes, batch and learning rate, starting from deltagen's initial weights, on one ")
        .append("thread (Smile's OpenBLAS is set to one thread, DL4J runs with `OMP_NUM_THREADS=1`, PyTorch with one ")
        .append("intra-op and one inter-op thread). Before a library is timed, its prediction from those weights is ")
        .append("checked against deltagen's trainer (Neuroph's on XOR only, the one case where its functions are ")
        .append("deltagen's), and the hand-written baseline's first three batch errors against the trainer's. Where a ")
        .append("peer lacks an activation, loss or optimizer, its benchmark's javadoc says what it runs instead: ")
        .append("Neuroph has one function for every layer and no Adam (sigmoid units and squared error on 784-128-10, ")
        .append("tanh throughout on 10-32-32-1, plain SGD); Smile has RMSProp for Adam; Encog's SGD back-propagates ")
        .append("cross-entropy's y − d whatever the loss")
        .append(nativePeers ? "; DJL runs in float32 (its trainer fails on float64 parameters)." : ".")
        .append(nativePeers ? "" : " DL4J and DJL-PyTorch are built and measured only by `benchmarks/run --native-peers`; "
            + "this run did not include them.")
        .append("\n\n");
    md.append("Each step is a forward pass, a backward pass and an update over the batch. ")
        .append("`ns/update` divides a step by batch × connections; `×` is the time relative to deltagen's; ")
        .append("`B/step` is JMH's `gc.alloc.rate.norm`, with escape analysis on and off.\n\n");
    for (Case problem : Case.values()) {
      md.append("## ").append(problem.title()).append("\n\n")
          .append("| library | ns/step | ns/update | × | B/step | B/step, no EA | predict ns |\n")
          .append("| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
      Score deltagen = on.get("deltagen step " + problem.name());
      for (String library : LIBRARIES) {
        // DJL runs in float32 only: its row sits in the double table of the same sizes and in the float one.
        String measured = library.equals(DJL) ? problem.name().replace("_FLOAT", "") : problem.name();
        Score step = on.get(library + " step " + measured);
        if (step == null) {
          continue;
        }
        Score predict = on.get(library + " predict " + measured);
        Score noEscape = off.get(library + " step " + measured);
        md.append(String.format(Locale.ROOT, "| %s | %s ± %s | %.3f | %s | %s | %s | %s |%n",
            library.equals(DJL) ? DJL + " (float32)" : library,
            number(step.nanoseconds()), number(step.error()),
            step.nanoseconds() / (problem.batch() * problem.connections()),
            deltagen == null ? "" : String.format(Locale.ROOT, "%.1f", step.nanoseconds() / deltagen.nanoseconds()),
            bytes(step.bytes()), noEscape == null ? "" : bytes(noEscape.bytes()),
            predict == null ? "" : number(predict.nanoseconds())));
      }
      if (deltagen != null) {
        double gflops = problem.flopsPerStep() / deltagen.nanoseconds();
        boolean isFloat = problem.name().endsWith("FLOAT");
        md.append(String.format(Locale.ROOT, "%ndeltagen: %,d FLOPs per step (counted from the sizes), %.2f GFLOP/s, "
            + "%.0f%% of the %s FMA peak (%.0f%% of the axpy rate).%n", problem.flopsPerStep(), gflops,
            100 * gflops / (isFloat ? floatPeak : peak), isFloat ? "float" : "double",
            100 * gflops / (isFloat ? floatAxpy : axpy)));
      }
      md.append('\n');
    }
    md.append("![ns per training step by case and library](docs/benchmarks.png)\n\n");
    md.append(layout(on, scalar));
    md.append(goals(on, off, peak));
    return md.toString();
  }

  /** LayoutBenchmark's loops, with and without SuperWord, and what they show about the generated ones. */
  private static String layout(Map<String, Score> on, Map<String, Score> scalar) {
    List<String[]> rows = List.of(
        new String[] {"1 sample, forward: flat array, each row at an offset", "flatArray"},
        new String[] {"1 sample, forward: an array per row (hand-written)", "arrayPerRow"},
        new String[] {"1 sample, forward: each row copied out", "rowCopiedOut"},
        new String[] {"1 sample, forward: four rows copied out per statement (generated)", "fourRowsCopiedOut"},
        new String[] {"32 samples, forward: flat array, sample after sample", "batchFlat"},
        new String[] {"32 samples, forward: each row copied out once for all", "batchRowCopied"},
        new String[] {"32 samples, forward: four rows per statement (generated)", "batchFourRowsCopied"},
        new String[] {"32 samples, forward: eight rows per statement", "batchEightRowsCopied"},
        new String[] {"32 samples, gradient: flat array, sample after sample", "gradientFlat"},
        new String[] {"32 samples, gradient: each row copied out and back", "gradientRowCopied"},
        new String[] {"32 samples, gradient: four samples per statement (generated)", "gradientFourSamplesAtATime"},
        new String[] {"32 samples, gradient: eight samples per statement", "gradientEightSamplesAtATime"});
    for (String[] row : rows) {
      if (!on.containsKey("Layout " + row[1])) {
        return "";
      }
    }
    StringBuilder md = new StringBuilder("## How the wide layers' loops run\n\n")
        .append("`LayoutBenchmark` times the loops of 784-128-10's first layer alone, the weighted sums ")
        .append("u_j += z_i·w_ij and the weight gradient g_ij += z_i·δ_j over 784 × 128, in the forms below. ")
        .append("The second column repeats them with `-XX:-UseSuperWord`, which turns off C2's vectorization of loops:\n\n")
        .append("| loop | ns | ns without SuperWord |\n| --- | ---: | ---: |\n");
    for (String[] row : rows) {
      Score score = on.get("Layout " + row[1]);
      Score withoutSuperWord = scalar.get("Layout " + row[1]);
      md.append(String.format(Locale.ROOT, "| %s | %s ± %s | %s |%n", row[0], number(score.nanoseconds()),
          number(score.error()), withoutSuperWord == null ? "not run" : number(withoutSuperWord.nanoseconds())));
    }
    md.append(String.format(Locale.ROOT, "%nC2 does not vectorize a loop over the flat `parameters()` array whose "
        + "load carries the row's offset and whose store does not: it runs at the same speed without SuperWord. It "
        + "does vectorize the same loop over an array per row, and over rows copied out into a scratch array, which "
        + "is what the generated trainers do for layers of 64 units or more, keeping `parameters()` one live array. "
        + "A batch goes through such a layer up to 32 samples at a time, so a row is copied once for all of them, and "
        + "each statement adds four terms, so u (or a row of g) is loaded and stored once per four multiply-adds. "
        + "Against the flat loop, the generated forms are %.1f× faster for 32 samples' sums and %.1f× for their "
        + "gradient. They remain loops of the axpy shape, bound by loads and stores rather than by the FMA units; "
        + "a register-blocked matrix kernel, as BLAS libraries use, keeps vector accumulators across an outer loop, "
        + "which C2's SuperWord (innermost loops only) does not produce, and the Vector API that could express it "
        + "is an incubator module in Java 17.%n%n",
        on.get("Layout batchFlat").nanoseconds() / on.get("Layout batchFourRowsCopied").nanoseconds(),
        on.get("Layout gradientFlat").nanoseconds() / on.get("Layout gradientFourSamplesAtATime").nanoseconds()));
    md.append("The generated trainers' steps, timed again with `-XX:-UseSuperWord`: where a case slows down, C2 ")
        .append("vectorizes the generated loops.\n\n")
        .append("| case | ns/step | ns/step without SuperWord | × |\n| --- | ---: | ---: | ---: |\n");
    for (Case problem : Case.values()) {
      Score step = on.get("deltagen step " + problem.name());
      Score withoutSuperWord = scalar.get("deltagen step " + problem.name());
      if (step != null && withoutSuperWord != null) {
        md.append(String.format(Locale.ROOT, "| %s | %s | %s | %.1f |%n", problem.title(), number(step.nanoseconds()),
            number(withoutSuperWord.nanoseconds()), withoutSuperWord.nanoseconds() / step.nanoseconds()));
      }
    }
    return md.append('\n').toString();
  }

  private static String goals(Map<String, Score> on, Map<String, Score> off, double peak) {
    StringBuilder md = new StringBuilder("## Where the goals stand\n\n");
    // JMH's gc.alloc.rate.norm divides whatever the JVM allocated during an iteration by its
    // operations; the peak kernels allocate nothing, so their rate is the measurement's floor.
    double floor = 0;
    for (String kernel : List.of("axpy", "fma", "axpyFloat", "horner", "hornerFloat")) {
      for (Map<String, Score> scores : List.of(on, off)) {
        Score score = scores.get("Peak " + kernel);
        if (score != null) {
          floor = Math.max(floor, score.bytes() / score.nanoseconds());
        }
      }
    }
    double worstRate = 0;
    String worst = "";
    for (Case problem : Case.values()) {
      for (Map<String, Score> scores : List.of(on, off)) {
        for (String operation : List.of("step", "predict")) {
          Score score = scores.get("deltagen " + operation + " " + problem.name());
          if (score != null && score.bytes() / score.nanoseconds() >= worstRate) {
            worstRate = score.bytes() / score.nanoseconds();
            worst = String.format(Locale.ROOT, "%s B per %s on %s", bytes(score.bytes()), operation, problem.title());
          }
        }
      }
    }
    // Met when no deltagen benchmark allocates faster than 1.5 times that floor.
    md.append(String.format(Locale.ROOT, "- 0 B/step for every deltagen case, escape analysis on and off: %s. The "
            + "largest figure, %s, is an allocation rate of %.2f KB/s, against %.2f KB/s for the peak kernels, which "
            + "allocate nothing (met means within 1.5 times theirs): JMH's B/op is the JVM's own background "
            + "allocation over an iteration, divided among its operations, so it grows with the time per operation. "
            + "`AllocationTest` counts the calling thread's bytes over 10,000 calls of step, predict and backward and "
            + "finds 0, with and without escape analysis.%n",
        worstRate <= 1.5 * floor ? "**met**" : "**missed**", worst, worstRate * 1e6, floor * 1e6));
    for (Case problem : List.of(Case.XOR, Case.TANH)) {
      md.append(String.format(Locale.ROOT, "- ≥ 10× faster per step than every peer on %s: %s.%s%n", problem.title(),
          speedup(on, problem, 10, false), problem == Case.XOR
              ? functionBound(on, problem, 12, "sigmoid", "sigmoids (3 units × 4 samples)")
              : functionBound(on, problem, 64, "tanh", "tanh (2 layers × 32 units), which JDK 17 computes in native code")));
    }
    md.append(String.format(Locale.ROOT, "- ≥ 2× faster than the best peer on %s: %s", Case.MNIST_32.title(),
        speedup(on, Case.MNIST_32, 2, true)));
    Score floatStep = on.get("deltagen step " + Case.MNIST_32_FLOAT.name());
    Score djl = on.get(DJL + " step " + Case.MNIST_32.name());
    if (floatStep != null && djl != null) {
      md.append(String.format(Locale.ROOT, "; in float, against %s's float32 step, %s (%.1f×)", DJL,
          djl.nanoseconds() >= 2 * floatStep.nanoseconds() ? "**met**" : "**missed**",
          djl.nanoseconds() / floatStep.nanoseconds()));
    }
    md.append(".\n");
    Score mnist = on.get("deltagen step " + Case.MNIST_32.name());
    if (mnist != null) {
      double fraction = Case.MNIST_32.flopsPerStep() / mnist.nanoseconds() / peak;
      md.append(String.format(Locale.ROOT, "- ≥ 40%% of the single-core FMA peak on %s (double): %s, %.0f%%.%n",
          Case.MNIST_32.title(), fraction >= 0.4 ? "**met**" : "**missed**", 100 * fraction));
    }
    List<String> slower = new ArrayList<>();
    int compared = 0;
    for (Case problem : Case.values()) {
      Score deltagen = on.get("deltagen step " + problem.name());
      Score baseline = on.get("hand-written step " + problem.name());
      if (deltagen != null && baseline != null) {
        compared++;
        if (deltagen.nanoseconds() > baseline.nanoseconds()) {
          slower.add(String.format(Locale.ROOT, "%s (%.2f× the baseline's time)", problem.title(),
              deltagen.nanoseconds() / baseline.nanoseconds()));
        }
      }
    }
    md.append("- The generated trainer at least as fast as the hand-written baseline in every case: ")
        .append(compared == 0 ? "not measured" : slower.isEmpty() ? "**met** in the " + compared + " cases it has"
            : "**missed** on " + String.join(", ", slower)).append(".\n");
    return md.toString();
  }

  /** How the deltagen step compares with each peer's (or the best peer's) against {@code factor}. */
  private static String speedup(Map<String, Score> on, Case problem, double factor, boolean bestOnly) {
    Score deltagen = on.get("deltagen step " + problem.name());
    if (deltagen == null) {
      return "not measured";
    }
    List<String> ratios = new ArrayList<>();
    double worst = Double.POSITIVE_INFINITY;
    for (String peer : PEERS) {
      Score score = on.get(peer + " step " + problem.name());
      if (score != null) {
        double ratio = score.nanoseconds() / deltagen.nanoseconds();
        worst = Math.min(worst, ratio);
        ratios.add(String.format(Locale.ROOT, "%s %.1f×", peer, ratio));
      }
    }
    if (ratios.isEmpty()) {
      return "no peer measured";
    }
    String verdict = worst >= factor ? "**met**" : "**missed**";
    return verdict + (bestOnly ? String.format(Locale.ROOT, " (best peer %.1f×; ", worst) : " (")
        + String.join(", ", ratios) + ")";
  }

  /**
   * What {@code count} evaluations of an activation alone cost, from {@link FunctionBenchmark},
   * against the time a step may take to be 10× faster than the fastest peer.
   */
  private static String functionBound(Map<String, Score> on, Case problem, int count, String kernel, String what) {
    Score function = on.get("Function " + kernel);
    double fastest = Double.POSITIVE_INFINITY;
    for (String peer : PEERS) {
      Score score = on.get(peer + " step " + problem.name());
      fastest = score == null ? fastest : Math.min(fastest, score.nanoseconds());
    }
    if (function == null || Double.isInfinite(fastest)) {
      return "";
    }
    double each = function.nanoseconds() / FunctionBenchmark.UNITS;
    return String.format(Locale.ROOT, " Its step evaluates %d %s: %s ns at the %.1f ns each `FunctionBenchmark` "
        + "measures, against %s ns for a whole step 10× faster than the fastest peer's.", count, what,
        number(count * each), each, number(fastest / 10));
  }

  /** The GFLOP/s of a {@link PeakBenchmark} kernel, or NaN if it was not run. */
  private static double gflops(Map<String, Score> on, String kernel) {
    Score score = on.get("Peak " + kernel);
    if (score == null) {
      return Double.NaN;
    }
    int flopsPerElement = kernel.startsWith("horner") ? 2 * PeakBenchmark.DEGREE : 2;
    return (double) flopsPerElement * PeakBenchmark.LENGTH / score.nanoseconds();
  }

  private static void plot(Map<String, Score> on, Path file) throws IOException {
    CategoryChart chart = new CategoryChartBuilder().width(1000).height(560)
        .title("Training step, ns (log scale; lower is faster)").xAxisTitle("case").yAxisTitle("ns per step").build();
    chart.getStyler().setYAxisLogarithmic(true);
    chart.getStyler().setDefaultSeriesRenderStyle(CategorySeriesRenderStyle.Scatter);
    chart.getStyler().setMarkerSize(12);
    chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNW);
    // The double cases, which every library runs; the float ones are in the tables.
    List<Case> plotted = List.of(Case.XOR, Case.TANH, Case.MNIST_1, Case.MNIST_32);
    List<String> cases = plotted.stream().map(Case::title).toList();
    for (String library : LIBRARIES) {
      List<Double> values = new ArrayList<>();
      for (Case problem : plotted) {
        Score score = on.get(library + " step " + problem.name());
        values.add(score == null ? Double.NaN : score.nanoseconds());
      }
      if (values.stream().allMatch(value -> value > 0)) {
        chart.addSeries(library, cases, values);
      }
    }
    BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
  }

  private static String cpu() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
          .filter(line -> line.startsWith("model name"))
          .map(line -> line.substring(line.indexOf(':') + 1).trim())
          .findFirst().orElse("unknown CPU");
    } catch (IOException e) {
      return "unknown CPU";
    }
  }

  private static String number(double value) {
    return value >= 100 ? String.format(Locale.ROOT, "%,.0f", value) : String.format(Locale.ROOT, "%.1f", value);
  }

  private static String bytes(double value) {
    return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%.1f", value);
  }
}
