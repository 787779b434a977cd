package org.deltagen.codegen;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UTFDataFormatException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;
import javax.lang.model.element.Modifier;
import org.deltagen.network.NetworkSpec;

/**
 * Writes a trainer's {@code save} and {@code load}: the parameters, and optionally the optimizer's
 * state, in the versioned binary format of {@code docs/parameter-file-format.md}. A load reads and
 * checks the whole file before it changes anything, so a file that fails leaves the trainer as it
 * was.
 */
final class PersistenceWriter {
  /** The format's first eight bytes. */
  static final String MAGIC = "DGPARAMS";
  /** The format version this generator writes and reads for a trainer without batch norm. */
  static final int VERSION = 1;
  /**
   * The version a trainer with batch norm writes and reads: version 1 with the running statistics
   * after the parameters. Every other trainer keeps version 1, so the files saved before load.
   */
  static final int BATCH_NORM_VERSION = 2;
  /** Bit 0 of the flags byte: the optimizer's state follows the parameters. */
  static final int OPTIMIZER_STATE = 1;
  /** Ends the message for optimizer state this trainer cannot continue from. */
  private static final String MOVE_PARAMETERS_ONLY = ": save the parameters without optimizer state to move them";

  private static final TypeName DOUBLES = ArrayTypeName.of(double.class);

  /** The optimizer state arrays that hold sums or averages of squares, which are never negative. */
  private static final List<String> SQUARES = List.of("sum", "squareAverage", "secondMoment");

  private final NetworkSpec spec;
  private final ElementType element;
  private final List<String> stateArrays;
  private final CodeBlock initialState;
  private final Counters counters;
  /** The nested stream class of load, named apart from the trainer's own name. */
  private final String input;

  /**
   * The fields of other writers that a parameter file saves: t, fit's epochs, η, and η₀ (η
   * itself for a trainer without a schedule).
   */
  record Counters(FieldSpec steps, FieldSpec epoch, FieldSpec learningRate, FieldSpec baseLearningRate) {}

  /**
   * Saves and loads {@code stateArrays}, reset by {@code initialState} on a load without them,
   * and the {@code counters}.
   */
  PersistenceWriter(NetworkSpec spec, ElementType element, List<String> stateArrays, CodeBlock initialState,
      Counters counters) {
    this.spec = spec;
    this.counters = counters;
    this.element = element;
    this.stateArrays = List.copyOf(stateArrays);
    this.initialState = initialState;
    this.input = spec.name().equals("ParameterInput") ? "LoadedParameterInput" : "ParameterInput";
  }

  /** The format version this trainer writes and reads. */
  private int version() {
    return BatchNormWriter.any(spec) ? BATCH_NORM_VERSION : VERSION;
  }

  /** The public constant a parameter file's digest is checked against, for the class's other constants. */
  static FieldSpec architectureDigest(NetworkSpec spec) {
    return FieldSpec.builder(String.class, "ARCHITECTURE_DIGEST", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
        .initializer("$L", JavaStrings.literal(HexFormat.of().formatHex(spec.architectureDigest()), 32))
        .addJavadoc("SHA-256 of the architecture (inputs; per layer units, bias and activation), in hex: a\n"
            + "parameter file loads into any trainer whose digest it records.\n")
        .build();
  }

  void addTo(TypeSpec.Builder type) {
    type.addField(FieldSpec.builder(String.class, "OPTIMIZER", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
        .initializer("$S", spec.optimizer().keyword())
        .addJavadoc("The optimizer whose state a parameter file may carry.\n")
        .build());
    type.addMethod(savePath());
    type.addMethod(savePathWithState());
    type.addMethod(saveStream());
    type.addMethod(loadPath());
    type.addMethod(loadStream());
    type.addMethod(read());
    type.addMethod(ParameterStreams.writeValues(element));
    type.addMethod(ParameterStreams.readValues());
    type.addMethod(checkValues());
    type.addType(ParameterStreams.input(input));
  }

  private static MethodSpec savePath() {
    return MethodSpec.methodBuilder("save")
        .addModifiers(Modifier.PUBLIC)
        .addJavadoc("Writes the parameters to {@code file}, replacing it atomically; see\n"
            + "{@link #save(OutputStream, boolean)}.\n")
        .addParameter(Path.class, "file")
        .addException(IOException.class)
        .addStatement("save(file, false)")
        .build();
  }

  private static MethodSpec savePathWithState() {
    return MethodSpec.methodBuilder("save")
        .addModifiers(Modifier.PUBLIC)
        .addJavadoc("Writes the parameters, and with {@code withOptimizerState} the optimizer's state, to\n"
            + "{@code file}: to a new file beside it, then moved into place atomically, so a reader never\n"
            + "sees half a file. The file gets the permissions the umask gives any new file (not the\n"
            + "owner-only ones of {@link Files#createTempFile}).\n")
        .addParameter(Path.class, "file")
        .addParameter(boolean.class, "withOptimizerState")
        .addException(IOException.class)
        .addStatement("$T directory = file.toAbsolutePath().getParent()", Path.class)
        .addStatement("$T temporary = directory.resolve(\".\" + file.getFileName() + \".\"$W+ $T.toHexString($T.current().nextLong()) + \".tmp\")",
            Path.class, Long.class, ThreadLocalRandom.class)
        .beginControlFlow("try")
        .beginControlFlow("try ($T out = $T.newOutputStream(temporary,$W$T.CREATE_NEW, $T.WRITE))", OutputStream.class,
            Files.class, StandardOpenOption.class, StandardOpenOption.class)
        .addStatement("save(out, withOptimizerState)")
        .endControlFlow()
        .addStatement("$T.move(temporary, file,$W$T.ATOMIC_MOVE, $T.REPLACE_EXISTING)",
            Files.class, StandardCopyOption.class, StandardCopyOption.class)
        .nextControlFlow("finally")
        .addStatement("$T.deleteIfExists(temporary)", Files.class)
        .endControlFlow()
        .build();
  }

  private MethodSpec saveStream() {
    MethodSpec.Builder method = MethodSpec.methodBuilder("save")
        .addModifiers(Modifier.PUBLIC)
        .addJavadoc("$L\n", JavaComments.javadoc("Writes the parameters, and with {@code withOptimizerState} the"
            + " optimizer's state (" + (stateArrays.isEmpty() ? "none for " + spec.optimizer().keyword()
                : String.join(", ", stateArrays)) + "), the step count, the epoch count, η and η₀, to {@code out},"
            + (BatchNormWriter.any(spec) ? ", the running statistics of batch norm" : "")
            + " in format version " + version() + " (see docs/parameter-file-format.md in deltagen): big-endian,"
            + " ending with a CRC-32. Leaves {@code out} open."))
        .addParameter(OutputStream.class, "out")
        .addParameter(boolean.class, "withOptimizerState")
        .addException(IOException.class)
        .addStatement("$T crc = new $T()", CRC32.class, CRC32.class)
        .addStatement("$T data =$Wnew $T(new $T(new $T(out, crc)))", DataOutputStream.class, DataOutputStream.class,
            BufferedOutputStream.class, CheckedOutputStream.class)
        .addStatement("data.write($S.getBytes($T.US_ASCII))", MAGIC, StandardCharsets.class)
        .addStatement("data.writeShort($L)", version())
        .addStatement("data.writeUTF($S)", spec.name())
        .addStatement("data.write($T.of().parseHex(ARCHITECTURE_DIGEST))", HexFormat.class)
        .addStatement("data.writeByte($T.BYTES)", element.boxed())
        .addStatement("data.writeInt(PARAMETERS)")
        .addStatement("data.writeByte(withOptimizerState ? $L : 0)", OPTIMIZER_STATE)
        .addStatement("writeValues(data, w)")
        .addCode(BatchNormWriter.save(spec))
        .beginControlFlow("if (withOptimizerState)")
        .addStatement("data.writeUTF(OPTIMIZER)")
        .addStatement("data.writeLong($N)", counters.steps())
        .addStatement("data.writeInt($N)", counters.epoch())
        .addStatement("data.writeDouble($N)", counters.learningRate())
        .addStatement("data.writeDouble($N)", counters.baseLearningRate())
        .addStatement("data.writeByte($L)", stateArrays.size());
    for (String array : stateArrays) {
      method.addStatement("data.writeUTF($S)", array).addStatement("writeValues(data, $L)", array);
    }
    return method.endControlFlow()
        .addStatement("data.flush()")
        .addStatement("data.writeInt((int) crc.getValue())")
        .addStatement("data.flush()")
        .build();
  }

  private MethodSpec loadPath() {
    return MethodSpec.methodBuilder("load")
        .addModifiers(Modifier.PUBLIC)
        .addJavadoc("Reads parameters saved by {@link #save}; see {@link #load(InputStream)}.\n")
        .addParameter(Path.class, "file")
        .addException(IOException.class)
        .addStatement("$T in", InputStream.class)
        .beginControlFlow("try")
        .addStatement("in = $T.newInputStream(file)", Files.class)
        .nextControlFlow("catch ($T e)", NoSuchFileException.class)
        .addStatement("throw new $T(file$W+ \" does not exist\", e)", IOException.class)
        .nextControlFlow("catch ($T e)", IOException.class)
        .addStatement("throw new $T(file$W+ \" could not be opened: \"$W+ $L.failure(e), e)", IOException.class, input)
        .endControlFlow()
        .beginControlFlow("try (in)")
        .addStatement("read(in, file.toString())")
        .endControlFlow()
        .build();
  }

  private static MethodSpec loadStream() {
    return MethodSpec.methodBuilder("load")
        .addModifiers(Modifier.PUBLIC)
        .addJavadoc("Reads parameters saved by {@link #save} from any trainer of the same architecture\n"
            + "(ARCHITECTURE_DIGEST), double or float: values are rounded to this trainer's type. A file\n"
            + "with optimizer state must be of the same optimizer and restores it, the step and epoch\n"
            + "counts, η and η₀; a file without it resets them, as a new trainer starting from these\n"
            + "parameters would be. Reads the whole file and checks it (format, architecture, checksum)\n"
            + "before changing anything: on an IOException the trainer is unchanged. Reads {@code in}\n"
            + "to its end and leaves it open.\n")
        .addParameter(InputStream.class, "in")
        .addException(IOException.class)
        .addStatement("read(in, \"the stream\")")
        .build();
  }

  private MethodSpec read() {
    MethodSpec.Builder method = MethodSpec.methodBuilder("read")
        .addModifiers(Modifier.PRIVATE)
        .addParameter(InputStream.class, "in")
        .addParameter(String.class, "source")
        .addException(IOException.class)
        .addStatement("$T crc = new $T()", CRC32.class, CRC32.class)
        .addStatement("$T data = new $T($Wnew $T(new $T(new $L(in, source)), crc))", DataInputStream.class,
            DataInputStream.class, CheckedInputStream.class, BufferedInputStream.class, input)
        .addStatement("double[] values = new double[PARAMETERS]")
        .addStatement("boolean withOptimizerState")
        .addStatement("long savedSteps = 0")
        .addStatement("int savedEpoch = 0")
        .addStatement("double savedLearningRate = LEARNING_RATE")
        .addStatement("double savedBaseLearningRate = LEARNING_RATE");
    for (String array : stateArrays) {
      method.addStatement("double[] saved$L = new double[PARAMETERS]", capitalized(array));
    }
    return method.addCode(BatchNormWriter.declareSaved(spec))
        .beginControlFlow("try")
        .addCode(readHeader())
        .addStatement("readValues(data, width, values)")
        .addCode(BatchNormWriter.read(spec))
        .addStatement("withOptimizerState = (flags & $L) != 0", OPTIMIZER_STATE)
        .beginControlFlow("if (withOptimizerState)")
        .addCode(readOptimizerState())
        .endControlFlow()
        .addCode(readTrailer())
        .endControlFlow()
        .addCode(checkRead())
        .addComment("Everything has been read and checked: only now change the trainer.")
        .addCode(commit())
        .build();
  }

  /** read: the header, checked field by field; declares width and flags. */
  private CodeBlock readHeader() {
    return CodeBlock.builder()
        .addStatement("byte[] magic = new byte[$L]", MAGIC.length())
        .addStatement("data.readFully(magic)")
        .beginControlFlow("if (!$T.equals(magic, $S.getBytes($T.US_ASCII)))", Arrays.class, MAGIC, StandardCharsets.class)
        .addStatement("throw new $T(source$W+ \" is not a deltagen parameter file\")", IOException.class)
        .endControlFlow()
        .addStatement("int version = data.readUnsignedShort()")
        .beginControlFlow("if (version != $L)", version())
        .addStatement("throw new $T(source$W+ \" is in parameter format version \"$W+ version"
            + "$W+ \", but $L reads version $L\")", IOException.class, spec.name(), version())
        .endControlFlow()
        .addStatement("$T network = data.readUTF()", String.class)
        .addStatement("byte[] digest = new byte[32]")
        .addStatement("data.readFully(digest)")
        .addStatement("$T architecture = $T.of().formatHex(digest)", String.class, HexFormat.class)
        .beginControlFlow("if (!architecture.equals(ARCHITECTURE_DIGEST))")
        .addStatement("throw new $T(source$W+ \" holds the parameters of \"$W+ network"
            + "$W+ \", whose architecture is not $L's (digest \"$W+ architecture.substring(0, 12)"
            + "$W+ \"\\u2026, not \"$W+ ARCHITECTURE_DIGEST.substring(0, 12)"
            + "$W+ \"\\u2026)\")", IOException.class, spec.name())
        .endControlFlow()
        .addStatement("int width = data.readUnsignedByte()")
        .beginControlFlow("if (width != 8 && width != 4)")
        .addStatement("throw new $T(source$W+ \" is corrupt: its values are \"$W+ width"
            + "$W+ \" bytes wide, not 8 (double) or 4 (float)\")", IOException.class)
        .endControlFlow()
        .addStatement("int count = data.readInt()")
        .beginControlFlow("if (count != PARAMETERS)")
        .addStatement("throw new $T(source$W+ \" is corrupt: it holds \"$W+ count"
            + "$W+ \" parameters, but its architecture has $L\")", IOException.class, spec.parameterCount())
        .endControlFlow()
        .addStatement("int flags = data.readUnsignedByte()")
        .beginControlFlow("if ((flags & ~$L) != 0)", OPTIMIZER_STATE)
        .addStatement("throw new $T(source$W+ \" is corrupt: unknown flags \"$W+ flags)", IOException.class)
        .endControlFlow()
        .build();
  }

  /** read: the optimizer's state, when the file holds it, into the saved locals. */
  private CodeBlock readOptimizerState() {
    CodeBlock.Builder code = CodeBlock.builder()
        .addStatement("$T optimizer = data.readUTF()", String.class)
        .beginControlFlow("if (!optimizer.equals(OPTIMIZER))")
        .addStatement("throw new $T(source$W+ \" holds the state of optimizer \"$W+ optimizer$W+ $L)", IOException.class,
            JavaStrings.literal(", but " + spec.name() + " uses " + spec.optimizer().keyword() + MOVE_PARAMETERS_ONLY))
        .endControlFlow()
        .addStatement("savedSteps = data.readLong()")
        .addStatement("savedEpoch = data.readInt()")
        .addStatement("savedLearningRate = data.readDouble()")
        .addStatement("savedBaseLearningRate = data.readDouble()")
        .addStatement("int arrays = data.readUnsignedByte()")
        .beginControlFlow("if (arrays != $L)", stateArrays.size())
        .addStatement("throw new $T(source$W+ \" holds the state of a differently configured $L (state arrays: \""
            + "$W+ arrays$W+ $L)", IOException.class, spec.optimizer().keyword(), JavaStrings.literal("; " + spec.name()
                + "'s " + spec.optimizer().keyword() + " keeps " + stateArraysDescription() + ")" + MOVE_PARAMETERS_ONLY))
        .endControlFlow();
    for (String array : stateArrays) {
      code.addStatement("$T $LName = data.readUTF()", String.class, array)
          .beginControlFlow("if (!$LName.equals($S))", array, array)
          .addStatement("throw new $T(source$W+ \" holds the state of a differently configured $L (\"$W+ $LName"
              + "$W+ $L)", IOException.class, spec.optimizer().keyword(), array, JavaStrings.literal(" where "
                  + spec.name() + "'s " + spec.optimizer().keyword() + " keeps " + array + ")" + MOVE_PARAMETERS_ONLY))
          .endControlFlow()
          .addStatement("readValues(data, width, saved$L)", capitalized(array));
    }
    return code.build();
  }

  /** read: the checksum, and nothing after it; then the exceptions of a short or garbled file. */
  private static CodeBlock readTrailer() {
    return CodeBlock.builder()
        .addStatement("int expected = (int) crc.getValue()")
        .beginControlFlow("if (data.readInt() != expected)")
        .addStatement("throw new $T(source$W+ \" is corrupt: its checksum does not match\")", IOException.class)
        .endControlFlow()
        .beginControlFlow("if (data.read() != -1)")
        .addStatement("throw new $T(source$W+ \" is corrupt: it goes on after its checksum\")", IOException.class)
        .endControlFlow()
        .nextControlFlow("catch ($T e)", EOFException.class)
        .addStatement("throw new $T(source$W+ \" is truncated\", e)", IOException.class)
        .nextControlFlow("catch ($T e)", UTFDataFormatException.class)
        .addStatement("throw new $T(source$W+ \" is corrupt: a name in it is not valid UTF-8\", e)", IOException.class)
        .build();
  }

  /** read: the values of an intact file that this trainer cannot hold or continue from, refused. */
  private CodeBlock checkRead() {
    CodeBlock.Builder code = CodeBlock.builder()
        .add("// The file is intact: refuse values this trainer cannot hold or continue from.\n")
        .addStatement("checkValues(source, \"parameter \", values, false)")
        .add(BatchNormWriter.check(spec))
        .beginControlFlow("if (withOptimizerState)")
        .add(checkState());
    for (String array : stateArrays) {
      code.addStatement("checkValues(source, \"the $L of \", saved$L, $L)", array, capitalized(array),
          SQUARES.contains(array));
    }
    return code.endControlFlow().build();
  }

  /** read: the values and state read, copied into the trainer. */
  private CodeBlock commit() {
    CodeBlock.Builder code = CodeBlock.builder().add(copy("values", "w")).add(BatchNormWriter.commit(spec));
    if (!stateArrays.isEmpty()) {
      code.beginControlFlow("if (withOptimizerState)");
      for (String array : stateArrays) {
        code.add(copy("saved" + capitalized(array), array));
      }
      code.nextControlFlow("else");
      for (String array : stateArrays) {
        code.addStatement("$T.fill($L, $L)", Arrays.class, array, element.literal(0));
      }
      code.add(initialState).endControlFlow();
    }
    code.addStatement("$N = savedSteps", counters.steps())
        .addStatement("$N = savedEpoch", counters.epoch());
    if (spec.scheduled()) {
      code.addStatement("$N = savedBaseLearningRate", counters.baseLearningRate());
    }
    return code.addStatement("$N = savedLearningRate", counters.learningRate()).build();
  }

  /**
   * Statements refusing a step or epoch count below 0, an η below 0 and an η₀ not above 0: η may be
   * 0, which a cosine schedule reaches at η_min = 0; η₀ is positive, as setLearningRate requires.
   */
  private CodeBlock checkState() {
    String finite = element == ElementType.FLOAT ? "$T.isFinite((float) $L)" : "$T.isFinite($L)";
    Class<?> type = element == ElementType.FLOAT ? Float.class : Double.class;
    String range = element == ElementType.FLOAT ? "finite as a float" : "finite";
    return CodeBlock.builder()
        .beginControlFlow("if (savedSteps < 0 || savedEpoch < 0)")
        .addStatement("throw new $T(source$W+ \" is corrupt: a step count of \"$W+ savedSteps$W+ \" and an epoch count of \""
            + " + savedEpoch)", IOException.class)
        .endControlFlow()
        .beginControlFlow("if (!(savedLearningRate >= 0) || !" + finite + ")", type, "savedLearningRate")
        .addStatement("throw new $T(source$W+ \" holds \\u03b7 = \"$W+ savedLearningRate$W+ \": \\u03b7 must be at least 0 and $L\")",
            IOException.class, range)
        .endControlFlow()
        .beginControlFlow("if (!(savedBaseLearningRate > 0) || !" + finite + ")", type, "savedBaseLearningRate")
        .addStatement("throw new $T(source$W+ \" holds \\u03b7\\u2080 = \"$W+ savedBaseLearningRate$W+ \": \\u03b7\\u2080 must be positive and $L\")",
            IOException.class, range)
        .endControlFlow()
        .build();
  }

  private MethodSpec checkValues() {
    MethodSpec.Builder method = MethodSpec.methodBuilder("checkValues")
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .addJavadoc("Refuses the first of {@code values}, in the layout of {@link #parameters()}, that is NaN or\n"
            + "infinite$L, or below 0 where {@code nonNegative}; {@code what} names the array.\n",
            element == ElementType.FLOAT ? ", beyond float's range" : "")
        .addParameter(String.class, "source")
        .addParameter(String.class, "what")
        .addParameter(DOUBLES, "values")
        .addParameter(boolean.class, "nonNegative")
        .addException(IOException.class)
        .beginControlFlow("for (int p = 0; p < values.length; p++)")
        .beginControlFlow("if (!$T.isFinite(values[p]))", Double.class)
        .addStatement("throw new $T(source$W+ \" holds \"$W+ values[p]$W+ \" as \"$W+ what$W+ parameterName(p)"
            + "$W+ \": a trainer needs finite values\")", IOException.class)
        .endControlFlow();
    if (element == ElementType.FLOAT) {
      method.beginControlFlow("if ($T.isInfinite((float) values[p]))", Float.class)
          .addStatement("throw new $T(source$W+ \" holds \"$W+ values[p]$W+ \" as \"$W+ what$W+ parameterName(p)"
              + "$W+ \", beyond the range of a float trainer (\\u00b1\"$W+ $T.MAX_VALUE$W+ \")\")", IOException.class, Float.class)
          .endControlFlow();
    }
    return method.beginControlFlow("if (nonNegative && values[p] < 0)")
        .addStatement("throw new $T(source$W+ \" holds \"$W+ values[p]$W+ \" as \"$W+ what$W+ parameterName(p)"
            + "$W+ \": a sum or average of squares is never negative\")", IOException.class)
        .endControlFlow()
        .endControlFlow()
        .build();
  }

  /** load's stream: a failure of the stream it reads becomes an IOException that names the source. */
  /** The state arrays, for messages: "none", or their count and names. */
  private String stateArraysDescription() {
    return stateArrays.isEmpty() ? "none" : stateArrays.size() + ": " + String.join(", ", stateArrays);
  }

  /** Copies a double[] of PARAMETERS into one of the trainer's arrays, narrowing for float. */
  private CodeBlock copy(String from, String to) {
    if (element == ElementType.DOUBLE) {
      return CodeBlock.of("$T.arraycopy($L, 0, $L, 0, PARAMETERS);\n", System.class, from, to);
    }
    return CodeBlock.builder()
        .beginControlFlow("for (int p = 0; p < PARAMETERS; p++)")
        .addStatement("$L[p] = (float) $L[p]", to, from)
        .endControlFlow()
        .build();
  }

  private static String capitalized(String name) {
    return Character.toUpperCase(name.charAt(0)) + name.substring(1);
  }
}
