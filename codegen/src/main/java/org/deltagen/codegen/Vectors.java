package org.deltagen.codegen;

import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.TypeSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.lang.model.element.Modifier;
import org.deltagen.network.NetworkSpec;

/**
 * The trainer's arrays: w and g, and per layer l the vectors u^l, z^l and δ^l of a sample (one
 * row per slot when the trainer works in slots), ∂E/∂z^l where a skip passes it back, the
 * dropout mask m^l where layer l drops out, with log
 * z^L for a softmax output whose loss takes its log. Every one is allocated once, by the field's initializer.
 *
 * @param u u^l at index l − 1, and likewise z and δ: see {@link #u(int)}
 * @param outputGradients ∂E/∂z^l by layer l, for the layers with a skip, which passes it back
 * @param masks m^l by layer l, for the layers with a dropout
 * @param logZ log z^L; null unless the output layer keeps it
 * @param inputs the slots' inputs, and likewise their targets and the row copy; null when the
 *     trainer has no slots
 */
record Vectors(FieldSpec w, FieldSpec g, List<FieldSpec> u, List<FieldSpec> z, List<FieldSpec> delta,
    Map<Integer, FieldSpec> outputGradients, Map<Integer, Norm> norms, Map<Integer, FieldSpec> masks, FieldSpec logZ,
    FieldSpec inputs,
    FieldSpec targets, FieldSpec rowCopy) {
  Vectors {
    u = List.copyOf(u);
    z = List.copyOf(z);
    delta = List.copyOf(delta);
    outputGradients = Map.copyOf(outputGradients);
    norms = Map.copyOf(norms);
    masks = Map.copyOf(masks);
  }

  /**
   * The vectors of a layer's normalization: û^l (which f_l reads), x̂^l and 1/σ of each group (which
   * the backward pass reuses), and ∂E/∂û^l (which f_l' passes back). Batch norm's 1/σ is one per
   * unit for the whole batch, not per sample, and it keeps {@code statistics}.
   */
  record Norm(FieldSpec normalized, FieldSpec standardized, FieldSpec inverseDeviation, FieldSpec gradient,
      Statistics statistics) {
    /** The vectors with a row per slot. */
    List<FieldSpec> perSample() {
      return statistics == null ? List.of(normalized, standardized, inverseDeviation, gradient)
          : List.of(normalized, standardized, gradient);
    }
  }

  /**
   * Batch norm's per-unit statistics: μ_j and σ²_j of the batch in training, and the running mean
   * and variance, which are state (saved with the parameters) and which evaluation reads.
   */
  record Statistics(FieldSpec mean, FieldSpec variance, FieldSpec runningMean, FieldSpec runningVariance) {
    List<FieldSpec> all() {
      return List.of(mean, variance, runningMean, runningVariance);
    }
  }

  /**
   * {@code slotted} trainers keep a row per slot; {@code rowCopyLength} is the length of the
   * buffer a row-copying layer copies its rows into (0 for none); {@code logZ} whether the
   * output layer keeps log z.
   */
  static Vectors of(NetworkSpec spec, ElementType element, boolean slotted, int rowCopyLength, boolean logZ) {
    boolean growing = spec.layers().stream().anyMatch(layer -> layer.hasNorm() && layer.norm().overBatch());
    Buffers buffers = new Buffers(element, slotted, growing);
    List<FieldSpec> u = new ArrayList<>();
    List<FieldSpec> z = new ArrayList<>();
    List<FieldSpec> delta = new ArrayList<>();
    Map<Integer, FieldSpec> outputGradients = new HashMap<>();
    Map<Integer, Norm> norms = new HashMap<>();
    Map<Integer, FieldSpec> masks = new HashMap<>();
    for (int l = 1; l <= spec.depth(); l++) {
      if (spec.layer(l).hasNorm()) {
        norms.put(l, norm(spec, l, buffers));
      }
      u.add(buffers.sample("u" + l, spec.units(l), "u^" + l + ", the weighted sums of layer " + l));
      z.add(buffers.sample("z" + l, spec.units(l), "z^" + l + " = f_" + l + "(u^" + l + ")"));
      delta.add(buffers.sample("delta" + l, spec.units(l), "δ^" + l + " = ∂E/∂u^" + l));
      if (spec.layer(l).hasSkip()) {
        outputGradients.put(l, buffers.sample("dEdz" + l, spec.units(l),
            "∂E/∂z^" + l + ", which the skip into layer " + l + " passes back to z^" + spec.layer(l).skip().from()));
      }
      if (spec.layer(l).hasDropout()) {
        masks.put(l, buffers.sample("mask" + l, spec.units(l), "m^" + l + ", layer " + l
            + "'s dropout mask of the sample in training: 0 or KEPT" + l + ", drawn before its forward pass"));
      }
    }
    int depth = spec.depth();
    return new Vectors(
        buffers.flat("w", "PARAMETERS", "The parameters w."),
        buffers.flat("g", "PARAMETERS", "∂E/∂w, accumulated over a batch."),
        u, z, delta, outputGradients, norms, masks,
        logZ ? buffers.sample("logZ" + depth, spec.outputs(),
            "log z^" + depth + ", from the log-sum-exp of u^" + depth + ", so that the loss never takes log 0")
            : null,
        slotted ? buffers.slots("inputs", "",
            "The inputs x of the samples in the slots (the caller's arrays, not copies).") : null,
        slotted ? buffers.slots("targets", "",
            "The targets d of the samples in the slots (the caller's arrays, not copies).") : null,
        rowCopyLength > 0 ? buffers.flat("rowCopy", Integer.toString(rowCopyLength),
            "Rows of a wide layer's w, or one row of its g, copied out to be applied to every slot: C2\n"
                + "vectorizes the loops over it, which it does not over the flat array at a row's offset.")
            : null);
  }

  private static Norm norm(NetworkSpec spec, int l, Buffers buffers) {
    int units = spec.units(l);
    boolean batch = spec.layer(l).norm().overBatch();
    String size = Integer.toString(units);
    return new Norm(
        buffers.sample("uhat" + l, units, "û^" + l + ", u^" + l + " normalized, which f_" + l + " reads"),
        buffers.sample("xhat" + l, units, "x̂^" + l + " = (u^" + l + " − μ)/σ, before γ and β"),
        batch ? buffers.statistic("inverseSigma" + l, size, "1/σ_j = 1/√(σ²_j + ε) of each unit of layer " + l
                + ", of the batch in training, of the running variance in evaluation.")
            : buffers.sample("inverseSigma" + l, spec.layer(l).norm().groups(),
                "1/σ = 1/√(σ² + ε) of each group of layer " + l),
        buffers.sample("dEduhat" + l, units, "∂E/∂û^" + l + ", which f_" + l + "' passes back"),
        batch ? new Statistics(
            buffers.statistic("batchMean" + l, size, "μ_j of layer " + l + " over the batch of the last training pass."),
            buffers.statistic("batchVariance" + l, size,
                "σ²_j of layer " + l + " over the batch of the last training pass (the biased variance)."),
            buffers.statistic("runningMean" + l, size, "The running mean μ̄_j of layer " + l
                + ", which evaluation reads: state, saved with the parameters."),
            buffers.statistic("runningVariance" + l, size, "The running (unbiased) variance σ̄²_j of layer " + l
                + ", which evaluation reads: state, saved with the parameters; 1 at the start."))
            : null);
  }

  /** Whether some layer has batch norm, whose slots hold a whole batch and grow to it. */
  boolean batched() {
    return norms.values().stream().anyMatch(norm -> norm.statistics() != null);
  }

  /** The fields of the slots, which grow with the batch in a batched trainer: the per-sample ones, x and d. */
  List<FieldSpec> slotted() {
    List<FieldSpec> slotted = new ArrayList<>(perSample());
    slotted.add(inputs);
    slotted.add(targets);
    return slotted;
  }

  void addTo(TypeSpec.Builder type) {
    type.addField(w).addField(g);
    perSample().forEach(type::addField);
    for (int l = 1; l <= depth(); l++) {
      if (norm(l) != null && norm(l).statistics() != null) {
        type.addField(norm(l).inverseDeviation());
        norm(l).statistics().all().forEach(type::addField);
      }
    }
    for (FieldSpec slotted : new FieldSpec[] {inputs, targets, rowCopy}) {
      if (slotted != null) {
        type.addField(slotted);
      }
    }
    type.addField(
        FieldSpec.builder(Random.class, "shuffler", Modifier.PRIVATE, Modifier.FINAL)
            .addJavadoc("Orders the samples of each epoch of {@link #fit}.\n")
            .build());
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

  /** ∂E/∂z^l, kept where layer l has a skip; null elsewhere. */
  FieldSpec outputGradient(int l) {
    return outputGradients.get(l);
  }

  /** m^l, the dropout mask of layer l; null where it has no dropout. */
  FieldSpec mask(int l) {
    return masks.get(l);
  }

  /** The vectors of layer l's normalization; null where u^l is not normalized. */
  Norm norm(int l) {
    return norms.get(l);
  }

  /** L, the number of layers. */
  int depth() {
    return u.size();
  }

  /** The per-sample vectors in declaration order, which their slot aliases follow. */
  List<FieldSpec> perSample() {
    List<FieldSpec> perSample = new ArrayList<>();
    for (int l = 1; l <= depth(); l++) {
      perSample.addAll(List.of(u(l), z(l), delta(l)));
      if (norm(l) != null) {
        perSample.addAll(norm(l).perSample());
      }
      if (outputGradient(l) != null) {
        perSample.add(outputGradient(l));
      }
      if (mask(l) != null) {
        perSample.add(mask(l));
      }
    }
    if (logZ != null) {
      perSample.add(logZ);
    }
    return perSample;
  }

  /** A double per layer l, at index l − 1, for what the trainer measures of each layer. */
  static FieldSpec perLayer(String name, int depth, String doc) {
    return FieldSpec.builder(double[].class, name, Modifier.PRIVATE, Modifier.FINAL)
        .initializer("new double[$L]", depth)
        .addJavadoc("$L", doc)
        .build();
  }

  /**
   * Declares the arrays of a trainer, each allocated once, by its initializer; with {@code
   * growing} slots (batch norm), the slots' arrays are reallocated when a larger batch arrives.
   */
  private record Buffers(ElementType element, boolean slotted, boolean growing) {
    /** A buffer of one sample's values: an array, or when slotted an array per slot. */
    FieldSpec sample(String name, int size, String doc) {
      return slotted
          ? slots(name, Integer.toString(size), doc + ", one row per slot.")
          : flat(name, Integer.toString(size), doc + ".");
    }

    /** {@code new double[SLOTS][size]}, or {@code new double[SLOTS][]} for an empty size. */
    FieldSpec slots(String name, String size, String doc) {
      Modifier[] modifiers = growing ? new Modifier[] {Modifier.PRIVATE} : new Modifier[] {Modifier.PRIVATE, Modifier.FINAL};
      return FieldSpec.builder(element.samples(), name, modifiers)
          .initializer("new $L[SLOTS][$L]", element.keyword(), size)
          .addJavadoc("$L\n", doc)
          .build();
    }

    /** A double per unit, whatever the element type: statistics are taken in double, as the norm's locals are. */
    FieldSpec statistic(String name, String size, String doc) {
      return FieldSpec.builder(double[].class, name, Modifier.PRIVATE, Modifier.FINAL)
          .initializer("new double[$L]", size)
          .addJavadoc("$L\n", doc)
          .build();
    }

    FieldSpec flat(String name, String size, String doc) {
      return FieldSpec.builder(element.array(), name, Modifier.PRIVATE, Modifier.FINAL)
          .initializer("new $L[$L]", element.keyword(), size)
          .addJavadoc("$L\n", doc)
          .build();
    }
  }
}
