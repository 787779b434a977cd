package org.deltagen.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.deltagen.codegen.TrainerPipeline;
import org.deltagen.derive.Deriver;
import org.deltagen.network.NetworkSpec;
import org.deltagen.network.SpecException;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A command on one spec file: it reads and validates the spec, then hands it to {@link #run}. */
abstract class SpecCommand implements Callable<Integer> {
  @Mixin SpecInput input;

  @Spec CommandSpec command;

  @Override
  public final Integer call() throws Exception {
    return run(input.read());
  }

  /** The command's work on a valid spec; returns the exit code. */
  abstract int run(NetworkSpec spec) throws Exception;

  PrintWriter out() {
    return command.commandLine().getOut();
  }

  PrintWriter err() {
    return command.commandLine().getErr();
  }

  /**
   * The spec's trainer, derived and generated and, with {@code check}, compiled and
   * gradient-checked; a trainer that fails its check is deltagen's fault, not the spec's.
   */
  static TrainerPipeline.Output checkedTrainer(Deriver deriver, NetworkSpec spec, boolean check)
      throws SpecException, CheckFailedException {
    TrainerPipeline.Output result = new TrainerPipeline(deriver).run(spec, check);
    if (!result.passed()) {
      throw new CheckFailedException(spec.name(), result.check());
    }
    return result;
  }
}
