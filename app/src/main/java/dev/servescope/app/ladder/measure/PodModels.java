package dev.servescope.app.ladder.measure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Models served from inside each measured container's pod: the load sidecar, which owns the network namespace, gets
 * the model's files through the engine's API and serves them on 127.0.0.1 there, so a container that fetches its model
 * at start finds it on its own loopback. The same on every engine: a local Docker, Podman (no host gateway needed) and
 * a remote engine, where nothing comes from this host but API calls. Exported once per model into the run's scratch
 * folder, which goes with the run.
 */
final class PodModels implements ModelHosting {
  /**
   * The hub's port in the pod. Only built-in versions fetch their model, and they serve on 8080: the two never meet.
   */
  static final int PORT = 7391;
  /** Where the sidecar keeps the models it serves, one folder each. */
  static final String DIR = "/tmp/servescope-models";
  private static final String URL = "http://127.0.0.1:" + PORT + "/models/";

  private final Export export;
  private final Path workDir;
  private final Map<String, Path> published = new ConcurrentHashMap<>();

  PodModels(Export export, Path workDir) {
    this.export = export;
    this.workDir = workDir;
  }

  @Override
  public String publish(String modelId) throws IOException {
    Path exported = workDir.resolve("pod-models").resolve(modelId);
    if (!Files.isDirectory(exported)) {
      export.to(modelId, exported);
    }
    published.put(modelId, exported);
    return URL + modelId;
  }

  /** The published models a container's environment fetches ({@code MODEL_URL}), with their folders here. */
  Map<String, Path> fetchedBy(List<String> env) {
    Map<String, Path> fetched = new LinkedHashMap<>();
    for (String variable : env) {
      if (variable.startsWith("MODEL_URL=" + URL)) {
        String id = variable.substring(("MODEL_URL=" + URL).length()).replaceAll("/+$", "");
        Path folder = published.get(id);
        if (folder != null) {
          fetched.put(id, folder);
        }
      }
    }
    return fetched;
  }

  /** A folder's files, to copy into the sidecar. */
  static List<Path> files(Path folder) throws IOException {
    try (var list = Files.list(folder)) {
      return list.filter(Files::isRegularFile).sorted().toList();
    }
  }

  @Override
  public void close() {
    // Nothing runs here: each sidecar's hub goes with its sidecar, the exported files with the run's scratch folder.
  }
}
