package org.deltagen.codegen;

import org.deltagen.network.Diagnostic;
import org.deltagen.network.ErrorCode;
import org.deltagen.network.Layer;
import org.deltagen.network.NetworkSpec;
import org.deltagen.network.SourceLocation;
import org.deltagen.network.SpecException;

/**
 * Running out of memory on one spec: its network is too large for the heap, which is the spec's
 * problem (DG019, like a network too large for a Java array), not a fault of deltagen. The
 * pipeline applies it; an entry point applies it too to what it does before the pipeline runs.
 */
public final class OutOfHeap {
  private OutOfHeap() {}

  /** True when {@code e} is, or wraps, an {@link OutOfMemoryError}: the gradient check wraps what a constructor threw. */
  public static boolean causedBy(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof OutOfMemoryError) {
        return true;
      }
    }
    return false;
  }

  /**
   * The problem, at the widest layer of {@code spec} (at {@code file} when it could not be read),
   * for a heap of at most {@code maxMemory} bytes; its cause is {@code error}, which tells a caller
   * that its engine stopped halfway.
   */
  public static SpecException problem(String file, NetworkSpec spec, long maxMemory, Throwable error) {
    String message = "the network is too large for the heap: deltagen ran out of memory deriving, generating or"
        + " checking its trainer" + (spec == null ? "" : " of " + spec.parameterCount() + " parameters")
        + " in a heap of " + (maxMemory >> 20) + " MiB";
    SpecException problem = new SpecException(Diagnostic.of(ErrorCode.DG019, widestLayer(file, spec), message)
        .withHint("give Java more memory (MAVEN_OPTS=-Xmx8g for Maven, JDK_JAVA_OPTIONS=-Xmx8g for the deltagen"
            + " command), or make the network smaller"));
    problem.initCause(error);
    return problem;
  }

  /** The layer with the most weights, which is where a smaller network starts; the file when there is no spec. */
  private static SourceLocation widestLayer(String file, NetworkSpec spec) {
    SourceLocation widest = new SourceLocation(file, 0, 0);
    if (spec == null) {
      return widest;
    }
    long most = -1;
    int previous = spec.inputs();
    for (Layer layer : spec.layers()) {
      long weights = (long) (previous + (layer.bias() ? 1 : 0)) * layer.units();
      if (weights > most) {
        most = weights;
        widest = layer.location();
      }
      previous = layer.units();
    }
    return widest;
  }
}
