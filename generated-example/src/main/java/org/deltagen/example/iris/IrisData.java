package org.deltagen.example.iris;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.deltagen.example.Stratified;

/**
 * Fisher's iris flowers (see {@code iris/NOTICE.md}): four measurements in centimetres and the
 * species of each flower, as {@code species[s]} ∈ {0, 1, 2}, an index into {@link #SPECIES}.
 */
public record IrisData(double[][] features, int[] species) {
  /** The species, in the order of the classifier's outputs. */
  public static final List<String> SPECIES = List.of("setosa", "versicolor", "virginica");
  /** The measurements, in the order of the classifier's inputs. */
  public static final List<String> FEATURES = List.of("sepal length", "sepal width", "petal length", "petal width");

  /** A training set and a test set. */
  public record Split(IrisData train, IrisData test) {}

  /** The 150 flowers of {@code iris.csv}. */
  public static IrisData load() {
    try (InputStream in = IrisData.class.getResourceAsStream("iris.csv")) {
      if (in == null) {
        throw new IllegalStateException("iris.csv is missing from the classpath");
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      List<double[]> features = new ArrayList<>();
      List<Integer> species = new ArrayList<>();
      reader.readLine();
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        String[] fields = line.split(",");
        double[] x = new double[FEATURES.size()];
        for (int i = 0; i < x.length; i++) {
          x[i] = Double.parseDouble(fields[i]);
        }
        features.add(x);
        species.add(speciesIndex(fields[FEATURES.size()]));
      }
      return new IrisData(features.toArray(double[][]::new), species.stream().mapToInt(Integer::intValue).toArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int speciesIndex(String name) {
    int index = SPECIES.indexOf(name);
    if (index < 0) {
      throw new IllegalArgumentException("unknown species '" + name + "' in iris.csv");
    }
    return index;
  }

  public int size() {
    return species.length;
  }

  /**
   * A stratified split: from each species, {@code testPerSpecies} flowers picked by a shuffle
   * seeded with {@code seed} form the test set; the rest, the training set. Both keep the file's
   * order.
   */
  public Split split(int testPerSpecies, long seed) {
    boolean[] test = Stratified.heldOut(species, SPECIES.size(), testPerSpecies, seed);
    return new Split(rows(test, false), rows(test, true));
  }

  private IrisData rows(boolean[] test, boolean wanted) {
    List<double[]> x = new ArrayList<>();
    List<Integer> y = new ArrayList<>();
    for (int s = 0; s < size(); s++) {
      if (test[s] == wanted) {
        x.add(features[s].clone());
        y.add(species[s]);
      }
    }
    return new IrisData(x.toArray(double[][]::new), y.stream().mapToInt(Integer::intValue).toArray());
  }

  /** The targets d: one-hot rows, 1 at the flower's species. */
  public double[][] oneHot() {
    double[][] targets = new double[size()][SPECIES.size()];
    for (int s = 0; s < size(); s++) {
      targets[s][species[s]] = 1;
    }
    return targets;
  }
}
