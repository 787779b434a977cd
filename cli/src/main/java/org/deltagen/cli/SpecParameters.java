package org.deltagen.cli;

import org.deltagen.network.NetworkSpec;

/**
 * Parameters as text in the format every command's {@code -p} reads (and the Maven plugin's
 * {@code NAME.params} beside a spec): numbers layer by layer, each block row by row with the bias
 * row first, {@code #} comments. Each value is written as {@link Double#toString} writes it, which
 * reads back to the same double.
 */
final class SpecParameters {
  static final String EXTENSION = ".params";

  private SpecParameters() {}

  /** The text of {@code parameters} of {@code spec}, {@code header}'s lines as comments first. */
  static String text(NetworkSpec spec, double[] parameters, String header) {
    StringBuilder text = new StringBuilder();
    header.lines().forEach(line -> text.append("# ").append(line).append('\n'));
    for (int l = 1; l <= spec.depth(); l++) {
      int start = spec.weightOffset(l);
      int end = spec.layerEnd(l);
      text.append("# layer ").append(l).append(": parameters ").append(start).append(" to ").append(end - 1)
          .append('\n');
      int columns = spec.units(l);
      for (int p = start; p < end; p++) {
        text.append(parameters[p]).append((p - start + 1) % columns == 0 || p == end - 1 ? '\n' : ' ');
      }
    }
    return text.toString();
  }
}
