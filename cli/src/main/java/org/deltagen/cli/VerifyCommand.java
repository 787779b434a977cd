package org.deltagen.cli;

import org.deltagen.derive.BruteForceProof;
import org.deltagen.derive.Deriver;
import org.deltagen.network.NetworkSpec;
import picocli.CommandLine.Command;

/** {@code deltagen verify SPEC}. */
@Command(
    name = "verify",
    description = "Proves the derivation against brute force: expands E in every weight,"
        + " differentiates it with Symja directly and compares with the δ recursion at five random"
        + " points (networks of at most " + BruteForceProof.MAX_PARAMETERS + " parameters).")
final class VerifyCommand extends SpecCommand {
  @Override
  int run(NetworkSpec spec) throws Exception {
    if (spec.parameterCount() > BruteForceProof.MAX_PARAMETERS) {
      err().println("deltagen: " + spec.name() + " has " + spec.parameterCount()
          + " parameters; the brute-force proof expands E in every weight, so it takes at most "
          + BruteForceProof.MAX_PARAMETERS + ". Use 'deltagen check' for the gradient check.");
      return Main.BAD_INPUT;
    }
    if (BruteForceProof.refusal(spec) != null) {
      err().println("deltagen: " + BruteForceProof.refusal(spec) + ". Use 'deltagen check'.");
      return Main.BAD_INPUT;
    }
    BruteForceProof.Result result = new BruteForceProof().prove(new Deriver().derive(spec), 20240601L);
    out().println(result);
    if (!result.passed()) {
      err().println("deltagen: the derivation of " + spec.name() + " disagrees with brute force, which is a deltagen bug");
      return Main.INTERNAL_ERROR;
    }
    return 0;
  }
}
