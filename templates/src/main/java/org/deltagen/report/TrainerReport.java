package org.deltagen.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.deltagen.codegen.GradientCheck;
import org.deltagen.codegen.TrainerPipeline;
import org.deltagen.codegen.Version;
import org.deltagen.derive.BruteForceProof;
import org.deltagen.network.SpecException;
import org.deltagen.symbolic.SymbolicEngine;

/**
 * The report on a generated trainer, as every entry point renders it: the derivation, the checks
 * that were run on it (the gradient check and, for small networks, the brute-force proof) and the
 * generated methods that cite each equation.
 */
public final class TrainerReport {
  /** The seed of the brute-force proof's random points, so that a report is reproducible. */
  private static final long PROOF_SEED = 20240601L;

  private TrainerReport() {}

  /**
   * The report's LaTeX source for {@code output}'s derivation, rendered with the templates of
   * {@code templates} before deltagen's own when it is not null.
   */
  public static String render(TrainerPipeline.Output output, Path templates) throws IOException, SpecException {
    List<ReportModel.Check> checks = new ArrayList<>();
    if (output.check() != null) {
      checks.add(gradientCheck(output.check()));
    }
    if (BruteForceProof.isQuick(output.derivation().spec())) {
      checks.add(bruteForce(new BruteForceProof().prove(output.derivation(), PROOF_SEED)));
    }
    ReportModel model = new ReportModels(SymbolicEngine.shared()).build(output.derivation(), checks,
        output.citations().byLabel(), "deltagen " + Version.get());
    return new ReportRenderer(templates).render(model);
  }

  private static ReportModel.Check gradientCheck(GradientCheck.Result result) {
    GradientCheck.Worst worst = result.worst();
    String scope = "the trainer's backward() against the fourth-order central difference of its loss(), "
        + (result.checked() == result.parameters() ? result.parameters() + " parameters"
            : result.checked() + " of " + result.parameters() + " parameters")
        + " at " + result.points() + " random points";
    return new ReportModel.Check("Gradient check", scope, tex(worst.name()), "analytic " + number(worst.analytic()),
        "numeric " + number(worst.numeric()), String.format(Locale.ROOT, "%.2e", worst.error()),
        String.format(Locale.ROOT, "%.0e", result.tolerance()), result.passed());
  }

  private static ReportModel.Check bruteForce(BruteForceProof.Result result) {
    return new ReportModel.Check("Brute-force proof",
        "Symja's D of E, expanded in every weight, against the δ recursion, " + result.parameters()
            + " parameters at " + result.points() + " random points",
        tex(result.worst()), "brute force " + number(result.bruteForce()), "recursion " + number(result.recursion()),
        String.format(Locale.ROOT, "%.2e", result.error()), String.format(Locale.ROOT, "%.0e", BruteForceProof.TOLERANCE),
        result.passed());
  }

  /** w^2_{1,3} as the report typesets weights, w^{(2)}_{1,3}. */
  private static String tex(String parameter) {
    return parameter.replaceFirst("\\^(\\d+)_", "^{($1)}_");
  }

  private static String number(double value) {
    return String.format(Locale.ROOT, "%.12g", value);
  }
}
