package org.deltagen.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.deltagen.derive.Deriver;
import org.deltagen.network.Activation;
import org.deltagen.network.BatchReduction;
import org.deltagen.network.Loss;
import org.deltagen.network.NamedActivation;
import org.deltagen.network.NamedLoss;
import org.deltagen.network.NetworkSpec;
import org.deltagen.network.Optimizer;
import org.deltagen.symbolic.SymbolicEngine;
import org.junit.jupiter.api.Test;

/** The network drawn: which units, edges, skips and captions, and that the drawings compile. */
class NetworkDrawingTest {
  private static NetworkSpec wideWithSkip() throws Exception {
    return NetworkSpec.builder().source("wide.nn").name("Wide").inputs(784).batch(BatchReduction.MEAN)
        .optimizer(new Optimizer.Sgd(0.1))
        .layer(128, Activation.named(NamedActivation.RELU))
        .layer(128, Activation.named(NamedActivation.RELU)).skip(1)
        .layer(10, Activation.named(NamedActivation.SOFTMAX)).loss(Loss.named(NamedLoss.CROSS_ENTROPY)).build();
  }

  private static int count(String text, String regex) {
    Matcher matcher = Pattern.compile(regex).matcher(text);
    int count = 0;
    while (matcher.find()) {
      count++;
    }
    return count;
  }

  @Test
  void aWideLayerIsItsFirstThreeUnitsADotsAndItsLast() throws Exception {
    NetworkDrawing drawing = new NetworkDrawing(wideWithSkip());
    assertEquals(List.of(1, 2, 3, 784), drawing.shown(0));
    assertEquals(List.of(1, 2, 3, 10), drawing.shown(3));
    assertEquals(List.of(1, 2, 3, 4, 5, 6), new NetworkDrawing(ReportTest.spec("tanh-5")).shown(1));
    String tikz = drawing.forward();
    assertTrue(tikz.contains("(u0-784)") && !tikz.contains("(u0-4)"), tikz);
    assertEquals(4, count(tikz, "\\$\\\\vdots\\$"), "one gap in each of the four wide columns");
    assertEquals(16, count(tikz, "\\\\node\\[unit\\]"), "four units drawn per column");
  }

  @Test
  void everyDrawnUnitAndItsBiasConnectToEveryDrawnUnitOfTheNextLayer() throws Exception {
    String xor = new NetworkDrawing(ReportTest.spec("xor")).forward();
    // (1 bias + 2 inputs) × 2 hidden + (1 bias + 2 hidden) × 1 output.
    assertEquals(3 * 2 + 3 * 1, count(xor, "\\\\draw\\[edge\\]"), xor);
    assertTrue(xor.contains("\\draw[edge] (b0) -- (u1-2);"), xor);
    assertTrue(xor.contains("\\draw[edge] (u1-2) -- (u2-1);"), xor);
    assertFalse(xor.contains("\\node[bias] (b2)"), "the output layer feeds no bias");
    assertEquals(5 * 4 * 3, count(new NetworkDrawing(wideWithSkip()).forward(), "\\\\draw\\[edge\\]"));
  }

  @Test
  void aSkipIsOneBlueArcFromTheLayerItAdds() throws Exception {
    String residual = new NetworkDrawing(ReportTest.spec("residual")).forward();
    assertEquals(3, count(residual, "\\\\draw\\[skip\\]"), residual);
    for (int l = 2; l <= 4; l++) {
      assertTrue(residual.contains("\\draw[skip] (b" + (l - 1) + ".north)"), residual);
      assertTrue(residual.contains("{$+z^{(" + (l - 1) + ")}$} (b" + l + ".north);"), residual);
    }
    assertEquals(0, count(new NetworkDrawing(ReportTest.spec("xor")).forward(), "\\\\draw\\[skip\\]"));
  }

  @Test
  void theCaptionsSayWidthActivationNormAndDropout() throws Exception {
    String norms = new NetworkDrawing(ReportTest.spec("norms")).forward();
    assertTrue(norms.contains("$n_0 = 3$"), norms);
    assertTrue(norms.contains("$n_{1} = 4$\\\\ tanh\\\\ norm=layer"), norms);
    assertTrue(norms.contains("$n_{2} = 6$\\\\ own $f$\\\\ norm=group(g=2)"), norms);
    assertTrue(norms.contains("$n_{4} = 3$\\\\ softmax}"), norms);
    String dropout = new NetworkDrawing(ReportTest.spec("dropout")).forward();
    assertTrue(dropout.contains("tanh\\\\ dropout 0.5}"), dropout);
    assertTrue(dropout.contains("relu\\\\ dropout 0.25}"), dropout);
  }

  @Test
  void theSumOverPathsArrivesFromEveryDrawnUnitAboveAndAlongTheSkips() throws Exception {
    String paths = new NetworkDrawing(wideWithSkip()).backward();
    assertTrue(paths.contains("\\node[unit,chosen] at (u1-1) {1};"), paths);
    assertEquals(4, count(paths, "\\\\draw\\[delta\\] \\(u2-\\d+\\) -- \\(u1-1\\)"), paths);
    assertTrue(paths.contains("$\\delta^{(2)}_{1} w^{(2)}_{11}$"), paths);
    assertEquals(1, count(paths, "\\\\draw\\[delta\\] \\(b2.north\\)"), "and along the skip 1 to 2");
    assertEquals(0, count(paths, "\\\\draw\\[edge\\]"), "the forward edges are faint behind the paths");
    NetworkDrawing residual = new NetworkDrawing(ReportTest.spec("residual"));
    assertEquals(3, residual.pathsLayer(), "the last layer a skip reads");
    assertEquals(1, count(residual.backward(), "\\\\draw\\[delta\\] \\(b4.north\\) to.* \\(b3.north\\)"),
        "the skip from layer 3 into layer 4");
    assertEquals(4, new NetworkDrawing(ReportTest.spec("tanh-5")).pathsLayer(), "without skips, the last hidden");
    assertNull(new NetworkDrawing(NetworkSpec.builder().source("one.nn").name("One").inputs(2)
        .batch(BatchReduction.SUM).optimizer(new Optimizer.Sgd(0.1)).layer(1, Activation.named(NamedActivation.SIGMOID))
        .loss(Loss.named(NamedLoss.HALF_SSE)).build()).backward(), "no hidden unit, no paths");
  }

  @Test
  void aWideNetWithASkipCompilesInsideTheMarginsAndWithoutTikzToANote() throws Exception {
    assumeTrue(PdfLatex.available() || "true".equals(System.getenv("CI")), "pdflatex is not installed");
    ReportModel model = new ReportModels(SymbolicEngine.shared())
        .build(new Deriver().derive(wideWithSkip()), List.of(), java.util.Map.of(), "deltagen test");
    String tex = new ReportRenderer().render(model);
    assertTrue(tex.contains("\\drawing{\\begin{tikzpicture}"), "the report draws the network");
    assertTrue(tex.contains("a blue arc is a skip"), "the text explains the arcs of this network");
    PdfLatex.Result drawn = PdfLatex.compile("Wide", tex);
    assertEquals(List.of(), drawn.errors());
    assertEquals(List.of(), drawn.overfullBoxes());
    Path out = Files.createDirectories(Path.of("target", "drawings"));
    Files.write(out.resolve("Wide.pdf"), drawn.pdf());

    String withoutTikz = tex.replace("\\IfFileExists{tikz.sty}", "\\IfFileExists{no-such-package.sty}");
    assertFalse(withoutTikz.equals(tex));
    PdfLatex.Result noted = PdfLatex.compile("Wide", withoutTikz);
    assertEquals(List.of(), noted.errors());
    assertEquals(List.of(), noted.overfullBoxes());
    assertTrue(noted.pdf().length < drawn.pdf().length, "the note is smaller than two drawings");
  }
}
