package dev.servescope.app.docker;

import dev.servescope.app.ladder.run.ModelHosting;
import dev.servescope.app.load.ModelHub;
import dev.servescope.inference.model.ModelCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Models for "download at start" containers, served by a {@link ModelHub} on this host's loopback and Docker bridge
 * addresses: exported from the catalog into the run's scratch folder, once per model.
 */
public final class HubHosting implements ModelHosting {
  private final ModelHub hub;
  private final ModelCatalog catalog;
  private final Path workDir;

  private HubHosting(ModelHub hub, ModelCatalog catalog, Path workDir) {
    this.hub = hub;
    this.catalog = catalog;
    this.workDir = workDir;
  }

  /** The factory a ladder runner starts one hosting per run with. */
  public static ModelHosting.Factory factory(ModelCatalog catalog) {
    return workDir -> new HubHosting(ModelHub.start(ModelHub.localBridgeGateway()), catalog, workDir);
  }

  @Override
  public String publish(String modelId) throws IOException {
    Path exported = workDir.resolve("hub").resolve(modelId);
    if (!Files.isDirectory(exported)) {
      catalog.exportTo(catalog.require(modelId), exported);
    }
    hub.publish(modelId, exported);
    return hub.containerUrl(modelId);
  }

  @Override
  public void close() {
    hub.close();
  }
}
