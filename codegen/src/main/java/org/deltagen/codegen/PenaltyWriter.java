package org.deltagen.codegen;

import static org.deltagen.codegen.TrainerContext.names;
import static org.deltagen.symbolic.Symbols.W;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.Modifier;
import org.deltagen.derive.Derivation;
import org.deltagen.derive.Penalty;
import org.deltagen.derive.Step;
import org.deltagen.network.BatchReduction;
import org.deltagen.network.NetworkSpec;
import org.deltagen.network.SourceLocation;
import org.matheclipse.core.interfaces.IExpr;

/**
 * Writes the L1 penalty of a spec that has one: the constant λ, {@code penalty()} (λ Σ|w| over the
 * weight rows, which {@code step} adds to its batch error) and {@code addPenaltyGradient}, which adds
 * λ·sgn(w) into g after a batch's backward passes, so that the finiteness check, the clipping, the
 * diagnostics and the update all see the gradient of the penalized error. Without a penalty it
 * writes nothing.
 */
final class PenaltyWriter {
  private static final SourceLocation LOCATION = SourceLocation.builder("l1");

  private final TrainerContext context;
  private final Optional<Penalty> penalty;
  /** addPenaltyGradient, which step and fit call; null without a penalty. */
  private final MethodSpec addGradient;

  PenaltyWriter(TrainerContext context) {
    this.context = context;
    this.penalty = context.derivation().penalty();
    this.addGradient = penalty.map(this::writeAddGradient).orElse(null);
  }

  /** The step labelled {@code label}, present with a penalty. */
  private Step step(String label) {
    return context.derivation().step(label);
  }

  void addTo(TypeSpec.Builder type) {
    if (penalty.isEmpty()) {
      return;
    }
    type.addField(FieldSpec.builder(double.class, "L1", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
        .initializer("$L", penalty.get().lambda())
        .addJavadoc("λ₁ of the L1 penalty λ₁ Σ|w| over the weight rows.\n")
        .build());
    type.addMethod(context.cited(writePenalty(penalty.get()), step(Derivation.PENALTY)));
    type.addMethod(context.cited(addGradient, step(Derivation.PENALTY_GRADIENT)));
  }

  /** {@code addPenaltyGradient(batchSize);} after a batch's backward passes; nothing without a penalty. */
  CodeBlock addGradient(String batchSize) {
    return penalty.isEmpty() ? CodeBlock.of("") : CodeBlock.of("$N($L);\n", addGradient, batchSize);
  }

  /** {@code error} plus the penalty, as step returns it; {@code error} alone without a penalty. */
  String withPenalty(String error) {
    return penalty.isEmpty() ? error : error + " + penalty";
  }

  /** {@code double penalty = penalty();}, taken before the update; nothing without a penalty. */
  CodeBlock takePenalty() {
    return penalty.isEmpty() ? CodeBlock.of("") : CodeBlock.of("double penalty = penalty();\n");
  }

  private MethodSpec writePenalty(Penalty penalty) {
    MethodSpec.Builder method = MethodSpec.methodBuilder("penalty")
        .addModifiers(Modifier.PUBLIC)
        .returns(double.class)
        .addJavadoc("$L\n", JavaComments.javadoc("λ₁ Σ|w^l_{ij}| over the weight rows i ≥ 1 of every layer (not the"
            + " bias rows), at the current parameters: {@link #step} adds it to the batch error it returns. "
            + TrainerContext.cite(step(Derivation.PENALTY))))
        .addStatement("double sum = 0.0");
    overWeights(method, penalty.magnitude(), "sum += $L");
    return method.addStatement("return L1 * sum").build();
  }

  private MethodSpec writeAddGradient(Penalty penalty) {
    MethodSpec.Builder method = MethodSpec.methodBuilder("addPenaltyGradient")
        .addModifiers(Modifier.PRIVATE)
        .addParameter(int.class, "batchSize");
    boolean mean = context.spec().batch() == BatchReduction.MEAN;
    method.addJavadoc("$L\n", JavaComments.javadoc("Adds the penalty's gradient to g for every weight, "
        + TrainerContext.cite(step(Derivation.PENALTY_GRADIENT)) + (mean
            ? ". g holds the batch's sum, which the update divides by its size, so λ₁ is multiplied by it here."
            : ".")))
        .addStatement(mean ? "double l1 = L1 * batchSize" : "double l1 = L1");
    overWeights(method, penalty.derivative(), "g[p] += l1 * $L");
    return method.build();
  }

  /** For every layer, a loop over its weight rows, p from the first weight to the block's end. */
  private void overWeights(MethodSpec.Builder method, IExpr perWeight, String statement) {
    NetworkSpec spec = context.spec();
    JavaExpressions.Emitted value = context.emit(perWeight, Map.of(W, "w[p]"), names("p", "sum", "l1"), LOCATION);
    for (int l = 1; l <= spec.depth(); l++) {
      String first = spec.layer(l).bias()
          ? ParameterIndex.offset(l) + " + " + spec.units(l)
          : ParameterIndex.offset(l);
      method.addComment(spec.layer(l).bias() ? "layer $L: its weights, after the bias row" : "layer $L", l)
          .beginControlFlow("for (int p = $L; p < $L; p++)", first, context.parameters().weightEnd(l))
          .addCode(value.declarations())
          .addStatement(statement, value.value(0).code())
          .endControlFlow();
    }
  }
}
