package org.deltagen.codegen;

import com.palantir.javapoet.JavaFile;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles generated sources with the JDK's compiler, in memory, as strictly as a user's build
 * would ({@code --release 17 -Xlint:all -Werror}), and loads the classes.
 */
public final class InMemoryCompiler {
  private static final List<String> OPTIONS = List.of("--release", "17", "-Xlint:all", "-Werror", "-proc:none");

  private InMemoryCompiler() {}

  /** Thrown when generated code does not compile: always a deltagen bug, never the user's. */
  public static final class CompilationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CompilationException(String message) {
      super(message);
    }
  }

  /** Compiles {@code file} and returns its top-level class. */
  public static Class<?> compile(JavaFile file) {
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    if (compiler == null) {
      throw new IllegalStateException("no Java compiler: run deltagen on a JDK, not a JRE");
    }
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    StandardJavaFileManager standard = compiler.getStandardFileManager(diagnostics, null, null);
    ClassFiles classFiles = new ClassFiles(standard);
    StringWriter output = new StringWriter();
    boolean compiled =
        compiler.getTask(output, classFiles, diagnostics, OPTIONS, null, List.of(file.toJavaFileObject())).call();
    if (!compiled) {
      StringBuilder message = new StringBuilder("generated code for " + qualifiedName(file) + " does not compile:");
      diagnostics.getDiagnostics().forEach(d -> message.append('\n').append(d));
      throw new CompilationException(message.toString());
    }
    try {
      return new ClassFilesLoader(classFiles.bytes).loadClass(qualifiedName(file));
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("compiled class is missing", e);
    }
  }

  private static String qualifiedName(JavaFile file) {
    return file.packageName().isEmpty() ? file.typeSpec().name() : file.packageName() + "." + file.typeSpec().name();
  }

  /** Keeps the class files javac writes in memory. */
  private static final class ClassFiles extends ForwardingJavaFileManager<JavaFileManager> {
    final Map<String, ByteArrayOutputStream> bytes = new HashMap<>();

    ClassFiles(JavaFileManager delegate) {
      super(delegate);
    }

    @Override
    public JavaFileObject getJavaFileForOutput(
        Location location, String className, JavaFileObject.Kind kind, FileObject sibling) {
      return new SimpleJavaFileObject(URI.create("mem:///" + className.replace('.', '/') + kind.extension), kind) {
        @Override
        public OutputStream openOutputStream() {
          ByteArrayOutputStream out = new ByteArrayOutputStream();
          bytes.put(className, out);
          return out;
        }
      };
    }
  }

  private static final class ClassFilesLoader extends ClassLoader {
    private final Map<String, ByteArrayOutputStream> classes;

    ClassFilesLoader(Map<String, ByteArrayOutputStream> classes) {
      super(InMemoryCompiler.class.getClassLoader());
      this.classes = classes;
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
      ByteArrayOutputStream out = classes.get(name);
      if (out == null) {
        throw new ClassNotFoundException(name);
      }
      byte[] bytes = out.toByteArray();
      return defineClass(name, bytes, 0, bytes.length);
    }
  }
}
