package org.deltagen.codegen;

import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import javax.lang.model.element.Modifier;
import org.deltagen.network.Activation;
import org.deltagen.network.NamedActivation;
import org.deltagen.network.NetworkSpec;

/**
 * The questions an application asks a trained classifier, answered by {@code predict} into a
 * buffer of the trainer's: {@code classify(x)} for a softmax head (the most probable class) or a
 * single sigmoid output (1 when p ≥ ½), {@code probability(x)} for the single sigmoid, and, for
 * every network, {@code predict(x)} returning a new array (the one call here that allocates).
 */
final class ConvenienceWriter {
  private final NetworkSpec spec;
  private final ElementType element;
  private final MethodSpec predict;

  /** {@code predict} is the trainer's {@code predict(x, y)}. */
  ConvenienceWriter(NetworkSpec spec, ElementType element, MethodSpec predict) {
    this.spec = spec;
    this.element = element;
    this.predict = predict;
  }

  private boolean softmax() {
    return spec.layer(spec.depth()).activation().normalized();
  }

  private boolean singleSigmoid() {
    Activation output = spec.layer(spec.depth()).activation();
    return spec.outputs() == 1 && output.rule() == NamedActivation.SIGMOID;
  }

  void addTo(TypeSpec.Builder type) {
    type.addMethod(predictNew());
    if (!softmax() && !singleSigmoid()) {
      return;
    }
    FieldSpec prediction = FieldSpec.builder(element.array(), "prediction", Modifier.PRIVATE, Modifier.FINAL)
        .addJavadoc("y of the last {@link #classify}$L, so that asking allocates nothing.\n",
            singleSigmoid() ? " or {@link #probability}" : "")
        .initializer("new $L[OUTPUTS]", element.keyword())
        .build();
    type.addField(prediction);
    type.addMethod(softmax() ? argmax(prediction) : threshold(prediction));
    if (singleSigmoid()) {
      type.addMethod(probability(prediction));
    }
  }

  private MethodSpec predictNew() {
    return MethodSpec.methodBuilder("predict")
        .addModifiers(Modifier.PUBLIC)
        .returns(element.array())
        .addJavadoc("y = z^$L for {@code x}, in a new array: a convenience that allocates; in a loop, give\n"
            + "{@link #predict($L[], $L[])} an array of your own.\n", spec.depth(), element.keyword(), element.keyword())
        .addParameter(element.array(), "x")
        .addStatement("$T y = new $L[OUTPUTS]", element.array(), element.keyword())
        .addStatement("$N(x, y)", predict)
        .addStatement("return y")
        .build();
  }

  private MethodSpec argmax(FieldSpec prediction) {
    return asking("classify", int.class, prediction,
        "The class of {@code x}, 0 to OUTPUTS − 1: the output with the largest probability (the\n"
            + "first of equals). Allocates nothing.\n")
        .addStatement("int best = 0")
        .beginControlFlow("for (int k = 1; k < OUTPUTS; k++)")
        .beginControlFlow("if ($N[k] > $N[best])", prediction, prediction)
        .addStatement("best = k")
        .endControlFlow()
        .endControlFlow()
        .addStatement("return best")
        .build();
  }

  private MethodSpec threshold(FieldSpec prediction) {
    return asking("classify", int.class, prediction,
        "The class of {@code x}: 1 when {@link #probability} is at least ½, else 0. Allocates\nnothing.\n")
        .addStatement("return $N[0] >= 0.5 ? 1 : 0", prediction)
        .build();
  }

  private MethodSpec probability(FieldSpec prediction) {
    return asking("probability", double.class, prediction,
        "The sigmoid output for {@code x}: the probability of class 1. Allocates nothing.\n")
        .addStatement("return $N[0]", prediction)
        .build();
  }

  /** A public method of x returning {@code type} that starts by predicting x into {@code prediction}. */
  private MethodSpec.Builder asking(String name, Class<?> type, FieldSpec prediction, String doc) {
    return MethodSpec.methodBuilder(name)
        .addModifiers(Modifier.PUBLIC)
        .returns(type)
        .addJavadoc(doc)
        .addParameter(element.array(), "x")
        .addStatement("$N(x, $N)", predict, prediction);
  }
}
