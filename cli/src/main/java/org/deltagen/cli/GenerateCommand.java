package org.deltagen.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import org.deltagen.codegen.TrainerPipeline;
import org.deltagen.derive.Deriver;
import org.deltagen.network.NetworkSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code deltagen generate SPEC -o DIR}. */
@Command(
    name = "generate",
    description = "Derives the spec's backpropagation and writes its trainer class under DIR, after"
        + " compiling it and checking its gradients (unless --no-check).")
final class GenerateCommand extends SpecCommand {
  @Option(names = {"-o", "--output"}, paramLabel = "DIR", defaultValue = ".",
      description = "Source root to write into, in package folders (default: ${DEFAULT-VALUE}).")
  Path output;

  @Option(names = "--no-check", description = "Skip compiling and gradient-checking the trainer.")
  boolean noCheck;

  @Override
  int run(NetworkSpec spec) throws Exception {
    TrainerPipeline.Output result = checkedTrainer(new Deriver(), spec, !noCheck);
    OutputTree tree = new OutputTree(output);
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
