package dev.servescope.inference;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Waits in a test for a condition to hold, instead of sleeping for a time that is usually enough. */
public final class Await {
  private Await() {}

  /**
   * Returns as soon as {@code condition} holds; fails, naming {@code what} it waited for, when it does not within
   * {@code timeout} (a bound for a broken build, never the expected wait).
   */
  public static void until(String what, Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("waited " + timeout.toSeconds() + " s for " + what);
      }
      LockSupport.parkNanos(1_000_000);
    }
  }
}
