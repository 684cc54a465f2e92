package dev.servescope.app.docker;

import com.github.dockerjava.api.DockerClient;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Files into containers, as the engine takes them: a tar, unpacked where it is sent. */
final class ContainerFiles {
  private static final Logger LOG = LoggerFactory.getLogger(ContainerFiles.class);

  private final DockerEngine engine;
  private final DockerClient client;

  ContainerFiles(DockerEngine engine, DockerClient client) {
    this.engine = engine;
    this.client = client;
  }

  void putFile(String containerId, String path, byte[] content) {
    int slash = path.lastIndexOf('/');
    ByteArrayOutputStream tar = new ByteArrayOutputStream();
    try (TarArchiveOutputStream out = new TarArchiveOutputStream(tar)) {
      TarArchiveEntry entry = new TarArchiveEntry(path.substring(slash + 1));
      entry.setSize(content.length);
      entry.setMode(0644);
      out.putArchiveEntry(entry);
      out.write(content);
      out.closeArchiveEntry();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    engine.call("copy a file into a container", () -> client.copyArchiveToContainerCmd(containerId)
        .withTarInputStream(new ByteArrayInputStream(tar.toByteArray()))
        .withRemotePath(slash <= 0 ? "/" : path.substring(0, slash)).exec());
  }

  /** Packs the files into a scratch tar under {@code dir}'s path, then streams it, unpacked at the root. */
  void putFiles(String containerId, String dir, List<Path> files) {
    String folder = dir.replaceAll("^/+|/+$", "");
    if (folder.isEmpty() || !dir.startsWith("/")) {
      throw new IllegalArgumentException("files go into an absolute folder other than the root, not '" + dir + "'");
    }
    Path tar = null;
    try {
      tar = Files.createTempFile("servescope-files-", ".tar");
      try (TarArchiveOutputStream out = new TarArchiveOutputStream(Files.newOutputStream(tar))) {
        out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        out.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        String path = "";
        for (String part : folder.split("/+")) {
          path += part + "/";
          TarArchiveEntry entry = new TarArchiveEntry(path);
          entry.setMode(040755);
          out.putArchiveEntry(entry);
          out.closeArchiveEntry();
        }
        for (Path file : files) {
          TarArchiveEntry entry = new TarArchiveEntry(path + file.getFileName());
          entry.setSize(Files.size(file));
          entry.setMode(0644);
          out.putArchiveEntry(entry);
          Files.copy(file, out);
          out.closeArchiveEntry();
        }
      }
      try (InputStream in = Files.newInputStream(tar)) {
        engine.call("copy files into a container", () -> client.copyArchiveToContainerCmd(containerId)
            .withTarInputStream(in).withRemotePath("/").exec());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot pack files for a container: " + e.getMessage(), e);
    } finally {
      if (tar != null) {
        try {
          Files.deleteIfExists(tar);
        } catch (IOException e) {
          LOG.debug("scratch tar {} stays: {}", tar, e.getMessage());
        }
      }
    }
  }

  /** Streams {@code docker save} of the image into the container's folder, where the engine unpacks the tar. */
  void copyImageInto(InputStream saved, String containerId, String dir) {
    try (saved) {
      engine.call("copy an image into a container", () -> client.copyArchiveToContainerCmd(containerId)
          .withTarInputStream(saved).withRemotePath(dir).exec());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
