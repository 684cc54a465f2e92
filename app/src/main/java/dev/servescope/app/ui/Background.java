package dev.servescope.app.ui;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** The app's worker threads: daemons, so a closing window never waits on them. */
final class Background {
  private Background() {}

  static ExecutorService newExecutor() {
    AtomicInteger n = new AtomicInteger();
    return Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "servescope-worker-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }
}
