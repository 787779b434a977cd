package org.deltagen.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.deltagen.network.NetworkSpec;
import org.deltagen.network.SpecException;
import org.deltagen.network.parse.SpecParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Pins, bit for bit, what every spec of the repository trains to: each {@code .nn} file in the
 * source tree (examples, benchmarks, fixture projects, fuzz seeds), every case of
 * {@link EveryRuleTest} and one spec per optimizer, schedule and option, each run for 25
 * {@code step}s and 3 epochs of {@code fit} on fixed data. A spec that is refused is pinned by its
 * error code. A rewrite of the generator must leave every line of {@code step-bits.tsv} as it is;
 * a change that means to alter the numbers refreshes it with {@code -Ddeltagen.refreshStepBits=true}
 * (README, "Pinned output") and shows the changed lines in its diff.
 */
class StepBitsTest {
  private static final Path FIXTURE = Path.of("src/test/resources/org/deltagen/codegen/step-bits.tsv");
  private static final int STEPS = 25;
  private static final int SAMPLES = 8;

  /** Specs that exercise what the other sources leave out: each optimizer, schedule and option. */
  private static final Map<String, String> OPTIONS = options();

  @Test
  void everySpecTrainsToTheRecordedBits() throws Exception {
    Map<String, String> actual = new TreeMap<>();
    for (Map.Entry<String, NetworkSpec> spec : specs().entrySet()) {
      actual.put(spec.getKey(), bits(spec.getValue()));
    }
    for (Map.Entry<String, String> refused : refusedFiles.entrySet()) {
      actual.put(refused.getKey(), refused.getValue());
    }
    if (Boolean.getBoolean("deltagen.refreshStepBits")) {
      StringBuilder text = new StringBuilder();
      actual.forEach((id, bits) -> text.append(id).append('\t').append(bits).append('\n'));
      Files.writeString(FIXTURE, text, StandardCharsets.UTF_8);
    }
    Map<String, String> expected = new TreeMap<>();
    for (String line : Files.readAllLines(FIXTURE, StandardCharsets.UTF_8)) {
      int tab = line.lastIndexOf('\t');
      expected.put(line.substring(0, tab), line.substring(tab + 1));
    }
    assertTrue(expected.size() > 100, "the fixture covers " + expected.size() + " specs");
    List<String> differences = new ArrayList<>();
    for (String id : union(expected, actual)) {
      if (!String.valueOf(expected.get(id)).equals(String.valueOf(actual.get(id)))) {
        differences.add(id + ": recorded " + expected.get(id) + ", now " + actual.get(id));
      }
    }
    assertEquals(List.of(), differences, "specs whose training changed");
  }

  private final Map<String, String> refusedFiles = new TreeMap<>();

  private Map<String, NetworkSpec> specs() throws Exception {
    Map<String, NetworkSpec> specs = new LinkedHashMap<>();
    for (Path file : specFiles()) {
      String id = Path.of("..").toAbsolutePath().normalize().relativize(file.toAbsolutePath().normalize()).toString();
      try {
        specs.put(id, Specs.read(file));
      } catch (SpecException e) {
        refusedFiles.put(id, "refused " + e.diagnostics().get(0).code());
      }
    }
    addCases(specs, "every activation", EveryRuleTest.everyActivation());
    addCases(specs, "every loss", EveryRuleTest.everyLoss());
    addCases(specs, "every depth", EveryRuleTest.everyDepth());
    addCases(specs, "every norm", EveryRuleTest.everyNorm());
    for (Map.Entry<String, String> option : OPTIONS.entrySet()) {
      specs.put("option " + option.getKey(), SpecParser.parse(option.getKey() + ".nn", option.getValue()));
    }
    return specs;
  }

  private static void addCases(Map<String, NetworkSpec> specs, String group, Stream<Arguments> cases) {
    cases.forEach(arguments -> {
      Object[] values = arguments.get();
      specs.put(group + " " + values[0] + " " + values[1], (NetworkSpec) values[2]);
    });
  }

  /**
   * Every .nn file of a module's sources ({@code MODULE/src/…}): what the repository holds, not
   * what a build or {@code ./deltagen demo} wrote beside it ({@code target/}, {@code deltagen-demo/}).
   */
  private static List<Path> specFiles() throws IOException {
    Path root = Path.of("..");
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(file -> file.getFileName().toString().endsWith(".nn"))
          .filter(file -> isSource(root.relativize(file)))
          .sorted()
          .toList();
    }
  }

  private static boolean isSource(Path file) {
    return file.getNameCount() > 2 && file.getName(1).toString().equals("src")
        && !file.toString().contains("/target/") && !file.toString().contains("/.");
  }



  /** A digest of every step's error, the parameters after 25 steps, then after 3 epochs of fit. */
  private static String bits(NetworkSpec spec) throws Exception {
    Class<?> type;
    try {
      type = Specs.compile(spec);
    } catch (SpecException e) {
      return "refused " + e.diagnostics().get(0).code();
    }
    double[][] xs = Specs.uniformInputs(SAMPLES, spec.inputs(), 11);
    double[][] ds = targets(spec.outputs());
    ByteBuffer record = ByteBuffer.allocate(8 * (STEPS + 2 * spec.parameterCount()) + 2048);
    String diverged = "";
    Trainer trainer = new Trainer(type);
    try {
      for (int step = 0; step < STEPS; step++) {
        record.putDouble(trainer.step(xs, ds));
      }
    } catch (ArithmeticException e) {
      diverged = " (step diverged: " + e.getMessage() + ")";
    }
    for (double parameter : trainer.parameterValues()) {
      record.putDouble(parameter);
    }
    GeneratedTrainer fitted = GeneratedTrainer.of(type);
    try {
      fitted.call("fit", fitted.samples(xs), fitted.samples(ds), 3, 3);
    } catch (ArithmeticException e) {
      diverged += " (fit diverged: " + e.getMessage() + ")";
    }
    for (double parameter : fitted.parameterValues()) {
      record.putDouble(parameter);
    }
    return digest(record.array()) + diverged;
  }


  /** Targets in [0, 1) that sum to 1 per sample, valid for every loss of the rule table. */
  private static double[][] targets(int outputs) {
    double[][] ds = Specs.uniformInputs(SAMPLES, outputs, 12);
    for (double[] d : ds) {
      double sum = 0;
      for (int j = 0; j < outputs; j++) {
        d[j] = (d[j] + 1) / 2;
        sum += d[j];
      }
      for (int j = 0; j < outputs && outputs > 1; j++) {
        d[j] /= sum;
      }
    }
    return ds;
  }

  private static String digest(byte[] bytes) throws NoSuchAlgorithmException {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  private static List<String> union(Map<String, String> a, Map<String, String> b) {
    TreeMap<String, String> all = new TreeMap<>(a);
    all.putAll(b);
    return List.copyOf(all.keySet());
  }

  private static Map<String, String> options() {
    String head = "network Options\ninput 3\nlayer 5 tanh\nlayer 70 relu\nlayer 2 sigmoid\nloss sse\n";
    Map<String, String> options = new LinkedHashMap<>();
    // A name, then the statements that follow head, one cell each.
    """
        sgd                  | optimizer sgd lr=0.05 | init xavier seed=1
        sgd-momentum         | optimizer sgd lr=0.05 momentum=0.9 dampening=0.1 | init he seed=2
        sgd-nesterov         | optimizer sgd lr=0.05 momentum=0.9 nesterov=true weight-decay=0.01 | init uniform seed=3
        adagrad              | optimizer adagrad lr=0.05 lr-decay=0.01 weight-decay=0.001 initial-accumulator=0.1 | init normal seed=4
        rmsprop              | optimizer rmsprop lr=0.01 alpha=0.9 momentum=0.5 centered=true weight-decay=0.01 | init xavier seed=5
        adam                 | batch mean | optimizer adam lr=0.01 weight-decay=0.01 | init he seed=6
        adamw                | batch mean | optimizer adamw lr=0.01 | init xavier seed=7
        clip                 | optimizer sgd lr=0.5 | clip norm=0.5 | init normal seed=8
        schedule-step        | optimizer sgd lr=0.1 | schedule step size=1 gamma=0.5 | init xavier seed=9
        schedule-exponential | optimizer adam lr=0.01 | schedule exponential gamma=0.9 | warmup epochs=2 | init xavier seed=10
        schedule-cosine      | optimizer rmsprop lr=0.01 | schedule cosine period=2 min-lr=0.001 | warmup epochs=1 start=0.5 | init he seed=11
        """.lines().forEach(row -> {
          List<String> cells = Stream.of(row.split("\\|")).map(String::strip).toList();
          options.put(cells.get(0), head + String.join("\n", cells.subList(1, cells.size())) + "\n");
        });
    // Dropout on a small layer and on a looped one before its skip: the masks' draws are pinned too.
    options.put("dropout", "network Dropout\ninput 3\nlayer 70 tanh dropout=0.5\nlayer 70 relu dropout=0.2 skip=1\n"
        + "layer 2 sigmoid\nloss sse\noptimizer sgd lr=0.05\ninit xavier seed=13\n");
    options.put("no-bias", "network NoBias\ninput 4\nlayer 6 softsign bias=false\nlayer 80 gelu bias=false\n"
        + "layer 3 softmax\nloss cross-entropy\nbatch mean\noptimizer adam lr=0.01\ninit xavier seed=12\n");
    for (String name : List.copyOf(options.keySet())) {
      options.put(name + "-float", options.get(name) + "precision float\n");
    }
    return options;
  }
}
