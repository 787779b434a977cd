package org.deltagen.network;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Thrown when the input has problems; carries every one found, in source order. */
public final class SpecException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Problems listed one a line; the rest are counted in one more line. */
  public static final int LISTED = 20;

  private final List<Diagnostic> diagnostics;

  public SpecException(List<Diagnostic> diagnostics) {
    super(String.join("\n", listing(diagnostics)));
    if (diagnostics.isEmpty()) {
      throw new IllegalArgumentException("a SpecException needs at least one diagnostic");
    }
    this.diagnostics = List.copyOf(diagnostics);
  }

  public SpecException(Diagnostic diagnostic) {
    this(List.of(diagnostic));
  }

  public List<Diagnostic> diagnostics() {
    return diagnostics;
  }

  /**
   * The lines to show: the first {@link #LISTED} problems, then, when there are more, one line
   * counting them ({@code ... and 1,780 more problems in data.csv}), as a compiler stops listing
   * once the input is plainly not what it expects.
   */
  public List<String> listing() {
    return listing(diagnostics);
  }

  private static List<String> listing(List<Diagnostic> diagnostics) {
    List<String> lines = new ArrayList<>();
    diagnostics.stream().limit(LISTED).forEach(d -> lines.add(d.toString()));
    List<Diagnostic> rest = diagnostics.subList(Math.min(LISTED, diagnostics.size()), diagnostics.size());
    if (!rest.isEmpty()) {
      String files = rest.stream().map(d -> d.location().file()).distinct().collect(Collectors.joining(", "));
      lines.add(String.format(Locale.ROOT, "... and %,d more problem%s in %s",
          rest.size(), rest.size() == 1 ? "" : "s", UserText.line(files)));
    }
    return lines;
  }
}
