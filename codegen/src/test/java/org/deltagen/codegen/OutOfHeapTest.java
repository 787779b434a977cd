package org.deltagen.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.deltagen.network.Diagnostic;
import org.deltagen.network.ErrorCode;
import org.deltagen.network.SourceLocation;
import org.deltagen.network.SpecException;
import org.deltagen.network.parse.SpecFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Running out of memory on a spec is its DG019 problem, at its widest layer, with the heap's size. */
class OutOfHeapTest {
  @TempDir Path specs;

  @Test
  void anOutOfMemoryErrorIsFoundThroughTheExceptionsThatWrapIt() {
    Throwable wrapped = new IllegalArgumentException("not a deltagen trainer",
        new IllegalStateException(new OutOfMemoryError("Java heap space")));
    assertTrue(OutOfHeap.causedBy(wrapped));
    assertTrue(OutOfHeap.causedBy(new OutOfMemoryError()));
    assertFalse(OutOfHeap.causedBy(new IllegalStateException(new StackOverflowError())));
  }

  @Test
  void theProblemIsAtTheLayerWithTheMostWeightsAndSaysHowToGiveJavaMoreMemory()
      throws IOException, SpecException {
    Files.writeString(specs.resolve("big.nn"), "network Big\ninput 10\nlayer 5000 tanh\nlayer 3000 tanh\nlayer 1 identity\nloss sse\n");
    SpecFiles file = SpecFiles.of(specs.resolve("big.nn"), "big.nn");
    Diagnostic problem =
        OutOfHeap.problem(file.name(), file.read(), 256L << 20, new OutOfMemoryError()).diagnostics().get(0);
    assertEquals(ErrorCode.DG019, problem.code());
    assertEquals(new SourceLocation("big.nn", 4, 1), problem.location());
    assertEquals("the network is too large for the heap: deltagen ran out of memory deriving, generating or"
        + " checking its trainer of 15061001 parameters in a heap of 256 MiB", problem.message());
    assertTrue(problem.hint().contains("-Xmx"), problem.hint());
  }

  @Test
  void withoutASpecTheProblemIsTheFiles() {
    assertEquals(new SourceLocation("huge.nn", 0, 0),
        OutOfHeap.problem("huge.nn", null, 1L << 30, new OutOfMemoryError()).diagnostics().get(0).location());
  }
}
