package org.deltagen.codegen;

import java.util.Map;
import org.deltagen.derive.ElementwiseActivation;
import org.deltagen.derive.InvertedDropout;
import org.deltagen.derive.LossOperation;
import org.deltagen.derive.Normalization;
import org.deltagen.derive.Operation;
import org.deltagen.derive.SkipConnection;
import org.deltagen.derive.Softmax;
import org.deltagen.derive.WeightedSum;

/** The table from each kind of operation to its writer, through which the passes are written. */
final class OperationWriters {
  private final Map<Class<? extends Operation>, Entry<?>> table;

  OperationWriters(TrainerContext context) {
    this.table = Map.of(
        WeightedSum.class, new Entry<>(WeightedSum.class, OperationWriters::weightedSums),
        ElementwiseActivation.class, new Entry<>(ElementwiseActivation.class, new ActivationWriter(context)),
        Softmax.class, new Entry<>(Softmax.class, new SoftmaxWriter(context)),
        LossOperation.class, new Entry<>(LossOperation.class, new LossWriter(context)),
        SkipConnection.class, new Entry<>(SkipConnection.class, new SkipWriter(context)),
        Normalization.class, new Entry<>(Normalization.class, new NormWriter(context)),
        InvertedDropout.class, new Entry<>(InvertedDropout.class, new DropoutWriter(context)));
  }

  /** The operation's forward lines, by its writer. */
  void forward(Operation operation, OperationWriter.Pass pass) {
    entry(operation).forward(operation, pass);
  }

  /** The δ the operation passes back, by its writer. */
  void backward(Operation operation, OperationWriter.Pass pass) {
    entry(operation).backward(operation, pass);
  }

  /** u^l of every sample, laid out as its layer's layout chose; ∂E/∂w^l is written after every δ. */
  private static void weightedSums(WeightedSum sum, OperationWriter.Pass pass) {
    pass.cite(sum.forward());
    pass.layout(sum.layer()).weightedSums(pass.method());
  }

  private Entry<?> entry(Operation operation) {
    Entry<?> entry = table.get(operation.getClass());
    if (entry == null) {
      throw new IllegalStateException("no writer for " + operation);
    }
    return entry;
  }

  /** A writer with the class it writes, so that an operation reaches it with its own type. */
  private record Entry<O extends Operation>(Class<O> type, OperationWriter<O> writer) {
    void forward(Operation operation, OperationWriter.Pass pass) {
      writer.forward(type.cast(operation), pass);
    }

    void backward(Operation operation, OperationWriter.Pass pass) {
      writer.backward(type.cast(operation), pass);
    }
  }
}
