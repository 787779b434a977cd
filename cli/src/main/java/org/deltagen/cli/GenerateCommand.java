package org.deltagen.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import org.deltagen.codegen.TrainerPipeline;
import org.deltagen.network.NetworkSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code deltagen generate SPEC -o DIR}. */
@Command(
    name = "generate",
    description = "Derives the spec's backpropagation, compiles its trainer and checks its gradients"
        + " (unless --no-check), then writes the trainer class under DIR, in its package's"
        + " folders.")
final class GenerateCommand extends SpecCommand {
  @Mixin OutputDirectory output;

  @Option(names = "--no-check", description = "Skip compiling and gradient-checking the trainer.")
  boolean noCheck;

  @Override
  int run(NetworkSpec spec) throws Exception {
    TrainerPipeline.Output result = trainer(spec, !noCheck);
    OutputTree tree = output.tree();
    Path written = tree.add(result.source());
    tree.write();
    PrintWriter out = out();
    out.println("wrote " + written + " (" + spec.parameterCount() + " parameters)");
    if (result.check() != null) {
      out.println(result.check());
    }
    return 0;
  }
}
