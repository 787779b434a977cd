package org.deltagen.codegen;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.TypeName;
import org.deltagen.network.Precision;

/**
 * The type a trainer stores its parameters, gradients, activations and optimizer state in: double,
 * or float for {@code precision float}. In the forward and backward passes, scalars (errors, an
 * activation's intermediate values) stay double in both, so a float trainer rounds only where it
 * stores into an array; those stores are written as {@code a = (float) (…)}, never as a compound
 * assignment that narrows silently. The optimizer's per-parameter arithmetic is in the element
 * type, as torch's is ({@link OptimizerWriter}).
 */
enum ElementType {
  DOUBLE(TypeName.DOUBLE),
  FLOAT(TypeName.FLOAT);

  /** The keyword and the array types are derived from it, so they cannot disagree. */
  private final TypeName primitive;

  ElementType(TypeName primitive) {
    this.primitive = primitive;
  }

  static ElementType of(Precision precision) {
    return precision == Precision.FLOAT ? FLOAT : DOUBLE;
  }

  /** {@code double} or {@code float}. */
  String keyword() {
    return primitive.toString();
  }

  /** {@code double[]} or {@code float[]}. */
  TypeName primitive() {
    return primitive;
  }

  TypeName array() {
    return ArrayTypeName.of(primitive);
  }

  /** {@code double[][]} or {@code float[][]}: a batch of samples. */
  TypeName samples() {
    return ArrayTypeName.of(array());
  }

  /** The bytes of one element. */
  int bytes() {
    return this == FLOAT ? Float.BYTES : Double.BYTES;
  }

  /** The boxed type, for {@code Double.BYTES} and the like. */
  Class<?> boxed() {
    return this == FLOAT ? Float.class : Double.class;
  }

  /** {@code value} as a literal of this type. */
  String literal(double value) {
    return this == FLOAT ? Float.toString((float) value) + "f" : Double.toString(value);
  }

  /** {@code target = expression;}, narrowing a double expression explicitly for float. */
  CodeBlock store(String target, JavaExpression expression) {
    if (this == DOUBLE) {
      return CodeBlock.of("$L = $L;\n", target, expression.code());
    }
    // A cast binds as tightly as a unary operator.
    return CodeBlock.of("$L = (float) $L;\n", target, expression.codeAt(JavaExpression.UNARY));
  }

  /** {@code target op= expression;} for double; its explicit narrowing form for float. */
  CodeBlock update(String target, String operator, String expression) {
    return this == FLOAT
        ? CodeBlock.of("$L = (float) ($L $L $L);\n", target, target, operator, expression)
        : CodeBlock.of("$L $L= $L;\n", target, operator, expression);
  }
}
