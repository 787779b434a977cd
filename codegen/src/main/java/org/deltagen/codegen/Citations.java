package org.deltagen.codegen;

import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.deltagen.derive.Derivation;
import org.deltagen.derive.Step;

/** Which generated method cites which equation, read back from the generated source. */
public final class Citations {
  private static final Pattern CITATION = Pattern.compile("\\(eq\\. (\\d+)\\)");

  private Citations() {}

  /** Step label → the first method (in source order) whose body or javadoc cites that step. */
  public static Map<String, String> byLabel(JavaFile source, Derivation derivation) {
    Map<String, String> methods = new LinkedHashMap<>();
    for (MethodSpec method : source.typeSpec().methodSpecs()) {
      Matcher matcher = CITATION.matcher(method.javadoc().toString() + method.code().toString());
      while (matcher.find()) {
        // A file name quoted in a javadoc may look like a citation too; only real steps count.
        long number = Long.parseLong(matcher.group(1).length() > 9 ? "0" : matcher.group(1));
        if (number >= 1 && number <= derivation.steps().size()) {
          Step step = derivation.steps().get((int) number - 1);
          methods.putIfAbsent(step.label(), method.name() + "()");
        }
      }
    }
    return methods;
  }
}
