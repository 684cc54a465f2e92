package dev.servescope.app.docker;

import dev.servescope.app.ladder.host.ProjectLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Jars the ladder needs beyond the app's own classpath, taken from the local Maven repository. */
public final class MavenArtifacts {
  private static final Logger LOG = LoggerFactory.getLogger(MavenArtifacts.class);
  private static final Pattern ORT = Pattern.compile("onnxruntime-(\\d[^/]*)\\.jar");

  private MavenArtifacts() {}

  /**
   * The GPU build of ONNX Runtime in the same version as the CPU build the server uses (445 MB; fetched through
   * Maven the first time v1 is built).
   */
  public static Path gpuRuntime(ProjectLayout layout) {
    try {
      String version = ortVersion(layout.serverLib());
      Path jar = Path.of(System.getProperty("user.home"), ".m2", "repository", "com", "microsoft", "onnxruntime",
          "onnxruntime_gpu", version, "onnxruntime_gpu-" + version + ".jar");
      if (!Files.isRegularFile(jar)) {
        LOG.info("fetching onnxruntime_gpu {} through Maven (once)", version);
        Process p = new ProcessBuilder("mvn", "-q", "-B", "dependency:get", "-Dtransitive=false",
            "-Dartifact=com.microsoft.onnxruntime:onnxruntime_gpu:" + version).inheritIO().start();
        if (p.waitFor() != 0 || !Files.isRegularFile(jar)) {
          throw new IOException("Maven could not fetch com.microsoft.onnxruntime:onnxruntime_gpu:" + version);
        }
      }
      return jar;
    } catch (IOException e) {
      throw new IllegalStateException("v1 needs the GPU build of ONNX Runtime: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.util.concurrent.CancellationException("interrupted while fetching onnxruntime_gpu");
    }
  }

  static String ortVersion(Path serverLib) throws IOException {
    try (Stream<Path> s = Files.list(serverLib)) {
      return s.map(p -> ORT.matcher(p.getFileName().toString())).filter(Matcher::matches).map(m -> m.group(1))
          .findFirst().orElseThrow(() -> new IOException("no onnxruntime jar in " + serverLib));
    }
  }
}
