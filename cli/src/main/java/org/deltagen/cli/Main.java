package org.deltagen.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.deltagen.codegen.Version;
import org.deltagen.network.SpecException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code deltagen} command: wires arguments to the library and maps its errors to exit codes. */
@Command(
    name = "deltagen",
    // Every command inherits --help and --version.
    scope = CommandLine.ScopeType.INHERIT,
    mixinStandardHelpOptions = true,
    versionProvider = Main.VersionProvider.class,
    description = "Derives backpropagation for a network spec and generates its trainer.",
    subcommands = {
      DemoCommand.class,
      GenerateCommand.class,
      CheckCommand.class,
      VerifyCommand.class,
      ReportCommand.class,
      TrainCommand.class,
      PredictCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {
  /** Exit code for bad input: a spec, parameter file, template or output path with problems. */
  static final int BAD_INPUT = 1;
  /** Exit code for a command line picocli cannot parse: an unknown option, a missing argument. */
  static final int USAGE = CommandLine.ExitCode.USAGE;
  /** Exit code when deltagen itself fails, e.g. a generated trainer fails its gradient check. */
  static final int INTERNAL_ERROR = 3;

  /** What every command's --help says about exit codes, as the README does. */
  private static final Map<String, String> EXIT_CODES = exitCodes();

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
  }

  /** Runs the command line with the given streams; returns the exit code. */
  static int run(PrintWriter out, PrintWriter err, String... args) {
    CommandLine commandLine = new CommandLine(new Main());
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setExecutionExceptionHandler(
        (exception, line, parseResult) -> report(exception, line.getErr()));
    describeExitCodes(commandLine);
    return commandLine.execute(args);
  }

  private static void describeExitCodes(CommandLine commandLine) {
    commandLine.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(EXIT_CODES);
    commandLine.getSubcommands().values().forEach(Main::describeExitCodes);
  }

  private static Map<String, String> exitCodes() {
    Map<String, String> codes = new LinkedHashMap<>();
    codes.put(String.valueOf(CommandLine.ExitCode.OK), "success");
    codes.put(String.valueOf(BAD_INPUT), "bad input: a spec, parameter file, data file, template or output path; one"
        + " 'CODE file:line:column: …' line per problem, and nothing written; or a training run that diverged");
    codes.put(String.valueOf(USAGE), "the command line itself is wrong: an unknown option, a missing argument");
    codes.put(String.valueOf(INTERNAL_ERROR), "a fault of deltagen, e.g. a generated trainer failed its own check");
    return codes;
  }

  private static int report(Exception exception, PrintWriter err) {
    if (exception instanceof SpecException problems) {
      problems.listing().forEach(err::println);
      return BAD_INPUT;
    }
    if (exception instanceof CheckFailedException failed) {
      err.println("deltagen: " + failed.getMessage());
      return INTERNAL_ERROR;
    }
    err.println("deltagen: internal error: " + exception);
    exception.printStackTrace(err);
    return INTERNAL_ERROR;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  static final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"deltagen " + Version.get()};
    }
  }
}
