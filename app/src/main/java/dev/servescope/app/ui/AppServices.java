package dev.servescope.app.ui;

import dev.servescope.app.docker.DockerEngine;
import dev.servescope.app.ladder.ProjectLayout;
import dev.servescope.inference.model.ModelCatalog;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Everything the views' presentation models need, passed in so tests can swap any of it.
 *
 * @param catalog the model catalog
 * @param engines connects to the Docker engine (throws {@code DockerUnavailableException} when there is none)
 * @param historyFile the run history database
 * @param layout the checkout holding the Dockerfiles
 * @param samples sample sentences
 * @param background where slow work runs (never the FX thread)
 */
public record AppServices(
    ModelCatalog catalog,
    Supplier<DockerEngine> engines,
    Path historyFile,
    Supplier<ProjectLayout> layout,
    List<String> samples,
    Executor background) {}
