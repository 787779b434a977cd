package org.deltagen.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.stream.IntStream;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The training and validation error per epoch, drawn by XChart as PNG and SVG. */
final class LossCurve {
  private final XYChart chart;

  LossCurve(String network, List<Double> training, List<Double> validation) {
    // No display is needed, or wanted on a server: drawing happens in memory.
    System.setProperty("java.awt.headless", "true");
    chart = new XYChartBuilder().width(800).height(500).title(network + ": error per epoch")
        .xAxisTitle("epoch").yAxisTitle("mean error E").build();
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
    chart.getStyler().setYAxisLogarithmic(training.stream().allMatch(e -> e > 0)
        && validation.stream().allMatch(e -> e > 0));
    List<Integer> epochs = IntStream.rangeClosed(1, training.size()).boxed().toList();
    series("training", epochs, training);
    series("validation", epochs, validation);
  }

  private void series(String name, List<Integer> epochs, List<Double> errors) {
    XYSeries series = chart.addSeries(name, epochs, errors);
    series.setMarker(SeriesMarkers.NONE);
  }

  byte[] png() {
    try {
      return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  byte[] svg() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      VectorGraphicsEncoder.saveVectorGraphic(chart, bytes, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }
}
