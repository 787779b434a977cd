package org.deltagen.codegen;

import org.deltagen.derive.SkipConnection;

/**
 * Writes a skip z^l = f_l(u^l) + z^k: forward, z^l_j += z^k_j after the activation wrote f_l(u^l)
 * into z^l; backward, ∂E/∂z^l into its own buffer, before δ^l reads it and the δ of layer k adds
 * it to its sum over z^k's consumers.
 */
record SkipWriter(TrainerContext context) implements OperationWriter<SkipConnection> {
  @Override
  public void forward(SkipConnection skip, Pass pass) {
    pass.cite(skip.forward());
    int l = skip.layer();
    context.slots().forEach(pass.method(), (body, sample) -> body
        .beginControlFlow("for (int j = 0; j < $L; j++)", context.spec().units(l))
        .addStatement("$L[j] += $L[j]", sample.z(l), skip.from() == 0 ? sample.x() : sample.z(skip.from()))
        .endControlFlow());
  }

  /** ∂E/∂z^l_j, summed over z^l's consumers: u^{l+1} and any skip that starts at z^l. */
  @Override
  public void backward(SkipConnection skip, Pass pass) {
    pass.cite(skip.outputGradient());
    int l = skip.layer();
    WeightedSumLayout next = pass.layout(l + 1);
    context.slots().forEach(pass.method(), (body, sample) -> {
      body.beginControlFlow("for (int j = 0; j < $L; j++)", context.spec().units(l));
      context.outputGradients().sum(body, sample, l, next);
      body.addStatement("$L[j] = sum", sample.outputGradient(l)).endControlFlow();
    });
  }
}
