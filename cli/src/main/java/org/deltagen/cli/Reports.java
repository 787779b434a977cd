package org.deltagen.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.deltagen.report.PdfLatex;

/** Writes a rendered report, and its PDF when asked for and pdflatex is there. */
final class Reports {
  private Reports() {}

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
}
