package dev.servescope.app.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.servescope.app.ladder.result.RunReport;
import dev.servescope.app.ladder.result.RunStatus;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HtmlReportTest {
  static RunReport sample() {
    return OverviewTest.run("servescope",
        OverviewTest.rung("v1", 1_896_000_000L, 2_029_000_000L, 9_800, 40, 1.0, 0.862),
        OverviewTest.rung("v<5>", 126_300_000L, 126_300_000L, 713, 157, 0.7667, 0.808, "throughput_per_s"));
  }

  private static int count(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  @Test
  void onePageHoldsTheTableTheChartsAndTheLayersAndFetchesNothing() {
    String html = HtmlReport.render(sample(), null);

    assertThat(html).startsWith("<!DOCTYPE html>").endsWith("</html>\n");
    assertThat(count(html, "<tr><td")).as("2 overview rows + 2 layer rows per rung").isEqualTo(2 + 4);
    assertThat(count(html, "<svg ")).as("sizes, cold start, latency, throughput, agreement").isEqualTo(5);
    assertThat(html).contains("v&lt;5&gt;").doesNotContain("v<5>");
    assertThat(html).contains("<td class=\"noisy\" title=\"noisy: the spread is over 20% of the median\">157/s"
        + "<br><span class=\"range\">[152-162]</span></td>");
    assertThat(html).contains("\u22121.77 GB (\u221293%)").contains("3.78 GB / 4.22 GB");
    assertThat(html).contains("load in a sidecar on CPU 1, service on CPU 0");
    assertThat(html).contains("base image (imported)").contains("COPY dir:abc in /app");
    // Self-contained: no script, no link, no URL but the SVG namespace.
    assertThat(html).doesNotContain("<script").doesNotContain("<link").doesNotContain("src=");
    assertThat(html.replace("http://www.w3.org/2000/svg", "")).doesNotContain("http:").doesNotContain("https:");
  }

  @Test
  void theRunIsTheNewestMeasuredOneUnlessNamedWithTheOneBeforeIt() {
    RunReport a = sample();
    RunReport empty = new RunReport("empty", "t", RunStatus.FAILED, "build failed", a.engine(), null, List.of());
    RunReport b = new RunReport("older", "t", RunStatus.COMPLETE, null, a.engine(), null, a.versions());

    assertThat(HtmlReport.pick(List.of(empty, a, b), null)).containsExactly(a, b);
    assertThat(HtmlReport.pick(List.of(empty, a, b), "older")).containsExactly(b, null);
    assertThatThrownBy(() -> HtmlReport.pick(List.of(empty), null)).hasMessageContaining("no measured run yet");
    assertThatThrownBy(() -> HtmlReport.pick(List.of(a), "empty")).hasMessageContaining("no run 'empty'");
  }
}
