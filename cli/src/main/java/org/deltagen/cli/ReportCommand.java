package org.deltagen.cli;

import java.nio.file.Path;
import java.util.List;
import org.deltagen.derive.Deriver;
import org.deltagen.network.NetworkSpec;
import org.deltagen.report.TrainerReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code deltagen report SPEC -o DIR [--pdf]}. */
@Command(
    name = "report",
    description = "Writes the derivation report NAME.tex into DIR and, with --pdf and pdflatex present,"
        + " NAME.pdf; the trainer is generated and checked first, so the report shows the checks.")
final class ReportCommand extends SpecCommand {
  @Mixin OutputDirectory output;

  @Option(names = "--pdf", description = "Also compile the report with pdflatex.")
  boolean pdf;

  @Option(names = "--templates", paramLabel = "DIR",
      description = "A directory whose report.tex.ftl replaces deltagen's, to restyle the report.")
  Path templates;

  @Override
  int run(NetworkSpec spec) throws Exception {
    String tex = TrainerReport.render(checkedTrainer(new Deriver(), spec, true), templates);
    OutputTree tree = output.tree();
    List<Path> written = Reports.add(spec.name(), tex, templates, pdf, tree, out());
    tree.write();
    written.forEach(file -> out().println("wrote " + file));
    return 0;
  }
}
