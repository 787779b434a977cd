package org.deltagen.symbolic;

import java.io.OutputStream;
import java.io.PrintStream;
import org.matheclipse.core.basic.Config;
import org.matheclipse.core.eval.EvalEngine;
import org.matheclipse.core.eval.ExprEvaluator;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.interfaces.IExpr;
import org.matheclipse.core.interfaces.ISymbol;

/**
 * The one Symja engine of a run. Starting Symja costs about two seconds, so every parser and
 * deriver in a JVM shares this instance; it is not thread-safe, like Symja itself.
 */
public final class SymbolicEngine {
  /** How long one evaluation may take. */
  public static final int TIME_LIMIT_SECONDS = 5;
  private static SymbolicEngine shared;

  private final ExprEvaluator evaluator;
  private long deadline = Long.MAX_VALUE;
  private long deadlineSeconds;

  private SymbolicEngine() {
    // Symja's JAS library otherwise leaves non-daemon threads that hold the JVM open for a minute.
    Config.JAS_NO_THREADS = true;
    // Defence in depth: expressions are checked against MathFunction before they get here, and
    // Symja's own switches close its file system, Java bridges and Unprotect as well.
    Config.FILESYSTEM_ENABLED = false;
    Config.JAVA_UNSAFE = false;
    Config.UNPROTECT_ALLOWED = false;
    this.evaluator = new ExprEvaluator();
    // Symja prints advisory messages ("Inverse functions are being used …") to the console.
    EvalEngine engine = evaluator.getEvalEngine();
    PrintStream discard = new PrintStream(OutputStream.nullOutputStream());
    engine.setOutPrintStream(discard);
    engine.setErrorPrintStream(discard);
    engine.setQuietMode(true);
    loadLogicQuietly();
  }

  /**
   * Symja's logic simplifier, which conditions such as {@code u > 0 && u < 1} reach, is built on an
   * ANTLR runtime newer than the one it was generated with, and ANTLR prints that mismatch to
   * System.err once, as its classes load. Loading them here, with System.err silenced, keeps the
   * warning off every user's terminal; later evaluations do not print it again.
   */
  private void loadLogicQuietly() {
    PrintStream err = System.err;
    System.setErr(new PrintStream(OutputStream.nullOutputStream()));
    try {
      eval(F.Simplify(F.And(F.Greater(Symbols.U, F.C0), F.Less(Symbols.U, F.C1))));
    } finally {
      System.setErr(err);
    }
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

  /** Thrown by an evaluation when the time {@link #withDeadline} allowed has run out. */
  public static final class DeadlineExceeded extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DeadlineExceeded(long seconds) {
      super("Symja needed more than the " + seconds + " s allowed", null, false, false);
    }
  }

  /**
   * Runs {@code work} with every evaluation it makes cut short, by {@link DeadlineExceeded}, once
   * {@code seconds} have passed in all: each call's own limit would let a spec of many slow
   * formulas take minutes.
   */
  public <T, E extends Exception> T withDeadline(long seconds, Work<T, E> work) throws E {
    long saved = deadline;
    long savedSeconds = deadlineSeconds;
    deadline = System.nanoTime() + seconds * 1_000_000_000L;
    deadlineSeconds = seconds;
    try {
      return work.run();
    } finally {
      deadline = saved;
      deadlineSeconds = savedSeconds;
    }
  }

  /** What {@link #withDeadline} runs. */
  @FunctionalInterface
  public interface Work<T, E extends Exception> {
    T run() throws E;
  }

  /** Evaluates an expression tree, giving up (with Symja's {@code $Aborted}) after a few seconds. */
  public IExpr eval(IExpr expression) {
    return eval(expression, TIME_LIMIT_SECONDS);
  }

  /** Evaluates an expression tree, giving up after {@code seconds}: for work known to be large. */
  public IExpr eval(IExpr expression, int seconds) {
    double remaining = (deadline - System.nanoTime()) / 1e9;
    if (remaining <= 0) {
      throw new DeadlineExceeded(deadlineSeconds);
    }
    IExpr result = evaluator.eval(F.TimeConstrained(expression, F.num(Math.min(seconds, remaining))));
    if (result.equals(F.$Aborted) && System.nanoTime() >= deadline) {
      throw new DeadlineExceeded(deadlineSeconds);
    }
    return result;
  }

  /**
   * ∂f/∂x, by Symja's {@code D} of f with its non-smooth functions in their piecewise form (Symja
   * leaves Abs' and Max' unevaluated otherwise); gives up after a few seconds, with $Aborted.
   */
  public IExpr derivative(IExpr f, ISymbol x) {
    return eval(F.D(MathFunction.piecewiseForm(f), x));
  }

  /** As {@link #derivative(IExpr, ISymbol)}, giving up after {@code seconds}. */
  public IExpr derivative(IExpr f, ISymbol x, int seconds) {
    return eval(F.D(MathFunction.piecewiseForm(f), x), seconds);
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
