package org.deltagen.codegen;

import com.palantir.javapoet.JavaFile;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

/**
 * Compiles generated sources with the JDK's compiler, in memory, as strictly as a user's build
 * would ({@code --release 17 -Xlint:all -Werror}), and loads the classes.
 */
public final class InMemoryCompiler {
  private static final List<String> OPTIONS = List.of("--release", "17", "-Xlint:all", "-Werror", "-proc:none");

  private InMemoryCompiler() {}

  /**
   * Thrown when generated code does not compile: a deltagen bug, except when a method is larger
   * than the class-file format allows, which a network of too many layers can cause.
   */
  public static final class CompilationException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final boolean codeTooLarge;

    CompilationException(String message, boolean codeTooLarge) {
      super(message);
      this.codeTooLarge = codeTooLarge;
    }

    /** True when javac refused a method for having more than 64 KB of bytecode. */
    public boolean codeTooLarge() {
      return codeTooLarge;
    }
  }

  /** The class files of one compilation, by binary name (nested classes included), loadable together. */
  public static final class Classes {
    private final Map<String, byte[]> classFiles;
    private final ClassLoader loader;

    private Classes(Map<String, byte[]> classFiles) {
      this.classFiles = Map.copyOf(classFiles);
      this.loader = new Loader(this.classFiles);
    }

    /** Every class file written, by binary class name. */
    public Map<String, byte[]> classFiles() {
      return classFiles;
    }

    /** Loads a compiled class with a class loader of this compilation's own. */
    public Class<?> load(String name) {
      try {
        return loader.loadClass(name);
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException(name + " was not compiled: have " + classFiles.keySet(), e);
      }
    }
  }

  /** Compiles {@code file} and returns its top-level class. */
  public static Class<?> compile(JavaFile file) {
    return compile(Map.of(qualifiedName(file), file.toString())).load(qualifiedName(file));
  }

  /** Compiles {@code sources}, fully qualified class name → source code, together. */
  public static Classes compile(Map<String, String> sources) {
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    if (compiler == null) {
      throw new IllegalStateException("no Java compiler: run deltagen on a JDK, not a JRE");
    }
    List<JavaFileObject> units = new ArrayList<>();
    sources.forEach((name, code) -> units.add(new Source(name, code)));
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    ClassFiles output = new ClassFiles(compiler.getStandardFileManager(diagnostics, null, null));
    StringWriter messages = new StringWriter();
    if (!compiler.getTask(messages, output, diagnostics, OPTIONS, null, units).call()) {
      StringBuilder message = new StringBuilder("generated code for " + sources.keySet() + " does not compile:");
      diagnostics.getDiagnostics().forEach(d -> message.append('\n').append(d));
      boolean tooLarge = diagnostics.getDiagnostics().stream().anyMatch(d -> "compiler.err.limit.code".equals(d.getCode()));
      throw new CompilationException(message.append(messages).toString(), tooLarge);
    }
    Map<String, byte[]> bytes = new LinkedHashMap<>();
    output.bytes.forEach((name, out) -> bytes.put(name, out.toByteArray()));
    return new Classes(bytes);
  }

  /** The fully qualified name of the class {@code file} declares. */
  public static String qualifiedName(JavaFile file) {
    return file.packageName().isEmpty() ? file.typeSpec().name() : file.packageName() + "." + file.typeSpec().name();
  }

  private static final class Source extends SimpleJavaFileObject {
    private final String code;

    Source(String qualifiedName, String code) {
      super(URI.create("string:///" + qualifiedName.replace('.', '/') + Kind.SOURCE.extension), Kind.SOURCE);
      this.code = code;
    }

    @Override
    public CharSequence getCharContent(boolean ignoreEncodingErrors) {
      return code;
    }
  }

  /** Keeps the class files javac writes in memory. */
  private static final class ClassFiles extends ForwardingJavaFileManager<JavaFileManager> {
    final Map<String, ByteArrayOutputStream> bytes = new LinkedHashMap<>();

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

  private static final class Loader extends ClassLoader {
    private final Map<String, byte[]> classFiles;

    Loader(Map<String, byte[]> classFiles) {
      super(InMemoryCompiler.class.getClassLoader());
      this.classFiles = classFiles;
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
      byte[] bytes = classFiles.get(name);
      if (bytes == null) {
        throw new ClassNotFoundException(name);
      }
      return defineClass(name, bytes, 0, bytes.length);
    }
  }
}
