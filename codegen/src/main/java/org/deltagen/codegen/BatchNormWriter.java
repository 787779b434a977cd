package org.deltagen.codegen;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import java.io.IOException;
import java.util.Arrays;
import javax.lang.model.element.Modifier;
import org.deltagen.derive.Normalization;
import org.deltagen.network.NetworkSpec;

/**
 * Writes a layer's batch norm ({@code norm=batch}), torch's {@code BatchNorm1d}: the whole batch
 * is in the slots (see {@link Slots}), so forward takes μ_j and σ²_j of each unit over slots 0 to
 * count − 1 in training, or reads the running statistics in evaluation, and then normalizes every
 * slot; backward reduces Σ_s g and Σ_s g x̂ of each unit over the slots and forms δ in the compact
 * form. The running statistics move once per training step ({@link #update}), not in the forward
 * pass, so that neither a gradient check nor a refused step moves them.
 */
record BatchNormWriter(TrainerContext context) {
  /** Forward: the statistics, then û of every slot. */
  void forward(Normalization norm, MethodSpec.Builder method) {
    int l = norm.layer();
    Vectors.Norm vectors = context.vectors().norm(l);
    Vectors.Statistics statistics = vectors.statistics();
    String u = context.vectors().u(l).name();
    method.addCode("{\n$>")
        .addComment("μ_j and σ²_j over the batch in training, the running ones in evaluation")
        .beginControlFlow("if ($L)", TrainerContext.TRAINING)
        .addCode(overSamples(statistics.mean(), u, "$N[j] += $L[j]", statistics.mean(), u))
        .addCode(divideByCount(statistics.mean()))
        .addCode(overSamples(statistics.variance(), u, "double centred = $L[j] - $N[j];\n$N[j] += centred * centred",
            u, statistics.mean(), statistics.variance()))
        .addCode(divideByCount(statistics.variance()))
        .endControlFlow()
        .addStatement("double[] mean = $L ? $N : $N", TrainerContext.TRAINING, statistics.mean(),
            statistics.runningMean())
        .addStatement("double[] variance = $L ? $N : $N", TrainerContext.TRAINING, statistics.variance(),
            statistics.runningVariance())
        .beginControlFlow("for (int j = 0; j < $L; j++)", norm.units())
        .addStatement("$N[j] = 1.0 / $L.sqrt(variance[j] + $L)", vectors.inverseDeviation(), context.math(),
            NormWriter.epsilon(l))
        .endControlFlow();
    context.slots().forEach(method, (body, sample) -> body
        .beginControlFlow("for (int j = 0; j < $L; j++)", norm.units())
        .addStatement("double standardized = ($L[j] - mean[j]) * $N[j]", sample.u(l), vectors.inverseDeviation())
        .addCode(store(sample.standardized(l) + "[j]", "standardized"))
        .addCode(store(sample.normalized(l) + "[j]", NormWriter.scale(context.spec(), l) + " * standardized + "
            + NormWriter.shift(l)))
        .endControlFlow());
    method.addCode("$<}\n");
  }

  /** {@code statistic} cleared, then {@code statement} for each unit j of each slot s, u^l's row as {@code u}. */
  private CodeBlock overSamples(FieldSpec statistic, String u, String statement, Object... arguments) {
    return CodeBlock.builder()
        .addStatement("$T.fill($N, 0.0)", Arrays.class, statistic)
        .beginControlFlow("for (int s = 0; s < count; s++)")
        .addStatement("$T $L = this.$L[s]", context.element().array(), u, u)
        .beginControlFlow("for (int j = 0; j < $L.length; j++)", statistic.name())
        .addStatement(statement, arguments)
        .endControlFlow()
        .endControlFlow()
        .build();
  }

  private static CodeBlock divideByCount(FieldSpec statistic) {
    return CodeBlock.builder()
        .beginControlFlow("for (int j = 0; j < $N.length; j++)", statistic)
        .addStatement("$N[j] /= count", statistic)
        .endControlFlow()
        .build();
  }

  /**
   * Backward, unit by unit: ∂E/∂β_j and ∂E/∂γ_j of each slot into g, Σ_s g_s and Σ_s g_s x̂_s with
   * g_s = γ_j ∂E/∂û_j[s], then δ_j[s] = (1/σ_j)(g_s − mean g − x̂_j[s] mean(g x̂)) of each slot.
   */
  void backward(Normalization norm, MethodSpec.Builder method) {
    int l = norm.layer();
    int units = norm.units();
    Vectors.Norm vectors = context.vectors().norm(l);
    String gradient = vectors.gradient().name();
    String standardized = vectors.standardized().name();
    String scale = NormWriter.scale(context.spec(), l);
    String norms = ParameterIndex.norm(l);
    method.beginControlFlow("for (int j = 0; j < $L; j++)", units)
        .addComment("Σ_s g_s and Σ_s g_s x̂_s over the batch, g_s = γ_j ∂E/∂û_j[s]")
        .addStatement("double sum = 0.0")
        .addStatement("double sumTimesStandardized = 0.0")
        .beginControlFlow("for (int s = 0; s < count; s++)")
        .addStatement("double dEduhat = $L[s][j]", gradient)
        .addCode(context.element().update("g[" + norms + " + j]", "+", "dEduhat"))
        .addCode(context.element().update("g[" + norms + " + " + units + " + j]", "+",
            "dEduhat * " + standardized + "[s][j]"))
        .addStatement("double scaled = $L * dEduhat", scale)
        .addStatement("sum += scaled")
        .addStatement("sumTimesStandardized += scaled * $L[s][j]", standardized)
        .endControlFlow()
        .addStatement("double mean = sum / count")
        .addStatement("double meanTimesStandardized = sumTimesStandardized / count")
        .addStatement("double inverseSigma = $N[j]", vectors.inverseDeviation())
        .beginControlFlow("for (int s = 0; s < count; s++)")
        .addStatement("double scaled = $L * $L[s][j]", scale, gradient)
        .addCode(store(context.vectors().delta(l).name() + "[s][j]",
            "inverseSigma * (scaled - mean - " + standardized + "[s][j] * meanTimesStandardized)"))
        .endControlFlow()
        .endControlFlow();
  }

  private CodeBlock store(String target, String value) {
    return context.element().store(target, JavaExpression.additive(value));
  }

  /** Whether some layer of {@code spec} has batch norm. */
  static boolean any(NetworkSpec spec) {
    return spec.layers().stream().anyMatch(layer -> layer.hasNorm() && layer.norm().overBatch());
  }

  private static boolean batch(NetworkSpec spec, int l) {
    return spec.layer(l).hasNorm() && spec.layer(l).norm().overBatch();
  }

  /**
   * The Listener's {@code runningStatistics}, for a trainer with batch norm: the diagnostics'
   * view of the state that predict and loss use, after each epoch.
   */
  static MethodSpec listenerMethod() {
    return MethodSpec.methodBuilder("runningStatistics")
        .addModifiers(Modifier.PUBLIC, Modifier.DEFAULT)
        .addJavadoc("Called after {@link #epochEnded} for each layer with batch norm, with its running mean μ̄ and\n"
            + "(unbiased) running variance σ̄², one per unit, as the epoch's last step left them and as\n"
            + "{@code predict} and {@code loss} use them. Does nothing unless overridden.\n")
        .addParameter(int.class, "epoch")
        .addParameter(int.class, "layer")
        .addParameter(double[].class, "mean")
        .addParameter(double[].class, "variance")
        .build();
  }

  /** The listener told each batch-normed layer's running statistics, for fit's end of an epoch. */
  static CodeBlock listenerCalls(NetworkSpec spec) {
    CodeBlock.Builder code = CodeBlock.builder();
    for (int l = 1; l <= spec.depth(); l++) {
      if (batch(spec, l)) {
        code.addStatement("listener.runningStatistics(epoch, $L, runningMean$L, runningVariance$L)", l, l, l);
      }
    }
    return code.build();
  }

  /** {@code updateRunningStatistics(count);} where the trainer has batch norm, for step and fit after their checks. */
  static CodeBlock updateCall(NetworkSpec spec, String count) {
    return any(spec) ? CodeBlock.of("updateRunningStatistics($L);\n", count) : CodeBlock.of("");
  }

  /** {@code MOMENTUMl} of each batch-normed layer. */
  static void addConstants(NetworkSpec spec, int l, TypeSpec.Builder type) {
    if (batch(spec, l)) {
      type.addField(FieldSpec.builder(double.class, "MOMENTUM" + l, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
          .initializer("$L", spec.layer(l).norm().momentum())
          .addJavadoc("ρ of layer $L's batch norm: the weight of a batch's statistics in the running ones.\n", l)
          .build());
    }
  }

  /** The running variances start at 1 (the means at 0, as allocated), as torch's do. */
  static void initialValues(NetworkSpec spec, MethodSpec.Builder constructor) {
    for (int l = 1; l <= spec.depth(); l++) {
      if (batch(spec, l)) {
        constructor.addStatement("$T.fill(runningVariance$L, 1.0)", Arrays.class, l);
      }
    }
  }

  /**
   * The trainer's members for batch norm: updateRunningStatistics, and the public runningMean(l)
   * and runningVariance(l), which show the running statistics.
   */
  void addTo(TypeSpec.Builder type) {
    NetworkSpec spec = context.spec();
    MethodSpec.Builder update = MethodSpec.methodBuilder("updateRunningStatistics")
        .addModifiers(Modifier.PRIVATE)
        .addJavadoc("Moves each batch norm's running statistics towards those of the batch just accumulated, of\n"
            + "{@code count} samples: μ̄ ← (1 − ρ) μ̄ + ρ μ, σ̄² ← (1 − ρ) σ̄² + ρ σ² count/(count − 1), as torch does.\n")
        .addParameter(int.class, "count")
        .addStatement("double unbiased = count / (count - 1.0)");
    MethodSpec.Builder mean = accessor("runningMean", "mean μ̄");
    MethodSpec.Builder variance = accessor("runningVariance", "(unbiased) variance σ̄²");
    for (int l = 1; l <= spec.depth(); l++) {
      if (!batch(spec, l)) {
        continue;
      }
      update.beginControlFlow("for (int j = 0; j < $L; j++)", spec.units(l))
          .addStatement("runningMean$L[j] = (1 - MOMENTUM$L) * runningMean$L[j] + MOMENTUM$L * batchMean$L[j]", l, l, l, l, l)
          .addStatement("runningVariance$L[j] =$W(1 - MOMENTUM$L) * runningVariance$L[j] + MOMENTUM$L * batchVariance$L[j]"
              + " * unbiased", l, l, l, l, l)
          .endControlFlow();
      mean.beginControlFlow("if (l == $L)", l).addStatement("return runningMean$L", l).endControlFlow();
      variance.beginControlFlow("if (l == $L)", l).addStatement("return runningVariance$L", l).endControlFlow();
    }
    type.addMethod(update.build());
    for (MethodSpec.Builder accessor : new MethodSpec.Builder[] {mean, variance}) {
      type.addMethod(accessor
          .addStatement("throw new $T($S + l)", IllegalArgumentException.class, "no batch norm in layer ")
          .build());
    }
  }

  private static MethodSpec.Builder accessor(String name, String what) {
    return MethodSpec.methodBuilder(name)
        .addModifiers(Modifier.PUBLIC)
        .returns(double[].class)
        .addJavadoc("The running $L of layer {@code l}'s batch norm, one per unit, which {@code predict} and\n"
            + "{@code loss} use: the live array, saved with the parameters.\n", what)
        .addParameter(int.class, "l");
  }

  /**
   * Format version 2's running statistics, after the parameters: per batch-normed layer in order,
   * its n_l running means, then its n_l running variances, each a big-endian double.
   */
  static CodeBlock save(NetworkSpec spec) {
    CodeBlock.Builder code = CodeBlock.builder();
    forEachStatistic(spec, (name, l) -> code.beginControlFlow("for (double value : $L$L)", name, l)
        .addStatement("data.writeDouble(value)")
        .endControlFlow());
    return code.build();
  }

  /** read: the running statistics into {@code savedRunningMeanl} and the like, declared here. */
  static CodeBlock read(NetworkSpec spec) {
    CodeBlock.Builder code = CodeBlock.builder();
    forEachStatistic(spec, (name, l) -> code
        .beginControlFlow("for (int j = 0; j < saved$L$L.length; j++)", capitalized(name), l)
        .addStatement("saved$L$L[j] = data.readDouble()", capitalized(name), l)
        .endControlFlow());
    return code.build();
  }

  /** read's locals for the running statistics, before its try. */
  static CodeBlock declareSaved(NetworkSpec spec) {
    CodeBlock.Builder code = CodeBlock.builder();
    forEachStatistic(spec, (name, l) -> code.addStatement("double[] saved$L$L = new double[$L]", capitalized(name), l,
        spec.units(l)));
    return code.build();
  }

  /** Refuses a running mean that is not finite and a running variance that is not finite or below 0. */
  static CodeBlock check(NetworkSpec spec) {
    CodeBlock.Builder code = CodeBlock.builder();
    forEachStatistic(spec, (name, l) -> {
      boolean variance = name.equals("runningVariance");
      code.beginControlFlow("for (int j = 0; j < saved$L$L.length; j++)", capitalized(name), l)
          .beginControlFlow(variance ? "if (!(saved$L$L[j] >= 0) || $T.isInfinite(saved$L$L[j]))"
              : "if (!$T.isFinite(saved$L$L[j]))", variance
                  ? new Object[] {capitalized(name), l, Double.class, capitalized(name), l}
                  : new Object[] {Double.class, capitalized(name), l})
          .addStatement("throw new $T(source$W+ \" holds \"$W+ saved$L$L[j]$W+ $S + (j + 1)$W+ $S)", IOException.class,
              capitalized(name), l, " as the running " + (variance ? "variance" : "mean") + " of layer " + l + ", unit ",
              variance ? ": a variance is finite and never negative" : ": a trainer needs finite values")
          .endControlFlow()
          .endControlFlow();
    });
    return code.build();
  }

  /** read's commit: the running statistics read, copied into the trainer. */
  static CodeBlock commit(NetworkSpec spec) {
    CodeBlock.Builder code = CodeBlock.builder();
    forEachStatistic(spec, (name, l) -> code.addStatement("$T.arraycopy(saved$L$L, 0, $L$L, 0, $L)", System.class,
        capitalized(name), l, name, l, spec.units(l)));
    return code.build();
  }

  private static void forEachStatistic(NetworkSpec spec, java.util.function.ObjIntConsumer<String> action) {
    for (int l = 1; l <= spec.depth(); l++) {
      if (batch(spec, l)) {
        action.accept("runningMean", l);
        action.accept("runningVariance", l);
      }
    }
  }

  private static String capitalized(String name) {
    return Character.toUpperCase(name.charAt(0)) + name.substring(1);
  }
}
