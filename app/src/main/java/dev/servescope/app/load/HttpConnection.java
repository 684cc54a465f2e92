package dev.servescope.app.load;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * One keep-alive HTTP/1.1 connection for load generation: a request is written whole in one call and the answer is
 * read just far enough to know its status and where it ends ({@code Content-Length}, chunked, or the connection
 * closing). A general-purpose client (the JDK's, Apache's) costs one to four milliseconds per request on this kind of
 * machine, as much as the fastest model itself, so the served figures would measure the client; this costs what a
 * dedicated load tool costs. Not thread-safe: one connection per caller.
 */
public final class HttpConnection implements AutoCloseable {
  private static final int MAX_HEADER_LINE = 8192;
  private static final int MAX_BODY = 16 * 1024 * 1024;

  private final URI endpoint;
  private final Duration connectTimeout;
  private final Duration readTimeout;
  private Socket socket;
  private OutputStream out;
  private InputStream in;

  /** An answer: status code and body as text. */
  public record Response(int statusCode, String body) {}

  /**
   * @param endpoint an {@code http://} URL; the connection is opened at the first request
   */
  public HttpConnection(URI endpoint, Duration connectTimeout, Duration readTimeout) {
    if (!"http".equalsIgnoreCase(endpoint.getScheme()) || endpoint.getHost() == null) {
      throw new IllegalArgumentException("not an http:// URL: " + endpoint);
    }
    this.endpoint = endpoint;
    this.connectTimeout = connectTimeout;
    this.readTimeout = readTimeout;
  }

  /** The bytes of a {@code POST} of a JSON body to {@code endpoint}, ready to send many times. */
  public static byte[] encodePost(URI endpoint, String json) {
    return encode("POST", endpoint, json.getBytes(StandardCharsets.UTF_8));
  }

  /** The bytes of a {@code GET} of {@code endpoint}. */
  public static byte[] encodeGet(URI endpoint) {
    return encode("GET", endpoint, null);
  }

  private static byte[] encode(String method, URI endpoint, byte[] body) {
    String path = endpoint.getRawPath() == null || endpoint.getRawPath().isEmpty() ? "/" : endpoint.getRawPath();
    if (endpoint.getRawQuery() != null) {
      path += "?" + endpoint.getRawQuery();
    }
    String head = method + " " + path + " HTTP/1.1\r\n"
        + "Host: " + endpoint.getHost() + (endpoint.getPort() < 0 ? "" : ":" + endpoint.getPort()) + "\r\n"
        + (body == null ? "\r\n" : "Content-Type: application/json\r\n"
        + "Content-Length: " + body.length + "\r\n\r\n");
    byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
    if (body == null) {
      return headBytes;
    }
    byte[] request = new byte[headBytes.length + body.length];
    System.arraycopy(headBytes, 0, request, 0, headBytes.length);
    System.arraycopy(body, 0, request, headBytes.length, body.length);
    return request;
  }

  /**
   * Sends an encoded request and reads the whole answer. A connection the server closed while it sat idle is opened
   * again once, before anything of the answer arrived; any other failure is thrown and the connection is dropped.
   */
  public Response send(byte[] request) throws IOException {
    boolean reused = socket != null;
    try {
      return exchange(request);
    } catch (IOException e) {
      disconnect();
      if (!reused || !(e instanceof StaleConnectionException)) {
        throw e;
      }
      return exchange(request);
    }
  }

  private Response exchange(byte[] request) throws IOException {
    if (socket == null) {
      connect();
    }
    try {
      out.write(request);
      out.flush();
    } catch (IOException e) {
      throw new StaleConnectionException("write failed: " + e.getMessage());
    }
    String statusLine = readLine(true);
    String[] parts = statusLine.split(" ", 3);
    if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
      throw new IOException("not an HTTP/1.x answer: " + statusLine);
    }
    int status;
    try {
      status = Integer.parseInt(parts[1]);
    } catch (NumberFormatException e) {
      throw new IOException("bad status line: " + statusLine, e);
    }
    long length = -1;
    boolean chunked = false;
    boolean close = parts[0].equals("HTTP/1.0");
    for (String line = readLine(false); !line.isEmpty(); line = readLine(false)) {
      int colon = line.indexOf(':');
      if (colon <= 0) {
        continue;
      }
      String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
      String value = line.substring(colon + 1).strip().toLowerCase(Locale.ROOT);
      switch (name) {
        case "content-length" -> length = parseLength(value);
        case "transfer-encoding" -> chunked = value.contains("chunked");
        case "connection" -> close = value.contains("close") || close && !value.contains("keep-alive");
        default -> { }
      }
    }
    byte[] body;
    if (chunked) {
      body = readChunked();
    } else if (length >= 0) {
      body = in.readNBytes((int) length);
      if (body.length < length) {
        throw new EOFException("answer ended after " + body.length + " of " + length + " bytes");
      }
    } else {
      body = readToEnd();
      close = true;
    }
    if (close) {
      disconnect();
    }
    return new Response(status, new String(body, StandardCharsets.UTF_8));
  }

  private void connect() throws IOException {
    Socket s = new Socket();
    try {
      s.setTcpNoDelay(true);
      s.setSoTimeout((int) readTimeout.toMillis());
      int port = endpoint.getPort() < 0 ? 80 : endpoint.getPort();
      s.connect(new InetSocketAddress(endpoint.getHost(), port), (int) connectTimeout.toMillis());
      socket = s;
      out = s.getOutputStream();
      in = new BufferedInputStream(s.getInputStream(), 16 * 1024);
    } catch (IOException e) {
      s.close();
      throw e;
    }
  }

  private static long parseLength(String value) throws IOException {
    try {
      long n = Long.parseLong(value);
      if (n < 0 || n > MAX_BODY) {
        throw new IOException("unacceptable Content-Length " + value);
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IOException("bad Content-Length " + value, e);
    }
  }

  private byte[] readChunked() throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      String sizeLine = readLine(false);
      int semi = sizeLine.indexOf(';');
      int size;
      try {
        size = Integer.parseInt((semi < 0 ? sizeLine : sizeLine.substring(0, semi)).strip(), 16);
      } catch (NumberFormatException e) {
        throw new IOException("bad chunk size: " + sizeLine, e);
      }
      if (size == 0) {
        while (!readLine(false).isEmpty()) {
          // Trailers: ignored.
        }
        return body.toByteArray();
      }
      if (size < 0 || body.size() + size > MAX_BODY) {
        throw new IOException("chunked answer larger than " + MAX_BODY + " bytes");
      }
      byte[] chunk = in.readNBytes(size);
      if (chunk.length < size) {
        throw new EOFException("answer ended inside a chunk");
      }
      body.write(chunk);
      readLine(false);
    }
  }

  private byte[] readToEnd() throws IOException {
    byte[] body = in.readNBytes(MAX_BODY + 1);
    if (body.length > MAX_BODY) {
      throw new IOException("answer larger than " + MAX_BODY + " bytes");
    }
    return body;
  }

  /** One CRLF- (or LF-) terminated line as ASCII; {@code first} marks the status line, where EOF means stale. */
  private String readLine(boolean first) throws IOException {
    StringBuilder sb = new StringBuilder();
    while (true) {
      int c = in.read();
      if (c < 0) {
        if (first && sb.length() == 0) {
          throw new StaleConnectionException("connection closed before the answer");
        }
        throw new EOFException("answer ended inside its headers");
      }
      if (c == '\n') {
        int end = sb.length();
        return end > 0 && sb.charAt(end - 1) == '\r' ? sb.substring(0, end - 1) : sb.toString();
      }
      if (sb.length() >= MAX_HEADER_LINE) {
        throw new IOException("header line longer than " + MAX_HEADER_LINE + " bytes");
      }
      sb.append((char) c);
    }
  }

  private void disconnect() {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException e) {
        // Closing a broken connection: nothing left to do.
      }
    }
    socket = null;
    out = null;
    in = null;
  }

  /** Closes the connection; the next request would open a new one. */
  @Override
  public void close() {
    disconnect();
  }

  /** The server closed a kept-alive connection before answering: safe to send again on a new one. */
  private static final class StaleConnectionException extends IOException {
    private static final long serialVersionUID = 1L;

    StaleConnectionException(String message) {
      super(message);
    }
  }
}
