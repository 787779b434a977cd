package org.deltagen.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.deltagen.network.Diagnostic;
import org.deltagen.network.ErrorCode;
import org.deltagen.network.SourceLocation;
import org.deltagen.network.SpecException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The one way every entry point makes a PDF: its failures and its warning for overfull boxes. */
class PdfLatexTest {
  private static final String BROKEN = "\\documentclass{article}\\begin{document}\\undefinedmacro\\end{document}\n";

  private final List<String> warnings = new ArrayList<>();

  @BeforeEach
  void needsPdflatex() {
    // CI installs TeX (.ci/run) and must run these; elsewhere they need pdflatex on the PATH.
    assumeTrue(PdfLatex.available() || "true".equals(System.getenv("CI")), "pdflatex is not installed");
  }

  @Test
  void anOverfullBoxIsOneWarningAndThePdfIsStillMade() throws Exception {
    String tex = "\\documentclass{article}\\begin{document}\\hbox to 1cm{far too wide for one centimetre}"
        + "\\end{document}\n";
    byte[] pdf = PdfLatex.pdf("Wide", tex, null, warnings::add);
    assertEquals("%PDF", new String(pdf, 0, 4, StandardCharsets.US_ASCII));
    assertEquals(1, warnings.size(), warnings::toString);
    assertTrue(warnings.get(0).startsWith("Wide.pdf has 1 overfull box, where text sticks into the margin:"
        + " Overfull \\hbox"), warnings.get(0));
  }

  @Test
  void aCleanReportWarnsOfNothing() throws Exception {
    PdfLatex.pdf("Clean", "\\documentclass{article}\\begin{document}Fine.\\end{document}\n", null, warnings::add);
    assertEquals(List.of(), warnings);
  }

  @Test
  void latexFromDeltagensTemplateThatDoesNotCompileIsDeltagensFault() {
    PdfLatex.CompileException e =
        assertThrows(PdfLatex.CompileException.class, () -> PdfLatex.pdf("Net", BROKEN, null, warnings::add));
    assertTrue(e.getMessage().startsWith("pdflatex could not compile the report of Net: ! Undefined control sequence"),
        e.getMessage());
  }

  @Test
  void latexFromTheUsersTemplateThatDoesNotCompileIsTheirDg051() {
    Path templates = Path.of("mystyle");
    SpecException e = assertThrows(SpecException.class, () -> PdfLatex.pdf("Net", BROKEN, templates, warnings::add));
    Diagnostic problem = e.diagnostics().get(0);
    assertEquals(ErrorCode.DG051, problem.code());
    assertEquals(new SourceLocation(Path.of("mystyle", "report.tex.ftl").toString(), 0, 0), problem.location());
    assertTrue(problem.message().startsWith("report template renders LaTeX that pdflatex cannot compile: "),
        problem.message());
  }
}
