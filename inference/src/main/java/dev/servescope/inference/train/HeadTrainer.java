package dev.servescope.inference.train;

import dev.servescope.inference.classify.Encoder;
import dev.servescope.inference.classify.LinearHead;
import dev.servescope.inference.classify.Tokens;
import dev.servescope.inference.model.Pooling;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a sentiment head on frozen sentence embeddings: embeds the training set once, fits L2-regularised logistic
 * regression on standardised features for each candidate lambda, keeps the one with the best dev accuracy, and folds
 * the standardisation into the head's weights.
 */
public final class HeadTrainer {
  private static final Logger LOG = LoggerFactory.getLogger(HeadTrainer.class);

  /** Candidate L2 strengths (on the mean log loss over standardised features). */
  public static final List<Double> DEFAULT_LAMBDAS = List.of(1e-5, 1e-4, 3e-4, 1e-3, 3e-3, 1e-2, 3e-2, 1e-1);

  private final Encoder encoder;
  private final Pooling pooling;
  private final int batchSize;
  private final BiConsumer<Integer, Integer> progress;

  /**
   * @param encoder the frozen encoder
   * @param pooling the model family's pooling
   * @param batchSize texts per encoder run: 1 reproduces serving exactly (int8 models shift with the batch)
   * @param progress called with (done, total) while embedding
   */
  public HeadTrainer(Encoder encoder, Pooling pooling, int batchSize, BiConsumer<Integer, Integer> progress) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be at least 1");
    }
    this.encoder = encoder;
    this.pooling = pooling;
    this.batchSize = batchSize;
    this.progress = progress;
  }

  /**
   * What training chose.
   *
   * @param head the trained head
   * @param lambda the chosen L2 strength
   * @param devAccuracy per candidate lambda, accuracy on dev (or on train when there is no dev set)
   */
  public record Result(LinearHead head, double lambda, Map<Double, Double> devAccuracy) {}

  /** Unit-length sentence embeddings, in input order. */
  public float[][] embedAll(List<String> texts) {
    Integer[] order = new Integer[texts.size()];
    List<Tokens> tokens = new ArrayList<>(texts.size());
    for (int i = 0; i < texts.size(); i++) {
      order[i] = i;
      tokens.add(encoder.tokenize(texts.get(i)));
    }
    // Similar lengths in one batch waste little on padding.
    java.util.Arrays.sort(order, Comparator.comparingInt(i -> tokens.get(i).length()));
    float[][] out = new float[texts.size()][];
    for (int start = 0; start < order.length; start += batchSize) {
      int end = Math.min(order.length, start + batchSize);
      List<Tokens> batch = new ArrayList<>(end - start);
      for (int k = start; k < end; k++) {
        batch.add(tokens.get(order[k]));
      }
      float[][] vecs = encoder.embedBatch(batch, pooling);
      for (int k = start; k < end; k++) {
        out[order[k]] = Pooling.normalize(vecs[k - start]);
      }
      progress.accept(end, order.length);
    }
    return out;
  }

  /**
   * @param train training examples
   * @param dev held-out examples to choose lambda on; may be empty (then the smallest lambda wins on train)
   * @param lambdas candidate L2 strengths
   * @param provenance extra facts recorded in the head (data, command)
   */
  public Result train(List<LabeledText> train, List<LabeledText> dev, List<Double> lambdas,
      Map<String, Object> provenance) {
    LOG.info("embedding {} training examples", train.size());
    float[][] trainX = embedAll(train.stream().map(LabeledText::text).toList());
    float[][] devX = dev.isEmpty() ? trainX : embedAll(dev.stream().map(LabeledText::text).toList());
    int[] trainY = train.stream().mapToInt(LabeledText::label).toArray();
    int[] devY = dev.isEmpty() ? trainY : dev.stream().mapToInt(LabeledText::label).toArray();
    Standardizer std = Standardizer.fit(trainX);
    double[][] x = std.apply(trainX);
    double[][] xd = std.apply(devX);

    Map<Double, Double> scores = new LinkedHashMap<>();
    LogisticRegression.Fit best = null;
    double bestLambda = Double.NaN;
    double bestAcc = -1;
    LogisticRegression.Fit warm = null;
    // Strong to weak regularisation, warm-starting each fit from the last.
    List<Double> sorted = lambdas.stream().sorted(Comparator.reverseOrder()).toList();
    for (double lambda : sorted) {
      LogisticRegression.Fit fit = LogisticRegression.fit(x, trainY, lambda, warm);
      warm = fit;
      double acc = accuracy(fit, xd, devY);
      scores.put(lambda, acc);
      LOG.info("lambda {}: dev accuracy {} ({} Newton steps)", lambda, String.format("%.4f", acc), fit.iterations());
      if (acc > bestAcc) {
        bestAcc = acc;
        best = fit;
        bestLambda = lambda;
      }
    }
    Map<String, Object> training = new LinkedHashMap<>(provenance);
    training.put("examples", train.size());
    training.put("lambda", bestLambda);
    training.put("dev_accuracy", Math.round(bestAcc * 10000) / 10000.0);
    LinearHead head = LinearHead.binary(std.foldWeights(best.weights()), std.foldBias(best.weights(), best.bias()),
        pooling, true, training);
    return new Result(head, bestLambda, scores);
  }

  private static double accuracy(LogisticRegression.Fit fit, double[][] x, int[] y) {
    int correct = 0;
    for (int i = 0; i < x.length; i++) {
      int p = fit.probability(x[i]) >= 0.5 ? 1 : 0;
      if (p == y[i]) {
        correct++;
      }
    }
    return (double) correct / x.length;
  }
}
