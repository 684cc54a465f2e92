package dev.servescope.app.image;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.zip.Deflater;

/**
 * What a layer weighs on the wire: its tar compressed as gzip at the default level, as {@code docker push} stores it in
 * a registry. The bytes are compressed as they stream past, in 1 MB blocks on every core (blocks compressed
 * independently, as pigz does without its dictionary carry-over: a little more than one gzip stream), with a bounded
 * number of blocks in flight, so memory stays flat whatever the layer's size.
 */
final class TransferSizer implements AutoCloseable {
  static final int BLOCK = 1 << 20;
  /** A gzip member's header and trailer. */
  private static final int GZIP_FRAME = 18;
  private final ExecutorService pool;
  private final Semaphore inFlight;

  TransferSizer() {
    int cores = Math.max(1, Runtime.getRuntime().availableProcessors());
    pool = Executors.newFixedThreadPool(cores, r -> {
      Thread t = new Thread(r, "transfer-size");
      t.setDaemon(true);
      return t;
    });
    inFlight = new Semaphore(cores * 2);
  }

  /** Counts one layer: feed it every byte of the layer's tar, then ask {@link Layer#compressedBytes()}. */
  Layer layer() {
    return new Layer();
  }

  /** The compressed size of one layer being read. */
  final class Layer {
    private byte[] block = new byte[BLOCK];
    private int filled;
    private final List<Future<Long>> blocks = new ArrayList<>();

    void accept(byte[] b, int off, int len) {
      while (len > 0) {
        int n = Math.min(len, BLOCK - filled);
        System.arraycopy(b, off, block, filled, n);
        filled += n;
        off += n;
        len -= n;
        if (filled == BLOCK) {
          submit();
        }
      }
    }

    private void submit() {
      byte[] full = block;
      int length = filled;
      block = new byte[BLOCK];
      filled = 0;
      inFlight.acquireUninterruptibly();
      blocks.add(pool.submit(() -> {
        try {
          return deflatedSize(full, length);
        } finally {
          inFlight.release();
        }
      }));
    }

    /** Waits for the layer's blocks; the gzip size of everything fed. */
    long compressedBytes() {
      if (filled > 0) {
        submit();
      }
      long total = GZIP_FRAME;
      try {
        for (Future<Long> f : blocks) {
          total += f.get();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new java.util.concurrent.CancellationException("interrupted");
      } catch (ExecutionException e) {
        throw new IllegalStateException("cannot compress a layer: " + e.getCause(), e.getCause());
      }
      return total;
    }
  }

  /**
   * The block's size as deflate at the default level. A block that the fastest level cannot shrink by 2% in its first
   * 64 kB (a jar, a model's weights: compressed already) is counted as deflate stores it, its bytes plus 5 per 64 kB:
   * searching it for matches at the default level would cost most of an image's inspection and find none.
   */
  static long deflatedSize(byte[] data, int length) {
    int probe = Math.min(length, 64 * 1024);
    if (probe >= 4096 && deflate(data, probe, Deflater.BEST_SPEED) >= probe * 0.98) {
      return length + 5L * ((length + 65_534) / 65_535);
    }
    return deflate(data, length, Deflater.DEFAULT_COMPRESSION);
  }

  private static long deflate(byte[] data, int length, int level) {
    Deflater deflater = new Deflater(level, true);
    try {
      deflater.setInput(data, 0, length);
      deflater.finish();
      byte[] out = new byte[64 * 1024];
      long n = 0;
      while (!deflater.finished()) {
        n += deflater.deflate(out);
      }
      return n;
    } finally {
      deflater.end();
    }
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
