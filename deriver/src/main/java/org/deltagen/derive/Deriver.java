package org.deltagen.derive;

import static org.deltagen.symbolic.Symbols.M;
import static org.deltagen.symbolic.Symbols.N;
import static org.deltagen.symbolic.Symbols.S;
import static org.deltagen.symbolic.Symbols.U;
import static org.deltagen.symbolic.Symbols.Y;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deltagen.network.Activation;
import org.deltagen.network.Diagnostic;
import org.deltagen.network.ErrorCode;
import org.deltagen.network.Expression;
import org.deltagen.network.Layer;
import org.deltagen.network.LearnedParameter;
import org.deltagen.network.Loss;
import org.deltagen.network.NetworkSpec;
import org.deltagen.network.SpecException;
import org.deltagen.symbolic.SymbolicEngine;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.interfaces.IExpr;

/**
 * Derives ∂E/∂w for a network by the multivariable chain rule, in the steps of seed 001: the
 * derivatives of each activation and of the loss come from Symja; the δ recursion ties them
 * together. One deriver holds one Symja engine; reuse it across specs.
 */
public final class Deriver {
  /** What one spec may cost: a network of named activations derives in well under a second. */
  static final int DEADLINE_SECONDS = 8;

  private final SymbolicEngine engine;
  private final ActivationDeriver activations;
  private final OutputDeriver outputs;
  private final DomainCheck domain;

  /** A deriver on this JVM's shared Symja engine. */
  public Deriver() {
    this(SymbolicEngine.shared());
  }

  public Deriver(SymbolicEngine engine) {
    this.engine = engine;
    this.activations = new ActivationDeriver(engine);
    this.outputs = new OutputDeriver(engine);
    this.domain = new DomainCheck(engine);
  }

  /**
   * Derives the spec's backpropagation; throws when an expression cannot be differentiated, has no
   * value where the network evaluates it, or keeps Symja busy for more than {@value
   * #DEADLINE_SECONDS} seconds in all.
   */
  public Derivation derive(NetworkSpec spec) throws SpecException {
    // The norm's partials and their proof are the same for every spec: deltagen's own work, derived
    // once per engine and outside the spec's budget, which a loaded machine could otherwise exhaust.
    NormPartials norms = spec.layers().stream().anyMatch(Layer::hasNorm) ? NormPartials.of(engine) : null;
    return engine.withDeadline(DEADLINE_SECONDS, () -> deriveInTime(spec, norms));
  }

  private Derivation deriveInTime(NetworkSpec spec, NormPartials norms) throws SpecException {
    Map<IExpr, ActivationDerivative> derived = new HashMap<>();
    List<ActivationDerivative> derivatives = new ArrayList<>();
    List<Diagnostic> problems = new ArrayList<>();
    for (Layer layer : spec.layers()) {
      try {
        derivatives.add(derive(layer.activation(), derived));
      } catch (SpecException e) {
        problems.addAll(e.diagnostics());
      } catch (SymbolicEngine.DeadlineExceeded e) {
        throw tooSlow(layer.activation().definition(), e);
      }
    }
    List<List<IExpr[]>> learned = parameterDerivatives(spec, problems);
    try {
      return deriveLoss(spec, derivatives, learned, problems, norms);
    } catch (SymbolicEngine.DeadlineExceeded e) {
      throw tooSlow(spec.loss().perOutput(), e);
    }
  }

  private Derivation deriveLoss(NetworkSpec spec, List<ActivationDerivative> derivatives,
      List<List<IExpr[]>> learned, List<Diagnostic> problems, NormPartials norms) throws SpecException {
    IExpr perOutput = engine.eval(F.subst(spec.loss().perOutput().tree(), N, F.ZZ(spec.outputs())));
    IExpr lossRaw = engine.derivative(perOutput, Y);
    if (lossRaw.equals(F.$Aborted)) {
      throw new SymbolicEngine.DeadlineExceeded(SymbolicEngine.TIME_LIMIT_SECONDS);
    }
    if (!ActivationDeriver.isDerived(lossRaw)) {
      problems.add(notDifferentiable(spec.loss(), lossRaw));
    }
    if (!problems.isEmpty()) {
      throw new SpecException(problems);
    }
    IExpr lossDerivative = Expressions.cheaper(lossRaw, engine.eval(F.Simplify(lossRaw)));
    Activation outputActivation = spec.layer(spec.depth()).activation();
    if (spec.loss().isCustom()) {
      IExpr outputs = outputActivation.normalized()
          ? F.Power(F.Plus(F.C1, F.Exp(F.Negate(U))), F.CN1)
          : derivatives.get(spec.depth() - 1).function();
      domain.loss(spec.loss().perOutput(), perOutput, lossDerivative, outputs);
    }
    OutputDeriver.Result output =
        outputActivation.normalized()
            ? outputs.normalized(lossDerivative, outputActivation)
            : outputs.elementWise(lossDerivative, derivatives.get(spec.depth() - 1));
    Penalty penalty = spec.l1() > 0 ? Penalty.derive(engine, spec.l1()) : null;
    // ∂(m s)/∂s, the dropout's local derivative: Symja's D, like every other.
    IExpr mask = spec.layers().stream().anyMatch(Layer::hasDropout) ? engine.derivative(F.Times(M, S), S) : null;
    return new StepWriter(spec, penalty, learned, norms, mask).write(derivatives, perOutput, lossRaw, lossDerivative, output,
        skipIdentities(spec, derivatives));
  }

  /** ∂z^l_j/∂z^k_j of each skip: Symja's D of f_l(u) + s in s, by layer l (null without a skip). */
  private IExpr[] skipIdentities(NetworkSpec spec, List<ActivationDerivative> derivatives) {
    IExpr[] identities = new IExpr[spec.depth() + 1];
    for (int l = 1; l <= spec.depth(); l++) {
      if (spec.layer(l).hasSkip()) {
        identities[l] = engine.derivative(F.Plus(derivatives.get(l - 1).function(), S), S);
      }
    }
    return identities;
  }

  private ActivationDerivative derive(Activation activation, Map<IExpr, ActivationDerivative> derived)
      throws SpecException {
    IExpr key = activation.definition().tree();
    ActivationDerivative known = derived.get(key);
    if (known == null) {
      known = activations.derive(activation);
      if (activation.isCustom()) {
        // A learnable parameter is checked at its initial value, where training starts.
        domain.activation(activation.definition(), activation.atInitialValues(known.function()),
            activation.atInitialValues(known.simplified()));
      }
      derived.put(key, known);
    }
    return known;
  }

  /** ∂f_l/∂a for each learnable parameter of each layer's activation, by Symja's D: raw and simplified. */
  private List<List<IExpr[]>> parameterDerivatives(NetworkSpec spec, List<Diagnostic> problems)
      throws SpecException {
    List<List<IExpr[]>> all = new ArrayList<>();
    for (Layer layer : spec.layers()) {
      List<IExpr[]> layerDerivatives = new ArrayList<>();
      for (LearnedParameter parameter : layer.activation().learned()) {
        try {
          layerDerivatives.add(activations.parameterDerivative(layer.activation(), parameter.name()));
        } catch (SpecException e) {
          problems.addAll(e.diagnostics());
        } catch (SymbolicEngine.DeadlineExceeded e) {
          throw tooSlow(layer.activation().definition(), e);
        }
      }
      all.add(layerDerivatives);
    }
    return all;
  }

  private static SpecException tooSlow(Expression formula, SymbolicEngine.DeadlineExceeded e) {
    return new SpecException(
        Diagnostic.of(ErrorCode.DG033, formula.location(),
                "deriving " + Diagnostic.quote(formula.text()) + " took Symja longer than a spec may take: "
                    + SymbolicEngine.TIME_LIMIT_SECONDS + " s for one step, " + DEADLINE_SECONDS + " s in all")
            .withHint("write the formula more simply; deeply nested functions grow their derivatives fast"));
  }

  private static Diagnostic notDifferentiable(Loss loss, IExpr raw) {
    return Diagnostic.of(
            ErrorCode.DG030,
            loss.perOutput().location(),
            "Symja cannot differentiate loss '" + loss.perOutput().text() + "' in y: D gave " + raw)
        .withHint("write non-smooth parts with Piecewise");
  }
}
