package org.deltagen.example.iris;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generated iris classifier, trained as the application trains it. */
class IrisDemoTest {
  @Test
  void reachesNinetyFivePercentOnTheHeldOutFlowers() {
    IrisDemo.Trained trained = IrisDemo.train(IrisDemo.SPLIT_SEED, 0);
    IrisData test = trained.split().test();
    double accuracy = (double) trained.correct(test) / test.size();
    assertTrue(accuracy >= 0.95, "test accuracy " + accuracy);
  }

  @Test
  void predictsFromRawMeasurementsWithProbabilitiesThatSumToOne() {
    IrisDemo.Trained trained = IrisDemo.train(IrisDemo.SPLIT_SEED, 0);
    double[] setosa = {5.1, 3.5, 1.4, 0.2};
    double[] p = trained.probabilities(setosa);
    assertEquals(1, p[0] + p[1] + p[2], 1e-12);
    assertEquals(0, trained.predict(setosa), "the first flower of the file, a setosa");
    assertEquals(2, trained.predict(new double[] {7.7, 3.0, 6.1, 2.3}), "a virginica");
  }

  @Test
  void aClassifierLoadedFromTheSavedParametersPredictsExactlyAsTheTrainedOne(@TempDir Path directory)
      throws IOException {
    IrisDemo.Trained trained = IrisDemo.train(IrisDemo.SPLIT_SEED, 0);
    Path file = directory.resolve("iris.params");

    IrisDemo.Trained loaded = trained.reloaded(file);

    assertArrayEquals(trained.classifier().parameters(), loaded.classifier().parameters(), 0.0);
    IrisData test = trained.split().test();
    for (double[] x : test.features()) {
      assertArrayEquals(trained.probabilities(x), loaded.probabilities(x), 0.0, Arrays.toString(x));
    }
    assertEquals(8 + 2 + 2 + "IrisClassifier".length() + 32 + 1 + 4 + 1 + 8 * IrisClassifier.PARAMETERS + 4,
        Files.size(file), "the documented layout, without optimizer state");
  }

  @Test
  void generalizesOnOtherSplitsToo() {
    double mean = Arrays.stream(IrisDemo.accuracyAcrossSplits(30)).average().orElseThrow();
    assertTrue(mean >= 0.93, "mean test accuracy over 30 splits " + mean);
  }

  @Test
  void theSplitIsStratifiedDisjointAndComplete() {
    IrisData all = IrisData.load();
    assertEquals(150, all.size());
    IrisData.Split split = all.split(10, IrisDemo.SPLIT_SEED);
    assertEquals(120, split.train().size());
    assertEquals(30, split.test().size());
    for (int species = 0; species < 3; species++) {
      int s = species;
      assertEquals(10, Arrays.stream(split.test().species()).filter(x -> x == s).count());
    }
    double[] whole = Arrays.stream(all.features()).flatMapToDouble(Arrays::stream).sorted().toArray();
    double[] parts = Stream.of(split.train().features(), split.test().features())
        .flatMap(Arrays::stream).flatMapToDouble(Arrays::stream).sorted().toArray();
    assertArrayEquals(whole, parts, 0.0, "every measurement lands in exactly one of the two sets");
  }

  @Test
  void theStandardizerCentresAndScalesTheTrainingSet() {
    double[][] train = IrisData.load().split(10, IrisDemo.SPLIT_SEED).train().features();
    double[][] z = Standardizer.fit(train).apply(train);
    for (int i = 0; i < 4; i++) {
      int column = i;
      double mean = Arrays.stream(z).mapToDouble(row -> row[column]).average().orElseThrow();
      double variance = Arrays.stream(z).mapToDouble(row -> (row[column] - mean) * (row[column] - mean)).average().orElseThrow();
      assertEquals(0, mean, 1e-12);
      assertEquals(1, variance, 1e-12);
    }
  }
}
