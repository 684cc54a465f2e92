package dev.servescope.app.ladder.run;

import dev.servescope.app.ladder.Cancellation;
import dev.servescope.app.ladder.ContainerEngine;
import dev.servescope.app.ladder.measure.LadderSettings;
import dev.servescope.app.ladder.result.RunHistory;
import java.util.List;

/**
 * What every part of one run shares.
 *
 * @param settings with the run's limits decided
 * @param sentences the sample sentences each rung is asked about
 */
record RunContext(ContainerEngine engine, RunHistory history, String runId, LadderSettings settings,
    List<String> sentences, LadderListener listener, Cancellation cancel) {}
