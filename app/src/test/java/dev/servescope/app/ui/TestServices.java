package dev.servescope.app.ui;

import dev.servescope.app.docker.DockerEngine;
import dev.servescope.app.ladder.DockerUnavailableException;
import dev.servescope.app.ladder.ProjectLayout;
import dev.servescope.app.ladder.Samples;
import dev.servescope.inference.model.ModelCatalog;
import java.nio.file.Path;
import java.util.function.Supplier;

/** Services for UI tests: the real models and Dockerfiles, a given history file, and a chosen engine. */
final class TestServices {
  private TestServices() {}

  static AppServices withoutEngine(Path history) {
    return with(history, () -> {
      throw new DockerUnavailableException(DockerUnavailableException.howToStart("unix:///nowhere.sock"), null);
    });
  }

  static AppServices with(Path history, Supplier<DockerEngine> engines) {
    return new AppServices(ModelCatalog.withDefaultCache(), engines, history,
        () -> new ProjectLayout(Path.of("..").toAbsolutePath().normalize()), Samples.builtIn(),
        Background.newExecutor());
  }
}
