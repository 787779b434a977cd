package org.deltagen.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.palantir.javapoet.MethodSpec;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.deltagen.derive.Derivation;
import org.deltagen.derive.LossOperation;
import org.deltagen.derive.Operation;
import org.deltagen.derive.Step;
import org.deltagen.network.NetworkSpec;
import org.junit.jupiter.api.Test;

class OperationWritersTest {
  @Test
  void eachWriterCitesTheForwardStepOfItsOperation() throws Exception {
    Derivation derivation = Specs.derive(Specs.xor());
    List<Step> cited = new ArrayList<>();
    Writing writing = Writing.of(derivation, cited);
    for (Operation operation : derivation.operations()) {
      writing.writers().forward(operation, writing.pass());
    }
    List<Step> forwardSteps = derivation.operations().stream()
        .filter(operation -> !(operation instanceof LossOperation)).map(Operation::forward).toList();
    assertEquals(forwardSteps, cited);
  }

  @Test
  void theLossAndTheHiddenActivationsWriteTheDeltas() throws Exception {
    Derivation derivation = Specs.derive(Specs.xor());
    List<Step> cited = new ArrayList<>();
    Writing writing = Writing.of(derivation, cited);
    List<Operation> operations = derivation.operations();
    for (int o = operations.size() - 1; o >= 0; o--) {
      writing.writers().backward(operations.get(o), writing.pass());
    }
    List<Step> deltas = new ArrayList<>();
    if (derivation.output().cancellationStep() != null) {
      deltas.add(derivation.output().cancellationStep());
    }
    deltas.add(derivation.graph().activation(2).deltaStep());
    deltas.add(derivation.graph().activation(1).deltaStep());
    assertEquals(deltas, cited);
  }

  @Test
  void anOperationWithoutAWriterIsNamed() throws Exception {
    Derivation derivation = Specs.derive(Specs.xor());
    List<Step> cited = new ArrayList<>();
    // A kind of operation the table has never heard of: all it can say is its name.
    Operation unknown = (Operation) Proxy.newProxyInstance(Operation.class.getClassLoader(),
        new Class<?>[] {Operation.class}, (proxy, method, arguments) ->
            method.getName().equals("toString") ? "unknown" : null);
    Writing writing = Writing.of(derivation, cited);
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> writing.writers().forward(unknown, writing.pass()));
    assertTrue(e.getMessage().contains("no writer for unknown"), e.getMessage());
  }

  /** The table over a derivation, and a pass into a scratch method that cites into {@code cited}. */
  private record Writing(OperationWriters writers, OperationWriter.Pass pass) {
    static Writing of(Derivation derivation, List<Step> cited) {
      NetworkSpec spec = derivation.spec();
      ElementType element = ElementType.of(spec.precision());
      Vectors vectors = Vectors.of(spec, element, false, 0, TrainerContext.usesLogSoftmax(derivation));
      TrainerContext context = new TrainerContext(derivation, vectors, Slots.of(vectors, element, 1));
      List<WeightedSumLayout> layouts = new ArrayList<>();
      for (int l = 1; l <= spec.depth(); l++) {
        layouts.add(WeightedSumLayout.of(context, l, TrainerGenerator.UNROLL_LIMIT));
      }
      MethodSpec.Builder method = MethodSpec.methodBuilder("pass").addParameter(double[].class, "x");
      return new Writing(new OperationWriters(context), new OperationWriter.Pass(method, l -> layouts.get(l - 1), cited));
    }
  }
}
