package org.deltagen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Data files are untrusted: every malformed one is one located, coded line, exit 1, no stack trace
 * and nothing written, before any training.
 */
class TrainBadDataTest {
  /** Two inputs, three classes. */
  private static final String CLASSIFIER =
      "network Net\ninput 2\nlayer 4 tanh\nlayer 3 softmax\nloss cross-entropy\ninit xavier seed=1\n";
  /** Two inputs, one sigmoid output: a binary classifier. */
  private static final String BINARY =
      "network Bin\ninput 2\nlayer 3 tanh\nlayer 1 sigmoid\nloss sse\ninit xavier seed=1\n";

  @TempDir Path temp;

  /**
   * The CSV text (with {@code |} for line breaks), extra options, and the problem expected at
   * {@code data.csv}: its location after the file name, then the start of the message.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = ';', textBlock = """
      a malformed number        ; a,b,c|1,2,0|1,x2,1     ;                      ; DG017 ; :3:3: column 'b' holds 'x2', not a finite number
      a number Java reads only  ; a,b,c|1,2,0|0x1p3,2,1  ;                      ; DG017 ; :3:1: column 'a' holds '0x1p3'
      beyond double's range     ; a,b,c|1,2,0|1e400,2,1  ;                      ; DG017 ; :3:1: column 'a' holds '1e400'
      NaN                       ; a,b,c|NaN,2,0          ;                      ; DG017 ; :2:1:
      a short row               ; a,b,c|1,2,x|1,2        ;                      ; DG052 ; :3:4: a row of 2 fields, but the header names 3 columns
      a long row                ; a,b,c|1,2,x,9          ;                      ; DG052 ; :2:7: a row of 4 fields
      an empty file             ; ''                     ;                      ; DG052 ; :1:1: is empty
      a header only             ; a,b,c                  ;                      ; DG052 ; :2:1: has a header but no rows
      an unclosed quote         ; a,b,c|1,2,"x           ;                      ; DG052 ; : is not valid CSV
      a name given twice        ; a,a,c|1,2,x            ;                      ; DG052 ; :1:1: column 'a' is named twice
      an unknown target         ; a,b,c|1,2,x            ; --target=species     ; DG052 ; :1:1: has no column 'species' to use as a target
      too many inputs           ; a,b,c,d|1,2,3,x        ; --target=d           ; DG052 ; :1:1: has 3 input columns ('a', 'b', 'c'), but Net takes 2 inputs
      more classes than outputs ; a,b,c|1,2,x|1,2,y|1,2,z|1,2,w ;               ; DG052 ; :1:3: column 'c' holds 4 class labels ('w', 'x', 'y', 'z'), but the output layer of Net has 3 units
      an empty label            ; a,b,c|1,2,x|1,2,       ;                      ; DG052 ; :3:5: class label '' is empty
      an invisible label        ; a,b,c|1,2,x|1,2,y\u202Ez ;               ; DG052 ; :3:5: class label 'y<U+202E>z' holds an invisible or control character
      fewer classes than outputs; a,b,c|1,2,x|1,2,y      ;                      ; DG052 ; :1:3: column 'c' holds 2 class labels
      too few rows to split     ; a,b,c|1,2,0            ;                      ; DG052 ; : has 1 rows, too few to hold 1 out
      """)
  void aBadDataFileIsOneLocatedProblem(String what, String csv, String option, String code, String problem)
      throws IOException {
    Path data = Files.writeString(temp.resolve("data.csv"), csv.replace('|', '\n') + (csv.isEmpty() ? "" : "\n"));
    assertTrains(CLASSIFIER, data, option, code + " " + data + problem);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = ';', textBlock = """
      a label other than 0 and 1; a,b,y|1,2,0|1,2,2        ; DG052 ; :3:5: column 'y' holds '2', but a single sigmoid output takes the labels 0 and 1
      a string label            ; a,b,y|1,2,0|1,2,yes      ; DG017 ; :3:5: column 'y' holds 'yes', not a finite number
      """)
  void aBinaryClassifierTakesZeroAndOne(String what, String csv, String code, String problem) throws IOException {
    Path data = Files.writeString(temp.resolve("data.csv"), csv.replace('|', '\n') + "\n");
    assertTrains(BINARY, data, null, code + " " + data + problem);
  }

  /** A test file whose labels the training file lacks is fine (the classes come from both); one with other columns is not. */
  @Test
  void aTestFileNeedsTheTrainingColumns() throws IOException {
    Path data = Files.writeString(temp.resolve("data.csv"), "a,b,c\n1,2,x\n1,2,y\n");
    Path test = Files.writeString(temp.resolve("test.csv"), "a,B,c\n1,2,z\n");
    assertTrains(CLASSIFIER, data, "--test=" + test, "DG052 " + test + ":1:1: has no column 'b'");
  }

  @Test
  void aMissingDataFileIsDg009() throws IOException {
    Path missing = temp.resolve("missing.csv");
    assertTrains(CLASSIFIER, missing, null, "DG009 " + missing + ": cannot read the file: no such file");
  }

  private void assertTrains(String spec, Path data, String option, String expected) throws IOException {
    Path specFile = Files.writeString(temp.resolve("net.nn"), spec);
    Path out = temp.resolve("out");
    List<String> args = new ArrayList<>(List.of("train", specFile.toString(), "--data", data.toString(), "--out",
        out.toString()));
    if (option != null) {
      args.add(option);
    }
    CliRun run = CliRun.of(args.toArray(String[]::new));
    run.assertOneProblem(expected);
    assertTrue(!Files.exists(out), "nothing written");
  }

  /** predict: a sidecar that is not what train writes, a saved file of another network, an -o that is a directory. */
  @Test
  void predictRefusesBadSidecarsParametersAndOutputs() throws IOException {
    Path spec = Files.writeString(temp.resolve("net.nn"), CLASSIFIER);
    Path data = Files.writeString(temp.resolve("data.csv"), "a,b\n1,2\n");
    Path params = Files.writeString(temp.resolve("Net.params"), "0 ".repeat(27));
    Files.writeString(temp.resolve("Net" + ModelData.SUFFIX), "{\"inputs\": [\"a\"]");
    CliRun.of("predict", spec.toString(), "-p", params.toString(), "--data", data.toString())
        .assertOneProblem("DG052 " + temp.resolve("Net" + ModelData.SUFFIX) + ": is not the data description");
    Files.writeString(temp.resolve("Net" + ModelData.SUFFIX), "{\"inputs\": [\"a\"], \"targets\": [], \"classes\": []}");
    CliRun.of("predict", spec.toString(), "-p", params.toString(), "--data", data.toString())
        .assertOneProblem("DG052 " + temp.resolve("Net" + ModelData.SUFFIX) + ": is not the data description deltagen"
            + " train writes: it names 1 input columns, but the network takes 2");
    Files.delete(temp.resolve("Net" + ModelData.SUFFIX));

    Path other = Files.write(temp.resolve("Other.bin"), otherNetworksSavedParameters());
    CliRun run = CliRun.of("predict", spec.toString(), "-p", other.toString(), "--data", data.toString());
    run.assertOneProblem("DG020 " + other + ": " + other + " holds the parameters of Other, whose architecture is not Net's");

    Path directory = Files.createDirectory(temp.resolve("taken"));
    CliRun.of("predict", spec.toString(), "-p", params.toString(), "--data", data.toString(), "-o",
        directory.toString()).assertOneProblem("DG050 " + directory.toAbsolutePath() + ": is a directory");
    Path file = Files.writeString(temp.resolve("file"), "x");
    CliRun.of("predict", spec.toString(), "-p", params.toString(), "--data", data.toString(), "-o",
        file.resolve("p.csv").toString()).assertOneProblem("DG050 " + file.toAbsolutePath() + ": is a file, not a directory");
  }

  @Test
  void predictWithoutParametersIsAUsageError() throws IOException {
    Path spec = Files.writeString(temp.resolve("net.nn"), CLASSIFIER);
    CliRun run = CliRun.of("predict", spec.toString(), "--data", spec.toString());
    assertEquals(Main.USAGE, run.exitCode(), run.err());
    CliRun.assertContains(run.err(), "predict needs the trained parameters: -p FILE");
  }

  /** A binary parameter file of a 2-5-3 network, trained by deltagen itself. */
  private byte[] otherNetworksSavedParameters() throws IOException {
    Path spec = Files.writeString(temp.resolve("other.nn"), CLASSIFIER.replace("Net", "Other").replace("4 tanh", "5 tanh"));
    Path data = Files.writeString(temp.resolve("other.csv"), "a,b,c\n1,2,x\n1,2,y\n3,4,z\n5,6,x\n");
    CliRun.of("train", spec.toString(), "--data", data.toString(), "--epochs", "1", "--out",
        temp.resolve("other").toString()).assertSucceeded();
    return Files.readAllBytes(temp.resolve("other/Other.bin"));
  }
}
