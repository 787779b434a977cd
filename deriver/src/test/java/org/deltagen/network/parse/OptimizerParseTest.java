package org.deltagen.network.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.deltagen.network.ErrorCode;
import org.deltagen.network.Initializer;
import org.deltagen.network.Optimizer;
import org.deltagen.network.NetworkSpec;
import org.deltagen.network.SourceLocation;
import org.deltagen.network.SpecException;
import org.junit.jupiter.api.Test;

/** Every optimizer statement, with torch.optim's defaults where options are left out. */
class OptimizerParseTest {
  private static Optimizer parse(String statement) throws SpecException {
    return SpecParser.parse("net.nn", "network Net\ninput 2\nlayer 1 tanh\nloss sse\n" + statement + "\n").optimizer();
  }

  @Test
  void defaultsAreTorchs() throws SpecException {
    assertEquals(new Optimizer.Sgd(0.01, 0, 0, false, 0, true), parse("optimizer sgd"));
    assertEquals(new Optimizer.Adagrad(0.01, 0, 0, 0, 1e-10, true), parse("optimizer adagrad"));
    assertEquals(new Optimizer.RmsProp(0.01, 0.99, 1e-8, 0, 0, false, true), parse("optimizer rmsprop"));
    assertEquals(new Optimizer.Adam(0.001, 0.9, 0.999, 1e-8, 0, false, true), parse("optimizer adam"));
    assertEquals(new Optimizer.Adam(0.001, 0.9, 0.999, 1e-8, 0.01, true, true), parse("optimizer adamw"));
  }

  @Test
  void everyOptionIsRead() throws SpecException {
    assertEquals(new Optimizer.Sgd(0.1, 0.9, 0, true, 1e-4, false),
        parse("optimizer sgd lr=0.1 momentum=0.9 nesterov=true weight-decay=1e-4 decay-biases=false"));
    assertEquals(new Optimizer.RmsProp(0.02, 0.9, 1e-6, 0, 0.5, true, true),
        parse("optimizer rmsprop lr=0.02 alpha=0.9 eps=1e-6 momentum=0.5 centered=true"));
    assertEquals(new Optimizer.Adagrad(0.1, 0.01, 0, 0.1, 1e-10, true),
        parse("optimizer adagrad lr=0.1 lr-decay=0.01 initial-accumulator=0.1"));
  }

  @Test
  void aBetaOfOneIsRefusedAtItsValue() {
    SpecException e = assertThrows(SpecException.class, () -> parse("optimizer adam beta2=1"));
    assertEquals(ErrorCode.DG017, e.diagnostics().get(0).code());
    assertEquals(new SourceLocation("net.nn", 5, 22), e.diagnostics().get(0).location());
  }

  @Test
  void initializersParse() throws SpecException {
    String base = "network Net\ninput 2\nlayer 1 tanh\nloss sse\n";
    assertEquals(new Initializer.Scaled(Initializer.Scaled.Scheme.XAVIER, true, 3, 1.0),
        SpecParser.parse("net.nn", base + "init xavier seed=3 distribution=normal\n").initializer());
    assertEquals(new Initializer.Scaled(Initializer.Scaled.Scheme.HE, false, 0, Math.sqrt(2)),
        SpecParser.parse("net.nn", base + "init he\n").initializer());
    assertEquals(new Initializer.Uniform(5, -0.1, 0.1),
        SpecParser.parse("net.nn", base + "init uniform seed=5 low=-0.1 high=0.1\n").initializer());
    SpecException e = assertThrows(SpecException.class,
        () -> SpecParser.parse("net.nn", base + "init he distribution=gaussian\n"));
    assertEquals(ErrorCode.DG016, e.diagnostics().get(0).code());
  }

  @Test
  void clipSetsTheGlobalNorm() throws SpecException {
    String base = "network Net\ninput 2\nlayer 1 tanh\nloss sse\n";
    assertEquals(0.0, SpecParser.parse("net.nn", base).clipNorm());
    assertEquals(2.5, SpecParser.parse("net.nn", base + "clip norm=2.5\n").clipNorm());
    SpecException e = assertThrows(SpecException.class, () -> SpecParser.parse("net.nn", base + "clip norm=-1\n"));
    assertEquals(new SourceLocation("net.nn", 5, 11), e.diagnostics().get(0).location());
  }

  @Test
  void regularizeSetsTheL1Penalty() throws SpecException {
    String base = "network Net\ninput 2\nlayer 1 tanh\nloss sse\n";
    assertEquals(0.0, SpecParser.parse("net.nn", base).l1());
    NetworkSpec penalized = SpecParser.parse("net.nn", base + "regularize l1=1e-4\n");
    assertEquals(1e-4, penalized.l1());
    assertEquals(penalized, penalized.toBuilder().build(), "toBuilder keeps λ");
    assertNotEquals(penalized, penalized.toBuilder().l1(2e-4).build(), "λ is part of the spec's value");
  }

  @Test
  void nesterovWithoutMomentumIsRefused() {
    SpecException e = assertThrows(SpecException.class, () -> parse("optimizer sgd nesterov=true"));
    assertEquals(ErrorCode.DG016, e.diagnostics().get(0).code());
    assertEquals(5, e.diagnostics().get(0).location().line());
  }
}
