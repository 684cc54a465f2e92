package dev.servescope.app.ladder.run;

import dev.servescope.app.ladder.Cancellation;
import dev.servescope.app.ladder.file.LadderFile;
import dev.servescope.app.ladder.file.RungSpec;
import dev.servescope.app.ladder.measure.LadderSettings;
import dev.servescope.app.ladder.result.RunReport;
import java.io.IOException;
import java.util.List;

/**
 * Ladder runs as the faces start them: each call connects to the engine and opens the history, runs, and closes both,
 * whatever happens. Throws {@code DockerUnavailableException} when there is no engine.
 */
public interface LadderRuns {

  /** See {@link LadderRunner#run(LadderFile, List, LadderSettings, LadderListener, Cancellation)}. */
  RunReport run(LadderFile ladder, List<String> rungIds, LadderSettings settings, LadderListener listener,
      Cancellation cancel);

  /** See {@link LadderRunner#buildOnly(RungSpec, LadderListener, Cancellation)}. */
  long buildOnly(RungSpec rung, LadderListener listener, Cancellation cancel) throws IOException;
}
