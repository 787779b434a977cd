package org.deltagen.codegen;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystemException;
import javax.lang.model.element.Modifier;

/**
 * The low-level pieces of a trainer's parameter file I/O ({@link PersistenceWriter}): the arrays
 * of values in either width, and the input stream whose failures name the file.
 */
final class ParameterStreams {
  private static final TypeName DOUBLES = ArrayTypeName.of(double.class);

  private ParameterStreams() {}

  /** writeValues: the values in the element type's width. */
  static MethodSpec writeValues(ElementType element) {
    return MethodSpec.methodBuilder("writeValues")
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .addParameter(DataOutputStream.class, "data")
        .addParameter(element.array(), "values")
        .addException(IOException.class)
        .beginControlFlow("for ($L value : values)", element.keyword())
        .addStatement("data.write$L(value)", element == ElementType.FLOAT ? "Float" : "Double")
        .endControlFlow()
        .build();
  }

  /** readValues: values of either width, into doubles. */
  static MethodSpec readValues() {
    return MethodSpec.methodBuilder("readValues")
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .addJavadoc("Reads {@code values.length} values of {@code width} bytes, 8 for double, 4 for float.\n")
        .addParameter(DataInputStream.class, "data")
        .addParameter(int.class, "width")
        .addParameter(DOUBLES, "values")
        .addException(IOException.class)
        .beginControlFlow("for (int p = 0; p < values.length; p++)")
        .addStatement("values[p] = width == 8 ? data.readDouble() : data.readFloat()")
        .endControlFlow()
        .build();
  }

  /** The nested class {@code name}: the stream load reads, naming the file in its failures. */
  static TypeSpec input(String name) {
    MethodSpec.Builder readByte = MethodSpec.methodBuilder("read")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(int.class)
        .addException(IOException.class)
        .beginControlFlow("try")
        .addStatement("return super.read()")
        .nextControlFlow("catch ($T e)", IOException.class)
        .addStatement("throw failed(e)")
        .endControlFlow();
    MethodSpec.Builder readBytes = MethodSpec.methodBuilder("read")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(int.class)
        .addParameter(byte[].class, "bytes")
        .addParameter(int.class, "offset")
        .addParameter(int.class, "length")
        .addException(IOException.class)
        .beginControlFlow("try")
        .addStatement("return super.read(bytes, offset, length)")
        .nextControlFlow("catch ($T e)", IOException.class)
        .addStatement("throw failed(e)")
        .endControlFlow();
    return TypeSpec.classBuilder(name)
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
        .superclass(FilterInputStream.class)
        .addJavadoc("The stream {@code load} reads: an I/O failure of the underlying stream becomes an\n"
            + "IOException that names the file or stream and says what happened.\n")
        .addField(String.class, "source", Modifier.PRIVATE, Modifier.FINAL)
        .addMethod(MethodSpec.constructorBuilder()
            .addParameter(InputStream.class, "in")
            .addParameter(String.class, "source")
            .addStatement("super(in)")
            .addStatement("this.source = source")
            .build())
        .addMethod(readByte.build())
        .addMethod(readBytes.build())
        .addMethod(MethodSpec.methodBuilder("failed")
            .addModifiers(Modifier.PRIVATE)
            .returns(IOException.class)
            .addParameter(IOException.class, "e")
            .addStatement("return new $T(source + \" could not be read: \" + failure(e), e)", IOException.class)
            .build())
        .addMethod(MethodSpec.methodBuilder("failure")
            .addModifiers(Modifier.STATIC)
            .returns(String.class)
            .addJavadoc("What an I/O failure was, for a message that names the file already.\n")
            .addParameter(IOException.class, "e")
            .addStatement("$T reason = e instanceof $T failure$W? failure.getReason()$W: e.getMessage()", String.class,
                FileSystemException.class)
            .addStatement("return reason != null ? reason : e.getClass().getSimpleName()")
            .build())
        .build();
  }
}
