package org.deltagen.maven;

import java.io.IOException;
import java.lang.ref.SoftReference;
import java.util.LinkedHashMap;
import java.util.Map;
import org.deltagen.codegen.TrainerGenerator;
import org.deltagen.codegen.TrainerPipeline;
import org.deltagen.network.NetworkSpec;

/**
 * The pipeline's results of this build, so that {@code report} after {@code generate} reuses the
 * trainer that {@code generate} derived, compiled and checked instead of doing it all again. A
 * result is found by what it was made from: the spec's and its parameter file's bytes and the
 * package the spec ended up in; a checked result serves a request without the check too, not the
 * reverse. Results are held softly (a big net's derivation is not kept at the heap's expense), and
 * only the last few are held at all.
 */
final class CheckedTrainers {
  private static final int HELD = 16;

  /** A result and how its trainer was written. */
  private record Held(SoftReference<TrainerPipeline.Output> output, TrainerGenerator.Options options) {}

  private static final Map<String, Held> RESULTS =
      new LinkedHashMap<>(HELD, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Held> eldest) {
          return size() > HELD;
        }
      };

  private CheckedTrainers() {}

  /**
   * The result made earlier in this build from the same inputs, with a check when {@code check}
   * and written as {@code options} say unless they are null; or null.
   */
  static synchronized TrainerPipeline.Output find(SpecFile file, NetworkSpec spec, boolean check,
      TrainerGenerator.Options options) {
    String key = key(file, spec);
    Held held = key == null ? null : RESULTS.get(key);
    if (held == null || (options != null && !options.equals(held.options()))) {
      return null;
    }
    TrainerPipeline.Output output = held.output().get();
    return output == null || (check && output.check() == null) ? null : output;
  }

  /** Holds {@code output}, made from {@code file} and {@code spec} and written as {@code options} say. */
  static synchronized void keep(SpecFile file, NetworkSpec spec, TrainerPipeline.Output output,
      TrainerGenerator.Options options) {
    String key = key(file, spec);
    if (key != null) {
      RESULTS.put(key, new Held(new SoftReference<>(output), options));
    }
  }

  /**
   * The digest of the inputs, or null when they cannot be read again (moved or deleted since they
   * were parsed): then nothing is reused, and the pipeline runs on the spec as read.
   */
  private static String key(SpecFile file, NetworkSpec spec) {
    byte[][] contents;
    try {
      contents = file.contents();
    } catch (IOException e) {
      return null;
    }
    return new Fingerprint()
        .add("spec", file.name())
        .add("spec contents", contents[0])
        .add("parameters", file.parameters() == null ? null : file.parametersName())
        .add("parameters contents", contents[1])
        .add("package", spec.packageName())
        .hex();
  }
}
