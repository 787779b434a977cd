package org.deltagen.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.deltagen.derive.Deriver;
import org.deltagen.network.Diagnostic;
import org.deltagen.network.ErrorCode;
import org.deltagen.network.NetworkSpec;
import org.deltagen.network.SourceLocation;
import org.deltagen.network.SpecException;
import org.deltagen.network.parse.SpecFiles;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** {@code deltagen predict SPEC -p PARAMS --data FILE.csv [-o FILE]}. */
@Command(
    name = "predict",
    description = "Compiles the spec's trainer in memory with the parameters of -p (the text or the binary"
        + " file that train writes) and writes one row of outputs per row of --data as CSV: for a"
        + " classifier the class label, then each output. The inputs are read and scaled as"
        + " NAME" + ModelData.SUFFIX + " beside -p says, when it is there.")
final class PredictCommand implements Callable<Integer> {
  private static final byte[] MAGIC = "DGPARAMS".getBytes(StandardCharsets.US_ASCII);

  @Mixin SpecInput input;

  @Option(names = "--data", required = true, paramLabel = "FILE", description = "The inputs, CSV with a header row.")
  Path data;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE",
      description = "The CSV file to write (default: standard output).")
  Path output;

  @CommandLine.Spec CommandSpec command;

  @Override
  public Integer call() throws Exception {
    if (input.parameters == null) {
      throw new CommandLine.ParameterException(command.commandLine(),
          "predict needs the trained parameters: -p FILE");
    }
    boolean saved = isSaved(input.parameters);
    NetworkSpec spec = saved ? SpecFiles.of(input.spec, input.spec.getFileName().toString()).read() : input.read();
    ModelData model = ModelData.existsBeside(input.parameters)
        ? ModelData.read(ModelData.beside(input.parameters), spec.inputs())
        : new ModelData(spec.name(), defaultLayout(spec), null, null);
    CsvTable table = CsvTable.read(data);
    double[][] xs = model.scale(inputs(model.layout(), table, spec));
    LoadedTrainer trainer = new LoadedTrainer(SpecCommand.checkedTrainer(new Deriver(), spec, true).trainerClass());
    if (saved) {
      load(trainer, input.parameters);
    }
    String csv = csv(model.layout(), trainer.predict(xs, spec.outputs()), spec);
    if (output == null) {
      // The stream flushes itself on println only, and System.exit would drop what it holds.
      command.commandLine().getOut().print(csv);
      command.commandLine().getOut().flush();
    } else {
      Path absolute = output.toAbsolutePath().normalize();
      OutputTree tree = new OutputTree(absolute.getParent() == null ? absolute : absolute.getParent());
      tree.add(absolute.getFileName() == null ? "" : absolute.getFileName().toString(), csv);
      tree.write();
      command.commandLine().getErr().println("wrote " + output + " (" + xs.length + " rows)");
    }
    return 0;
  }

  /** Without a sidecar: the first n_0 columns are the inputs, and the outputs are numbers. */
  private static DataLayout defaultLayout(NetworkSpec spec) {
    return new DataLayout(List.of(), List.of(), List.of(), false);
  }

  private static double[][] inputs(DataLayout layout, CsvTable table, NetworkSpec spec) throws SpecException {
    if (!layout.inputs().isEmpty()) {
      return layout.inputs(table);
    }
    if (table.names().size() < spec.inputs()) {
      throw CsvTable.problem(new SourceLocation(table.file(), 1, 1), "has " + table.names().size()
          + " columns, but " + spec.name() + " takes " + spec.inputs() + " inputs",
          "give the inputs as the first columns");
    }
    return new DataLayout(table.names().subList(0, spec.inputs()), List.of(), List.of(), false).inputs(table);
  }

  private static boolean isSaved(Path parameters) throws SpecException {
    try (InputStream in = Files.newInputStream(parameters)) {
      return Arrays.equals(in.readNBytes(MAGIC.length), MAGIC);
    } catch (IOException e) {
      SpecFiles.text(parameters); // reports the unreadable file as every command does
      throw new IllegalStateException(e);
    }
  }

  /** The trainer's own load checks the file; what it finds wrong is the file's DG020. */
  private static void load(LoadedTrainer trainer, Path parameters) throws SpecException {
    try {
      trainer.load(parameters);
    } catch (IOException e) {
      throw new SpecException(Diagnostic.of(ErrorCode.DG020, new SourceLocation(parameters.toString(), 0, 0),
              String.valueOf(e.getMessage()))
          .withHint("give the parameters that train wrote for this spec"));
    }
  }

  /** The predictions as CSV: a classifier's label first, then every output. */
  static String csv(DataLayout layout, double[][] ys, NetworkSpec spec) throws IOException {
    List<String> header = new ArrayList<>();
    boolean labelled = layout.classifies();
    if (labelled) {
      header.add("label");
    }
    for (int j = 0; j < spec.outputs(); j++) {
      header.add(labelled && !layout.binary() ? "p(" + layout.classes().get(j) + ")"
          : layout.targets().size() == spec.outputs() ? layout.targets().get(j) : "y" + (j + 1));
    }
    StringBuilder text = new StringBuilder();
    try (CSVPrinter printer = new CSVPrinter(text, CSVFormat.RFC4180.builder().setRecordSeparator('\n').get())) {
      printer.printRecord(header);
      for (double[] y : ys) {
        List<Object> row = new ArrayList<>();
        if (labelled) {
          row.add(Metrics.labels(layout).get(Metrics.predictedClass(layout, y)));
        }
        for (double value : y) {
          row.add(value);
        }
        printer.printRecord(row);
      }
    }
    return text.toString();
  }
}
