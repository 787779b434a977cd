package org.deltagen.codegen;

import static org.deltagen.symbolic.Symbols.Y;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.NameAllocator;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import org.deltagen.derive.Derivation;
import org.deltagen.derive.Step;
import org.deltagen.network.NetworkSpec;
import org.deltagen.network.SourceLocation;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.interfaces.IExpr;
import org.matheclipse.core.interfaces.ISymbol;

/**
 * What the writers of one trainer share: the derivation, the element type, the vectors and slots,
 * and the record of the helper methods the code calls and the steps each method cites. Those two
 * records fill up as the writers write; everything else is fixed.
 *
 * @param math how the class names {@code java.lang.Math}
 * @param helpers the helper methods the written code calls, so far
 */
record TrainerContext(Derivation derivation, ElementType element, String math, ParameterIndex parameters,
    Vectors vectors, Slots slots, Set<Helper> helpers, Citations.Recorder citations) {

  TrainerContext(Derivation derivation, Vectors vectors, Slots slots) {
    this(derivation, ElementType.of(derivation.spec().precision()), mathOf(derivation.spec()),
        new ParameterIndex(derivation.spec()), vectors, slots, EnumSet.noneOf(Helper.class), new Citations.Recorder());
  }

  /** A network named Math would shadow java.lang.Math inside its own class. */
  private static String mathOf(NetworkSpec spec) {
    return spec.name().equals("Math") ? "java.lang.Math" : "Math";
  }

  NetworkSpec spec() {
    return derivation.spec();
  }

  /** The class javadoc's rule for the modes and the batch, where some layer has batch norm. */
  static final CodeBlock BATCHED = CodeBlock.builder()
      .add("\n<p>Training and evaluation differ: {@link #step} and {@link #fit} train, batch norm taking each\n")
      .add("unit's statistics over the batch (which needs 2 samples at least) and then moving the running\n")
      .add("statistics; {@link #predict} and {@link #loss} evaluate with the running statistics. There is no\n")
      .add("mode to switch. The samples of a training batch are coupled, so {@link #backward} of one sample\n")
      .add("is refused: {@link #batchGradient} and {@link #trainingLoss(double[][], double[][])} take a batch.\n")
      .add("The slots grow to the largest training batch given, allocating then only.\n")
      .build();

  /** The class javadoc's rule for the modes, where some operation is modal. */
  static final CodeBlock MODES = CodeBlock.builder()
      .add("\n<p>Training and evaluation differ: {@link #step}, {@link #fit} and {@link #backward} train,\n")
      .add("{@link #predict} and {@link #loss} evaluate. There is no mode to switch;\n")
      .add("{@link #trainingLoss} evaluates E of one sample as training does, for a gradient check.\n")
      .build();

  /** The forward pass's mode parameter, which modal operations read: true in step and fit. */
  static final String TRAINING = "training";

  /**
   * Whether the forward pass takes {@link #TRAINING}: some operation computes differently in
   * training than in evaluation. The rule is "step and fit train, predict and loss evaluate".
   */
  boolean modal() {
    return derivation.modal();
  }

  /** The mode argument a call of the forward pass ends with: none when no operation is modal. */
  String mode(boolean training) {
    return modal() ? ", " + training : "";
  }

  /** ∂E/∂z^l of each layer, summed over its consumers or read from its buffer. */
  OutputGradients outputGradients() {
    return new OutputGradients(spec(), vectors);
  }

  /** {@code method}, recorded as citing {@code steps}. */
  MethodSpec cited(MethodSpec method, Step... steps) {
    return citations.cite(method, List.of(steps));
  }

  /** Translates expressions written at {@code location}, which a refusal will name. */
  JavaExpressions.Emitted emit(
      IExpr expression, Map<ISymbol, String> bindings, NameAllocator names, SourceLocation location) {
    return emit(List.of(expression), bindings, names, location);
  }

  /** Translates several expressions at once, sharing their common parts' locals. */
  JavaExpressions.Emitted emit(
      List<IExpr> expressions, Map<ISymbol, String> bindings, NameAllocator names, SourceLocation location) {
    try {
      JavaExpressions.Emitted emitted = JavaExpressions.emit(expressions, bindings, names, math);
      helpers.addAll(emitted.helpers());
      return emitted;
    } catch (UnsupportedExpressionException e) {
      throw e.at(location);
    }
  }

  /**
   * {@code target(j) = value(j)} as one statement per unit j when every value is a single
   * expression; returns false, writing nothing, when one needs temporaries.
   */
  boolean addPerUnit(MethodSpec.Builder method, int units, IntFunction<String> target,
      IntFunction<JavaExpressions.Emitted> value) {
    List<CodeBlock> statements = new ArrayList<>();
    for (int j = 0; j < units; j++) {
      JavaExpressions.Emitted code = value.apply(j);
      if (!code.declarations().isEmpty()) {
        return false;
      }
      statements.add(element.store(target.apply(j), code.value(0)));
    }
    statements.forEach(method::addCode);
    return true;
  }

  /** Names for a derived expression's temporaries, avoiding {@code taken} and the slot loops' names. */
  static NameAllocator names(String... taken) {
    NameAllocator names = new NameAllocator();
    for (String name : taken) {
      names.newName(name, name);
    }
    for (String name : List.of("s", "count", "x", "d")) {
      if (!List.of(taken).contains(name)) {
        names.newName(name, name);
      }
    }
    return names;
  }

  /**
   * The bindings of the symbols {@code expression} reads, each name asked for only then: a
   * slot's vector is declared only when the code reads it.
   */
  static Map<ISymbol, String> bindingsOf(IExpr expression, Map<ISymbol, Supplier<String>> names) {
    Map<ISymbol, String> bindings = new HashMap<>();
    names.forEach((symbol, name) -> {
      if (!expression.isFree(symbol)) {
        bindings.put(symbol, name.get());
      }
    });
    return bindings;
  }

  /** Where layer l's activation is written: its definition for a custom one, else the layer. */
  SourceLocation activationLocation(int l) {
    var activation = spec().layer(l).activation();
    return activation.isCustom() ? activation.definition().location() : spec().layer(l).location();
  }

  SourceLocation lossLocation() {
    return spec().loss().perOutput().location();
  }

  /** Whether the output is a softmax whose loss takes log y, read from log z^L. */
  static boolean usesLogSoftmax(Derivation derivation) {
    NetworkSpec spec = derivation.spec();
    return spec.layer(spec.depth()).activation().normalized()
        && !derivation.loss().perOutput().isFree(F.Log(Y), true);
  }

  /** A step's citation, {@code (eq. 7) δ^2_j = …}, as a comment may quote it. */
  static String cite(Step step) {
    return JavaComments.safe(step.citation());
  }
}
