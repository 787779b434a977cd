package org.deltagen.maven;

import org.deltagen.network.Diagnostic;
import org.deltagen.network.ErrorCode;
import org.deltagen.network.Layer;
import org.deltagen.network.NetworkSpec;
import org.deltagen.network.SourceLocation;
import org.deltagen.network.SpecException;

/**
 * Running out of memory on one spec: its network is too large for the heap, which is the spec's
 * problem (DG019, like a network too large for a Java array), not a fault of deltagen.
 */
final class OutOfHeap {
  private OutOfHeap() {}

  /** True when {@code e} is, or wraps, an {@link OutOfMemoryError}: the gradient check wraps what a constructor threw. */
  static boolean causedBy(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof OutOfMemoryError) {
        return true;
      }
    }
    return false;
  }

  /** The problem, at the spec's widest layer, for a heap of at most {@code maxMemory} bytes. */
  static SpecException problem(SpecFile file, NetworkSpec spec, long maxMemory) {
    String message = "the network is too large for the heap: deltagen ran out of memory deriving, generating or"
        + " checking its trainer" + (spec == null ? "" : " of " + spec.parameterCount() + " parameters")
        + " in a heap of " + (maxMemory >> 20) + " MiB";
    return new SpecException(Diagnostic.of(ErrorCode.DG019, widestLayer(file, spec), message)
        .withHint("give Maven more memory (MAVEN_OPTS=-Xmx8g, say), or make the network smaller"));
  }

  /** The layer with the most weights, which is where a smaller network starts; the file when there is no spec. */
  private static SourceLocation widestLayer(SpecFile file, NetworkSpec spec) {
    SourceLocation widest = new SourceLocation(file.name(), 0, 0);
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
