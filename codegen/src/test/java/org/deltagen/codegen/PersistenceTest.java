package org.deltagen.codegen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.zip.CRC32;
import org.deltagen.spec.Activation;
import org.deltagen.spec.BatchReduction;
import org.deltagen.spec.Initializer;
import org.deltagen.spec.Loss;
import org.deltagen.spec.NamedActivation;
import org.deltagen.spec.NamedLoss;
import org.deltagen.spec.NetworkSpec;
import org.deltagen.spec.Optimizer;
import org.deltagen.spec.Precision;
import org.deltagen.spec.Schedule;
import org.deltagen.spec.SpecException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * save and load (docs/parameter-file-format.md): a bit-exact round trip with and without the
 * optimizer's state, between precisions and optimizers of one architecture; and for every way a
 * file can be wrong, one clear IOException and a trainer left exactly as it was.
 */
class PersistenceTest {
  private static final double[][] XS = Specs.uniformInputs(12, 3, 5);
  private static final double[][] DS = targets(XS);

  /** The offset of the value width in a file saved by Saved: after magic, version, name and digest. */
  private static final int WIDTH = 8 + 2 + 2 + "Saved".length() + 32;

  private static Class<?> adam;
  private static byte[] savedWithState;

  private static NetworkSpec.Builder network(String name, Optimizer optimizer) {
    return Specs.network(name, 3)
        .layer(6, Activation.named(NamedActivation.TANH))
        .layer(2, Activation.named(NamedActivation.SOFTMAX))
        .loss(Loss.named(NamedLoss.CROSS_ENTROPY))
        .batch(BatchReduction.MEAN)
        .optimizer(optimizer)
        .initializer(new Initializer.Normal(3, 0.5))
        .schedule(new Schedule.Exponential(0.9));
  }

  private static Optimizer adam() {
    return new Optimizer.Adam(0.01, 0.9, 0.999, 1e-8, 0, false, true);
  }

  @BeforeAll
  static void trainAndSave() throws Exception {
    adam = Specs.compile(network("Saved", adam()).build());
    savedWithState = save(trained(GeneratedTrainer.of(adam)), true);
  }

  /** A trainer after three epochs of fit and two steps: parameters, moments, steps and epoch all moved. */
  private static GeneratedTrainer trained(GeneratedTrainer trainer) throws Exception {
    trainer.call("fit", trainer.samples(XS), trainer.samples(DS), 3, 4);
    trainer.call("step", trainer.samples(XS), trainer.samples(DS));
    trainer.call("step", trainer.samples(XS), trainer.samples(DS));
    return trainer;
  }

  private static byte[] save(GeneratedTrainer trainer, boolean withOptimizerState) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    trainer.call("save", bytes, withOptimizerState);
    return bytes.toByteArray();
  }

  private static void load(GeneratedTrainer trainer, byte[] file) throws Exception {
    trainer.call("load", new ByteArrayInputStream(file));
  }

  // ---- round trips ----------------------------------------------------------------------------

  @ParameterizedTest
  @EnumSource(Precision.class)
  void withOptimizerStateALoadedTrainerContinuesBitForBit(Precision precision, @TempDir Path directory)
      throws Exception {
    GeneratedTrainer original = trained(GeneratedTrainer.of(network("RoundTrip", adam()).precision(precision).build()));
    Path file = directory.resolve("round-trip.params");
    original.call("save", file, true);

    GeneratedTrainer loaded = original.another();
    loaded.call("load", file);

    assertBitsEqual(original.parameterValues(), loaded.parameterValues(), "parameters after load");
    assertEquals(original.call("epoch"), loaded.call("epoch"));
    assertEquals(original.call("learningRate"), loaded.call("learningRate"));
    for (int step = 0; step < 5; step++) {
      assertEquals(original.call("step", original.samples(XS), original.samples(DS)),
          loaded.call("step", loaded.samples(XS), loaded.samples(DS)), "batch error of step " + step);
    }
    assertBitsEqual(original.parameterValues(), loaded.parameterValues(), "parameters five Adam steps later");
    try (var files = Files.list(directory)) {
      assertEquals(1, files.count(), "no temporary file is left beside the saved one");
    }
  }

  @Test
  void withoutOptimizerStateALoadedTrainerStartsAfreshFromTheParameters() throws Exception {
    GeneratedTrainer original = trained(GeneratedTrainer.of(adam));
    GeneratedTrainer loaded = GeneratedTrainer.of(adam);
    loaded.fit(XS, DS, 2, 4, null, null, 0, null);

    load(loaded, save(original, false));

    GeneratedTrainer fresh = GeneratedTrainer.of(adam);
    System.arraycopy(original.parameters(), 0, (double[]) fresh.call("parameters"), 0, original.parameters().length);
    assertEquals(0, loaded.call("epoch"), "the epoch count restarts");
    for (int step = 0; step < 3; step++) {
      loaded.call("step", XS, DS);
      fresh.call("step", XS, DS);
    }
    assertBitsEqual(fresh.parameters(), loaded.parameters(), "Adam from zero moments, as a new trainer");
  }

  @Test
  void aCosineScheduleAtItsMinimumOfZeroSavesAndLoads() throws Exception {
    // η = η_min + (η₀ − η_min)(1 + cos(π e/T))/2 is exactly 0 in epoch e = T when η_min = 0 (the default)
    Class<?> cosine = Specs.compile(network("Cosine", adam()).schedule(new Schedule.Cosine(2, 0)).build());
    GeneratedTrainer original = GeneratedTrainer.of(cosine);
    original.call("fit", XS, DS, 3, 4);
    assertEquals(0.0, original.call("learningRate"), "η in epoch 2 of a period of 2");

    GeneratedTrainer loaded = original.another();
    load(loaded, save(original, true));

    assertEquals(0.0, loaded.call("learningRate"));
    for (GeneratedTrainer trainer : new GeneratedTrainer[] {original, loaded}) {
      trainer.call("step", XS, DS); // η = 0: only the moments move
      trainer.call("setLearningRate", 0.02); // η₀; η becomes its cosine value in epoch 3, η₀/2
      trainer.call("step", XS, DS);
      trainer.call("step", XS, DS);
    }
    assertBitsEqual(original.parameters(), loaded.parameters(), "three steps later");
  }

  @Test
  void parametersMoveBetweenPrecisions() throws Exception {
    GeneratedTrainer doubles = trained(GeneratedTrainer.of(adam));
    GeneratedTrainer floats = GeneratedTrainer.of(network("Saved", adam()).precision(Precision.FLOAT).build());

    load(floats, save(doubles, true));
    double[] expected = doubles.parameters();
    double[] narrowed = floats.parameterValues();
    for (int p = 0; p < expected.length; p++) {
      assertEquals((float) expected[p], narrowed[p], "w_" + p + " rounded to float");
    }

    GeneratedTrainer widened = GeneratedTrainer.of(adam);
    load(widened, save(floats, false));
    assertBitsEqual(narrowed, widened.parameters(), "float values widen exactly");
  }

  @Test
  void parametersMoveBetweenOptimizersWithoutTheirState() throws Exception {
    GeneratedTrainer sgd = GeneratedTrainer.of(network("Other", new Optimizer.Sgd(0.1, 0.9, 0, false, 0, true)).build());
    GeneratedTrainer trained = GeneratedTrainer.of(adam);
    trained(trained);

    load(sgd, save(trained, false));

    assertBitsEqual(trained.parameters(), sgd.parameters(), "the parameters of the Adam trainer");
  }

  @Test
  void theFileStartsAsDocumented() {
    ByteBuffer file = ByteBuffer.wrap(savedWithState);
    byte[] magic = new byte[8];
    file.get(magic);
    assertEquals("DGPARAMS", new String(magic, StandardCharsets.US_ASCII));
    assertEquals(1, file.getShort());
    assertEquals("Saved".length(), file.getShort());
    file.position(file.position() + "Saved".length());
    byte[] digest = new byte[32];
    file.get(digest);
    assertEquals(HexFormat.of().formatHex(digest), constant(adam, "ARCHITECTURE_DIGEST"));
    assertEquals(8, file.get(), "value width");
    assertEquals(constant(adam, "PARAMETERS"), file.getInt());
    assertEquals(1, file.get(), "flags: optimizer state");
    CRC32 crc = new CRC32();
    crc.update(savedWithState, 0, savedWithState.length - 4);
    assertEquals((int) crc.getValue(), ByteBuffer.wrap(savedWithState, savedWithState.length - 4, 4).getInt(),
        "a CRC-32 of everything before it ends the file");
  }

  // ---- bad files --------------------------------------------------------------------------------

  @Test
  void aMissingFile(@TempDir Path directory) throws Exception {
    Path missing = directory.resolve("missing.params");
    assertRefusedUnchanged(trainer -> trainer.call("load", missing), missing + " does not exist");
  }

  @Test
  void notAParameterFile() throws Exception {
    assertRefused("hello, world\n".getBytes(StandardCharsets.UTF_8), "the stream is not a deltagen parameter file");
  }

  @Test
  void aLaterFormatVersion() throws Exception {
    assertRefused(with(savedWithState, file -> file.putShort(8, (short) 2)),
        "the stream is in parameter format version 2, but Saved reads version 1");
  }

  @Test
  void anotherArchitecture() throws Exception {
    NetworkSpec wider = Specs.network("Wider", 3)
        .layer(7, Activation.named(NamedActivation.TANH))
        .layer(2, Activation.named(NamedActivation.SOFTMAX))
        .loss(Loss.named(NamedLoss.CROSS_ENTROPY))
        .optimizer(adam())
        .build();
    byte[] file = save(GeneratedTrainer.of(wider), false);
    String message = assertRefused(file, null);
    assertTrue(message.startsWith("the stream holds the parameters of Wider, whose architecture is not Saved's (digest "),
        message);
  }

  @Test
  void everyTruncation() throws Exception {
    for (int length = 0; length < savedWithState.length; length++) {
      assertRefused(Arrays.copyOf(savedWithState, length), "the stream is truncated");
    }
  }

  @Test
  void everyFlippedBit() throws Exception {
    int valuesStart = WIDTH + 1 + 4 + 1;
    for (int position = 0; position < savedWithState.length; position++) {
      byte[] file = savedWithState.clone();
      file[position] ^= 0x10;
      String message = assertRefused(file, null);
      assertTrue(message.startsWith("the stream "), position + ": " + message);
      if (position >= valuesStart) {
        assertTrue(message.contains(" is corrupt: ") || message.contains(" optimizer ") || message.endsWith(" truncated"),
            position + ": " + message);
      }
    }
  }

  @Test
  void bytesAfterTheChecksum() throws Exception {
    byte[] file = Arrays.copyOf(savedWithState, savedWithState.length + 1);
    assertRefused(file, "the stream is corrupt: it goes on after its checksum");
  }

  @Test
  void aValueWidthOtherThanDoubleOrFloat() throws Exception {
    assertRefused(with(savedWithState, file -> file.put(WIDTH, (byte) 2)),
        "the stream is corrupt: its values are 2 bytes wide, not 8 (double) or 4 (float)");
  }

  @Test
  void aParameterCountOtherThanTheArchitectures() throws Exception {
    int parameters = (int) constant(adam, "PARAMETERS");
    assertRefused(with(savedWithState, file -> file.putInt(WIDTH + 1, parameters + 1)),
        "the stream is corrupt: it holds " + (parameters + 1) + " parameters, but its architecture has " + parameters);
  }

  @Test
  void unknownFlags() throws Exception {
    assertRefused(with(savedWithState, file -> file.put(WIDTH + 1 + 4, (byte) 3)),
        "the stream is corrupt: unknown flags 3");
  }

  @Test
  void theStateOfAnotherOptimizer() throws Exception {
    GeneratedTrainer sgd = GeneratedTrainer.of(network("Other", new Optimizer.Sgd(0.1, 0.9, 0, false, 0, true)).build());
    trained(sgd);
    assertRefused(save(sgd, true), "the stream holds the state of optimizer sgd, but Saved uses adam: save the"
        + " parameters without optimizer state to move them");
  }

  @Test
  void theStateOfTheSameOptimizerWithOtherStateArrays() throws Exception {
    GeneratedTrainer momentum = GeneratedTrainer.of(network("Momentum", new Optimizer.Sgd(0.1, 0.9, 0, false, 0, true)).build());
    Class<?> plain = Specs.compile(network("Plain", new Optimizer.Sgd(0.1)).build());
    byte[] file = save(trained(momentum), true);
    assertRefusedUnchanged(plain, trainer -> load(trainer, file), "the stream holds the state of a differently"
        + " configured sgd (state arrays: 1; Plain's sgd keeps none): save the parameters without optimizer state"
        + " to move them");

    GeneratedTrainer centered = GeneratedTrainer.of(network("Centered", new Optimizer.RmsProp(0.01, 0.99, 1e-8, 0, 0, true, true)).build());
    Class<?> withMomentum = Specs.compile(network("WithMomentum", new Optimizer.RmsProp(0.01, 0.99, 1e-8, 0, 0.9, false, true)).build());
    byte[] centeredFile = save(trained(centered), true);
    assertRefusedUnchanged(withMomentum, trainer -> load(trainer, centeredFile), "the stream holds the state of a"
        + " differently configured rmsprop (gradientAverage where WithMomentum's rmsprop keeps momentumBuffer): save"
        + " the parameters without optimizer state to move them");
    GeneratedTrainer moved = GeneratedTrainer.of(withMomentum);
    load(moved, save(centered, false));
    assertBitsEqual(centered.parameters(), moved.parameters(), "without the state, the parameters move");
  }

  // ---- helpers ------------------------------------------------------------------------------------

  private interface Load {
    void into(GeneratedTrainer trainer) throws Exception;
  }

  /** Loads {@code file} into a trained trainer; returns the message, checked when {@code expected} is given. */
  private static String assertRefused(byte[] file, String expected) throws Exception {
    return assertRefusedUnchanged(trainer -> load(trainer, file), expected);
  }

  /**
   * The load fails with one IOException, and the trainer is unchanged: its parameters, and its
   * optimizer state, step and epoch counts, which the next step of an untouched twin shows.
   */
  private static String assertRefusedUnchanged(Load load, String expected) throws Exception {
    return assertRefusedUnchanged(adam, load, expected);
  }

  private static String assertRefusedUnchanged(Class<?> type, Load load, String expected) throws Exception {
    GeneratedTrainer trainer = trained(GeneratedTrainer.of(type));
    GeneratedTrainer twin = trained(GeneratedTrainer.of(type));
    IOException refused = assertThrows(IOException.class, () -> load.into(trainer));
    if (expected != null) {
      assertEquals(expected, refused.getMessage());
    }
    assertBitsEqual(twin.parameters(), trainer.parameters(), "parameters after: " + refused.getMessage());
    assertEquals(twin.call("epoch"), trainer.call("epoch"));
    assertEquals(twin.call("step", XS, DS), trainer.call("step", XS, DS));
    assertBitsEqual(twin.parameters(), trainer.parameters(), "a step later: " + refused.getMessage());
    return refused.getMessage();
  }

  private static byte[] with(byte[] file, java.util.function.Consumer<ByteBuffer> change) {
    byte[] changed = file.clone();
    change.accept(ByteBuffer.wrap(changed));
    return changed;
  }

  private static Object constant(Class<?> type, String name) {
    try {
      return type.getField(name).get(null);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  private static void assertBitsEqual(double[] expected, double[] actual, String what) {
    assertEquals(expected.length, actual.length, what);
    for (int p = 0; p < expected.length; p++) {
      assertEquals(Double.doubleToRawLongBits(expected[p]), Double.doubleToRawLongBits(actual[p]), what + ", w_" + p);
    }
  }

  private static double[][] targets(double[][] xs) {
    double[][] ds = new double[xs.length][];
    for (int s = 0; s < xs.length; s++) {
      ds[s] = xs[s][0] > xs[s][1] ? new double[] {1, 0} : new double[] {0, 1};
    }
    return ds;
  }
}
