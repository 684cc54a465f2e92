package dev.servescope.app.docker;

/** How the Docker client's failures read: which mean the engine is gone, and the message at the root. */
final class EngineErrors {
  private EngineErrors() {}

  /** Whether {@code e} (or a cause) says the connection to the engine broke. */
  static boolean isConnectionProblem(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.net.SocketException || t instanceof java.io.EOFException
          || t instanceof java.net.ConnectException || t instanceof org.apache.hc.core5.http.NoHttpResponseException
          || t instanceof java.nio.channels.ClosedChannelException
          || t instanceof org.apache.hc.core5.http.ConnectionClosedException) {
        return true;
      }
    }
    return false;
  }

  /** The innermost cause's message, or its class name when it has none. */
  static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String m = t.getMessage();
    return m == null ? t.getClass().getSimpleName() : m;
  }
}
