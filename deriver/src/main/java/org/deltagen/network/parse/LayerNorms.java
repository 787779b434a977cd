package org.deltagen.network.parse;

import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.deltagen.network.Diagnostic;
import org.deltagen.network.ErrorCode;
import org.deltagen.network.Norm;
import org.deltagen.network.SourceLocation;
import org.deltagen.network.SpecException;

/** A layer's {@code norm=layer} or {@code norm=group(g=G)}, with its {@code eps=ε}. */
final class LayerNorms {
  private static final Pattern GROUP = Pattern.compile("group\\(g=([^)]*)\\)");
  private static final String USAGE = "norm=layer or norm=group(g=G), e.g. norm=group(g=2)";

  private LayerNorms() {}

  /** The layer's normalization, or null when the line has no {@code norm=}. */
  static Norm read(Line line, Options options) throws SpecException {
    int column = options.column("norm");
    if (column == 0) {
      if (options.column("eps") > 0) {
        throw line.problem(ErrorCode.DG016, options.column("eps") - "eps=".length(),
            "'eps' is a normalization's ε, and this layer has no norm", "add norm=layer, or leave eps out");
      }
      return null;
    }
    double epsilon = options.number("eps", Norm.DEFAULT_EPSILON, v -> v > 0, "a positive number");
    SourceLocation at = line.at(column);
    String kind = options.text("norm", "");
    if (kind.equals("layer")) {
      return Norm.layer(epsilon, at);
    }
    if (kind.equals("batch")) {
      throw line.problem(ErrorCode.DG016, column,
          "norm=batch is not in this version: its statistics couple the samples of a batch", USAGE);
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
}
