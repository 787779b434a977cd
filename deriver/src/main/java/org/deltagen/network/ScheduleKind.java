package org.deltagen.network;

import static org.deltagen.network.HyperParameter.Range.COUNT;
import static org.deltagen.network.HyperParameter.Range.NON_NEGATIVE;
import static org.deltagen.network.HyperParameter.Range.POSITIVE;
import static org.deltagen.network.HyperParameter.number;

import java.util.List;

/**
 * The descriptor of each learning-rate schedule: its keyword, the {@code torch.optim.lr_scheduler}
 * class whose closed form it computes, its options with their defaults (NaN: required), and the
 * usage line a spec's error shows. The rate itself is written by the {@link Schedule} records.
 */
public enum ScheduleKind implements Descriptor {
  CONSTANT("constant", "", List.of(), "constant takes no options"),
  STEP("step", "StepLR", List.of(number("size", Double.NaN, COUNT, "s", "s", "STEP_SIZE"),
      number("gamma", 0.1, POSITIVE, "γ", "\\gamma", "GAMMA")),
      "step takes size and gamma, e.g. schedule step size=30 gamma=0.1"),
  EXPONENTIAL("exponential", "ExponentialLR", List.of(number("gamma", Double.NaN, POSITIVE, "γ", "\\gamma", "GAMMA")),
      "exponential takes gamma, e.g. schedule exponential gamma=0.95"),
  COSINE("cosine", "CosineAnnealingLR", List.of(number("period", Double.NaN, COUNT, "T", "T", "PERIOD"),
      number("min-lr", 0, NON_NEGATIVE, "η_min", "\\eta_{\\min}", "MINIMUM_LEARNING_RATE")),
      "cosine takes period and min-lr, e.g. schedule cosine period=100");

  private final Entry entry;

  ScheduleKind(String keyword, String torchName, List<HyperParameter> parameters, String usage) {
    this.entry = new Entry(keyword, torchName, parameters, usage);
  }

  /** Its statement; the lr_scheduler class is empty for the constant rate, which needs none. */
  @Override
  public Entry entry() {
    return entry;
  }
}
