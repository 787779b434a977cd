package org.deltagen.cli;

import java.io.PrintWriter;
import java.util.Locale;
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
   * From how many parameters on a command says each stage as it starts: deriving, generating and
   * checking a network of millions of parameters takes a minute or more (issue 17 timed 96 s for
   * 20 M), which would otherwise pass in silence. A field, so a test can lower it.
   */
  static int largeNetwork = 100_000;

  /**
   * {@link #checkedTrainer}, each stage said on standard error as it starts and the whole timed
   * there when the network is large (at least {@link #largeNetwork} parameters).
   */
  TrainerPipeline.Output trainer(NetworkSpec spec, boolean check) throws SpecException, CheckFailedException {
    boolean large = spec.parameterCount() >= largeNetwork;
    long started = System.nanoTime();
    TrainerPipeline.Progress progress = !large ? TrainerPipeline.Progress.NONE
        : stage -> err().println("deltagen: " + spec.name() + ": " + stage.doing()
            + (stage == TrainerPipeline.Stage.DERIVE ? String.format(" (%,d parameters)…", spec.parameterCount())
                : "…"));
    TrainerPipeline.Output result = checkedTrainer(new Deriver(), spec, check, progress);
    if (large) {
      err().printf(Locale.ROOT, "deltagen: %s's trainer is ready after %.1f s%n", spec.name(),
          (System.nanoTime() - started) / 1e9);
    }
    return result;
  }

  /**
   * The spec's trainer, derived and generated and, with {@code check}, compiled and
   * gradient-checked; a trainer that fails its check is deltagen's fault, not the spec's.
   */
  static TrainerPipeline.Output checkedTrainer(Deriver deriver, NetworkSpec spec, boolean check)
      throws SpecException, CheckFailedException {
    return checkedTrainer(deriver, spec, check, TrainerPipeline.Progress.NONE);
  }

  /** {@link #checkedTrainer(Deriver, NetworkSpec, boolean)}, telling {@code progress} each stage as it starts. */
  static TrainerPipeline.Output checkedTrainer(Deriver deriver, NetworkSpec spec, boolean check,
      TrainerPipeline.Progress progress) throws SpecException, CheckFailedException {
    TrainerPipeline.Output result = new TrainerPipeline(deriver).run(spec, check, progress);
    if (!result.passed()) {
      throw new CheckFailedException(spec.name(), result.check());
    }
    return result;
  }
}
