package org.deltagen.network.parse;

import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.deltagen.network.Diagnostic;
import org.deltagen.network.ErrorCode;
import org.deltagen.network.Norm;
import org.deltagen.network.SourceLocation;
import org.deltagen.network.SpecException;

/**
 * A layer's {@code norm=layer}, {@code norm=group(g=G)} or {@code norm=batch}, with its {@code
 * eps=ε} and, for batch norm, its {@code momentum=m}.
 */
final class LayerNorms {
  private static final Pattern GROUP = Pattern.compile("group\\(g=([^)]*)\\)");
  private static final String USAGE = "norm=layer, norm=group(g=G) or norm=batch, e.g. norm=group(g=2)";

  private LayerNorms() {}

  /** The layer's normalization, or null when the line has no {@code norm=}. */
  static Norm read(Line line, Options options) throws SpecException {
    int column = options.column("norm");
    if (column == 0) {
      if (options.column("eps") > 0) {
        throw line.problem(ErrorCode.DG016, options.column("eps") - "eps=".length(),
            "'eps' is a normalization's ε, and this layer has no norm", "add norm=layer, or leave eps out");
      }
      checkNoMomentum(line, options);
      return null;
    }
    double epsilon = options.number("eps", Norm.DEFAULT_EPSILON, v -> v > 0, "a positive number");
    SourceLocation at = line.at(column);
    String kind = options.text("norm", "");
    if (kind.equals("batch")) {
      return Norm.batch(epsilon, options.number("momentum", Norm.DEFAULT_MOMENTUM, v -> v >= 0 && v <= 1,
          "a number in [0, 1]"), at);
    }
    checkNoMomentum(line, options);
    if (kind.equals("layer")) {
      return Norm.layer(epsilon, at);
    }
    Matcher group = GROUP.matcher(kind);
    if (!group.matches()) {
      throw line.problem(ErrorCode.DG016, column, "unknown normalization " + Diagnostic.quote(kind), USAGE);
    }
    OptionalLong groups = Numbers.whole(group.group(1));
    if (groups.isEmpty() || groups.getAsLong() < 1 || groups.getAsLong() > Integer.MAX_VALUE) {
      throw line.problem(ErrorCode.DG006, column + group.start(1),
          "'g' needs a positive whole number of groups, not " + Diagnostic.quote(group.group(1)), USAGE);
    }
    return Norm.group((int) groups.getAsLong(), epsilon, at);
  }

  /** {@code momentum=} weighs batch norm's running statistics, and means nothing elsewhere. */
  private static void checkNoMomentum(Line line, Options options) throws SpecException {
    if (options.column("momentum") > 0) {
      throw line.problem(ErrorCode.DG016, options.column("momentum") - "momentum=".length(),
          "'momentum' weighs batch norm's running statistics, and this layer has no norm=batch",
          "add norm=batch, or leave momentum out");
    }
  }
}
