package org.deltagen.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.deltagen.codegen.TrainerPipeline;
import org.deltagen.derive.Deriver;
import org.deltagen.network.NetworkSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code deltagen generate SPEC -o DIR}. */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description = "Derives the spec's backpropagation and writes its trainer class under DIR, after"
        + " compiling it and checking its gradients (unless --no-check).")
final class GenerateCommand implements Callable<Integer> {
  @Mixin SpecInput input;

  @Option(names = {"-o", "--output"}, paramLabel = "DIR", defaultValue = ".",
      description = "Source root to write into, in package folders (default: ${DEFAULT-VALUE}).")
  Path output;

  @Option(names = "--no-check", description = "Skip compiling and gradient-checking the trainer.")
  boolean noCheck;

  @Spec picocli.CommandLine.Model.CommandSpec command;

  @Override
  public Integer call() throws Exception {
    NetworkSpec spec = input.read();
    TrainerPipeline.Output result = new TrainerPipeline(new Deriver()).run(spec, !noCheck);
    if (!result.passed()) {
      throw new CheckFailedException(spec.name(), result.check());
    }
    OutputTree tree = new OutputTree(output);
    Path written = tree.add(result.source());
    tree.write();
    var out = command.commandLine().getOut();
    out.println("wrote " + written + " (" + spec.parameterCount() + " parameters)");
    if (result.check() != null) {
      out.println(result.check());
    }
    return 0;
  }
}
