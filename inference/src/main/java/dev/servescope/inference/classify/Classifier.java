package dev.servescope.inference.classify;

import dev.servescope.inference.ModelLoadException;
import dev.servescope.inference.model.ModelCatalog;
import dev.servescope.inference.model.ModelFiles;
import dev.servescope.inference.model.ModelVariant;
import dev.servescope.inference.model.Pooling;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Sentiment classifier: tokenizer, ONNX encoder, pooling, linear head, softmax. Safe for concurrent
 * {@link #predict(String)} calls; owns its {@link Encoder} and closes it exactly once.
 */
public final class Classifier implements Predictor, AutoCloseable {
  private final ModelVariant variant;
  private final Encoder encoder;
  private final LinearHead head;
  private final Pooling pooling;

  private Classifier(ModelVariant variant, Encoder encoder, LinearHead head) {
    this.variant = variant;
    this.encoder = encoder;
    this.head = head;
    this.pooling = head == null ? variant.pooling() : head.pooling();
  }

  /**
   * Opens a variant through a catalog.
   *
   * @throws ModelLoadException when a file is missing or invalid, or the head does not fit the model
   */
  public static Classifier open(ModelCatalog catalog, ModelVariant variant, ClassifierOptions options) {
    return open(catalog.files(variant), options);
  }

  /**
   * Opens a variant's files: the head is the user folder's {@code head.json}, else the family's built-in head. A
   * user model without a head can still {@link #embed(String)} (for training one) but cannot predict.
   */
  public static Classifier open(ModelFiles files, ClassifierOptions options) {
    LinearHead head = loadHead(files).orElse(null);
    Encoder encoder = Encoder.open(files, options);
    try {
      if (head != null && head.inputSize() != encoder.hiddenSize()) {
        throw new ModelLoadException("head for " + files.variant().id() + " expects " + head.inputSize()
            + " values but " + files.onnx() + " produces " + encoder.hiddenSize());
      }
      return new Classifier(files.variant(), encoder, head);
    } catch (RuntimeException e) {
      encoder.close();
      throw e;
    }
  }

  /**
   * Opens a variant that must predict, as a server's does: a model without a head fails here, at start, rather than
   * at its first request.
   *
   * @throws ModelLoadException when a file is missing or invalid, or the model has no head
   */
  public static Classifier openForPredictions(ModelCatalog catalog, ModelVariant variant, ClassifierOptions options) {
    Classifier classifier = open(catalog, variant, options);
    if (classifier.head == null) {
      classifier.close();
      throw new ModelLoadException(noHead(variant));
    }
    return classifier;
  }

  private static String noHead(ModelVariant variant) {
    return variant.id() + " has no head.json, so it cannot classify: train one with 'servescope train'";
  }

  /** Opens a variant's files with a given head, for example one just trained. */
  public static Classifier open(ModelFiles files, ClassifierOptions options, LinearHead head) {
    Encoder encoder = Encoder.open(files, options);
    if (head.inputSize() != encoder.hiddenSize()) {
      encoder.close();
      throw new ModelLoadException("head expects " + head.inputSize() + " values but " + files.onnx()
          + " produces " + encoder.hiddenSize());
    }
    return new Classifier(files.variant(), encoder, head);
  }

  private static Optional<LinearHead> loadHead(ModelFiles files) {
    if (files.head().isPresent()) {
      return Optional.of(LinearHead.read(files.head().get()));
    }
    Optional<String> resource = files.variant().builtInHeadResource();
    if (resource.isEmpty()) {
      return Optional.empty();
    }
    try (InputStream in = Classifier.class.getResourceAsStream(resource.get())) {
      if (in == null) {
        throw new ModelLoadException("built-in head " + resource.get() + " is missing from the classpath");
      }
      return Optional.of(LinearHead.read(in, resource.get()));
    } catch (IOException e) {
      throw new ModelLoadException("cannot read built-in head " + resource.get() + ": " + e.getMessage(), e);
    }
  }

  public ModelVariant variant() {
    return variant;
  }

  @Override
  public java.util.List<String> labels() {
    return head.labels();
  }

  @Override
  public String modelId() {
    return variant.id();
  }

  /** The head, if this model has one. */
  public Optional<LinearHead> head() {
    return Optional.ofNullable(head);
  }

  /** The encoder, for benchmarks that time its parts. */
  public Encoder encoder() {
    return encoder;
  }

  /**
   * Classifies one text. Text longer than the model's limit is truncated and the result says so.
   *
   * @throws dev.servescope.inference.InvalidInputException for empty or blank text
   * @throws ModelLoadException when the model has no head
   */
  @Override
  public Prediction predict(String text) {
    if (head == null) {
      throw new ModelLoadException(noHead(variant));
    }
    long start = System.nanoTime();
    Tokens tokens = encoder.tokenize(text);
    long tokenized = System.nanoTime();
    float[] pooled = encoder.embed(tokens, pooling);
    long encoded = System.nanoTime();
    double[] probabilities = Softmax.of(head.logits(head.normalize() ? Pooling.normalize(pooled) : pooled));
    int best = Softmax.argmax(probabilities);
    long end = System.nanoTime();
    return new Prediction(variant.id(), head.labels().get(best), probabilities[best], head.labels(), probabilities,
        tokens.truncated(), tokens.length(),
        new Timings(tokenized - start, encoded - tokenized, end - encoded, end - start));
  }

  /** The sentence embedding the head sees (pooled, normalised if the head asks for it). */
  public float[] embed(String text) {
    float[] pooled = encoder.embed(encoder.tokenize(text), pooling);
    return normalizes() ? Pooling.normalize(pooled) : pooled;
  }

  /** Embeddings of several texts in one encoder run; see {@link Encoder#embedBatch}. */
  public float[][] embedBatch(java.util.List<String> texts) {
    float[][] out = encoder.embedBatch(texts.stream().map(encoder::tokenize).toList(), pooling);
    if (normalizes()) {
      for (float[] v : out) {
        Pooling.normalize(v);
      }
    }
    return out;
  }

  private boolean normalizes() {
    return head == null || head.normalize();
  }

  @Override
  public void close() {
    encoder.close();
  }
}
