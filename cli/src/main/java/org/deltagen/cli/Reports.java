package org.deltagen.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.deltagen.report.PdfLatex;
import org.deltagen.report.ReportRenderer;
import org.deltagen.network.Diagnostic;
import org.deltagen.network.ErrorCode;
import org.deltagen.network.SourceLocation;
import org.deltagen.network.SpecException;

/** Adds a rendered report, and its PDF when asked for and pdflatex is there, to a command's output. */
final class Reports {
  private Reports() {}

  /**
   * Adds NAME.tex and, when asked and pdflatex is there, NAME.pdf to {@code output}; returns their
   * paths. LaTeX that does not compile is the fault of the user's template when one was given
   * ({@code templates}), else of deltagen.
   */
  static List<Path> add(String name, String tex, Path templates, boolean pdf, OutputTree output, PrintWriter out)
      throws IOException, InterruptedException, CheckFailedException, SpecException {
    List<Path> added = new ArrayList<>();
    added.add(output.add(name + ".tex", tex));
    if (pdf && PdfLatex.available()) {
      added.add(output.add(name + ".pdf", compile(name, tex, templates)));
    } else if (pdf) {
      out.println("pdflatex was not found, so only " + added.get(0) + " will be written;"
          + " install TeX Live (Debian: texlive-latex-base texlive-latex-recommended) for the PDF");
    }
    return added;
  }

  private static byte[] compile(String name, String tex, Path templates)
      throws IOException, InterruptedException, CheckFailedException, SpecException {
    PdfLatex.Result compiled = PdfLatex.compile(name, tex);
    if (compiled.pdf() != null && compiled.errors().isEmpty()) {
      return compiled.pdf();
    }
    String errors = compiled.errors().isEmpty() ? "it made no PDF" : String.join(" ", compiled.errors());
    if (templates != null) {
      throw new SpecException(Diagnostic.of(ErrorCode.DG051,
          new SourceLocation(ReportRenderer.templateFile(templates).toString(), 0, 0),
          "report template renders LaTeX that pdflatex cannot compile: " + errors)
          .withHint("check the template's LaTeX; deltagen's own report.tex.ftl compiles"));
    }
    throw new CheckFailedException("pdflatex could not compile the report of " + name + ": " + errors);
  }
}
