package dev.servescope.app.wiring;

import dev.servescope.app.docker.BuildContexts;
import dev.servescope.app.docker.DockerEngine;
import dev.servescope.app.docker.MavenArtifacts;
import dev.servescope.app.image.ImageAccess;
import dev.servescope.app.image.ImageInspector;
import dev.servescope.app.image.ImageReport;
import dev.servescope.app.image.ImageStore;
import dev.servescope.app.ladder.ContainerEngine;
import dev.servescope.app.ladder.ImageFigures;
import dev.servescope.app.ladder.file.Samples;
import dev.servescope.app.ladder.host.Cleaner;
import dev.servescope.app.ladder.host.ProjectLayout;
import dev.servescope.app.ladder.host.WorkFolders;
import dev.servescope.app.ladder.result.HistoryReader;
import dev.servescope.app.ladder.result.RunHistory;
import dev.servescope.app.ladder.run.LadderRunner;
import dev.servescope.app.ladder.run.LadderRuns;
import dev.servescope.app.store.HistoryStore;
import dev.servescope.inference.model.ModelCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The composition root: how ServeScope's services and adapters are made. {@code Main} makes the standard one and hands
 * it to the command line's factory and to the desktop app, which pass each command and presentation model only the
 * narrow piece it needs; tests make one with a fake engine or another history file.
 *
 * @param catalog the model catalog
 * @param layout the checkout holding the Dockerfiles (looked up when first needed: predictions need none)
 * @param engines connects to the container engine; throws {@code DockerUnavailableException} when there is none
 * @param historyFile the run history database, unless a command names another
 * @param samples the sample sentences
 * @param devSet SST-2 dev for comparing variants' accuracy; null when it is not here
 */
public record Services(
    ModelCatalog catalog,
    Supplier<ProjectLayout> layout,
    Supplier<ContainerEngine> engines,
    Path historyFile,
    List<String> samples,
    Path devSet) {

  /** The real thing: the Docker engine of {@code DOCKER_HOST}, the checkout this runs from, the given history. */
  public static Services standard(Path historyFile) {
    return new Services(ModelCatalog.withDefaultCache(), ProjectLayout::locate, DockerEngine::connect, historyFile,
        Samples.builtIn(), findDevSet());
  }

  /** The real thing with the default history file. */
  public static Services standard() {
    return standard(HistoryStore.defaultFile());
  }

  /** {@code $SERVESCOPE_DEV_TSV}, else SST-2 dev next to the project, else null. */
  static Path findDevSet() {
    String env = System.getenv("SERVESCOPE_DEV_TSV");
    return Stream.of(env == null || env.isBlank() ? null : Path.of(env), Path.of("../shared/data/sst2/dev.tsv"),
        Path.of("../../shared/data/sst2/dev.tsv")).filter(p -> p != null && Files.isRegularFile(p)).findFirst()
        .orElse(null);
  }

  /** The run history to read, opened for each call; reading a history that does not exist yet makes none. */
  public HistoryReader history() {
    return history(historyFile);
  }

  /** The run history in {@code file}, to read. */
  public HistoryReader history(Path file) {
    return new StoreHistory(file);
  }

  /** Ladder runs recorded in the default history. */
  public LadderRuns ladderRuns() {
    return ladderRuns(historyFile);
  }

  /** Ladder runs recorded in {@code historyFile}. */
  public LadderRuns ladderRuns(Path file) {
    return new EngineLadderRuns(this, file);
  }

  /** A runner on an open engine and history: what {@link #ladderRuns} uses, and integration tests too. */
  public LadderRunner ladderRunner(ContainerEngine engine, RunHistory history) {
    ProjectLayout checkout = layout.get();
    return new LadderRunner(engine, history, new LadderRunner.Parts(checkout,
        new BuildContexts(checkout, catalog, () -> MavenArtifacts.gpuRuntime(checkout)),
        (id, folder) -> catalog.exportTo(catalog.require(id), folder),
        new ClassifierLabels(catalog), samples, WorkFolders.inTemp(), imageFigures(engine)));
  }

  /** The engine's images, for the explorer, {@code inspect} and {@code diff}. */
  public ImageAccess images() {
    return new ImageAccess() {
      @Override
      public <T> T with(Work<T> work) throws Exception {
        try (ContainerEngine engine = engines.get()) {
          ImageStore store = imageStore(engine).orElseThrow(() -> new IllegalStateException(
              "this engine cannot stream its images"));
          return work.run(new ImageInspector(store), store);
        }
      }
    };
  }

  /** Removes what ServeScope left on the engine and in the scratch folders. */
  public Cleaner cleaner() {
    return new Cleaner(WorkFolders.inTemp());
  }

  /** The engine's images, where the engine can stream them (the Docker adapter can; a test's fake cannot). */
  private static Optional<ImageStore> imageStore(ContainerEngine engine) {
    return engine instanceof ImageStore store ? Optional.of(store) : Optional.empty();
  }

  /** Inspection of a rung's image, where the engine can stream its images; null where it cannot. */
  private static ImageFigures.Source imageFigures(ContainerEngine engine) {
    return imageStore(engine).<ImageFigures.Source>map(store -> {
      ImageInspector inspector = new ImageInspector(store);
      return (ref, cancel) -> {
        ImageReport r = inspector.inspect(ref, 0, bytes -> { }, cancel).report();
        return new ImageFigures(r.wastedBytes(), r.efficiency(), r.transferBytes());
      };
    }).orElse(null);
  }
}
