package org.deltagen.derive;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.deltagen.symbolic.Formula;

/**
 * A derivation step's equation as a value: a left side, the chain of right sides it equals in turn,
 * the conditions and definitions that go with it, the prose that says why it holds and the symbols
 * it introduces. Its renderers write it as text or as LaTeX; the report lays out the parts itself
 * (one aligned line per right side), so nothing downstream takes a rendered equation apart.
 *
 * @param left the left side, or the whole statement when {@code rights} is empty (an update rule's first clause)
 * @param rights what the left side equals, in order: {@code left = rights[0] = rights[1] …}
 * @param conditions side conditions and definitions, such as {@code z^{l-1}_0 = 1}
 * @param why why it holds, in a sentence of text
 * @param introduces the symbols this equation defines
 */
public record Equation(
    Formula left, List<Formula> rights, List<Formula> conditions, String why, List<String> introduces) {

  public Equation {
    Objects.requireNonNull(left, "left");
    rights = List.copyOf(rights);
    conditions = List.copyOf(conditions);
    Objects.requireNonNull(why, "why");
    if (why.contains("\n")) {
      throw new IllegalArgumentException("a reason is one line: " + why);
    }
    introduces = List.copyOf(introduces);
  }

  /** An equation with this left side; add right sides and conditions on the builder. */
  public static Builder of(Formula left) {
    return new Builder(left);
  }

  /** {@code left = r1 = r2,  c1,  c2}, the form code comments and the console show. */
  public String text() {
    StringBuilder text = new StringBuilder(left.text());
    rights.forEach(right -> text.append(" = ").append(right.text()));
    conditions.forEach(condition -> text.append(",  ").append(condition.text()));
    return text.toString();
  }

  /** The same on one line of LaTeX, conditions set apart by \qquad. */
  public String tex() {
    StringBuilder tex = new StringBuilder(left.tex());
    rights.forEach(right -> tex.append(" = ").append(right.tex()));
    conditions.forEach(condition -> tex.append(", \\qquad ").append(condition.tex()));
    return tex.toString();
  }

  /** Builds an equation; {@link #because} is required. */
  public static final class Builder {
    private final Formula left;
    private final List<Formula> rights = new ArrayList<>();
    private final List<Formula> conditions = new ArrayList<>();
    private final List<String> introduces = new ArrayList<>();
    private String why;

    private Builder(Formula left) {
      this.left = Objects.requireNonNull(left, "left");
    }

    /** The next right side of the chain. */
    public Builder equalTo(String text, String tex) {
      rights.add(Formula.of(text, tex));
      return this;
    }

    public Builder equalTo(Formula right) {
      rights.add(right);
      return this;
    }

    public Builder where(String text, String tex) {
      return where(Formula.of(text, tex));
    }

    public Builder where(Formula condition) {
      conditions.add(condition);
      return this;
    }

    public Builder because(String why) {
      this.why = why;
      return this;
    }

    public Builder introducing(String... symbols) {
      introduces.addAll(List.of(symbols));
      return this;
    }

    public Equation build() {
      return new Equation(left, rights, conditions, why, introduces);
    }
  }
}
