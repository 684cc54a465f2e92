package dev.servescope.inference.server;

import dev.servescope.inference.classify.Classifier;
import dev.servescope.inference.classify.ClassifierOptions;
import dev.servescope.inference.model.ModelCatalog;
import dev.servescope.inference.model.ModelVariant;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The entry point of every ServeScope image: serves a model folder over HTTP until SIGTERM. Settings come from the
 * environment so that Dockerfiles and {@code docker run -e} can set them: {@code MODEL_DIR} (default
 * {@code /models/current}), {@code PORT} (8080), {@code THREADS} (ONNX Runtime intra-op threads, default: the CPUs the
 * container may use), {@code WORKERS} (concurrent requests, default 2 x threads), {@code QUEUE} (64).
 */
public final class ServerMain {
  private static final Logger LOG = LoggerFactory.getLogger(ServerMain.class);

  private ServerMain() {}

  public static void main(String[] args) throws Exception {
    Path modelDir = Path.of(env("MODEL_DIR", "/models/current"));
    int port = Integer.parseInt(env("PORT", "8080"));
    int threads = Integer.parseInt(env("THREADS", String.valueOf(Runtime.getRuntime().availableProcessors())));
    int workers = Integer.parseInt(env("WORKERS", String.valueOf(2 * threads)));
    int queue = Integer.parseInt(env("QUEUE", "64"));

    ModelCatalog catalog = ModelCatalog.withDefaultCache();
    ModelVariant variant = catalog.fromDirectory(modelDir);
    Classifier classifier = Classifier.open(catalog, variant, ClassifierOptions.defaults().withThreads(threads));
    PredictionServer server = PredictionServer.start(classifier, ServerConfig.allInterfaces(port, workers)
        .withQueue(queue));
    runUntilTerminated(server, classifier);
  }

  /** Blocks until the JVM is asked to exit (SIGTERM, SIGINT), then stops the server before the classifier. */
  public static void runUntilTerminated(PredictionServer server, Classifier classifier) throws InterruptedException {
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      LOG.info("shutting down");
      server.close();
      classifier.close();
      stopped.countDown();
    }, "shutdown"));
    stopped.await();
  }

  private static String env(String name, String fallback) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? fallback : v;
  }
}
