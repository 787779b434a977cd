package org.deltagen.derive;

import static org.deltagen.symbolic.Symbols.N;
import static org.deltagen.symbolic.Symbols.Y;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deltagen.spec.Activation;
import org.deltagen.spec.BatchReduction;
import org.deltagen.spec.Diagnostic;
import org.deltagen.spec.ErrorCode;
import org.deltagen.spec.Layer;
import org.deltagen.spec.Loss;
import org.deltagen.spec.NetworkSpec;
import org.deltagen.spec.Optimizer;
import org.deltagen.spec.SpecException;
import org.deltagen.symbolic.SymbolicEngine;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.interfaces.IExpr;

/**
 * Derives ∂E/∂w for a network by the multivariable chain rule, in the steps of seed 001: the
 * derivatives of each activation and of the loss come from Symja; the δ recursion ties them
 * together. One deriver holds one Symja engine; reuse it across specs.
 */
public final class Deriver {
  private final SymbolicEngine engine;
  private final ActivationDeriver activations;
  private final OutputDeriver outputs;

  /** A deriver on this JVM's shared Symja engine. */
  public Deriver() {
    this(SymbolicEngine.shared());
  }

  public Deriver(SymbolicEngine engine) {
    this.engine = engine;
    this.activations = new ActivationDeriver(engine);
    this.outputs = new OutputDeriver(engine);
  }

  /** Derives the spec's backpropagation; throws when an expression cannot be differentiated. */
  public Derivation derive(NetworkSpec spec) throws SpecException {
    Map<IExpr, ActivationDerivative> derived = new HashMap<>();
    List<ActivationDerivative> derivatives = new ArrayList<>();
    List<Diagnostic> problems = new ArrayList<>();
    for (Layer layer : spec.layers()) {
      try {
        derivatives.add(derive(layer.activation(), derived));
      } catch (SpecException e) {
        problems.addAll(e.diagnostics());
      }
    }
    IExpr perOutput = engine.eval(F.subst(spec.loss().perOutput().tree(), N, F.ZZ(spec.outputs())));
    IExpr lossRaw = engine.eval(F.D(perOutput, Y));
    if (!ActivationDeriver.isDerived(lossRaw)) {
      problems.add(notDifferentiable(spec.loss(), lossRaw));
    }
    if (!problems.isEmpty()) {
      throw new SpecException(problems);
    }
    IExpr lossDerivative = Expressions.cheaper(lossRaw, engine.eval(F.Simplify(lossRaw)));
    Activation outputActivation = spec.layer(spec.depth()).activation();
    OutputDeriver.Result output =
        outputActivation.normalized()
            ? outputs.normalized(lossDerivative, outputActivation)
            : outputs.elementWise(lossDerivative, derivatives.get(spec.depth() - 1));
    return new StepWriter(spec).write(derivatives, perOutput, lossRaw, lossDerivative, output);
  }

  private ActivationDerivative derive(Activation activation, Map<IExpr, ActivationDerivative> derived)
      throws SpecException {
    IExpr key = activation.definition().tree();
    ActivationDerivative known = derived.get(key);
    if (known == null) {
      known = activations.derive(activation);
      derived.put(key, known);
    }
    return known;
  }

  private static Diagnostic notDifferentiable(Loss loss, IExpr raw) {
    return Diagnostic.of(
            ErrorCode.DG030,
            loss.perOutput().location(),
            "Symja cannot differentiate loss '" + loss.perOutput().text() + "' in y: D gave " + raw)
        .withHint("write non-smooth parts with Piecewise");
  }

  /** Numbers the steps in the order seed 001 derives them. */
  private static final class StepWriter {
    private final NetworkSpec spec;
    private final List<Step> steps = new ArrayList<>();

    StepWriter(NetworkSpec spec) {
      this.spec = spec;
    }

    Derivation write(
        List<ActivationDerivative> derivatives,
        IExpr perOutput,
        IExpr lossRaw,
        IExpr lossDerivative,
        OutputDeriver.Result output) {
      int depth = spec.depth();
      Step weightedSum =
          add("weighted-sum", Step.Kind.WEIGHTED_SUM, 0,
              "u^l_j = Σ_{i=0}^{n_{l-1}} w^l_{ij} z^{l-1}_i,  z^{l-1}_0 = 1",
              "each unit sums its inputs weighted; row i = 0 is the bias, fed by the constant z_0 = 1",
              List.of("u", "w", "z"));
      List<Step> activationSteps = new ArrayList<>();
      for (int l = 1; l <= depth; l++) {
        activationSteps.add(
            add("activation-" + l, Step.Kind.ACTIVATION, l,
                "z^" + l + "_j = f_" + l + "(u^" + l + "_j) = " + Expressions.text(derivatives.get(l - 1).function(), l),
                "layer " + l + " applies " + spec.layer(l).activation().name() + " to each unit",
                List.of("f_" + l)));
      }
      Step error =
          add("error", Step.Kind.ERROR, 0,
              "E = Σ_j ℓ(y_j, d_j),  ℓ(y, d) = " + perOutput + ",  y = z^" + depth,
              "the error of one sample sums the per-output loss " + spec.loss().name(),
              List.of("E", "y", "d"));
      add("goal", Step.Kind.GOAL, 0, "Δw^l_{ij} = −η ∂E/∂w^l_{ij}",
          "gradient descent moves each weight against the slope of E", List.of("η"));
      Step weightGradient =
          add("weight-gradient", Step.Kind.WEIGHT_GRADIENT, 0,
              "∂E/∂w^l_{ij} = ∂E/∂u^l_j · ∂u^l_j/∂w^l_{ij} = δ^l_j z^{l-1}_i,  δ^l_j := ∂E/∂u^l_j",
              "w^l_{ij} reaches E only through u^l_j, and ∂u^l_j/∂w^l_{ij} = z^{l-1}_i",
              List.of("δ"));
      Step lossStep =
          add("loss-derivative", Step.Kind.LOSS_DERIVATIVE, 0,
              "∂E/∂y_j = ∂ℓ/∂y (y_j, d_j) = " + Expressions.outputText(lossDerivative),
              "only the j-th term of E depends on y_j; Symja's D gave " + lossRaw,
              List.of());
      List<Step> derivativeSteps = new ArrayList<>();
      for (int l = 1; l <= depth; l++) {
        ActivationDerivative derivative = derivatives.get(l - 1);
        derivativeSteps.add(
            add("derivative-" + l, Step.Kind.ACTIVATION_DERIVATIVE, l,
                "f_" + l + "'(u) = " + derivative.raw() + " = " + derivative.chosen(),
                derivativeJustification(derivative),
                List.of("f_" + l + "'")));
      }
      Step[] deltaSteps = new Step[depth + 1];
      OutputDerivation outputDerivation =
          spec.layer(depth).activation().normalized()
              ? writeNormalizedOutput(lossDerivative, output, deltaSteps)
              : writeElementWiseOutput(derivatives.get(depth - 1), lossDerivative, output, deltaSteps);
      for (int l = depth - 1; l >= 1; l--) {
        int next = l + 1;
        deltaSteps[l] =
            add("delta-" + l, Step.Kind.HIDDEN_DELTA, l,
                "δ^" + l + "_j = Σ_k δ^" + next + "_k ∂u^" + next + "_k/∂u^" + l + "_j = (Σ_k δ^" + next
                    + "_k w^" + next + "_{jk}) · (" + Expressions.text(derivatives.get(l - 1).chosen(), l) + ")",
                "u^" + l + "_j reaches E through every u^" + next + "_k, so the paths are summed; "
                    + "∂u^" + next + "_k/∂u^" + l + "_j = w^" + next + "_{jk} f_" + l + "'(u^" + l + "_j)",
                List.of("δ^" + l));
      }
      Step update = add("update", Step.Kind.UPDATE, 0, updateStatement(), updateJustification(), List.of());
      List<LayerDerivation> layers = new ArrayList<>();
      for (int l = 1; l <= depth; l++) {
        layers.add(
            new LayerDerivation(l, spec.layer(l), derivatives.get(l - 1), activationSteps.get(l - 1),
                derivativeSteps.get(l - 1), deltaSteps[l]));
      }
      LossDerivation loss = new LossDerivation(perOutput, lossRaw, lossDerivative, error, lossStep);
      return new Derivation(spec, steps, layers, loss, outputDerivation, weightedSum, weightGradient, update);
    }

    private OutputDerivation writeElementWiseOutput(
        ActivationDerivative derivative, IExpr lossDerivative, OutputDeriver.Result output, Step[] deltaSteps) {
      int depth = spec.depth();
      String product = "(" + Expressions.outputText(lossDerivative) + ") · ("
          + Expressions.text(derivative.chosen(), depth) + ")";
      deltaSteps[depth] =
          add("delta-output", Step.Kind.OUTPUT_DELTA, depth,
              "δ^" + depth + "_j = ∂E/∂y_j · f_" + depth + "'(u^" + depth + "_j) = " + product,
              "y_j = z^" + depth + "_j = f_" + depth + "(u^" + depth + "_j) depends on u^" + depth
                  + "_j alone, so the chain rule has a single path",
              List.of("δ^" + depth));
      Step cancellation = output.fused()
          ? add("cancellation", Step.Kind.OUTPUT_DELTA, depth,
              "δ^" + depth + "_j = " + product + " = " + Expressions.outputText(output.delta()),
              "with y = z^" + depth + ", the factors of ∂E/∂y_j and f_" + depth + "' cancel (Symja's Simplify)",
              List.of())
          : null;
      return new OutputDerivation(lossDerivative, output.delta(), output.unsimplified(), false, output.fused(), null, cancellation);
    }

    private OutputDerivation writeNormalizedOutput(
        IExpr lossDerivative, OutputDeriver.Result output, Step[] deltaSteps) {
      int depth = spec.depth();
      Step jacobian =
          add("softmax-jacobian", Step.Kind.OUTPUT_DELTA, depth,
              "∂y_j/∂u^" + depth + "_j = " + output.jacobianDiagonal().toString().replace("y1", "y_j")
                  + ",  ∂y_k/∂u^" + depth + "_j = " + output.jacobianOffDiagonal().toString()
                      .replace("y1", "y_j").replace("y2", "y_k") + " (k ≠ j)",
              "y_k = e^{u_k} / Σ_m e^{u_m}: u_j reaches y_k directly (k = j) and through the sum (every k)",
              List.of());
      deltaSteps[depth] =
          add("delta-output", Step.Kind.OUTPUT_DELTA, depth,
              "δ^" + depth + "_j = Σ_k ∂E/∂y_k ∂y_k/∂u^" + depth + "_j = y_j (g_j − Σ_k g_k y_k),  g_k = ∂E/∂y_k = "
                  + Expressions.outputText(lossDerivative).replace("_j", "_k"),
              "every output y_k depends on u^" + depth + "_j, so the paths through all of them are summed",
              List.of("δ^" + depth));
      Step cancellation = output.fused()
          ? add("cancellation", Step.Kind.OUTPUT_DELTA, depth,
              "for three outputs, Σ_k g_k ∂y_k/∂u_1 = " + output.unsimplified() + " = "
                  + Expressions.outputText(output.delta()).replace("_j", "_1") + ",  so δ^" + depth + "_j = "
                  + Expressions.outputText(output.delta()),
              "Symja's Simplify with Σ_k y_k = 1 and Σ_k d_k = 1 (targets are one-hot or probabilities);"
                  + " the units are symmetric, so the result holds for every j and every n",
              List.of())
          : null;
      return new OutputDerivation(lossDerivative, output.delta(), output.unsimplified(), true, output.fused(), jacobian, cancellation);
    }

    private Step add(String label, Step.Kind kind, int layer, String statement, String why, List<String> introduces) {
      Step step = new Step(steps.size() + 1, label, kind, layer, statement, why, introduces);
      steps.add(step);
      return step;
    }

    private static String derivativeJustification(ActivationDerivative derivative) {
      return switch (derivative.form()) {
        case CONSTANT -> "Symja's D; the derivative is a constant";
        case IN_U -> "Symja's D, simplified; evaluated from u";
        case IN_Z -> "Symja's D, rewritten in z = f(u) by inverting f, which the forward pass already computed";
      };
    }

    private String updateStatement() {
      String gradient =
          spec.batch() == BatchReduction.SUM ? "Σ_s ∂E_s/∂w^l_{ij}" : "(1/B) Σ_s ∂E_s/∂w^l_{ij}";
      if (spec.optimizer() instanceof Optimizer.Sgd sgd) {
        return "w^l_{ij} ← w^l_{ij} − η " + gradient + ",  η = " + sgd.learningRate();
      }
      throw new IllegalStateException("no update rule for " + spec.optimizer());
    }

    private String updateJustification() {
      return "a step combines the batch's per-sample gradients by " + spec.batch().keyword()
          + " and moves every parameter against it (" + spec.optimizer().keyword() + ")";
    }
  }
}
