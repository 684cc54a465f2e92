package dev.servescope.app.ui;

import dev.servescope.app.ladder.ContainerEngine;
import dev.servescope.app.ladder.DockerUnavailableException;
import dev.servescope.app.ladder.file.Samples;
import dev.servescope.app.ladder.host.ProjectLayout;
import dev.servescope.app.wiring.Services;
import dev.servescope.inference.model.ModelCatalog;
import java.nio.file.Path;
import java.util.function.Supplier;

/** Services for UI tests: the real models and Dockerfiles, a given history file, and a chosen engine. */
public final class TestServices {
  private TestServices() {}

  public static Services withoutEngine(Path history) {
    return with(history, () -> {
      throw new DockerUnavailableException(DockerUnavailableException.howToStart("unix:///nowhere.sock"), null);
    });
  }

  public static Services with(Path history, Supplier<ContainerEngine> engines) {
    return new Services(ModelCatalog.withDefaultCache(),
        () -> new ProjectLayout(Path.of("..").toAbsolutePath().normalize()), engines, history, Samples.builtIn(), null);
  }
}
