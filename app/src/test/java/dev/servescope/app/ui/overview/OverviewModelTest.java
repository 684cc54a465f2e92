package dev.servescope.app.ui.overview;

import static org.assertj.core.api.Assertions.assertThat;

import dev.servescope.app.ladder.Hardware;
import dev.servescope.app.ladder.result.RunReport;
import dev.servescope.app.ladder.result.RunStatus;
import dev.servescope.app.report.Overview;
import dev.servescope.app.report.OverviewTestRuns;
import java.util.List;
import org.junit.jupiter.api.Test;

class OverviewModelTest {
  private final OverviewModel model = new OverviewModel(null, null);

  @Test
  void withNothingMeasuredItSaysWhatToDoFirst() {
    RunReport failed = new RunReport("r0", "2026-11-28T09:00:00Z", RunStatus.FAILED, "no engine", null, null,
        List.of());
    model.show(List.of(failed));

    assertThat(model.emptyProperty().get()).isTrue();
    assertThat(model.rows()).isEmpty();
    assertThat(model.messageProperty().get()).isEqualTo(Overview.FIRST_STEPS);
  }

  @Test
  void itShowsTheNewestMeasuredRunAndSaysWhenTheOneBeforeRanOnOtherHardware() {
    Hardware here = new Hardware("AMD EPYC", 2, List.of("avx2"), 24_000_000_000L, "20.10.24", "6.1", "Debian",
        "x86_64", null);
    Hardware there = new Hardware("AMD EPYC", 8, List.of("avx2"), 24_000_000_000L, "20.10.24", "6.1", "Debian",
        "x86_64", null);
    RunReport newest = OverviewTestRuns.twoRungs("new", here);
    RunReport older = OverviewTestRuns.twoRungs("old", there);
    model.show(List.of(newest, older));

    assertThat(model.emptyProperty().get()).isFalse();
    assertThat(model.rows()).hasSize(2);
    assertThat(model.titleProperty().get()).startsWith("Run new of the built-in ladder");
    assertThat(model.setupProperty().get()).startsWith("on 2 CPUs");
    assertThat(model.messageProperty().get()).isEqualTo("The run before this one (old) ran on other hardware"
        + " (cpus 2 vs 8): compare with care.");

    model.show(List.of(newest, OverviewTestRuns.twoRungs("same", here)));
    assertThat(model.messageProperty().get()).isEmpty();
  }
}
