package dev.servescope.app.ladder;

import java.io.Closeable;
import java.io.IOException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A cancel button for long Docker work: operations register what must be closed to stop them (a build stream, a
 * load generator), and {@link #cancel()} closes all of it at once, from any thread.
 */
public final class Cancellation {
  private static final Logger LOG = LoggerFactory.getLogger(Cancellation.class);

  private final AtomicBoolean cancelled = new AtomicBoolean();
  private final java.util.concurrent.CountDownLatch stopped = new java.util.concurrent.CountDownLatch(1);
  private final CopyOnWriteArrayList<Closeable> onCancel = new CopyOnWriteArrayList<>();

  public boolean isCancelled() {
    return cancelled.get();
  }

  /** Stops the work in progress; safe to call more than once. */
  public void cancel() {
    if (cancelled.compareAndSet(false, true)) {
      stopped.countDown();
      for (Closeable c : onCancel) {
        closeQuietly(c);
      }
    }
  }

  /** Closes {@code c} on cancel (at once if already cancelled) until the returned handle is closed. */
  public Registration register(Closeable c) {
    onCancel.add(c);
    if (cancelled.get()) {
      closeQuietly(c);
    }
    return () -> onCancel.remove(c);
  }

  /** @throws CancellationException when cancelled */
  public void check() {
    if (cancelled.get()) {
      throw new CancellationException("cancelled");
    }
  }

  /**
   * Lets {@code span} pass, as a measurement of what happens at rest needs to; returns at once on a cancel.
   *
   * @throws CancellationException when cancelled before or during it
   */
  public void rest(java.time.Duration span) throws InterruptedException {
    if (stopped.await(span.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS)) {
      throw new CancellationException("cancelled");
    }
  }

  private static void closeQuietly(Closeable c) {
    try {
      c.close();
    } catch (IOException | RuntimeException e) {
      LOG.debug("closing on cancel failed: {}", e.getMessage());
    }
  }

  /** Removes a registration; never throws. */
  public interface Registration extends AutoCloseable {
    @Override
    void close();
  }
}
