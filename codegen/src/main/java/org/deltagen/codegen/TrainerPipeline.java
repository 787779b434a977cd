package org.deltagen.codegen;

import com.palantir.javapoet.JavaFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.deltagen.derive.Derivation;
import org.deltagen.derive.Deriver;
import org.deltagen.network.Activation;
import org.deltagen.network.Diagnostic;
import org.deltagen.network.ErrorCode;
import org.deltagen.network.Expression;
import org.deltagen.network.Layer;
import org.deltagen.network.NetworkSpec;
import org.deltagen.network.SpecException;

/**
 * The path every entry point takes from a validated spec to a checked trainer: derive, generate,
 * compile in memory, gradient-check. Nothing is written until all of it has succeeded.
 */
public final class TrainerPipeline {
  private final Deriver deriver;
  private final TrainerGenerator.Options options;

  public TrainerPipeline(Deriver deriver) {
    this(deriver, TrainerGenerator.Options.DEFAULT);
  }

  /** A pipeline whose trainers are written as {@code options} say. */
  public TrainerPipeline(Deriver deriver, TrainerGenerator.Options options) {
    this.deriver = deriver;
    this.options = options;
  }

  /** The stages of a run, in order, as a front end names them while a big network takes long. */
  public enum Stage {
    DERIVE,
    GENERATE,
    COMPILE,
    CHECK;

    /** What the pipeline is doing in this stage: "compiling it". */
    public String doing() {
      return switch (this) {
        case DERIVE -> "deriving";
        case GENERATE -> "generating the trainer";
        case COMPILE -> "compiling it";
        case CHECK -> "checking its gradients";
      };
    }
  }

  /** Told as each stage starts. */
  @FunctionalInterface
  public interface Progress {
    Progress NONE = stage -> {};

    void starting(Stage stage);
  }

  /**
   * What the pipeline made: the derivation, the source with the steps its methods cite and, when
   * checked, the loaded class and check.
   */
  public record Output(
      Derivation derivation, JavaFile source, Citations citations, Class<?> trainerClass, GradientCheck.Result check) {
    /** True when the trainer was checked and passed, or was not checked. */
    public boolean passed() {
      return check == null || check.passed();
    }

    /** Writes the source under {@code directory}, in its package's folders, as UTF-8. */
    public Path writeTo(Path directory) throws IOException {
      return source.writeToPath(directory, StandardCharsets.UTF_8);
    }
  }

  /**
   * A gradient that is not a number at the check's point is the user's formula's doing when the
   * spec has one: the derivation's domain check samples u over [−4, 4], and a wide layer's u can
   * reach further. With named rules only, it stays a fault of deltagen's, for the caller to report.
   */
  private static void undefinedAtTheCheck(NetworkSpec spec, GradientCheck.Result result) throws SpecException {
    Expression custom = spec.layers().stream().map(Layer::activation).filter(Activation::isCustom)
        .map(Activation::definition).findFirst()
        .orElse(spec.loss().isCustom() ? spec.loss().perOutput() : null);
    if (custom != null) {
      throw new SpecException(
          Diagnostic.of(ErrorCode.DG032, custom.location(),
                  "the gradient is not a finite number at the gradient check's point (parameters and inputs drawn"
                      + " from [−1, 1]): " + result.worst().name() + " is " + result.worst().analytic() + " by backward, "
                      + result.worst().numeric() + " by differences")
              .withHint("a formula of this spec has no finite value for some weighted sum or output the network"
                  + " reaches; write it so it is finite for every real input, or restrict it with Piecewise"));
    }
  }

  /**
   * Derives and generates; with {@code check}, also compiles and gradient-checks the trainer. A
   * network the heap cannot hold is the spec's DG019, whichever step ran out of memory.
   */
  public Output run(NetworkSpec spec, boolean check) throws SpecException {
    return run(spec, check, Progress.NONE);
  }

  /** As {@link #run(NetworkSpec, boolean)}, telling {@code progress} as each stage starts. */
  public Output run(NetworkSpec spec, boolean check, Progress progress) throws SpecException {
    try {
      return derivedAndChecked(spec, check, progress);
    } catch (OutOfMemoryError | RuntimeException e) {
      // The trainer's constructor, run by reflection by the gradient check, reaches us wrapped.
      if (OutOfHeap.causedBy(e)) {
        throw OutOfHeap.problem(spec.source(), spec, Runtime.getRuntime().maxMemory(), e);
      }
      throw e;
    }
  }

  private Output derivedAndChecked(NetworkSpec spec, boolean check, Progress progress) throws SpecException {
    progress.starting(Stage.DERIVE);
    Derivation derivation = deriver.derive(spec);
    progress.starting(Stage.GENERATE);
    TrainerSource trainer = TrainerGenerator.write(derivation, options);
    JavaFile source = trainer.file();
    if (!check) {
      return new Output(derivation, source, trainer.citations(), null, null);
    }
    Class<?> trainerClass;
    progress.starting(Stage.COMPILE);
    try {
      trainerClass = InMemoryCompiler.compile(source);
    } catch (InMemoryCompiler.CompilationException e) {
      if (!e.codeTooLarge()) {
        throw e;
      }
      throw new SpecException(
          Diagnostic.of(ErrorCode.DG019, spec.layer(spec.depth()).location(),
                  "the network's " + spec.depth() + " layers make its forward or backward pass more than the 64 KB"
                      + " of bytecode a Java method may have")
              .withHint("use fewer layers, or wider ones: a layer of more than 64 parameters is a loop, whose code"
                  + " does not grow with its size"));
    }
    progress.starting(Stage.CHECK);
    GradientCheck.Result result = new GradientCheck(spec).run(new Trainer(trainerClass), 20240601L);
    if (result.nonFinite()) {
      undefinedAtTheCheck(spec, result);
    }
    return new Output(derivation, source, trainer.citations(), trainerClass, result);
  }
}
