package org.deltagen.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.deltagen.network.Diagnostic;
import org.deltagen.network.ErrorCode;
import org.deltagen.network.SourceLocation;
import org.deltagen.network.SpecException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run makes everything in memory and writes it all, or nothing, and never leaves a stale file looking fresh. */
class BuildPlanTest {
  @TempDir Path project;
  private Path specs;
  private Path out;
  private Path stateFile;

  /** Each spec's text is the name of the file it makes, "bad" for a spec with a problem, "fault" for deltagen's. */
  private final BuildPlan.Goal goal = file -> {
    String target;
    try {
      target = Files.readString(file.spec()).strip();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    if (target.equals("fault")) {
      throw new MojoExecutionException("deltagen failed on " + file.name());
    }
    if (target.equals("bad")) {
      throw new SpecException(Diagnostic.of(ErrorCode.DG001, new SourceLocation(file.name(), 1, 1), "bad"));
    }
    return new BuildPlan.Made(Map.of(out.resolve(target), (file.name() + " made me").getBytes(StandardCharsets.UTF_8)),
        target);
  };

  @BeforeEach
  void directories() throws IOException {
    specs = Files.createDirectories(project.resolve("specs"));
    out = project.resolve("out");
    stateFile = project.resolve("state/generate.properties");
  }

  @Test
  void makingWritesNothingAndAProblemIsReportedAsTheCompilerWould() throws Exception {
    BuildPlan plan = plan();
    plan.add(spec("a.nn", "A.java"), "a1");
    plan.add(spec("b.nn", "bad"), "b1");
    assertEquals(List.of(specs.resolve("b.nn") + ":1:1: DG001 bad"), plan.problems());
    assertEquals(1, plan.specsWithProblems());
    assertFalse(Files.exists(out), "nothing is written before the commit");
    assertFalse(Files.exists(stateFile));
  }

  @Test
  void aFaultOfDeltagenOnOneSpecStillLetsTheProblemsOfTheOthersBeFound() throws Exception {
    BuildPlan plan = plan();
    plan.add(spec("a.nn", "fault"), "a1");
    plan.add(spec("b.nn", "bad"), "b1");
    assertEquals(List.of("deltagen failed on a.nn"), plan.faults().stream().map(Throwable::getMessage).toList());
    assertEquals(List.of(specs.resolve("b.nn") + ":1:1: DG001 bad"), plan.problems());
  }

  @Test
  void aCommitWritesEveryMadeFileAndRecordsItsDigest() throws Exception {
    runMakingAAndB();
    assertEquals("a.nn made me", Files.readString(out.resolve("A.java")));
    BuildState state = BuildState.load(stateFile);
    assertTrue(state.get("a.nn").upToDate("a1"));
    assertTrue(state.get("b.nn").upToDate("b1"));
  }

  @Test
  void twoSpecsMakingOneFileIsAProblemOfTheSecond() throws Exception {
    BuildPlan plan = plan();
    plan.add(spec("a.nn", "Net.java"), "a1");
    plan.add(spec("b.nn", "Net.java"), "b1");
    assertEquals(List.of(specs.resolve("b.nn") + ": makes " + out.resolve("Net.java")
        + ", as a.nn does; give the networks different names or packages"), plan.problems());
  }

  @Test
  void aFileAnotherSpecNoLongerMakesIsNotDeletedWhenThisSpecNowMakesIt() throws Exception {
    BuildPlan first = plan();
    first.add(spec("a.nn", "Net.java"), "a1");
    first.commit(new SystemStreamLog());
    // a.nn is renamed to Other, and the new b.nn takes the name Net.
    BuildPlan second = plan();
    second.add(spec("a.nn", "Other.java"), "a2");
    second.add(spec("b.nn", "Net.java"), "b1");
    assertEquals(List.of(), second.problems());
    second.commit(new SystemStreamLog());
    assertEquals("b.nn made me", Files.readString(out.resolve("Net.java")));
    assertEquals("a.nn made me", Files.readString(out.resolve("Other.java")));
  }

  @Test
  void aCommitThatFailsHalfwayLeavesNoSpecItWasMakingUpToDate() throws Exception {
    runMakingAAndB();
    // Both change; writing b's file fails, after a's new file is written.
    Files.delete(out.resolve("B.java"));
    Files.createDirectories(out.resolve("B.java/in-the-way"));
    BuildPlan second = plan();
    second.add(spec("a.nn", "A.java"), "a2");
    second.add(spec("b.nn", "B.java"), "b2");
    assertThrows(IOException.class, () -> second.commit(new SystemStreamLog()));
    BuildState state = BuildState.load(stateFile);
    assertFalse(state.get("a.nn").upToDate("a1"), "a.nn reverted to its first text would keep a2's file");
    assertFalse(state.get("a.nn").upToDate("a2"));
    assertFalse(state.get("b.nn").upToDate("b1"));
  }

  @Test
  void theFilesOfAVanishedSpecAreRemovedAtTheCommitOnly() throws Exception {
    runMakingAAndB();
    Files.delete(specs.resolve("b.nn"));
    BuildPlan second = plan();
    second.add(SpecFile.at(specs, "a.nn"), "a1");
    assertFalse(second.unchanged());
    assertTrue(Files.exists(out.resolve("B.java")));
    second.commit(new SystemStreamLog());
    assertFalse(Files.exists(out.resolve("B.java")));
    assertEquals(List.of("a.nn"), List.copyOf(BuildState.load(stateFile).specs()));
    assertEquals(1, second.upToDate());
    assertEquals(0, second.made());
  }

  /** A first run that made a.nn into A.java and b.nn into B.java, their digests a1 and b1. */
  private void runMakingAAndB() throws IOException {
    BuildPlan plan = plan();
    plan.add(spec("a.nn", "A.java"), "a1");
    plan.add(spec("b.nn", "B.java"), "b1");
    assertEquals(List.of(), plan.problems());
    plan.commit(new SystemStreamLog());
  }

  private BuildPlan plan() throws IOException {
    return new BuildPlan(BuildState.load(stateFile), goal);
  }

  private SpecFile spec(String name, String makes) throws IOException {
    Files.writeString(specs.resolve(name), makes);
    return SpecFile.at(specs, name);
  }
}
