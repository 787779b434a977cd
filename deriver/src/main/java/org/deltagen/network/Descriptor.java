package org.deltagen.network;

import java.util.Arrays;
import java.util.List;

/**
 * What the descriptor tables of optimizers, initializers and schedules share: a spec keyword and
 * the hyper-parameters the statement takes, held by each entry as one {@link Entry}.
 */
public interface Descriptor {
  /**
   * One statement as a spec writes it.
   *
   * @param keyword the spec-file keyword
   * @param torchName the PyTorch class it follows, e.g. StepLR; empty where none is named
   * @param parameters its options, in the order a usage message lists them
   * @param usage what the statement takes, for an error message
   */
  record Entry(String keyword, String torchName, List<HyperParameter> parameters, String usage) {
    public Entry {
      parameters = List.copyOf(parameters);
    }
  }

  /** This table entry's statement. */
  Entry entry();

  /** The spec-file keyword. */
  default String keyword() {
    return entry().keyword();
  }

  /** The PyTorch class it follows; empty where none is named. */
  default String torchName() {
    return entry().torchName();
  }

  /** Its options, in the order a usage message lists them. */
  default List<HyperParameter> parameters() {
    return entry().parameters();
  }

  /** What the statement takes, for an error message. */
  default String usage() {
    return entry().usage();
  }

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
