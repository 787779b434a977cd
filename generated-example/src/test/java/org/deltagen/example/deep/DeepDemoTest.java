package org.deltagen.example.deep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Seed 002's claim on the demo's own numbers: the deep plain net stalls, the remedied one learns. */
class DeepDemoTest {
  private static DigitsData.Split split;
  private static DeepDemo.Run plain;
  private static DeepDemo.Run normOnly;
  private static DeepDemo.Run skipOnly;
  private static DeepDemo.Run remedied;
  private static DeepDemo.Run batchNormed;
  private static DeepDemo.Run dropout;

  @BeforeAll
  static void trainEveryVariant() {
    split = DeepDemo.split();
    List<DeepDemo.Run> runs = DeepDemo.run(split);
    assertEquals(List.of("deep-plain.nn", "deep-norm.nn", "deep-skip.nn", "deep-residual.nn",
        "deep-batch.nn", "deep-dropout.nn"), runs.stream().map(run -> run.variant().spec()).toList());
    plain = runs.get(0);
    normOnly = runs.get(1);
    skipOnly = runs.get(2);
    remedied = runs.get(3);
    batchNormed = runs.get(4);
    dropout = runs.get(5);
  }

  @Test
  void withoutSkipsTheNetStaysNearChanceLevelNormalizedOrNot() {
    for (DeepDemo.Run run : List.of(plain, normOnly)) {
      String name = run.variant().spec();
      assertTrue(run.finalLoss() > 0.9 * Math.log(DigitsData.DIGITS),
          name + "'s training loss " + run.finalLoss() + ", ln 10 = " + Math.log(10));
      assertTrue(run.correctTest() < 0.3 * split.test().size(), name + ": " + run.correctTest());
    }
  }

  @Test
  void skipsAloneTrainTheNetAndTheNormalizationOnTopHalvesTheirLoss() {
    assertTrue(skipOnly.finalLoss() < 0.1 * plain.finalLoss(),
        "skips " + skipOnly.finalLoss() + " vs plain " + plain.finalLoss());
    assertTrue(skipOnly.correctTest() >= 0.9 * split.test().size(), "skips: " + skipOnly.correctTest());
    assertTrue(remedied.finalLoss() < 0.5 * skipOnly.finalLoss(),
        "skips and norm " + remedied.finalLoss() + " vs skips " + skipOnly.finalLoss());
  }

  @Test
  void theRemediedNetReachesATenthOfThePlainNetsLossAndNinetyPercentOnTheTestSet() {
    assertTrue(remedied.finalLoss() < 0.1 * plain.finalLoss(),
        "remedied " + remedied.finalLoss() + " vs plain " + plain.finalLoss());
    assertTrue(remedied.correctTest() >= 0.9 * split.test().size(), "remedied: " + remedied.correctTest());
    double[] losses = remedied.losses();
    assertTrue(losses[losses.length - 1] < losses[0] / 10, Arrays.toString(losses));
  }

  /**
   * Batch norm alone, without skips, trains the deep sigmoid net that layer norm alone leaves at
   * chance: each unit's σ sees its weighted sum standardized over the batch, and δ is divided by
   * that sum's deviation on its way down.
   */
  @Test
  void batchNormAloneTrainsTheNet() {
    assertTrue(batchNormed.finalLoss() < 0.1 * plain.finalLoss(),
        "batch norm " + batchNormed.finalLoss() + " vs plain " + plain.finalLoss());
    assertTrue(batchNormed.correctTest() >= 0.9 * split.test().size(), "batch norm: " + batchNormed.correctTest());
  }

  /**
   * Dropout changes training only: before training the dropout net's mean loss, evaluated by
   * predict's path, is the residual net's to the bit (same spec but for dropout, same initial
   * weights), while its gradient, taken with masks, and everything after the first epoch differ.
   * It still trains.
   */
  @Test
  void dropoutActsInTrainingOnlyAndTheNetStillTrains() {
    assertEquals(remedied.losses()[0], dropout.losses()[0], 0.0, "predict without dropout's masks");
    assertTrue(dropout.firstAndLastGradients()[0] != remedied.firstAndLastGradients()[0],
        "backward draws masks: " + dropout.firstAndLastGradients()[0]);
    assertTrue(dropout.losses()[1] != remedied.losses()[1], "fit draws masks");
    assertTrue(dropout.finalLoss() < 0.1 * plain.finalLoss(),
        "dropout " + dropout.finalLoss() + " vs plain " + plain.finalLoss());
    assertTrue(dropout.correctTest() >= 0.9 * split.test().size(), "dropout: " + dropout.correctTest());
  }

  @Test
  void beforeTrainingTheFirstLayersGradientVanishesWithoutSkipsOrBatchNormOnly() {
    for (DeepDemo.Run run : List.of(plain, normOnly, skipOnly, remedied, batchNormed, dropout)) {
      double ratio = run.firstAndLastGradients()[0] / run.firstAndLastGradients()[1];
      boolean survives = run != plain && run != normOnly;
      assertTrue(survives ? ratio > 1e-2 : ratio < 1e-3,
          run.variant().spec() + ": ‖∂Ē/∂W^1‖ / ‖∂Ē/∂W^L‖ = " + ratio);
    }
  }

  @Test
  void theVariantsAreTheDescribedNetwork() {
    int hidden = DeepDemo.WIDTH;
    int weights = (DigitsData.PIXELS + 1) * hidden + (DeepDemo.HIDDEN_LAYERS - 1) * (hidden + 1) * hidden
        + (hidden + 1) * DigitsData.DIGITS;
    assertEquals(weights, DeepPlain.PARAMETERS, "64 → 10 × 32 → 10");
    assertEquals(weights, DeepSkip.PARAMETERS, "skips add no parameters");
    int norms = DeepDemo.HIDDEN_LAYERS * 2 * hidden;
    assertEquals(weights + norms, DeepNorm.PARAMETERS, "β and γ, 2 × 32 per hidden layer");
    assertEquals(weights + norms, DeepResidual.PARAMETERS);
    assertEquals(weights + norms, DeepBatch.PARAMETERS, "running statistics are not parameters");
    assertEquals(weights + norms, DeepDropout.PARAMETERS, "dropout adds no parameters");
    assertEquals(DeepDemo.VARIANTS.size(), DeepDemo.VARIANTS.stream().map(DeepDemo.Variant::spec).distinct().count());
  }

  /**
   * Every variant's spec is deep-plain.nn with its remedy's options on the hidden layers, and
   * nothing else changed but the class name: what the README and the demo's header claim.
   */
  @Test
  void theSpecsDifferOnlyInTheRemedies() throws IOException {
    List<String> plainLines = specLines("deep-plain.nn");
    assertTrue(plainLines.containsAll(List.of("optimizer sgd lr=0.05 momentum=0.9", "init xavier seed=1",
        "loss cross-entropy", "input 64", "layer 10 softmax")), plainLines.toString());
    for (DeepDemo.Variant variant : DeepDemo.VARIANTS) {
      List<String> expected = new ArrayList<>();
      int hidden = 0;
      for (String line : plainLines) {
        if (line.equals("layer 32 sigmoid")) {
          hidden++;
          for (String norm : List.of("norm=layer", "norm=batch")) {
            line += variant.remedy().contains(norm) ? " " + norm : "";
          }
          line += variant.remedy().contains("skip=") && hidden > 1 ? " skip=" + (hidden - 1) : "";
          line += variant.remedy().contains("dropout=0.1") ? " dropout=0.1" : "";
        }
        expected.add(line.startsWith("network ") ? "network" : line);
      }
      assertEquals(DeepDemo.HIDDEN_LAYERS, hidden);
      List<String> actual = specLines(variant.spec()).stream()
          .map(line -> line.startsWith("network ") ? "network" : line).toList();
      assertEquals(expected, actual, variant.spec());
    }
  }

  /** A spec's statements: comments and blank lines dropped, spaces trimmed. */
  private static List<String> specLines(String spec) throws IOException {
    return Files.readAllLines(Path.of("src/main/deltagen", spec)).stream()
        .map(line -> (line.contains("#") ? line.substring(0, line.indexOf('#')) : line).strip())
        .filter(line -> !line.isEmpty()).toList();
  }

  @Test
  void theDataAreTheUciSetsTestImages() {
    DigitsData all = DigitsData.load();
    assertEquals(1797, all.size());
    assertTrue(Arrays.stream(all.pixels()).allMatch(row -> row.length == DigitsData.PIXELS));
    int[] perDigit = IntStream.range(0, 10).map(d -> (int) Arrays.stream(all.digits()).filter(x -> x == d).count())
        .toArray();
    assertArrayEquals(new int[] {178, 182, 177, 183, 181, 182, 181, 179, 174, 180}, perDigit,
        "the UCI repository's class counts of optdigits.tes");
    assertArrayEquals(new int[] {0, 0, 5, 13, 9, 1, 0, 0}, Arrays.copyOf(all.pixels()[0], 8),
        "the first image's top row");
  }

  @Test
  void theSplitIsStratifiedDisjointAndComplete() {
    assertEquals(360, split.test().size());
    assertEquals(1797 - 360, split.train().size());
    for (int digit = 0; digit < DigitsData.DIGITS; digit++) {
      int d = digit;
      assertEquals(DeepDemo.TEST_PER_DIGIT, Arrays.stream(split.test().digits()).filter(x -> x == d).count());
    }
    String[] whole = rows(DigitsData.load());
    String[] parts = Stream.of(rows(split.train()), rows(split.test())).flatMap(Arrays::stream).sorted()
        .toArray(String[]::new);
    assertArrayEquals(whole, parts, "every image lands in exactly one of the two sets, with its digit");
  }

  private static String[] rows(DigitsData data) {
    return IntStream.range(0, data.size()).mapToObj(s -> Arrays.toString(data.pixels()[s]) + data.digits()[s])
        .sorted().toArray(String[]::new);
  }

  @Test
  void theInputsArePixelsOverSixteen() {
    double[][] xs = split.train().inputs();
    for (int s = 0; s < xs.length; s++) {
      for (int i = 0; i < DigitsData.PIXELS; i++) {
        assertEquals(split.train().pixels()[s][i] / 16.0, xs[s][i], 0.0);
      }
    }
    assertEquals(1.0, Arrays.stream(xs).flatMapToDouble(Arrays::stream).max().orElseThrow(), 0.0);
  }
}
