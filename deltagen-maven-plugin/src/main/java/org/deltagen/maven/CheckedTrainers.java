package org.deltagen.maven;

import java.io.IOException;
import java.lang.ref.SoftReference;
import java.util.LinkedHashMap;
import java.util.Map;
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

  private static final Map<String, SoftReference<TrainerPipeline.Output>> RESULTS =
      new LinkedHashMap<>(HELD, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, SoftReference<TrainerPipeline.Output>> eldest) {
          return size() > HELD;
        }
      };

  private CheckedTrainers() {}

  /** The result made earlier in this build from the same inputs, with a check when {@code check}; or null. */
  static synchronized TrainerPipeline.Output find(SpecFile file, NetworkSpec spec, boolean check) {
    String key = key(file, spec);
    SoftReference<TrainerPipeline.Output> held = key == null ? null : RESULTS.get(key);
    TrainerPipeline.Output output = held == null ? null : held.get();
    return output == null || (check && output.check() == null) ? null : output;
  }

  /** Holds {@code output}, which {@code file} and {@code spec} made, for the goals that follow. */
  static synchronized void keep(SpecFile file, NetworkSpec spec, TrainerPipeline.Output output) {
    String key = key(file, spec);
    if (key != null) {
      RESULTS.put(key, new SoftReference<>(output));
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
