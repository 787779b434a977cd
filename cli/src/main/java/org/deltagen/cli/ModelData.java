package org.deltagen.cli;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.deltagen.network.SourceLocation;
import org.deltagen.network.SpecException;
import org.deltagen.network.parse.SpecFiles;

/**
 * What {@code deltagen train} knew about the data beside the parameters, saved as
 * {@code NAME.data.json} next to them so that {@code predict} reads its inputs the same way: the
 * columns, the class labels and, with {@code --standardize}, each input's mean and deviation
 * over the training split (x' = (x − m)/s). Until the spec itself can hold the scaling, this file
 * is where it lives.
 *
 * @param network the spec's network name
 * @param layout the columns and classes
 * @param mean per input, m, or null when the inputs are used as they are
 * @param deviation per input, s > 0, or null with {@code mean}
 */
record ModelData(String network, DataLayout layout, double[] mean, double[] deviation) {
  static final String SUFFIX = ".data.json";
  private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

  /** The standardization of {@code xs}, the training inputs: each column's mean and deviation (1 for a constant one). */
  static ModelData standardized(String network, DataLayout layout, double[][] xs) {
    int n = layout.inputs().size();
    double[] mean = new double[n];
    double[] deviation = new double[n];
    for (int i = 0; i < n; i++) {
      double sum = 0;
      for (double[] x : xs) {
        sum += x[i];
      }
      mean[i] = sum / xs.length;
      double squares = 0;
      for (double[] x : xs) {
        squares += (x[i] - mean[i]) * (x[i] - mean[i]);
      }
      double s = Math.sqrt(squares / xs.length);
      deviation[i] = s > 0 ? s : 1;
    }
    return new ModelData(network, layout, mean, deviation);
  }

  /** {@code xs} scaled in place, when this data is standardized; returns them. */
  double[][] scale(double[][] xs) {
    if (mean != null) {
      for (double[] x : xs) {
        for (int i = 0; i < x.length; i++) {
          x[i] = (x[i] - mean[i]) / deviation[i];
        }
      }
    }
    return xs;
  }

  /** The sidecar's path for the parameter file {@code parameters}: its name up to the first dot, then {@link #SUFFIX}. */
  static Path beside(Path parameters) {
    String name = parameters.getFileName().toString();
    int dot = name.indexOf('.');
    return parameters.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + SUFFIX);
  }

  String json() {
    return GSON.toJson(new Stored(network, layout.inputs(), layout.targets(), layout.classes(), layout.binary(),
        mean, deviation)) + "\n";
  }

  /**
   * The sidecar at {@code path}, checked against {@code inputs}: untrusted like any input, so a file
   * that is not what train writes is one DG052 at its path.
   */
  static ModelData read(Path path, int inputs) throws SpecException {
    String text = SpecFiles.text(path);
    Stored stored;
    try {
      stored = GSON.fromJson(text, Stored.class);
    } catch (JsonParseException e) {
      throw invalid(path, "it is not JSON");
    }
    if (stored == null || stored.inputs == null || stored.targets == null || stored.classes == null
        || stored.inputs.contains(null) || stored.targets.contains(null) || stored.classes.contains(null)) {
      throw invalid(path, "it lacks the inputs, targets or classes");
    }
    if (stored.inputs.size() != inputs) {
      throw invalid(path, "it names " + stored.inputs.size() + " input columns, but the network takes " + inputs);
    }
    if ((stored.mean == null) != (stored.deviation == null) || stored.mean != null
        && (stored.mean.length != inputs || stored.deviation.length != inputs
            || !Arrays.stream(stored.mean).allMatch(Double::isFinite)
            || !Arrays.stream(stored.deviation).allMatch(s -> Double.isFinite(s) && s > 0))) {
      throw invalid(path, "its mean and deviation are not one finite number per input, each deviation positive");
    }
    DataLayout layout = new DataLayout(stored.inputs, stored.targets, stored.classes, stored.binary);
    return new ModelData(Objects.requireNonNullElse(stored.network, ""), layout, stored.mean, stored.deviation);
  }

  private static SpecException invalid(Path path, String why) {
    return CsvTable.problem(new SourceLocation(path.toString(), 0, 0),
        "is not the data description deltagen train writes: " + why,
        "use the " + SUFFIX + " file that train wrote beside the parameters, or remove it");
  }

  /** The JSON form. */
  private record Stored(String network, List<String> inputs, List<String> targets, List<String> classes,
      boolean binary, double[] mean, double[] deviation) {}

  /** Whether a sidecar lies beside {@code parameters}. */
  static boolean existsBeside(Path parameters) {
    return Files.isRegularFile(beside(parameters));
  }
}
