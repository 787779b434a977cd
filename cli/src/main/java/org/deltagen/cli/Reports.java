package org.deltagen.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.deltagen.network.SpecException;
import org.deltagen.report.PdfLatex;

/** Adds a rendered report, and its PDF when asked for and pdflatex is there, to a command's output. */
final class Reports {
  private Reports() {}

  /**
   * Adds NAME.tex and, when asked and pdflatex is there, NAME.pdf to {@code output}; returns their
   * paths. LaTeX that does not compile is the fault of the user's template when one was given
   * ({@code templates}), else of deltagen.
   */
  static List<Path> add(String name, String tex, Path templates, boolean pdf, OutputTree output, PrintWriter out)
      throws IOException, CheckFailedException, SpecException {
    List<Path> added = new ArrayList<>();
    added.add(output.add(name + ".tex", tex));
    if (pdf && PdfLatex.available()) {
      try {
        added.add(output.add(name + ".pdf",
            PdfLatex.pdf(name, tex, templates, warning -> out.println("warning: " + warning))));
      } catch (PdfLatex.CompileException e) {
        throw new CheckFailedException(e.getMessage());
      }
    } else if (pdf) {
      out.println(PdfLatex.notFound("only " + added.get(0) + " will be written"));
    }
    return added;
  }
}
