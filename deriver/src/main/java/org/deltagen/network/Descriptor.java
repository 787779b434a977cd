package org.deltagen.network;

import java.util.Arrays;
import java.util.List;

/**
 * What the descriptor tables of optimizers, initializers and schedules share: a spec keyword and
 * the hyper-parameters the statement takes.
 */
public interface Descriptor {
  /** The spec-file keyword. */
  String keyword();

  /** Its options, in the order a usage message lists them. */
  List<HyperParameter> parameters();

  /** The option named {@code option}. */
  default HyperParameter parameter(String option) {
    return parameters().stream().filter(p -> p.option().equals(option)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException(keyword() + " has no option " + option));
  }

  /** The option's default, e.g. 1 for normal's std. */
  default double defaultOf(String option) {
    return parameter(option).defaultValue();
  }

  /** The one of {@code table} with this keyword, or null. */
  static <D extends Descriptor> D forKeyword(D[] table, String keyword) {
    return Arrays.stream(table).filter(entry -> entry.keyword().equals(keyword)).findFirst().orElse(null);
  }

  /** Every keyword of {@code table}, in its order. */
  static List<String> keywords(Descriptor[] table) {
    return Arrays.stream(table).map(Descriptor::keyword).toList();
  }
}
