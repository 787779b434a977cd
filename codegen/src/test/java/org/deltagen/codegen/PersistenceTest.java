package org.deltagen.codegen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.zip.CRC32;
import org.deltagen.network.Activation;
import org.deltagen.network.BatchReduction;
import org.deltagen.network.Initializer;
import org.deltagen.network.Loss;
import org.deltagen.network.NamedActivation;
import org.deltagen.network.NamedLoss;
import org.deltagen.network.Norm;
import org.deltagen.network.NetworkSpec;
import org.deltagen.network.Optimizer;
import org.deltagen.network.Precision;
import org.deltagen.network.Schedule;
import org.deltagen.network.SpecException;
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

  /** Where Saved's values begin: after the width, the count and the flags. */
  private static final int VALUES = WIDTH + 1 + 4 + 1;

  private static Class<?> adam;
  private static Class<?> adamFloat;
  private static byte[] savedWithState;
  /** Saved's parameter count. */
  private static int parameters;

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
    adamFloat = Specs.compile(network("Saved", adam()).precision(Precision.FLOAT).build());
    savedWithState = save(trained(GeneratedTrainer.of(adam)), true);
    parameters = (int) constant(adam, "PARAMETERS");
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
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      Path plain = Files.createFile(directory.resolve("plain"));
      assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(file),
          "the umask's permissions, as any new file gets, not createTempFile's 0600");
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
    assertEquals(VALUES, file.position());
    file.position(state());
    assertEquals("adam", utf(file));
    assertEquals(steps(), file.position());
    assertEquals(3 * 3 + 2, file.getLong(), "t: three epochs of 3 batches, then two steps");
    assertEquals(3, file.getInt(), "epochs");
    assertEquals(rate(), file.position());
    assertEquals(0.01 * Math.pow(0.9, 2), file.getDouble(), "η in the third epoch of exponential decay");
    assertEquals(0.01, file.getDouble(), "η₀");
    assertEquals(2, file.get(), "state arrays");
    assertEquals("firstMoment", utf(file));
    assertEquals(stateArray(0), file.position());
    file.position(file.position() + 8 * parameters);
    assertEquals("secondMoment", utf(file));
    assertEquals(stateArray(1), file.position());
    assertEquals(savedWithState.length - 4, file.position() + 8 * parameters);
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

  /**
   * A residual trainer round-trips with its state, and one whose skip comes from elsewhere (same
   * sizes, same parameter count) refuses its file: the digest covers where a skip comes from.
   */
  @Test
  void aSkipRoundTripsAndAnotherSkipIsAnotherArchitecture() throws Exception {
    Activation tanh = Activation.named(NamedActivation.TANH);
    GeneratedTrainer original = trained(GeneratedTrainer.of(Specs.network("Skipped", 3)
        .layer(3, tanh).skip(0).layer(3, tanh).skip(1).layer(2, Activation.named(NamedActivation.SOFTMAX))
        .loss(Loss.named(NamedLoss.CROSS_ENTROPY)).optimizer(adam()).build()));
    byte[] file = save(original, true);
    GeneratedTrainer loaded = original.another();
    load(loaded, file);
    assertEquals(original.call("step", XS, DS), loaded.call("step", XS, DS), "the step after load");
    assertBitsEqual(original.parameterValues(), loaded.parameterValues(), "parameters one step after load");

    GeneratedTrainer elsewhere = GeneratedTrainer.of(Specs.network("Skipped", 3)
        .layer(3, tanh).skip(0).layer(3, tanh).skip(0).layer(2, Activation.named(NamedActivation.SOFTMAX))
        .loss(Loss.named(NamedLoss.CROSS_ENTROPY)).optimizer(adam()).build());
    Exception refused = assertThrows(Exception.class, () -> load(elsewhere, file));
    assertTrue(refused.getMessage().contains("whose architecture is not"), refused.getMessage());
  }

  /**
   * A normalized trainer round-trips β, γ and its optimizer state; one whose norm has other
   * groups (same sizes, same parameter count) refuses the file: the digest covers the norm.
   */
  @Test
  void aNormRoundTripsAndOtherGroupsAreAnotherArchitecture() throws Exception {
    Activation tanh = Activation.named(NamedActivation.TANH);
    GeneratedTrainer original = trained(GeneratedTrainer.of(Specs.network("Normed", 3)
        .layer(4, tanh).norm(Norm.group(2)).layer(2, Activation.named(NamedActivation.SOFTMAX))
        .loss(Loss.named(NamedLoss.CROSS_ENTROPY)).optimizer(adam()).build()));
    byte[] file = save(original, true);
    GeneratedTrainer loaded = original.another();
    load(loaded, file);
    assertBitsEqual(original.parameterValues(), loaded.parameterValues(), "β and γ after load");
    assertEquals(original.call("step", XS, DS), loaded.call("step", XS, DS), "the step after load");
    assertBitsEqual(original.parameterValues(), loaded.parameterValues(), "parameters one step after load");

    GeneratedTrainer layerNorm = GeneratedTrainer.of(Specs.network("Normed", 3)
        .layer(4, tanh).norm(Norm.layer()).layer(2, Activation.named(NamedActivation.SOFTMAX))
        .loss(Loss.named(NamedLoss.CROSS_ENTROPY)).optimizer(adam()).build());
    Exception refused = assertThrows(Exception.class, () -> load(layerNorm, file));
    assertTrue(refused.getMessage().contains("whose architecture is not"), refused.getMessage());
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

  // ---- intact files whose values a trainer cannot hold ------------------------------------------
  // Each is a correct file from save, with values patched in and its checksum recomputed.

  @Test
  void aNaNParameter(@TempDir Path directory) throws Exception {
    int p = 2 * 6; // w^1_{2,1}: row 2 of layer 1's block of 6 columns
    assertRefusedFromFile(directory, patched(file -> file.putDouble(VALUES + 8 * p, Double.NaN)),
        "holds NaN as parameter " + parameterName(p) + ": a trainer needs finite values");
  }

  @Test
  void anInfiniteParameter(@TempDir Path directory) throws Exception {
    int last = parameters - 1;
    assertRefusedFromFile(directory, patched(file -> file.putDouble(VALUES + 8 * last, Double.POSITIVE_INFINITY)),
        "holds Infinity as parameter " + parameterName(last) + ": a trainer needs finite values");
    assertRefusedFromFile(directory, patched(file -> file.putDouble(VALUES, Double.NEGATIVE_INFINITY)),
        "holds -Infinity as parameter w^1_{0,1}: a trainer needs finite values");
  }

  @Test
  void theFirstBadValueIsNamed(@TempDir Path directory) throws Exception {
    byte[] file = patched(buffer -> {
      buffer.putDouble(VALUES + 8 * 20, Double.NaN);
      buffer.putDouble(VALUES + 8 * 7, Double.POSITIVE_INFINITY);
      buffer.putDouble(rate(), Double.NaN);
    });
    assertRefusedFromFile(directory, file, "holds Infinity as parameter " + parameterName(7) + ": a trainer needs finite values");
  }

  @Test
  void aLearningRateThatIsNotFiniteOrIsNegative(@TempDir Path directory) throws Exception {
    for (double rate : new double[] {Double.POSITIVE_INFINITY, Double.NaN, -0.01, Double.NEGATIVE_INFINITY}) {
      assertRefusedFromFile(directory, patched(file -> file.putDouble(rate(), rate)),
          "holds η = " + rate + ": η must be at least 0 and finite");
    }
    for (double base : new double[] {0.0, -1.0, Double.POSITIVE_INFINITY, Double.NaN}) {
      assertRefusedFromFile(directory, patched(file -> file.putDouble(rate() + 8, base)),
          "holds η₀ = " + base + ": η₀ must be positive and finite");
    }
  }

  /** η = 0 is where a cosine schedule with η_min = 0 arrives, and η = Double.MAX_VALUE is one setLearningRate accepts. */
  @Test
  void aLearningRateOfZeroOrOfDoublesLargestLoads() throws Exception {
    for (double rate : new double[] {0.0, Double.MAX_VALUE}) {
      GeneratedTrainer trainer = GeneratedTrainer.of(adam);
      load(trainer, patched(file -> file.putDouble(rate(), rate)));
      assertEquals(rate, trainer.call("learningRate"));
    }
  }

  @Test
  void aNegativeSecondMoment(@TempDir Path directory) throws Exception {
    int p = 9;
    assertRefusedFromFile(directory, patched(file -> file.putDouble(stateArray(1) + 8 * p, -1e-4)),
        "holds -1.0E-4 as the secondMoment of " + parameterName(p) + ": a sum or average of squares is never negative");
  }

  @Test
  void aNegativeFirstMomentLoads() throws Exception {
    GeneratedTrainer trainer = GeneratedTrainer.of(adam);
    load(trainer, patched(file -> file.putDouble(stateArray(0) + 8 * 9, -1e-4)));
    assertEquals(3, trainer.call("epoch"), "m may have either sign: the state was restored");
  }

  @Test
  void aNonFiniteOptimizerState(@TempDir Path directory) throws Exception {
    assertRefusedFromFile(directory, patched(file -> file.putDouble(stateArray(0) + 8 * 3, Double.NaN)),
        "holds NaN as the firstMoment of " + parameterName(3) + ": a trainer needs finite values");
    assertRefusedFromFile(directory, patched(file -> file.putDouble(stateArray(1), Double.POSITIVE_INFINITY)),
        "holds Infinity as the secondMoment of w^1_{0,1}: a trainer needs finite values");
  }

  @Test
  void aNegativeStepOrEpochCount(@TempDir Path directory) throws Exception {
    assertRefusedFromFile(directory, patched(file -> file.putLong(steps(), -1)),
        "is corrupt: a step count of -1 and an epoch count of 3");
    assertRefusedFromFile(directory, patched(file -> file.putInt(steps() + 8, -2)),
        "is corrupt: a step count of 11 and an epoch count of -2");
  }

  /** A double file holds values a float trainer rounds to infinity: refused, where a double trainer takes them. */
  @Test
  void aDoubleBeyondFloatsRangeIntoAFloatTrainer(@TempDir Path directory) throws Exception {
    int p = 14;
    byte[] huge = patched(file -> file.putDouble(VALUES + 8 * p, 1e300));
    Path file = directory.resolve("huge.params");
    Files.write(file, huge);
    assertRefusedUnchanged(adamFloat, trainer -> trainer.call("load", file), file + " holds 1.0E300 as parameter "
        + parameterName(p) + ", beyond the range of a float trainer (±3.4028235E38)");
    GeneratedTrainer doubles = GeneratedTrainer.of(adam);
    doubles.call("load", file);
    assertEquals(1e300, doubles.parameters()[p], "a double trainer holds it");

    byte[] hugeMoment = patched(buffer -> buffer.putDouble(stateArray(1) + 8 * p, 1e300));
    assertRefusedUnchanged(adamFloat, trainer -> load(trainer, hugeMoment), "the stream holds 1.0E300 as the"
        + " secondMoment of " + parameterName(p) + ", beyond the range of a float trainer (±3.4028235E38)");
    byte[] hugeRate = patched(buffer -> buffer.putDouble(rate(), 1e300));
    assertRefusedUnchanged(adamFloat, trainer -> load(trainer, hugeRate),
        "the stream holds η = 1.0E300: η must be at least 0 and finite as a float");
    IllegalArgumentException unheld = assertThrows(IllegalArgumentException.class,
        () -> GeneratedTrainer.of(adamFloat).call("setLearningRate", 1e300));
    assertEquals("η must be positive and finite as a float, not 1.0E300", unheld.getMessage(),
        "nor can a float trainer be given one, so it never saves one");
    // the largest double that rounds to a finite float: Float.MAX_VALUE plus just under half its ulp
    double largest = Math.nextDown((double) Float.MAX_VALUE + Math.ulp(Float.MAX_VALUE) / 2);
    GeneratedTrainer floats = GeneratedTrainer.of(adamFloat);
    load(floats, patched(buffer -> buffer.putDouble(VALUES + 8 * p, largest)));
    assertEquals(Float.MAX_VALUE, floats.parameterValues()[p], "rounds to float's largest");
  }

  // ---- I/O failures -----------------------------------------------------------------------------

  @Test
  void aDirectory(@TempDir Path directory) throws Exception {
    String message = assertRefusedUnchanged(trainer -> trainer.call("load", directory), null);
    assertTrue(message.startsWith(directory + " could not be read: "), message);
    assertTrue(message.toLowerCase(java.util.Locale.ROOT).contains("directory"), message);
  }

  @Test
  void aStreamThatFailsMidRead() throws Exception {
    IOException failure = new IOException("the disk is on fire");
    assertRefusedUnchanged(trainer -> trainer.call("load", failingAfter(100, failure)),
        "the stream could not be read: the disk is on fire");
    IOException refused = assertThrows(IOException.class, () -> GeneratedTrainer.of(adam).call("load", failingAfter(100, failure)));
    assertEquals(failure, refused.getCause(), "the stream's own exception is the cause");
  }

  /** Saved's file with state, as a stream that throws {@code failure} when asked for byte {@code position}. */
  private static InputStream failingAfter(int position, IOException failure) {
    return new InputStream() {
      private int next;

      @Override
      public int read() throws IOException {
        if (next == position) {
          throw failure;
        }
        return savedWithState[next++] & 0xff;
      }
    };
  }

  // ---- helpers ------------------------------------------------------------------------------------

  /** Where the optimizer's name begins: after the parameters. */
  private static int state() {
    return VALUES + 8 * parameters;
  }

  /** Where t begins: after the name "adam". */
  private static int steps() {
    return state() + 2 + "adam".length();
  }

  /** Where η begins: after t and the epoch count; η₀ follows. */
  private static int rate() {
    return steps() + 8 + 4;
  }

  /** Where the values of state array 0 (firstMoment) or 1 (secondMoment) begin. */
  private static int stateArray(int index) {
    int first = rate() + 8 + 8 + 1 + 2 + "firstMoment".length();
    return index == 0 ? first : first + 8 * parameters + 2 + "secondMoment".length();
  }

  private static String utf(ByteBuffer file) {
    byte[] name = new byte[file.getShort()];
    file.get(name);
    return new String(name, StandardCharsets.UTF_8);
  }

  private static String parameterName(int p) throws SpecException {
    return GradientCheck.parameterName(network("Saved", adam()).build(), p);
  }

  /** Saved's file with state, changed by {@code change}, with its checksum recomputed: intact, as save could write it. */
  private static byte[] patched(java.util.function.Consumer<ByteBuffer> change) {
    byte[] file = with(savedWithState, change);
    CRC32 crc = new CRC32();
    crc.update(file, 0, file.length - 4);
    ByteBuffer.wrap(file).putInt(file.length - 4, (int) crc.getValue());
    return file;
  }

  /** Loads {@code file} by its path: refused with a message that names it first, then {@code rest}. */
  private static void assertRefusedFromFile(Path directory, byte[] file, String rest) throws Exception {
    Path path = directory.resolve("hostile.params");
    Files.write(path, file);
    assertRefusedUnchanged(trainer -> trainer.call("load", path), path + " " + rest);
  }

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
    assertBitsEqual(twin.parameterValues(), trainer.parameterValues(), "parameters after: " + refused.getMessage());
    assertEquals(twin.call("epoch"), trainer.call("epoch"));
    assertEquals(twin.call("learningRate"), trainer.call("learningRate"));
    assertEquals(twin.call("step", twin.samples(XS), twin.samples(DS)),
        trainer.call("step", trainer.samples(XS), trainer.samples(DS)));
    assertBitsEqual(twin.parameterValues(), trainer.parameterValues(), "a step later: " + refused.getMessage());
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
