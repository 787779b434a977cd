package org.deltagen.codegen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.deltagen.network.Activation;
import org.deltagen.network.Initializer;
import org.deltagen.network.NamedActivation;
import org.deltagen.network.NetworkSpec;
import org.deltagen.network.Optimizer;
import org.deltagen.network.Precision;
import org.deltagen.network.Schedule;
import org.deltagen.network.SpecException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Fuzzes a generated trainer's {@code load(InputStream)}: whatever the bytes, it loads them or
 * throws an {@link IOException} and leaves the trainer exactly as it was, and what it loads are
 * finite parameters. Any other exception is a finding, and so is an input that takes more than
 * {@value #SECONDS} seconds.
 *
 * <p>An input is a parameter file without its last four bytes, the CRC-32, which the test appends,
 * so that mutations reach every check behind the checksum ({@link PersistenceTest} cuts and flips
 * whole files for the checksum itself). Each input goes to two trainers of one architecture, a
 * double one with Adam and a float one with centered RMSprop and momentum, each with the state of
 * a few epochs of training. Seeds: {@code TrainerLoadFuzzTestInputs/load/}, written by
 * {@link #writeSeeds}; how to run it longer: README, "Fuzzing".
 */
class TrainerLoadFuzzTest {
  static final int SECONDS = 10;
  private static final double[][] XS = Specs.uniformInputs(8, 3, 11);
  private static final double[][] DS = Arrays.stream(XS).map(x -> new double[] {x[0] > 0 ? 1 : 0, x[1] > x[2] ? 1 : 0})
      .toArray(double[][]::new);

  private static final List<Trained> TRAINERS = List.of(
      Trained.of(network("LoadAdam", new Optimizer.Adam(0.01, 0.9, 0.999, 1e-8, 0, false, true), Precision.DOUBLE)),
      Trained.of(network("LoadRmsProp", new Optimizer.RmsProp(0.01, 0.99, 1e-8, 0, 0.9, true, true), Precision.FLOAT)));

  private static NetworkSpec network(String name, Optimizer optimizer, Precision precision) {
    try {
      return Specs.network(name, 3)
          .layer(4, Activation.named(NamedActivation.TANH))
          .layer(2, Activation.named(NamedActivation.SIGMOID))
          .optimizer(optimizer)
          .initializer(new Initializer.Normal(3, 0.5))
          .schedule(new Schedule.Exponential(0.9))
          .precision(precision)
          .build();
    } catch (SpecException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A compiled trainer class and the file its instance saved, with optimizer state, after training. */
  private record Trained(Class<?> type, byte[] saved) {
    static Trained of(NetworkSpec spec) {
      try {
        GeneratedTrainer trainer = GeneratedTrainer.of(spec);
        trainer.call("fit", trainer.samples(XS), trainer.samples(DS), 3, 4);
        return new Trained(trainer.type, save(trainer, true));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }

    /** A new instance with the trained parameters and optimizer state. */
    GeneratedTrainer instance() throws Exception {
      GeneratedTrainer trainer = GeneratedTrainer.of(type);
      trainer.call("load", new ByteArrayInputStream(saved));
      return trainer;
    }
  }

  @FuzzTest(maxDuration = "30s")
  @Timeout(value = SECONDS, unit = TimeUnit.SECONDS)
  void load(byte[] fileWithoutChecksum) throws Exception {
    byte[] file = withChecksum(fileWithoutChecksum);
    for (Trained trained : TRAINERS) {
      GeneratedTrainer trainer = trained.instance();
      byte[] before = save(trainer, true);
      try {
        trainer.call("load", new ByteArrayInputStream(file));
      } catch (IOException refused) {
        assertArrayEquals(before, save(trainer, true), () -> "refusing the file changed the trainer: " + refused);
        continue;
      }
      for (double w : trainer.parameterValues()) {
        assertTrue(Double.isFinite(w), () -> trained.type.getSimpleName() + " loaded a parameter " + w);
      }
    }
  }

  /** The committed seeds still load: were the format or the architecture to change, they would not. */
  @Test
  void everySeedLoadsIntoOneOfTheTrainers() throws Exception {
    List<Path> seeds = seeds();
    assertFalse(seeds.isEmpty(), "no seeds in " + seedDirectory());
    for (Path seed : seeds) {
      byte[] file = withChecksum(Files.readAllBytes(seed));
      int loaded = 0;
      for (Trained trained : TRAINERS) {
        try {
          trained.instance().call("load", new ByteArrayInputStream(file));
          loaded++;
        } catch (IOException refused) {
          // The other trainer's optimizer, most likely.
        }
      }
      assertTrue(loaded > 0, () -> seed + " loads into none of the trainers: rewrite the seeds (see writeSeeds)");
    }
  }

  /**
   * Rewrites the seeds, each trainer's file with and without optimizer state, into the directory
   * that {@code -Ddeltagen.loadSeeds=DIR} names: {@code mvn -pl deriver,codegen test
   * -Dtest=TrainerLoadFuzzTest#writeSeeds
   * -Ddeltagen.loadSeeds=$PWD/codegen/src/test/resources/org/deltagen/codegen/TrainerLoadFuzzTestInputs/load}.
   */
  @Test
  @EnabledIfSystemProperty(named = "deltagen.loadSeeds", matches = ".+")
  void writeSeeds() throws Exception {
    Path directory = Files.createDirectories(Path.of(System.getProperty("deltagen.loadSeeds")));
    for (Trained trained : TRAINERS) {
      String name = trained.type.getSimpleName();
      GeneratedTrainer trainer = trained.instance();
      Files.write(directory.resolve(name + "-with-state"), withoutChecksum(save(trainer, true)));
      Files.write(directory.resolve(name + "-parameters"), withoutChecksum(save(trainer, false)));
    }
  }

  private static List<Path> seeds() throws IOException, URISyntaxException {
    try (Stream<Path> files = Files.list(seedDirectory())) {
      return files.sorted().toList();
    }
  }

  private static Path seedDirectory() throws URISyntaxException {
    return Path.of(TrainerLoadFuzzTest.class.getResource("TrainerLoadFuzzTestInputs/load").toURI());
  }

  private static byte[] save(GeneratedTrainer trainer, boolean withOptimizerState) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    trainer.call("save", bytes, withOptimizerState);
    return bytes.toByteArray();
  }

  private static byte[] withChecksum(byte[] body) {
    CRC32 crc = new CRC32();
    crc.update(body);
    return ByteBuffer.allocate(body.length + 4).put(body).putInt((int) crc.getValue()).array();
  }

  private static byte[] withoutChecksum(byte[] file) {
    return Arrays.copyOf(file, file.length - 4);
  }
}
