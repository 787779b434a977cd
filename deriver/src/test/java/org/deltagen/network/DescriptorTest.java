package org.deltagen.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.deltagen.network.parse.SpecParser;
import org.junit.jupiter.api.Test;

/** The descriptors must say what the README documents, and what torch defines. */
class DescriptorTest {
  private static final Path README = Path.of("../README.md");

  /** The README's list of optimizers, e.g. "  - `adam lr=0.001 beta1=0.9 …`", keyword to options. */
  private static Map<String, Map<String, String>> readmeOptimizers() throws IOException {
    Map<String, Map<String, String>> optimizers = new LinkedHashMap<>();
    for (String line : Files.readAllLines(README)) {
      String trimmed = line.trim();
      if (!trimmed.startsWith("- `") || !trimmed.endsWith("`")) {
        continue;
      }
      String[] words = trimmed.substring(3, trimmed.length() - 1).split(" ");
      if (Descriptor.forKeyword(OptimizerKind.values(), words[0]) != null && words.length > 1 && words[1].startsWith("lr=")) {
        Map<String, String> options = new LinkedHashMap<>();
        Stream.of(words).skip(1).map(word -> word.split("=", 2)).forEach(kv -> options.put(kv[0], kv[1]));
        optimizers.put(words[0], options);
      }
    }
    return optimizers;
  }

  @Test
  void everyOptimizerDefaultIsTheReadmes() throws IOException {
    Map<String, Map<String, String>> readme = readmeOptimizers();
    assertEquals(Descriptor.keywords(OptimizerKind.values()), List.copyOf(readme.keySet()), "the README lists every optimizer, in order");
    for (OptimizerKind kind : OptimizerKind.values()) {
      Map<String, String> documented = readme.get(kind.keyword());
      for (HyperParameter parameter : kind.parameters()) {
        if (parameter.option().equals("decay-biases")) {
          assertEquals(1.0, parameter.defaultValue(), "torch decays biases too");
          continue;
        }
        String text = documented.get(parameter.option());
        assertNotNull(text, kind.keyword() + " " + parameter.option() + " is documented");
        double value = parameter.isFlag() ? (Boolean.parseBoolean(text) ? 1 : 0) : Double.parseDouble(text);
        assertEquals(value, parameter.defaultValue(), kind.keyword() + " " + parameter.option());
      }
      assertEquals(documented.size(), kind.parameters().size() - 1, kind.keyword() + " documents no other option");
    }
  }

  @Test
  void optimizerDefaultsBuildTheDocumentedOptimizer() {
    assertEquals(new Optimizer.Adam(0.001, 0.9, 0.999, 1e-8, 0.01, true, true), OptimizerKind.ADAMW.withDefaults());
    assertEquals(new Optimizer.RmsProp(0.01, 0.99, 1e-8, 0, 0, false, true), OptimizerKind.RMSPROP.withDefaults());
    assertEquals(new Optimizer.Adagrad(0.01, 0, 0, 0, 1e-10, true), OptimizerKind.ADAGRAD.withDefaults());
    for (OptimizerKind kind : OptimizerKind.values()) {
      assertEquals(kind, kind.withDefaults().kind());
      assertEquals(kind.keyword(), kind.withDefaults().keyword());
    }
  }

  @Test
  void initializerAndScheduleDefaultsAreTorchs() {
    // torch.nn.init: xavier_* gain=1; kaiming_* with ReLU's gain √2. README: normal std=1, uniform ±0.05.
    assertEquals(1.0, InitializerKind.XAVIER.defaultOf("gain"));
    assertEquals(Math.sqrt(2.0), InitializerKind.HE.defaultOf("gain"));
    assertEquals(1.0, InitializerKind.NORMAL.defaultOf("std"));
    assertEquals(-0.05, InitializerKind.UNIFORM.defaultOf("low"));
    assertEquals(0.05, InitializerKind.UNIFORM.defaultOf("high"));
    assertEquals(List.of("normal", "uniform", "xavier", "he", "zeros"), Descriptor.keywords(InitializerKind.values()));
    // torch.optim.lr_scheduler: StepLR gamma=0.1, CosineAnnealingLR eta_min=0, LinearLR start_factor=1/3.
    assertEquals(0.1, ScheduleKind.STEP.parameter("gamma").defaultValue());
    assertTrue(ScheduleKind.STEP.parameter("size").required());
    assertTrue(ScheduleKind.EXPONENTIAL.parameter("gamma").required());
    assertEquals(0.0, ScheduleKind.COSINE.parameter("min-lr").defaultValue());
    assertEquals(1.0 / 3, Schedule.Warmup.PARAMETERS.get(1).defaultValue());
    assertEquals(List.of("constant", "step", "exponential", "cosine"), Descriptor.keywords(ScheduleKind.values()));
    assertEquals(ScheduleKind.COSINE, new Schedule.Cosine(10, 0).kind());
  }

  @Test
  void everyNumberHasASymbolAndOneJavaConstantPerKind() {
    List<List<HyperParameter>> tables = new java.util.ArrayList<>();
    Stream.of(OptimizerKind.values()).forEach(kind -> tables.add(kind.parameters()));
    Stream.of(InitializerKind.values()).forEach(kind -> tables.add(kind.parameters()));
    Stream.of(ScheduleKind.values()).forEach(kind -> tables.add(kind.parameters()));
    tables.add(Schedule.Warmup.PARAMETERS);
    for (List<HyperParameter> table : tables) {
      Set<String> constants = new HashSet<>();
      for (HyperParameter parameter : table) {
        assertTrue(parameter.isFlag() ? parameter.constant().isEmpty() : parameter.constant().matches("[A-Z][A-Z0-9_]*"),
            parameter.option() + "'s constant " + parameter.constant());
        assertTrue(parameter.isFlag() || constants.add(parameter.constant()), parameter.option() + " repeats a constant");
        assertTrue(!parameter.symbol().isEmpty() && !parameter.tex().isEmpty(), parameter.option());
      }
    }
    assertEquals("BETA1", OptimizerKind.ADAM.parameter("beta1").constant());
    assertEquals("\\beta_1", OptimizerKind.ADAM.parameter("beta1").tex());
  }

  @Test
  void stateArraysFollowTheOptions() {
    assertEquals(List.of(), new Optimizer.Sgd(0.1).stateArrays());
    assertEquals(List.of("squareAverage", "gradientAverage", "momentumBuffer"),
        new Optimizer.RmsProp(0.01, 0.99, 1e-8, 0, 0.9, true, true).stateArrays().stream().map(StateArray::name).toList());
    assertEquals(0.5, new Optimizer.Adagrad(0.01, 0, 0, 0.5, 1e-10, true).stateArrays().get(0).initial());
    assertEquals(List.of("firstMoment", "secondMoment"),
        OptimizerKind.ADAM.withDefaults().stateArrays().stream().map(StateArray::name).toList());
  }

  /** The README's statement table gives each optional statement's default as a statement; the builder's agree. */
  @Test
  void theBuildersDefaultsAreTheReadmes() throws IOException, SpecException {
    StringBuilder spec = new StringBuilder("network Net\ninput 2\nlayer 1 sigmoid\nloss half-sse\n");
    for (String line : Files.readAllLines(README)) {
      String[] cells = line.split("\\|");
      if (cells.length == 4 && Stream.of("`optimizer", "`init", "`batch", "`schedule", "`precision")
          .anyMatch(cells[1].trim()::startsWith)) {
        String keyword = cells[1].trim().substring(1).split(" ")[0];
        String value = cells[3].trim().replace("`", "");
        spec.append(keyword).append(' ').append(value).append('\n');
      }
    }
    NetworkSpec documented = SpecParser.parse("net.nn", spec.toString());
    NetworkSpec defaults = SpecParser.parse("net.nn", "network Net\ninput 2\nlayer 1 sigmoid\nloss half-sse\n");
    assertEquals(5, spec.toString().lines().count() - 4, spec.toString());
    assertEquals(documented.optimizer(), defaults.optimizer());
    assertEquals(documented.initializer(), defaults.initializer());
    assertEquals(documented.batch(), defaults.batch());
    assertEquals(documented.schedule(), defaults.schedule());
    assertEquals(documented.precision(), defaults.precision());
  }
}
