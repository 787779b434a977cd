package org.deltagen.codegen;

import com.palantir.javapoet.MethodSpec;
import java.util.Arrays;
import javax.lang.model.element.Modifier;
import org.deltagen.symbolic.MathFunction;

/**
 * Private static functions a generated trainer needs when its formulas use them: Java's Math has
 * no erf, and log(1 + e^x) must not overflow for large x.
 */
enum Helper {
  /** log(1 + e^x) without overflow: max(x, 0) + log1p(e^{−|x|}). */
  SOFTPLUS("softplus", null) {
    @Override
    MethodSpec.Builder body(MethodSpec.Builder method, String math) {
      return method.addJavadoc("log(1 + e^x), finite for every finite x.\n")
          .addStatement("return $L.max(x, 0.0) + $L.log1p($L.exp(-$L.abs(x)))", math, math, math, math);
    }
  },
  /** The error function, to about 1e-15: its Maclaurin series near 0, erfc's continued fraction beyond. */
  ERF(MathFunction.ERF.java().method(), MathFunction.ERF) {
    @Override
    MethodSpec.Builder body(MethodSpec.Builder method, String math) {
      return method.addJavadoc("erf(x) = 2/√π ∫_0^x e^{−t²} dt, to about 1e-15.\n")
          .addStatement("double a = $L.abs(x)", math)
          .beginControlFlow("if (a >= 6.0)")
          .addComment("erfc(6) < 3e-17, below half an ulp of 1.")
          .addStatement("return $L.signum(x)", math)
          .endControlFlow()
          .beginControlFlow("if (a <= 2.0)")
          .addComment("erf(x) = 2/√π Σ_n (−1)^n x^{2n+1} / (n! (2n + 1)); the terms fall below 1e-17 by n = 40.")
          .addStatement("double term = x")
          .addStatement("double sum = x")
          .beginControlFlow("for (int n = 1; n < 60 && $L.abs(term) > 1e-17 * $L.abs(sum); n++)", math, math)
          .addStatement("term *= -x * x / n")
          .addStatement("sum += term / (2 * n + 1)")
          .endControlFlow()
          .addStatement("return 2.0 / $L.sqrt($L.PI) * sum", math, math)
          .endControlFlow()
          .addComment("erfc(a) = e^{−a²}/√π · 1/(a + (1/2)/(a + 1/(a + (3/2)/(a + …)))), by Lentz's method.")
          .addStatement("double tiny = 1e-300")
          .addStatement("double f = a")
          .addStatement("double c = a")
          .addStatement("double d = 0.0")
          .beginControlFlow("for (int k = 1; k < 200; k++)")
          .addStatement("double coefficient = k / 2.0")
          .addStatement("d = a + coefficient * d")
          .addStatement("d = 1.0 / (d == 0.0 ? tiny : d)")
          .addStatement("c = a + coefficient / c")
          .addStatement("c = c == 0.0 ? tiny : c")
          .addStatement("double delta = c * d")
          .addStatement("f *= delta")
          .beginControlFlow("if ($L.abs(delta - 1.0) < 1e-16)", math)
          .addStatement("break")
          .endControlFlow()
          .endControlFlow()
          .addStatement("double erfc = $L.exp(-a * a) / $L.sqrt($L.PI) / f", math, math, math)
          .addStatement("return $L.signum(x) * (1.0 - erfc)", math);
    }
  };

  private final String methodName;
  /** The function of {@link MathFunction}'s table the helper computes, null for a rewrite's. */
  private final MathFunction function;

  Helper(String methodName, MathFunction function) {
    this.methodName = methodName;
    this.function = function;
  }

  /** The helper for a function whose Java form the table says is a helper method. */
  static Helper of(MathFunction function) {
    return Arrays.stream(values()).filter(helper -> helper.function == function).findFirst()
        .orElseThrow(() -> new IllegalStateException("no helper method for " + function.symjaName()));
  }

  /** The name of the generated method. */
  String methodName() {
    return methodName;
  }

  /** The helper's source: every helper is a {@code private static double name(double x)}. */
  MethodSpec method(String math) {
    MethodSpec.Builder method = MethodSpec.methodBuilder(methodName)
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .returns(double.class)
        .addParameter(double.class, "x");
    return body(method, math).build();
  }

  /** Adds the javadoc and body to the signature; {@code math} is how the class names {@code java.lang.Math}. */
  abstract MethodSpec.Builder body(MethodSpec.Builder method, String math);
}
