package org.deltagen.codegen;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * A generated trainer class loaded in this JVM, driven through its public API (PRODUCT.md §4) so
 * the check and the demo use exactly what an application would call. A float trainer is driven
 * with double arrays too: its inputs are rounded to float on the way in and its parameters,
 * gradients and outputs widened on the way out.
 */
public final class Trainer {
  private final Object instance;
  private final boolean isFloat;
  private final Object parameters;
  private final Object gradients;
  private final MethodHandle zeroGradients;
  private final MethodHandle loss;
  /** trainingLoss where the trainer has modes, else loss. */
  private final MethodHandle trainingLoss;
  private final MethodHandle backward;
  private final MethodHandle predict;
  private final MethodHandle step;
  /** batchGradient and trainingLoss of a batch, where the trainer has batch norm; else null. */
  private final MethodHandle batchGradient;
  private final MethodHandle batchTrainingLoss;
  private final MethodHandle runningMean;
  private final MethodHandle runningVariance;

  /** A new instance of {@code trainerClass}, parameters initialized as its spec says. */
  public Trainer(Class<?> trainerClass) {
    try {
      MethodHandles.Lookup lookup = MethodHandles.publicLookup();
      this.instance = lookup.findConstructor(trainerClass, MethodType.methodType(void.class)).invoke();
      Class<?> array = trainerClass.getMethod("parameters").getReturnType();
      this.isFloat = array == float[].class;
      if (!isFloat && array != double[].class) {
        throw new NoSuchMethodException("parameters() returns " + array);
      }
      Class<?> samples = array.arrayType();
      MethodType sample = MethodType.methodType(double.class, array, array);
      this.parameters = bind(lookup, trainerClass, "parameters", MethodType.methodType(array)).invoke();
      this.gradients = bind(lookup, trainerClass, "gradients", MethodType.methodType(array)).invoke();
      this.zeroGradients = bind(lookup, trainerClass, "zeroGradients", MethodType.methodType(void.class));
      this.loss = bind(lookup, trainerClass, "loss", sample);
      this.trainingLoss = hasMethod(trainerClass, "trainingLoss", array)
          ? bind(lookup, trainerClass, "trainingLoss", sample) : loss;
      this.backward = bind(lookup, trainerClass, "backward", sample);
      this.predict = bind(lookup, trainerClass, "predict", MethodType.methodType(void.class, array, array));
      this.step = bind(lookup, trainerClass, "step", MethodType.methodType(double.class, samples, samples));
      MethodType batch = MethodType.methodType(double.class, samples, samples);
      boolean batched = hasMethod(trainerClass, "batchGradient", samples);
      this.batchGradient = batched ? bind(lookup, trainerClass, "batchGradient", batch) : null;
      this.batchTrainingLoss = batched ? bind(lookup, trainerClass, "trainingLoss", batch) : null;
      MethodType statistic = MethodType.methodType(double[].class, int.class);
      this.runningMean = batched ? bind(lookup, trainerClass, "runningMean", statistic) : null;
      this.runningVariance = batched ? bind(lookup, trainerClass, "runningVariance", statistic) : null;
    } catch (Throwable e) {
      throw new IllegalArgumentException(trainerClass + " is not a deltagen trainer", e);
    }
  }

  private MethodHandle bind(MethodHandles.Lookup lookup, Class<?> type, String name, MethodType signature)
      throws ReflectiveOperationException {
    return lookup.findVirtual(type, name, signature).bindTo(instance);
  }

  private static boolean hasMethod(Class<?> type, String name, Class<?> array) {
    try {
      type.getMethod(name, array, array);
      return true;
    } catch (NoSuchMethodException e) {
      return false;
    }
  }

  /** Whether the trainer was generated with {@code precision float}. */
  public boolean isFloat() {
    return isFloat;
  }

  /** PARAMETERS. */
  public int parameterCount() {
    return isFloat ? ((float[]) parameters).length : ((double[]) parameters).length;
  }

  /**
   * The trainer's live parameter array, of a double trainer.
   *
   * @throws UnsupportedOperationException for a float trainer; use {@link #parameter(int)}
   */
  public double[] parameters() {
    if (isFloat) {
      throw new UnsupportedOperationException("a float trainer's parameters are a float[]; use parameter(p)");
    }
    return (double[]) parameters;
  }

  /**
   * The trainer's live gradient array, of a double trainer.
   *
   * @throws UnsupportedOperationException for a float trainer; use {@link #gradientValues()}
   */
  public double[] gradients() {
    if (isFloat) {
      throw new UnsupportedOperationException("a float trainer's gradients are a float[]; use gradientValues()");
    }
    return (double[]) gradients;
  }

  /** w_p, widened to double. */
  public double parameter(int p) {
    return isFloat ? ((float[]) parameters)[p] : ((double[]) parameters)[p];
  }

  /** Sets w_p, rounded to float for a float trainer. */
  public void setParameter(int p, double value) {
    if (isFloat) {
      ((float[]) parameters)[p] = (float) value;
    } else {
      ((double[]) parameters)[p] = value;
    }
  }

  /** A copy of the parameters, widened to double. */
  public double[] parameterValues() {
    return widen(parameters);
  }

  /** A copy of the accumulated gradients, widened to double. */
  public double[] gradientValues() {
    return widen(gradients);
  }

  public void zeroGradients() {
    call(() -> {
      zeroGradients.invoke();
      return null;
    });
  }

  public double loss(double[] x, double[] d) {
    return (double) call(() -> loss.invoke(narrow(x), narrow(d)));
  }

  /**
   * E of one sample in training mode, as {@code backward} computed it (the same dropout masks):
   * {@code trainingLoss} where the trainer has modes, {@code loss} otherwise.
   */
  public double trainingLoss(double[] x, double[] d) {
    return (double) call(() -> trainingLoss.invoke(narrow(x), narrow(d)));
  }

  /**
   * Whether the trainer's samples are coupled in training (batch norm): it then has no gradient of
   * one sample, and {@link #batchGradient} and {@link #trainingLoss(double[][], double[][])} take a batch.
   */
  public boolean batched() {
    return batchGradient != null;
  }

  /** Clears the gradients and writes ∂(Σ_s E_s)/∂w of the batch, in training mode; returns Σ_s E_s. */
  public double batchGradient(double[][] xs, double[][] ds) {
    return (double) call(() -> batchGradient.invoke(narrow(xs), narrow(ds)));
  }

  /** Σ_s E_s of the batch in training mode, as {@link #batchGradient} computes it. */
  public double trainingLoss(double[][] xs, double[][] ds) {
    return (double) call(() -> batchTrainingLoss.invoke(narrow(xs), narrow(ds)));
  }

  /** The live running mean of layer l's batch norm. */
  public double[] runningMean(int l) {
    return (double[]) call(() -> runningMean.invoke(l));
  }

  /** The live running (unbiased) variance of layer l's batch norm. */
  public double[] runningVariance(int l) {
    return (double[]) call(() -> runningVariance.invoke(l));
  }

  public double backward(double[] x, double[] d) {
    return (double) call(() -> backward.invoke(narrow(x), narrow(d)));
  }

  public void predict(double[] x, double[] y) {
    call(() -> {
      if (isFloat) {
        float[] output = new float[y.length];
        predict.invoke(narrow(x), output);
        System.arraycopy(widen(output), 0, y, 0, y.length);
      } else {
        predict.invoke(x, y);
      }
      return null;
    });
  }

  public double step(double[][] xs, double[][] ds) {
    return (double) call(() -> step.invoke(narrow(xs), narrow(ds)));
  }

  private Object narrow(double[] values) {
    if (!isFloat) {
      return values;
    }
    float[] narrowed = new float[values.length];
    for (int i = 0; i < values.length; i++) {
      narrowed[i] = (float) values[i];
    }
    return narrowed;
  }

  private Object narrow(double[][] samples) {
    if (!isFloat) {
      return samples;
    }
    float[][] narrowed = new float[samples.length][];
    for (int s = 0; s < samples.length; s++) {
      narrowed[s] = (float[]) narrow(samples[s]);
    }
    return narrowed;
  }

  /** A copy of a trainer's double[] or float[] values, in double. */
  static double[] widen(Object values) {
    if (values instanceof double[] doubles) {
      return doubles.clone();
    }
    float[] floats = (float[]) values;
    double[] widened = new double[floats.length];
    for (int i = 0; i < floats.length; i++) {
      widened[i] = floats[i];
    }
    return widened;
  }

  private interface Call {
    Object run() throws Throwable;
  }

  private static Object call(Call call) {
    try {
      return call.run();
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException(e);
    }
  }
}
