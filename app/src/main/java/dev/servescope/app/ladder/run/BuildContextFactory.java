package dev.servescope.app.ladder.run;

import dev.servescope.app.ladder.file.LadderVersion;
import java.io.IOException;
import java.nio.file.Path;

/** Prepares a version's build context on the host, so that nothing is downloaded inside the build. */
public interface BuildContextFactory {

  /** Fills {@code contextDir} (created; must be empty or absent) for {@code version}. */
  Path prepare(LadderVersion version, Path contextDir) throws IOException;
}
