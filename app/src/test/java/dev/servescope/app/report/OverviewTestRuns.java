package dev.servescope.app.report;

import dev.servescope.app.ladder.Hardware;
import dev.servescope.app.ladder.result.RunReport;


/** Runs for tests of the views that show the overview. */
public final class OverviewTestRuns {
  private OverviewTestRuns() {}

  /** A built-in ladder run of v1 and v5 on this hardware. */
  public static RunReport twoRungs(String id, Hardware hardware) {
    RunReport r = OverviewTest.run("servescope",
        OverviewTest.rung("v1", 1_896_000_000L, 2_029_000_000L, 9_800, 40, 1.0, 0.862),
        OverviewTest.rung("v5", 126_300_000L, 126_300_000L, 713, 157, 0.7667, 0.808));
    return new RunReport(id, r.startedAt(), r.status(), null, r.engine(), hardware, r.versions(), r.setup());
  }
}
