package org.deltagen.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How well predictions y match targets d: for a classifier the accuracy, each class's precision
 * and recall and the confusion matrix (rows: the true class, columns: the predicted one); for a
 * regression each output's RMSE and R² = 1 − Σ(d − y)²/Σ(d − d̄)².
 */
final class Metrics {
  private Metrics() {}

  /** The class a classifier's output y names: the largest score, or y ≥ 0.5 for a single sigmoid. */
  static int predictedClass(DataLayout layout, double[] y) {
    if (layout.binary()) {
      return y[0] >= 0.5 ? 1 : 0;
    }
    int best = 0;
    for (int j = 1; j < y.length; j++) {
      if (y[j] > y[best]) {
        best = j;
      }
    }
    return best;
  }

  /** The class labels of a classifier, output j's at index j. */
  static List<String> labels(DataLayout layout) {
    return layout.binary() ? List.of("0", "1") : layout.classes();
  }

  /** The metrics as a JSON-ready map, in the order the text shows them. */
  static Map<String, Object> of(DataLayout layout, double[][] ys, double[][] ds) {
    return layout.classifies() ? classification(layout, ys, ds) : regression(layout, ys, ds);
  }

  private static Map<String, Object> classification(DataLayout layout, double[][] ys, double[][] ds) {
    List<String> labels = labels(layout);
    int k = labels.size();
    long[][] confusion = new long[k][k];
    long correct = 0;
    for (int s = 0; s < ys.length; s++) {
      int actual = predictedClass(layout, ds[s]);
      int predicted = predictedClass(layout, ys[s]);
      confusion[actual][predicted]++;
      correct += actual == predicted ? 1 : 0;
    }
    Map<String, Object> metrics = new LinkedHashMap<>();
    metrics.put("samples", ys.length);
    metrics.put("accuracy", (double) correct / ys.length);
    List<Map<String, Object>> classes = new ArrayList<>();
    for (int c = 0; c < k; c++) {
      long predicted = 0;
      long actual = 0;
      for (int other = 0; other < k; other++) {
        predicted += confusion[other][c];
        actual += confusion[c][other];
      }
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("label", labels.get(c));
      row.put("precision", predicted == 0 ? null : (double) confusion[c][c] / predicted);
      row.put("recall", actual == 0 ? null : (double) confusion[c][c] / actual);
      row.put("support", actual);
      classes.add(row);
    }
    metrics.put("classes", classes);
    metrics.put("confusion", confusion);
    return metrics;
  }

  private static Map<String, Object> regression(DataLayout layout, double[][] ys, double[][] ds) {
    List<Map<String, Object>> outputs = new ArrayList<>();
    double allSquares = 0;
    for (int j = 0; j < layout.targets().size(); j++) {
      double mean = 0;
      for (double[] d : ds) {
        mean += d[j] / ds.length;
      }
      double squares = 0;
      double total = 0;
      for (int s = 0; s < ys.length; s++) {
        squares += (ds[s][j] - ys[s][j]) * (ds[s][j] - ys[s][j]);
        total += (ds[s][j] - mean) * (ds[s][j] - mean);
      }
      allSquares += squares;
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("target", layout.targets().get(j));
      row.put("rmse", Math.sqrt(squares / ys.length));
      row.put("r2", total == 0 ? null : 1 - squares / total);
      outputs.add(row);
    }
    Map<String, Object> metrics = new LinkedHashMap<>();
    metrics.put("samples", ys.length);
    metrics.put("rmse", Math.sqrt(allSquares / (ys.length * (double) layout.targets().size())));
    metrics.put("outputs", outputs);
    return metrics;
  }

  /** The metrics of {@link #of} as lines of text. */
  @SuppressWarnings("unchecked")
  static String text(Map<String, Object> metrics) {
    StringBuilder text = new StringBuilder();
    if (metrics.containsKey("accuracy")) {
      text.append(String.format(Locale.ROOT, "accuracy %.4f (%d samples)%n", metrics.get("accuracy"),
          metrics.get("samples")));
      List<Map<String, Object>> classes = (List<Map<String, Object>>) metrics.get("classes");
      int width = Math.max(5, classes.stream().mapToInt(c -> ((String) c.get("label")).length()).max().orElse(5));
      text.append(String.format(Locale.ROOT, "%-" + width + "s  precision  recall  support%n", "class"));
      for (Map<String, Object> c : classes) {
        text.append(String.format(Locale.ROOT, "%-" + width + "s  %9s  %6s  %7d%n", c.get("label"),
            fixed(c.get("precision")), fixed(c.get("recall")), c.get("support")));
      }
      text.append("confusion matrix (rows: true class, columns: predicted)\n");
      long[][] confusion = (long[][]) metrics.get("confusion");
      for (int c = 0; c < confusion.length; c++) {
        text.append(String.format(Locale.ROOT, "%-" + width + "s", classes.get(c).get("label")));
        for (long count : confusion[c]) {
          text.append(String.format(Locale.ROOT, " %5d", count));
        }
        text.append('\n');
      }
      return text.toString();
    }
    text.append(String.format(Locale.ROOT, "RMSE %.6g (%d samples)%n", metrics.get("rmse"), metrics.get("samples")));
    for (Map<String, Object> output : (List<Map<String, Object>>) metrics.get("outputs")) {
      text.append(String.format(Locale.ROOT, "%s: RMSE %.6g, R² %s%n", output.get("target"), output.get("rmse"),
          fixed(output.get("r2"))));
    }
    return text.toString();
  }

  /** A ratio to four places, or n/a where it is undefined (no sample predicted or of that class, constant targets). */
  private static String fixed(Object value) {
    return value == null ? "n/a" : String.format(Locale.ROOT, "%.4f", (Double) value);
  }
}
