package dev.servescope.app.samples;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The Python that has Debian's packages the Python sample needs ({@code python3-torch}, {@code python3-onnx},
 * {@code python3-fastapi}, {@code python3-uvicorn}; .ci/run installs them): Debian's own, which another
 * {@code python3} earlier on the path (pyenv, a virtual environment) may hide.
 */
final class DebianPython {
  private DebianPython() {
  }

  /** The first of Debian's and the path's {@code python3} that imports all these modules. */
  static Optional<String> with(String... modules) {
    String imports = "import " + String.join(", ", modules);
    return List.of("/usr/bin/python3", "python3").stream().filter(python -> works(python, "-c", imports))
        .findFirst();
  }

  /** Whether the command runs and exits 0 within a minute. */
  static boolean works(String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
