package org.deltagen.derive;

import java.util.ArrayList;
import java.util.List;
import org.deltagen.network.BatchReduction;
import org.deltagen.network.Layer;
import org.deltagen.network.LearnedParameter;
import org.deltagen.network.NetworkSpec;
import org.deltagen.network.Schedule;
import org.deltagen.symbolic.Formula;
import org.matheclipse.core.interfaces.IExpr;

/**
 * Writes the steps as equation values and numbers them in the order seed 001 derives them, which
 * is the order the report presents them: the network, the goal, the output layer, the hidden
 * layers going back, the update.
 */
final class StepWriter {
  private final NetworkSpec spec;
  /** The L1 penalty, or null without one. */
  private final Penalty penalty;
  /** Per layer, ∂f_l/∂a (raw, simplified) for each learnable parameter of its activation. */
  private final List<List<IExpr[]>> parameterDerivatives;
  /** A normalization's local partials, or null in a network without one. */
  private final NormPartials normPartials;
  /** ∂(m s)/∂s as Symja derived it, for the dropouts; null in a network without one. */
  private final IExpr maskDerivative;
  private final List<Step> steps = new ArrayList<>();

  StepWriter(NetworkSpec spec, Penalty penalty, List<List<IExpr[]>> parameterDerivatives, NormPartials normPartials,
      IExpr maskDerivative) {
    this.spec = spec;
    this.maskDerivative = maskDerivative;
    this.penalty = penalty;
    this.parameterDerivatives = parameterDerivatives;
    this.normPartials = normPartials;
  }

  /**
   * {@code skipIdentities} holds, by layer l, ∂z^l_j/∂z^k_j of its skip as Symja derived it (null
   * where the layer has none).
   */
  Derivation write(
      List<ActivationDerivative> derived,
      IExpr perOutput,
      IExpr lossRaw,
      IExpr lossDerivative,
      OutputDeriver.Result output,
      IExpr[] skipIdentities) {
    int depth = spec.depth();
    List<ActivationDerivative> derivatives = readFromU(derived);
    Step weightedSum = add("weighted-sum", Step.Kind.WEIGHTED_SUM, 0,
        NetworkEquations.weightedSum("l", "l-1", "n_{l-1}", true));
    List<Step> activationSteps = new ArrayList<>();
    List<SkipConnection> skips = new ArrayList<>();
    Step[] normSteps = new Step[depth + 1];
    InvertedDropout[] dropouts = new InvertedDropout[depth + 1];
    for (int l = 1; l <= depth; l++) {
      Layer layer = spec.layer(l);
      if (layer.hasNorm()) {
        normSteps[l] = add("norm-" + l, Step.Kind.NORM, l, NormEquations.forward(l, layer.norm(), layer.units()));
      }
      activationSteps.add(add("activation-" + l, Step.Kind.ACTIVATION, l, NetworkEquations.activation(l,
          derivatives.get(l - 1).function(), layer.activation().name(), layer.activation().normalized(),
          layer.hasSkip() || layer.hasDropout(), layer.hasNorm())));
      if (layer.hasDropout()) {
        dropouts[l] = new InvertedDropout(l, layer.dropout(), maskDerivative, add("dropout-" + l, Step.Kind.DROPOUT, l,
            NetworkEquations.dropout(l, layer.dropout().p(), maskDerivative, layer.hasSkip(), layer.hasNorm())),
            layer.hasSkip());
      }
      if (layer.hasSkip()) {
        int k = layer.skip().from();
        skips.add(new SkipConnection(l, k, skipIdentities[l], add("skip-" + l, Step.Kind.SKIP, l,
            NetworkEquations.skip(l, k, skipIdentities[l], layer.hasNorm(), layer.hasDropout())), null,
            layer.hasDropout()));
      }
    }
    Step error = add("error", Step.Kind.ERROR, 0, NetworkEquations.error(depth, perOutput, spec.loss().name()));
    add("goal", Step.Kind.GOAL, 0, NetworkEquations.goal());
    Step weightGradient = add("weight-gradient", Step.Kind.WEIGHT_GRADIENT, 0, NetworkEquations.weightGradient("l", "l-1"));
    if (penalty != null) {
      add(Derivation.PENALTY, Step.Kind.GOAL, 0, penalty.batchError(combinedErrors()));
      add(Derivation.PENALTY_GRADIENT, Step.Kind.GOAL, 0, penalty.gradient());
    }
    Step lossStep = add("loss-derivative", Step.Kind.LOSS_DERIVATIVE, 0,
        new OutputEquations(depth).lossDerivative(lossDerivative, lossRaw));
    Backward backward = writeBackward(derivatives, lossDerivative, output, weightedSum, weightGradient, skips);
    Step update = add("update", Step.Kind.UPDATE, 0, update());
    if (spec.scheduled()) {
      add(Derivation.SCHEDULE, Step.Kind.UPDATE, 0, schedule());
    }
    LossDerivation loss = new LossDerivation(perOutput, lossRaw, lossDerivative, error, lossStep);
    OperationGraph graph =
        graph(derivatives, activationSteps, normSteps, dropouts, backward, loss, weightedSum, weightGradient);
    return new Derivation(spec, steps, graph, weightedSum, weightGradient, update, penalty);
  }

  /**
   * f_l' evaluated from u where layer l has a skip or a dropout, either of which makes z^l more
   * than f_l(u^l). The alternative, keeping f_l(u^l) in a buffer
   * of its own so that the z form could still read it, costs a vector per layer and a store per
   * unit; the u form costs a transcendental per unit backward (tanh' = 1 − tanh²(u)), no memory.
   */
  private List<ActivationDerivative> readFromU(List<ActivationDerivative> derived) {
    List<ActivationDerivative> derivatives = new ArrayList<>(derived);
    for (int l = 1; l <= spec.depth(); l++) {
      if (spec.layer(l).hasSkip() || spec.layer(l).hasDropout()) {
        derivatives.set(l - 1, derived.get(l - 1).inU());
      }
    }
    return derivatives;
  }

  /** W^1, f_1, …, W^L, f_L (or softmax), the loss: each operation with the steps derived for it. */
  private OperationGraph graph(List<ActivationDerivative> derivatives, List<Step> activationSteps, Step[] normSteps,
      InvertedDropout[] dropouts, Backward backward, LossDerivation loss, Step weightedSum, Step weightGradient) {
    List<Operation> operations = new ArrayList<>();
    for (int l = 1; l <= spec.depth(); l++) {
      operations.add(OperationGraph.weightedSum(spec, l, weightedSum, weightGradient));
      if (spec.layer(l).hasNorm()) {
        Step[] normBackward = backward.normSteps()[l];
        operations.add(new Normalization(l, spec.layer(l).norm(), spec.units(l), spec.normOffset(l), normPartials,
            normSteps[l], normBackward[0], normBackward[1]));
      }
      ActivationDerivative derivative = derivatives.get(l - 1);
      Step forward = activationSteps.get(l - 1);
      Step derivativeStep = backward.derivativeSteps()[l];
      Step deltaStep = backward.deltaSteps()[l];
      operations.add(spec.layer(l).activation().normalized()
          ? new Softmax(l, spec.layer(l), derivative, forward, derivativeStep, backward.output().jacobianStep(),
              deltaStep)
          : new ElementwiseActivation(l, spec.layer(l), derivative, forward, derivativeStep, deltaStep,
              backward.learned().get(l)));
      if (dropouts[l] != null) {
        operations.add(dropouts[l]);
      }
      SkipConnection skip = backward.skips()[l];
      if (skip != null) {
        operations.add(skip);
      }
    }
    operations.add(new LossOperation(spec.depth(), loss, backward.output()));
    return new OperationGraph(operations);
  }

  /** The backward pass's steps and skips (with their ∂E/∂z^l steps), indexed by layer l, and how δ^L is formed. */
  private record Backward(Step[] derivativeSteps, Step[] deltaSteps, SkipConnection[] skips, OutputDerivation output,
      List<List<LearnedGradient>> learned, Step[][] normSteps) {}

  /**
   * Seed 001's order: the output layer first, then each hidden layer going back, each layer's
   * derivative just before the δ that uses it (and, with a skip, the ∂E/∂z^l it passes back). A
   * hidden δ sums over the consumers of z^l in the graph of weighted sums and skips.
   */
  private Backward writeBackward(List<ActivationDerivative> derivatives, IExpr lossDerivative,
      OutputDeriver.Result output, Step weightedSum, Step weightGradient, List<SkipConnection> skips) {
    int depth = spec.depth();
    Step[] derivativeSteps = new Step[depth + 1];
    Step[] deltaSteps = new Step[depth + 1];
    derivativeSteps[depth] = derivativeStep(depth, derivatives.get(depth - 1));
    OutputDerivation outputDerivation = spec.layer(depth).activation().normalized()
        ? writeNormalizedOutput(lossDerivative, output, deltaSteps)
        : writeElementWiseOutput(derivatives.get(depth - 1), lossDerivative, output, deltaSteps);
    List<Operation> sums = new ArrayList<>();
    for (int l = 1; l <= depth; l++) {
      sums.add(OperationGraph.weightedSum(spec, l, weightedSum, weightGradient));
    }
    sums.addAll(skips);
    OperationGraph paths = new OperationGraph(sums);
    List<List<LearnedGradient>> learned = new ArrayList<>();
    for (int l = 0; l <= depth; l++) {
      learned.add(List.of());
    }
    SkipConnection[] written = new SkipConnection[depth + 1];
    Step[][] normSteps = new Step[depth + 1][];
    for (int l = depth - 1; l >= 1; l--) {
      ActivationDerivative derivative = derivatives.get(l - 1);
      derivativeSteps[l] = derivativeStep(l, derivative);
      Formula pathSum = paths.delta(Vector.z(l));
      if (spec.layer(l).hasSkip()) {
        int k = spec.layer(l).skip().from();
        int layer = l;
        SkipConnection skip = skips.stream().filter(candidate -> candidate.layer() == layer).findFirst().orElseThrow();
        written[l] = skip.withOutputGradient(add("output-gradient-" + l, Step.Kind.OUTPUT_GRADIENT, l,
            NetworkEquations.outputGradient(l, k, pathSum)));
      }
      boolean normed = spec.layer(l).hasNorm();
      deltaSteps[l] = add("delta-" + l, Step.Kind.HIDDEN_DELTA, l,
          NetworkEquations.hiddenDelta(l, pathSum, derivative, spec.skipsFrom(l), normed, spec.layer(l).hasDropout()));
      learned.set(l, learnedGradients(l));
      if (normed) {
        normSteps[l] = new Step[] {
          add("norm-delta-" + l, Step.Kind.NORM, l, NormEquations.paths(l, spec.layer(l).norm(), normPartials)),
          add("norm-gradient-" + l, Step.Kind.NORM, l, NormEquations.parameterGradient(l, normPartials))
        };
      }
    }
    return new Backward(derivativeSteps, deltaSteps, written, outputDerivation, learned, normSteps);
  }

  /**
   * For each learnable parameter a^l of hidden layer l's activation: ∂f_l/∂a as derived, then
   * ∂E/∂a^l summed over the layer's units, each reaching E through its z^l_j.
   */
  private List<LearnedGradient> learnedGradients(int l) {
    List<LearnedGradient> gradients = new ArrayList<>();
    List<LearnedParameter> learned = spec.layer(l).activation().learned();
    for (int p = 0; p < learned.size(); p++) {
      LearnedParameter parameter = learned.get(p);
      IExpr[] derivative = parameterDerivatives.get(l - 1).get(p);
      Step derivativeStep = add("parameter-derivative-" + l + "-" + (p + 1), Step.Kind.ACTIVATION_PARAMETER, l,
          NetworkEquations.parameterDerivative(l, parameter.name(), derivative[0], derivative[1]));
      Step gradientStep = add("parameter-gradient-" + l + "-" + (p + 1), Step.Kind.ACTIVATION_PARAMETER, l,
          NetworkEquations.parameterGradient(l, parameter.name(), derivative[1]));
      gradients.add(new LearnedGradient(parameter, spec.activationParameterOffset(l) + p, derivative[0],
          derivative[1], derivativeStep, gradientStep));
    }
    return gradients;
  }

  private Step derivativeStep(int l, ActivationDerivative derivative) {
    return add("derivative-" + l, Step.Kind.ACTIVATION_DERIVATIVE, l,
        NetworkEquations.derivative(l, derivative, spec.layer(l).hasSkip() ? spec.layer(l).skip().from() : -1,
            spec.layer(l).hasDropout()));
  }

  private OutputDerivation writeElementWiseOutput(
      ActivationDerivative derivative, IExpr lossDerivative, OutputDeriver.Result output, Step[] deltaSteps) {
    int depth = spec.depth();
    OutputEquations equations = new OutputEquations(depth);
    Formula product = equations.elementWiseProduct(lossDerivative, derivative);
    deltaSteps[depth] = add("delta-output", Step.Kind.OUTPUT_DELTA, depth, equations.elementWiseDelta(product));
    Step cancellation = output.fused()
        ? add("cancellation", Step.Kind.OUTPUT_DELTA, depth,
            equations.elementWiseCancellation(product, output.delta()))
        : null;
    return new OutputDerivation(lossDerivative, output.delta(), output.unsimplified(), false, output.fused(), null, cancellation);
  }

  private OutputDerivation writeNormalizedOutput(IExpr lossDerivative, OutputDeriver.Result output, Step[] deltaSteps) {
    int depth = spec.depth();
    OutputEquations equations = new OutputEquations(depth);
    Step jacobian = add("softmax-jacobian", Step.Kind.OUTPUT_DELTA, depth,
        equations.softmaxJacobian(output.jacobianDiagonal(), output.jacobianOffDiagonal()));
    deltaSteps[depth] = add("delta-output", Step.Kind.OUTPUT_DELTA, depth, equations.softmaxDelta(lossDerivative));
    Step cancellation = output.fused()
        ? add("cancellation", Step.Kind.OUTPUT_DELTA, depth,
            equations.softmaxCancellation(output.unsimplified(), output.delta()))
        : null;
    return new OutputDerivation(lossDerivative, output.delta(), output.unsimplified(), true, output.fused(), jacobian, cancellation);
  }

  /** Numbers the step in the order the steps are written, which is the order the report shows them. */
  private Step add(String label, Step.Kind kind, int layer, Equation equation) {
    Step step = new Step(steps.size() + 1, label, kind, layer, equation);
    steps.add(step);
    return step;
  }

  /** The batch's errors combined: Σ_s E_s, or their mean. */
  private Formula combinedErrors() {
    return spec.batch() == BatchReduction.SUM
        ? Formula.of("Σ_s E_s", "\\sum_{s=1}^{B} E_s")
        : Formula.of("(1/B) Σ_s E_s", "\\frac{1}{B}\\sum_{s=1}^{B} E_s");
  }

  /** The batch gradient: Σ_s ∂E_s/∂w, or its mean, and λ sign(w) for a weight under an L1 penalty. */
  private Formula batchGradient() {
    Formula combined = spec.batch() == BatchReduction.SUM
        ? Formula.of("Σ_s ∂E_s/∂w", "\\sum_{s=1}^{B} \\pd{E_s}{w}")
        : Formula.of("(1/B) Σ_s ∂E_s/∂w", "\\frac{1}{B}\\sum_{s=1}^{B} \\pd{E_s}{w}");
    return penalty == null ? combined
        : combined.then(Formula.of(" + λ₁ sign(w) (weights, not biases)",
            " + \\lambda_1 \\operatorname{sgn}(w)\\ \\text{(weights, not biases)}"));
  }

  /** ĝ, the batch gradient, scaled down to the clipping norm c as torch's clip_grad_norm_ scales it. */
  private Formula clippedGradient() {
    double c = spec.clipNorm();
    return Formula.of("min(1, " + c + "/(‖ĝ‖ + 1e-6)) ĝ",
        "\\min\\Bigl(1, \\frac{" + c + "}{\\lVert\\hat g\\rVert + 10^{-6}}\\Bigr)\\,\\hat g");
  }

  /** The optimizer's update rule as its descriptor states it, one clause per line of the report. */
  private Equation update() {
    List<Formula> rule = spec.clipNorm() > 0
        ? spec.optimizer().update(clippedGradient(), List.of(Formula.of("ĝ = ", "\\hat g = ").then(batchGradient())))
        : spec.optimizer().update(batchGradient(), List.of());
    Equation.Builder update = Equation.of(rule.get(0)).because(updateJustification());
    rule.subList(1, rule.size()).forEach(update::where);
    return update.build();
  }

  /** η_e, the learning rate of epoch e, as torch.optim.lr_scheduler's closed forms give it. */
  private Equation schedule() {
    double rate = spec.optimizer().learningRate();
    return Equation.of(Formula.of("η_e", "\\eta_e"))
        .equalTo(spec.warmup().factorText() + spec.schedule().rateText(),
            spec.warmup().factorTex() + spec.schedule().rateTex())
        .where("η_0 = " + rate, "\\eta_0 = " + Schedule.decimal(rate))
        .because("the trainer's fit sets η to η_e at the start of each epoch e, counted from 0; η_0 is the"
            + " optimizer's learning rate")
        .introducing("η_e")
        .build();
  }

  private String updateJustification() {
    return "a step combines the batch's per-sample gradients by " + spec.batch().keyword()
        + (penalty == null ? "" : ", adds the L1 penalty's gradient to the weights'")
        + " and moves every parameter against it (" + spec.optimizer().keyword() + ")";
  }
}
