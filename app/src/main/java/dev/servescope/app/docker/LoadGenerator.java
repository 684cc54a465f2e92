package dev.servescope.app.docker;

import dev.servescope.inference.bench.LatencySummary;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Drives a prediction server over HTTP. Latency is measured open-loop: requests leave on a fixed schedule whether or
 * not earlier ones have returned, and each latency counts from when its request was due, so a stall shows up in the
 * percentiles instead of silently slowing the client. Throughput is measured closed-loop with a fixed number of
 * callers.
 */
public final class LoadGenerator implements AutoCloseable {
  private final HttpClient http;
  private final ExecutorService executor;
  private final URI endpoint;
  private final List<String> bodies;

  /**
   * @param endpoint the {@code /prediction} URL
   * @param bodies JSON request bodies, cycled through
   */
  public LoadGenerator(URI endpoint, List<String> bodies) {
    if (bodies.isEmpty()) {
      throw new IllegalArgumentException("no request bodies");
    }
    this.executor = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "load");
      t.setDaemon(true);
      return t;
    });
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(executor)
        .connectTimeout(Duration.ofSeconds(5)).build();
    this.endpoint = endpoint;
    this.bodies = List.copyOf(bodies);
  }

  /**
   * Open-loop latency.
   *
   * @param errors count of non-200 answers and failed requests
   */
  public record OpenLoopResult(LatencySummary latency, int sent, int errors) {}

  /** Sends {@code ratePerSecond} requests a second for {@code duration}; waits for the stragglers. */
  public OpenLoopResult openLoop(double ratePerSecond, Duration duration, Cancellation cancel)
      throws InterruptedException {
    Histogram h = new ConcurrentHistogram(3);
    AtomicInteger errors = new AtomicInteger();
    long intervalNanos = (long) (1e9 / ratePerSecond);
    int total = (int) Math.max(1, duration.toNanos() / intervalNanos);
    long start = System.nanoTime();
    List<CompletableFuture<Void>> inFlight = new ArrayList<>();
    for (int i = 0; i < total && !cancel.isCancelled(); i++) {
      long due = start + i * intervalNanos;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
      inFlight.add(send(bodies.get(i % bodies.size())).handle((r, e) -> {
        if (e != null || r.statusCode() != 200) {
          errors.incrementAndGet();
        } else {
          LatencySummary.recordNanos(h, System.nanoTime() - due);
        }
        return null;
      }));
    }
    awaitAll(inFlight, cancel);
    return new OpenLoopResult(LatencySummary.of(h), inFlight.size(), errors.get());
  }

  /** Closed-loop throughput: {@code concurrency} callers for {@code duration}; successful answers per second. */
  public double throughput(int concurrency, Duration duration, Cancellation cancel) throws InterruptedException {
    AtomicInteger ok = new AtomicInteger();
    long end = System.nanoTime() + duration.toNanos();
    long start = System.nanoTime();
    List<CompletableFuture<Void>> callers = new ArrayList<>();
    for (int c = 0; c < concurrency; c++) {
      int offset = c;
      callers.add(CompletableFuture.runAsync(() -> {
        int i = offset;
        while (System.nanoTime() < end && !cancel.isCancelled()) {
          try {
            HttpResponse<String> r = send(bodies.get(i++ % bodies.size())).get(60, TimeUnit.SECONDS);
            if (r.statusCode() == 200) {
              ok.incrementAndGet();
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            // A failed request counts as no answer.
          }
        }
      }, executor));
    }
    awaitAll(callers, cancel);
    return ok.get() / ((System.nanoTime() - start) / 1e9);
  }

  /** One request; the answer's body. */
  public HttpResponse<String> post(String body) throws InterruptedException, java.io.IOException {
    return http.send(request(body), HttpResponse.BodyHandlers.ofString());
  }

  private CompletableFuture<HttpResponse<String>> send(String body) {
    return http.sendAsync(request(body), HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest request(String body) {
    return HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(60))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
  }

  private static void awaitAll(List<? extends CompletableFuture<?>> futures, Cancellation cancel)
      throws InterruptedException {
    try {
      CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      // Individual failures are already counted.
    }
    cancel.check();
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
