package dev.servescope.app.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML report opened in a real browser (headless Chromium from Debian's packages, background networking off, all
 * traffic pointed at a closed port): what the page holds once parsed, and what it draws.
 */
class ReportBrowserIT {

  private static Path chromium() {
    String named = System.getenv("SERVESCOPE_CHROMIUM");
    Stream<String> candidates = named != null ? Stream.of(named)
        : Stream.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome");
    Path found = candidates.map(Path::of).filter(Files::isExecutable).findFirst().orElse(null);
    Assumptions.assumeTrue(found != null, "no Chromium: apt-get install chromium (or set SERVESCOPE_CHROMIUM)");
    return found;
  }

  /** Runs headless Chromium on a page with no network; its standard output. */
  private static String browse(Path page, String... what) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(chromium().toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--proxy-server=127.0.0.1:9", "--user-data-dir=" + page.resolveSibling("profile")));
    cmd.addAll(List.of(what));
    cmd.add(page.toUri().toString());
    Process p = new ProcessBuilder(cmd).redirectError(page.resolveSibling("chromium.log").toFile()).start();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("Chromium finished").isTrue();
    assertThat(p.exitValue()).as("Chromium's exit; its log: %s", page.resolveSibling("chromium.log")).isZero();
    return new String(out, StandardCharsets.UTF_8);
  }

  @Test
  void aBrowserShowsTheTableTheBarsAndTheNoisyFigure(@TempDir Path dir) throws Exception {
    Path page = dir.resolve("report.html");
    Files.writeString(page, HtmlReport.render(HtmlReportTest.sample(), null));

    String dom = browse(page, "--dump-dom");
    assertThat(dom).contains("<table id=\"overview\">");
    assertThat(dom.split("<rect class=\"bar\"", -1).length - 1).as("bars drawn: sizes 4, cold start 2 x 3 phases,"
        + " latency 4, throughput 2, agreement and accuracy 4").isEqualTo(20);
    assertThat(dom).contains("v&lt;5&gt;").contains("\u22121.77 GB (\u221293%)");

    Path shot = dir.resolve("report.png");
    browse(page, "--screenshot=" + shot, "--window-size=1280,2200", "--hide-scrollbars");
    BufferedImage image = ImageIO.read(shot.toFile());
    assertThat(image.getWidth()).isEqualTo(1280);
    assertThat(pixels(image, 0x3b6ea8)).as("the first series' bars, drawn").isGreaterThan(2_000);
    assertThat(pixels(image, 0xe08a2c)).as("the second series' bars, drawn").isGreaterThan(1_000);
    assertThat(pixels(image, 0xfff1dc)).as("the noisy throughput's highlighted cell").isGreaterThan(200);
  }

  private static int pixels(BufferedImage image, int rgb) {
    int n = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        if ((image.getRGB(x, y) & 0xffffff) == rgb) {
          n++;
        }
      }
    }
    return n;
  }
}
