package org.deltagen.codegen;

import com.palantir.javapoet.MethodSpec;
import java.util.ArrayList;
import java.util.List;
import org.deltagen.network.NetworkSpec;

/**
 * ∂E/∂z^l_j in code: the sum over z^l's consumers, Σ_k δ^{l+1}_k w^{l+1}_{jk} from the weighted
 * sums of layer l + 1 plus ∂E/∂z^m_j of each layer m whose skip adds z^l. A layer that keeps
 * ∂E/∂z^l in a buffer of its own (it has a skip, which passes it back) computes it once there;
 * its δ^l then reads it back. Any operation that needs ∂E/∂z^l before f_l' asks here.
 */
final class OutputGradients {
  private final NetworkSpec spec;
  private final Vectors vectors;

  OutputGradients(NetworkSpec spec, Vectors vectors) {
    this.spec = spec;
    this.vectors = vectors;
  }

  /** Whether ∂E/∂z^l is kept in its own buffer. */
  boolean kept(int l) {
    return vectors.outputGradient(l) != null;
  }

  /** {@code sum} = ∂E/∂z^l_j for unit j of a loop, summed over z^l's consumers. */
  void sum(MethodSpec.Builder method, Sample sample, int l, WeightedSumLayout next) {
    next.sumDeltaToInput(method, sample);
    for (int m : spec.skipsFrom(l)) {
      method.addStatement("sum += $L[j]", sample.outputGradient(m));
    }
  }

  /** {@code sum} = ∂E/∂z^l_j: read from its buffer where it is kept, else summed. */
  void read(MethodSpec.Builder method, Sample sample, int l, WeightedSumLayout next, ElementType element) {
    if (kept(l)) {
      method.addStatement("$L sum = $L[j]", element.keyword(), sample.outputGradient(l));
    } else {
      sum(method, sample, l, next);
    }
  }

  /** ∂E/∂z^l_j of unit {@code j} written out, in the order of {@link #sum}'s loop. */
  JavaExpression sumOf(Sample sample, int l, WeightedSumLayout next, int j) {
    List<JavaExpression> terms = new ArrayList<>(List.of(next.deltaToInput(sample, j)));
    for (int m : spec.skipsFrom(l)) {
      terms.add(JavaExpression.primary(sample.outputGradient(m) + "[" + j + "]"));
    }
    return JavaExpression.sum(terms);
  }

  /** ∂E/∂z^l_j of unit {@code j}: its buffer's element where it is kept, else written out. */
  JavaExpression readOf(Sample sample, int l, WeightedSumLayout next, int j) {
    return kept(l) ? JavaExpression.primary(sample.outputGradient(l) + "[" + j + "]") : sumOf(sample, l, next, j);
  }
}
