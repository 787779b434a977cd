package org.deltagen.network;

import static org.deltagen.network.Nets.net;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class NetworkSpecBuilderTest {

  @Test
  void layoutPutsTheBiasRowFirstAndSkipsItWithoutBias() throws SpecException {
    NetworkSpec spec = net(3)
        .layer(4, Activation.named(NamedActivation.TANH))
        .layer(2, Activation.named(NamedActivation.IDENTITY), false)
        .loss(Loss.named(NamedLoss.SSE))
        .build();
    assertEquals(0, spec.weightOffset(1));
    assertEquals(16, spec.weightOffset(2));
    assertEquals(16 + 8, spec.parameterCount());
    assertEquals(2 * 4 + 2, spec.weightIndex(1, 2, 3), "w^1_{23}: row i = 2, unit j = 3 in column 2");
    assertEquals(16, spec.weightIndex(2, 1, 1), "without a bias row, row i = 1 comes first");
    assertEquals(4, spec.weightRows(1));
    assertEquals(4, spec.weightRows(2));
  }

  @Test
  void withPackageNameMovesOnlyTheClassAndRefusesInvalidNames() throws SpecException {
    NetworkSpec spec = net(2)
        .layer(3, Activation.named(NamedActivation.TANH))
        .loss(Loss.named(NamedLoss.SSE))
        .schedule(new Schedule.Cosine(10, 0.001))
        .warmup(new Schedule.Warmup(2, 0.5))
        .precision(Precision.FLOAT)
        .clipNorm(1.5)
        .build();
    NetworkSpec moved = spec.withPackageName("org.example.nets");
    assertEquals("org.example.nets", moved.packageName());
    assertEquals("", spec.packageName(), "the original is unchanged");
    assertEquals(spec.name(), moved.name());
    assertEquals(spec.parameterCount(), moved.parameterCount());
    assertEquals(spec.weightIndex(1, 2, 3), moved.weightIndex(1, 2, 3));
    assertEquals(spec.layers(), moved.layers());
    assertEquals(spec.schedule(), moved.schedule());
    assertEquals(spec.warmup(), moved.warmup());
    assertEquals(Precision.FLOAT, moved.precision());
    assertEquals(1.5, moved.clipNorm());
    assertThrows(IllegalArgumentException.class, () -> spec.withPackageName("org.class"));
  }

  @Test
  void toBuilderHoldsEveryValueAndChangesOnlyWhatIsSet() throws SpecException {
    NetworkSpec spec =
        org.deltagen.network.parse.SpecParser.parse("every.nn", String.join("\n",
            "network Every", "package org.example", "input 3", "layer 4 tanh", "layer 2 identity bias=false",
            "loss sse", "batch sum", "optimizer adam lr=0.01 beta2=0.99", "init xavier seed=4 distribution=normal",
            "clip norm=2", "schedule step size=3 gamma=0.5", "warmup epochs=2", "precision float"));
    assertEquals(spec, spec.toBuilder().build());
    assertEquals(spec.hashCode(), spec.toBuilder().build().hashCode());
    NetworkSpec changed = spec.toBuilder().optimizer(new Optimizer.Sgd(0.1)).build();
    assertNotEquals(spec, changed);
    assertEquals(new Optimizer.Sgd(0.1), changed.optimizer());
    assertEquals(spec, changed.toBuilder().optimizer(spec.optimizer()).build(), "every other value is kept");
    assertEquals(List.of(spec.source(), spec.name(), spec.packageName(), spec.layers(), spec.loss(), spec.batch(),
            spec.initializer(), spec.clipNorm(), spec.schedule(), spec.warmup(), spec.precision()),
        List.of(changed.source(), changed.name(), changed.packageName(), changed.layers(), changed.loss(),
            changed.batch(), changed.initializer(), changed.clipNorm(), changed.schedule(), changed.warmup(),
            changed.precision()));
  }

  @Test
  void theBuildersDefaultsAreTheDocumentedOnes() throws SpecException {
    NetworkSpec spec = net(2).layer(1, Activation.named(NamedActivation.SIGMOID))
        .loss(Loss.named(NamedLoss.HALF_SSE)).build();
    assertEquals(BatchReduction.MEAN, spec.batch());
    assertEquals(new Optimizer.Sgd(0.01), spec.optimizer());
    assertEquals(new Initializer.Normal(0, 1.0), spec.initializer());
    assertEquals(new Schedule.Constant(), spec.schedule());
    assertEquals(Schedule.Warmup.NONE, spec.warmup());
    assertEquals(Precision.DOUBLE, spec.precision());
    assertEquals(0.0, spec.clipNorm());
  }

  @Test
  void nonFiniteExplicitParametersAreALocatedError() {
    SourceLocation location = new SourceLocation("one.params", 1, 1);
    NetworkSpec.Builder builder =
        oneWeight().initializer(new Initializer.Explicit(new double[] {Double.NaN}, "one.params"), location);
    SpecException error = assertThrows(SpecException.class, builder::build);
    assertEquals(1, error.diagnostics().size());
    Diagnostic diagnostic = error.diagnostics().get(0);
    assertEquals(ErrorCode.DG017, diagnostic.code());
    assertEquals(location, diagnostic.location());
    assertEquals("initial parameter 0 from one.params is NaN, not a finite number", diagnostic.message());
  }

  @Test
  void explicitParametersBeyondFloatRangeAreRefusedForAFloatNetwork() throws SpecException {
    NetworkSpec.Builder builder = oneWeight().initializer(new Initializer.Explicit(new double[] {1e39}, "one.params"));
    assertEquals(1e39, builder.build().initializer() instanceof Initializer.Explicit explicit
        ? explicit.parameters()[0] : 0, "a double network holds 1e39");
    SpecException error = assertThrows(SpecException.class, () -> builder.precision(Precision.FLOAT).build());
    assertEquals("initial parameter 0 from one.params is 1.0E39, not a finite float",
        error.diagnostics().get(0).message());
  }

  @Test
  void theArchitectureDigestCoversTheLayersAndNothingElse() throws SpecException {
    java.util.function.Function<NetworkSpec.Builder, String> digest = builder -> {
      try {
        return java.util.HexFormat.of().formatHex(builder.build().architectureDigest());
      } catch (SpecException e) {
        throw new IllegalStateException(e);
      }
    };
    java.util.function.Supplier<NetworkSpec.Builder> base = () -> net(3)
        .layer(4, Activation.named(NamedActivation.SIGMOID)).loss(Loss.named(NamedLoss.HALF_SSE));
    String original = digest.apply(base.get().layer(2, Activation.named(NamedActivation.TANH)));

    assertEquals(original, digest.apply(base.get().layer(2, Activation.named(NamedActivation.TANH))
        .name("Other").packageName("org.other").precision(Precision.FLOAT).loss(Loss.named(NamedLoss.MSE))
        .optimizer(new Optimizer.Adam(0.5, 0.9, 0.999, 1e-8, 0, false, true)).initializer(new Initializer.Zeros())
        .schedule(new Schedule.Exponential(0.5))), "name, precision, loss, optimizer, init and schedule");
    assertEquals(original, digest.apply(base.get().layer(2, Activation.custom("Tanh(u)"))),
        "tanh written out is the named rule");
    assertNotEquals(original, digest.apply(base.get().layer(3, Activation.named(NamedActivation.TANH))), "units");
    assertNotEquals(original, digest.apply(base.get().layer(2, Activation.named(NamedActivation.TANH), false)), "bias");
    assertNotEquals(original, digest.apply(base.get().layer(2, Activation.named(NamedActivation.SOFTSIGN))),
        "activation");
    assertNotEquals(original, digest.apply(net(4)
        .layer(4, Activation.named(NamedActivation.SIGMOID)).layer(2, Activation.named(NamedActivation.TANH))
        .loss(Loss.named(NamedLoss.HALF_SSE))), "inputs");
  }

  @Test
  void everyMissingStatementIsReportedAtOnce() {
    SpecException error =
        assertThrows(SpecException.class, () -> NetworkSpec.builder().source("empty.nn").build());
    assertEquals(
        List.of(ErrorCode.DG002, ErrorCode.DG002, ErrorCode.DG002, ErrorCode.DG002),
        error.diagnostics().stream().map(Diagnostic::code).toList());
    assertEquals(new SourceLocation("empty.nn", 1, 1), error.diagnostics().get(0).location());
  }

  /** One input into one identity unit without a bias: a network of a single weight. */
  private static NetworkSpec.Builder oneWeight() {
    return NetworkSpec.builder()
        .name("One")
        .inputs(1)
        .layer(1, Activation.named(NamedActivation.IDENTITY), false)
        .loss(Loss.named(NamedLoss.HALF_SSE));
  }
}
