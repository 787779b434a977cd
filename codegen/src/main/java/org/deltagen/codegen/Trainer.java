package org.deltagen.codegen;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * A generated trainer class loaded in this JVM, driven through its public API (PRODUCT.md §4) so
 * the check and the demo use exactly what an application would call.
 */
public final class Trainer {
  private static final MethodType ARRAY = MethodType.methodType(double[].class);
  private static final MethodType SAMPLE = MethodType.methodType(double.class, double[].class, double[].class);

  private final Object instance;
  private final MethodHandle parameters;
  private final MethodHandle gradients;
  private final MethodHandle zeroGradients;
  private final MethodHandle loss;
  private final MethodHandle backward;
  private final MethodHandle predict;
  private final MethodHandle step;

  /** A new instance of {@code trainerClass}, parameters initialized as its spec says. */
  public Trainer(Class<?> trainerClass) {
    try {
      MethodHandles.Lookup lookup = MethodHandles.publicLookup();
      this.instance = lookup.findConstructor(trainerClass, MethodType.methodType(void.class)).invoke();
      this.parameters = bind(lookup, trainerClass, "parameters", ARRAY);
      this.gradients = bind(lookup, trainerClass, "gradients", ARRAY);
      this.zeroGradients = bind(lookup, trainerClass, "zeroGradients", MethodType.methodType(void.class));
      this.loss = bind(lookup, trainerClass, "loss", SAMPLE);
      this.backward = bind(lookup, trainerClass, "backward", SAMPLE);
      this.predict = bind(lookup, trainerClass, "predict",
          MethodType.methodType(void.class, double[].class, double[].class));
      this.step = bind(lookup, trainerClass, "step",
          MethodType.methodType(double.class, double[][].class, double[][].class));
    } catch (Throwable e) {
      throw new IllegalArgumentException(trainerClass + " is not a deltagen trainer", e);
    }
  }

  private MethodHandle bind(MethodHandles.Lookup lookup, Class<?> type, String name, MethodType signature)
      throws ReflectiveOperationException {
    return lookup.findVirtual(type, name, signature).bindTo(instance);
  }

  /** The trainer's live parameter array. */
  public double[] parameters() {
    return (double[]) call(() -> parameters.invoke());
  }

  public double[] gradients() {
    return (double[]) call(() -> gradients.invoke());
  }

  public void zeroGradients() {
    call(() -> {
      zeroGradients.invoke();
      return null;
    });
  }

  public double loss(double[] x, double[] d) {
    return (double) call(() -> loss.invoke(x, d));
  }

  public double backward(double[] x, double[] d) {
    return (double) call(() -> backward.invoke(x, d));
  }

  public void predict(double[] x, double[] y) {
    call(() -> {
      predict.invoke(x, y);
      return null;
    });
  }

  public double step(double[][] xs, double[][] ds) {
    return (double) call(() -> step.invoke(xs, ds));
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
