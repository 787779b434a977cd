package org.deltagen.cli;

import java.nio.file.Path;
import java.util.List;
import org.deltagen.network.NetworkSpec;
import org.deltagen.report.TrainerReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code deltagen report SPEC -o DIR [--no-pdf]}. */
@Command(
    name = "report",
    description = "Writes the derivation report NAME.tex into DIR and, when pdflatex is installed,"
        + " NAME.pdf; the trainer is generated and checked first, so the report shows the checks.")
final class ReportCommand extends SpecCommand {
  @Mixin OutputDirectory output;

  /** On by default, as the plugin's {@code pdf}: the PDF is what a reader opens. */
  @Option(names = "--pdf", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "Compile the report with pdflatex too, when it is installed (the default, as in the Maven"
          + " plugin); --no-pdf writes the .tex only.")
  boolean pdf;

  @Option(names = "--templates", paramLabel = "DIR",
      description = "A directory whose report.tex.ftl replaces deltagen's, to restyle the report.")
  Path templates;

  @Override
  int run(NetworkSpec spec) throws Exception {
    String tex = TrainerReport.render(trainer(spec, true), templates);
    OutputTree tree = output.tree();
    List<Path> written = Reports.add(spec.name(), tex, templates, pdf, tree, out());
    tree.write();
    written.forEach(file -> out().println("wrote " + file));
    return 0;
  }
}
