package org.deltagen.codegen;

import static org.deltagen.codegen.JavaComments.addComment;

import com.palantir.javapoet.MethodSpec;
import java.util.List;
import java.util.function.IntFunction;
import org.deltagen.derive.Operation;
import org.deltagen.derive.Step;

/**
 * The code of one kind of operation in the two passes. {@link OperationWriters} finds an
 * operation's writer by its class, so a new operation adds one writer and one entry there.
 */
interface OperationWriter<O extends Operation> {
  /** Writes the operation's forward lines into the pass, citing the steps they implement. */
  void forward(O operation, Pass pass);

  /**
   * Writes the δ the operation passes back, where it is computed: most pass nothing here, since
   * the δ of a vector is written once, at the operation that produces it.
   */
  default void backward(O operation, Pass pass) {}

  /** A pass being written: its method, the weighted-sum layouts by layer, and the steps it cites. */
  record Pass(MethodSpec.Builder method, IntFunction<WeightedSumLayout> layouts, List<Step> cited) {
    /** Layer l's weighted-sum layout. */
    WeightedSumLayout layout(int l) {
      return layouts.apply(l);
    }

    /** Comments the lines that follow with the step they implement, and cites it. */
    void cite(Step step) {
      addComment(method, step.citation());
      cited.add(step);
    }
  }
}
