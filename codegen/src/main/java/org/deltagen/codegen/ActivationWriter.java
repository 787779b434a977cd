package org.deltagen.codegen;

import static org.deltagen.codegen.TrainerContext.names;
import static org.deltagen.symbolic.Symbols.U;
import static org.deltagen.symbolic.Symbols.Z;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deltagen.derive.ActivationDerivative;
import org.deltagen.derive.ElementwiseActivation;
import org.deltagen.derive.LayerActivation;
import org.deltagen.derive.LearnedGradient;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.interfaces.IExpr;
import org.matheclipse.core.interfaces.ISymbol;

/**
 * Writes an element-wise activation z^l_j = f(u^l_j), forward, and backward the δ of the layer
 * below an element-wise one: δ^l_j = ∂E/∂z^l_j · f'(u^l_j), ∂E/∂z^l_j = Σ_k δ^{l+1}_k w^{l+1}_{jk}
 * plus what skips from z^l pass back ({@link OutputGradients}), with f' in the form the derivation
 * chose (in z where it can be, in u where a skip makes z^l more than f(u^l)). Where layer l drops
 * out, ∂E/∂z^l_j is multiplied by the sample's mask m^l_j first ({@link DropoutWriter}).
 */
record ActivationWriter(TrainerContext context) implements OperationWriter<ElementwiseActivation> {
  /** z^l = f_l(u^l) of every sample in the pass, after its layer's weighted sums. */
  @Override
  public void forward(ElementwiseActivation activation, Pass pass) {
    pass.cite(activation.forward());
    WeightedSumLayout layout = pass.layout(activation.layer());
    context.slots().forEach(pass.method(), (body, sample) -> forward(body, sample, activation, layout));
  }

  @Override
  public void backward(ElementwiseActivation activation, Pass pass) {
    hiddenDelta(activation, pass);
  }

  /** δ^l of every sample, when layer l is hidden: the output layer's δ^L is the loss's to write. */
  void hiddenDelta(LayerActivation activation, Pass pass) {
    int l = activation.layer();
    if (l == context.spec().depth()) {
      return;
    }
    pass.cite(activation.deltaStep());
    activation.learned().forEach(parameter -> pass.cite(parameter.gradientStep()));
    WeightedSumLayout next = pass.layout(l + 1);
    context.slots().forEach(pass.method(), (body, sample) -> hiddenDelta(body, sample, activation, next));
  }

  /** z^l = f_l(u^l) of one sample, one statement per unit when the layer's sums are unrolled. */
  void forward(MethodSpec.Builder method, Sample sample, ElementwiseActivation activation, WeightedSumLayout layout) {
    int l = activation.layer();
    IExpr function = activation.derivative().function();
    if (layout.unrolled() && unrolledForward(method, sample, l, function)) {
      return;
    }
    Map<ISymbol, String> bindings = TrainerContext.bindingsOf(function,
        LearnedWriter.withParameters(context.spec(), l, Map.of(U, () -> "u")));
    JavaExpressions.Emitted f = context.emit(function, bindings, names("j", "u"), context.activationLocation(l));
    method.beginControlFlow("for (int j = 0; j < $L; j++)", context.spec().units(l))
        .addStatement("double u = $L[j]", sample.activationInput(l))
        .addCode(f.declarations())
        .addCode(context.element().store(sample.z(l) + "[j]", f.value(0)))
        .endControlFlow();
  }

  /**
   * z^l_j = f(u^l_j) as one statement per unit, when f is a single expression (no temporaries);
   * returns false, writing nothing, otherwise. Not for float, whose loop reads u into a double
   * first: f of a float array element would be evaluated partly in float.
   */
  private boolean unrolledForward(MethodSpec.Builder method, Sample sample, int l, IExpr function) {
    if (context.element() == ElementType.FLOAT) {
      return false;
    }
    return context.addPerUnit(method, context.spec().units(l), j -> sample.z(l) + "[" + j + "]",
        j -> context.emit(function, TrainerContext.bindingsOf(function,
                LearnedWriter.withParameters(context.spec(), l, Map.of(U, () -> sample.activationInput(l) + "[" + j + "]"))),
            names(), context.activationLocation(l)));
  }

  /** δ^l of one sample, from δ^{l+1} through {@code next}, the weighted sums of layer l + 1. */
  void hiddenDelta(MethodSpec.Builder method, Sample sample, LayerActivation activation, WeightedSumLayout next) {
    int l = activation.layer();
    IExpr derivative = derivativeOf(activation.derivative(), Z);
    List<LearnedGradient> learned = activation.learned();
    if (learned.isEmpty() && next.unrolled() && unrolledHiddenDelta(method, sample, l, next, derivative)) {
      return;
    }
    List<IExpr> expressions = new ArrayList<>(List.of(derivative));
    learned.forEach(gradient -> expressions.add(gradient.derivative()));
    Map<ISymbol, String> bindings = new HashMap<>(Map.of(U, "u", Z, "z"));
    LearnedWriter.bindings(context.spec(), l, "w").forEach((symbol, name) -> bindings.put(symbol, name.get()));
    JavaExpressions.Emitted code = context.emit(expressions, bindings,
        names("j", "k", "row", "sum", "u", "z"), context.activationLocation(l));
    method.beginControlFlow("for (int j = 0; j < $L; j++)", context.spec().units(l));
    context.outputGradients().read(method, sample, l, next, context.element());
    if (activation.spec().hasDropout()) {
      DropoutWriter.mask(method, sample, l);
    }
    if (expressions.stream().anyMatch(expression -> !expression.isFree(U))) {
      method.addStatement("double u = $L[j]", sample.activationInput(l));
    }
    if (!derivative.isFree(Z)) {
      method.addStatement("double z = $L[j]", sample.z(l));
    }
    String delta = sample.activationGradient(l);
    method.addCode(code.declarations())
        .addCode(derivative.isOne()
            ? CodeBlock.of("$L[j] = sum;\n", delta)
            : context.element().store(delta + "[j]", JavaExpression.primary("sum").times(code.value(0))));
    for (int p = 0; p < learned.size(); p++) {
      // ∂E/∂a^l gains ∂E/∂z^l_j ∂f/∂a(u^l_j): a^l reaches E through every unit.
      method.addStatement("$L += $L", ParameterIndex.learnedElement("g", l, p),
          JavaExpression.primary("sum").times(code.value(p + 1)).code());
    }
    method.endControlFlow();
  }

  /**
   * δ^l_j = (δ^{l+1}_1 w_j1 + …) · f'(u^l_j) as one statement per unit, when f' is a single
   * expression; returns false, writing nothing, otherwise, and for float, as for the activations.
   */
  private boolean unrolledHiddenDelta(
      MethodSpec.Builder method, Sample sample, int l, WeightedSumLayout next, IExpr derivative) {
    if (context.element() == ElementType.FLOAT && !derivative.isOne()) {
      return false;
    }
    List<CodeBlock> statements = new ArrayList<>();
    for (int j = 0; j < context.spec().units(l); j++) {
      JavaExpression read = context.outputGradients().readOf(sample, l, next, j);
      JavaExpression sum = context.spec().layer(l).hasDropout() ? DropoutWriter.masked(read, sample, l, j) : read;
      String target = sample.activationGradient(l) + "[" + j + "]";
      if (derivative.isOne()) {
        statements.add(CodeBlock.of("$L = $L;\n", target, sum.code()));
        continue;
      }
      String unit = "[" + j + "]";
      Map<ISymbol, String> bindings =
          TrainerContext.bindingsOf(derivative, Map.of(U, () -> sample.activationInput(l) + unit, Z, () -> sample.z(l) + unit));
      JavaExpressions.Emitted factor = context.emit(derivative, bindings, names(), context.activationLocation(l));
      if (!factor.declarations().isEmpty()) {
        return false;
      }
      statements.add(context.element().store(target, sum.times(factor.value(0))));
    }
    statements.forEach(method::addCode);
    return true;
  }

  /** f' in the chosen form, with z renamed to {@code output} (y for the output layer). */
  static IExpr derivativeOf(ActivationDerivative derivative, ISymbol output) {
    return output.equals(Z) ? derivative.chosen() : F.subst(derivative.chosen(), Z, output);
  }
}
