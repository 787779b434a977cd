package org.deltagen.report;

import freemarker.core.CommonMarkupOutputFormat;
import freemarker.core.CommonTemplateMarkupOutputModel;
import java.io.IOException;
import java.io.Writer;
import org.deltagen.symbolic.TexForm;

/**
 * LaTeX as a FreeMarker output format: every interpolated value is escaped (\ { } $ & # ^ _ % ~),
 * so names from a spec can never inject TeX; formulas the derivation typeset are inserted with
 * {@code ?no_esc}.
 */
final class LatexOutputFormat extends CommonMarkupOutputFormat<LatexOutputFormat.Markup> {
  static final LatexOutputFormat INSTANCE = new LatexOutputFormat();

  private LatexOutputFormat() {}

  /** A piece of LaTeX FreeMarker holds as already escaped. */
  static final class Markup extends CommonTemplateMarkupOutputModel<Markup> {
    Markup(String plainText, String markupText) {
      super(plainText, markupText);
    }

    @Override
    public LatexOutputFormat getOutputFormat() {
      return INSTANCE;
    }
  }

  @Override
  public String getName() {
    return "LaTeX";
  }

  @Override
  public String getMimeType() {
    return "application/x-latex";
  }

  @Override
  public void output(String text, Writer out) throws IOException {
    out.write(escapePlainText(text));
  }

  @Override
  public String escapePlainText(String text) {
    return TexForm.escape(text);
  }

  @Override
  public boolean isLegacyBuiltInBypassed(String builtInName) {
    return false;
  }

  @Override
  protected Markup newTemplateMarkupOutputModel(String plainText, String markupText) {
    return new Markup(plainText, markupText);
  }
}
