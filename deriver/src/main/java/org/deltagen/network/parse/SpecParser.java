package org.deltagen.network.parse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.deltagen.network.Activation;
import org.deltagen.network.BatchReduction;
import org.deltagen.network.Descriptor;
import org.deltagen.network.Diagnostic;
import org.deltagen.network.Dropout;
import org.deltagen.network.ErrorCode;
import org.deltagen.network.HyperParameter;
import org.deltagen.network.Initializer;
import org.deltagen.network.InitializerKind;
import org.deltagen.network.Layer;
import org.deltagen.network.Loss;
import org.deltagen.network.NamedActivation;
import org.deltagen.network.NamedLoss;
import org.deltagen.network.NetworkSpec;
import org.deltagen.network.Norm;
import org.deltagen.network.OptimizerKind;
import org.deltagen.network.Precision;
import org.deltagen.network.Schedule;
import org.deltagen.network.ScheduleKind;
import org.deltagen.network.SourceLocation;
import org.deltagen.network.SpecException;
import org.deltagen.network.Suggestions;
import org.deltagen.network.parse.Line.Token;

/**
 * Reads a {@code .nn} spec into a validated {@link NetworkSpec}, reporting every problem of the
 * file at once, in source order, as one {@link SpecException}.
 */
public final class SpecParser {
  private static final Pattern CUSTOM_ACTIVATION = Pattern.compile("f\\s*\\(\\s*u\\s*(;[^)]*)?\\)\\s*=");

  /** A trailing {@code key=value} token; {@code ==} is Symja's equality, never an option. */
  private static final Pattern OPTION = Pattern.compile("[A-Za-z][A-Za-z0-9-]*=[^=]*");

  private static final Pattern LOSS_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9-]*");
  private static final Pattern NAMED_LOSS_CALL = Pattern.compile("([A-Za-z][A-Za-z0-9-]*)\\s*\\(.*\\)");
  private static final Pattern OUTPUT_OR_TARGET = Pattern.compile("y|d|\\d+");

  private static final Comparator<Diagnostic> SOURCE_ORDER =
      Comparator.comparingInt((Diagnostic d) -> d.location().line())
          .thenComparingInt(d -> d.location().column());

  private final String fileName;
  private final NetworkSpec.Builder builder;
  private final List<Diagnostic> problems = new ArrayList<>();
  private final Map<Statement, Integer> firstLines = new EnumMap<>(Statement.class);

  private SpecParser(String fileName) {
    this.fileName = Objects.requireNonNull(fileName, "fileName");
    this.builder = NetworkSpec.builder().source(fileName);
  }

  /** Parses a spec file, naming it by its file name in locations. */
  public static NetworkSpec parse(Path file) throws IOException, SpecException {
    return parse(fileName(file), Files.readString(file));
  }

  /** Parses the spec {@code text}, naming it {@code fileName} in locations. */
  public static NetworkSpec parse(String fileName, String text) throws SpecException {
    SpecParser parser = new SpecParser(fileName);
    parser.read(text);
    return parser.build();
  }

  /**
   * Parses a spec whose initial parameters are {@code parameters}, whatever its init statement
   * says.
   */
  public static NetworkSpec parse(
      String fileName,
      String text,
      Initializer.Explicit parameters,
      SourceLocation parametersLocation)
      throws SpecException {
    SpecParser parser = new SpecParser(fileName);
    parser.read(text);
    // With an error in the file the network's size is not what was meant, so a parameter count
    // mismatch would only be a misleading second report.
    if (parser.problems.isEmpty()) {
      parser.builder.initializer(
          Objects.requireNonNull(parameters, "parameters"),
          Objects.requireNonNull(parametersLocation, "parametersLocation"));
    }
    return parser.build();
  }

  /** The name a file goes by in locations. */
  static String fileName(Path file) {
    Path name = file.getFileName();
    return name == null ? file.toString() : name.toString();
  }

  private void read(String text) {
    for (Line line : Line.split(fileName, text)) {
      if (!line.isEmpty()) {
        try {
          statement(line);
        } catch (SpecException e) {
          problems.addAll(e.diagnostics());
        }
      }
    }
  }

  private NetworkSpec build() throws SpecException {
    List<Diagnostic> all = new ArrayList<>(problems);
    try {
      NetworkSpec spec = builder.build();
      if (all.isEmpty()) {
        return spec;
      }
    } catch (SpecException e) {
      all.addAll(e.diagnostics());
    }
    all.sort(SOURCE_ORDER);
    throw new SpecException(all);
  }

  private void statement(Line line) throws SpecException {
    Token keyword = line.token(0);
    Statement statement = Statement.forKeyword(keyword.text());
    if (statement == null) {
      throw line.problem(
          ErrorCode.DG001,
          keyword.column(),
          "unknown statement " + Diagnostic.quote(keyword.text()),
          Suggestions.hint(keyword.text(), Statement.keywords()));
    }
    checkOnce(statement, line);
    try {
      dispatch(statement, line);
    } catch (SpecException e) {
      standIn(statement, line);
      throw e;
    }
  }

  private void checkOnce(Statement statement, Line line) throws SpecException {
    if (statement.repeatable()) {
      return;
    }
    Integer first = firstLines.putIfAbsent(statement, line.number());
    if (first != null) {
      throw line.problem(
          ErrorCode.DG003,
          line.token(0).column(),
          "'" + statement.keyword() + "' was already given on line " + first,
          "give it once; only 'layer' may repeat");
    }
  }

  private void dispatch(Statement statement, Line line) throws SpecException {
    switch (statement) {
      case NETWORK -> network(line);
      case PACKAGE -> packageName(line);
      case INPUT -> input(line);
      case LAYER -> layer(line);
      case LOSS -> loss(line);
      case BATCH -> batch(line);
      case OPTIMIZER -> optimizer(line);
      case INIT -> init(line);
      case CLIP -> clip(line);
      case REGULARIZE -> regularize(line);
      case SCHEDULE -> schedule(line);
      case WARMUP -> warmup(line);
      case PRECISION -> precision(line);
    }
  }

  /**
   * A statement with an error still counts as given, so the builder must not also report it
   * missing; the stand-in never reaches a returned spec, because the error is thrown.
   */
  private void standIn(Statement statement, Line line) {
    SourceLocation at = line.at(line.token(0).column());
    switch (statement) {
      case NETWORK -> builder.name("Network", at);
      case INPUT -> builder.inputs(1, at);
      case LAYER ->
          builder.layer(new Layer(1, Activation.named(NamedActivation.IDENTITY), true, at));
      case LOSS -> builder.loss(Loss.named(NamedLoss.SSE));
      default -> {
        // The optional statements keep the builder's defaults.
      }
    }
  }

  private void network(Line line) throws SpecException {
    Token name = onlyArgument(line, Statement.NETWORK);
    builder.name(name.text(), line.at(name.column()));
  }

  private void packageName(Line line) throws SpecException {
    Token name = onlyArgument(line, Statement.PACKAGE);
    builder.packageName(name.text(), line.at(name.column()));
  }

  private void input(Line line) throws SpecException {
    Token count = onlyArgument(line, Statement.INPUT);
    builder.inputs(units(line, count, Statement.INPUT), line.at(count.column()));
  }

  private void layer(Line line) throws SpecException {
    int units = units(line, argument(line, 1, Statement.LAYER), Statement.LAYER);
    Token first = argument(line, 2, Statement.LAYER);
    if (isOption(first)) {
      throw missing(line, first.column(), Statement.LAYER);
    }
    Matcher custom = CUSTOM_ACTIVATION.matcher(line.content());
    custom.region(first.column() - 1, line.content().length());
    if (custom.lookingAt()) {
      customLayer(line, units, custom);
    } else {
      namedLayer(line, units, first);
    }
  }

  private void namedLayer(Line line, int units, Token keyword) throws SpecException {
    if (NamedActivation.forKeyword(keyword.text().split("\\(", 2)[0]) == null) {
      Activation.named(keyword.text(), line.at(keyword.column()));
    }
    NamedCall call = NamedCall.read(line, 2);
    Activation activation = Activation.named(call.name(), call.parameters(), line.at(call.column()));
    for (int i = call.nextToken(); i < line.size(); i++) {
      if (!line.token(i).text().contains("=")) {
        throw unexpected(line, i, Statement.LAYER);
      }
    }
    addLayer(line, units, activation, layerOptions(line, call.nextToken()));
  }

  /**
   * {@code f(u) = <expression> [bias=…]}, or {@code f(u; a=1, b=0.5) = …} with learnable
   * parameters: the expression runs up to the options ending the line.
   */
  private void customLayer(Line line, int units, Matcher custom) throws SpecException {
    int afterEquals = custom.end();
    int optionsFrom = line.size();
    while (optionsFrom > 3 && isOption(line.token(optionsFrom - 1))) {
      optionsFrom--;
    }
    String content = line.content();
    int start = afterEquals;
    while (start < content.length() && Line.isBlank(content.charAt(start))) {
      start++;
    }
    int end = optionsFrom < line.size() ? line.token(optionsFrom).column() - 1 : content.length();
    String expression = content.substring(start, Math.max(start, end)).stripTrailing();
    LearnedParameters declared = custom.group(1) == null
        ? LearnedParameters.NONE : LearnedParameters.read(line, custom.group(1).substring(1), custom.start(1) + 2);
    Activation activation =
        Activation.custom(expression, line.at(start + 1), declared.parameters(), declared.locations());
    addLayer(line, units, activation, layerOptions(line, optionsFrom));
  }

  private static Options layerOptions(Line line, int from) throws SpecException {
    return Options.of(line, from, Set.of("bias", "skip", "norm", "eps", "momentum", "dropout"),
        "a layer takes bias=true|false, norm=layer|group(g=G)|batch with eps=ε (batch: momentum=m), dropout=p and skip=k");
  }

  private void addLayer(Line line, int units, Activation activation, Options options)
      throws SpecException {
    boolean bias = options.bool("bias", true);
    builder.layer(new Layer(units, activation, bias, line.at(line.token(0).column())));
    long skip = options.whole("skip", -1);
    int column = options.column("skip");
    if (column > 0 && (skip < 0 || skip > NetworkSpec.Builder.MAX_LAYERS)) {
      throw line.problem(ErrorCode.DG017, column, "'skip' needs the number of an earlier layer, not " + skip,
          "0 is the input x, e.g. skip=0");
    }
    if (column > 0) {
      builder.skip((int) skip, line.at(column));
    }
    Norm norm = LayerNorms.read(line, options);
    if (norm != null) {
      builder.norm(norm);
    }
    if (options.column("dropout") > 0) {
      // Any number parses; the builder's check keeps p in [0, 1), for specs built in code too.
      double p = options.number("dropout", 0, v -> true, "a probability p, 0 ≤ p < 1");
      builder.dropout(new Dropout(p, line.at(options.column("dropout"))));
    }
  }

  private void loss(Line line) throws SpecException {
    Token first = argument(line, 1, Statement.LOSS);
    SourceLocation at = line.at(first.column());
    String rest = line.from(first.column());
    Matcher call = NAMED_LOSS_CALL.matcher(rest);
    if (call.matches() && NamedLoss.forKeyword(call.group(1)) != null) {
      namedLossCall(line);
      return;
    }
    if (line.size() > 2 && isLossName(first.text())) {
      namedLossWithMore(line, first);
    }
    builder.loss(isLossName(rest) ? Loss.named(rest, at) : Loss.custom(rest, at));
  }

  /** {@code loss huber(delta=1.5)}: a named loss with parameters, and nothing after it. */
  private void namedLossCall(Line line) throws SpecException {
    NamedCall call = NamedCall.read(line, 1);
    if (call.nextToken() < line.size()) {
      throw unexpected(line, call.nextToken(), Statement.LOSS);
    }
    builder.loss(Loss.named(call.name(), call.parameters(), line.at(call.column())));
  }

  /**
   * Rejects a loss name followed by more text, such as {@code huber delta=1}: reported as an
   * expression it would only complain about the symbol 'delta'.
   */
  private static void namedLossWithMore(Line line, Token name) throws SpecException {
    if (IntStream.range(2, line.size()).allMatch(i -> isOption(line.token(i)))) {
      // Throws for an unknown name first, else for the options, which no loss takes yet.
      Loss.named(name.text(), line.at(name.column()));
      Options.of(line, 2, Set.of(), "give a named loss's parameters in parentheses, e.g. huber(delta=1.5)");
    }
    if (NamedLoss.forKeyword(name.text()) != null) {
      throw unexpected(line, 2, Statement.LOSS);
    }
  }

  /** A single word names a loss, unless it is made of y, d and numbers only, as y-d is. */
  private static boolean isLossName(String text) {
    return LOSS_NAME.matcher(text).matches()
        && !Arrays.stream(text.split("-")).allMatch(OUTPUT_OR_TARGET.asMatchPredicate());
  }

  private void batch(Line line) throws SpecException {
    builder.batch(lookup(line, onlyArgument(line, Statement.BATCH), BatchReduction::forKeyword, ErrorCode.DG014,
        "batch reduction", text -> Suggestions.hint(text,
            Arrays.stream(BatchReduction.values()).map(BatchReduction::keyword).toList())));
  }

  private void optimizer(Line line) throws SpecException {
    OptimizerKind kind = kind(line, Statement.OPTIMIZER, OptimizerKind.values(), ErrorCode.DG015, "optimizer");
    builder.optimizer(OptimizerOptions.read(kind, line));
  }

  /**
   * The descriptor of {@code table} that the statement's first argument names; an unknown one is
   * reported as {@code code}, "unknown {@code what}", with the nearest keywords as a hint.
   */
  private static <D extends Descriptor> D kind(Line line, Statement statement, D[] table, ErrorCode code, String what)
      throws SpecException {
    return lookup(line, argument(line, 1, statement), text -> Descriptor.forKeyword(table, text), code, what,
        text -> Suggestions.hint(text, Descriptor.keywords(table)));
  }

  /** The entry {@code table} gives for {@code name}; none is {@code code}, "unknown {@code what}", with a hint. */
  private static <T> T lookup(Line line, Token name, Function<String, T> table, ErrorCode code, String what,
      UnaryOperator<String> hint) throws SpecException {
    T entry = table.apply(name.text());
    if (entry == null) {
      throw line.problem(code, name.column(), "unknown " + what + " " + Diagnostic.quote(name.text()),
          hint.apply(name.text()));
    }
    return entry;
  }

  /** {@code clip norm=1.0}: global-norm gradient clipping, as torch.nn.utils.clip_grad_norm_. */
  private void clip(Line line) throws SpecException {
    argument(line, 1, Statement.CLIP);
    Options options = Options.of(line, 1, Set.of("norm"), "clip takes norm, e.g. clip norm=1.0");
    builder.clipNorm(options.number("norm", 0, v -> v > 0, "a positive number"));
  }

  /** {@code regularize l1=1e-4}: λ Σ|w| over the weight rows, added to each step's batch error. */
  private void regularize(Line line) throws SpecException {
    argument(line, 1, Statement.REGULARIZE);
    Options options = Options.of(line, 1, Set.of("l1"), "regularize takes l1, e.g. regularize l1=1e-4");
    builder.l1(options.number("l1", 0, v -> v >= 0, "a number ≥ 0"));
  }

  private void init(Line line) throws SpecException {
    InitializerKind kind = kind(line, Statement.INIT, InitializerKind.values(), ErrorCode.DG018, "initializer");
    builder.initializer(InitializerOptions.read(kind, line), line.at(line.token(0).column()));
  }

  private static List<String> options(List<HyperParameter> parameters) {
    return parameters.stream().map(HyperParameter::option).toList();
  }

  private void precision(Line line) throws SpecException {
    builder.precision(lookup(line, onlyArgument(line, Statement.PRECISION), Precision::forKeyword, ErrorCode.DG016,
        "precision", text -> "precision is double or float"));
  }

  private void schedule(Line line) throws SpecException {
    ScheduleKind kind = kind(line, Statement.SCHEDULE, ScheduleKind.values(), ErrorCode.DG023, "learning-rate schedule");
    Options options = Options.of(line, 2, Set.copyOf(options(kind.parameters())), kind.usage());
    Schedule schedule =
        switch (kind) {
          case CONSTANT -> new Schedule.Constant();
          case STEP -> new Schedule.Step(
              (int) options.count("size", 0), options.positive("gamma", kind.defaultOf("gamma")));
          case EXPONENTIAL -> {
            options.require("gamma");
            yield new Schedule.Exponential(options.positive("gamma", 1.0));
          }
          case COSINE -> new Schedule.Cosine(
              (int) options.count("period", 0),
              options.number("min-lr", kind.defaultOf("min-lr"), v -> v >= 0, "a number ≥ 0"));
        };
    builder.schedule(schedule);
  }

  private void warmup(Line line) throws SpecException {
    argument(line, 1, Statement.WARMUP);
    Options options = Options.of(line, 1, Set.copyOf(options(Schedule.Warmup.PARAMETERS)),
        "warmup takes epochs and start, e.g. warmup epochs=5 start=0.1");
    int epochs = (int) options.count("epochs", 0);
    double start = options.number("start", Schedule.Warmup.DEFAULT_START_FACTOR, v -> v > 0 && v <= 1, "a number in (0, 1]");
    builder.warmup(new Schedule.Warmup(epochs, start));
  }

  /** The statement's single argument; nothing may follow it. */
  private static Token onlyArgument(Line line, Statement statement) throws SpecException {
    Token argument = argument(line, 1, statement);
    if (line.size() > 2) {
      throw unexpected(line, 2, statement);
    }
    return argument;
  }

  /**
   * Token {@code index}, which the statement needs; a missing one is reported just after the line's
   * last token.
   */
  private static Token argument(Line line, int index, Statement statement) throws SpecException {
    if (index < line.size()) {
      return line.token(index);
    }
    throw missing(line, line.token(line.size() - 1).end(), statement);
  }

  private static SpecException missing(Line line, int column, Statement statement) {
    return line.problem(
        ErrorCode.DG008,
        column,
        "'" + statement.keyword() + "' needs " + statement.needs(),
        "e.g. '" + statement.example() + "'");
  }

  private static SpecException unexpected(Line line, int index, Statement statement) {
    Token extra = line.token(index);
    return line.problem(
        ErrorCode.DG007,
        extra.column(),
        "unexpected " + Diagnostic.quote(line.from(extra.column())) + " after the statement",
        "write it as e.g. '" + statement.example() + "'");
  }

  private static boolean isOption(Token token) {
    return OPTION.matcher(token.text()).matches();
  }

  /** n_0 or n_l: a positive whole number. */
  private static int units(Line line, Token count, Statement statement) throws SpecException {
    return Numbers.positiveInt(count.text())
        .orElseThrow(
            () ->
                line.problem(
                    ErrorCode.DG006,
                    count.column(),
                    "'"
                        + statement.keyword()
                        + "' needs a positive whole number of units, not "
                        + Diagnostic.quote(count.text()),
                    "e.g. '" + statement.example() + "'"));
  }
}
