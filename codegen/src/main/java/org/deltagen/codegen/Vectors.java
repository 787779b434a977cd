package org.deltagen.codegen;

import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.TypeSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.lang.model.element.Modifier;
import org.deltagen.network.NetworkSpec;

/**
 * The trainer's arrays: w and g, and per layer l the vectors u^l, z^l and δ^l of a sample (one
 * row per slot when the trainer works in slots), with log z^L for a softmax output whose loss
 * takes its log. Every one is allocated once, by the field's initializer.
 */
final class Vectors {
  private final ElementType element;
  private final boolean slotted;
  private final FieldSpec w;
  private final FieldSpec g;
  private final List<FieldSpec> u = new ArrayList<>();
  private final List<FieldSpec> z = new ArrayList<>();
  private final List<FieldSpec> delta = new ArrayList<>();
  private final FieldSpec logZ;
  private final FieldSpec inputs;
  private final FieldSpec targets;
  private final FieldSpec rowCopy;
  /** The per-sample vectors in declaration order, which their slot aliases follow. */
  private final List<FieldSpec> perSample = new ArrayList<>();

  /**
   * {@code slotted} trainers keep a row per slot; {@code rowCopyLength} is the length of the
   * buffer a row-copying layer copies its rows into (0 for none); {@code logZ} whether the
   * output layer keeps log z.
   */
  Vectors(NetworkSpec spec, ElementType element, boolean slotted, int rowCopyLength, boolean logZ) {
    this.element = element;
    this.slotted = slotted;
    this.w = buffer("w", "PARAMETERS", "The parameters w.");
    this.g = buffer("g", "PARAMETERS", "∂E/∂w, accumulated over a batch.");
    for (int l = 1; l <= spec.depth(); l++) {
      u.add(sampleBuffer("u" + l, spec.units(l), "u^" + l + ", the weighted sums of layer " + l));
      z.add(sampleBuffer("z" + l, spec.units(l), "z^" + l + " = f_" + l + "(u^" + l + ")"));
      delta.add(sampleBuffer("delta" + l, spec.units(l), "δ^" + l + " = ∂E/∂u^" + l));
      perSample.addAll(List.of(u.get(l - 1), z.get(l - 1), delta.get(l - 1)));
    }
    int depth = spec.depth();
    this.logZ = logZ ? sampleBuffer("logZ" + depth, spec.outputs(),
        "log z^" + depth + ", from the log-sum-exp of u^" + depth + ", so that the loss never takes log 0")
        : null;
    if (logZ) {
      perSample.add(this.logZ);
    }
    this.inputs = slotted ? slotBuffer("inputs", "",
        "The inputs x of the samples in the slots (the caller's arrays, not copies).") : null;
    this.targets = slotted ? slotBuffer("targets", "",
        "The targets d of the samples in the slots (the caller's arrays, not copies).") : null;
    this.rowCopy = rowCopyLength > 0 ? buffer("rowCopy", Integer.toString(rowCopyLength),
        "Rows of a wide layer's w, or one row of its g, copied out to be applied to every slot: C2\n"
            + "vectorizes the loops over it, which it does not over the flat array at a row's offset.")
        : null;
  }

  void addTo(TypeSpec.Builder type) {
    type.addField(w).addField(g);
    perSample.forEach(type::addField);
    for (FieldSpec slotted : new FieldSpec[] {inputs, targets, rowCopy}) {
      if (slotted != null) {
        type.addField(slotted);
      }
    }
    type.addField(
        FieldSpec.builder(Random.class, "shuffler", Modifier.PRIVATE, Modifier.FINAL)
            .initializer("new $T(SEED)", Random.class)
            .addJavadoc("Orders the samples of each epoch of {@link #fit}.\n")
            .build());
  }

  FieldSpec w() {
    return w;
  }

  FieldSpec g() {
    return g;
  }

  /** The slots' inputs, targets and row copy; null when the trainer has no slots. */
  FieldSpec inputs() {
    return inputs;
  }

  FieldSpec targets() {
    return targets;
  }

  FieldSpec rowCopy() {
    return rowCopy;
  }

  /** The field of u^l, z^l or δ^l, which in slots holds a row per slot. */
  FieldSpec u(int l) {
    return u.get(l - 1);
  }

  FieldSpec z(int l) {
    return z.get(l - 1);
  }

  FieldSpec delta(int l) {
    return delta.get(l - 1);
  }

  /** log z^L; null unless the output layer keeps it. */
  FieldSpec logZ() {
    return logZ;
  }

  /** L, the number of layers. */
  int depth() {
    return u.size();
  }

  /** The per-sample vectors, in the order their fields are declared. */
  List<FieldSpec> perSample() {
    return perSample;
  }

  /** A buffer of one sample's values: an array, or when slotted an array per slot. */
  private FieldSpec sampleBuffer(String name, int size, String doc) {
    return slotted
        ? slotBuffer(name, Integer.toString(size), doc + ", one row per slot.")
        : buffer(name, Integer.toString(size), doc + ".");
  }

  /** {@code new double[SLOTS][size]}, or {@code new double[SLOTS][]} for an empty size. */
  private FieldSpec slotBuffer(String name, String size, String doc) {
    return FieldSpec.builder(element.samples(), name, Modifier.PRIVATE, Modifier.FINAL)
        .initializer("new $L[SLOTS][$L]", element.keyword(), size)
        .addJavadoc("$L\n", doc)
        .build();
  }

  private FieldSpec buffer(String name, String size, String doc) {
    return FieldSpec.builder(element.array(), name, Modifier.PRIVATE, Modifier.FINAL)
        .initializer("new $L[$L]", element.keyword(), size)
        .addJavadoc("$L\n", doc)
        .build();
  }
}
