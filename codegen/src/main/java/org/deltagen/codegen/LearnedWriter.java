package org.deltagen.codegen;

import static org.deltagen.codegen.ParameterIndex.learned;
import static org.deltagen.codegen.ParameterIndex.learnedElement;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.lang.model.element.Modifier;
import org.deltagen.derive.LearnedGradient;
import org.deltagen.network.LearnedParameter;
import org.deltagen.network.NetworkSpec;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.interfaces.ISymbol;

/**
 * The learnable parameters of layers' activations (a^l of prelu, the a, b of f(u; a, b)): their
 * constant offsets {@code Al}, initial values, and the Java names that f reads them by. No name a
 * user wrote reaches the generated code: a parameter is always {@code w[Al + p]}.
 */
final class LearnedWriter {
  private LearnedWriter() {}

  /** {@code Al}, the index of layer l's first activation parameter, when its activation has any. */
  static void addConstant(NetworkSpec spec, int l, TypeSpec.Builder type) {
    List<LearnedParameter> parameters = spec.layer(l).activation().learned();
    if (parameters.isEmpty()) {
      return;
    }
    type.addField(FieldSpec.builder(int.class, learned(l), Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
        .initializer("$L", spec.activationParameterOffset(l))
        .addJavadoc("Index of layer $L's activation parameters, learned with the weights: $L.\n", l,
            String.join(", ", parameters.stream().map(p -> LearnedGradient.name(p, l)).toList()))
        .build());
  }

  /** The symbols of layer l's activation parameters, each bound to its element of {@code array}. */
  static Map<ISymbol, Supplier<String>> bindings(NetworkSpec spec, int l, String array) {
    Map<ISymbol, Supplier<String>> bindings = new HashMap<>();
    List<LearnedParameter> parameters = spec.layer(l).activation().learned();
    for (int p = 0; p < parameters.size(); p++) {
      String element = learnedElement(array, l, p);
      bindings.put(F.symbol(parameters.get(p).name()), () -> element);
    }
    return bindings;
  }

  /** {@code bindings} with layer l's activation parameters read from w. */
  static Map<ISymbol, Supplier<String>> withParameters(
      NetworkSpec spec, int l, Map<ISymbol, Supplier<String>> bindings) {
    Map<ISymbol, Supplier<String>> all = new HashMap<>(bindings);
    all.putAll(bindings(spec, l, "w"));
    return all;
  }

  /** The explicit initial values of layer l's activation parameters, after its weight rows. */
  static void literals(NetworkSpec spec, int l, ElementType element, double[] values, CodeBlock.Builder code) {
    List<LearnedParameter> parameters = spec.layer(l).activation().learned();
    if (parameters.isEmpty()) {
      return;
    }
    String[] literals = new String[parameters.size()];
    for (int p = 0; p < literals.length; p++) {
      literals[p] = element.literal(values[spec.activationParameterOffset(l) + p]);
    }
    code.add("// $L\n", String.join(", ", parameters.stream().map(q -> LearnedGradient.name(q, l)).toList()))
        .add("$L,\n", String.join(", ", literals));
  }

  /** Sets every activation parameter to the value its spec declares, whatever init says. */
  static void initialValues(NetworkSpec spec, ElementType element, MethodSpec.Builder constructor) {
    for (int l = 1; l <= spec.depth(); l++) {
      List<LearnedParameter> parameters = spec.layer(l).activation().learned();
      for (int p = 0; p < parameters.size(); p++) {
        constructor.addStatement("$L = $L", learnedElement("w", l, p), element.literal(parameters.get(p).initial()));
      }
    }
  }

  /**
   * Clears g after every layer's weights (its normalization's β and γ, its activation's
   * parameters), for a batch whose samples add into it.
   */
  static CodeBlock clearGradient(NetworkSpec spec, ElementType element) {
    CodeBlock.Builder code = CodeBlock.builder();
    ParameterIndex index = new ParameterIndex(spec);
    for (int l = 1; l <= spec.depth(); l++) {
      if (spec.layer(l).activation().learns() || spec.layer(l).hasNorm()) {
        code.addStatement("$T.fill(g, $L, $L, $L)", Arrays.class, index.weightEnd(l), index.end(l),
            element.literal(0));
      }
    }
    return code.build();
  }
}
