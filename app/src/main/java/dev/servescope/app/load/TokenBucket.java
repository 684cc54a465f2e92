package dev.servescope.app.load;

/**
 * One rate for every connection that takes from it: a token bucket of bytes, refilled at {@code bytesPerSecond}, that
 * holds at most a twentieth of a second's worth, so that a burst stays short. Callers block until their bytes are
 * covered. Thread-safe.
 */
public final class TokenBucket {
  private static final long NANOS = 1_000_000_000L;
  private static final long MIN_BURST = 64 * 1024;

  private final long bytesPerSecond;
  private final long capacity;
  private final Ticker clock;
  private double tokens;
  private long refilledAt;

  /**
   * @param bytesPerSecond the rate; at least 1
   * @param clock what the refill and the waits are kept by
   */
  public TokenBucket(long bytesPerSecond, Ticker clock) {
    if (bytesPerSecond < 1) {
      throw new IllegalArgumentException("a rate of at least one byte a second, not " + bytesPerSecond);
    }
    this.bytesPerSecond = bytesPerSecond;
    this.capacity = Math.max(MIN_BURST, bytesPerSecond / 20);
    this.clock = clock;
    this.refilledAt = clock.nanoTime();
  }

  public long bytesPerSecond() {
    return bytesPerSecond;
  }

  /** The most one {@link #take} should ask for, so that no single call waits for more than the bucket holds. */
  public int chunk() {
    return (int) Math.min(capacity, 64 * 1024);
  }

  /** Returns once {@code bytes} (at most {@link #chunk()}) have been paid for at the rate. */
  public synchronized void take(int bytes) throws InterruptedException {
    refill();
    while (tokens < bytes) {
      long due = refilledAt + (long) Math.ceil((bytes - tokens) * NANOS / bytesPerSecond);
      clock.sleepUntil(due);
      refill();
    }
    tokens -= bytes;
  }

  private void refill() {
    long now = clock.nanoTime();
    if (now > refilledAt) {
      tokens = Math.min(capacity, tokens + (double) (now - refilledAt) * bytesPerSecond / NANOS);
      refilledAt = now;
    }
  }
}
