package dev.servescope.app.report;

import dev.servescope.app.ladder.result.Spread;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Charts as inline SVG, drawn from the figures alone: no script, no font or style sheet fetched from anywhere, so the
 * report reads the same offline and in a mail attachment.
 */
final class Svg {
  static final String[] COLORS = {"#3b6ea8", "#e08a2c", "#5a9e4b", "#b04a5a", "#7d5ba6", "#8c8c8c", "#2f9c9c"};
  private static final int WIDTH = 580;
  private static final int HEIGHT = 320;
  private static final int LEFT = 64;
  private static final int RIGHT = 16;
  private static final int TOP = 40;
  private static final int BOTTOM = 56;
  /** The most points a line may have for each to be named on the chart. */
  private static final int NAMED_POINTS = 8;

  private Svg() {}

  /**
   * One series of a bar chart.
   *
   * @param name its legend
   * @param values per category; NaN for none
   * @param spreads per category; null entries (or a null array) for none
   */
  record Series(String name, double[] values, Spread[] spreads) {

    /** The chart model's series, a value per category (NaN where it has no bar). */
    static Series of(ChartData.Series series, List<String> categories) {
      double[] values = new double[categories.size()];
      Spread[] spreads = new Spread[categories.size()];
      java.util.Arrays.fill(values, Double.NaN);
      for (ChartData.Point p : series.points()) {
        int i = categories.indexOf(p.category());
        if (i >= 0) {
          values[i] = p.value();
          spreads[i] = p.spread();
        }
      }
      return new Series(series.name(), values, spreads);
    }
  }

  /** A chart of the model's bars: every series over the given categories. */
  static String bars(ChartData.Metric metric, String title, List<String> categories, List<ChartData.Series> series) {
    return bars(title, metric.unit(), categories, series.stream().map(s -> Series.of(s, categories)).toList());
  }

  /** Grouped bars, each with its value on top and its spread as a whisker. */
  static String bars(String title, String unit, List<String> categories, List<Series> series) {
    double max = 0;
    for (Series s : series) {
      for (int i = 0; i < s.values().length; i++) {
        max = Math.max(max, s.values()[i] > 0 ? s.values()[i] : 0);
        if (s.spreads() != null && s.spreads()[i] != null) {
          max = Math.max(max, s.spreads()[i].max());
        }
      }
    }
    double top = niceMax(max);
    StringBuilder b = open(title);
    axis(b, top, unit);
    double group = (WIDTH - LEFT - RIGHT) / (double) Math.max(1, categories.size());
    double bar = Math.min(48, group * 0.8 / Math.max(1, series.size()));
    for (int c = 0; c < categories.size(); c++) {
      double x0 = LEFT + c * group + (group - bar * series.size()) / 2;
      for (int s = 0; s < series.size(); s++) {
        double v = series.get(s).values()[c];
        if (Double.isNaN(v)) {
          continue;
        }
        double x = x0 + s * bar;
        double h = plotHeight() * v / top;
        double y = TOP + plotHeight() - h;
        b.append(String.format(Locale.ROOT, "<rect class=\"bar\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\""
            + " fill=\"%s\"><title>%s %s: %s %s</title></rect>%n", x + 1, y, bar - 2, h, COLORS[s % COLORS.length],
            esc(series.get(s).name()), esc(categories.get(c)), label(v), esc(unit)));
        Spread sp = series.get(s).spreads() == null ? null : series.get(s).spreads()[c];
        double labelY = y - 4;
        if (sp != null && sp.max() > sp.min()) {
          double yMin = TOP + plotHeight() * (1 - sp.min() / top);
          double yMax = TOP + plotHeight() * (1 - sp.max() / top);
          double mid = x + bar / 2;
          b.append(String.format(Locale.ROOT, "<path class=\"spread\" d=\"M%.1f %.1fV%.1fM%.1f %.1fh8M%.1f %.1fh8\""
              + " stroke=\"#222\" fill=\"none\"/>%n", mid, yMin, yMax, mid - 4, yMin, mid - 4, yMax));
          labelY = Math.min(labelY, yMax - 4);
        }
        b.append(String.format(Locale.ROOT, "<text class=\"value\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s"
            + "</text>%n", x + bar / 2, labelY, label(v)));
      }
      b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
          LEFT + c * group + group / 2, HEIGHT - BOTTOM + 18, esc(categories.get(c))));
    }
    legend(b, series.stream().map(Series::name).toList());
    return b.append("</svg>\n").toString();
  }

  /** One bar per category, stacked from its parts (in the order given), the total on top. */
  static String stacked(String title, String unit, Map<String, Map<String, Long>> parts) {
    List<String> names = new ArrayList<>();
    double max = 0;
    for (Map<String, Long> p : parts.values()) {
      p.keySet().stream().filter(k -> !names.contains(k)).forEach(names::add);
      max = Math.max(max, p.values().stream().mapToLong(Long::longValue).sum());
    }
    double top = niceMax(max);
    StringBuilder b = open(title);
    axis(b, top, unit);
    List<String> categories = List.copyOf(parts.keySet());
    double group = (WIDTH - LEFT - RIGHT) / (double) Math.max(1, categories.size());
    double bar = Math.min(64, group * 0.6);
    for (int c = 0; c < categories.size(); c++) {
      double x = LEFT + c * group + (group - bar) / 2;
      double sum = 0;
      for (Map.Entry<String, Long> e : parts.get(categories.get(c)).entrySet()) {
        double h = plotHeight() * e.getValue() / top;
        double y = TOP + plotHeight() - plotHeight() * (sum + e.getValue()) / top;
        b.append(String.format(Locale.ROOT, "<rect class=\"bar\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\""
            + " fill=\"%s\"><title>%s %s: %d %s</title></rect>%n", x, y, bar, h,
            COLORS[names.indexOf(e.getKey()) % COLORS.length], esc(categories.get(c)), esc(e.getKey()), e.getValue(),
            esc(unit)));
        sum += e.getValue();
      }
      b.append(String.format(Locale.ROOT, "<text class=\"value\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s"
          + "</text>%n", x + bar / 2, TOP + plotHeight() - plotHeight() * sum / top - 4, label(sum)));
      b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
          x + bar / 2, HEIGHT - BOTTOM + 18, esc(categories.get(c))));
    }
    legend(b, names);
    return b.append("</svg>\n").toString();
  }

  /**
   * Lines of (x, y) points, one per series, each point named (on the chart when a line has at most
   * {@link #NAMED_POINTS}, else in its tooltip): latency against throughput as concurrency rises, latency over a
   * warm-up.
   *
   * @param curves each a named series of points {x, y} with a label each
   */
  static String lines(String title, String xUnit, String yUnit, List<ChartData.Curve> curves) {
    // A sweep's few points are named on the chart; a warm-up's many only in their tooltips.
    double maxX = 0;
    double maxY = 0;
    for (ChartData.Curve c : curves) {
      for (ChartData.XyPoint p : c.points()) {
        maxX = Math.max(maxX, p.x());
        maxY = Math.max(maxY, p.y());
      }
    }
    double topX = niceMax(maxX);
    double topY = niceMax(maxY);
    StringBuilder b = open(title);
    axis(b, topY, yUnit);
    b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s (0 to %s)</text>%n",
        WIDTH - RIGHT, HEIGHT - 8, esc(xUnit), label(topX)));
    int s = 0;
    for (ChartData.Curve c : curves) {
      String color = COLORS[s++ % COLORS.length];
      StringBuilder d = new StringBuilder();
      for (ChartData.XyPoint p : c.points()) {
        double x = LEFT + (WIDTH - LEFT - RIGHT) * p.x() / topX;
        double y = TOP + plotHeight() * (1 - p.y() / topY);
        d.append(d.length() == 0 ? "M" : "L").append(String.format(Locale.ROOT, "%.1f %.1f", x, y));
        b.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"%s\"><title>%s %s: %s"
            + " %s, %s %s</title></circle>%n", x, y, color, esc(c.name()), esc(p.label()), label(p.x()), esc(xUnit),
            label(p.y()), esc(yUnit)));
        if (c.points().size() <= NAMED_POINTS) {
          b.append(String.format(Locale.ROOT, "<text class=\"value\" x=\"%.1f\" y=\"%.1f\">%s</text>%n", x + 5,
              y - 5, esc(p.label())));
        }
      }
      b.append("<path d=\"").append(d).append("\" stroke=\"").append(color).append("\" fill=\"none\"/>\n");
    }
    legend(b, curves.stream().map(ChartData.Curve::name).toList());
    return b.append("</svg>\n").toString();
  }

  private static StringBuilder open(String title) {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" width=\"%d\""
        + " height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s\">%n", WIDTH, HEIGHT, WIDTH, HEIGHT,
        esc(title)));
    b.append(String.format(Locale.ROOT, "<text class=\"title\" x=\"%d\" y=\"20\">%s</text>%n", LEFT, esc(title)));
    return b;
  }

  private static void axis(StringBuilder b, double top, String unit) {
    for (int i = 0; i <= 4; i++) {
      double v = top * i / 4;
      double y = TOP + plotHeight() * (1 - i / 4.0);
      b.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>"
          + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n", LEFT, WIDTH - RIGHT, y, y, LEFT - 6, y + 4,
          label(v)));
    }
    b.append(String.format(Locale.ROOT, "<text x=\"12\" y=\"%d\" transform=\"rotate(-90 12 %d)\""
        + " text-anchor=\"middle\">%s</text>%n", TOP + plotHeight() / 2, TOP + plotHeight() / 2, esc(unit)));
  }

  private static void legend(StringBuilder b, List<String> names) {
    double x = LEFT;
    for (int i = 0; i < names.size(); i++) {
      b.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"10\" height=\"10\" fill=\"%s\"/>"
          + "<text x=\"%.1f\" y=\"%d\">%s</text>%n", x, HEIGHT - 22, COLORS[i % COLORS.length], x + 14, HEIGHT - 13,
          esc(names.get(i))));
      x += 22 + 7 * names.get(i).length();
    }
  }

  private static int plotHeight() {
    return HEIGHT - TOP - BOTTOM;
  }

  /** The axis top: 1, 2, 2.5 or 5 times a power of ten, at or above {@code max}. */
  static double niceMax(double max) {
    if (!(max > 0)) {
      return 1;
    }
    double power = Math.pow(10, Math.floor(Math.log10(max)));
    for (double step : new double[] {1, 2, 2.5, 5, 10}) {
      if (step * power >= max) {
        return step * power;
      }
    }
    return 10 * power;
  }

  static String label(double v) {
    return v == 0 ? "0" : Figures.barLabel(v);
  }

  static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
