package org.deltagen.codegen;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import javax.lang.model.element.Modifier;
import org.deltagen.derive.Normalization;
import org.deltagen.network.NetworkSpec;

/**
 * Writes a layer's normalization: forward, μ and σ² of each group of u^l, x̂^l = (u^l − μ)/σ and
 * û^l = γ^l ⊙ x̂^l + β^l; backward, ∂E/∂β^l and ∂E/∂γ^l into g and δ^l from ∂E/∂û^l in the
 * compact form (1/σ)(g_j − mean g − x̂_j mean(g x̂)), g_j = γ^l_j ∂E/∂û^l_j: two passes over each
 * group, O(n_l), no allocation. β^l is at {@code NORMl}, γ^l at {@code NORMl + n_l}. Batch norm,
 * whose statistics run over the batch instead, is {@link BatchNormWriter}'s.
 */
record NormWriter(TrainerContext context) implements OperationWriter<Normalization> {
  @Override
  public void forward(Normalization norm, Pass pass) {
    pass.cite(norm.forward());
    if (norm.norm().overBatch()) {
      new BatchNormWriter(context).forward(norm, pass.method());
      return;
    }
    int l = norm.layer();
    context.slots().forEach(pass.method(), (body, sample) -> {
      Group group = Group.of(body, norm);
      String u = sample.u(l);
      body.addStatement("double mean = 0.0")
          .beginControlFlow(group.loop())
          .addStatement("mean += $L[j]", u)
          .endControlFlow()
          .addStatement("mean /= $L", group.size())
          .addStatement("double variance = 0.0")
          .beginControlFlow(group.loop())
          .addStatement("double centred = $L[j] - mean", u)
          .addStatement("variance += centred * centred")
          .endControlFlow()
          .addStatement("variance /= $L", group.size())
          .addStatement("double inverseSigma = 1.0 / $L.sqrt(variance + $L)", context.math(), epsilon(l))
          .addCode(store(sample.inverseDeviation(l) + "[" + group.index() + "]", "inverseSigma"))
          .beginControlFlow(group.loop())
          .addStatement("double standardized = ($L[j] - mean) * inverseSigma", u)
          .addCode(store(sample.standardized(l) + "[j]", "standardized"))
          .addCode(store(sample.normalized(l) + "[j]", scale(l) + " * standardized + " + shift(l)))
          .endControlFlow();
      group.end(body);
    });
  }

  /** ∂E/∂β^l, ∂E/∂γ^l and δ^l of every sample, from ∂E/∂û^l, which f_l' wrote. */
  @Override
  public void backward(Normalization norm, Pass pass) {
    pass.cite(norm.parameterGradient());
    pass.cite(norm.paths());
    if (norm.norm().overBatch()) {
      new BatchNormWriter(context).backward(norm, pass.method());
      return;
    }
    int l = norm.layer();
    int units = norm.units();
    context.slots().forEach(pass.method(), (body, sample) -> {
      Group group = Group.of(body, norm);
      String gradient = sample.normalizedGradient(l);
      String standardized = sample.standardized(l);
      body.addComment("Σ_i g_i and Σ_i g_i x̂_i over the group, g_i = γ_i ∂E/∂û_i")
          .addStatement("double sum = 0.0")
          .addStatement("double sumTimesStandardized = 0.0")
          .beginControlFlow(group.loop())
          .addStatement("double dEduhat = $L[j]", gradient)
          .addCode(context.element().update("g[" + ParameterIndex.norm(l) + " + j]", "+", "dEduhat"))
          .addCode(context.element().update("g[" + ParameterIndex.norm(l) + " + " + units + " + j]", "+",
              "dEduhat * " + standardized + "[j]"))
          .addStatement("double scaled = $L * dEduhat", scale(l))
          .addStatement("sum += scaled")
          .addStatement("sumTimesStandardized += scaled * $L[j]", standardized)
          .endControlFlow()
          .addStatement("double mean = sum / $L", group.size())
          .addStatement("double meanTimesStandardized = sumTimesStandardized / $L", group.size())
          .addStatement("double inverseSigma = $L[$L]", sample.inverseDeviation(l), group.index())
          .beginControlFlow(group.loop())
          .addStatement("double scaled = $L * $L[j]", scale(l), gradient)
          .addCode(store(sample.delta(l) + "[j]",
              "inverseSigma * (scaled - mean - " + standardized + "[j] * meanTimesStandardized)"))
          .endControlFlow();
      group.end(body);
    });
  }

  /**
   * The units j of one group: group {@code group} of a loop over them, or the whole layer, in a
   * block of its own so that the next normalized layer's locals may have the same names.
   */
  private record Group(int size, int count) {
    static Group of(MethodSpec.Builder body, Normalization norm) {
      Group group = new Group(norm.groupSize(), norm.norm().groups());
      if (group.count > 1) {
        body.beginControlFlow("for (int group = 0; group < $L; group++)", group.count)
            .addStatement("int from = group * $L", group.size);
      } else {
        body.addCode("{\n$>");
      }
      return group;
    }

    String loop() {
      return count > 1 ? "for (int j = from; j < from + " + size + "; j++)" : "for (int j = 0; j < " + size + "; j++)";
    }

    String index() {
      return count > 1 ? "group" : "0";
    }

    void end(MethodSpec.Builder body) {
      if (count > 1) {
        body.endControlFlow();
      } else {
        body.addCode("$<}\n");
      }
    }
  }

  private CodeBlock store(String target, String value) {
    return context.element().store(target, JavaExpression.additive(value));
  }

  /** γ^l_j. */
  private String scale(int l) {
    return scale(context.spec(), l);
  }

  static String scale(NetworkSpec spec, int l) {
    return "w[" + ParameterIndex.norm(l) + " + " + spec.units(l) + " + j]";
  }

  /** β^l_j. */
  static String shift(int l) {
    return "w[" + ParameterIndex.norm(l) + " + j]";
  }

  static String epsilon(int l) {
    return "EPSILON" + l;
  }

  /** {@code NORMl} and {@code EPSILONl} for each layer with a norm. */
  static void addConstants(NetworkSpec spec, int l, TypeSpec.Builder type) {
    if (!spec.layer(l).hasNorm()) {
      return;
    }
    type.addField(FieldSpec.builder(int.class, ParameterIndex.norm(l), Modifier.PRIVATE, Modifier.STATIC,
            Modifier.FINAL)
        .initializer("$L", spec.normOffset(l))
        .addJavadoc("Index of layer $L's normalization block: row 0 β^$L, row 1 γ^$L, $L columns.\n", l, l, l,
            spec.units(l))
        .build());
    type.addField(FieldSpec.builder(double.class, epsilon(l), Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
        .initializer("$L", spec.layer(l).norm().epsilon())
        .addJavadoc("ε of layer $L's normalization, added to σ² under the root.\n", l)
        .build());
    BatchNormWriter.addConstants(spec, l, type);
  }

  /** β = 0 and γ = 1 for every layer with a norm, whatever init says, as torch initializes them. */
  static void initialValues(NetworkSpec spec, ElementType element, MethodSpec.Builder constructor) {
    for (int l = 1; l <= spec.depth(); l++) {
      if (spec.layer(l).hasNorm()) {
        int units = spec.units(l);
        constructor.addStatement("$T.fill(w, $L, $L + $L, $L)", java.util.Arrays.class, ParameterIndex.norm(l),
                ParameterIndex.norm(l), units, element.literal(0))
            .addStatement("$T.fill(w, $L + $L, $L + $L, $L)", java.util.Arrays.class, ParameterIndex.norm(l), units,
                ParameterIndex.norm(l), 2 * units, element.literal(1));
      }
    }
    BatchNormWriter.initialValues(spec, constructor);
  }

  /** The explicit initial values of layer l's β and γ rows, after its weight rows. */
  static void literals(NetworkSpec spec, int l, ElementType element, double[] values, CodeBlock.Builder code) {
    if (!spec.layer(l).hasNorm()) {
      return;
    }
    int units = spec.units(l);
    for (int row = 0; row < 2; row++) {
      String[] literals = new String[units];
      for (int j = 0; j < units; j++) {
        literals[j] = element.literal(values[spec.normOffset(l) + row * units + j]);
      }
      code.add("// $L^$L\n", row == 0 ? "β" : "γ", l).add("$L,\n", String.join(", ", literals));
    }
  }
}
