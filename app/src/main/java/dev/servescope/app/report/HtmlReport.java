package dev.servescope.app.report;

import dev.servescope.app.format.Bytes;
import dev.servescope.app.ladder.LayerSize;
import dev.servescope.app.ladder.result.RunReport;
import dev.servescope.app.ladder.result.VersionResult;
import dev.servescope.app.report.ChartData.Metric;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A run as one self-contained HTML page to hand a colleague: the overview table, the charts (inline SVG), the biggest
 * layers of each image, the hardware and the settings. Nothing is fetched: no script, no remote style or font.
 */
public final class HtmlReport {
  private static final int LAYERS_SHOWN = 5;
  private static final String CSS = """
      body{font-family:system-ui,sans-serif;margin:24px auto;max-width:1220px;color:#222;padding:0 16px}
      h1{font-size:1.5em;margin-bottom:4px} h2{font-size:1.15em;margin-top:28px;border-bottom:1px solid #ddd}
      .setup{color:#555;margin:4px 0 12px} table{border-collapse:collapse;font-size:.8em}
      th,td{border:1px solid #ddd;padding:3px 5px;text-align:right;white-space:nowrap} th{white-space:normal}
      th{background:#f3f5f8} td:first-child,th:first-child{text-align:left}
      td.noisy{background:#fff1dc} .note{color:#666;font-size:.85em} .range{color:#666;font-size:.85em}
      .charts{display:flex;flex-wrap:wrap;gap:12px} svg.chart{border:1px solid #eee;font-size:11px}
      svg .title{font-size:13px;font-weight:600} td.layer,th.layer{text-align:left;white-space:normal;max-width:640px}
      """;

  private HtmlReport() {}

  /**
   * The page of a run.
   *
   * @param previous the run before it, to say when it ran on other hardware; null for none
   */
  public static String render(RunReport run, RunReport previous) {
    StringBuilder b = new StringBuilder();
    b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>ServeScope: ")
        .append(esc(Overview.title(run))).append("</title>\n<style>").append(CSS).append("</style></head><body>\n");
    b.append("<h1>What each packaging decision costs</h1>\n<p class=\"setup\" id=\"title\">")
        .append(esc(Overview.title(run))).append("</p>\n<p class=\"setup\" id=\"setup\">")
        .append(esc(Overview.setup(run))).append("</p>\n");
    if (run.message() != null) {
      b.append("<p class=\"setup\">").append(esc(run.message())).append("</p>\n");
    }
    String hardware = Figures.hardwareWarning(run, previous, "The run before it");
    if (!hardware.isEmpty()) {
      b.append("<p class=\"setup\">").append(esc(hardware)).append("</p>\n");
    }
    overview(b, run);
    charts(b, run);
    layers(b, run);
    b.append("<h2>How it was measured</h2>\n<ul class=\"note\">\n"
        + "<li>Image size and container size after the server is ready come from the engine's API; the container"
        + " grows when it writes (a model downloaded at start).</li>\n"
        + "<li>Cold start runs from the container's creation to its first correct prediction; \u00d7 floor is it as a"
        + " multiple of an empty static server's, started in the same rounds.</li>\n"
        + "<li>Latency is measured open-loop at a fixed request rate, counted from when each request was due;"
        + " throughput closed-loop with a fixed number of callers.</li>\n"
        + "<li>Agreement: the share of sample sentences labelled as the reference rung labels them. Served accuracy:"
        + " the share of a labelled set each rung answered right through its own API.</li>\n"
        + "<li>Highlighted figures are noisy: their spread over the repeats is over a fifth of their median.</li>\n"
        + "</ul>\n<p class=\"note\">Made by ServeScope.</p>\n</body></html>\n");
    return b.toString();
  }

  private static void overview(StringBuilder b, RunReport run) {
    b.append("<h2>Overview</h2>\n<table id=\"overview\"><thead><tr>");
    Overview.HEADERS.forEach(h -> b.append("<th>").append(esc(h)).append("</th>"));
    b.append("</tr></thead><tbody>\n");
    for (List<Overview.Cell> row : Overview.rows(run)) {
      b.append("<tr>");
      for (Overview.Cell c : row) {
        b.append(c.noisy() ? "<td class=\"noisy\"" : "<td");
        if (!c.detail().isEmpty()) {
          b.append(" title=\"").append(esc(c.detail())).append('"');
        }
        // The range under its median, small, so that the table fits a page.
        String text = esc(c.text());
        int range = text.indexOf(" [");
        b.append('>').append(range < 0 ? text : text.substring(0, range) + "<br><span class=\"range\">"
            + text.substring(range + 1) + "</span>").append("</td>");
      }
      b.append("</tr>\n");
    }
    b.append("</tbody></table>\n<p class=\"note\">Medians over the repeats; [min-max] is the range; a shaded"
        + " figure is noisy; hover a cell for more.</p>\n");
  }

  private static void charts(StringBuilder b, RunReport run) {
    if (run.versions().isEmpty()) {
      return;
    }
    List<String> rungs = run.versions().stream().map(VersionResult::version).toList();
    b.append("<h2>Charts</h2>\n<div class=\"charts\">\n");
    b.append(bars(run, Metric.SIZES, rungs));
    Map<String, Map<String, Long>> breakdowns = Overview.breakdowns(run);
    b.append(breakdowns.isEmpty() ? bars(run, Metric.COLD_START, rungs)
        : Svg.stacked("Cold start, from creation to the first prediction", "ms", breakdowns));
    b.append(bars(run, Metric.LATENCY, rungs));
    b.append(bars(run, Metric.THROUGHPUT, rungs));
    if (run.versions().stream().anyMatch(r -> r.labelAgreement() != null || r.servedAccuracy() != null)) {
      List<ChartData.Series> shares = new ArrayList<>(ChartData.series(run, null, Metric.AGREEMENT, null, false));
      shares.addAll(ChartData.series(run, null, Metric.SERVED_ACCURACY, null, false));
      b.append(Svg.bars(Metric.AGREEMENT, "Agreement and served accuracy", rungs, shares));
    }
    List<ChartData.Curve> sweeps = ChartData.curves(run, null);
    if (!sweeps.isEmpty()) {
      b.append(Svg.lines(Metric.SWEEP.title(), "requests/s", "ms", sweeps));
    }
    Map<String, Map<String, Long>> replicas = ChartData.newReplica(run);
    if (!replicas.isEmpty()) {
      b.append(Svg.stacked("A new replica: pull, cold start, warm-up to steady state", "ms",
          replicas));
    }
    List<ChartData.Curve> warmups = ChartData.curves(run, null, Metric.WARMUP);
    if (!warmups.isEmpty()) {
      b.append(Svg.lines(Metric.WARMUP.title(), "s", "ms", warmups));
    }
    if (run.versions().stream().anyMatch(r -> r.cpuMsPerPrediction() != null)) {
      b.append(bars(run, Metric.CPU, rungs));
    }
    b.append("</div>\n");
  }

  private static String bars(RunReport run, Metric metric, List<String> rungs) {
    return Svg.bars(metric, metric.title(), rungs, ChartData.series(run, null, metric, null, false));
  }

  private static void layers(StringBuilder b, RunReport run) {
    b.append("<h2>What makes each image big</h2>\n<table id=\"layers\"><thead><tr><th>Rung</th>"
        + "<th class=\"layer\">Layer (instruction)</th><th>Size</th></tr></thead><tbody>\n");
    for (VersionResult r : run.versions()) {
      List<LayerSize> top = r.layers().stream().sorted(Comparator.comparingLong(LayerSize::bytes).reversed())
          .filter(l -> l.bytes() > 0).limit(LAYERS_SHOWN).toList();
      String figures = r.efficiency() == null ? "" : String.format(Locale.ROOT, " (efficiency %.1f%%, %s wasted, %s"
          + " to transfer)", r.efficiency() * 100, Bytes.text(r.wastedBytes()), Bytes.text(r.transferBytes()));
      for (int i = 0; i < top.size(); i++) {
        LayerSize l = top.get(i);
        b.append("<tr><td>").append(i == 0 ? esc(r.version() + figures) : "").append("</td><td class=\"layer\">")
            .append(esc(ChartData.shorten(ChartData.layerName(l), 160)))
            .append("</td><td>").append(Bytes.text(l.bytes())).append("</td></tr>\n");
      }
    }
    b.append("</tbody></table>\n<p class=\"note\">The biggest ").append(LAYERS_SHOWN).append(" layers of each image."
        + " './servescope inspect IMAGE' (or the Explore tab) says which files make them big.</p>\n");
  }

  private static String esc(String s) {
    return Svg.esc(s);
  }

  /**
   * The run to report and the one before it, from the history's runs (newest first): {@code id}, or the newest with
   * a measured rung when null.
   *
   * @return {run, previous or null}
   * @throws IllegalArgumentException when there is no such run
   */
  public static RunReport[] pick(List<RunReport> runs, String id) {
    List<RunReport> measured = runs.stream().filter(r -> !r.versions().isEmpty()).toList();
    for (int i = 0; i < measured.size(); i++) {
      if (id == null || measured.get(i).id().equals(id)) {
        return new RunReport[] {measured.get(i), i + 1 < measured.size() ? measured.get(i + 1) : null};
      }
    }
    throw new IllegalArgumentException(id == null ? "no measured run yet: run './servescope ladder' first"
        : "no run '" + id + "' with measured rungs in the history ('servescope history' lists them)");
  }
}
