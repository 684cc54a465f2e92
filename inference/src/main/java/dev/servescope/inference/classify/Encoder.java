package dev.servescope.inference.classify;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.servescope.inference.InferenceException;
import dev.servescope.inference.InvalidInputException;
import dev.servescope.inference.ModelLoadException;
import dev.servescope.inference.model.ModelFiles;
import dev.servescope.inference.model.Pooling;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns one ONNX Runtime session and one HuggingFace tokenizer: text in, token vectors out. Safe for concurrent use;
 * {@link #close()} waits for calls in flight, may be called twice, and later calls fail with
 * {@link IllegalStateException}.
 *
 * <p>Longer than most classes here on purpose: one object owns the native session and tokenizer, and everything that
 * touches them (the contract check at load, lean tokenization, pinned outputs, batches, the close) lives with it.
 */
public final class Encoder implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Encoder.class);

  static final String INPUT_IDS = "input_ids";
  static final String ATTENTION_MASK = "attention_mask";
  static final String TOKEN_TYPE_IDS = "token_type_ids";

  private final OrtEnvironment env;
  private final OrtSession.SessionOptions sessionOptions;
  private final OrtSession session;
  private final TextTokenizer tokenizer;
  private final boolean feedsTokenTypes;
  private final String outputName;
  private final int hiddenSize;
  private final int maxTokens;
  private final Opened opened;
  private final ReadWriteLock lifecycle = new ReentrantReadWriteLock();
  private boolean closed;

  private Encoder(OrtEnvironment env, OrtSession.SessionOptions sessionOptions, OrtSession session,
      TextTokenizer tokenizer, ModelContract contract, Opened opened) {
    this.env = env;
    this.opened = opened;
    this.sessionOptions = sessionOptions;
    this.session = session;
    this.tokenizer = tokenizer;
    this.feedsTokenTypes = contract.feedsTokenTypes();
    this.outputName = contract.outputName();
    this.hiddenSize = contract.hiddenSize();
    this.maxTokens = contract.maxTokens();
  }

  /** When {@link #open}'s parts were ready ({@link System#nanoTime()}): runtime, session, tokenizer (own thread). */
  public record Opened(long runtimeNanos, long sessionNanos, long tokenizerNanos) {}

  /**
   * Loads the model and tokenizer and checks the model's contract: inputs {@code input_ids} and
   * {@code attention_mask} (and optionally {@code token_type_ids}), an output of shape {@code [batch, seq, hidden]}.
   *
   * @throws ModelLoadException naming the file when anything is missing, corrupt or of the wrong shape
   */
  public static Encoder open(ModelFiles files, ClassifierOptions options) {
    if (!Files.isRegularFile(files.onnx())) {
      throw new ModelLoadException("ONNX model not found: " + files.onnx());
    }
    if (!Files.isRegularFile(files.tokenizer())) {
      throw new ModelLoadException("tokenizer not found: " + files.tokenizer());
    }
    int maxTokens = files.variant().maxTokens();
    // The tokenizer (tokenizer.json, and the native library where one is needed) and the ONNX session load
    // independently; side by side, opening took ~80 ms less on the host (850-900 -> 760-810 ms) with the native one.
    long[] tokenizerReady = new long[1];
    CompletableFuture<TextTokenizer> tokenizerLoad = CompletableFuture.supplyAsync(() -> {
      TextTokenizer t = TextTokenizer.open(files, maxTokens, options.tokenizer());
      tokenizerReady[0] = System.nanoTime();
      return t;
    }, Encoder::onOwnThread);
    OrtSession.SessionOptions so = null;
    OrtSession session = null;
    try {
      OrtEnvironment env = OrtEnvironment.getEnvironment();
      long runtimeReady = System.nanoTime();
      so = new OrtSession.SessionOptions();
      so.setIntraOpNumThreads(options.intraOpThreads());
      so.setInterOpNumThreads(1);
      so.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
      so.setOptimizationLevel(preOptimized(files, env.getVersion()) ? OrtSession.SessionOptions.OptLevel.NO_OPT
          : level(options.optimization()));
      session = env.createSession(files.onnx().toString(), so);
      long sessionReady = System.nanoTime();
      ModelContract contract = ModelContract.check(session, files, maxTokens);
      TextTokenizer tokenizer = await(tokenizerLoad);
      LOG.debug("loaded {} ({} threads, {} tokenizer): {}", files.onnx(), options.intraOpThreads(), tokenizer.kind(),
          contract);
      // join() orders the tokenizer thread's write before this read.
      return new Encoder(env, so, session, tokenizer, contract,
          new Opened(runtimeReady, sessionReady, tokenizerReady[0]));
    } catch (OrtException e) {
      discard(session, so, tokenizerLoad);
      throw new ModelLoadException("ONNX model cannot be loaded: " + files.onnx() + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      discard(session, so, tokenizerLoad);
      throw e;
    }
  }

  private static void onOwnThread(Runnable task) {
    Thread t = new Thread(task, "tokenizer-load");
    t.setDaemon(true);
    t.start();
  }

  private static TextTokenizer await(CompletableFuture<TextTokenizer> load) {
    try {
      return load.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r
          : new ModelLoadException("tokenizer cannot be loaded: " + e.getCause(), e.getCause());
    }
  }

  /** Closes what a failed open made; the tokenizer whenever its load finishes. */
  private static void discard(OrtSession session, OrtSession.SessionOptions so,
      CompletableFuture<TextTokenizer> tokenizerLoad) {
    tokenizerLoad.thenAccept(TextTokenizer::close);
    closeQuietly(session, so, null);
  }

  /**
   * Whether the graph was saved already optimised by this very ONNX Runtime ({@link ModelOptimizer}): then it loads
   * with the optimisations off. A graph another version saved is optimised again, as its fused operators may differ.
   */
  private static boolean preOptimized(ModelFiles files, String ortVersion) {
    if (files.graphOptimizedBy().isEmpty()) {
      return false;
    }
    if (files.graphOptimizedBy().get().equals(ortVersion)) {
      return true;
    }
    LOG.warn("{} was optimised by ONNX Runtime {}, this is {}: optimising it again", files.onnx(),
        files.graphOptimizedBy().get(), ortVersion);
    return false;
  }

  private static OrtSession.SessionOptions.OptLevel level(ClassifierOptions.Optimization o) {
    return switch (o) {
      case NONE -> OrtSession.SessionOptions.OptLevel.NO_OPT;
      case BASIC -> OrtSession.SessionOptions.OptLevel.BASIC_OPT;
      case EXTENDED -> OrtSession.SessionOptions.OptLevel.EXTENDED_OPT;
      case ALL -> OrtSession.SessionOptions.OptLevel.ALL_OPT;
    };
  }

  /** When each part of this encoder was ready. */
  public Opened opened() {
    return opened;
  }

  /** Width of the token vectors. */
  public int hiddenSize() {
    return hiddenSize;
  }

  /** Longest input in tokens, special tokens included. */
  public int maxTokens() {
    return maxTokens;
  }

  /**
   * Tokenizes one text, truncating it to {@link #maxTokens()}. A long text is cut before the tokenizer sees it, at a
   * word boundary well past what the model can take, so a 1 MB body costs about as much as a page; when the cut part
   * does not fill the model's window (mostly white space, say), more is taken. {@link Tokens#truncated()} stays
   * exact: it says whether the whole text had more tokens than the model takes.
   *
   * @throws InvalidInputException when the text is null, empty or only white space
   */
  public Tokens tokenize(String text) {
    if (text == null || text.isBlank()) {
      throw new InvalidInputException("text is empty");
    }
    int budget = maxTokens * TextWindow.CHARS_PER_TOKEN;
    while (true) {
      int cut = TextWindow.cutPoint(text, budget);
      Tokens tokens = tokenizeWhole(cut == text.length() ? text : text.substring(0, cut));
      if (cut == text.length() || tokens.truncated()) {
        return tokens;
      }
      budget *= 2;
    }
  }

  private Tokens tokenizeWhole(String text) {
    return guarded(() -> tokenizer.encode(text));
  }

  /** {@code java} or {@code native}: which tokenizer this encoder uses. */
  public String tokenizerKind() {
    return tokenizer.kind();
  }

  /** Runs the encoder on one tokenized text and pools its token vectors. */
  public float[] embed(Tokens tokens, Pooling pooling) {
    return guarded(() -> withScratch(scratch -> embedOne(scratch, tokens, pooling)));
  }

  /**
   * Runs the encoder once on several texts, padded to the longest, and pools each. Faster for fp32 models; int8
   * models quantize activations per batch, so their vectors shift slightly with the batch.
   */
  public float[][] embedBatch(List<Tokens> batch, Pooling pooling) {
    if (batch.isEmpty()) {
      return new float[0][];
    }
    if (batch.size() == 1) {
      return new float[][] {embed(batch.get(0), pooling)};
    }
    return guarded(() -> withScratch(scratch -> {
      int seq = batch.stream().mapToInt(Tokens::length).max().orElseThrow();
      long[][] padded = padded(batch, seq);
      try (OrtSession.Result result = run(scratch, padded, batch.size(), seq)) {
        OnnxTensor out = (OnnxTensor) result.get(outputName)
            .orElseThrow(() -> new InferenceException("model returned no " + outputName, null));
        FloatBuffer fb = out.getFloatBuffer();
        float[][] pooled = new float[batch.size()][];
        float[] block = new float[seq * hiddenSize];
        for (int b = 0; b < batch.size(); b++) {
          fb.position(b * seq * hiddenSize);
          fb.get(block);
          long[] mask = java.util.Arrays.copyOfRange(padded[1], b * seq, (b + 1) * seq);
          pooled[b] = pooling.pool(block, seq, hiddenSize, mask);
        }
        return pooled;
      } catch (OrtException e) {
        throw new InferenceException("encoder failed on a batch of " + batch.size() + ": " + e.getMessage(), e);
      }
    }));
  }

  /**
   * One sentence, through reused buffers only: ONNX Runtime writes the output into a direct buffer (a pinned output),
   * and the hidden state (1.5 kB a token) is pooled from a reused array, so that a prediction leaves no garbage of
   * that size for a collector to take new, page-faulting memory for (G1 on the host: measured in the README).
   */
  private float[] embedOne(Scratch scratch, Tokens tokens, Pooling pooling) {
    int seq = tokens.length();
    FloatBuffer out = scratch.output(seq * hiddenSize, maxTokens * hiddenSize);
    Map<String, OnnxTensor> inputs = tensors(scratch, rows(tokens), 1, seq);
    try (OnnxTensor pinned = OnnxTensor.createTensor(env, out, new long[] {1, seq, hiddenSize});
        OrtSession.Result ignored = session.run(inputs, Map.of(outputName, pinned))) {
      float[] block = scratch.hiddenState(seq * hiddenSize, maxTokens * hiddenSize);
      out.rewind();
      out.get(block, 0, seq * hiddenSize);
      return pooling.pool(block, seq, hiddenSize, tokens.attentionMask());
    } catch (OrtException e) {
      throw new InferenceException("encoder failed: " + e.getMessage(), e);
    } finally {
      inputs.values().forEach(OnnxTensor::close);
    }
  }

  private final ConcurrentLinkedDeque<Scratch> scratch = new ConcurrentLinkedDeque<>();

  /** Scratch buffers held by no call, for tests of what close releases. */
  int idleScratchBuffers() {
    return scratch.size();
  }

  /** Runs a call with a borrowed set of buffers; only within {@link #guarded}, so close cannot race the return. */
  private <T> T withScratch(java.util.function.Function<Scratch, T> call) {
    Scratch polled = scratch.poll();
    Scratch s = polled == null ? new Scratch() : polled;
    try {
      return call.apply(s);
    } finally {
      scratch.push(s);
    }
  }

  /**
   * Times one bare {@code session.run} on prepared tensors, nothing else: the floor under every prediction.
   *
   * @return elapsed nanoseconds
   */
  public long timeBareRun(Tokens tokens) {
    return guarded(() -> withScratch(scratch -> {
      Map<String, OnnxTensor> inputs = tensors(scratch, rows(tokens), 1, tokens.length());
      try {
        long start = System.nanoTime();
        try (OrtSession.Result ignored = session.run(inputs)) {
          return System.nanoTime() - start;
        }
      } catch (OrtException e) {
        throw new InferenceException("encoder failed: " + e.getMessage(), e);
      } finally {
        inputs.values().forEach(OnnxTensor::close);
      }
    }));
  }

  private OrtSession.Result run(Scratch scratch, long[][] padded, int batch, int seq) throws OrtException {
    Map<String, OnnxTensor> inputs = tensors(scratch, padded, batch, seq);
    try {
      return session.run(inputs);
    } finally {
      inputs.values().forEach(OnnxTensor::close);
    }
  }

  private static long[][] rows(Tokens t) {
    return new long[][] {t.ids(), t.attentionMask(), t.typeIds()};
  }

  /** Rows: ids, mask, type ids; each flattened {@code [batch * seq]} and right-padded with zeros. */
  private static long[][] padded(List<Tokens> batch, int seq) {
    long[][] out = new long[3][batch.size() * seq];
    for (int b = 0; b < batch.size(); b++) {
      Tokens t = batch.get(b);
      System.arraycopy(t.ids(), 0, out[0], b * seq, t.length());
      System.arraycopy(t.attentionMask(), 0, out[1], b * seq, t.length());
      System.arraycopy(t.typeIds(), 0, out[2], b * seq, t.length());
    }
    return out;
  }

  /** Input tensors over {@code scratch}'s buffers, filled from {@code rows} ({@link #rows} or {@link #padded}). */
  private Map<String, OnnxTensor> tensors(Scratch scratch, long[][] rows, int batch, int seq) {
    long[] shape = {batch, seq};
    Map<String, OnnxTensor> inputs = new HashMap<>();
    try {
      LongBuffer[] direct = scratch.inputs(rows, maxTokens);
      inputs.put(INPUT_IDS, OnnxTensor.createTensor(env, direct[0], shape));
      inputs.put(ATTENTION_MASK, OnnxTensor.createTensor(env, direct[1], shape));
      if (feedsTokenTypes) {
        inputs.put(TOKEN_TYPE_IDS, OnnxTensor.createTensor(env, direct[2], shape));
      }
      return inputs;
    } catch (OrtException e) {
      inputs.values().forEach(OnnxTensor::close);
      throw new InferenceException("cannot create input tensors: " + e.getMessage(), e);
    }
  }

  private <T> T guarded(java.util.function.Supplier<T> call) {
    lifecycle.readLock().lock();
    try {
      if (closed) {
        throw new IllegalStateException("encoder is closed");
      }
      return call.get();
    } finally {
      lifecycle.readLock().unlock();
    }
  }

  /** Releases the session and the tokenizer; waits for calls in flight. */
  @Override
  public void close() {
    lifecycle.writeLock().lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      scratch.clear();
      closeQuietly(session, sessionOptions, tokenizer);
    } finally {
      lifecycle.writeLock().unlock();
    }
  }

  private static void closeQuietly(OrtSession session, OrtSession.SessionOptions so, TextTokenizer tokenizer) {
    if (session != null) {
      try {
        session.close();
      } catch (OrtException e) {
        LOG.warn("closing ONNX session failed: {}", e.getMessage());
      }
    }
    if (so != null) {
      so.close();
    }
    if (tokenizer != null) {
      tokenizer.close();
    }
  }
}
