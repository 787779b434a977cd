package org.deltagen.codegen;

import static org.deltagen.codegen.TrainerContext.names;
import static org.deltagen.symbolic.Symbols.D;
import static org.deltagen.symbolic.Symbols.U;
import static org.deltagen.symbolic.Symbols.Y;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import java.util.Map;
import javax.lang.model.element.Modifier;
import org.deltagen.derive.LayerActivation;
import org.deltagen.derive.LossOperation;
import org.deltagen.derive.Step;
import org.deltagen.derive.Vector;
import org.deltagen.network.NamedActivation;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.interfaces.IExpr;
import org.matheclipse.core.interfaces.ISymbol;

/**
 * Writes the loss: E of one sample from y and d, and the output layer's δ^L = ∂E/∂u^L, through
 * softmax's Jacobian or, for an element-wise output, as the derivation's δ^L_j.
 */
record LossWriter(TrainerContext context) implements OperationWriter<LossOperation> {
  private static final ISymbol LOG_Y = F.symbol("deltagenLogY");
  private static final ISymbol LOG_ONE_MINUS_Y = F.symbol("deltagenLogOneMinusY");

  /** L, the output layer's number. */
  private int depth() {
    return context.spec().depth();
  }

  /** error: E of the sample in slot s (of the sample with targets d, without slots). */
  MethodSpec error() {
    IExpr perOutput = stableLogs(context.derivation().loss().perOutput());
    JavaExpressions.Emitted loss = context.emit(perOutput,
        Map.of(Y, "y", D, "target", LOG_Y, "logY", LOG_ONE_MINUS_Y, "logOneMinusY"),
        names("j", "e", "y", "target", "u", "logY", "logOneMinusY"), context.lossLocation());
    Slots slots = context.slots();
    MethodSpec.Builder method = MethodSpec.methodBuilder("error")
        .addModifiers(Modifier.PRIVATE)
        .returns(double.class)
        .addJavadoc("$L\n", JavaComments.javadoc(TrainerContext.cite(context.derivation().loss().errorStep())
            + (slots.slotted() ? ", of the sample in slot s" : "")));
    Sample sample = new Sample(context.vectors());
    MethodSpec.Builder body = MethodSpec.methodBuilder("body")
        .addStatement("double e = 0.0")
        .beginControlFlow("for (int j = 0; j < OUTPUTS; j++)");
    declareOutputAndTarget(body, sample, perOutput);
    logDeclarations(body, sample, perOutput);
    CodeBlock code = body.addCode(loss.declarations())
        .addStatement("e += $L", loss.value(0))
        .endControlFlow()
        .addStatement("return e")
        .build()
        .code();
    if (slots.slotted()) {
      method.addParameter(int.class, "s");
      slots.declare(method, sample);
    } else {
      method.addParameter(context.element().array(), "d");
    }
    return context.cited(method.addCode(code).build(), context.derivation().loss().errorStep());
  }

  /**
   * The loss with log y and log(1 − y) read from stable forms where the output layer allows:
   * softmax's log-sum-exp, and for a sigmoid output log y = −softplus(−u), log(1 − y) =
   * −softplus(u). So cross-entropy stays finite when y rounds to 0 or 1.
   */
  private IExpr stableLogs(IExpr perOutput) {
    var output = context.spec().layer(depth()).activation();
    if (output.normalized()) {
      return F.subst(perOutput, F.Log(Y), LOG_Y);
    }
    if (output.rule() == NamedActivation.SIGMOID) {
      IExpr logOneMinusY = F.Log(F.Plus(F.C1, F.Times(F.CN1, Y)));
      return F.subst(F.subst(perOutput, logOneMinusY, LOG_ONE_MINUS_Y), F.Log(Y), LOG_Y);
    }
    return perOutput;
  }

  private void logDeclarations(MethodSpec.Builder method, Sample sample, IExpr perOutput) {
    boolean logY = !perOutput.isFree(LOG_Y);
    boolean logOneMinusY = !perOutput.isFree(LOG_ONE_MINUS_Y);
    if (context.spec().layer(depth()).activation().normalized()) {
      if (logY) {
        method.addStatement("double logY = $L[j]", sample.logZ());
      }
      return;
    }
    if (logY || logOneMinusY) {
      context.helpers().add(Helper.SOFTPLUS);
      method.addStatement("double u = $L[j]", sample.u(depth()));
    }
    if (logY) {
      method.addStatement("double logY = -$N(-u)", Helper.SOFTPLUS.methodName());
    }
    if (logOneMinusY) {
      method.addStatement("double logOneMinusY = -$N(u)", Helper.SOFTPLUS.methodName());
    }
  }

  /** {@code double y = z^L_j} and {@code double target = d_j}, each where {@code expression} reads it. */
  static void declareOutputAndTarget(MethodSpec.Builder method, Sample sample, IExpr expression) {
    if (!expression.isFree(Y)) {
      method.addStatement("double y = $L[j]", sample.z(sample.depth()));
    }
    if (!expression.isFree(D)) {
      method.addStatement("double target = $L[j]", sample.d());
    }
  }

  /** Nothing: E is error()'s, which the callers of forward call. */
  @Override
  public void forward(LossOperation loss, Pass pass) {}

  /** δ^L of every sample in the pass, the loss's and the output layer's derivatives together. */
  @Override
  public void backward(LossOperation loss, Pass pass) {
    Step cancellation = loss.delta().cancellationStep();
    if (cancellation != null) {
      pass.cite(cancellation);
    }
    pass.cite(((LayerActivation) context.derivation().graph().producer(Vector.z(depth()))).deltaStep());
    WeightedSumLayout layout = pass.layout(depth());
    context.slots().forEach(pass.method(), (body, sample) -> outputDelta(body, sample, layout));
  }

  /** δ^L of one sample: through softmax's Jacobian, or element-wise. */
  void outputDelta(MethodSpec.Builder method, Sample sample, WeightedSumLayout layout) {
    if (context.derivation().output().needsJacobianProduct()) {
      new SoftmaxWriter(context).outputDelta(method, sample);
      return;
    }
    IExpr delta = context.derivation().output().delta();
    JavaExpressions.Emitted code = context.emit(delta, Map.of(Y, "y", D, "target", U, "u"),
        names("j", "y", "target", "u"), context.activationLocation(depth()));
    if (layout.unrolled() && unrolledOutputDelta(method, sample, delta)) {
      return;
    }
    method.beginControlFlow("for (int j = 0; j < $L; j++)", context.spec().units(depth()));
    declareOutputAndTarget(method, sample, delta);
    if (!delta.isFree(U)) {
      method.addStatement("double u = $L[j]", sample.u(depth()));
    }
    method.addCode(code.declarations())
        .addCode(context.element().store(sample.delta(depth()) + "[j]", code.value(0)))
        .endControlFlow();
  }

  /** δ^L_j as one statement per output, as for the activations. */
  private boolean unrolledOutputDelta(MethodSpec.Builder method, Sample sample, IExpr delta) {
    if (context.element() == ElementType.FLOAT) {
      return false;
    }
    int depth = depth();
    return context.addPerUnit(method, context.spec().units(depth), j -> sample.delta(depth) + "[" + j + "]", j -> {
      String unit = "[" + j + "]";
      Map<ISymbol, String> bindings = TrainerContext.bindingsOf(delta,
          Map.of(Y, () -> sample.z(depth) + unit, D, () -> sample.d() + unit, U, () -> sample.u(depth) + unit));
      return context.emit(delta, bindings, names(), context.activationLocation(depth));
    });
  }
}
