package org.deltagen.maven;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.deltagen.codegen.TrainerPipeline;
import org.deltagen.report.PdfLatex;
import org.deltagen.report.TrainerReport;
import org.deltagen.network.NetworkSpec;
import org.deltagen.network.SpecException;

/**
 * Writes each spec's derivation report, {@code NAME.tex}, into {@link #outputDirectory}, and
 * {@code NAME.pdf} beside it when pdflatex is installed. The trainer is generated and checked
 * first, so that the report shows the checks.
 */
@Mojo(name = "report", defaultPhase = LifecyclePhase.GENERATE_RESOURCES, threadSafe = true)
public final class ReportMojo extends AbstractDeltagenMojo {
  /** Where the reports are written. */
  @Parameter(property = "deltagen.reportDirectory", defaultValue = "${project.build.directory}/generated-docs/deltagen")
  private File outputDirectory;

  /** A directory whose {@code report.tex.ftl} replaces deltagen's, to restyle the report. */
  @Parameter(property = "deltagen.templateDirectory")
  private File templateDirectory;

  /** Also compiles each report to PDF, when pdflatex is installed. */
  @Parameter(property = "deltagen.pdf", defaultValue = "true")
  private boolean pdf;

  private Boolean pdflatex;

  public ReportMojo() {
    super("report", "rendered");
  }

  @Override
  void addSettings(Fingerprint digest) throws IOException {
    digest.add("outputDirectory", outputDirectory.getAbsolutePath())
        .addTree("templates", templateDirectory == null ? null : templateDirectory.toPath())
        .add("pdf", String.valueOf(pdf()));
  }

  /** True when PDFs are asked for and pdflatex is there: installing it later makes the reports again. */
  private boolean pdf() {
    if (pdflatex == null) {
      pdflatex = pdf && PdfLatex.available();
      if (pdf && !pdflatex) {
        getLog().info("deltagen: " + PdfLatex.notFound("the reports are LaTeX only"));
      }
    }
    return pdflatex;
  }

  @Override
  BuildPlan.Made make(SpecFile file, NetworkSpec spec) throws SpecException, MojoExecutionException {
    TrainerPipeline.Output result = checkedRun(file, spec, true);
    Map<Path, byte[]> outputs = new LinkedHashMap<>();
    try {
      String tex = TrainerReport.render(result, templates());
      outputs.put(outputDirectory.toPath().resolve(spec.name() + ".tex"), tex.getBytes(StandardCharsets.UTF_8));
      if (pdf()) {
        outputs.put(outputDirectory.toPath().resolve(spec.name() + ".pdf"), compile(file, spec.name(), tex));
      }
    } catch (IOException e) {
      throw new MojoExecutionException("deltagen: cannot render the report of " + file.spec() + ": " + e.getMessage(), e);
    }
    return new BuildPlan.Made(outputs,
        String.join(", ", outputs.keySet().stream().map(p -> p.getFileName().toString()).toList()));
  }

  private Path templates() {
    return templateDirectory == null ? null : templateDirectory.toPath();
  }

  private byte[] compile(SpecFile file, String name, String tex) throws IOException, SpecException, MojoExecutionException {
    try {
      return PdfLatex.pdf(name, tex, templates(), warning -> getLog().warn("deltagen: " + warning));
    } catch (PdfLatex.CompileException e) {
      throw new MojoExecutionException("deltagen: " + e.getMessage() + " (" + file.spec() + ")", e);
    }
  }
}
