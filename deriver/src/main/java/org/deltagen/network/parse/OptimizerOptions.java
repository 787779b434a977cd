package org.deltagen.network.parse;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.deltagen.network.ErrorCode;
import org.deltagen.network.HyperParameter;
import org.deltagen.network.Optimizer;
import org.deltagen.network.OptimizerKind;
import org.deltagen.network.SpecException;

/** The options of an optimizer statement, read as its {@link OptimizerKind} lists them. */
final class OptimizerOptions {
  private OptimizerOptions() {}

  static Optimizer read(OptimizerKind kind, Line line) throws SpecException {
    Set<String> keys = kind.parameters().stream().map(HyperParameter::option).collect(Collectors.toSet());
    Options options = Options.of(line, 2, keys, kind.usage());
    Map<String, Double> values = new HashMap<>();
    for (HyperParameter parameter : kind.parameters()) {
      values.put(parameter.option(), value(options, parameter));
    }
    if (kind == OptimizerKind.SGD && values.get("nesterov") != 0
        && (values.get("momentum") <= 0 || values.get("dampening") != 0)) {
      throw line.problem(ErrorCode.DG016, line.token(1).column(), "Nesterov momentum needs momentum > 0 and dampening 0",
          "e.g. optimizer sgd lr=0.1 momentum=0.9 nesterov=true");
    }
    return kind.create(values::get);
  }

  /** The option's value as given, or its default; a flag reads 1 for true. */
  private static double value(Options options, HyperParameter parameter) throws SpecException {
    if (parameter.isFlag()) {
      return options.bool(parameter.option(), parameter.defaultValue() != 0) ? 1 : 0;
    }
    HyperParameter.Range range = parameter.range();
    return options.number(parameter.option(), parameter.defaultValue(), range::contains, range.requirement());
  }
}
