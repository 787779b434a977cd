package org.deltagen.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.palantir.javapoet.JavaFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.deltagen.codegen.Citations;
import org.deltagen.codegen.GradientCheck;
import org.deltagen.codegen.InMemoryCompiler;
import org.deltagen.codegen.Trainer;
import org.deltagen.codegen.TrainerGenerator;
import org.deltagen.codegen.TrainerSource;
import org.deltagen.derive.Derivation;
import org.deltagen.derive.Deriver;
import org.deltagen.derive.Equation;
import org.deltagen.derive.LayerActivation;
import org.deltagen.derive.LearnedGradient;
import org.deltagen.derive.Step;
import org.deltagen.network.Activation;
import org.deltagen.network.BatchReduction;
import org.deltagen.network.LearnedParameter;
import org.deltagen.network.Loss;
import org.deltagen.network.NamedActivation;
import org.deltagen.network.NamedLoss;
import org.deltagen.network.NetworkSpec;
import org.deltagen.network.Norm;
import org.deltagen.network.Optimizer;
import org.deltagen.network.Schedule;
import org.deltagen.network.SpecException;
import org.deltagen.symbolic.Formula;
import org.deltagen.symbolic.SymbolicEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Reports of real derivations, compiled with pdflatex, which must report no error and no overfull box. */
class ReportTest {
  private static final Deriver DERIVER = new Deriver();

  private record Built(Derivation derivation, JavaFile source, Citations citations, String tex) {}

  private static Built build(NetworkSpec spec) throws SpecException, IOException {
    Derivation derivation = DERIVER.derive(spec);
    TrainerSource trainer = TrainerGenerator.write(derivation);
    JavaFile source = trainer.file();
    GradientCheck.Result check = new GradientCheck(spec).run(new Trainer(InMemoryCompiler.compile(source)), 3);
    ReportModel.Check row = new ReportModel.Check("Gradient check", "backward() against loss()",
        "w^{(1)}_{1,1}", "analytic " + check.worst().analytic(), "numeric " + check.worst().numeric(),
        String.valueOf(check.worst().error()), "1e-07", check.passed());
    ReportModel model = new ReportModels(SymbolicEngine.shared())
        .build(derivation, List.of(row), trainer.citations().byLabel(), "deltagen test");
    return new Built(derivation, source, trainer.citations(), new ReportRenderer().render(model));
  }

  private static NetworkSpec.Builder network(String name, int inputs) {
    return NetworkSpec.builder().source(name.toLowerCase() + ".nn").name(name).inputs(inputs)
        .batch(BatchReduction.SUM).optimizer(new Optimizer.Sgd(0.1));
  }

  static NetworkSpec spec(String kind) throws SpecException {
    return switch (kind) {
      case "xor" -> network("Xor", 2).layer(2, Activation.named(NamedActivation.SIGMOID))
          .layer(1, Activation.named(NamedActivation.SIGMOID)).loss(Loss.custom("(y - d)^2")).build();
      case "softmax-ce" -> network("Mnist", 784).layer(128, Activation.named(NamedActivation.RELU))
          .layer(10, Activation.named(NamedActivation.SOFTMAX)).loss(Loss.named(NamedLoss.CROSS_ENTROPY)).build();
      case "sigmoid-bce" -> network("Bce", 3).layer(4, Activation.named(NamedActivation.GELU))
          .layer(2, Activation.named(NamedActivation.SIGMOID)).loss(Loss.named(NamedLoss.BINARY_CROSS_ENTROPY))
          .optimizer(new Optimizer.Adam(0.001, 0.9, 0.999, 1e-8, 0.01, true, false)).build();
      case "custom" -> network("Custom", 3).layer(5, Activation.custom("u/(1+u^2)"))
          .layer(4, Activation.named(NamedActivation.GELU_TANH))
          .layer(2, Activation.named(NamedActivation.IDENTITY)).loss(Loss.named(NamedLoss.HUBER))
          .optimizer(new Optimizer.RmsProp(0.01, 0.9, 1e-8, 1e-3, 0.5, true, true)).build();
      case "tanh-5" -> {
        NetworkSpec.Builder builder = network("Deep", 4);
        for (int l = 0; l < 4; l++) {
          builder.layer(6, Activation.named(NamedActivation.TANH));
        }
        yield builder.layer(2, Activation.named(NamedActivation.TANH)).loss(Loss.named(NamedLoss.HALF_SSE)).build();
      }
      case "scheduled" -> network("Scheduled", 2).layer(2, Activation.named(NamedActivation.SIGMOID))
          .layer(1, Activation.named(NamedActivation.SIGMOID)).loss(Loss.custom("(y - d)^2"))
          .schedule(new Schedule.Cosine(50, 0.001)).warmup(new Schedule.Warmup(5, 0.1)).build();
      case "nesterov" -> network("Nesterov", 2).layer(3, Activation.named(NamedActivation.TANH))
          .layer(1, Activation.named(NamedActivation.SIGMOID)).loss(Loss.named(NamedLoss.BINARY_CROSS_ENTROPY))
          .optimizer(new Optimizer.Sgd(0.05, 0.9, 0, true, 1e-4, false)).clipNorm(1).build();
      case "adagrad" -> network("Adagrad", 2).layer(3, Activation.named(NamedActivation.RELU))
          .layer(1, Activation.named(NamedActivation.IDENTITY)).loss(Loss.named(NamedLoss.HALF_SSE))
          .optimizer(new Optimizer.Adagrad(0.01, 1e-3, 0.01, 0.1, 1e-10, true)).build();
      case "l1" -> network("Lasso", 3).layer(4, Activation.named(NamedActivation.TANH))
          .layer(2, Activation.named(NamedActivation.IDENTITY)).loss(Loss.named(NamedLoss.MSE))
          .batch(BatchReduction.MEAN).l1(1e-3).build();
      case "prelu" -> network("Prelu", 3).layer(5, Activation.named(NamedActivation.PRELU))
          .layer(4, Activation.named(NamedActivation.PRELU))
          .layer(2, Activation.named(NamedActivation.IDENTITY)).loss(Loss.named(NamedLoss.HALF_SSE)).build();
      case "learnable" -> network("Learnable", 3)
          .layer(4, Activation.custom("a*Tanh(b*u)", List.of(new LearnedParameter("a", 1), new LearnedParameter("b", 0.5))))
          .layer(2, Activation.named(NamedActivation.IDENTITY)).loss(Loss.named(NamedLoss.HALF_SSE)).build();
      case "residual" -> {
        // Sigmoid layers, each adding the one before: 0.25 per layer without the skips.
        NetworkSpec.Builder builder = network("Residual", 3).layer(4, Activation.named(NamedActivation.SIGMOID));
        for (int l = 2; l <= 4; l++) {
          builder.layer(4, Activation.named(NamedActivation.SIGMOID)).skip(l - 1);
        }
        yield builder.layer(2, Activation.named(NamedActivation.IDENTITY)).loss(Loss.named(NamedLoss.HALF_SSE))
            .build();
      }
      case "norms" -> network("Norms", 3)
          .layer(4, Activation.named(NamedActivation.TANH)).norm(Norm.layer())
          .layer(6, Activation.custom("a*Tanh(b*u)", List.of(new LearnedParameter("a", 1), new LearnedParameter("b", 0.5))))
          .norm(Norm.group(2))
          .layer(6, Activation.named(NamedActivation.RELU)).norm(Norm.layer()).skip(2)
          .layer(3, Activation.named(NamedActivation.SOFTMAX)).loss(Loss.named(NamedLoss.CROSS_ENTROPY)).build();
      case "batch-norms" -> network("BatchNorms", 3)
          .layer(4, Activation.named(NamedActivation.TANH)).norm(Norm.layer())
          .layer(5, Activation.named(NamedActivation.RELU)).norm(Norm.batch())
          .layer(3, Activation.named(NamedActivation.SOFTMAX)).loss(Loss.named(NamedLoss.CROSS_ENTROPY)).build();
      case "dropout" -> network("Dropout", 3)
          .layer(4, Activation.named(NamedActivation.TANH)).dropout(0.5)
          .layer(4, Activation.named(NamedActivation.RELU)).dropout(0.25).skip(1)
          .layer(2, Activation.named(NamedActivation.SOFTMAX)).loss(Loss.named(NamedLoss.CROSS_ENTROPY)).build();
      default -> throw new IllegalArgumentException(kind);
    };
  }

  /** The report shows û before f, then δ through μ and σ² with each of Symja's partials, and β, γ's gradients. */
  @Test
  void showsTheNormsThreePathsTheirSumAndTheCompactForm() throws Exception {
    Built built = build(spec("norms"));
    String tex = built.tex();

    int norm = tex.indexOf("\\label{eq:norm-2}");
    assertTrue(norm > 0 && norm < tex.indexOf("\\label{eq:activation-2}"), "û^2 comes before z^2 = f_2(û^2)");
    assertTrue(tex.contains("\\mu = \\frac{1}{m}\\sum_{i\\in G(j)} u^{(2)}_i"), "group statistics");
    int paths = tex.indexOf("\\label{eq:norm-delta-2}");
    assertTrue(paths > tex.indexOf("\\label{eq:delta-2}"), "δ^2 follows ∂E/∂û^2");
    String delta = tex.substring(tex.lastIndexOf("\\begin{equation}", paths), tex.indexOf("\\end{equation}", paths));
    assertTrue(delta.contains("\\pd{\\hat u^{(2)}_i}{\\mu}\\pd{\\mu}{u^{(2)}_j}"), "the path through μ");
    assertTrue(delta.contains("\\pd{\\hat u^{(2)}_i}{\\sigma^2}\\pd{\\sigma^2}{u^{(2)}_j}"), "the path through σ²");
    assertTrue(delta.contains("\\frac{1}{\\sigma}\\Bigl(g_j - \\frac{1}{m}\\sum_i g_i"), "the compact form");
    assertTrue(tex.contains("\\label{eq:norm-gradient-1}"), "∂E/∂γ^1 and ∂E/∂β^1");
    assertTrue(tex.contains("then scales it by \\ensuremath{\\gamma} and shifts it by \\ensuremath{\\beta}"), "Greek in prose");
    assertFalse(tex.contains("?"), "no letter lost to the font");
    assertTrue(built.source().toString().contains("(eq. " + built.derivation().step("norm-delta-2").number() + ")"),
        "the generated backward pass cites the paths");
  }

  /**
   * Layer norm's paths sum over the units i of the layer, batch norm's over the samples r of the
   * batch, one unit j held: the report shows both, each in its layer, and batch norm's running
   * statistics.
   */
  @Test
  void showsLayerNormsSumOverUnitsBesideBatchNormsSumOverSamples() throws Exception {
    String tex = build(spec("batch-norms")).tex();
    String layer = equation(tex, "norm-delta-1");
    String batch = equation(tex, "norm-delta-2");
    assertTrue(layer.contains("\\sum_i \\pd{E}{\\hat u^{(1)}_i}"), layer);
    assertTrue(batch.contains("\\sum_r \\pd{E}{\\hat u^{(2)}_j[r]}"), batch);
    assertTrue(batch.contains("\\frac{1}{\\sigma}\\Bigl(g[s] - \\frac{1}{m}\\sum_r g[r]"), "the compact form over samples");
    assertTrue(tex.contains("summed over the samples r, where layer norm sums over the units i"), "the prose says so");
    assertTrue(batch.contains("\\text{layer norm's, summed over the units } i \\text{ of one sample instead: } "
        + "\\delta^{(2)}_j = \\frac{1}{\\sigma}\\Bigl(g_j - \\frac{1}{m}\\sum_i g_i"), "layer norm's form beside");
    assertFalse(tex.contains("?"), "no letter lost to the font: ρ in the prose");
    String forward = equation(tex, "norm-2");
    assertTrue(forward.contains("\\mu_j = \\frac{1}{m}\\sum_{r=1}^{m} u^{(2)}_j[r]"), forward);
    assertTrue(forward.contains("\\bar\\sigma^2_j \\leftarrow"), "the running variance's update");
  }

  private static String equation(String tex, String label) {
    int at = tex.indexOf("\\label{eq:" + label + "}");
    assertTrue(at > 0, label);
    return tex.substring(tex.lastIndexOf("\\begin{equation}", at), tex.indexOf("\\end{equation}", at));
  }

  @Test
  void showsTheSkipsTermsAndWhyTheirIdentityPathsKeepDeltaFromVanishing() throws Exception {
    Built built = build(spec("residual"));
    String tex = built.tex();

    assertTrue(tex.contains("\\label{eq:skip-2}"), "z^2 = f_2(u^2) + z^1 is an equation of the network");
    assertTrue(tex.contains("\\label{eq:output-gradient-3}"), "∂E/∂z^3, which the skip passes back");
    int delta1 = tex.indexOf("\\label{eq:delta-1}");
    assertTrue(tex.substring(delta1).contains("+ \\pd{E}{z^{(2)}_j}"), "δ^1 sums the skip's ∂E/∂z^2");
    assertTrue(tex.contains("a $\\delta^{(1)}$ is scaled by at most 0.2500 along the best path, which crosses 1 of"
        + " the 4 activation derivatives; through every layer, as without the skips, the bound is 0.003906."), tex);
    assertTrue(tex.contains("keep the bound from shrinking geometrically"));
    assertTrue(tex.contains("adds \\ensuremath{z^{(1)}} to its activation"), "z^1 in the prose is typeset");
    assertFalse(tex.contains("\\^{}"), "no caret printed as text");
    assertTrue(built.source().toString().contains("(eq. " + built.derivation().step("skip-2").number() + ")"),
        "the generated forward pass cites the skip");
    assertFalse(build(spec("xor")).tex().contains("With the skips"), "a plain network has no such paragraph");
  }

  /** The report shows each dropout after its activation, the mask's law and its m^l_j in δ^l. */
  @Test
  void showsTheDropoutsMaskForwardAndInTheDelta() throws Exception {
    Built built = build(spec("dropout"));
    String tex = built.tex();

    int activation = tex.indexOf("\\label{eq:activation-1}");
    int dropout = tex.indexOf("\\label{eq:dropout-1}");
    assertTrue(activation >= 0 && dropout > activation, "z^1 = m^1 f_1(u^1) right after f_1(u^1)");
    assertTrue(dropout < tex.indexOf("\\label{eq:dropout-2}")
        && tex.indexOf("\\label{eq:dropout-2}") < tex.indexOf("\\label{eq:skip-2}"), "h^2 before the skip adds z^1");
    assertTrue(tex.contains("P\\bigl(m^{(1)}_j = 0\\bigr) = p = 0.5"), "the mask's law");
    assertTrue(tex.contains("in evaluation (predict, loss)"), "the identity in evaluation, in the prose");
    int delta1 = tex.indexOf("\\label{eq:delta-1}");
    assertTrue(tex.substring(delta1, tex.indexOf("\\end{", delta1)).contains("\\, m^{(1)}_j"), "δ^1 through the mask");
    assertTrue(built.source().toString().contains("(eq. " + built.derivation().step("dropout-1").number() + ")"),
        "the generated forward pass cites the dropout");
    assertFalse(build(spec("xor")).tex().contains("dropout"), "a plain network has no dropout");
  }

  @ParameterizedTest
  @ValueSource(strings = {"xor", "softmax-ce", "sigmoid-bce", "custom", "tanh-5", "scheduled", "nesterov", "adagrad",
      "l1", "prelu", "learnable", "residual", "norms", "batch-norms", "dropout"})
  void compilesWithoutErrorsOrOverfullBoxes(String kind) throws Exception {
    assumePdfLatex();
    Built built = build(spec(kind));
    PdfLatex.Result result = PdfLatex.compile(built.derivation().spec().name(), built.tex());
    assertTrue(result.errors().isEmpty(), () -> "LaTeX errors: " + result.errors());
    assertTrue(result.overfullBoxes().isEmpty(), () -> "overfull boxes: " + result.overfullBoxes());
    assertTrue(result.pdf() != null && result.pdf().length > 10_000, "a PDF was produced");
  }

  @ParameterizedTest
  @ValueSource(strings = {"xor", "softmax-ce", "sigmoid-bce", "custom"})
  void containsEveryLayersDerivedDerivative(String kind) throws Exception {
    Built built = build(spec(kind));
    for (int l = 1; l <= built.derivation().spec().depth(); l++) {
      LayerActivation layer = built.derivation().graph().activation(l);
      String raw = Formula.of(layer.derivative().raw()).tex();
      assertTrue(built.tex().contains(raw), "layer " + layer.layer() + "'s f' as derived: " + raw);
      assertTrue(built.tex().contains(Formula.of(layer.derivative().simplified()).tex()), "and simplified");
    }
  }

  @Test
  void showsTheScheduleTheGeneratedMethodCites() throws Exception {
    Built built = build(spec("scheduled"));
    Step schedule = built.derivation().scheduleStep().orElseThrow();

    assertTrue(built.tex().contains("\\label{eq:schedule}"), built.tex());
    assertTrue(built.tex().contains("\\frac{1 + \\cos(\\pi e/50)}{2}"), built.tex());
    assertTrue(built.source().toString().contains("* " + schedule.citation()), "the generated javadoc cites "
        + schedule.citation());
    assertFalse(build(spec("xor")).tex().contains("eq:schedule"), "no schedule, no equation");
  }

  /** As the XOR report read before the optimizers became descriptors: the update rule's clauses one below another. */
  @ParameterizedTest
  @ValueSource(strings = {"xor", "sigmoid-bce", "custom", "nesterov", "adagrad"})
  void setsTheUpdateRuleOneClausePerAlignedLine(String kind) throws Exception {
    Built built = build(spec(kind));
    Equation update = built.derivation().updateStep().equation();
    int start = built.tex().indexOf("\\label{eq:update}");
    String lines = built.tex().substring(start, built.tex().indexOf("\\end{aligned}", start));
    assertEquals(update.conditions().size() + 1, lines.lines().filter(line -> line.contains("&\\fitto")).count(), lines);
    assertTrue(lines.contains("{" + update.left().tex() + "}"), lines);
    update.conditions().forEach(clause -> assertTrue(lines.contains("{" + clause.tex() + "}"), clause.tex()));
  }

  @Test
  void showsTheL1PenaltyInTheGoalAndTheUpdate() throws Exception {
    Built built = build(spec("l1"));
    String tex = built.tex();
    int goal = tex.indexOf("\\section{The goal}");
    int penalty = tex.indexOf("\\label{eq:penalty}");
    int gradient = tex.indexOf("\\label{eq:penalty-gradient}");
    assertTrue(goal >= 0 && goal < penalty && penalty < gradient && gradient < tex.indexOf("\\section{The output layer}"),
        "the penalty and its gradient stand in the goal section");
    assertTrue(tex.contains("\\lambda_1 = 0.001"), "with this spec's λ");
    assertTrue(tex.contains("\\operatorname{sgn}(w)"), "the gradient as Symja's pieces make it: sgn(w)");
    int update = tex.indexOf("\\label{eq:update}");
    assertTrue(tex.substring(update, tex.indexOf("\\end{aligned}", update)).contains("\\lambda_1 \\operatorname{sgn}(w)"),
        "the update's gradient carries the penalty's");
    assertEquals("penalty()", built.citations().byLabel().get("penalty"));
    assertEquals("addPenaltyGradient()", built.citations().byLabel().get("penalty-gradient"));
    assertFalse(build(spec("xor")).tex().contains("eq:penalty"), "no penalty, no equation");
  }

  /** ∂f/∂a as Symja derived it and ∂E/∂a^l as the sum over the layer's units, cited by the code. */
  @Test
  void showsEachLearnedParametersDerivativeAndItsSum() throws Exception {
    Built built = build(spec("learnable"));
    String tex = built.tex();
    List<LearnedGradient> learned = built.derivation().graph().activation(1).learned();
    assertEquals(2, learned.size());
    for (LearnedGradient parameter : learned) {
      assertTrue(tex.contains(Formula.of(parameter.raw()).tex()), "∂f/∂" + parameter.parameter().name() + " as derived");
      assertTrue(tex.contains("\\label{eq:" + parameter.gradientStep().label() + "}"), "its gradient's equation");
      assertFalse(built.citations().byLabel().getOrDefault(parameter.gradientStep().label(), "").isEmpty(),
          "the code cites it");
    }
    assertTrue(tex.contains("\\pd{E}{b^{(1)}}"), "∂E/∂b^1");
    assertTrue(tex.contains("\\sum_j \\pd{E}{z^{(1)}_j}\\, \\pd{f_{1}}{b}\\bigl(u^{(1)}_j\\bigr)"),
        "the sum over the units");
    int hidden = tex.indexOf("\\label{eq:delta-1}");
    assertTrue(hidden >= 0 && hidden < tex.indexOf("\\label{eq:" + learned.get(0).derivativeStep().label() + "}"),
        "after the layer's δ");
  }

  @Test
  void showsTheCancellationOfTheFusedLosses() throws Exception {
    Built softmax = build(spec("softmax-ce"));
    assertTrue(softmax.tex().contains("\\label{eq:softmax-jacobian}"));
    assertTrue(softmax.tex().contains("\\label{eq:cancellation}"));
    assertTrue(cancellationEndsIn(softmax.tex(), "{}= y_j - d_j"), "δ = y − d for softmax + cross-entropy");
    assertTrue(softmax.tex().contains("\\Longrightarrow\\quad \\delta^{(2)}_j"), "for every unit j");
    Built bce = build(spec("sigmoid-bce"));
    assertTrue(bce.tex().contains("\\label{eq:cancellation}"));
    assertTrue(cancellationEndsIn(bce.tex(), "{}= y_j - d_j"), "δ = y − d for sigmoid + binary cross-entropy");
    assertFalse(build(spec("xor")).tex().contains("eq:cancellation"), "no cancellation is claimed for sse");
  }

  @ParameterizedTest
  @ValueSource(strings = {"xor", "softmax-ce", "custom", "l1", "residual", "norms"})
  void everyEquationTheCodeCitesIsInTheReportUnderTheSameNumber(String kind) throws Exception {
    Built built = build(spec(kind));
    Matcher citation = Pattern.compile("\\(eq\\. (\\d+)\\)").matcher(built.source().toString());
    int cited = 0;
    while (citation.find()) {
      int number = Integer.parseInt(citation.group(1));
      String label = built.derivation().steps().get(number - 1).label();
      assertTrue(built.tex().contains("\\tag{" + number + "}\\label{eq:" + label + "}"),
          "the code cites (eq. " + number + ") = " + label + ", which the report must number so");
      cited++;
    }
    assertTrue(cited >= 5, "the generated code cites its equations");
    Map<String, String> methods = built.citations().byLabel();
    assertEquals("backpropagate()", methods.get("weight-gradient"));
    assertTrue(built.tex().contains("\\emph{Implemented in} \\texttt{backpropagate()}"));
  }

  @Test
  void namesWithTexAndTemplateCharactersCannotInject(@TempDir Path temp) throws Exception {
    NetworkSpec spec = NetworkSpec.builder().source("we%ird_$#&~^{}[=x]\\input{x}.nn").name("Net_1").inputs(1)
        .layer(1, Activation.named(NamedActivation.IDENTITY)).loss(Loss.named(NamedLoss.SSE)).build();
    String tex = build(spec).tex();
    assertTrue(tex.contains("Net\\_1"), "the network's name is escaped");
    assertTrue(tex.contains("we\\%ird\\_\\$\\#\\&\\~{}\\^{}\\{\\}[=x]\\textbackslash{}input\\{x\\}.nn"),
        "the source name is escaped, and [=x] stays text");
    assertFalse(tex.contains("\\input{x}"));
    assumePdfLatex();
    PdfLatex.Result result = PdfLatex.compile("Net", tex);
    assertTrue(result.clean(), () -> result.errors() + " " + result.overfullBoxes());
    Files.write(temp.resolve("Net.pdf"), result.pdf());
  }

  @Test
  void aUserTemplateDirectoryReplacesTheBuiltInTemplate(@TempDir Path temp) throws Exception {
    Files.writeString(temp.resolve("report.tex.ftl"), "custom report for [=model.network]\n");
    Derivation derivation = DERIVER.derive(spec("xor"));
    ReportModel model = new ReportModels(SymbolicEngine.shared()).build(derivation, List.of(), Map.of(), "test");
    assertEquals("custom report for Xor\n", new ReportRenderer(temp).render(model));
  }

  @Test
  void theVanishingGradientBoundIsSigmoidsQuarter() throws Exception {
    String tex = build(network("Deep", 2).layer(3, Activation.named(NamedActivation.SIGMOID))
        .layer(3, Activation.named(NamedActivation.SIGMOID)).layer(1, Activation.named(NamedActivation.IDENTITY))
        .loss(Loss.named(NamedLoss.SSE)).build()).tex();
    assertTrue(tex.contains("1 & sigmoid & 0.2500 & 0.00 \\\\"), "max |σ'| = 1/4 at u = 0");
    assertTrue(tex.contains("scales it by at most 0.06250"), "(1/4)² over two sigmoid layers");
  }

  /** True when the cancellation equation's last line is {@code ending} (spaces ignored). */
  private static boolean cancellationEndsIn(String tex, String ending) {
    int start = tex.indexOf("\\label{eq:cancellation}");
    int end = tex.indexOf("\\end{aligned}", start);
    String equation = tex.substring(start, end).replaceAll("\\s+", "");
    return start >= 0 && equation.endsWith(ending.replaceAll("\\s+", "") + "}");
  }

  private static void assumePdfLatex() {
    // CI installs TeX (.ci/run) and must run these; elsewhere they need pdflatex on the PATH.
    assumeTrue(PdfLatex.available() || "true".equals(System.getenv("CI")), "pdflatex is not installed");
  }
}
