package dev.servescope.app.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * An image as {@code docker save} streams it, read in one pass: each layer's entries and transfer size, and, from the
 * manifest and the config (which may come last), the layers' order and the instruction that made each. Reads both the
 * classic layout ({@code <id>/layer.tar}, {@code manifest.json}) and the OCI one ({@code blobs/sha256/...},
 * {@code index.json}); layers may be plain or gzip-compressed tars.
 *
 * @param layers bottom layer first
 */
public record SavedImage(List<Layer> layers) {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int SMALL = 8 << 20;

  /**
   * One layer.
   *
   * @param createdBy the instruction that made it (from the image's config history)
   * @param entries its tar's entries
   * @param transferBytes its tar as gzip
   * @param history the index of its entry in the image's history (which also lists instructions that made no layer)
   */
  public record Layer(String createdBy, List<FileEntry> entries, long transferBytes, int history) {}

  /** Layers read before their place in the manifest is known. */
  private record Read(List<FileEntry> entries, long transferBytes) {}

  /**
   * Reads a saved image's stream to its end.
   *
   * @param progress bytes read so far, now and then
   */
  public static SavedImage read(InputStream saved, LongConsumer progress) throws IOException {
    Map<String, Read> layers = new HashMap<>();
    Map<String, byte[]> small = new HashMap<>();
    CountingStream counted = new CountingStream(saved, progress);
    try (TransferSizer sizer = new TransferSizer()) {
      TarArchiveInputStream outer = new TarArchiveInputStream(counted);
      for (TarArchiveEntry e = outer.getNextEntry(); e != null; e = outer.getNextEntry()) {
        if (!e.isFile()) {
          continue;
        }
        String name = FileEntry.normalize(e.getName());
        BufferedInputStream in = new BufferedInputStream(outer, 1024);
        in.mark(1024);
        byte[] head = in.readNBytes(512);
        in.reset();
        if (isGzip(head)) {
          // Compressed already: what moves is these bytes as they are.
          long[] compressed = {0};
          InputStream counting = new Tee(in, (b, off, len) -> compressed[0] += len);
          List<FileEntry> entries = LayerReader.read(new GZIPInputStream(counting, 64 * 1024));
          counting.transferTo(java.io.OutputStream.nullOutputStream());
          layers.put(name, new Read(entries, compressed[0]));
        } else if (isTar(head)) {
          TransferSizer.Layer wire = sizer.layer();
          List<FileEntry> entries = LayerReader.read(new Tee(in, wire::accept));
          layers.put(name, new Read(entries, wire.compressedBytes()));
        } else if (e.getSize() <= SMALL) {
          small.put(name, in.readAllBytes());
        }
      }
    }
    return assemble(layers, small);
  }

  private static SavedImage assemble(Map<String, Read> layers, Map<String, byte[]> small) throws IOException {
    byte[] manifestBytes = small.get("manifest.json");
    JsonNode manifest;
    if (manifestBytes != null) {
      manifest = JSON.readTree(manifestBytes).path(0);
    } else if (small.containsKey("index.json")) {
      // OCI without docker's manifest.json: index -> image manifest -> config and layers.
      String digest = JSON.readTree(small.get("index.json")).path("manifests").path(0).path("digest").asText();
      JsonNode oci = JSON.readTree(blob(small, digest));
      List<String> ls = new ArrayList<>();
      oci.path("layers").forEach(l -> ls.add(blobName(l.path("digest").asText())));
      manifest = JSON.createObjectNode().put("Config", blobName(oci.path("config").path("digest").asText()))
          .set("Layers", JSON.valueToTree(ls));
    } else {
      throw new IOException("not a saved image: no manifest.json or index.json in the stream");
    }
    JsonNode config = JSON.readTree(blob(small, FileEntry.normalize(manifest.path("Config").asText())));
    List<String> createdBy = new ArrayList<>();
    List<Integer> historyIndex = new ArrayList<>();
    int index = 0;
    for (JsonNode h : config.path("history")) {
      if (!h.path("empty_layer").asBoolean(false)) {
        createdBy.add(h.path("created_by").asText(""));
        historyIndex.add(index);
      }
      index++;
    }
    List<Layer> ordered = new ArrayList<>();
    JsonNode names = manifest.path("Layers");
    for (int i = 0; i < names.size(); i++) {
      Read l = layers.get(FileEntry.normalize(names.get(i).asText()));
      if (l == null) {
        throw new IOException("layer " + names.get(i).asText() + " is named in the manifest but not in the stream");
      }
      boolean known = i < createdBy.size();
      ordered.add(new Layer(known ? createdBy.get(i) : "", l.entries(), l.transferBytes(),
          known ? historyIndex.get(i) : -1));
    }
    return new SavedImage(List.copyOf(ordered));
  }

  private static byte[] blob(Map<String, byte[]> small, String name) throws IOException {
    byte[] b = small.get(name.startsWith("sha256:") ? blobName(name) : name);
    if (b == null) {
      throw new IOException("not a saved image: " + name + " is missing from the stream");
    }
    return b;
  }

  private static String blobName(String digest) {
    return "blobs/" + digest.replace(':', '/');
  }

  static boolean isGzip(byte[] head) {
    return head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b;
  }

  static boolean isTar(byte[] head) {
    return head.length >= 263 && head[257] == 'u' && head[258] == 's' && head[259] == 't' && head[260] == 'a'
        && head[261] == 'r';
  }

  /** Receives the bytes read through a {@link Tee}. */
  interface Sink {
    void accept(byte[] b, int off, int len);
  }

  /** Hands every byte read (skipped ones too) to a sink. */
  private static final class Tee extends FilterInputStream {
    private final Sink sink;

    Tee(InputStream in, Sink sink) {
      super(in);
      this.sink = sink;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = in.read(b, off, len);
      if (n > 0) {
        sink.accept(b, off, n);
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      byte[] buffer = new byte[(int) Math.min(n, 64 * 1024)];
      long skipped = 0;
      while (skipped < n) {
        int r = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
        if (r < 0) {
          break;
        }
        skipped += r;
      }
      return skipped;
    }

    @Override
    public boolean markSupported() {
      return false;
    }

    @Override
    public void close() {
      // The outer tar owns the stream.
    }
  }

  /** Counts the image stream's bytes for progress, reporting every 16 MB. */
  private static final class CountingStream extends FilterInputStream {
    private final LongConsumer progress;
    private long count;
    private long reported;

    CountingStream(InputStream in, LongConsumer progress) {
      super(in);
      this.progress = progress;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = in.read(b, off, len);
      if (n > 0) {
        count += n;
        if (count - reported >= (16 << 20)) {
          reported = count;
          progress.accept(count);
        }
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long s = in.skip(n);
      count += Math.max(0, s);
      return s;
    }
  }
}
