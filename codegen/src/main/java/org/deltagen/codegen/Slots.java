package org.deltagen.codegen;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import java.util.function.BiConsumer;
import javax.lang.model.element.Modifier;

/**
 * The slots a trainer puts samples in when some layer copies its rows out: a batch goes through
 * the network up to {@link #count()} samples at a time, each in its own row of u, z and δ, so that
 * a row copied once serves every slot. Code for one sample is wrapped, as is, in a loop over the
 * slots that names slot s's rows as the sample's vectors. Without slots the code stands alone.
 */
record Slots(Vectors vectors, TypeName array, int count) {
  /**
   * The bytes the slots of a looped layer may take (SLOTS samples × its units): one L1 data
   * cache's worth, so that the rows of u, δ and the copied row stay in it while a row is applied
   * to each slot.
   */
  private static final int SLOT_BYTES = 32 * 1024;
  /** At most this many samples go through the network together. */
  static final int MAX_SLOTS = 32;

  /**
   * The slots for layers whose widest row copy is {@code widest} units (0: no slots, or for a
   * {@code batched} trainer the most slots, to start from).
   */
  static int count(ElementType element, int widest, boolean batched) {
    if (widest == 0) {
      return batched ? MAX_SLOTS : 1;
    }
    return Math.max(1, Math.min(MAX_SLOTS, SLOT_BYTES / (element.bytes() * widest)));
  }

  static Slots of(Vectors vectors, ElementType element, int count) {
    return new Slots(vectors, element.array(), count);
  }

  /** Whether samples go through the network in slots. */
  boolean slotted() {
    return vectors.inputs() != null;
  }

  /** Whether the slots hold a whole batch and grow to it: some layer has batch norm. */
  boolean grows() {
    return vectors.batched();
  }

  /**
   * growSlots(count), for a trainer whose slots grow: reallocates every slot array with {@code
   * count} rows when the batch is larger than the slots, and does nothing otherwise, so that a
   * training step allocates only when a larger batch than any before arrives.
   */
  MethodSpec grow() {
    MethodSpec.Builder method = MethodSpec.methodBuilder("growSlots")
        .addModifiers(Modifier.PRIVATE)
        .addJavadoc("Makes the slots hold {@code count} samples, a training step's whole batch: batch norm takes its\n"
            + "statistics over all of them. Allocates only when {@code count} exceeds every batch before.\n")
        .addParameter(int.class, "count")
        .beginControlFlow("if (count <= $N.length)", vectors.inputs())
        .addStatement("return")
        .endControlFlow();
    for (FieldSpec field : vectors.slotted()) {
      // The initializer is new T[SLOTS][n] (or [SLOTS][] for x and d); the grown array has count rows.
      method.addStatement("$N = $L", field, field.initializer().toString().replace("[SLOTS]", "[count]"));
    }
    return method.build();
  }

  /** The constant SLOTS, for a slotted trainer. */
  FieldSpec constant() {
    return FieldSpec.builder(int.class, "SLOTS", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
        .initializer("$L", count)
        .addJavadoc("The samples of a batch that go through the network together, each in its slot of u, z\n"
            + "and δ: a looped layer copies each row of its parameters out once for all of them.\n")
        .build();
  }

  /**
   * {@code body}, written for one sample: as it is without slots; with slots, inside
   * {@code for (int s = 0; s < count; s++)}, with slot s's rows of the vectors it names.
   */
  void forEach(MethodSpec.Builder method, BiConsumer<MethodSpec.Builder, Sample> body) {
    Sample sample = new Sample(vectors);
    MethodSpec.Builder scratch = MethodSpec.methodBuilder("body");
    body.accept(scratch, sample);
    CodeBlock code = scratch.build().code();
    if (!slotted()) {
      method.addCode(code);
      return;
    }
    method.beginControlFlow("for (int s = 0; s < count; s++)");
    declare(method, sample);
    method.addCode(code).endControlFlow();
  }

  /** {@code double[] u1 = this.u1[s];} and so on, for each vector {@code sample} named. */
  void declare(MethodSpec.Builder method, Sample sample) {
    for (FieldSpec vector : vectors.perSample()) {
      if (sample.uses(vector)) {
        method.addStatement("$T $N = this.$N[s]", array, vector, vector);
      }
    }
    if (sample.usesX()) {
      method.addStatement("$T x = $N[s]", array, vectors.inputs());
    }
    if (sample.usesD()) {
      method.addStatement("$T d = $N[s]", array, vectors.targets());
    }
  }
}
