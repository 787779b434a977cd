package org.deltagen.codegen;

import com.palantir.javapoet.MethodSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deltagen.derive.Step;

/**
 * Which generated method implements which step of the derivation, as the writers recorded it
 * while they wrote the method's javadoc and comments.
 */
public final class Citations {
  private final Map<String, String> byLabel;

  private Citations(Map<String, String> byLabel) {
    this.byLabel = Map.copyOf(byLabel);
  }

  /** Step label → the first method, in source order, that cites that step: {@code forward()}. */
  public Map<String, String> byLabel() {
    return byLabel;
  }

  /** Collects the steps each method cites while the trainer is written. */
  static final class Recorder {
    /** By method: a method equals another of the same source, so one written twice is one. */
    private final Map<MethodSpec, List<Step>> cited = new HashMap<>();

    /** Records that {@code method} cites {@code steps}, in the order it cites them; returns it. */
    MethodSpec cite(MethodSpec method, List<Step> steps) {
      cited.computeIfAbsent(method, m -> new ArrayList<>()).addAll(steps);
      return method;
    }

    /** The record, each step attributed to the first of {@code methods} (source order) citing it. */
    Citations build(List<MethodSpec> methods) {
      Map<String, String> byLabel = new LinkedHashMap<>();
      for (MethodSpec method : methods) {
        for (Step step : cited.getOrDefault(method, List.of())) {
          byLabel.putIfAbsent(step.label(), method.name() + "()");
        }
      }
      return new Citations(byLabel);
    }
  }
}
