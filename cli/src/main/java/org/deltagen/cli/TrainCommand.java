package org.deltagen.cli;

import com.google.gson.GsonBuilder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.deltagen.derive.Deriver;
import org.deltagen.network.Initializer;
import org.deltagen.network.NetworkSpec;
import org.deltagen.network.SpecException;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code deltagen train SPEC --data FILE.csv}. */
@Command(
    name = "train",
    description = "Compiles the spec's trainer in memory, trains it on a CSV file (a header row, then one"
        + " row per sample) and writes the trained parameters, the loss curve and the metrics on the"
        + " held-out rows into --out.")
final class TrainCommand extends SpecCommand {
  @Option(names = "--data", required = true, paramLabel = "FILE", description = "The training data, CSV.")
  Path data;

  @ArgGroup(exclusive = true)
  HeldOut heldOut = new HeldOut();

  static final class HeldOut {
    @Option(names = "--test", paramLabel = "FILE", description = "Held-out data, CSV with the same columns.")
    Path test;

    @Option(names = "--split", paramLabel = "FRACTION", defaultValue = "0.2",
        description = "Without --test, the fraction of --data's rows held out, shuffled by the seed"
            + " (default: ${DEFAULT-VALUE}).")
    double split = 0.2;
  }

  @Option(names = "--target", arity = "1..*", paramLabel = "COLUMN",
      description = "The target columns (default: the last column for a classifier with one column more"
          + " than inputs, else the last n_L columns); every other column is an input.")
  List<String> targets = new ArrayList<>();

  @Option(names = "--epochs", defaultValue = "100", description = "Epochs at most (default: ${DEFAULT-VALUE}).")
  int epochs;

  @Option(names = "--batch", defaultValue = "32", description = "Mini-batch size (default: ${DEFAULT-VALUE}).")
  int batch;

  @Option(names = "--seed", paramLabel = "N",
      description = "Replaces the spec's init seed (initial weights and shuffling) and seeds the split.")
  Long seed;

  @Option(names = "--patience", defaultValue = "0", paramLabel = "N",
      description = "Stop once N epochs in a row have not lowered the held-out error; 0: run every epoch"
          + " (default). Either way the parameters of the best epoch are kept.")
  int patience;

  @Option(names = "--standardize",
      description = "Scale each input to mean 0 and deviation 1 over the training rows; the mean and"
          + " deviation are saved in NAME" + ModelData.SUFFIX + ", which predict applies.")
  boolean standardize;

  @Option(names = "--out", defaultValue = "trained", paramLabel = "DIR",
      description = "Directory to write into (default: ${DEFAULT-VALUE}).")
  Path out;

  /** Whether standard error is a terminal, where a progress bar can redraw itself; tests say no. */
  static boolean terminal = System.console() != null;

  @Override
  int run(NetworkSpec parsed) throws Exception {
    checkOptions();
    NetworkSpec spec = seed == null ? parsed : reseeded(parsed, seed);
    long splitSeed = seed != null ? seed : spec.initializer().seed();
    CsvTable table = CsvTable.read(data);
    CsvTable test = heldOut.test == null ? null : CsvTable.read(heldOut.test);
    DataLayout layout = DataLayout.of(spec, targets, table, test == null ? List.of(table) : List.of(table, test));
    Samples all = new Samples(layout.inputs(table), layout.targets(table, spec.outputs()));
    Samples.Split split = test == null ? all.split(heldOut.split, splitSeed, table.file())
        : new Samples.Split(all, new Samples(layout.inputs(test), layout.targets(test, spec.outputs())));
    ModelData model = standardize ? ModelData.standardized(spec.name(), layout, split.training().xs())
        : new ModelData(spec.name(), layout, null, null);
    model.scale(split.training().xs());
    model.scale(split.heldOut().xs());
    err().println("deltagen: deriving, compiling and checking " + spec.name() + " (" + spec.parameterCount()
        + " parameters)…");
    Class<?> trainerClass = checkedTrainer(new Deriver(), spec, true).trainerClass();
    LoadedTrainer trainer = new LoadedTrainer(trainerClass);
    TrainingProgress progress = train(spec, trainer, split);
    if (progress == null) {
      return Main.BAD_INPUT;
    }
    Map<String, Object> metrics = Metrics.of(layout, trainer.predict(split.heldOut().xs(), spec.outputs()),
        split.heldOut().ds());
    write(spec, trainer, model, progress, metrics, split);
    return 0;
  }

  private void checkOptions() {
    if (epochs < 1 || batch < 1 || patience < 0 || !(heldOut.split > 0 && heldOut.split < 1)) {
      throw new CommandLine.ParameterException(command.commandLine(),
          "need --epochs ≥ 1, --batch ≥ 1, --patience ≥ 0 and 0 < --split < 1, got " + epochs + ", " + batch + ", "
              + patience + " and " + heldOut.split);
    }
  }

  /** Trains; a trainer that diverges is reported and gives null. */
  private TrainingProgress train(NetworkSpec spec, LoadedTrainer trainer, Samples.Split split) {
    TrainingProgress progress = terminal ? TrainingProgress.bar(spec.name(), epochs, System.err)
        : TrainingProgress.lines(epochs, err());
    try (progress) {
      trainer.fit(split.training().xs(), split.training().ds(), epochs, batch, split.heldOut().xs(),
          split.heldOut().ds(), patience == 0 ? epochs : patience, progress);
    } catch (ArithmeticException diverged) {
      err().println("deltagen: training " + spec.name() + " diverged: " + diverged.getMessage()
          + "; lower the learning rate, clip, or --standardize the inputs");
      return null;
    }
    progress.warnings().stream().limit(5).forEach(warning -> err().println("deltagen: " + warning));
    return progress;
  }

  private void write(NetworkSpec spec, LoadedTrainer trainer, ModelData model, TrainingProgress progress,
      Map<String, Object> metrics, Samples.Split split) throws SpecException {
    String name = spec.name();
    List<Double> validation = progress.validation();
    int best = 0;
    for (int e = 1; e < validation.size(); e++) {
      best = validation.get(e) < validation.get(best) ? e : best;
    }
    String summary = String.format(Locale.ROOT,
        "%s: %d epochs of at most %d on %d rows, %d held out, in %s; kept epoch %d (held-out error %.4g)%n",
        name, validation.size(), epochs, split.training().size(), split.heldOut().size(),
        TrainingProgress.seconds(progress.elapsed()), best + 1, validation.get(best)) + Metrics.text(metrics);
    OutputTree tree = new OutputTree(out);
    List<Path> written = new ArrayList<>();
    written.add(tree.add(name + SpecParameters.EXTENSION, SpecParameters.text(spec, trainer.parameters(), summary)));
    written.add(tree.add(name + ".bin", trainer.saved()));
    written.add(tree.add(name + ModelData.SUFFIX, model.json()));
    LossCurve curve = new LossCurve(name, progress.training(), validation);
    written.add(tree.add("loss.png", curve.png()));
    written.add(tree.add("loss.svg", curve.svg()));
    written.add(tree.add("metrics.txt", summary));
    written.add(tree.add("metrics.json", new GsonBuilder().setPrettyPrinting().serializeNulls()
        .disableHtmlEscaping().create().toJson(metrics) + "\n"));
    tree.write();
    out().print(summary);
    written.forEach(path -> out().println("wrote " + path));
  }

  /** {@code spec} with its initializer drawing from {@code seed}; parameters given by file or zeros draw nothing. */
  static NetworkSpec reseeded(NetworkSpec spec, long seed) throws SpecException {
    Initializer init = spec.initializer();
    Initializer seeded = init instanceof Initializer.Normal n ? new Initializer.Normal(seed, n.std())
        : init instanceof Initializer.Uniform u ? new Initializer.Uniform(seed, u.low(), u.high())
        : init instanceof Initializer.Scaled s ? new Initializer.Scaled(s.scheme(), s.normal(), seed, s.gain())
        : init;
    return spec.toBuilder().initializer(seeded).build();
  }
}
