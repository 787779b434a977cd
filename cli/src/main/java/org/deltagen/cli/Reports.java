package org.deltagen.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.deltagen.codegen.Citations;
import org.deltagen.codegen.GradientCheck;
import org.deltagen.codegen.TrainerPipeline;
import org.deltagen.codegen.Version;
import org.deltagen.derive.BruteForceProof;
import org.deltagen.report.PdfLatex;
import org.deltagen.report.ReportModel;
import org.deltagen.report.ReportModels;
import org.deltagen.report.ReportRenderer;
import org.deltagen.symbolic.SymbolicEngine;

/** Wires a pipeline's output, its checks and the code's citations into the report, and writes it. */
final class Reports {
  private Reports() {}

  /** The rendered LaTeX of the report on {@code output}'s derivation. */
  static String render(TrainerPipeline.Output output, Path templates) throws IOException {
    List<ReportModel.Check> checks = new ArrayList<>();
    if (output.check() != null) {
      checks.add(gradientCheck(output.check()));
    }
    if (output.derivation().spec().parameterCount() <= BruteForceProof.MAX_PARAMETERS) {
      checks.add(bruteForce(new BruteForceProof().prove(output.derivation(), 20240601L)));
    }
    ReportModel model = new ReportModels(SymbolicEngine.shared()).build(output.derivation(), checks,
        Citations.byLabel(output.source(), output.derivation()), "deltagen " + Version.get());
    return new ReportRenderer(templates).render(model);
  }

  /** Writes NAME.tex and, when asked and pdflatex is there, NAME.pdf; returns what was written. */
  static List<Path> write(String name, String tex, Path directory, boolean pdf, PrintWriter out)
      throws IOException, CheckFailedException {
    PdfLatex.Result compiled = null;
    if (pdf && PdfLatex.available()) {
      try {
        compiled = PdfLatex.compile(name, tex);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while running pdflatex", e);
      }
      if (compiled.pdf() == null || !compiled.errors().isEmpty()) {
        throw new CheckFailedException("pdflatex could not compile the report of " + name + ": " + compiled.errors());
      }
    }
    Files.createDirectories(directory);
    List<Path> written = new ArrayList<>();
    written.add(Files.writeString(directory.resolve(name + ".tex"), tex));
    if (compiled != null) {
      Path target = directory.resolve(name + ".pdf");
      PdfLatex.write(compiled.pdf(), target);
      written.add(target);
    } else if (pdf) {
      out.println("pdflatex was not found, so only " + directory.resolve(name + ".tex") + " was written;"
          + " install TeX Live (Debian: texlive-latex-base texlive-latex-recommended) for the PDF");
    }
    return written;
  }

  private static ReportModel.Check gradientCheck(GradientCheck.Result result) {
    GradientCheck.Worst worst = result.worst();
    String scope = "the trainer's backward() against the fourth-order central difference of its loss(), "
        + (result.checked() == result.parameters() ? result.parameters() + " parameters"
            : result.checked() + " of " + result.parameters() + " parameters")
        + " at " + result.points() + " random points";
    return new ReportModel.Check("Gradient check", scope, tex(worst.name()), "analytic " + number(worst.analytic()),
        "numeric " + number(worst.numeric()), String.format(Locale.ROOT, "%.2e", worst.error()),
        String.format(Locale.ROOT, "%.0e", result.tolerance()), result.passed());
  }

  private static ReportModel.Check bruteForce(BruteForceProof.Result result) {
    return new ReportModel.Check("Brute-force proof",
        "Symja's D of E, expanded in every weight, against the δ recursion, " + result.parameters()
            + " parameters at " + result.points() + " random points",
        tex(result.worst()), "brute force " + number(result.bruteForce()), "recursion " + number(result.recursion()),
        String.format(Locale.ROOT, "%.2e", result.error()), String.format(Locale.ROOT, "%.0e", BruteForceProof.TOLERANCE),
        result.passed());
  }

  /** w^2_{1,3} as the report typesets weights, w^{(2)}_{1,3}. */
  private static String tex(String parameter) {
    return parameter.replaceFirst("\\^(\\d+)_", "^{($1)}_");
  }

  private static String number(double value) {
    return String.format(Locale.ROOT, "%.12g", value);
  }
}
