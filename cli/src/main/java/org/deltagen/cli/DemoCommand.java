package org.deltagen.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.deltagen.codegen.Trainer;
import org.deltagen.codegen.TrainerPipeline;
import org.deltagen.derive.Deriver;
import org.deltagen.derive.Step;
import org.deltagen.report.TrainerReport;
import org.deltagen.network.NetworkSpec;
import org.deltagen.network.SourceLocation;
import org.deltagen.network.SpecException;
import org.deltagen.network.parse.ParameterFile;
import org.deltagen.network.parse.SpecParser;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code deltagen demo}: seed 000's XOR network derived, generated, checked and trained from the
 * seed's initial weights, printed beside the seed's own table; then seed 004's one-weight step.
 */
@Command(
    name = "demo",
    description = "Derives, generates, checks and trains seed 000's XOR network and prints the"
        + " seed's table beside deltagen's; then repeats seed 004's one-weight example.")
final class DemoCommand implements Callable<Integer> {
  private static final double[][] XOR_INPUTS = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
  private static final double[][] XOR_TARGETS = {{0}, {1}, {1}, {0}};
  /** What the seed's script prints, {@code a2.round(3)}. */
  private static final String[] SEED_PRINTED = {"0.025", "0.499", "0.97", "0.502"};
  /** The seed's script run with numpy, at full precision. */
  private static final double[] SEED_NUMPY = {
    0.02474187240430439, 0.4992150973152715, 0.9696557937717554, 0.5018547055706005
  };
  private static final int EPOCHS = 10_000;

  @Option(names = {"-o", "--output"}, paramLabel = "DIR", defaultValue = "deltagen-demo",
      description = "Where to write the spec and the generated class (default: ${DEFAULT-VALUE}).")
  Path output;

  @Spec picocli.CommandLine.Model.CommandSpec command;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = command.commandLine().getOut();
    Deriver deriver = new Deriver();
    out.println("deltagen demo: seed 000's XOR network, derived, generated, checked and trained");
    out.println();
    TrainerPipeline.Output xor = build(deriver, "xor");
    printDerivation(out, xor);
    TrainerPipeline.Output oneWeight = build(deriver, "one-weight");
    OutputTree tree = new OutputTree(output);
    Path xorClass = add(tree, xor, "xor");
    List<Path> reports = Reports.add("Xor", TrainerReport.render(xor, null), null, true, tree, out);
    Path oneWeightClass = add(tree, oneWeight, "one-weight");
    tree.write();
    out.println("generated " + xorClass);
    out.println(xor.check());
    for (Path report : reports) {
      out.println("report " + report);
    }
    out.println();
    printXorTable(out, new Trainer(xor.trainerClass()));
    out.println();
    printOneWeight(out, new Trainer(oneWeight.trainerClass()), oneWeightClass);
    return 0;
  }

  private static TrainerPipeline.Output build(Deriver deriver, String name)
      throws SpecException, CheckFailedException {
    NetworkSpec spec =
        SpecParser.parse(
            name + ".nn",
            resource(name + ".nn"),
            ParameterFile.parse(name + ".params", resource(name + ".params")),
            new SourceLocation(name + ".params", 1, 1));
    return SpecCommand.checkedTrainer(deriver, spec, true);
  }

  /** Adds the spec, its parameters and the generated class; returns the class's path. */
  private static Path add(OutputTree tree, TrainerPipeline.Output result, String name) {
    tree.add(name + ".nn", resource(name + ".nn"));
    tree.add(name + ".params", resource(name + ".params"));
    return tree.add(result.source());
  }

  private static void printDerivation(PrintWriter out, TrainerPipeline.Output xor) {
    out.println("Derivation (the report's notation, numbered as in the report):");
    for (Step step : xor.derivation().steps()) {
      out.println("  " + step.citation());
    }
    out.println();
  }

  private static void printXorTable(PrintWriter out, Trainer trainer) {
    double firstError = trainer.step(XOR_INPUTS, XOR_TARGETS);
    for (int epoch = 2; epoch < EPOCHS; epoch++) {
      trainer.step(XOR_INPUTS, XOR_TARGETS);
    }
    // The seed prints the forward pass of its last epoch, which runs before that epoch's update.
    double[][] outputs = new double[XOR_INPUTS.length][1];
    for (int s = 0; s < XOR_INPUTS.length; s++) {
      trainer.predict(XOR_INPUTS[s], outputs[s]);
    }
    double lastError = trainer.step(XOR_INPUTS, XOR_TARGETS);
    out.printf(Locale.ROOT, "Trained %d full-batch epochs from the seed's weights; Σ(y − d)² went %.6f → %.6f.%n",
        EPOCHS, firstError, lastError);
    out.println("Outputs of the last epoch's forward pass (the seed prints them before its final update):");
    out.println();
    out.println("x1  x2  d | seed prints | deltagen | deltagen, full precision | seed's numpy, full precision | difference");
    out.println("----------+-------------+----------+--------------------------+------------------------------+-----------");
    double worst = 0;
    for (int s = 0; s < XOR_INPUTS.length; s++) {
      double ours = outputs[s][0];
      double difference = Math.abs(ours - SEED_NUMPY[s]);
      worst = Math.max(worst, difference);
      out.printf(Locale.ROOT, "%-3.0f %-3.0f %-1.0f | %-11s | %-8s | %-24s | %-28s | %.1e%n",
          XOR_INPUTS[s][0], XOR_INPUTS[s][1], XOR_TARGETS[s][0], SEED_PRINTED[s], roundLikeNumpy(ours),
          Double.toString(ours), Double.toString(SEED_NUMPY[s]), difference);
    }
    out.println();
    out.printf(Locale.ROOT, "Largest difference from the seed's numpy run: %.1e (%s 1e-9)%n",
        worst, worst <= 1e-9 ? "within" : "NOT within");
  }

  private static void printOneWeight(PrintWriter out, Trainer trainer, Path written) {
    double[] x = {2};
    double[] t = {4};
    double before = trainer.loss(x, t);
    double w = trainer.parameters()[0];
    trainer.step(new double[][] {x}, new double[][] {t});
    double after = trainer.loss(x, t);
    out.println("Seed 004, one weight: y = w x, E = ½(y − t)², x = 2, t = 4, w = 1, η = 0.1 (" + written + ")");
    out.printf(Locale.ROOT, "  one step: E %s → %s, w %s → %s%n",
        short3(before), short3(after), short3(w), short3(trainer.parameters()[0]));
  }

  /** {@code round(3)} as numpy prints it: three decimals, trailing zeros dropped. */
  static String roundLikeNumpy(double value) {
    return new BigDecimal(value).setScale(3, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
  }

  private static String short3(double value) {
    return new BigDecimal(value).setScale(6, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
  }

  private static String resource(String name) {
    try (InputStream in = DemoCommand.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("the demo's " + name + " is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
