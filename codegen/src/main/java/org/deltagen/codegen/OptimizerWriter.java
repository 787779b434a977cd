package org.deltagen.codegen;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;
import org.deltagen.spec.BatchReduction;
import org.deltagen.spec.NetworkSpec;
import org.deltagen.spec.Optimizer;

/**
 * Writes a trainer's update: the optimizer's state, preallocated, and its update rule with the
 * exact order of operations of {@code torch.optim}, so trajectories match torch's to rounding.
 * Weight decay is skipped on bias rows when the spec says so, by updating each layer's bias row and
 * weight rows as separate ranges.
 */
final class OptimizerWriter {
  private final NetworkSpec spec;
  private final Optimizer optimizer;
  private final ElementType element;
  private final String math;
  private final String citation;
  private final CodeBlock setLearningRate;

  OptimizerWriter(NetworkSpec spec, ElementType element, String math, String citation, CodeBlock setLearningRate) {
    this.spec = spec;
    this.optimizer = spec.optimizer();
    this.element = element;
    this.math = math;
    this.citation = citation;
    this.setLearningRate = setLearningRate;
  }

  void addTo(TypeSpec.Builder type) {
    type.addField(FieldSpec.builder(double.class, "learningRate", Modifier.PRIVATE)
        .initializer("LEARNING_RATE").addJavadoc("η, settable while training.\n").build());
    type.addField(FieldSpec.builder(long.class, "steps", Modifier.PRIVATE)
        .addJavadoc("t, the number of updates made so far.\n").build());
    for (String name : stateArrays()) {
      type.addField(FieldSpec.builder(element.array(), name, Modifier.PRIVATE, Modifier.FINAL)
          .initializer("new $L[PARAMETERS]", element.keyword()).addJavadoc("$L\n", stateDoc(name)).build());
    }
    type.addMethod(MethodSpec.methodBuilder("learningRate").addModifiers(Modifier.PUBLIC).returns(double.class)
        .addJavadoc("The current η.\n").addStatement("return learningRate").build());
    type.addMethod(MethodSpec.methodBuilder("setLearningRate").addModifiers(Modifier.PUBLIC)
        .addJavadoc(spec.scheduled()
            ? "Sets η₀, the rate the schedule scales; η becomes its scheduled value at the current epoch.\n"
            : "Sets η for the following updates.\n")
        .addParameter(double.class, "learningRate")
        .beginControlFlow("if (!(learningRate > 0) || $T.isInfinite(learningRate))", Double.class)
        .addStatement("throw new $T($S + learningRate)", IllegalArgumentException.class, "η must be positive and finite, not ")
        .endControlFlow()
        .addCode(setLearningRate).build());
    type.addMethod(update());
    type.addMethod(updateRange());
  }

  /** Statements for the constructor: state that does not start at zero. */
  CodeBlock initialState() {
    if (optimizer instanceof Optimizer.Adagrad adagrad && adagrad.initialAccumulator() != 0) {
      return CodeBlock.of("$T.fill(sum, $L);\n", java.util.Arrays.class, element.literal(adagrad.initialAccumulator()));
    }
    return CodeBlock.of("");
  }

  /** The names of the optimizer's state arrays, each PARAMETERS long, in a fixed order. */
  List<String> stateArrays() {
    List<String> names = new ArrayList<>();
    if (optimizer instanceof Optimizer.Sgd sgd && sgd.momentum() > 0) {
      names.add("momentumBuffer");
    } else if (optimizer instanceof Optimizer.Adagrad) {
      names.add("sum");
    } else if (optimizer instanceof Optimizer.RmsProp rms) {
      names.add("squareAverage");
      if (rms.centered()) {
        names.add("gradientAverage");
      }
      if (rms.momentum() > 0) {
        names.add("momentumBuffer");
      }
    } else if (optimizer instanceof Optimizer.Adam) {
      names.add("firstMoment");
      names.add("secondMoment");
    }
    return names;
  }

  private static String stateDoc(String name) {
    return switch (name) {
      case "momentumBuffer" -> "The momentum buffer b.";
      case "sum" -> "G, the running sum of squared gradients.";
      case "squareAverage" -> "v, the running average of squared gradients.";
      case "gradientAverage" -> "ḡ, the running average of gradients (centered RMSprop).";
      case "firstMoment" -> "m, the running average of gradients.";
      default -> "v, the running average of squared gradients.";
    };
  }

  /** Counts the step and updates each parameter range with its weight decay. */
  private MethodSpec update() {
    MethodSpec.Builder method = MethodSpec.methodBuilder("update")
        .addModifiers(Modifier.PRIVATE)
        .addJavadoc("$L\n", citation)
        .addParameter(int.class, "batchSize")
        .addStatement("steps++")
        .addStatement(spec.batch() == BatchReduction.MEAN ? "double scale = 1.0 / batchSize" : "double scale = 1.0");
    if (spec.clipNorm() > 0) {
      method.addComment("torch.nn.utils.clip_grad_norm_: scale g down to norm $L if it is longer", spec.clipNorm())
          .addStatement("double squares = 0.0")
          .beginControlFlow("for (int p = 0; p < PARAMETERS; p++)")
          .addStatement("squares += g[p] * g[p]")
          .endControlFlow()
          .addStatement("double norm = scale * $L.sqrt(squares)", math)
          .addStatement("scale *= $L.min(1.0, $L / (norm + 1e-6))", math, spec.clipNorm());
    }
    double decay = optimizer.weightDecay();
    if (decay == 0 || optimizer.decayBiases()) {
      return method.addStatement("updateRange(0, PARAMETERS, $L, scale)", decay).build();
    }
    for (int l = 1; l <= spec.depth(); l++) {
      String offset = "W" + l;
      String end = l == spec.depth() ? "PARAMETERS" : "W" + (l + 1);
      if (spec.layer(l).bias()) {
        method.addComment("layer $L: the bias row without weight decay, then the weights", l);
        method.addStatement("updateRange($L, $L + $L, 0.0, scale)", offset, offset, spec.units(l));
        method.addStatement("updateRange($L + $L, $L, $L, scale)", offset, spec.units(l), end, decay);
      } else {
        method.addStatement("updateRange($L, $L, $L, scale)", offset, end, decay);
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
        .addParameter(double.class, "decay")
        .addParameter(double.class, "scale");
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

  private static String gradient(boolean decoupled) {
    return decoupled ? "double gp = scale * g[p]" : "double gp = scale * g[p] + decay * w[p]";
  }

  private void sgd(MethodSpec.Builder method, Optimizer.Sgd sgd) {
    method.beginControlFlow("for (int p = from; p < to; p++)").addStatement(gradient(false));
    if (sgd.momentum() > 0) {
      method.addComment("torch: the buffer starts as the first gradient, then b = μ b + (1 − dampening) g")
          .addCode(element.store("momentumBuffer[p]",
              "steps == 1 ? gp : " + sgd.momentum() + " * momentumBuffer[p] + " + (1 - sgd.dampening()) + " * gp"))
          .addCode(sgd.nesterov()
              ? CodeBlock.of("gp = gp + $L * momentumBuffer[p];\n", sgd.momentum())
              : CodeBlock.of("gp = momentumBuffer[p];\n"));
    }
    method.addCode(element.update("w[p]", "-", "learningRate * gp")).endControlFlow();
  }

  private void adagrad(MethodSpec.Builder method, Optimizer.Adagrad adagrad) {
    method.addStatement("double rate = learningRate / (1.0 + (steps - 1) * $L)", adagrad.learningRateDecay())
        .beginControlFlow("for (int p = from; p < to; p++)")
        .addStatement(gradient(false))
        .addCode(element.update("sum[p]", "+", "gp * gp"))
        .addCode(element.update("w[p]", "-", "rate * gp / (" + math + ".sqrt(sum[p]) + " + adagrad.eps() + ")"))
        .endControlFlow();
  }

  private void rmsProp(MethodSpec.Builder method, Optimizer.RmsProp rms) {
    double alpha = rms.alpha();
    method.beginControlFlow("for (int p = from; p < to; p++)")
        .addStatement(gradient(false))
        .addCode(element.store("squareAverage[p]", alpha + " * squareAverage[p] + " + (1 - alpha) + " * gp * gp"));
    if (rms.centered()) {
      method.addCode(element.store("gradientAverage[p]", alpha + " * gradientAverage[p] + " + (1 - alpha) + " * gp"))
          .addStatement("double average = $L.sqrt(squareAverage[p] - gradientAverage[p] * gradientAverage[p]) + $L",
              math, rms.eps());
    } else {
      method.addStatement("double average = $L.sqrt(squareAverage[p]) + $L", math, rms.eps());
    }
    if (rms.momentum() > 0) {
      method.addCode(element.store("momentumBuffer[p]", rms.momentum() + " * momentumBuffer[p] + gp / average"))
          .addCode(element.update("w[p]", "-", "learningRate * momentumBuffer[p]"));
    } else {
      method.addCode(element.update("w[p]", "-", "learningRate * gp / average"));
    }
    method.endControlFlow();
  }

  private void adam(MethodSpec.Builder method, Optimizer.Adam adam) {
    method.addStatement("double stepSize = learningRate / (1.0 - $L.pow($L, steps))", math, adam.beta1())
        .addStatement("double correction2 = $L.sqrt(1.0 - $L.pow($L, steps))", math, math, adam.beta2())
        .beginControlFlow("for (int p = from; p < to; p++)");
    if (adam.decoupled()) {
      method.addComment("AdamW decays the weight itself, before the Adam step")
          .addCode(element.update("w[p]", "*", "1.0 - learningRate * decay"));
    }
    method.addStatement(gradient(adam.decoupled()))
        .addCode(element.store("firstMoment[p]", adam.beta1() + " * firstMoment[p] + " + (1 - adam.beta1()) + " * gp"))
        .addCode(element.store("secondMoment[p]",
            adam.beta2() + " * secondMoment[p] + " + (1 - adam.beta2()) + " * gp * gp"))
        .addCode(element.update("w[p]", "-",
            "stepSize * firstMoment[p] / (" + math + ".sqrt(secondMoment[p]) / correction2 + " + adam.eps() + ")"))
        .endControlFlow();
  }
}
