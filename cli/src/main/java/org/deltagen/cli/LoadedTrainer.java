package org.deltagen.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Array;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A generated trainer compiled in this JVM, driven through the public API an application calls:
 * the constructor, the long {@code fit} with its {@code Listener}, {@code predict}, {@code save}
 * and {@code load}. A float trainer takes and gives float arrays; they are converted here.
 */
final class LoadedTrainer {
  /** What {@code fit} reports after each epoch. */
  interface EpochListener {
    void epochEnded(int epoch, double trainingError, double validationError);

    /** A layer's gradient norm outside its limits, as the trainer's listener words it. */
    void warning(String message);
  }

  private final Class<?> type;
  private final Object instance;
  private final boolean isFloat;
  private final Class<?> vector;

  LoadedTrainer(Class<?> trainerClass) {
    try {
      this.type = trainerClass;
      this.instance = trainerClass.getConstructor().newInstance();
      this.vector = trainerClass.getMethod("parameters").getReturnType();
      this.isFloat = vector == float[].class;
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(trainerClass + " is not a deltagen trainer", e);
    }
  }

  /**
   * Trains with early stopping on the validation set; ends with the parameters of its best epoch.
   *
   * @return the number of epochs run
   */
  int fit(double[][] xs, double[][] ds, int epochs, int batch, double[][] validationXs, double[][] validationDs,
      int patience, EpochListener listener) {
    Class<?> listenerType = listenerType();
    Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {listenerType},
        forwarding(listener));
    Class<?> samples = vector.arrayType();
    MethodHandle fit = handle("fit", MethodType.methodType(int.class, samples, samples, int.class, int.class,
        samples, samples, int.class, listenerType));
    return (int) call(() -> fit.invoke(narrow(xs), narrow(ds), epochs, batch, narrow(validationXs),
        narrow(validationDs), patience, proxy));
  }

  private static InvocationHandler forwarding(EpochListener listener) {
    return (proxy, method, args) -> {
      switch (method.getName()) {
        case "epochEnded" -> listener.epochEnded((int) args[0], number(args[1]), number(args[2]));
        case "gradientWarning" -> listener.warning(String.format("epoch %d: the gradient norm of layer %d is %.3g, %s %.3g",
            args[0], args[1], number(args[2]), (boolean) args[4] ? "below" : "above", number(args[3])));
        case "relativeGradientWarning" -> listener.warning(String.format(
            "epoch %d: the gradient norm of layer %d, %.3g, is below %.3g times the last layer's, %.3g",
            args[0], args[1], number(args[2]), number(args[4]), number(args[3])));
        case "hashCode" -> {
          return System.identityHashCode(proxy);
        }
        case "equals" -> {
          return proxy == args[0];
        }
        case "toString" -> {
          return "deltagen train's listener";
        }
        default -> {
          // What train does not show (batch norm's runningStatistics) keeps its default.
          if (method.isDefault()) {
            return InvocationHandler.invokeDefault(proxy, method, args);
          }
          throw new UnsupportedOperationException(method.getName());
        }
      }
      return null;
    };
  }

  private static double number(Object value) {
    return ((Number) value).doubleValue();
  }

  private Class<?> listenerType() {
    return Arrays.stream(type.getClasses()).filter(c -> c.getSimpleName().equals("Listener")).findFirst()
        .orElseThrow(() -> new IllegalStateException(type + " has no Listener"));
  }

  /** y for each x. */
  double[][] predict(double[][] xs, int outputs) {
    MethodHandle predict = handle("predict", MethodType.methodType(void.class, vector, vector));
    double[][] ys = new double[xs.length][];
    for (int s = 0; s < xs.length; s++) {
      Object x = narrow(xs[s]);
      Object y = isFloat ? new float[outputs] : new double[outputs];
      call(() -> predict.invoke(x, y));
      ys[s] = widen(y);
    }
    return ys;
  }

  /** The parameters, widened to double. */
  double[] parameters() {
    MethodHandle parameters = handle("parameters", MethodType.methodType(vector));
    return widen(call(() -> parameters.invoke()));
  }

  /** The parameter file that {@code save(out, false)} writes. */
  byte[] saved() {
    MethodHandle save = handle("save", MethodType.methodType(void.class, OutputStream.class, boolean.class));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    call(() -> save.invoke(bytes, false));
    return bytes.toByteArray();
  }

  /** Loads a parameter file; its IOException (the file and what is wrong) is the caller's to report. */
  void load(Path file) throws IOException {
    MethodHandle load = handle("load", MethodType.methodType(void.class, Path.class));
    try {
      load.invoke(file);
    } catch (IOException | RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException(e);
    }
  }

  private MethodHandle handle(String name, MethodType signature) {
    try {
      return MethodHandles.publicLookup().findVirtual(type, name, signature).bindTo(instance);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(type + " has no " + name + signature, e);
    }
  }

  /** A batch as the trainer takes it: the same arrays for a double trainer, float copies for a float one. */
  private Object narrow(double[][] values) {
    if (!isFloat) {
      return values;
    }
    Object batch = Array.newInstance(vector, values.length);
    for (int s = 0; s < values.length; s++) {
      Array.set(batch, s, narrow(values[s]));
    }
    return batch;
  }

  private Object narrow(double[] values) {
    if (!isFloat) {
      return values;
    }
    Object vector = Array.newInstance(float.class, values.length);
    for (int i = 0; i < values.length; i++) {
      Array.setFloat(vector, i, (float) values[i]);
    }
    return vector;
  }

  /** A copy of a double[] or float[] as doubles; {@link Array#getDouble} widens a float exactly. */
  private static double[] widen(Object values) {
    double[] widened = new double[Array.getLength(values)];
    Arrays.setAll(widened, i -> Array.getDouble(values, i));
    return widened;
  }

  private interface Invocation {
    Object invoke() throws Throwable;
  }

  /** Runs a call into the trainer; its unchecked exceptions (ArithmeticException when it diverges) pass through. */
  private static Object call(Invocation invocation) {
    try {
      return invocation.invoke();
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (InvocationTargetException e) {
      throw new IllegalStateException(e.getCause());
    } catch (Throwable e) {
      throw new IllegalStateException(e);
    }
  }
}
