package dev.servescope.app.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The load generator's HTTP/1.1 connection against a scripted server that answers each request as told. */
class HttpConnectionTest {
  private ScriptedServer server;

  @AfterEach
  void stop() throws IOException {
    if (server != null) {
      server.close();
    }
  }

  private HttpConnection connect() {
    return new HttpConnection(server.uri(), Duration.ofSeconds(2), Duration.ofSeconds(5));
  }

  @Test
  void sendsTheRequestWholeAndKeepsTheConnectionForTheNext() throws Exception {
    server = new ScriptedServer(n -> "HTTP/1.1 200 OK\r\nContent-Length: 7\r\n\r\nanswer" + n);
    byte[] request = HttpConnection.encodePost(server.uri(), "{\"text\":\"hi\"}");
    try (HttpConnection c = connect()) {
      assertThat(c.send(request)).isEqualTo(new HttpConnection.Response(200, "answer1"));
      assertThat(c.send(request)).isEqualTo(new HttpConnection.Response(200, "answer2"));
    }
    assertThat(server.accepted.get()).as("one keep-alive connection").isEqualTo(1);
    assertThat(server.requests).hasSize(2);
    assertThat(server.requests.get(0)).isEqualTo("POST /prediction HTTP/1.1\r\nHost: 127.0.0.1:" + server.port()
        + "\r\nContent-Type: application/json\r\nContent-Length: 13\r\n\r\n{\"text\":\"hi\"}");
  }

  @Test
  void contentLengthCountsUtf8BytesAndTheQueryIsKept() {
    byte[] request = HttpConnection.encodePost(URI.create("http://localhost:8080/p?x=1"), "{\"text\":\"é\"}");
    String text = new String(request, StandardCharsets.UTF_8);
    assertThat(text).startsWith("POST /p?x=1 HTTP/1.1\r\nHost: localhost:8080\r\n")
        .contains("Content-Length: 13\r\n\r\n{\"text\":\"é\"}");
  }

  @Test
  void readsChunkedAnswersAndErrorStatuses() throws Exception {
    server = new ScriptedServer(n -> n == 1
        ? "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "4;ext=1\r\nchun\r\n3\r\nked\r\n0\r\nX-Trailer: 1\r\n\r\n"
        : "HTTP/1.1 503 Service Unavailable\r\ncontent-length: 4\r\n\r\nbusy");
    try (HttpConnection c = connect()) {
      byte[] request = HttpConnection.encodePost(server.uri(), "{}");
      assertThat(c.send(request)).isEqualTo(new HttpConnection.Response(200, "chunked"));
      assertThat(c.send(request)).isEqualTo(new HttpConnection.Response(503, "busy"));
    }
    assertThat(server.accepted.get()).isEqualTo(1);
  }

  @Test
  void opensANewConnectionAfterConnectionCloseOrWhenTheServerDroppedAnIdleOne() throws Exception {
    // 1: says close; 2: answers, then the server drops the idle connection; 3: answered on a fresh connection.
    server = new ScriptedServer(n -> switch (n) {
      case 1 -> "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok";
      case 2 -> "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok" + ScriptedServer.DROP;
      default -> "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nfresh";
    });
    try (HttpConnection c = connect()) {
      byte[] request = HttpConnection.encodePost(server.uri(), "{}");
      assertThat(c.send(request).body()).isEqualTo("ok");
      assertThat(c.send(request).body()).isEqualTo("ok");
      assertThat(server.closed.tryAcquire(2, 10, TimeUnit.SECONDS)).as("the server closed both connections")
          .isTrue();
      assertThat(c.send(request).body()).isEqualTo("fresh");
    }
    assertThat(server.accepted.get()).isEqualTo(3);
  }

  @Test
  void anAnswerCutShortIsAnErrorNotATruncatedSuccess() throws Exception {
    server = new ScriptedServer(n -> "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly ten b" + ScriptedServer.DROP);
    try (HttpConnection c = connect()) {
      assertThatThrownBy(() -> c.send(HttpConnection.encodePost(server.uri(), "{}")))
          .isInstanceOf(EOFException.class).hasMessageContaining("10 of 100");
    }
  }

  @Test
  void somethingThatIsNotHttpIsAnError() throws Exception {
    server = new ScriptedServer(n -> "SSH-2.0-OpenSSH\r\n\r\n");
    try (HttpConnection c = connect()) {
      assertThatThrownBy(() -> c.send(HttpConnection.encodePost(server.uri(), "{}")))
          .isInstanceOf(IOException.class).hasMessageContaining("not an HTTP/1.x answer");
    }
    assertThatThrownBy(() -> new HttpConnection(URI.create("https://example.test/"), Duration.ofSeconds(1),
        Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
  }

  /** Accepts connections and answers the n-th request (counted over all connections) with {@code script(n)}. */
  static final class ScriptedServer implements AutoCloseable {
    /** Appended to an answer: close the connection after sending it. */
    static final String DROP = "\u0000drop";

    final AtomicInteger accepted = new AtomicInteger();
    /** A permit for each connection the server has closed. */
    final Semaphore closed = new Semaphore(0);
    final List<String> requests = new CopyOnWriteArrayList<>();
    private final ServerSocket socket;
    private final AtomicInteger answered = new AtomicInteger();

    ScriptedServer(IntFunction<String> script) throws IOException {
      socket = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
      Thread accept = new Thread(() -> {
        while (!socket.isClosed()) {
          try {
            Socket s = socket.accept();
            accepted.incrementAndGet();
            Thread serve = new Thread(() -> serve(s, script), "scripted-connection");
            serve.setDaemon(true);
            serve.start();
          } catch (IOException e) {
            return;
          }
        }
      }, "scripted-accept");
      accept.setDaemon(true);
      accept.start();
    }

    private void serve(Socket s, IntFunction<String> script) {
      try (s; BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(),
          StandardCharsets.UTF_8)); OutputStream out = s.getOutputStream()) {
        while (true) {
          StringBuilder head = new StringBuilder();
          int length = 0;
          for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
            head.append(line).append("\r\n");
            if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
              length = Integer.parseInt(line.substring(15).strip());
            }
          }
          if (head.length() == 0) {
            return;
          }
          char[] body = new char[length];
          int read = 0;
          while (read < length) {
            read += in.read(body, read, length - read);
          }
          requests.add(head + "\r\n" + new String(body, 0, read));
          String answer = script.apply(answered.incrementAndGet());
          boolean drop = answer.endsWith(DROP);
          out.write(answer.replace(DROP, "").getBytes(StandardCharsets.UTF_8));
          out.flush();
          if (drop || answer.contains("Connection: close")) {
            return;
          }
        }
      } catch (IOException e) {
        // The client went away.
      } finally {
        closed.release();
      }
    }

    int port() {
      return socket.getLocalPort();
    }

    URI uri() {
      return URI.create("http://127.0.0.1:" + port() + "/prediction");
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
