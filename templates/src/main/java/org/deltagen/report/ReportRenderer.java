package org.deltagen.report;

import freemarker.cache.ClassTemplateLoader;
import freemarker.cache.FileTemplateLoader;
import freemarker.cache.MultiTemplateLoader;
import freemarker.cache.TemplateLoader;
import freemarker.core.InvalidReferenceException;
import freemarker.core.ParseException;
import freemarker.core.TemplateClassResolver;
import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.deltagen.network.Diagnostic;
import org.deltagen.network.ErrorCode;
import org.deltagen.network.SourceLocation;
import org.deltagen.network.SpecException;

/**
 * Renders {@code report.tex.ftl} with a {@link ReportModel}. Templates use square-bracket
 * interpolation ({@code [=x]}) so LaTeX's braces need no escaping, and a user's template
 * directory, when given, is searched before deltagen's own. A user's template that does not
 * parse or names a value the model lacks is a {@link SpecException} located in that template; a
 * template can only format the model: it cannot instantiate classes or reach the Java API.
 */
public final class ReportRenderer {
  private static final String TEMPLATE = "report.tex.ftl";

  private final Configuration configuration;
  private final Path templateDirectory;

  /** A renderer of deltagen's own template. */
  public ReportRenderer() {
    this(null, new ClassTemplateLoader(ReportRenderer.class, ""));
  }

  /**
   * A renderer whose templates come first from {@code templateDirectory}, when not null; the
   * directory must hold a {@code report.tex.ftl}.
   */
  public ReportRenderer(Path templateDirectory) throws IOException, SpecException {
    this(templateDirectory, loader(templateDirectory));
  }

  private ReportRenderer(Path templateDirectory, TemplateLoader loader) {
    this.templateDirectory = templateDirectory;
    configuration = new Configuration(Configuration.VERSION_2_3_34);
    configuration.setInterpolationSyntax(Configuration.SQUARE_BRACKET_INTERPOLATION_SYNTAX);
    configuration.setTagSyntax(Configuration.SQUARE_BRACKET_TAG_SYNTAX);
    configuration.setOutputFormat(LatexOutputFormat.INSTANCE);
    configuration.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
    configuration.setLogTemplateExceptions(false);
    configuration.setWrapUncheckedExceptions(true);
    configuration.setDefaultEncoding("UTF-8");
    configuration.setNewBuiltinClassResolver(TemplateClassResolver.ALLOWS_NOTHING_RESOLVER);
    configuration.setAPIBuiltinEnabled(false);
    configuration.setTemplateLoader(loader);
  }

  /** The template a directory given to {@link #ReportRenderer(Path)} must hold. */
  public static Path templateFile(Path templateDirectory) {
    return templateDirectory.resolve(TEMPLATE);
  }

  private static TemplateLoader loader(Path templateDirectory) throws IOException, SpecException {
    TemplateLoader builtIn = new ClassTemplateLoader(ReportRenderer.class, "");
    if (templateDirectory == null) {
      return builtIn;
    }
    if (!Files.isDirectory(templateDirectory)) {
      throw unreadable(templateDirectory, Files.exists(templateDirectory)
          ? "it is a file; give the directory that holds " + TEMPLATE : "no such directory");
    }
    if (!Files.isRegularFile(templateFile(templateDirectory))) {
      throw unreadable(templateFile(templateDirectory), "no such file; a template directory holds the "
          + TEMPLATE + " that replaces deltagen's");
    }
    return new MultiTemplateLoader(new TemplateLoader[] {new FileTemplateLoader(templateDirectory.toFile()), builtIn});
  }

  private static SpecException unreadable(Path path, String why) {
    return new SpecException(Diagnostic.of(ErrorCode.DG009, new SourceLocation(path.toString(), 0, 0),
        "cannot read the report template: " + why));
  }

  /** The report's LaTeX source. */
  public String render(ReportModel model) throws IOException, SpecException {
    Template template;
    try {
      template = configuration.getTemplate(TEMPLATE);
    } catch (ParseException e) {
      throw broken(e, e.getTemplateName(), e.getLineNumber(), e.getColumnNumber(),
          "does not parse: " + firstLine(e.getEditorMessage()));
    }
    StringWriter out = new StringWriter();
    try {
      template.process(Map.of("model", model), out);
    } catch (TemplateException e) {
      String what = e instanceof InvalidReferenceException && e.getBlamedExpressionString() != null
          ? Diagnostic.quote(e.getBlamedExpressionString()) + " is not a value of the model ("
              + ReportModel.class.getSimpleName() + ")"
          : "failed: " + firstLine(e.getMessageWithoutStackTop());
      throw broken(e, e.getTemplateSourceName(), orZero(e.getLineNumber()), orZero(e.getColumnNumber()), what);
    }
    return out.toString();
  }

  /**
   * A located problem in the user's template; a problem in deltagen's own template is a fault of
   * deltagen, so it stays an IOException.
   */
  private SpecException broken(Exception e, String sourceName, int line, int column, String what) throws IOException {
    Path file = templateDirectory == null || sourceName == null ? null : templateDirectory.resolve(sourceName);
    if (file == null || !Files.isRegularFile(file)) {
      throw new IOException("deltagen's report template " + sourceName + " failed: " + what, e);
    }
    return new SpecException(Diagnostic.of(ErrorCode.DG051, new SourceLocation(file.toString(), line, column),
        "report template " + what));
  }

  private static String firstLine(String text) {
    String line = text == null ? "" : text.strip().lines().findFirst().orElse("");
    return line.endsWith(":") ? line.substring(0, line.length() - 1) : line;
  }

  private static int orZero(Integer number) {
    return number == null ? 0 : number;
  }
}
