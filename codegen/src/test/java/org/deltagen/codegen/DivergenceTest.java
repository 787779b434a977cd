package org.deltagen.codegen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.deltagen.network.Activation;
import org.deltagen.network.BatchReduction;
import org.deltagen.network.Initializer;
import org.deltagen.network.NamedActivation;
import org.deltagen.network.NetworkSpec;
import org.deltagen.network.Optimizer;
import org.deltagen.network.Precision;
import org.deltagen.network.SpecException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A step whose batch error or gradient is not finite is refused (seed 002: NaN and infinity are
 * the sign of exploding gradients): step throws an ArithmeticException naming the first
 * non-finite layer and what made it so, and leaves the parameters and the optimizer's state
 * (moments, t, η) bit for bit as they were, which the trainer's own save with state shows.
 */
class DivergenceTest {
  private static final double[][] XS = Specs.uniformInputs(6, 3, 11);
  private static final double[][] DS = targets(XS);

  private static Class<?> adam;

  @BeforeAll
  static void compile() throws Exception {
    adam = Specs.compile(Specs.network("Diverging", 3)
        .layer(4, Activation.named(NamedActivation.TANH))
        .layer(2, Activation.named(NamedActivation.IDENTITY))
        .batch(BatchReduction.MEAN)
        .optimizer(new Optimizer.Adam(0.01, 0.9, 0.999, 1e-8, 0, false, true))
        .initializer(new Initializer.Normal(5, 0.5))
        .build());
  }

  /** An Adam trainer two steps in: its moments and t are not at their initial values. */
  private static GeneratedTrainer trained() throws Exception {
    GeneratedTrainer trainer = GeneratedTrainer.of(adam);
    trainer.call("step", XS, DS);
    trainer.call("step", XS, DS);
    return trainer;
  }

  @Test
  void aNaNInputIsNamed() throws Exception {
    double[][] xs = poisoned(XS, 4, 2, Double.NaN);
    assertRefused(xs, DS, "step: the gradient of layer 1 is NaN: the input xs[4][2] is NaN");
  }

  @Test
  void anInfiniteInputIsNamed() throws Exception {
    // tanh(±∞) = ±1 is finite, but tanh' = 1 − z² = 0 makes δ¹ = 0 and ∂E/∂w¹ = δ¹·x = 0·∞ = NaN
    double[][] xs = poisoned(XS, 0, 1, Double.POSITIVE_INFINITY);
    assertRefused(xs, DS, "step: the gradient of layer 1 is NaN: the input xs[0][1] is Infinity");
  }

  @Test
  void aNaNTargetIsNamed() throws Exception {
    assertRefused(XS, poisoned(DS, 5, 0, Double.NaN), "step: the gradient of layer 1 is NaN: the target ds[5][0] is NaN");
  }

  @Test
  void anInfiniteTargetIsNamed() throws Exception {
    // δ² = y − d = ∞ at unit 1; δ¹ = Σ_k δ²_k w²_{jk} tanh' is ±∞, and so is ∂E/∂w¹ (x and 1 are finite, not 0)
    assertRefused(XS, poisoned(DS, 2, 0, Double.NEGATIVE_INFINITY),
        "step: the gradient of layer 1 is infinite: the target ds[2][0] is -Infinity");
  }

  @Test
  void aNonFiniteParameterIsNamed() throws Exception {
    GeneratedTrainer trainer = trained();
    // An infinite weight into tanh would only saturate it (tanh(±∞) = ±1, tanh' = 0): E and g stay finite.
    ((double[]) trainer.call("parameters"))[4 + 3] = Double.NaN;
    byte[] before = state(trainer);
    ArithmeticException refused = assertThrows(ArithmeticException.class, () -> trainer.call("step", XS, DS));
    assertEquals("step: the gradient of layer 1 is NaN: the parameter w^1_{1,4} is NaN", refused.getMessage());
    assertArrayEquals(before, state(trainer), "the parameters and the optimizer's state are as they were");
  }

  /** Without clipping, η = 10⁶ on a linear net multiplies the weights by about 10⁶ per step until E overflows. */
  @Test
  void aLearningRateThatExplodesIsRefusedWhereTheErrorOverflows() throws Exception {
    NetworkSpec linear = Specs.network("Exploding", 3)
        .layer(4, Activation.named(NamedActivation.IDENTITY))
        .layer(1, Activation.named(NamedActivation.IDENTITY))
        .optimizer(new Optimizer.Sgd(1e6))
        .initializer(new Initializer.Normal(2, 0.5))
        .build();
    GeneratedTrainer trainer = GeneratedTrainer.of(linear);
    double[][] ds = {{1}, {0}, {1}, {0}, {1}, {0}};
    List<Double> errors = new ArrayList<>();
    ArithmeticException refused = null;
    byte[] before = null;
    for (int step = 0; step < 100 && refused == null; step++) {
      before = state(trainer);
      try {
        errors.add((double) trainer.call("step", XS, ds));
      } catch (ArithmeticException e) {
        refused = e;
      }
    }
    assertTrue(refused != null, "refused within 100 steps; errors " + errors);
    assertEquals(3, errors.size(), "E grows 2, 3e25, 4e102, then overflows: " + errors);
    assertEquals("step: the gradient of layer 1 overflows (its values are finite, the sum of their squares is not):"
        + " the error E is Infinity; lower the learning rate or clip", refused.getMessage());
    assertArrayEquals(before, state(trainer), "the refused step changed nothing");
    for (double parameter : trainer.parameters()) {
      assertTrue(Double.isFinite(parameter), "no parameter became NaN or infinite: " + parameter);
    }
  }

  // ---- a trainer with a looped layer, whose gradient is bounded through δ and z, not read -------

  private static NetworkSpec wide(String name) {
    return wide(name, Precision.DOUBLE);
  }

  private static NetworkSpec wide(String name, Precision precision) {
    try {
      return Specs.network(name, 3)
          .precision(precision)
          .layer(64, Activation.named(NamedActivation.TANH))
          .layer(2, Activation.named(NamedActivation.IDENTITY))
          .optimizer(new Optimizer.Adam(0.01, 0.9, 0.999, 1e-8, 0, false, true))
          .initializer(new Initializer.Normal(6, 0.3))
          .build();
    } catch (SpecException e) {
      throw new AssertionError(e);
    }
  }

  /** An infinite input saturates tanh, so E stays finite: only the bound, infinite too, catches ∂E/∂w¹ = 0·∞. */
  @Test
  void aWideLayersNonFiniteGradientIsFoundThroughItsBound() throws Exception {
    GeneratedTrainer trainer = GeneratedTrainer.of(wide("WideInfinite"));
    assertTrue(Specs.generate(wide("WideInfinite")).toString().contains("measureBlock(count);"), "a bounded layer");
    trainer.call("step", XS, DS);
    byte[] before = state(trainer);
    double[][] xs = poisoned(XS, 2, 1, Double.POSITIVE_INFINITY);
    assertTrue(Double.isFinite((double) trainer.call("loss", xs, DS)), "E is finite");
    ArithmeticException refused = assertThrows(ArithmeticException.class, () -> trainer.call("step", xs, DS));
    assertEquals("step: the gradient of layer 1 is NaN: the input xs[2][1] is Infinity", refused.getMessage());
    assertArrayEquals(before, state(trainer));
  }

  /** A float trainer's check, its sums of squares taken in double, refuses the same batches. */
  @Test
  void aFloatTrainerRefusesToo() throws Exception {
    for (NetworkSpec spec : new NetworkSpec[] {wide("WideFloat", Precision.FLOAT),
        Specs.network("SmallFloat", 3).precision(Precision.FLOAT).layer(4, Activation.named(NamedActivation.TANH))
            .layer(2, Activation.named(NamedActivation.IDENTITY)).initializer(new Initializer.Normal(5, 0.5)).build()}) {
      GeneratedTrainer trainer = GeneratedTrainer.of(spec);
      trainer.call("step", trainer.samples(XS), trainer.samples(DS));
      byte[] before = state(trainer);
      Object xs = trainer.samples(poisoned(XS, 1, 0, Double.POSITIVE_INFINITY));
      ArithmeticException refused = assertThrows(ArithmeticException.class,
          () -> trainer.call("step", xs, trainer.samples(DS)));
      assertEquals("step: the gradient of layer 1 is NaN: the input xs[1][0] is Infinity", refused.getMessage(), spec.name());
      assertArrayEquals(before, state(trainer), spec.name());
    }
  }

  /**
   * Where ‖δ‖ ‖z‖ exceeds the bound the gradient is summed, and a large but finite one is applied:
   * an input of 10¹⁵¹ on a weightless row and a target of 10¹⁵¹ in another sample make the bound
   * about 10³⁰², while each ∂E/∂w stays near 10¹⁵¹ or below and E near 10³⁰².
   */
  @Test
  void aWideLayersLargeFiniteGradientIsSummedAndApplied() throws Exception {
    GeneratedTrainer trainer = GeneratedTrainer.of(wide("WideLarge"));
    double[] w = (double[]) trainer.call("parameters");
    for (int j = 0; j < 64; j++) {
      w[64 * 3 + j] = 0; // w^1_{3,j}: input 3 reaches no unit
    }
    double[][] xs = {{0.5, -0.2, 1e151}, {0.1, 0.3, -0.4}};
    double[][] ds = {{0.2, 0.1}, {1e151, 0}};
    double[] before = trainer.parameters();
    double error = (double) trainer.call("step", xs, ds);
    assertTrue(Double.isFinite(error) && error > 1e300, "E = " + error);
    double[] after = trainer.parameters();
    boolean moved = false;
    for (int p = 0; p < after.length; p++) {
      assertTrue(Double.isFinite(after[p]), "w_" + p);
      moved |= after[p] != before[p];
    }
    assertTrue(moved, "the step was applied");
  }

  /** fit stops at the batch it refuses, with the epoch; the listener hears of each non-finite layer first. */
  @Test
  void fitStopsWithTheEpochAndWarnsTheListener() throws Exception {
    GeneratedTrainer trainer = GeneratedTrainer.of(adam);
    trainer.call("fit", XS, DS, 2, XS.length);
    byte[] before = state(trainer);
    List<String> heard = new ArrayList<>();
    Object listener = listener(trainer, heard, false);

    ArithmeticException refused = assertThrows(ArithmeticException.class,
        () -> trainer.fit(poisoned(XS, 3, 0, Double.NaN), DS, 5, XS.length, null, null, 0, listener));

    assertEquals("fit, epoch 2: the gradient of layer 1 is NaN: the input xs[3][0] is NaN", refused.getMessage());
    assertEquals(List.of("gradientWarning epoch 2 layer 1 norm NaN exploding", "gradientWarning epoch 2 layer 2 norm NaN exploding"),
        heard, "no epochEnded for the refused epoch, a warning per non-finite layer");
    assertEquals(2, trainer.call("epoch"));
    assertArrayEquals(before, state(trainer), "the full batch of epoch 2 was refused: nothing changed");
  }

  @Test
  void theDefaultWarningSaysANonFiniteNormDiverged() throws Exception {
    GeneratedTrainer trainer = GeneratedTrainer.of(adam);
    Object listener = listener(trainer, new ArrayList<>(), true);
    String printed = StandardError.during(() -> assertThrows(ArithmeticException.class,
        () -> trainer.fit(XS, poisoned(DS, 0, 1, Double.POSITIVE_INFINITY), 1, 2, null, null, 0, listener)));
    assertTrue(printed.startsWith("Diverging: epoch 0: the gradient norm of layer 1 is "), printed);
    assertTrue(printed.contains("Diverging: epoch 0: the gradient norm of layer 2 is Infinity: diverged"), printed);
  }

  // ---- helpers ----------------------------------------------------------------------------------

  /** A Listener recording its calls; with {@code printing}, gradientWarning runs its default. */
  private static Object listener(GeneratedTrainer trainer, List<String> heard, boolean printing) {
    InvocationHandler handler = (proxy, method, arguments) -> {
      if (method.getName().equals("gradientWarning")) {
        heard.add("gradientWarning epoch " + arguments[0] + " layer " + arguments[1] + " norm " + arguments[2]
            + ((Boolean) arguments[4] ? " vanishing" : " exploding"));
        return printing ? InvocationHandler.invokeDefault(proxy, method, arguments) : null;
      }
      heard.add(method.getName() + " epoch " + arguments[0]);
      return null;
    };
    return Proxy.newProxyInstance(trainer.listenerType.getClassLoader(), new Class<?>[] {trainer.listenerType}, handler);
  }

  private static void assertRefused(double[][] xs, double[][] ds, String expected) throws Exception {
    GeneratedTrainer trainer = trained();
    byte[] before = state(trainer);
    ArithmeticException refused = assertThrows(ArithmeticException.class, () -> trainer.call("step", xs, ds));
    assertEquals(expected, refused.getMessage());
    assertArrayEquals(before, state(trainer), "the parameters and the optimizer's state are as they were");
  }

  /** The trainer's parameters, optimizer state, t, epoch count and η, as its save writes them. */
  private static byte[] state(GeneratedTrainer trainer) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    trainer.call("save", bytes, true);
    return bytes.toByteArray();
  }

  private static double[][] poisoned(double[][] samples, int sample, int index, double value) {
    double[][] copy = new double[samples.length][];
    for (int s = 0; s < samples.length; s++) {
      copy[s] = samples[s].clone();
    }
    copy[sample][index] = value;
    return copy;
  }

  private static double[][] targets(double[][] xs) {
    double[][] ds = new double[xs.length][];
    for (int s = 0; s < xs.length; s++) {
      ds[s] = new double[] {xs[s][0] * xs[s][1], xs[s][2]};
    }
    return ds;
  }
}
