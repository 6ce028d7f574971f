package dev.vtstatus.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Draws the trade-off of a run: status requests per job against p95 detection latency, one
 * labelled point per strategy, so the cheap-and-prompt corner is seen at a glance. Runs headless.
 * Stateless and thread-safe.
 */
public final class TradeoffChart {

  private TradeoffChart() {}

  /**
   * Writes the chart of {@code results} as a PNG to {@code file} (the {@code .png} is added by
   * XChart when missing). Strategies without figures are left out.
   *
   * @throws UncheckedIOException when the file cannot be written
   */
  public static void write(BenchResults results, Path file) {
    System.setProperty("java.awt.headless", "true");
    XYChart chart =
        new XYChartBuilder()
            .width(900)
            .height(600)
            .title(
                String.format(
                    "%,d jobs of %d-%d ms: requests per job vs p95 detection latency",
                    results.config().jobs(),
                    results.config().minDelay().toMillis(),
                    results.config().maxDelay().toMillis()))
            .xAxisTitle("status requests per job (server count)")
            .yAxisTitle("p95 detection latency (ms)")
            .build();
    chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    chart.getStyler().setMarkerSize(12);
    chart.getStyler().setLegendVisible(true);
    double top =
        results.strategies().stream()
            .mapToDouble(s -> s.detectionLatency().p95())
            .filter(v -> !Double.isNaN(v))
            .max()
            .orElse(1);
    for (StrategyResult s : results.strategies()) {
      double x = s.requestsPerJob();
      double y = s.detectionLatency().p95();
      if (s.error() != null || Double.isNaN(x) || Double.isNaN(y)) {
        continue;
      }
      String label = String.format("%s (%.2f req, %.0f ms)", s.name(), x, y);
      chart.addSeries(label, List.of(x), List.of(y)).setMarker(SeriesMarkers.CIRCLE);
      // The name next to the point too, so the chart reads without the legend.
      chart.addAnnotation(new AnnotationText(s.name(), x, y + top * 0.03, false));
    }
    try {
      Path dir = file.toAbsolutePath().getParent();
      if (dir != null) {
        Files.createDirectories(dir);
      }
      BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
