package org.deltagen.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.deltagen.network.Layer;
import org.deltagen.network.NetworkSpec;
import org.deltagen.network.Norm;
import org.deltagen.symbolic.TexForm;

/**
 * The network drawn in TikZ, from the spec alone: one column of units per layer, 0 (the inputs)
 * to L, the bias unit z_0 = 1 above each column that feeds a next one, every connection between
 * drawn units, and a wide layer cut to its first units, a "⋮" and its last. Skips are arcs above
 * the columns; a column's caption says its width, activation, norm and dropout. The second
 * drawing is the sum over paths: one hidden unit's δ gathered from every unit of the layer above.
 */
final class NetworkDrawing {
  /** A layer with more units is drawn as its first {@link #HEAD} units, a gap and its last. */
  static final int WHOLE = 6;
  static final int HEAD = 3;
  /** The widest a drawing may be, in cm, inside the report's 16 cm text width. */
  private static final double WIDTH = 14.5;
  private static final double ROW = 0.8;

  private final NetworkSpec spec;
  private final double column;

  NetworkDrawing(NetworkSpec spec) {
    this.spec = spec;
    this.column = Math.min(2.8, WIDTH / Math.max(1, spec.depth()));
  }

  /** The units of layer l that are drawn: 1 … n_l, or the first few and the last. */
  List<Integer> shown(int l) {
    int units = units(l);
    List<Integer> shown = new ArrayList<>();
    for (int j = 1; j <= units; j++) {
      if (units <= WHOLE || j <= HEAD || j == units) {
        shown.add(j);
      }
    }
    return shown;
  }

  /** The forward drawing: units, biases, connections, skips, captions. */
  String forward() {
    StringBuilder tikz = begin();
    for (int l = 0; l <= spec.depth(); l++) {
      units(tikz, l);
    }
    for (int l = 1; l <= spec.depth(); l++) {
      connections(tikz, l, "edge");
      Layer layer = spec.layer(l);
      if (layer.hasSkip()) {
        tikz.append(String.format(Locale.ROOT,
            "\\draw[skip] (b%d.north) to[bend left=%d] node[above,font=\\scriptsize] {$+z^{(%d)}$} (b%d.north);%n",
            layer.skip().from(), l - layer.skip().from() > 1 ? 30 : 45, layer.skip().from(), l));
      }
    }
    return end(tikz);
  }

  /**
   * The hidden layer whose unit 1 the paths drawing follows: the last one a skip reads, where its
   * δ also comes back along the skip, or else the last hidden layer; 0 without a hidden layer.
   */
  int pathsLayer() {
    for (int l = spec.depth() - 1; l >= 1; l--) {
      if (!spec.skipsFrom(l).isEmpty()) {
        return l;
      }
    }
    return spec.depth() - 1;
  }

  /**
   * The sum over paths of unit 1 of hidden layer l = {@link #pathsLayer}: δ^{l+1}_k w^{l+1}_{1k}
   * comes back from every unit k of layer l + 1, and along each skip that reads layer l; null
   * without a hidden layer.
   */
  String backward() {
    int l = pathsLayer();
    if (l == 0) {
      return null;
    }
    StringBuilder tikz = begin();
    for (int layer = 0; layer <= spec.depth(); layer++) {
      units(tikz, layer);
    }
    for (int layer = 1; layer <= spec.depth(); layer++) {
      connections(tikz, layer, "faint");
    }
    tikz.append(String.format(Locale.ROOT, "\\node[unit,chosen] at (u%d-1) {1};%n", l));
    for (int k : shown(l + 1)) {
      tikz.append(String.format(Locale.ROOT, "\\draw[delta] (u%d-%d) -- (u%d-1);%n", l + 1, k, l));
    }
    int k = shown(l + 1).get(0);
    tikz.append(String.format(Locale.ROOT,
        "\\path (u%d-%d) -- node[above,sloped,font=\\scriptsize] {$\\delta^{(%d)}_{%d} w^{(%d)}_{1%d}$} (u%d-1);%n",
        l + 1, k, l + 1, k, l + 1, k, l));
    for (int to : spec.skipsFrom(l)) {
      tikz.append(String.format(Locale.ROOT,
          "\\draw[delta] (b%d.north) to[bend right=45] node[above,font=\\scriptsize] {$\\delta$ of $z^{(%d)}$} (b%d.north);%n",
          to, to, l));
    }
    return end(tikz);
  }

  private StringBuilder begin() {
    return new StringBuilder(String.format(Locale.ROOT, "\\begin{tikzpicture}[x=%.3fcm,y=%.2fcm,%n"
        + "  unit/.style={circle,draw,inner sep=0pt,minimum size=5mm,font=\\scriptsize},%n"
        + "  bias/.style={rectangle,draw,inner sep=0pt,minimum size=4mm,font=\\scriptsize},%n"
        + "  edge/.style={gray!60,very thin},faint/.style={gray!25,very thin},%n"
        + "  skip/.style={->,thick,blue!70!black},delta/.style={->,thick,red!75!black},%n"
        + "  chosen/.style={fill=red!15,draw=red!75!black,thick}]%n", column, ROW));
  }

  private static String end(StringBuilder tikz) {
    return tikz.append("\\end{tikzpicture}").toString();
  }

  /** Column l: its bias unit bl (for l < L), its drawn units ul-j, a ⋮ where units are left out, its caption. */
  private void units(StringBuilder tikz, int l) {
    List<Integer> shown = shown(l);
    int rows = shown.size() + (shown.size() < units(l) ? 1 : 0);
    double top = (rows - 1) / 2.0;
    if (l < spec.depth()) {
      tikz.append(String.format(Locale.ROOT, "\\node[bias] (b%d) at (%d,%.1f) {1};%n", l, l, top + 1.2));
    } else {
      tikz.append(String.format(Locale.ROOT, "\\coordinate (b%d) at (%d,%.1f);%n", l, l, top + 0.6));
    }
    double y = top;
    for (int j : shown) {
      if (j == units(l) && shown.size() < units(l)) {
        tikz.append(String.format(Locale.ROOT, "\\node[font=\\scriptsize] at (%d,%.1f) {$\\vdots$};%n", l, y));
        y -= 1;
      }
      tikz.append(String.format(Locale.ROOT, "\\node[unit] (u%d-%d) at (%d,%.1f) {%d};%n", l, j, l, y, j));
      y -= 1;
    }
    tikz.append(String.format(Locale.ROOT, "\\node[below,align=center,font=\\scriptsize] at (%d,%.1f) {%s};%n",
        l, y + 0.4, caption(l)));
  }

  /** Every drawn unit of layer l − 1 (its bias too, if layer l has one) to every drawn unit of l. */
  private void connections(StringBuilder tikz, int l, String style) {
    List<String> from = new ArrayList<>();
    if (spec.layer(l).bias()) {
      from.add("b" + (l - 1));
    }
    shown(l - 1).forEach(i -> from.add("u" + (l - 1) + "-" + i));
    for (String source : from) {
      for (int j : shown(l)) {
        tikz.append(String.format(Locale.ROOT, "\\draw[%s] (%s) -- (u%d-%d);%n", style, source, l, j));
      }
    }
  }

  /** What the column is: x and n_0, or l, n_l, f_l and the layer's options, escaped. */
  private String caption(int l) {
    if (l == 0) {
      return "$x$\\\\ $n_0 = " + spec.inputs() + "$";
    }
    Layer layer = spec.layer(l);
    StringBuilder caption = new StringBuilder("$l = " + l + "$\\\\ $n_{" + l + "} = " + layer.units() + "$\\\\ ")
        .append(layer.activation().rule() == null ? "own $f$" : TexForm.escape(layer.activation().name()));
    if (layer.hasNorm()) {
      Norm norm = layer.norm();
      caption.append("\\\\ norm=").append(norm.kind().keyword())
          .append(norm.kind() == Norm.Kind.GROUP ? "(g=" + norm.groups() + ")" : "");
    }
    if (layer.hasDropout()) {
      caption.append("\\\\ dropout ").append(TexForm.escape(Double.toString(layer.dropout().p())));
    }
    return caption.toString();
  }

  private int units(int l) {
    return l == 0 ? spec.inputs() : spec.units(l);
  }
}
