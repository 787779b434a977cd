package org.deltagen.codegen;

import static org.deltagen.codegen.TrainerContext.names;
import static org.deltagen.symbolic.Symbols.D;
import static org.deltagen.symbolic.Symbols.U;
import static org.deltagen.symbolic.Symbols.Y;

import com.palantir.javapoet.MethodSpec;
import java.util.Map;
import org.deltagen.derive.OutputDerivation;
import org.deltagen.derive.Softmax;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.interfaces.IExpr;

/**
 * Writes a softmax output layer: forward z_j = e^{u_j} / Σ_k e^{u_k}, backward δ through its
 * Jacobian, which couples every output with every other.
 */
record SoftmaxWriter(TrainerContext context) implements OperationWriter<Softmax> {
  /** Softmax of every sample in the pass, after its layer's weighted sums. */
  @Override
  public void forward(Softmax softmax, Pass pass) {
    pass.cite(softmax.forward());
    context.slots().forEach(pass.method(), (body, sample) -> forward(body, sample, softmax));
  }

  /** Below a weighted sum, δ^l as for an element-wise activation; at the output, the loss's. */
  @Override
  public void backward(Softmax softmax, Pass pass) {
    new ActivationWriter(context).hiddenDelta(softmax, pass);
  }

  /**
   * z_j = e^{u_j} / Σ_k e^{u_k}, computed from u_j − max_k u_k so that no exponential overflows;
   * log z_j = u_j − max − log Σ_k e^{u_k − max} where the loss needs it.
   */
  void forward(MethodSpec.Builder method, Sample sample, Softmax softmax) {
    int l = softmax.layer();
    IExpr function = softmax.derivative().function();
    if (!function.equals(F.Power(F.E, U))) {
      throw new UnsupportedExpressionException("only e^u can be normalized stably, not " + function)
          .at(context.activationLocation(l));
    }
    int n = context.spec().units(l);
    ElementType element = context.element();
    String math = context.math();
    String u = sample.u(l);
    String z = sample.z(l);
    boolean logZ = TrainerContext.usesLogSoftmax(context.derivation());
    method.addStatement("double max = $L[0]", u)
        .beginControlFlow("for (int j = 1; j < $L; j++)", n)
        .addStatement("max = $L.max(max, $L[j])", math, u)
        .endControlFlow()
        .addStatement("double sum = 0.0")
        .beginControlFlow("for (int j = 0; j < $L; j++)", n)
        .addCode(element.store(z + "[j]", JavaExpression.primary(math + ".exp(" + u + "[j] - max)")))
        .addStatement("sum += $L[j]", z)
        .endControlFlow();
    if (logZ) {
      method.addStatement("double logSum = $L.log(sum)", math);
    }
    method.beginControlFlow("for (int j = 0; j < $L; j++)", n).addCode(element.update(z + "[j]", "/", "sum"));
    if (logZ) {
      method.addCode(element.store(sample.logZ() + "[j]", JavaExpression.additive(u + "[j] - max - logSum")));
    }
    method.endControlFlow();
  }

  /** δ_j = y_j (g_j − Σ_k g_k y_k), softmax's Jacobian applied to g = ∂E/∂y, with g kept in δ. */
  void outputDelta(MethodSpec.Builder method, Sample sample) {
    int depth = context.spec().depth();
    int n = context.spec().units(depth);
    OutputDerivation output = context.derivation().output();
    JavaExpressions.Emitted g = context.emit(output.lossGradient(), Map.of(Y, "y", D, "target"),
        names("j", "k", "y", "target", "dot"), context.lossLocation());
    ElementType element = context.element();
    String y = sample.z(depth);
    String delta = sample.delta(depth);
    method.beginControlFlow("for (int j = 0; j < $L; j++)", n);
    LossWriter.declareOutputAndTarget(method, sample, output.lossGradient());
    method.addCode(g.declarations())
        .addCode(element.store(delta + "[j]", g.value(0)))
        .endControlFlow()
        .addStatement("double dot = 0.0")
        .beginControlFlow("for (int k = 0; k < $L; k++)", n)
        .addStatement("dot += $L[k] * $L[k]", delta, y)
        .endControlFlow()
        .beginControlFlow("for (int j = 0; j < $L; j++)", n)
        .addCode(element.store(delta + "[j]",
            JavaExpression.multiplicative(y + "[j] * (" + delta + "[j] - dot)")))
        .endControlFlow();
  }
}
