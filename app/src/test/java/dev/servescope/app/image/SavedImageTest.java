package dev.servescope.app.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** docker save streams, classic and OCI, made in the test: layers in manifest order with their instructions. */
class SavedImageTest {
  private static final String CONFIG = """
      {"history": [
        {"created_by": "/bin/sh -c #(nop) ADD file:abc in /"},
        {"created_by": "/bin/sh -c #(nop)  ENV A=1", "empty_layer": true},
        {"created_by": "/bin/sh -c rm -rf /a/file1"}
      ]}""";

  private static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    }
    return out.toByteArray();
  }

  @Test
  void aClassicSaveIsReadInManifestOrderWhateverTheStreamOrder() throws IOException {
    byte[] bottom = new Tars().dir("a").file("a/file1", 100_000).bytes();
    byte[] top = new Tars().whiteout("a/file1").bytes();
    // As docker 20.10 writes it: layer folders first (in id order, not layer order), the manifest last.
    byte[] saved = new Tars().file("aaa/layer.tar", top).file("bbb/layer.tar", bottom)
        .text("cfg.json", CONFIG)
        .text("manifest.json", "[{\"Config\":\"cfg.json\",\"RepoTags\":[\"t:1\"],\"Layers\":[\"bbb/layer.tar\","
            + "\"aaa/layer.tar\"]}]").bytes();
    List<Long> progress = new ArrayList<>();
    SavedImage image = SavedImage.read(new ByteArrayInputStream(saved), progress::add);

    assertThat(image.layers()).extracting(SavedImage.Layer::createdBy).containsExactly(
        "/bin/sh -c #(nop) ADD file:abc in /", "/bin/sh -c rm -rf /a/file1");
    assertThat(image.layers().get(0).entries()).extracting(FileEntry::path).containsExactly("a", "a/file1");
    // 100 KB of one byte repeated compresses to almost nothing; an empty layer to its tar's blocks.
    assertThat(image.layers().get(0).transferBytes()).isPositive().isLessThan(2_000);
    ImageReport report = ImageAnalysis.report("t:1", image, 100_000, List.of(100_000L, 0L), 5);
    assertThat(report.wastedBytes()).isEqualTo(100_000);
    assertThat(report.efficiency()).isZero();
    assertThat(report.files()).isZero();
    assertThat(report.layers()).extracting(ImageReport.LayerReport::filesRemoved).containsExactly(0, 1);
    assertThat(report.layers().stream().mapToLong(ImageReport.LayerReport::sizeBytes).sum())
        .isEqualTo(report.sizeBytes());
  }

  @Test
  void anOciSaveWithGzippedLayersIsReadThroughItsIndex() throws IOException {
    byte[] layer = gzip(new Tars().dir("opt").file("opt/model.onnx", 5_000).bytes());
    String manifest = "{\"config\":{\"digest\":\"sha256:c0\"},\"layers\":[{\"digest\":\"sha256:l1\"}]}";
    byte[] saved = new Tars().text("oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}")
        .file("blobs/sha256/l1", layer)
        .text("blobs/sha256/c0", "{\"history\":[{\"created_by\":\"COPY model /opt\"}]}")
        .text("blobs/sha256/m0", manifest)
        .text("index.json", "{\"manifests\":[{\"digest\":\"sha256:m0\"}]}").bytes();
    SavedImage image = SavedImage.read(new ByteArrayInputStream(saved), n -> { });

    assertThat(image.layers()).singleElement().satisfies(l -> {
      assertThat(l.createdBy()).isEqualTo("COPY model /opt");
      assertThat(l.transferBytes()).as("a compressed layer moves as it is").isEqualTo(layer.length);
      assertThat(l.entries()).extracting(FileEntry::path).containsExactly("opt", "opt/model.onnx");
    });
    ImageReport report = ImageAnalysis.report("oci", image, 5_000, List.of(5_000L), 3);
    assertThat(report.categories()).containsEntry(Categories.MODEL, 5_000L);
    assertThat(report.topFiles()).containsExactly(new ImageReport.PathSize("/opt/model.onnx", 5_000));
  }

  @Test
  void aStreamThatIsNoSavedImageSaysSo() throws IOException {
    byte[] notAnImage = new Tars().text("hello.txt", "hi").bytes();
    assertThatThrownBy(() -> SavedImage.read(new ByteArrayInputStream(notAnImage), n -> { }))
        .hasMessageContaining("not a saved image");
    byte[] missing = new Tars().text("cfg.json", CONFIG).text("manifest.json",
        "[{\"Config\":\"cfg.json\",\"Layers\":[\"x/layer.tar\"]}]").bytes();
    assertThatThrownBy(() -> SavedImage.read(new ByteArrayInputStream(missing), n -> { }))
        .hasMessageContaining("x/layer.tar is named in the manifest but not in the stream");
  }
}
