package org.deltagen.cli;

import java.util.concurrent.Callable;
import org.deltagen.codegen.TrainerPipeline;
import org.deltagen.derive.Deriver;
import org.deltagen.derive.Step;
import org.deltagen.network.NetworkSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code deltagen check SPEC}. */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = "Derives the spec's backpropagation, prints the derivation, and compiles and"
        + " gradient-checks its trainer in memory; writes nothing.")
final class CheckCommand implements Callable<Integer> {
  @Mixin SpecInput input;

  @Spec picocli.CommandLine.Model.CommandSpec command;

  @Override
  public Integer call() throws Exception {
    NetworkSpec spec = input.read();
    TrainerPipeline.Output result = new TrainerPipeline(new Deriver()).run(spec, true);
    var out = command.commandLine().getOut();
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
