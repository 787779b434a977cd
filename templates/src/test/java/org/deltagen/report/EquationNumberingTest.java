package org.deltagen.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deltagen.derive.Derivation;
import org.deltagen.derive.Deriver;
import org.deltagen.network.Activation;
import org.deltagen.network.Loss;
import org.deltagen.network.NamedActivation;
import org.deltagen.network.NamedLoss;
import org.deltagen.network.NetworkSpec;
import org.deltagen.network.Optimizer;
import org.deltagen.network.Schedule;
import org.deltagen.symbolic.SymbolicEngine;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A reader meets the report's equations in the order of their numbers, and every step is shown. */
class EquationNumberingTest {
  private static final Deriver DERIVER = new Deriver();

  private static NetworkSpec spec(String kind) throws Exception {
    if (kind.equals("scheduled-adam")) {
      return NetworkSpec.builder().name("Adam").inputs(3)
          .layer(4, Activation.named(NamedActivation.TANH)).layer(3, Activation.named(NamedActivation.RELU))
          .layer(2, Activation.named(NamedActivation.SIGMOID)).loss(Loss.named(NamedLoss.BINARY_CROSS_ENTROPY))
          .optimizer(new Optimizer.Adam(0.001, 0.9, 0.999, 1e-8, 0.01, true, false))
          .schedule(new Schedule.Step(10, 0.5)).warmup(new Schedule.Warmup(2, 0.5)).build();
    }
    return ReportTest.spec(kind);
  }

  @ParameterizedTest
  @ValueSource(strings = {"xor", "softmax-ce", "scheduled-adam", "residual", "norms"})
  void numbersIncreaseDownThePage(String kind) throws Exception {
    Derivation derivation = DERIVER.derive(spec(kind));
    String tex = new ReportRenderer().render(
        new ReportModels(SymbolicEngine.shared()).build(derivation, List.of(), Map.of(), "test"));

    List<Integer> numbers = tags(tex);
    for (int i = 1; i < numbers.size(); i++) {
      assertTrue(numbers.get(i) > numbers.get(i - 1), "down the page the tags read " + numbers);
    }
    List<Integer> everyStep = derivation.steps().stream().map(step -> step.number()).toList();
    assertEquals(everyStep, numbers, "each step of the derivation is shown once, under its number");
  }

  /** The numbers of {@code \tag{N}}, in the order they appear. */
  private static List<Integer> tags(String tex) {
    List<Integer> numbers = new ArrayList<>();
    for (int at = tex.indexOf("\\tag{"); at >= 0; at = tex.indexOf("\\tag{", at + 1)) {
      int start = at + "\\tag{".length();
      numbers.add(Integer.parseInt(tex.substring(start, tex.indexOf('}', start))));
    }
    return numbers;
  }
}
