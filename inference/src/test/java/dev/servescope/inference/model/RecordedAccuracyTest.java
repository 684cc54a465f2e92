package dev.servescope.inference.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.servescope.inference.classify.Classifier;
import dev.servescope.inference.classify.ClassifierOptions;
import dev.servescope.inference.train.Evaluation;
import dev.servescope.inference.train.LabeledText;
import dev.servescope.inference.train.TsvDataset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The accuracy the catalog shows beside each variant is what the variant scores now, on SST-2 dev: re-measured where
 * the data set lies next to the project (it is never committed), skipped elsewhere. On the instruction set it was
 * recorded on, to the sentence; on another, within the few sentences its kernels may answer differently.
 */
class RecordedAccuracyTest {
  private static final ModelCatalog CATALOG = ModelCatalog.withDefaultCache();

  @Test
  void everyRecordedAccuracyIsWhatTheVariantScoresOnThisCpu() throws Exception {
    Path dev = Stream.of(System.getenv("SERVESCOPE_DEV_TSV"), "../../shared/data/sst2/dev.tsv",
        "../shared/data/sst2/dev.tsv").filter(p -> p != null && Files.isRegularFile(Path.of(p))).map(Path::of)
        .findFirst().orElse(null);
    assumeTrue(dev != null, "skipped: SST-2 dev.tsv not found next to the project (set SERVESCOPE_DEV_TSV)");
    List<LabeledText> data = TsvDataset.read(dev);
    InstructionSet here = InstructionSet.host().orElse(null);
    for (ModelVariant v : CATALOG.builtIns()) {
      RecordedAccuracy recorded = CATALOG.recordedAccuracy(v).orElseThrow();
      assertThat(recorded.total()).as(v.id() + ": recorded on the same set").isEqualTo(data.size());
      try (Classifier c = Classifier.open(CATALOG, v, ClassifierOptions.defaults().withThreads(2))) {
        int correct = (int) Math.round(Evaluation.evaluate(c, data).accuracy() * data.size());
        int mayDiffer = recorded.sentencesMayDiffer(v.precision(), here);
        assertThat(correct).as("%s: %d of %d right here (%s); recorded %d, measured on %s, may differ by %d", v.id(),
            correct, data.size(), here == null ? "instruction set unknown" : here.label(), recorded.correct(),
            recorded.measuredOn(), mayDiffer).isBetween(recorded.correct() - mayDiffer, recorded.correct() + mayDiffer);
      }
    }
  }

  @Test
  void theSameInstructionSetMustGiveTheSameAnswersAnotherAFew() {
    RecordedAccuracy r = new RecordedAccuracy(759, 872, "AMD EPYC", InstructionSet.AVX512_VNNI, "1.29.0");
    assertThat(r.sentencesMayDiffer(Precision.INT8, InstructionSet.AVX512_VNNI)).isZero();
    assertThat(r.sentencesMayDiffer(Precision.INT8, InstructionSet.AMX)).isEqualTo(4);
    assertThat(r.sentencesMayDiffer(Precision.FP32, InstructionSet.AVX2)).isEqualTo(1);
    assertThat(r.sentencesMayDiffer(Precision.INT8, null)).as("unknown: as another").isEqualTo(4);
    assertThat(r.accuracy()).isCloseTo(0.8704, org.assertj.core.data.Offset.offset(0.00005));
    assertThat(r.describe()).isEqualTo("87.0% on SST-2 dev (759 of 872; measured on AMD EPYC with AVX-512 VNNI,"
        + " ONNX Runtime 1.29.0)");
    assertThatThrownBy(() -> new RecordedAccuracy(900, 872, "x", InstructionSet.AVX2, "1"))
        .hasMessageContaining("900/872");
  }

  @Test
  void theBestInstructionSetOfACpuIsRead() {
    assertThat(InstructionSet.ofCpuInfo("processor\t: 0\nmodel name\t: AMD EPYC\nflags\t\t: fpu avx2 avx512f"
        + " avx512bw avx512_vnni avx_vnni\n")).contains(InstructionSet.AVX512_VNNI);
    assertThat(InstructionSet.of(List.of("avx2", "amx_tile", "amx_int8", "avx512_vnni"))).isEqualTo(
        InstructionSet.AMX);
    assertThat(InstructionSet.of(List.of("AVX2", "FMA"))).isEqualTo(InstructionSet.AVX2);
    assertThat(InstructionSet.of(List.of("sse4_2"))).isEqualTo(InstructionSet.BASELINE);
    assertThat(InstructionSet.ofCpuInfo("no flags here")).isEmpty();
  }
}
