package org.deltagen.example.deep;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import java.util.zip.GZIPInputStream;
import org.deltagen.example.Stratified;

/**
 * Handwritten digits (see {@code deep/NOTICE.md}): 8×8 images whose pixels count the inked
 * pixels of a 4×4 block, 0 … 16, row by row, and the digit each shows, {@code digits[s]} ∈ 0 … 9.
 */
public record DigitsData(int[][] pixels, int[] digits) {
  /** Pixels per image, the networks' inputs. */
  public static final int PIXELS = 64;
  /** The classes, the networks' outputs. */
  public static final int DIGITS = 10;
  /** A pixel's largest value. */
  public static final int INK = 16;

  /** A training set and a test set. */
  public record Split(DigitsData train, DigitsData test) {}

  /** The 1797 images of {@code digits.csv.gz}. */
  public static DigitsData load() {
    try (InputStream in = DigitsData.class.getResourceAsStream("digits.csv.gz")) {
      if (in == null) {
        throw new IllegalStateException("digits.csv.gz is missing from the classpath");
      }
      BufferedReader reader = new BufferedReader(
          new InputStreamReader(new GZIPInputStream(in), StandardCharsets.US_ASCII));
      List<int[]> rows = new ArrayList<>();
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        rows.add(parse(line, rows.size() + 1));
      }
      return new DigitsData(
          rows.stream().map(row -> Arrays.copyOf(row, PIXELS)).toArray(int[][]::new),
          rows.stream().mapToInt(row -> row[PIXELS]).toArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One line: 64 pixels in 0 … 16, then the digit in 0 … 9. */
  private static int[] parse(String line, int number) {
    String[] fields = line.split(",");
    if (fields.length != PIXELS + 1) {
      throw new IllegalArgumentException("digits.csv.gz line " + number + ": " + fields.length
          + " fields, expected " + (PIXELS + 1));
    }
    int[] row = new int[fields.length];
    for (int i = 0; i < row.length; i++) {
      row[i] = Integer.parseInt(fields[i]);
      int most = i < PIXELS ? INK : DIGITS - 1;
      if (row[i] < 0 || row[i] > most) {
        throw new IllegalArgumentException("digits.csv.gz line " + number + ", field " + (i + 1)
            + ": " + row[i] + " is not in 0 … " + most);
      }
    }
    return row;
  }

  public int size() {
    return digits.length;
  }

  /**
   * A stratified split: of each digit's images, {@code testPerDigit} picked by a shuffle seeded
   * with {@code seed} form the test set; the rest, the training set. Both keep the file's order.
   */
  public Split split(int testPerDigit, long seed) {
    boolean[] test = Stratified.heldOut(digits, DIGITS, testPerDigit, seed);
    return new Split(where(test, false), where(test, true));
  }

  private DigitsData where(boolean[] test, boolean wanted) {
    int[] images = IntStream.range(0, size()).filter(s -> test[s] == wanted).toArray();
    return new DigitsData(
        Arrays.stream(images).mapToObj(s -> pixels[s].clone()).toArray(int[][]::new),
        Arrays.stream(images).map(s -> digits[s]).toArray());
  }

  /** The inputs x: each pixel divided by 16, so that x_i ∈ [0, 1]. */
  public double[][] inputs() {
    double[][] xs = new double[size()][PIXELS];
    for (int s = 0; s < size(); s++) {
      for (int i = 0; i < PIXELS; i++) {
        xs[s][i] = (double) pixels[s][i] / INK;
      }
    }
    return xs;
  }

  /** The targets d: one-hot rows, 1 at the image's digit. */
  public double[][] oneHot() {
    double[][] targets = new double[size()][DIGITS];
    for (int s = 0; s < size(); s++) {
      targets[s][digits[s]] = 1;
    }
    return targets;
  }
}
