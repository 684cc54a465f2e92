package dev.servescope.app.samples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.servescope.inference.classify.ClassifierOptions;
import dev.servescope.inference.classify.Encoder;
import dev.servescope.inference.classify.WordPiece;
import dev.servescope.inference.model.ModelCatalog;
import dev.servescope.inference.model.ModelFiles;
import dev.servescope.inference.train.TsvDataset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The Python sample's service ({@code samples/ladders/python/service}) computes what ServeScope does. Its WordPiece,
 * run by this machine's {@code python3}, gives exactly ServeScope's token ids: on the sample sentences, on text that
 * exercises every rule of the tokenizer, and on every SST-2 dev sentence where the data lies next to the project;
 * both model families' tokenizer files. Its torch BERT, read from the exported ONNX file with Debian's
 * {@code python3-torch} and {@code python3-onnx} (.ci/run installs them), pools the same vectors as ONNX Runtime
 * here, within 1e-4.
 */
class PythonSampleTest {
  private static final ModelCatalog CATALOG = ModelCatalog.withDefaultCache();
  private static final Path SCRIPT = Path.of("../samples/ladders/python/service/wordpiece.py");
  private static final JsonMapper JSON = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();
  private static final List<String> AWKWARD = List.of(
      "  leading and trailing white space\t\n",
      "Émile's café served crème brûlée 🍮🎉 — naïvely good!",
      "控制字符\u0001\u0007 and CJK 日本語のテキスト",
      "İstanbul ΣΊΣΥΦΟΣ straße ﬁne Ǆ Ⅻ ½ ² x\u0301\u0327 e\u200Dmoji 👩‍👩‍👧 \uFEFFbom \u00A0nbsp\u2028line",
      "$5 off^2 <b>bold</b> a_b a-b a~b `code` {x|y} 100% #1 @me \\path",
      "[CLS] literal [MASK] tokens[SEP]inside [PAD][UNK] and [mask] lowercased",
      "unaffable unbelievable antidisestablishmentarianism " + "z".repeat(99) + " " + "z".repeat(101),
      "\u0000nul \uFFFD replacement \uE000 private \u0085nel \u000Bvt \u000Cff",
      "word ".repeat(600),
      "é".repeat(300) + " tail",
      "");

  private static List<List<Long>> python(Path tokenizer, int maxTokens, List<String> texts) throws Exception {
    return run(new TypeReference<>() { }, texts, "python3", SCRIPT.toString(), tokenizer.toString(),
        String.valueOf(maxTokens));
  }

  /** Runs a script with the texts as JSON on its stdin; its stdout read as JSON. */
  private static <T> T run(TypeReference<T> type, List<String> texts, String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    try (var in = p.getOutputStream()) {
      JSON.writeValue(in, texts);
    }
    T out = JSON.readValue(p.getInputStream(), type);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("python3 ended").isTrue();
    assertThat(p.exitValue()).isZero();
    return out;
  }

  private static boolean hasPython() {
    return DebianPython.works("python3", "--version");
  }

  private static void same(String model, List<String> texts) throws Exception {
    ModelFiles files = CATALOG.files(CATALOG.require(model));
    WordPiece java = WordPiece.load(files.tokenizer(), 256).orElseThrow();
    List<List<Long>> python = python(files.tokenizer(), 256, texts);
    assertThat(python).hasSameSizeAs(texts);
    for (int i = 0; i < texts.size(); i++) {
      List<Long> expected = new ArrayList<>();
      for (long id : java.encode(texts.get(i)).ids()) {
        expected.add(id);
      }
      assertThat(python.get(i)).as("%s: %s", model, texts.get(i)).isEqualTo(expected);
    }
  }

  @Test
  void sameIdsAsServeScopeOnTheSamplesAndOnAwkwardText() throws Exception {
    Assumptions.assumeTrue(hasPython(), "no python3 on this machine (.ci/run installs it)");
    List<String> texts = new ArrayList<>(Files.readAllLines(Path.of("../samples/sentences.txt")));
    texts.addAll(AWKWARD);
    assertThat(texts).hasSizeGreaterThanOrEqualTo(30 + AWKWARD.size());
    for (String model : List.of("minilm-l6-fp32", "bge-small-fp32")) {
      same(model, texts);
    }
  }

  @Test
  void theTorchBertPoolsWhatOnnxRuntimeDoesWithin1e4(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    String python = DebianPython.with("torch", "onnx").orElse(null);
    Assumptions.assumeTrue(python != null, "no python3 with Debian's python3-torch and python3-onnx (.ci/run"
        + " installs them)");
    List<String> texts = List.of("A wonderful, warm film.", "Dull and far too long.",
        "The service was quick and friendly, but the food arrived cold.", "ok", "word ".repeat(400));
    for (String model : List.of("minilm-l6-fp32", "bge-small-fp32")) {
      ModelFiles files = CATALOG.files(CATALOG.require(model));
      Path exported = CATALOG.exportTo(CATALOG.require(model), dir.resolve(model));
      List<List<Double>> torch = run(new TypeReference<>() { }, texts, python,
          SCRIPT.resolveSibling("bert.py").toString(), exported.toString());
      try (Encoder encoder = Encoder.open(files, ClassifierOptions.defaults().withThreads(1))) {
        for (int i = 0; i < texts.size(); i++) {
          float[] onnx = encoder.embed(encoder.tokenize(texts.get(i)), CATALOG.require(model).pooling());
          assertThat(torch.get(i)).hasSize(onnx.length);
          for (int d = 0; d < onnx.length; d++) {
            assertThat(torch.get(i).get(d)).as("%s, text %d, dimension %d", model, i, d)
                .isCloseTo(onnx[d], org.assertj.core.data.Offset.offset(1e-4));
          }
        }
      }
    }
  }

  @Test
  void sameIdsAsServeScopeOnEverySst2DevSentenceWhereTheDataIs() throws Exception {
    Assumptions.assumeTrue(hasPython(), "no python3 on this machine (.ci/run installs it)");
    Path dev = Stream.of("../../shared/data/sst2/dev.tsv", "../shared/data/sst2/dev.tsv").map(Path::of)
        .filter(Files::isRegularFile).findFirst().orElse(null);
    Assumptions.assumeTrue(dev != null, "no SST-2 next to the project");
    List<String> sentences = TsvDataset.read(dev).stream().map(t -> t.text()).toList();
    assertThat(sentences).hasSize(872);
    same("minilm-l6-fp32", sentences);
  }
}
