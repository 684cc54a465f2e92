package dev.servescope.app.load;

import java.util.concurrent.TimeUnit;

/** The clock a load generator keeps its schedule by: the machine's, or a test's that it can step through. */
public interface Ticker {

  /** The machine's monotonic clock. */
  Ticker SYSTEM = new Ticker() {
    @Override
    public long nanoTime() {
      return System.nanoTime();
    }

    @Override
    public void sleepUntil(long nanos) throws InterruptedException {
      long wait = nanos - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
    }
  };

  /** Now, in nanoseconds from an arbitrary origin. */
  long nanoTime();

  /** Returns at {@code nanos} (at once when it has passed). */
  void sleepUntil(long nanos) throws InterruptedException;
}
