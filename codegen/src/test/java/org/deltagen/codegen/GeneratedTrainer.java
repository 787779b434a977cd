package org.deltagen.codegen;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import org.deltagen.network.NetworkSpec;
import org.deltagen.network.SpecException;

/**
 * A generated trainer driven by reflection, for the parts of its API that {@link Trainer} does not
 * wrap: fit's long form and its Listener, the norms, save and load.
 */
final class GeneratedTrainer {
  final Class<?> type;
  final Object instance;
  final Class<?> listenerType;

  private GeneratedTrainer(Class<?> type) throws ReflectiveOperationException {
    this.type = type;
    this.instance = type.getConstructor().newInstance();
    this.listenerType = Class.forName(type.getName() + "$Listener", true, type.getClassLoader());
  }

  static GeneratedTrainer of(NetworkSpec spec) throws ReflectiveOperationException, SpecException {
    return new GeneratedTrainer(Specs.compile(spec));
  }

  /** A new instance of an already compiled trainer class. */
  static GeneratedTrainer of(Class<?> type) throws ReflectiveOperationException {
    return new GeneratedTrainer(type);
  }

  /** Another instance of the same class. */
  GeneratedTrainer another() throws ReflectiveOperationException {
    return new GeneratedTrainer(type);
  }

  Object call(String name, Object... arguments) throws Exception {
    for (Method method : type.getMethods()) {
      if (method.getName().equals(name) && method.getParameterCount() == arguments.length
          && accepts(method.getParameterTypes(), arguments)) {
        try {
          return method.invoke(instance, arguments);
        } catch (InvocationTargetException e) {
          throw e.getCause() instanceof Exception cause ? cause : e;
        }
      }
    }
    throw new NoSuchMethodException(name);
  }

  private static boolean accepts(Class<?>[] types, Object[] arguments) {
    for (int i = 0; i < types.length; i++) {
      Class<?> boxed = types[i] == int.class ? Integer.class
          : types[i] == double.class ? Double.class
          : types[i] == boolean.class ? Boolean.class
          : types[i];
      if (arguments[i] != null && !boxed.isInstance(arguments[i])) {
        return false;
      }
    }
    return true;
  }

  int fit(double[][] xs, double[][] ds, int epochs, int batchSize, double[][] validationXs,
      double[][] validationDs, int patience, Object listener) throws Exception {
    Method fit = type.getMethod("fit", double[][].class, double[][].class, int.class, int.class,
        double[][].class, double[][].class, int.class, listenerType);
    try {
      return (int) fit.invoke(instance, xs, ds, epochs, batchSize, validationXs, validationDs, patience, listener);
    } catch (InvocationTargetException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
  }

  /** {@code samples} as this trainer takes them: as they are, or rounded to float[][]. */
  Object samples(double[][] samples) throws NoSuchMethodException {
    if (type.getMethod("parameters").getReturnType() == double[].class) {
      return samples;
    }
    float[][] narrowed = new float[samples.length][];
    for (int s = 0; s < samples.length; s++) {
      narrowed[s] = new float[samples[s].length];
      for (int i = 0; i < samples[s].length; i++) {
        narrowed[s][i] = (float) samples[s][i];
      }
    }
    return narrowed;
  }

  /** A copy of the parameters of a double trainer. */
  double[] parameters() throws Exception {
    return ((double[]) call("parameters")).clone();
  }

  /** A copy of the parameters, widened to double for a float trainer. */
  double[] parameterValues() throws Exception {
    return Trainer.widen(call("parameters"));
  }
}
