package org.deltagen.network;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A fully connected network in the notation of backpropagation: layers l = 0 … L with n_l units,
 * u^l_j = Σ_i w^l_{ij} z^{l-1}_i (z^{l-1}_0 = 1 when the layer has a bias), z^l_j = f_l(u^l_j),
 * and a per-sample error E(y, d). Immutable; made by the parser or by
 * {@link #builder()}, which validate it.
 *
 * <p>Parameters are laid out layer by layer; layer l holds a block of rows i = 0 … n_{l-1} (row 0
 * is the bias, absent when the layer has none) by one column per unit j = 1 … n_l, row-major.
 */
public final class NetworkSpec {
  private final String source;
  private final String name;
  private final String packageName;
  private final int inputs;
  private final List<Layer> layers;
  private final Loss loss;
  private final BatchReduction batch;
  private final Optimizer optimizer;
  private final Initializer initializer;
  private final double clipNorm;
  private final double l1;
  private final Schedule schedule;
  private final Schedule.Warmup warmup;
  private final Precision precision;
  private final int[] offsets;

  private NetworkSpec(Builder builder) {
    this.source = builder.source;
    this.name = builder.name;
    this.packageName = builder.packageName;
    this.inputs = builder.inputs;
    this.layers = List.copyOf(builder.layers);
    this.loss = builder.loss;
    this.batch = builder.batch;
    this.optimizer = builder.optimizer;
    this.initializer = builder.initializer;
    this.clipNorm = builder.clipNorm;
    this.l1 = builder.l1;
    this.schedule = builder.schedule;
    this.warmup = builder.warmup;
    this.precision = builder.precision;
    this.offsets = offsets(inputs, layers);
  }

  private static int[] offsets(int inputs, List<Layer> layers) {
    int[] offsets = new int[layers.size() + 2];
    int previousUnits = inputs;
    for (int l = 1; l <= layers.size(); l++) {
      Layer layer = layers.get(l - 1);
      offsets[l + 1] = offsets[l] + (previousUnits + (layer.bias() ? 1 : 0)) * layer.units()
          + layer.normParameters() + layer.activation().learned().size();
      previousUnits = layer.units();
    }
    return offsets;
  }

  /** A builder with the documented defaults: batch mean, sgd lr=0.01, init normal seed=0 std=1, constant η, double. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding every value of this spec, so that {@code toBuilder().build()} equals it. */
  public Builder toBuilder() {
    Builder builder = new Builder().source(source).name(name).packageName(packageName).inputs(inputs)
        .batch(batch).optimizer(optimizer).initializer(initializer).schedule(schedule).warmup(warmup)
        .precision(precision).loss(loss);
    layers.forEach(builder::layer);
    builder.clipNorm = clipNorm;
    builder.l1 = l1;
    return builder;
  }

  /** Specs are equal when every value is: a parsed spec equals the same spec built in code. */
  @Override
  public boolean equals(Object other) {
    return other instanceof NetworkSpec that && source.equals(that.source) && name.equals(that.name)
        && packageName.equals(that.packageName) && inputs == that.inputs && layers.equals(that.layers)
        && loss.equals(that.loss) && batch == that.batch && optimizer.equals(that.optimizer)
        && initializer.equals(that.initializer) && Double.compare(clipNorm, that.clipNorm) == 0
        && Double.compare(l1, that.l1) == 0 && schedule.equals(that.schedule) && warmup.equals(that.warmup)
        && precision == that.precision;
  }

  @Override
  public int hashCode() {
    return Objects.hash(source, name, packageName, inputs, layers, loss, batch, optimizer, initializer, clipNorm,
        l1, schedule, warmup, precision);
  }

  /** The file the spec was read from, or a description of where it was built. */
  public String source() {
    return source;
  }

  /** The simple name of the generated class. */
  public String name() {
    return name;
  }

  /** The package of the generated class; empty for the unnamed package. */
  public String packageName() {
    return packageName;
  }

  /**
   * This spec with its class in {@code packageName} (empty for the unnamed package): how a build
   * gives the specs that have no {@code package} statement its default package.
   *
   * @throws IllegalArgumentException when {@code packageName} is not a valid Java package name
   */
  public NetworkSpec withPackageName(String packageName) {
    if (!packageName.isEmpty() && JavaNames.packageProblem(packageName) != null) {
      throw new IllegalArgumentException(invalidPackage(packageName, SourceLocation.builder("packageName")).toString());
    }
    return new NetworkSpec(toBuilder().packageName(packageName));
  }

  private static Diagnostic invalidPackage(String packageName, SourceLocation location) {
    return Diagnostic.of(ErrorCode.DG005, location,
            "package " + Diagnostic.quote(packageName) + " " + JavaNames.packageProblem(packageName))
        .withHint("use dot-separated ASCII identifiers that are not keywords, outside java and javax,"
            + " e.g. com.example.xor");
  }

  /** n_0. */
  public int inputs() {
    return inputs;
  }

  /** Layers 1 … L; {@code layers().get(l - 1)} is layer l. */
  public List<Layer> layers() {
    return layers;
  }

  /** L, the index of the output layer. */
  public int depth() {
    return layers.size();
  }

  /** Layer l, for 1 ≤ l ≤ L. */
  public Layer layer(int l) {
    return layers.get(l - 1);
  }

  /** n_l, for 0 ≤ l ≤ L. */
  public int units(int l) {
    return l == 0 ? inputs : layers.get(l - 1).units();
  }

  /** n_L. */
  public int outputs() {
    return units(depth());
  }

  public Loss loss() {
    return loss;
  }

  public BatchReduction batch() {
    return batch;
  }

  public Optimizer optimizer() {
    return optimizer;
  }

  public Initializer initializer() {
    return initializer;
  }

  /**
   * The largest global L2 norm a batch gradient may have before the update, as
   * torch.nn.utils.clip_grad_norm_ rescales it; 0 when gradients are not clipped.
   */
  public double clipNorm() {
    return clipNorm;
  }

  /**
   * λ of the L1 penalty λ Σ|w| over the weight rows (not the bias rows), which a step adds to its
   * batch error once; 0 without the penalty.
   */
  public double l1() {
    return l1;
  }

  /** How {@code fit} changes the learning rate from epoch to epoch. */
  public Schedule schedule() {
    return schedule;
  }

  /** The linear warm-up over the first epochs of {@code fit}; {@link Schedule.Warmup#NONE} if none. */
  public Schedule.Warmup warmup() {
    return warmup;
  }

  /** True when {@code fit} sets the learning rate per epoch. */
  public boolean scheduled() {
    return schedule.kind() != ScheduleKind.CONSTANT || !warmup.isNone();
  }

  /** The element type of the generated trainer's arrays. */
  public Precision precision() {
    return precision;
  }

  /**
   * SHA-256 of the architecture: the inputs and, per layer, its units, whether it has a bias, its
   * normalization and ε, where its skip comes from and its activation's defining expression (in Symja's canonical form, so a
   * named rule and the same expression written out agree) with its learnable parameters, count and
   * names. The name, package, precision, loss, optimizer, initializer and
   * schedule are left out: parameters saved by one trainer fit any trainer with the same digest.
   */
  public byte[] architectureDigest() {
    return ArchitectureDigest.of(inputs, layers);
  }


  /** The layers m whose skip adds z^k, in increasing order: z^k's consumers besides u^{k+1}. */
  public List<Integer> skipsFrom(int k) {
    List<Integer> targets = new ArrayList<>();
    for (int l = k + 1; l <= layers.size(); l++) {
      if (layer(l).hasSkip() && layer(l).skip().from() == k) {
        targets.add(l);
      }
    }
    return targets;
  }

  /** Index of layer l's first parameter in the flat parameter array. */
  public int weightOffset(int l) {
    return offsets[l];
  }

  /** Rows of layer l's block: n_{l-1}, plus one for the bias row. */
  public int weightRows(int l) {
    return units(l - 1) + (layer(l).bias() ? 1 : 0);
  }

  /**
   * Index of w^l_{ij}, in seed 001's numbering: i = 0 is the bias row (present only when the layer
   * has a bias), i ≥ 1 the input z^{l-1}_i, and j = 1 … n_l the unit, stored in column j − 1.
   */
  public int weightIndex(int l, int i, int j) {
    int row = layer(l).bias() ? i : i - 1;
    return offsets[l] + row * units(l) + (j - 1);
  }

  /**
   * Index of β^l_1, the first of layer l's normalization block (2 rows × n_l after the weights:
   * row 0 β, row 1 γ); γ^l_j is at {@code normOffset(l) + n_l + j − 1}.
   */
  public int normOffset(int l) {
    return offsets[l] + weightRows(l) * units(l);
  }

  /**
   * Index of layer l's first learnable activation parameter (a^l): a layer's blocks are its
   * weights, then its other blocks in order, its activation's parameters last.
   */
  public int activationParameterOffset(int l) {
    return offsets[l + 1] - layer(l).activation().learned().size();
  }

  /** Where layer l's parameters end: the next layer's first. */
  public int layerEnd(int l) {
    return offsets[l + 1];
  }

  /** The number of parameters: all layers' weights and biases, and their activations' parameters. */
  public int parameterCount() {
    return offsets[layers.size() + 1];
  }

  /** Builds and validates a {@link NetworkSpec}; problems are collected and thrown together. */
  public static final class Builder {
    /** 2^26 parameters: 2 GiB for an Adam trainer's four double arrays, which the default heap holds. */
    public static final long MAX_PARAMETERS = 1L << 26;
    /** Deep enough for any network of seed 002's, and each layer's code fits the pass's method. */
    public static final int MAX_LAYERS = 128;
    private String source = "NetworkSpec.builder()";
    private String name;
    private SourceLocation nameLocation;
    private String packageName = "";
    private SourceLocation packageLocation;
    private int inputs;
    private SourceLocation inputsLocation;
    private boolean inputsSet;
    private final List<Layer> layers = new ArrayList<>();
    private Loss loss;
    private BatchReduction batch = BatchReduction.MEAN;
    private Optimizer optimizer = OptimizerKind.SGD.withDefaults();
    private Initializer initializer = InitializerKind.defaultInitializer();
    private SourceLocation initializerLocation;
    private double clipNorm;
    private double l1;
    private Schedule schedule = new Schedule.Constant();
    private Schedule.Warmup warmup = Schedule.Warmup.NONE;
    private Precision precision = Precision.DOUBLE;

    private Builder() {}

    /** Names the file the spec comes from, for messages and the generated header. */
    public Builder source(String source) {
      this.source = Objects.requireNonNull(source);
      return this;
    }

    public Builder name(String name) {
      return name(name, SourceLocation.builder("name"));
    }

    public Builder name(String name, SourceLocation location) {
      this.name = name;
      this.nameLocation = location;
      return this;
    }

    public Builder packageName(String packageName) {
      return packageName(packageName, SourceLocation.builder("packageName"));
    }

    public Builder packageName(String packageName, SourceLocation location) {
      this.packageName = packageName;
      this.packageLocation = location;
      return this;
    }

    public Builder inputs(int inputs) {
      return inputs(inputs, SourceLocation.builder("inputs"));
    }

    public Builder inputs(int inputs, SourceLocation location) {
      this.inputs = inputs;
      this.inputsLocation = location;
      this.inputsSet = true;
      return this;
    }

    /** Adds the next layer, with a bias. */
    public Builder layer(int units, Activation activation) {
      return layer(units, activation, true);
    }

    public Builder layer(int units, Activation activation, boolean bias) {
      return layer(new Layer(units, activation, bias, SourceLocation.builder("layer")));
    }

    public Builder layer(Layer layer) {
      layers.add(Objects.requireNonNull(layer));
      return this;
    }

    /** Adds z^k to the last layer's output: z^l = f_l(u^l) + z^k, k = {@code from} (0 for x). */
    public Builder skip(int from) {
      return skip(from, SourceLocation.builder("skip"));
    }

    /** Normalizes the last layer's u^l before its activation: {@code norm=layer} or {@code group(g=G)}. */
    public Builder norm(Norm norm) {
      Objects.requireNonNull(norm);
      return onLast("norm(" + norm.text() + ") needs a layer to normalize", layer -> layer.withNorm(norm));
    }

    /** Drops the last layer's activations out in training with probability p (inverted dropout). */
    public Builder dropout(double p) {
      return dropout(new Dropout(p, SourceLocation.builder("dropout")));
    }

    /** As {@link #dropout(double)}, written where {@code drop} says. */
    public Builder dropout(Dropout drop) {
      Objects.requireNonNull(drop);
      return onLast("dropout(" + drop.p() + ") needs a layer to drop from", layer -> layer.withDropout(drop));
    }

    /** As {@link #skip(int)}, written at {@code location}. */
    public Builder skip(int from, SourceLocation location) {
      return onLast("skip(" + from + ") needs a layer to go to", layer -> layer.withSkip(from, location));
    }

    /** Replaces the last layer by {@code change} of it; {@code missing} says why there must be one. */
    private Builder onLast(String missing, java.util.function.UnaryOperator<Layer> change) {
      if (layers.isEmpty()) {
        throw new IllegalStateException(missing + ": add it first");
      }
      int last = layers.size() - 1;
      layers.set(last, change.apply(layers.get(last)));
      return this;
    }

    public Builder loss(Loss loss) {
      this.loss = Objects.requireNonNull(loss);
      return this;
    }

    public Builder batch(BatchReduction batch) {
      this.batch = Objects.requireNonNull(batch);
      return this;
    }

    public Builder optimizer(Optimizer optimizer) {
      this.optimizer = Objects.requireNonNull(optimizer);
      return this;
    }

    public Builder initializer(Initializer initializer) {
      return initializer(initializer, SourceLocation.builder("initializer"));
    }

    public Builder initializer(Initializer initializer, SourceLocation location) {
      this.initializer = Objects.requireNonNull(initializer);
      this.initializerLocation = location;
      return this;
    }

    /** Clips the batch gradient to global norm {@code maximum} before each update. */
    public Builder clipNorm(double maximum) {
      if (!(maximum > 0) || Double.isInfinite(maximum)) {
        throw new IllegalArgumentException("the clipping norm must be positive and finite, not " + maximum);
      }
      this.clipNorm = maximum;
      return this;
    }

    /** Adds λ Σ|w| over the weight rows to each step's batch error; 0 adds nothing. */
    public Builder l1(double lambda) {
      if (!(lambda >= 0) || Double.isInfinite(lambda)) {
        throw new IllegalArgumentException("λ of the L1 penalty must be finite and at least 0, not " + lambda);
      }
      this.l1 = lambda;
      return this;
    }

    /** Changes the learning rate per epoch of {@code fit}. */
    public Builder schedule(Schedule schedule) {
      this.schedule = Objects.requireNonNull(schedule);
      return this;
    }

    /** Warms the learning rate up linearly over the first epochs of {@code fit}. */
    public Builder warmup(Schedule.Warmup warmup) {
      this.warmup = Objects.requireNonNull(warmup);
      return this;
    }

    public Builder precision(Precision precision) {
      this.precision = Objects.requireNonNull(precision);
      return this;
    }

    /** Validates everything at once and returns the spec, or throws every problem found. */
    public NetworkSpec build() throws SpecException {
      List<Diagnostic> problems = new ArrayList<>();
      SourceLocation start = new SourceLocation(source, 1, 1);
      if (name == null) {
        problems.add(SpecChecks.missing(start, "network", "network Xor"));
      } else if (JavaNames.classNameProblem(name) != null) {
        problems.add(
            Diagnostic.of(ErrorCode.DG004, nameLocation,
                    "network name " + Diagnostic.quote(name) + " " + JavaNames.classNameProblem(name))
                .withHint("a class name is ASCII letters, digits and _, starting with a letter, at most "
                    + JavaNames.MAX_LENGTH + " characters, not a keyword, e.g. 'network Xor'"));
      }
      if (!packageName.isEmpty() && JavaNames.packageProblem(packageName) != null) {
        problems.add(invalidPackage(packageName, packageLocation));
      }
      if (!inputsSet) {
        problems.add(SpecChecks.missing(start, "input", "input 2"));
      } else if (inputs < 1) {
        problems.add(SpecChecks.positive(inputsLocation, "input", inputs));
      }
      if (layers.isEmpty()) {
        problems.add(SpecChecks.missing(start, "layer", "layer 1 sigmoid"));
      }
      for (Layer layer : layers) {
        if (layer.units() < 1) {
          problems.add(SpecChecks.positive(layer.location(), "layer", layer.units()));
        }
      }
      if (loss == null) {
        problems.add(SpecChecks.missing(start, "loss", "loss half-sse"));
      }
      if (problems.isEmpty()) {
        SpecChecks.checkSize(inputs, layers, problems);
        SpecChecks.checkOutputRules(layers, loss, problems);
        SpecChecks.checkSkips(inputs, layers, problems);
        SpecChecks.checkNorms(layers, problems);
        SpecChecks.checkDropouts(layers, problems);
      }
      if (problems.isEmpty() && initializer instanceof Initializer.Explicit explicit) {
        SpecChecks.checkExplicit(new NetworkSpec(this), explicit, initializerLocation, problems);
      }
      if (!problems.isEmpty()) {
        throw new SpecException(problems);
      }
      return new NetworkSpec(this);
    }
  }
}
