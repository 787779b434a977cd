package org.deltagen.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.deltagen.symbolic.Formula;
import org.junit.jupiter.api.Test;

/** Each optimizer states its update as clauses, one per report line, in its descriptor's symbols. */
class UpdateRuleTest {
  private static final Formula G = Formula.of("Σ_s ∂E_s/∂w", "\\sum_{s=1}^{B} \\pd{E_s}{w}");

  private static List<Optimizer> everyShape() {
    return List.of(new Optimizer.Sgd(0.1), new Optimizer.Sgd(0.1, 0.9, 0, true, 0.01, false),
        new Optimizer.Sgd(0.1, 0.9, 0.5, false, 0, true), OptimizerKind.ADAGRAD.withDefaults(),
        new Optimizer.RmsProp(0.01, 0.9, 1e-8, 1e-3, 0.5, true, true), OptimizerKind.RMSPROP.withDefaults(),
        OptimizerKind.ADAM.withDefaults(), OptimizerKind.ADAMW.withDefaults());
  }

  @Test
  void theStepOnWComesFirstAndTheValuesLast() {
    for (Optimizer optimizer : everyShape()) {
      List<Formula> rule = optimizer.update(G, List.of());
      assertTrue(rule.get(0).text().startsWith("w ← w − "), optimizer + ": " + rule.get(0).text());
      assertTrue(rule.get(0).tex().startsWith("w \\leftarrow w - "), optimizer + ": " + rule.get(0).tex());
      String values = rule.get(rule.size() - 1).text();
      assertTrue(values.startsWith("η = " + optimizer.learningRate()), optimizer + ": " + values);
      assertTrue(rule.stream().anyMatch(clause -> clause.text().startsWith("g = Σ_s ∂E_s/∂w")), optimizer.toString());
    }
  }

  @Test
  void everyValueShownIsNamedByItsDescriptorsSymbolInBothNotations() {
    for (Optimizer optimizer : everyShape()) {
      List<Formula> rule = optimizer.update(G, List.of());
      Formula values = rule.get(rule.size() - 1);
      List<HyperParameter> shown = optimizer.kind().parameters().stream()
          .filter(p -> values.text().contains(p.symbol() + " = ")).toList();
      assertFalse(shown.isEmpty(), optimizer.toString());
      for (HyperParameter parameter : shown) {
        assertTrue(values.tex().contains(parameter.tex() + " = "), optimizer + " " + parameter.option());
        if (!parameter.option().equals("weight-decay")) {
          assertTrue(rule.subList(0, rule.size() - 1).stream().anyMatch(c -> c.tex().contains(parameter.tex())),
              optimizer + " uses " + parameter.option() + " in its rule");
        }
      }
    }
  }

  @Test
  void adamsMomentsReadTheirBetas() {
    List<String> text = OptimizerKind.ADAM.withDefaults().update(G, List.of()).stream().map(Formula::text).toList();
    assertEquals(List.of("w ← w − η / (1 − β₁^t) · m / (√v / √(1 − β₂^t) + ε)", "m ← β₁ m + (1 − β₁) g",
        "v ← β₂ v + (1 − β₂) g²", "g = Σ_s ∂E_s/∂w", "η = 0.001, β₁ = 0.9, β₂ = 0.999, ε = 1.0E-8"), text);
    Formula values = OptimizerKind.ADAM.withDefaults().update(G, List.of()).get(4);
    assertEquals("\\eta = 0.001,\\ \\beta_1 = 0.9,\\ \\beta_2 = 0.999,\\ \\epsilon = 10^{-8}", values.tex());
  }

  @Test
  void weightDecayJoinsGOrShrinksWFirst() {
    List<String> sgd = new Optimizer.Sgd(0.1, 0.9, 0, true, 0.01, false).update(G, List.of()).stream()
        .map(Formula::text).toList();
    assertEquals(List.of("w ← w − η (g + μ b)", "b ← μ b + g", "g = Σ_s ∂E_s/∂w + λ w (not for biases)",
        "η = 0.1, μ = 0.9, λ = 0.01"), sgd);
    List<String> adamW = OptimizerKind.ADAMW.withDefaults().update(G, List.of()).stream().map(Formula::text).toList();
    assertTrue(adamW.contains("w ← (1 − η λ) w first"), adamW.toString());
    assertTrue(adamW.contains("g = Σ_s ∂E_s/∂w"), "AdamW adds nothing to g: " + adamW);
  }

  @Test
  void whatTheGradientReadsFollowsG() {
    Formula clipped = Formula.of("min(1, 1.0/(‖ĝ‖ + 1e-6)) ĝ", "c\\,\\hat g");
    Formula hat = Formula.of("ĝ = Σ_s ∂E_s/∂w", "\\hat g = \\sum_s");
    List<Formula> rule = new Optimizer.Sgd(0.1).update(clipped, List.of(hat));
    assertEquals(List.of("w ← w − η g", "g = min(1, 1.0/(‖ĝ‖ + 1e-6)) ĝ", "ĝ = Σ_s ∂E_s/∂w", "η = 0.1"),
        rule.stream().map(Formula::text).toList());
  }

  @Test
  void javaNumbersAreSetAsTexNumbers() {
    assertEquals("0.9", UpdateClauses.texNumber(0.9));
    assertEquals("10^{-8}", UpdateClauses.texNumber(1e-8));
    assertEquals("2.5 \\times 10^{-4}", UpdateClauses.texNumber(2.5e-4));
    assertTrue(Stream.of(OptimizerKind.values()).allMatch(kind -> kind.withDefaults().update(G, List.of())
        .stream().noneMatch(clause -> clause.tex().contains("E-"))), "no Java exponent reaches the report");
  }
}
