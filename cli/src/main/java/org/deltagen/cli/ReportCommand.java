package org.deltagen.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.deltagen.codegen.TrainerPipeline;
import org.deltagen.derive.Deriver;
import org.deltagen.report.TrainerReport;
import org.deltagen.network.NetworkSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code deltagen report SPEC -o DIR [--pdf]}. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = "Writes the derivation report NAME.tex into DIR and, with --pdf and pdflatex present,"
        + " NAME.pdf; the trainer is generated and checked first, so the report shows the checks.")
final class ReportCommand implements Callable<Integer> {
  @Mixin SpecInput input;

  @Option(names = {"-o", "--output"}, paramLabel = "DIR", defaultValue = ".",
      description = "Directory to write into (default: ${DEFAULT-VALUE}).")
  Path output;

  @Option(names = "--pdf", description = "Also compile the report with pdflatex.")
  boolean pdf;

  @Option(names = "--templates", paramLabel = "DIR",
      description = "A directory whose report.tex.ftl replaces deltagen's, to restyle the report.")
  Path templates;

  @Spec picocli.CommandLine.Model.CommandSpec command;

  @Override
  public Integer call() throws Exception {
    NetworkSpec spec = input.read();
    TrainerPipeline.Output result = new TrainerPipeline(new Deriver()).run(spec, true);
    if (!result.passed()) {
      throw new CheckFailedException(spec.name(), result.check());
    }
    String tex = TrainerReport.render(result, templates);
    var out = command.commandLine().getOut();
    OutputTree tree = new OutputTree(output);
    List<Path> written = Reports.add(spec.name(), tex, templates, pdf, tree, out);
    tree.write();
    for (Path file : written) {
      out.println("wrote " + file);
    }
    return 0;
  }
}
