package dev.servescope.app.cli;

import dev.servescope.inference.classify.Classifier;
import dev.servescope.inference.classify.ClassifierOptions;
import dev.servescope.inference.model.ModelCatalog;
import dev.servescope.inference.server.PredictionServer;
import dev.servescope.inference.server.ServerConfig;
import dev.servescope.inference.server.ServerMain;
import java.net.InetAddress;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "serve", description = "Serve predictions over HTTP (POST /prediction, GET /health_check, GET /)"
    + " until interrupted.")
final class ServeCommand implements Callable<Integer> {
  @Mixin
  ModelOptions model;

  @Option(names = "--port", paramLabel = "P", defaultValue = "8080", description = "default: ${DEFAULT-VALUE}")
  int port;

  @Option(names = "--bind", paramLabel = "ADDR", defaultValue = "127.0.0.1",
      description = "address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 for every interface)")
  String bind;

  @Option(names = "--workers", paramLabel = "N", description = "requests classified at once (default: 2 x threads)")
  Integer workers;

  @Option(names = "--queue", paramLabel = "N", defaultValue = "64",
      description = "requests waiting for a worker before the server answers 503 (default: ${DEFAULT-VALUE})")
  int queue;

  @Override
  public Integer call() throws Exception {
    ModelCatalog catalog = model.catalog();
    ClassifierOptions options = model.classifierOptions();
    Classifier classifier = Classifier.openForPredictions(catalog, model.variant(), options);
    int w = workers != null ? workers : 2 * options.intraOpThreads();
    PredictionServer server;
    try {
      server = PredictionServer.start(classifier, new ServerConfig(InetAddress.getByName(bind), port, w, queue,
          ServerConfig.DEFAULT_MAX_BODY));
    } catch (java.io.IOException e) {
      classifier.close();
      throw new java.io.IOException("cannot listen on " + bind + ":" + port + ": " + e.getMessage(), e);
    }
    ServerMain.runUntilTerminated(server, classifier);
    return 0;
  }
}
