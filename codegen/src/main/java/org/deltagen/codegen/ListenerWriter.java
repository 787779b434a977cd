package org.deltagen.codegen;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import javax.lang.model.element.Modifier;
import org.deltagen.network.BatchReduction;
import org.deltagen.network.NetworkSpec;

/**
 * Writes the trainer's nested {@code Listener}: what {@code fit} reports after each epoch, and
 * the gradient warnings (seeds 002 and 003), printed to standard error unless overridden.
 */
final class ListenerWriter {
  private static final TypeName NORMS = ArrayTypeName.of(double.class);

  private ListenerWriter() {}

  /** The interface {@code listener} of the trainer of {@code spec}. */
  static TypeSpec listener(NetworkSpec spec, ClassName listener) {
    TypeSpec.Builder type = TypeSpec.interfaceBuilder(listener.simpleName())
        .addModifiers(Modifier.PUBLIC)
        .addJavadoc("Receives what {@code fit} measures after each epoch. The arrays are the trainer's own,\n"
            + "valid during the call only: copy what you keep.\n")
        .addMethod(MethodSpec.methodBuilder("epochEnded")
            .addModifiers(Modifier.PUBLIC, Modifier.ABSTRACT)
            .addJavadoc("Called after epoch {@code epoch}, counted from 0 over all calls of {@code fit}.\n\n"
                + "@param trainingError the $L of E over the epoch's samples, each taken before its batch's\n"
                + "    update\n"
                + "@param validationError the same over the validation set after the epoch, or NaN without one\n"
                + "@param gradientNorms per layer l at index l − 1, the mean over the epoch's batches of the\n"
                + "    norm of the gradient each update used ($L, before clipping)\n"
                + "@param parameterNorms per layer, ‖w^l‖ after the epoch\n",
                spec.batch().keyword(), spec.batch() == BatchReduction.MEAN ? "the batch mean" : "the batch sum")
            .addParameter(int.class, "epoch")
            .addParameter(double.class, "trainingError")
            .addParameter(double.class, "validationError")
            .addParameter(NORMS, "gradientNorms")
            .addParameter(NORMS, "parameterNorms")
            .build())
        .addMethod(warning("gradientWarning")
            .addJavadoc("Called after {@link #epochEnded} for each layer whose mean gradient norm lies outside\n"
                + "the limits of {@code setGradientNormLimits}; and, with a NaN or infinite norm, for each layer\n"
                + "whose gradient is not finite, before {@code fit} refuses that batch and throws. Prints a line\n"
                + "to standard error unless overridden.\n")
            .addParameter(double.class, "limit")
            .addParameter(boolean.class, "vanishing")
            .beginControlFlow("if (!$T.isFinite(norm))", Double.class)
            .addStatement("$T.err.printf($L,$Wepoch, layer, norm)", System.class,
                JavaStrings.literal(spec.name() + ": epoch %d: the gradient norm of layer %d is %s: diverged%n"))
            .addStatement("return")
            .endControlFlow()
            .addStatement("$T.err.printf($L,\n$>epoch, layer, norm, vanishing ? \"below\" : \"above\", limit,\n"
                    + "vanishing ? \"vanishing\" : \"exploding\")$<",
                System.class, JavaStrings.literal(
                    spec.name() + ": epoch %d: the gradient norm of layer %d, %.3g, is %s %.3g: %s gradients%n"))
            .build())
        .addMethod(warning("relativeGradientWarning")
            .addJavadoc("Called after {@link #epochEnded} for each layer within the limits of\n"
                + "{@code setGradientNormLimits} whose mean gradient norm is below {@code ratio} times the last\n"
                + "layer's ({@code setRelativeGradientNormLimit}): the gradient fades on its way back\n"
                + "(seed 003); prints a line to standard error unless overridden.\n")
            .addParameter(double.class, "lastLayerNorm")
            .addParameter(double.class, "ratio")
            .addStatement("$T.err.printf($L,\n$>epoch, layer, norm, ratio, lastLayerNorm)$<", System.class,
                JavaStrings.literal(spec.name() + ": epoch %d: the gradient norm of layer %d, %.3g, is below %.3g"
                    + " times layer " + spec.depth() + "'s, %.3g: vanishing gradients%n"))
            .build());
    if (BatchNormWriter.any(spec)) {
      type.addMethod(BatchNormWriter.listenerMethod());
    }
    return type.build();
  }

  /** A warning about layer {@code layer}'s gradient norm in epoch {@code epoch}, overridable. */
  private static MethodSpec.Builder warning(String name) {
    return MethodSpec.methodBuilder(name)
        .addModifiers(Modifier.PUBLIC, Modifier.DEFAULT)
        .addParameter(int.class, "epoch")
        .addParameter(int.class, "layer")
        .addParameter(double.class, "norm");
  }
}
