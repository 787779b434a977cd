package org.deltagen.report;

import freemarker.cache.ClassTemplateLoader;
import freemarker.cache.FileTemplateLoader;
import freemarker.cache.MultiTemplateLoader;
import freemarker.cache.TemplateLoader;
import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;

/**
 * Renders {@code report.tex.ftl} with a {@link ReportModel}. Templates use square-bracket
 * interpolation ({@code [=x]}) so LaTeX's braces need no escaping, and a user's template
 * directory, when given, is searched before deltagen's own.
 */
public final class ReportRenderer {
  private static final String TEMPLATE = "report.tex.ftl";

  private final Configuration configuration;

  public ReportRenderer() throws IOException {
    this(null);
  }

  /** A renderer whose templates come first from {@code templateDirectory}, when not null. */
  public ReportRenderer(Path templateDirectory) throws IOException {
    configuration = new Configuration(Configuration.VERSION_2_3_34);
    configuration.setInterpolationSyntax(Configuration.SQUARE_BRACKET_INTERPOLATION_SYNTAX);
    configuration.setTagSyntax(Configuration.SQUARE_BRACKET_TAG_SYNTAX);
    configuration.setOutputFormat(LatexOutputFormat.INSTANCE);
    configuration.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
    configuration.setLogTemplateExceptions(false);
    configuration.setWrapUncheckedExceptions(true);
    configuration.setDefaultEncoding("UTF-8");
    TemplateLoader builtIn = new ClassTemplateLoader(ReportRenderer.class, "");
    configuration.setTemplateLoader(templateDirectory == null ? builtIn
        : new MultiTemplateLoader(new TemplateLoader[] {new FileTemplateLoader(templateDirectory.toFile()), builtIn}));
  }

  /** The report's LaTeX source. */
  public String render(ReportModel model) throws IOException {
    Template template = configuration.getTemplate(TEMPLATE);
    StringWriter out = new StringWriter();
    try {
      template.process(Map.of("model", model), out);
    } catch (TemplateException e) {
      throw new IOException("report template " + TEMPLATE + " failed: " + e.getMessageWithoutStackTop(), e);
    }
    return out.toString();
  }
}
