package org.deltagen.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows {@code fit}'s epochs as they end and keeps the errors for the loss curve: on a terminal a
 * progress bar (epoch, errors, ETA) redrawn in place; elsewhere, a line every tenth of the run,
 * which a log or a CI keeps readable.
 */
final class TrainingProgress implements LoadedTrainer.EpochListener, AutoCloseable {
  private final List<Double> training = new ArrayList<>();
  private final List<Double> validation = new ArrayList<>();
  private final List<String> warnings = new ArrayList<>();
  private final int epochs;
  private final ProgressBar bar;
  private final PrintWriter lines;
  private final long started = System.nanoTime();
  /** The epochs done when the last line was printed. */
  private int printed;

  private TrainingProgress(int epochs, ProgressBar bar, PrintWriter lines) {
    this.epochs = epochs;
    this.bar = bar;
    this.lines = lines;
  }

  /** A progress bar drawn on {@code terminal}, a stream to a terminal. */
  static TrainingProgress bar(String task, int epochs, PrintStream terminal) {
    ProgressBar bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(epochs).setUnit(" epochs", 1)
        .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(200)
        .setConsumer(new ConsoleProgressBarConsumer(terminal)).build();
    return new TrainingProgress(epochs, bar, null);
  }

  /** Periodic lines on {@code out}. */
  static TrainingProgress lines(int epochs, PrintWriter out) {
    return new TrainingProgress(epochs, null, out);
  }

  @Override
  public void epochEnded(int epoch, double trainingError, double validationError) {
    training.add(trainingError);
    validation.add(validationError);
    int done = training.size();
    if (bar != null) {
      // Short, so that the bar fits an 80-column terminal: E training / held-out.
      bar.setExtraMessage(String.format(Locale.ROOT, "E %.4g / %.4g", trainingError, validationError));
      bar.stepTo(done);
      return;
    }
    int every = Math.max(1, epochs / 10);
    if (done % every == 0 || done == epochs || done == 1) {
      line();
    }
  }

  private void line() {
    int done = training.size();
    lines.println(String.format(Locale.ROOT,
        "epoch %d/%d: training error %.4g, validation error %.4g, %s elapsed, ETA %s", done, epochs,
        training.get(done - 1), validation.get(done - 1), seconds(elapsed()),
        seconds(elapsed().multipliedBy(epochs - done).dividedBy(done))));
    printed = done;
  }

  @Override
  public void warning(String message) {
    warnings.add(message);
  }

  Duration elapsed() {
    return Duration.ofNanos(System.nanoTime() - started);
  }

  static String seconds(Duration duration) {
    return String.format(Locale.ROOT, "%.1f s", duration.toNanos() / 1e9);
  }

  /** The training error of each epoch, in order. */
  List<Double> training() {
    return training;
  }

  /** The validation error after each epoch. */
  List<Double> validation() {
    return validation;
  }

  /** The trainer's warnings about gradient norms, in order. */
  List<String> warnings() {
    return warnings;
  }

  /** Ends the bar, or prints the last epoch's line when early stopping ended the run between lines. */
  @Override
  public void close() {
    if (lines != null && printed < training.size()) {
      line();
    }
    if (bar != null) {
      bar.maxHint(training.size());
      bar.close();
    }
  }
}
