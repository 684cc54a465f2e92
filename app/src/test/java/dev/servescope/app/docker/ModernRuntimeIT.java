package dev.servescope.app.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.servescope.app.ladder.Cancellation;
import dev.servescope.app.ladder.file.LadderVersion;
import dev.servescope.app.ladder.file.Samples;
import dev.servescope.app.ladder.host.ProjectLayout;
import dev.servescope.app.ladder.measure.LadderSettings;
import dev.servescope.app.ladder.result.RunReport;
import dev.servescope.app.ladder.result.RunStatus;
import dev.servescope.app.ladder.result.VersionResult;
import dev.servescope.app.ladder.run.LadderListener;
import dev.servescope.app.ladder.run.LadderRunner;
import dev.servescope.app.store.HistoryStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * v6 for real: its base made from this machine's Java 25 (or the public image when present), the model optimised
 * and the ahead-of-time cache recorded at build time (the build itself checks the JVM takes the cache), then started
 * and measured beside the floor. Skipped, saying what to install, where there is no Java 25.
 */
class ModernRuntimeIT {

  @Test
  void v6BuildsOnJava25StartsAndIsMeasuredAgainstTheFloor(@TempDir Path dir) {
    ProjectLayout layout = DockerAvailable.checkout();
    List<String> logs = new ArrayList<>();
    try (DockerEngine engine = DockerAvailable.engineOrSkip();
        HistoryStore store = HistoryStore.open(dir.resolve("history.db"))) {
      assumeTrue(HostJdks.ofThisMachine().find(25).isPresent() || engine.imageExists("eclipse-temurin:25-jdk")
          || engine.imageExists("servescope-base/jdk:25"), "skipped: v6 needs a Java 25 JDK and none is here;"
          + " install one (Temurin 25) into /usr/lib/jvm or set JAVA25_HOME");
      LadderRunner runner = DockerAvailable.runner(engine, store, layout, Samples.builtIn());
      RunReport run = runner.run(List.of(LadderVersion.byId("v6")),
          new LadderSettings(2, Duration.ofSeconds(2), 10, Duration.ofSeconds(1)).withFloor(true),
          new LadderListener() {
            @Override
            public void log(String rung, String line) {
              logs.add(line);
            }
          }, new Cancellation());

      assertThat(run.status()).as(run.message()).isEqualTo(RunStatus.COMPLETE);
      VersionResult v6 = run.versions().get(0);
      assertThat(logs).as("the model saved optimised in the build stage")
          .anyMatch(l -> l.contains("optimised /app/models/minilm-l6-int8 with ONNX Runtime"));
      assertThat(v6.imageBytes()).as("a jlink runtime, the app and its cache on an empty base")
          .isLessThan(200_000_000L);
      assertThat(v6.containerRwBytes()).as("writes next to nothing at start").isLessThan(5_000_000L);
      assertThat(v6.labelAgreement()).as("the reference's own answers").isEqualTo(1.0);
      assertThat(v6.coldStartVsFloor()).as("a JVM and a model start slower than busybox").isGreaterThan(1);
      assertThat(v6.servedEfficiency()).isNotNull();
      assertThat(engine.managedContainers()).as("no ServeScope container left running").isEmpty();
    }
  }
}
