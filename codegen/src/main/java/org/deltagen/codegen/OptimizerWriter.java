package org.deltagen.codegen;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Modifier;
import org.deltagen.network.BatchReduction;
import org.deltagen.network.HyperParameter;
import org.deltagen.network.NetworkSpec;
import org.deltagen.network.Optimizer;
import org.deltagen.network.StateArray;

/**
 * Writes a trainer's update: the optimizer's state, preallocated, and its update rule with the
 * exact order of operations of {@code torch.optim}, so trajectories match torch's to rounding.
 * Weight decay is skipped on bias rows when the spec says so, by updating each layer's bias row and
 * weight rows as separate ranges.
 *
 * <p>The per-parameter arithmetic is in the element type, as torch computes in a parameter's dtype;
 * a step's scalars (η, Adam's bias corrections, the clipping factor) are computed in double and,
 * for float, rounded once per step. Besides following torch, this keeps a float update free of
 * float↔double conversions, which C2 on JDK 17 neither vectorizes nor pipelines well: a float
 * update of 784-128-10's parameters took 70 µs that way and now takes about as long as a double one.
 */
final class OptimizerWriter {
  private final NetworkSpec spec;
  private final Optimizer optimizer;
  private final ElementType element;
  private final String math;
  private final String citation;
  private final CodeBlock setLearningRate;
  /** The options whose constants the update uses, in first use; the type declares exactly these. */
  private final Set<String> usedOptions = new LinkedHashSet<>();
  private final CodeBlock initialState;
  private final MethodSpec update;
  private final FieldSpec learningRate = FieldSpec.builder(double.class, "learningRate", Modifier.PRIVATE)
      .initializer("LEARNING_RATE").addJavadoc("η, settable while training.\n").build();
  private final FieldSpec steps = FieldSpec.builder(long.class, "steps", Modifier.PRIVATE)
      .addJavadoc("t, the number of updates made so far.\n").build();
  private final MethodSpec updateRange;

  OptimizerWriter(NetworkSpec spec, ElementType element, String math, String citation, CodeBlock setLearningRate) {
    this.spec = spec;
    this.optimizer = spec.optimizer();
    this.element = element;
    this.math = math;
    this.citation = citation;
    this.setLearningRate = setLearningRate;
    this.initialState = writeInitialState();
    this.update = writeUpdate();
    this.updateRange = updateRange();
  }

  void addTo(TypeSpec.Builder type) {
    addConstants(type);
    type.addField(learningRate).addField(steps);
    for (StateArray array : optimizer.stateArrays()) {
      type.addField(FieldSpec.builder(element.array(), array.name(), Modifier.PRIVATE, Modifier.FINAL)
          .initializer("new $L[PARAMETERS]", element.keyword()).addJavadoc("$L\n", array.holds()).build());
    }
    type.addMethod(MethodSpec.methodBuilder("learningRate").addModifiers(Modifier.PUBLIC).returns(double.class)
        .addJavadoc("The current η.\n").addStatement("return learningRate").build());
    type.addMethod(MethodSpec.methodBuilder("setLearningRate").addModifiers(Modifier.PUBLIC)
        .addJavadoc(spec.scheduled()
            ? "Sets η₀, the rate the schedule scales; η becomes its scheduled value at the current epoch.\n"
            : "Sets η for the following updates.\n")
        .addParameter(double.class, "learningRate")
        .addCode(refuseUnheldLearningRate())
        .addCode(setLearningRate).build());
    type.addMethod(update);
    type.addMethod(updateRange);
  }

  /** A named constant for each hyper-parameter the update uses, as a person would write BETA1. */
  private void addConstants(TypeSpec.Builder type) {
    for (String option : usedOptions) {
      HyperParameter parameter = optimizer.kind().parameter(option);
      type.addField(FieldSpec.builder(double.class, parameter.constant(), Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
          .initializer("$L", optimizer.value(option))
          .addJavadoc("$L, the spec's $L.\n", parameter.symbol(), option).build());
    }
  }

  /** setLearningRate's check: η positive and finite, in float's range for float, as the update rounds η to it. */
  private CodeBlock refuseUnheldLearningRate() {
    boolean isFloat = element == ElementType.FLOAT;
    return CodeBlock.builder()
        .beginControlFlow(isFloat ? "if (!(learningRate > 0) || $T.isInfinite((float) learningRate))"
            : "if (!(learningRate > 0) || $T.isInfinite(learningRate))", isFloat ? Float.class : Double.class)
        .addStatement("throw new $T($L + learningRate)", IllegalArgumentException.class, JavaStrings.literal(
            isFloat ? "η must be positive and finite as a float, not " : "η must be positive and finite, not "))
        .endControlFlow()
        .build();
  }

  /** Statements for the constructor: state that does not start at zero. */
  CodeBlock initialState() {
    return initialState;
  }

  private CodeBlock writeInitialState() {
    CodeBlock.Builder code = CodeBlock.builder();
    for (StateArray array : optimizer.stateArrays()) {
      if (array.initial() != 0) {
        code.addStatement("$T.fill($L, $L)", java.util.Arrays.class, array.name(), constant(array.initialOption()));
      }
    }
    return code.build();
  }

  /** The names of the optimizer's state arrays, each PARAMETERS long, in a fixed order. */
  List<String> stateArrays() {
    return optimizer.stateArrays().stream().map(StateArray::name).toList();
  }

  /**
   * The constant of {@code option} in the element type, {@code BETA1} or {@code (float) BETA1},
   * declared because it is used; javac folds it, so the update computes the same bits as a literal.
   */
  private String constant(String option) {
    return element == ElementType.FLOAT ? "(float) " + name(option) : name(option);
  }

  /** 1 − the option's value, folded by javac in double and then, for float, rounded once as before. */
  private String complement(String option) {
    return element == ElementType.FLOAT ? "(float) (1 - " + name(option) + ")" : "(1 - " + name(option) + ")";
  }

  /** The name of {@code option}'s constant, in double, as a step's double scalars use it; declares it. */
  private String name(String option) {
    usedOptions.add(option);
    return optimizer.kind().parameter(option).constant();
  }

  /** The update, which cites the update step: fit and step call it. */
  MethodSpec update() {
    return update;
  }

  /** t, the count of updates, which a parameter file saves. */
  FieldSpec steps() {
    return steps;
  }

  /** η, the current learning rate, which a parameter file saves. */
  FieldSpec learningRate() {
    return learningRate;
  }

  /** Counts the step and updates each parameter range with its weight decay. */
  private MethodSpec writeUpdate() {
    MethodSpec.Builder method = MethodSpec.methodBuilder("update")
        .addModifiers(Modifier.PRIVATE)
        .addJavadoc("$L\n\n<p>Follows {@link #gradientIsFinite}: updates only with finite gradients.\n", citation)
        .addParameter(int.class, "batchSize")
        .addStatement("steps++")
        .addStatement(spec.batch() == BatchReduction.MEAN ? "double scale = 1.0 / batchSize" : "double scale = 1.0");
    if (spec.clipNorm() > 0) {
      method.addComment("torch.nn.utils.clip_grad_norm_: scale g down to norm $L if it is longer", spec.clipNorm())
          .addStatement("squareGradients()")
          .addStatement("double squares = 0.0")
          .beginControlFlow("for (double layer : gradientSquares)")
          .addStatement("squares += layer")
          .endControlFlow()
          .addStatement("double norm = scale * $L.sqrt(squares)", math)
          .addStatement("scale *= $L.min(1.0, $L / (norm + 1e-6))", math, spec.clipNorm());
    }
    String decay = optimizer.weightDecay() == 0 ? element.literal(0) : constant("weight-decay");
    String scale = element == ElementType.FLOAT ? "(float) scale" : "scale";
    if (optimizer.weightDecay() == 0 || optimizer.decayBiases()) {
      return method.addStatement("updateRange(0, PARAMETERS, $L, $L)", decay, scale).build();
    }
    for (int l = 1; l <= spec.depth(); l++) {
      String offset = "W" + l;
      String end = l == spec.depth() ? "PARAMETERS" : "W" + (l + 1);
      if (spec.layer(l).bias()) {
        method.addComment("layer $L: the bias row without weight decay, then the weights", l);
        method.addStatement("updateRange($L, $L + $L, $L, $L)", offset, offset, spec.units(l), element.literal(0), scale);
        method.addStatement("updateRange($L + $L, $L, $L, $L)", offset, spec.units(l), end, decay, scale);
      } else {
        method.addStatement("updateRange($L, $L, $L, $L)", offset, end, decay, scale);
      }
    }
    return method.build();
  }

  private MethodSpec updateRange() {
    MethodSpec.Builder method = MethodSpec.methodBuilder("updateRange")
        .addModifiers(Modifier.PRIVATE)
        .addJavadoc("Updates parameters {@code from} to {@code to}: g = scale·∂E/∂w + decay·w, then the $L rule.\n",
            optimizer.keyword())
        .addParameter(int.class, "from")
        .addParameter(int.class, "to")
        .addParameter(scalar(), "decay")
        .addParameter(scalar(), "scale");
    if (optimizer instanceof Optimizer.Sgd sgd) {
      sgd(method, sgd);
    } else if (optimizer instanceof Optimizer.Adagrad adagrad) {
      adagrad(method, adagrad);
    } else if (optimizer instanceof Optimizer.RmsProp rms) {
      rmsProp(method, rms);
    } else if (optimizer instanceof Optimizer.Adam adam) {
      adam(method, adam);
    }
    return method.build();
  }

  /** {@code double} or {@code float}: the type of the per-parameter arithmetic. */
  private TypeName scalar() {
    return element == ElementType.FLOAT ? TypeName.FLOAT : TypeName.DOUBLE;
  }

  /** √x in the element type: for float, a cast C2 compiles to a float square root. */
  private String sqrt(String x) {
    return element == ElementType.FLOAT ? "(float) " + math + ".sqrt(" + x + ")" : math + ".sqrt(" + x + ")";
  }

  /**
   * Declares a step's scalar {@code name = expression}, computed in double: for float, rounded
   * once, here, rather than widening every parameter to double in the loop.
   */
  private void declareStepScalar(MethodSpec.Builder method, String name, String expression) {
    if (element == ElementType.FLOAT) {
      method.addStatement("float $L = (float) ($L)", name, expression);
    } else {
      method.addStatement("double $L = $L", name, expression);
    }
  }

  /** η in the loop: the field for double; for float, declares a float copy and names it. */
  private String declareRate(MethodSpec.Builder method) {
    if (element == ElementType.DOUBLE) {
      return "learningRate";
    }
    method.addStatement("float rate = (float) learningRate");
    return "rate";
  }

  private String gradient(boolean decoupled) {
    return element.keyword() + (decoupled ? " gp = scale * g[p]" : " gp = scale * g[p] + decay * w[p]");
  }

  private void sgd(MethodSpec.Builder method, Optimizer.Sgd sgd) {
    String rate = declareRate(method);
    method.beginControlFlow("for (int p = from; p < to; p++)").addStatement(gradient(false));
    if (sgd.momentum() > 0) {
      method.addComment("torch: the buffer starts as the first gradient, then b = μ b + (1 − dampening) g")
          .addStatement("momentumBuffer[p] = steps == 1 ? gp : $L * momentumBuffer[p] + $L * gp",
              constant("momentum"), complement("dampening"))
          .addCode(sgd.nesterov()
              ? CodeBlock.of("gp = gp + $L * momentumBuffer[p];\n", constant("momentum"))
              : CodeBlock.of("gp = momentumBuffer[p];\n"));
    }
    method.addStatement("w[p] -= $L * gp", rate).endControlFlow();
  }

  private void adagrad(MethodSpec.Builder method, Optimizer.Adagrad adagrad) {
    declareStepScalar(method, "rate", "learningRate / (1.0 + (steps - 1) * " + name("lr-decay") + ")");
    method.beginControlFlow("for (int p = from; p < to; p++)")
        .addStatement(gradient(false))
        .addStatement("sum[p] += gp * gp")
        .addStatement("w[p] -= rate * gp / ($L + $L)", sqrt("sum[p]"), constant("eps"))
        .endControlFlow();
  }

  private void rmsProp(MethodSpec.Builder method, Optimizer.RmsProp rms) {
    double alpha = rms.alpha();
    String rate = declareRate(method);
    method.beginControlFlow("for (int p = from; p < to; p++)")
        .addStatement(gradient(false))
        .addStatement("squareAverage[p] = $L * squareAverage[p] + $L * gp * gp", constant("alpha"), complement("alpha"));
    if (rms.centered()) {
      method.addStatement("gradientAverage[p] = $L * gradientAverage[p] + $L * gp", constant("alpha"), complement("alpha"))
          .addStatement("$L average = $L + $L", element.keyword(),
              sqrt("squareAverage[p] - gradientAverage[p] * gradientAverage[p]"), constant("eps"));
    } else {
      method.addStatement("$L average = $L + $L", element.keyword(), sqrt("squareAverage[p]"), constant("eps"));
    }
    if (rms.momentum() > 0) {
      method.addStatement("momentumBuffer[p] = $L * momentumBuffer[p] + gp / average", constant("momentum"))
          .addStatement("w[p] -= $L * momentumBuffer[p]", rate);
    } else {
      method.addStatement("w[p] -= $L * gp / average", rate);
    }
    method.endControlFlow();
  }

  private void adam(MethodSpec.Builder method, Optimizer.Adam adam) {
    declareStepScalar(method, "stepSize", "learningRate / (1.0 - " + math + ".pow(" + name("beta1") + ", steps))");
    declareStepScalar(method, "correction2", math + ".sqrt(1.0 - " + math + ".pow(" + name("beta2") + ", steps))");
    if (adam.decoupled()) {
      declareStepScalar(method, "shrink", "1.0 - learningRate * decay");
    }
    method.beginControlFlow("for (int p = from; p < to; p++)");
    if (adam.decoupled()) {
      method.addComment("AdamW decays the weight itself, before the Adam step")
          .addStatement("w[p] *= shrink");
    }
    method.addStatement(gradient(adam.decoupled()))
        .addStatement("firstMoment[p] = $L * firstMoment[p] + $L * gp", constant("beta1"), complement("beta1"))
        .addStatement("secondMoment[p] = $L * secondMoment[p] + $L * gp * gp", constant("beta2"), complement("beta2"))
        .addStatement("w[p] -= stepSize * firstMoment[p] / ($L / correction2 + $L)",
            sqrt("secondMoment[p]"), constant("eps"))
        .endControlFlow();
  }
}
