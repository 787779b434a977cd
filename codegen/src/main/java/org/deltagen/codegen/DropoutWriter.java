package org.deltagen.codegen;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import java.util.List;
import java.util.SplittableRandom;
import javax.lang.model.element.Modifier;
import org.deltagen.derive.InvertedDropout;
import org.deltagen.derive.Operation;
import org.deltagen.network.NetworkSpec;

/**
 * Writes inverted dropout, z^l_j = m^l_j f_l(u^l_j): forward, in training only, z^l_j *= m^l_j
 * after the activation wrote f_l(u^l) into z^l and before a skip adds z^k; backward, δ^l reads
 * ∂E/∂z^l_j · m^l_j ({@link #masked}), the same mask. The masks are per-sample buffers, drawn by
 * {@code drawMasks} from one {@link SplittableRandom} seeded with SEED before each training
 * forward pass, sample by sample, layer by layer, unit by unit: a slotted trainer draws them in
 * the batch's order too, so its masks are the unslotted trainer's. Nothing is allocated or boxed.
 */
record DropoutWriter(TrainerContext context) implements OperationWriter<InvertedDropout> {
  /** The generator's field, which {@link #addTo} declares. */
  private static final String RANDOM = "dropouts";
  private static final String DRAW = "drawMasks";

  @Override
  public void forward(InvertedDropout dropout, Pass pass) {
    pass.cite(dropout.forward());
    int l = dropout.layer();
    pass.method().beginControlFlow("if ($L)", TrainerContext.TRAINING);
    context.slots().forEach(pass.method(), (body, sample) -> body
        .beginControlFlow("for (int j = 0; j < $L; j++)", context.spec().units(l))
        .addStatement("$L[j] *= $L[j]", sample.z(l), sample.mask(l))
        .endControlFlow());
    pass.method().endControlFlow();
  }

  /** ∂E/∂z^l_j · m^l_j, the gradient f_l(u^l_j) receives, of unit {@code j} written out. */
  static JavaExpression masked(JavaExpression outputGradient, Sample sample, int l, int j) {
    return outputGradient.times(JavaExpression.primary(sample.mask(l) + "[" + j + "]"));
  }

  /** {@code sum *= m^l_j}, in the loop over j that forms δ^l, where layer l drops out. */
  static void mask(MethodSpec.Builder method, Sample sample, int l) {
    method.addStatement("sum *= $L[j]", sample.mask(l));
  }

  /** The dropouts of the graph, in forward order. */
  static List<InvertedDropout> of(List<Operation> operations) {
    return operations.stream().filter(InvertedDropout.class::isInstance).map(InvertedDropout.class::cast).toList();
  }

  /** DROPOUTl (p) and KEPTl (1/(1 − p)) for layer l, where it drops out. */
  static void addConstants(NetworkSpec spec, ElementType element, int l, TypeSpec.Builder type) {
    if (!spec.layer(l).hasDropout()) {
      return;
    }
    type.addField(FieldSpec.builder(double.class, "DROPOUT" + l, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
        .initializer("$L", spec.layer(l).dropout().p())
        .addJavadoc("p, the probability that a unit of layer $L is dropped in training.\n", l)
        .build());
    type.addField(FieldSpec.builder(element.primitive(), "KEPT" + l,
            Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
        .initializer("$L", element.literal(spec.layer(l).dropout().scale()))
        .addJavadoc("1/(1 − p), the mask of a unit of layer $L kept in training.\n", l)
        .build());
  }

  /** The generator and {@code drawMasks}, in a network with dropout. */
  void addTo(TypeSpec.Builder type, List<InvertedDropout> dropouts) {
    type.addField(FieldSpec.builder(SplittableRandom.class, RANDOM, Modifier.PRIVATE, Modifier.FINAL)
        .addJavadoc("Draws the dropout masks; seeded, so that training is reproducible.\n")
        .build());
    type.addMethod(drawMasks(dropouts));
  }

  /** The constructor's seeding of the mask generator from {@code seed}; nothing without dropout. */
  static CodeBlock seed(List<InvertedDropout> dropouts) {
    return dropouts.isEmpty() ? CodeBlock.of("")
        : CodeBlock.of("$L = new $T(seed);\n", RANDOM, SplittableRandom.class);
  }

  /**
   * {@code drawMasks(count)}, or {@code drawMasks()} without slots, before a training forward pass;
   * nothing without dropout.
   */
  static CodeBlock draw(List<InvertedDropout> dropouts, boolean slotted, String count) {
    return dropouts.isEmpty() ? CodeBlock.of("")
        : slotted ? CodeBlock.of("$L($L);\n", DRAW, count) : CodeBlock.of("$L();\n", DRAW);
  }

  /** How the class javadoc says the dropout masks are drawn. */
  static final CodeBlock CLASS_JAVADOC = CodeBlock.builder()
      .add("\n<p>Dropout masks are drawn afresh for each sample of {@link #step}, {@link #fit} and\n")
      .add("{@link #backward} from a generator seeded when the trainer is made (SEED, or the seed\n")
      .add("given to the constructor), so that two\n")
      .add("trainers made and trained alike draw the same masks; {@link #save} does not store it.\n")
      .build();


  private MethodSpec drawMasks(List<InvertedDropout> dropouts) {
    boolean slotted = context.slots().slotted();
    MethodSpec.Builder method = MethodSpec.methodBuilder(DRAW)
        .addModifiers(Modifier.PRIVATE)
        .addJavadoc("Draws the dropout masks$L: each m^l_j is 0 with probability p, else 1/(1 − p),\n$L"
            + "layer by layer, unit by unit.\n", slotted ? " of slots 0 to count − 1" : " of the sample",
            slotted ? "slot by slot, " : "");
    if (slotted) {
      method.addParameter(int.class, "count");
    }
    String zero = context.element().literal(0);
    context.slots().forEach(method, (body, sample) -> {
      for (InvertedDropout dropout : dropouts) {
        int l = dropout.layer();
        body.addComment("m^$L of (eq. $L)", l, dropout.forward().number())
            .beginControlFlow("for (int j = 0; j < $L; j++)", context.spec().units(l))
            .addStatement("$L[j] = $N.nextDouble() < DROPOUT$L ? $L : KEPT$L", sample.mask(l), RANDOM, l, zero, l)
            .endControlFlow();
      }
    });
    return method.build();
  }
}
