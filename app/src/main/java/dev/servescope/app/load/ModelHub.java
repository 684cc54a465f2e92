package dev.servescope.app.load;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves exported model folders over HTTP for the "download at start" images, standing in for the public model hub a
 * user with internet would use: in the load sidecar, on the loopback the measured container shares with it (the
 * sidecar's {@code hub} command), or on this host's loopback and Docker bridge gateway (containers reach it as
 * {@code host.docker.internal}) when the load runs here. It serves only the files it was given, by name (nothing
 * from the request path reaches the file system), and stops when closed.
 */
public final class ModelHub implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ModelHub.class);
  private static final List<String> FILES = List.of("model.onnx", "tokenizer.json", "head.json", "variant.json");

  private final List<HttpServer> servers = new ArrayList<>();
  private final Map<String, Path> models = new ConcurrentHashMap<>();
  private final int port;

  private ModelHub(int port) {
    this.port = port;
  }

  /**
   * Starts on loopback and, when there is one, on the Docker bridge's gateway address, at one free port.
   *
   * @param bridgeGateway the bridge gateway address, if the engine is local
   */
  public static ModelHub start(Optional<InetAddress> bridgeGateway) throws IOException {
    HttpServer loopback = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    ModelHub hub = new ModelHub(loopback.getAddress().getPort());
    hub.add(loopback);
    if (bridgeGateway.isPresent()) {
      hub.add(HttpServer.create(new InetSocketAddress(bridgeGateway.get(), hub.port), 16));
    }
    return hub;
  }

  /** Starts on loopback only, at {@code port} (0 for any free one): in the sidecar, beside the measured container. */
  public static ModelHub onLoopback(int port) throws IOException {
    HttpServer loopback = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
    ModelHub hub = new ModelHub(loopback.getAddress().getPort());
    hub.add(loopback);
    return hub;
  }

  private void add(HttpServer server) {
    server.setExecutor(Executors.newFixedThreadPool(2, r -> {
      Thread t = new Thread(r, "model-hub");
      t.setDaemon(true);
      return t;
    }));
    server.createContext("/", this::handle);
    server.start();
    servers.add(server);
  }

  /** The IPv4 address of the local {@code docker0} bridge, if this host has one. */
  public static Optional<InetAddress> localBridgeGateway() {
    try {
      NetworkInterface docker0 = NetworkInterface.getByName("docker0");
      if (docker0 == null) {
        return Optional.empty();
      }
      return docker0.inetAddresses().filter(a -> a instanceof Inet4Address).findFirst();
    } catch (SocketException e) {
      return Optional.empty();
    }
  }

  public int port() {
    return port;
  }

  /** Publishes an exported model folder under {@code /models/<id>/}. */
  public void publish(String id, Path folder) {
    models.put(id, folder);
  }

  /**
   * Publishes each folder under {@code root} as the model of its name.
   *
   * @return the models published
   */
  public List<String> publishEach(Path root) throws IOException {
    List<String> ids = new ArrayList<>();
    try (var folders = Files.list(root)) {
      for (Path folder : folders.filter(Files::isDirectory).sorted().toList()) {
        String id = folder.getFileName().toString();
        publish(id, folder);
        ids.add(id);
      }
    }
    return ids;
  }

  /** The URL a container uses to fetch a published model. */
  public String containerUrl(String id) {
    return "http://host.docker.internal:" + port + "/models/" + id;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String[] parts = exchange.getRequestURI().getPath().split("/");
      // ["", "models", id, file]
      Path folder = parts.length == 4 && parts[1].equals("models") ? models.get(parts[2]) : null;
      if (!exchange.getRequestMethod().equals("GET") || folder == null || !FILES.contains(parts[3])
          || !Files.isRegularFile(folder.resolve(parts[3]))) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      Path file = folder.resolve(parts[3]);
      exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
      exchange.sendResponseHeaders(200, Files.size(file));
      try (OutputStream out = exchange.getResponseBody()) {
        Files.copy(file, out);
      }
      LOG.debug("served {}", exchange.getRequestURI());
    }
  }

  @Override
  public void close() {
    for (HttpServer s : servers) {
      s.stop(0);
      ((java.util.concurrent.ExecutorService) s.getExecutor()).shutdownNow();
    }
    servers.clear();
  }
}
