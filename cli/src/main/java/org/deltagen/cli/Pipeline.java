package org.deltagen.cli;

import java.util.Comparator;
import java.util.Locale;
import java.util.stream.IntStream;
import org.deltagen.codegen.TrainerPipeline;
import org.deltagen.derive.Deriver;
import org.deltagen.network.Diagnostic;
import org.deltagen.network.ErrorCode;
import org.deltagen.network.NetworkSpec;
import org.deltagen.network.SpecException;

/**
 * The library's pipeline as the commands run it: a network that the heap cannot hold is the
 * spec's problem (DG019, at its largest layer), not a fault of deltagen.
 */
final class Pipeline {
  private Pipeline() {}

  /** Derives and generates, and with {@code check} compiles and gradient-checks, the spec's trainer. */
  static TrainerPipeline.Output run(Deriver deriver, NetworkSpec spec, boolean check) throws SpecException {
    try {
      return new TrainerPipeline(deriver).run(spec, check);
    } catch (OutOfMemoryError e) {
      throw tooLarge(spec);
    } catch (RuntimeException e) {
      // The trainer's constructor, run by reflection, reaches us wrapped.
      for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
        if (cause instanceof OutOfMemoryError) {
          throw tooLarge(spec);
        }
      }
      throw e;
    }
  }

  private static SpecException tooLarge(NetworkSpec spec) {
    int largest = IntStream.rangeClosed(1, spec.depth())
        .boxed().max(Comparator.comparingLong(l -> (long) spec.weightRows(l) * spec.units(l))).orElseThrow();
    String message = String.format(Locale.ROOT,
        "network %s needs more memory than the heap holds: its %,d parameters, their gradients and the"
            + " optimizer's state do not fit in %,d MB", spec.name(), spec.parameterCount(),
        Runtime.getRuntime().maxMemory() >> 20);
    return new SpecException(Diagnostic.of(ErrorCode.DG019, spec.layer(largest).location(), message)
        .withHint("run deltagen with a larger heap (e.g. JDK_JAVA_OPTIONS=-Xmx8g) or make this layer smaller"));
  }
}
