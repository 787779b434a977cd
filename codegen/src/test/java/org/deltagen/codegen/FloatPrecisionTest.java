package org.deltagen.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.palantir.javapoet.JavaFile;
import java.util.Map;
import java.util.Random;
import org.deltagen.network.Activation;
import org.deltagen.network.BatchReduction;
import org.deltagen.network.Initializer;
import org.deltagen.network.Loss;
import org.deltagen.network.NamedActivation;
import org.deltagen.network.NamedLoss;
import org.deltagen.network.NetworkSpec;
import org.deltagen.network.Optimizer;
import org.deltagen.network.Precision;
import org.deltagen.network.SpecException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code precision float}: the same API over float[], the same initial parameters rounded to
 * float, gradients and a loss curve that follow the double trainer's to float's precision, and a
 * gradient check loose enough for float yet tight enough to catch a 1% error.
 */
class FloatPrecisionTest {
  private static final int SAMPLES = 60;

  /** A 4-8-3 classifier, Xavier-initialized, trained by Adam on the mean of a batch. */
  private static NetworkSpec classifier(Precision precision) throws SpecException {
    return Specs.network("Classifier", 4)
        .layer(8, Activation.named(NamedActivation.TANH))
        .layer(3, Activation.named(NamedActivation.SOFTMAX))
        .loss(Loss.named(NamedLoss.CROSS_ENTROPY))
        .batch(BatchReduction.MEAN)
        .optimizer(new Optimizer.Adam(0.01, 0.9, 0.999, 1e-8, 0, false, true))
        .initializer(new Initializer.Scaled(Initializer.Scaled.Scheme.XAVIER, false, 7, 1.0))
        .precision(precision)
        .build();
  }

  @Test
  void aFloatTrainerHasTheDoubleApiOverFloatArrays() throws Exception {
    Class<?> trainer = Specs.compile(classifier(Precision.FLOAT));

    assertEquals(float[].class, trainer.getMethod("parameters").getReturnType());
    assertEquals(float[].class, trainer.getMethod("gradients").getReturnType());
    assertEquals(void.class, trainer.getMethod("predict", float[].class, float[].class).getReturnType());
    assertEquals(double.class, trainer.getMethod("loss", float[].class, float[].class).getReturnType());
    assertEquals(double.class, trainer.getMethod("backward", float[].class, float[].class).getReturnType());
    assertEquals(double.class, trainer.getMethod("step", float[][].class, float[][].class).getReturnType());
    trainer.getMethod("fit", float[][].class, float[][].class, int.class, int.class);
  }

  /** The classifier's double and float trainers, and a batch (inputs of seed 3) to compare them on. */
  private record Twins(Trainer doubles, Trainer floats, double[][] xs, double[][] ds) {
    static Twins of() throws SpecException {
      double[][] xs = Specs.uniformInputs(SAMPLES, 4, 3);
      return new Twins(new Trainer(Specs.compile(classifier(Precision.DOUBLE))),
          new Trainer(Specs.compile(classifier(Precision.FLOAT))), xs, targets(xs));
    }
  }

  @Test
  void aFloatTrainerStartsFromTheDoubleTrainersDrawsRoundedToFloat() throws SpecException {
    Twins twins = Twins.of();
    Trainer doubles = twins.doubles();
    Trainer floats = twins.floats();

    assertEquals(doubles.parameterCount(), floats.parameterCount());
    for (int p = 0; p < doubles.parameterCount(); p++) {
      assertEquals((float) doubles.parameter(p), floats.parameter(p), "w_" + p);
    }
  }

  @Test
  void floatGradientsAgreeWithDoubleGradients() throws SpecException {
    Twins twins = Twins.of();
    for (int p = 0; p < twins.doubles().parameterCount(); p++) {
      twins.doubles().setParameter(p, twins.floats().parameter(p));
    }
    for (int s = 0; s < 5; s++) {
      twins.doubles().backward(twins.xs()[s], twins.ds()[s]);
      twins.floats().backward(twins.xs()[s], twins.ds()[s]);
    }

    double[] expected = twins.doubles().gradientValues();
    double[] actual = twins.floats().gradientValues();
    for (int p = 0; p < expected.length; p++) {
      // Five samples of float arithmetic: a few ulps of float, relative to the gradient's size.
      assertEquals(expected[p], actual[p], 1e-5 * Math.max(1, Math.abs(expected[p])), "∂E/∂w_" + p);
    }
  }

  @Test
  void aFloatTrainerTracksTheDoubleTrainersLossCurve() throws SpecException {
    Twins twins = Twins.of();

    double first = 0;
    double last = 0;
    for (int step = 0; step < 200; step++) {
      double expected = twins.doubles().step(twins.xs(), twins.ds());
      double actual = twins.floats().step(twins.xs(), twins.ds());
      assertEquals(expected, actual, 1e-3 * expected, "batch error before step " + step);
      first = step == 0 ? expected : first;
      last = expected;
    }
    assertTrue(last < first / 4, "the classifier learns: " + first + " → " + last);
  }

  /**
   * Adam's per-parameter arithmetic in float, as torch does for float32 parameters: each step,
   * from the gradients the trainer accumulated, m, v and w computed here in float with the step's
   * scalars computed in double and rounded once, equal the trainer's to the bit.
   */
  @Test
  void aFloatTrainerUpdatesInFloatArithmetic() throws SpecException {
    Trainer trainer = new Trainer(Specs.compile(classifier(Precision.FLOAT)));
    double[][] xs = Specs.uniformInputs(SAMPLES, 4, 5);
    double[][] ds = targets(xs);
    int count = trainer.parameterCount();
    float[] m = new float[count];
    float[] v = new float[count];
    for (int t = 1; t <= 5; t++) {
      double[] before = trainer.parameterValues();
      trainer.step(xs, ds);
      double[] g = trainer.gradientValues();
      float scale = (float) (1.0 / SAMPLES);
      float stepSize = (float) (0.01 / (1.0 - Math.pow(0.9, t)));
      float correction2 = (float) Math.sqrt(1.0 - Math.pow(0.999, t));
      for (int p = 0; p < count; p++) {
        float w = (float) before[p];
        float gp = scale * (float) g[p] + 0.0f * w;
        m[p] = 0.9f * m[p] + 0.1f * gp;
        v[p] = 0.999f * v[p] + 0.001f * gp * gp;
        w -= stepSize * m[p] / ((float) Math.sqrt(v[p]) / correction2 + 1e-8f);
        assertEquals(Float.floatToRawIntBits(w), Float.floatToRawIntBits((float) trainer.parameter(p)),
            "w_" + p + " after step " + t + ": float arithmetic gives " + w + ", the trainer " + trainer.parameter(p));
      }
    }
  }

  @Test
  void theFloatCheckCatchesAOnePercentGradientError() throws SpecException {
    NetworkSpec spec = classifier(Precision.FLOAT);
    JavaFile file = Specs.generate(spec);
    String correct = file.toString();
    String wrong = correct.replace("g[W1 + 8] += x[0] * delta1[0];", "g[W1 + 8] += 1.01f * x[0] * delta1[0];");
    assertFalse(wrong.equals(correct), "∂E/∂w^1_{1,1} is computed where the test expects it");
    String name = InMemoryCompiler.qualifiedName(file);

    GradientCheck.Result passing =
        new GradientCheck(spec).run(new Trainer(InMemoryCompiler.compile(Map.of(name, correct)).load(name)), 5);
    GradientCheck.Result failing =
        new GradientCheck(spec).run(new Trainer(InMemoryCompiler.compile(Map.of(name, wrong)).load(name)), 5);

    assertTrue(passing.passed(), passing::toString);
    assertFalse(failing.passed(), failing::toString);
    assertEquals("w^1_{1,1}", failing.worst().name(), failing::toString);
  }

  /** Explicit parameters as an array literal (≤ 512) and as Base64 of float bits (more). */
  @ParameterizedTest(name = "{0} inputs")
  @ValueSource(ints = {4, 200})
  void explicitParametersAreRoundedToFloat(int inputs) throws SpecException {
    NetworkSpec shape = Specs.network("Explicit" + inputs, inputs)
        .layer(3, Activation.named(NamedActivation.TANH))
        .precision(Precision.FLOAT)
        .build();
    double[] values = new double[shape.parameterCount()];
    Random random = new Random(inputs);
    for (int p = 0; p < values.length; p++) {
      values[p] = random.nextGaussian() / 3;
    }
    NetworkSpec spec = Specs.network("Explicit" + inputs, inputs)
        .layer(3, Activation.named(NamedActivation.TANH))
        .precision(Precision.FLOAT)
        .initializer(new Initializer.Explicit(values, "gaussian draws"))
        .build();

    Trainer trainer = new Trainer(Specs.compile(spec));

    for (int p = 0; p < values.length; p++) {
      assertEquals((float) values[p], trainer.parameter(p), "w_" + p);
    }
  }

  /** One-hot classes from a fixed linear rule, so there is something to learn. */
  private static double[][] targets(double[][] xs) {
    double[][] ds = new double[xs.length][3];
    for (int s = 0; s < xs.length; s++) {
      double[] x = xs[s];
      double[] scores = {x[0] + x[1], x[2] - x[3], -x[0] + 0.5 * x[3]};
      int best = 0;
      for (int k = 1; k < 3; k++) {
        best = scores[k] > scores[best] ? k : best;
      }
      ds[s][best] = 1;
    }
    return ds;
  }
}
