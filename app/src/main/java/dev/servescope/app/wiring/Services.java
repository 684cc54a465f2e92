package dev.servescope.app.wiring;

import dev.servescope.app.docker.BuildContexts;
import dev.servescope.app.docker.DockerEngine;
import dev.servescope.app.docker.HubHosting;
import dev.servescope.app.docker.MavenArtifacts;
import dev.servescope.app.image.ImageInspector;
import dev.servescope.app.image.ImageReport;
import dev.servescope.app.image.ImageStore;
import dev.servescope.app.ladder.ContainerEngine;
import dev.servescope.app.ladder.ImageFigures;
import dev.servescope.app.ladder.file.Samples;
import dev.servescope.app.ladder.host.ProjectLayout;
import dev.servescope.app.ladder.host.WorkFolders;
import dev.servescope.app.ladder.result.RunHistory;
import dev.servescope.app.ladder.run.LadderRunner;
import dev.servescope.app.store.HistoryStore;
import dev.servescope.inference.model.ModelCatalog;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * The composition root: how ServeScope's services are made. The command line and the desktop app both take one; tests
 * make one with a fake engine or another history file.
 *
 * @param catalog the model catalog
 * @param layout the checkout holding the Dockerfiles (looked up when first needed: predictions need none)
 * @param engines connects to the container engine; throws {@code DockerUnavailableException} when there is none
 * @param historyFile the run history database
 * @param samples the sample sentences
 */
public record Services(
    ModelCatalog catalog,
    Supplier<ProjectLayout> layout,
    Supplier<ContainerEngine> engines,
    Path historyFile,
    List<String> samples) {

  /** The real thing: the Docker engine of {@code DOCKER_HOST}, the checkout this runs from, the given history. */
  public static Services standard(Path historyFile) {
    return new Services(ModelCatalog.withDefaultCache(), ProjectLayout::locate, DockerEngine::connect, historyFile,
        Samples.builtIn());
  }

  /** The real thing with the default history file. */
  public static Services standard() {
    return standard(HistoryStore.defaultFile());
  }

  /** Opens the run history (a corrupt file is moved aside and a new one started). */
  public HistoryStore openHistory() {
    return HistoryStore.open(historyFile);
  }

  /** A runner on an open engine and history. */
  public LadderRunner ladderRunner(ContainerEngine engine, RunHistory history) {
    ProjectLayout checkout = layout.get();
    return new LadderRunner(engine, history, checkout,
        new BuildContexts(checkout, catalog, () -> MavenArtifacts.gpuRuntime(checkout)), HubHosting.factory(catalog),
        catalog, samples, WorkFolders.inTemp(), imageFigures(engine));
  }

  /** Inspection of a rung's image, where the engine can stream its images. */
  public static ImageFigures.Source imageFigures(ContainerEngine engine) {
    if (!(engine instanceof ImageStore store)) {
      return null;
    }
    ImageInspector inspector = new ImageInspector(store);
    return (ref, cancel) -> {
      ImageReport r = inspector.inspect(ref, 0, bytes -> { }, cancel).report();
      return new ImageFigures(r.wastedBytes(), r.efficiency(), r.transferBytes());
    };
  }
}
