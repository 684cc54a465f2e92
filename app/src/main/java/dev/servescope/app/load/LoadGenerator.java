package dev.servescope.app.load;

import dev.servescope.inference.bench.LatencySummary;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Drives a prediction server over HTTP. Latency is measured open-loop: requests leave on a fixed schedule whether or
 * not earlier ones have returned, and each latency counts from when its request was due, so a stall shows up in the
 * percentiles instead of silently slowing the client. Throughput is measured closed-loop with a fixed number of
 * callers. Every caller holds its own keep-alive {@link HttpConnection}, so the client adds microseconds, not the
 * milliseconds a general-purpose HTTP client would.
 */
public final class LoadGenerator implements AutoCloseable {
  /** Callers in flight at once; past this, due requests wait (and their wait counts). */
  private static final int MAX_OPEN_LOOP_CALLERS = 256;
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

  private final URI endpoint;
  private final List<byte[]> requests;
  private final ExecutorService executor;
  private final Ticker clock;
  private final Deque<HttpConnection> idle = new ConcurrentLinkedDeque<>();
  private final List<HttpConnection> all = new CopyOnWriteArrayList<>();
  private volatile boolean closed;

  /**
   * @param endpoint the {@code /prediction} URL
   * @param bodies JSON request bodies, cycled through
   */
  public LoadGenerator(URI endpoint, List<String> bodies) {
    this(endpoint, bodies, Ticker.SYSTEM);
  }

  /**
   * @param clock what the open loop's schedule and latencies are kept by
   */
  public LoadGenerator(URI endpoint, List<String> bodies, Ticker clock) {
    if (bodies.isEmpty()) {
      throw new IllegalArgumentException("no request bodies");
    }
    this.endpoint = endpoint;
    this.clock = clock;
    this.requests = bodies.stream().map(b -> HttpConnection.encodePost(endpoint, b)).toList();
    AtomicInteger n = new AtomicInteger();
    // Idle callers are reused; when all are busy the scheduler sends the request itself, late, and its wait counts.
    this.executor = new ThreadPoolExecutor(0, MAX_OPEN_LOOP_CALLERS, 10, TimeUnit.SECONDS, new SynchronousQueue<>(),
        r -> {
          Thread t = new Thread(r, "load-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        }, new ThreadPoolExecutor.CallerRunsPolicy());
  }

  /**
   * Open-loop latency.
   *
   * @param errors count of non-200 answers and failed requests
   */
  public record OpenLoopResult(LatencySummary latency, int sent, int errors) {}

  /** Sends {@code ratePerSecond} requests a second for {@code duration}; waits for the stragglers. */
  public OpenLoopResult openLoop(double ratePerSecond, Duration duration, BooleanSupplier cancelled)
      throws InterruptedException {
    Histogram h = new ConcurrentHistogram(3);
    AtomicInteger errors = new AtomicInteger();
    long intervalNanos = (long) (1e9 / ratePerSecond);
    int total = (int) Math.max(1, duration.toNanos() / intervalNanos);
    long start = clock.nanoTime();
    List<CompletableFuture<Void>> inFlight = new ArrayList<>();
    for (int i = 0; i < total && !cancelled.getAsBoolean(); i++) {
      long due = start + i * intervalNanos;
      clock.sleepUntil(due);
      byte[] request = requests.get(i % requests.size());
      inFlight.add(scheduled(request, due, h, errors::incrementAndGet));
    }
    awaitAll(inFlight, cancelled);
    return new OpenLoopResult(LatencySummary.of(h), inFlight.size(), errors.get());
  }

  /**
   * A warm-up to steady state: {@code ratePerSecond} requests a second, as in {@link #openLoop}, each latency kept in
   * the window of its due time, until the windows whose requests are back hold a steady run ({@link SteadyState}) or
   * {@code limit} has passed; then waits for the stragglers.
   */
  public WarmUp toSteady(double ratePerSecond, Duration window, Duration limit, BooleanSupplier cancelled)
      throws InterruptedException {
    SteadyWindows windows = new SteadyWindows(window.toNanos(), (int) (limit.toNanos() / window.toNanos()));
    long intervalNanos = (long) (1e9 / ratePerSecond);
    long startedAt = Readiness.now();
    long start = clock.nanoTime();
    int kept = windows.max();
    for (int i = 0; !cancelled.getAsBoolean(); i++) {
      long due = start + i * intervalNanos;
      int w = windows.indexOf(due - start);
      if (w >= windows.max()) {
        break;
      }
      if (windows.steadyBefore(w)) {
        // Window w has only just begun: it would be a sliver of a window, not one.
        kept = w;
        break;
      }
      clock.sleepUntil(due);
      byte[] request = requests.get(i % requests.size());
      org.HdrHistogram.Histogram h = windows.histogram(w);
      windows.add(w, scheduled(request, due, h, windows::error));
    }
    awaitAll(windows.all(), cancelled);
    return windows.result(startedAt, kept);
  }

  /**
   * Sends one request of an open loop: a 200's latency, counted from when it was {@code due}, goes into {@code h};
   * anything else calls {@code failed}.
   */
  private CompletableFuture<Void> scheduled(byte[] request, long due, org.HdrHistogram.Histogram h, Runnable failed) {
    return CompletableFuture.runAsync(() -> {
      try {
        if (exchange(request).statusCode() == 200) {
          LatencySummary.recordNanos(h, clock.nanoTime() - due);
          return;
        }
      } catch (IOException e) {
        // Counted below.
      }
      failed.run();
    }, executor);
  }

  /** Closed-loop throughput: {@code concurrency} callers for {@code duration}; successful answers per second. */
  public double throughput(int concurrency, Duration duration, BooleanSupplier cancelled) throws InterruptedException {
    return closedLoop(concurrency, duration, cancelled).throughput();
  }

  /**
   * Closed-loop load.
   *
   * @param throughput successful answers per second
   * @param latency of the successful answers
   */
  public record ClosedLoopResult(double throughput, LatencySummary latency) {}

  /** {@code concurrency} callers, each sending its next request once its last is answered, for {@code duration}. */
  public ClosedLoopResult closedLoop(int concurrency, Duration duration, BooleanSupplier cancelled)
      throws InterruptedException {
    AtomicInteger ok = new AtomicInteger();
    Histogram h = new ConcurrentHistogram(3);
    long start = System.nanoTime();
    long end = start + duration.toNanos();
    List<CompletableFuture<Void>> callers = new ArrayList<>();
    for (int c = 0; c < concurrency; c++) {
      int offset = c;
      callers.add(CompletableFuture.runAsync(() -> {
        HttpConnection connection = borrow();
        try {
          for (int i = offset; System.nanoTime() < end && !cancelled.getAsBoolean() && !closed; i++) {
            try {
              long sent = System.nanoTime();
              if (connection.send(requests.get(i % requests.size())).statusCode() == 200) {
                LatencySummary.recordNanos(h, System.nanoTime() - sent);
                ok.incrementAndGet();
              }
            } catch (IOException e) {
              // A failed request counts as no answer; the connection reopens at the next one.
            }
          }
        } finally {
          idle.push(connection);
        }
      }, executor));
    }
    awaitAll(callers, cancelled);
    return new ClosedLoopResult(ok.get() / ((System.nanoTime() - start) / 1e9), LatencySummary.of(h));
  }

  /**
   * Each body once, in order, one at a time; a request that fails gets status 0 and the reason as its body. Stops at
   * a cancel.
   */
  public List<HttpConnection.Response> answers(List<String> bodies, BooleanSupplier cancelled) {
    List<HttpConnection.Response> out = new ArrayList<>();
    for (String body : bodies) {
      if (cancelled.getAsBoolean()) {
        throw new java.util.concurrent.CancellationException("cancelled");
      }
      try {
        out.add(post(body));
      } catch (IOException e) {
        out.add(new HttpConnection.Response(0, String.valueOf(e.getMessage())));
      }
    }
    return out;
  }

  /** One request with this JSON body. */
  public HttpConnection.Response post(String body) throws IOException {
    return exchange(HttpConnection.encodePost(endpoint, body));
  }

  /** A {@code GET} of another path on the same server, such as its health check. */
  public HttpConnection.Response get(String path) throws IOException {
    return exchange(HttpConnection.encodeGet(endpoint.resolve(path)));
  }

  private HttpConnection.Response exchange(byte[] request) throws IOException {
    HttpConnection connection = borrow();
    try {
      return connection.send(request);
    } finally {
      idle.push(connection);
    }
  }

  private HttpConnection borrow() {
    HttpConnection c = idle.poll();
    if (c == null) {
      c = new HttpConnection(endpoint, CONNECT_TIMEOUT, READ_TIMEOUT);
      all.add(c);
    }
    return c;
  }

  /**
   * Waits for every request or caller, two minutes at most, but stops waiting within a tenth of a second of a cancel:
   * a cancel closes this generator, and requests its executor never started never complete.
   */
  private static void awaitAll(List<? extends CompletableFuture<?>> futures, BooleanSupplier cancelled)
      throws InterruptedException {
    CompletableFuture<Void> all = CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (!all.isDone() && !cancelled.getAsBoolean() && System.nanoTime() < deadline) {
      try {
        all.get(100, TimeUnit.MILLISECONDS);
      } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
        // Individual failures are already counted; a timeout just means: look at the cancel flag again.
      }
    }
    if (cancelled.getAsBoolean()) {
      throw new java.util.concurrent.CancellationException("cancelled");
    }
  }

  /** Stops the callers and closes every connection. */
  @Override
  public void close() {
    closed = true;
    executor.shutdownNow();
    all.forEach(HttpConnection::close);
  }
}
