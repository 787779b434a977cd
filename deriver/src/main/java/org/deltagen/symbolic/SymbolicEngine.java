package org.deltagen.symbolic;

import java.io.OutputStream;
import java.io.PrintStream;
import org.matheclipse.core.basic.Config;
import org.matheclipse.core.eval.EvalEngine;
import org.matheclipse.core.eval.ExprEvaluator;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.interfaces.IExpr;

/**
 * The one Symja engine of a run. Starting Symja costs about two seconds, so every parser and
 * deriver in a JVM shares this instance; it is not thread-safe, like Symja itself.
 */
public final class SymbolicEngine {
  private static final int TIME_LIMIT_SECONDS = 5;
  private static SymbolicEngine shared;

  private final ExprEvaluator evaluator;

  private SymbolicEngine() {
    // Symja's JAS library otherwise leaves non-daemon threads that hold the JVM open for a minute.
    Config.JAS_NO_THREADS = true;
    this.evaluator = new ExprEvaluator();
    // Symja prints advisory messages ("Inverse functions are being used …") to the console.
    EvalEngine engine = evaluator.getEvalEngine();
    PrintStream discard = new PrintStream(OutputStream.nullOutputStream());
    engine.setOutPrintStream(discard);
    engine.setErrorPrintStream(discard);
    engine.setQuietMode(true);
  }

  /** The engine of this JVM, started on first use. */
  public static synchronized SymbolicEngine shared() {
    if (shared == null) {
      shared = new SymbolicEngine();
    }
    return shared;
  }

  /** Parses Symja syntax without evaluating it; throws Symja's {@code SyntaxError}. */
  public IExpr parse(String text) {
    return evaluator.parse(text);
  }

  /** Evaluates an expression tree, giving up (with Symja's {@code $Aborted}) after a few seconds. */
  public IExpr eval(IExpr expression) {
    return evaluator.eval(F.TimeConstrained(expression, F.ZZ(TIME_LIMIT_SECONDS)));
  }

  /** Evaluates an expression tree, giving up after {@code seconds}: for work known to be large. */
  public IExpr eval(IExpr expression, int seconds) {
    return evaluator.eval(F.TimeConstrained(expression, F.ZZ(seconds)));
  }

  /** Evaluates a closed expression to a double; NaN when it is not a real number. */
  public double evalf(IExpr expression) {
    try {
      return evaluator.evalf(expression);
    } catch (RuntimeException e) {
      return Double.NaN;
    }
  }
}
