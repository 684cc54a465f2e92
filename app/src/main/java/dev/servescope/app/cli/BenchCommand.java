package dev.servescope.app.cli;

import static dev.servescope.app.cli.JsonOut.obj;

import dev.servescope.app.ladder.file.Samples;
import dev.servescope.inference.bench.BenchConfig;
import dev.servescope.inference.bench.BenchReport;
import dev.servescope.inference.bench.Benchmark;
import dev.servescope.inference.bench.LatencySummary;
import dev.servescope.inference.classify.Classifier;
import dev.servescope.inference.classify.ClassifierOptions;
import dev.servescope.inference.model.ModelCatalog;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "bench", description = "Latency percentiles (tokenize, inference, total, bare session.run) after a"
    + " warm-up, and throughput with concurrent callers.")
final class BenchCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(BenchCommand.class);

  @Mixin
  ModelOptions model;

  @Option(names = "--warmup", paramLabel = "N", defaultValue = "50", description = "default: ${DEFAULT-VALUE}")
  int warmup;

  @Option(names = "--iterations", paramLabel = "N", defaultValue = "300", description = "default: ${DEFAULT-VALUE}")
  int iterations;

  @Option(names = "--concurrency", paramLabel = "C", defaultValue = "1", description = "default: ${DEFAULT-VALUE}")
  int concurrency;

  @Option(names = "--input", paramLabel = "FILE",
      description = "sentences, one a line (default: the built-in samples)")
  Path input;

  @Option(names = "--turns", description = "after the warm-up, print a line {\"ready\":true}, then time one pass"
      + " over the sentences for each line read from standard input and print it as one JSON line, until the input"
      + " ends: for taking turns with another runtime (bench/compare-node.sh)")
  boolean turns;

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    List<String> sentences = input == null ? Samples.builtIn() : readLines(input);
    ModelCatalog catalog = model.catalog();
    ClassifierOptions options = model.classifierOptions();
    BenchConfig config = new BenchConfig(warmup, iterations, concurrency);
    try (Classifier classifier = Classifier.open(catalog, model.variant(), options)) {
      if (turns) {
        return takeTurns(new Benchmark(classifier, sentences, options.intraOpThreads()), sentences.size());
      }
      int[] lastDecile = {-1};
      BenchReport r = new Benchmark(classifier, sentences, options.intraOpThreads()).run(config,
          (phase, done, total) -> {
            int decile = done * 10 / total;
            if (done == total || decile != lastDecile[0]) {
              lastDecile[0] = decile;
              LOG.debug("{} {}/{}", phase, done, total);
            }
          }, () -> false);
      new JsonOut(spec.commandLine().getOut()).line(obj("model", r.model(), "threads", r.threads(),
          "iterations", config.iterations(), "concurrency", config.concurrency(), "sentences", sentences.size(),
          "tokenize_ms", percentiles(r.tokenize()), "inference_ms", percentiles(r.inference()),
          "total_ms", percentiles(r.total()), "bare_run_ms", percentiles(r.bareRun()),
          "overhead_p50_pct", Math.round(r.overheadAtP50() * 1000) / 10.0,
          "throughput_per_s", Math.round(r.throughputPerSecond() * 10) / 10.0));
    }
    return 0;
  }

  private int takeTurns(Benchmark bench, int sentences) throws IOException {
    bench.warmUp(warmup, () -> false);
    JsonOut out = new JsonOut(spec.commandLine().getOut());
    out.line(obj("ready", true, "warmup", warmup, "sentences", sentences));
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    int turn = 0;
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      Benchmark.Pass p = bench.pass();
      out.line(obj("turn", ++turn, "predictions", p.total().count(), "tokenize_ms", percentiles(p.tokenize()),
          "total_ms", percentiles(p.total()), "bare_run_ms", percentiles(p.bareRun())));
    }
    return 0;
  }

  static Map<String, Object> percentiles(LatencySummary s) {
    return obj("p50", s.p50(), "p90", s.p90(), "p99", s.p99());
  }

  static List<String> readLines(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException("input file not found: " + file);
    }
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8).stream()
        .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    if (lines.isEmpty()) {
      throw new IOException(file + " has no sentences");
    }
    return lines;
  }
}
