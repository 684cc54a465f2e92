package dev.servescope.app.ladder.measure;

import dev.servescope.app.load.ModelHub;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Models served by a {@link ModelHub} on this host's loopback and Docker bridge addresses, for a run whose load is on
 * this host (so is its engine): exported into the run's scratch folder, once per model; the hub starts with the first.
 */
final class HostModels implements ModelHosting {
  private final Export export;
  private final Path workDir;
  private ModelHub hub;

  HostModels(Export export, Path workDir) {
    this.export = export;
    this.workDir = workDir;
  }

  @Override
  public synchronized String publish(String modelId) throws IOException {
    if (hub == null) {
      hub = ModelHub.start(ModelHub.localBridgeGateway());
    }
    Path exported = workDir.resolve("hub").resolve(modelId);
    if (!Files.isDirectory(exported)) {
      export.to(modelId, exported);
    }
    hub.publish(modelId, exported);
    return hub.containerUrl(modelId);
  }

  @Override
  public synchronized void close() {
    if (hub != null) {
      hub.close();
      hub = null;
    }
  }
}
