package org.deltagen.cli;

import java.io.PrintWriter;
import org.deltagen.codegen.TrainerPipeline;
import org.deltagen.derive.Deriver;
import org.deltagen.derive.Step;
import org.deltagen.network.NetworkSpec;
import picocli.CommandLine.Command;

/** {@code deltagen check SPEC}. */
@Command(
    name = "check",
    description = "Derives the spec's backpropagation, prints the derivation, and compiles and"
        + " gradient-checks its trainer in memory; writes nothing.")
final class CheckCommand extends SpecCommand {
  @Override
  int run(NetworkSpec spec) throws Exception {
    // The derivation and the check are printed before a failed check is reported: they show where.
    TrainerPipeline.Output result = new TrainerPipeline(new Deriver()).run(spec, true);
    PrintWriter out = out();
    for (Step step : result.derivation().steps()) {
      out.println(step.citation());
    }
    out.println(result.check());
    if (!result.passed()) {
      throw new CheckFailedException(spec.name(), result.check());
    }
    return 0;
  }
}
