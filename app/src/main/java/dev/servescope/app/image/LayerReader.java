package dev.servescope.app.image;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Reads one layer's tar stream into its entries, whiteouts and opaque folders recognised, each regular file's
 * content checksummed on the way. Streams: only the entries are kept, never the content.
 */
final class LayerReader {
  private static final int BUFFER = 64 * 1024;

  private LayerReader() {}

  /** The layer's entries in tar order. The stream is read to its end, not closed. */
  static List<FileEntry> read(InputStream layerTar) throws IOException {
    List<FileEntry> out = new ArrayList<>();
    TarArchiveInputStream tar = new TarArchiveInputStream(new NonClosing(layerTar));
    byte[] buffer = new byte[BUFFER];
    for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
      String path = FileEntry.normalize(e.getName());
      int slash = path.lastIndexOf('/');
      String folder = slash < 0 ? "" : path.substring(0, slash);
      String name = path.substring(slash + 1);
      if (name.equals(FileEntry.OPAQUE_MARKER)) {
        out.add(new FileEntry(folder, FileEntry.Kind.OPAQUE, 0, null, 0));
      } else if (name.startsWith(FileEntry.WHITEOUT_PREFIX)) {
        String removed = name.substring(FileEntry.WHITEOUT_PREFIX.length());
        out.add(new FileEntry(folder.isEmpty() ? removed : folder + "/" + removed, FileEntry.Kind.WHITEOUT, 0, null,
            0));
      } else if (path.isEmpty()) {
        continue;
      } else if (e.isDirectory()) {
        out.add(new FileEntry(path, FileEntry.Kind.DIR, 0, null, 0));
      } else if (e.isSymbolicLink()) {
        out.add(new FileEntry(path, FileEntry.Kind.SYMLINK, 0, e.getLinkName(), 0));
      } else if (e.isLink()) {
        out.add(new FileEntry(path, FileEntry.Kind.HARDLINK, 0, FileEntry.normalize(e.getLinkName()), 0));
      } else if (e.isFile()) {
        CRC32C crc = new CRC32C();
        long size = 0;
        for (int n = tar.read(buffer); n >= 0; n = tar.read(buffer)) {
          crc.update(buffer, 0, n);
          size += n;
        }
        out.add(new FileEntry(path, FileEntry.Kind.FILE, size, null, crc.getValue()));
      } else {
        out.add(new FileEntry(path, FileEntry.Kind.OTHER, 0, null, 0));
      }
    }
    // Whatever follows the tar's end marker (padding) belongs to this layer: read it so the next one starts clean.
    while (layerTar.read(buffer) >= 0) {
      // drain
    }
    return out;
  }

  /** Lets the tar reader close its view without closing the image stream under it. */
  private static final class NonClosing extends java.io.FilterInputStream {
    NonClosing(InputStream in) {
      super(in);
    }

    @Override
    public void close() {
      // The caller owns the stream.
    }
  }
}
