package dev.servescope.app.ladder.run;

import dev.servescope.app.ladder.ImageFigures;
import dev.servescope.app.ladder.LayerSize;
import dev.servescope.app.ladder.file.LadderVersion;
import dev.servescope.app.ladder.file.RungSpec;
import dev.servescope.app.ladder.measure.Repeats;
import dev.servescope.app.ladder.measure.VersionMeasurement;
import dev.servescope.app.ladder.result.Floor;
import dev.servescope.app.ladder.result.VersionResult;
import java.util.List;

/**
 * A rung built and ready to start.
 *
 * @param version the built-in version it is; null for a rung of your own
 * @param figures what reading its image found; null when it was not read
 * @param env the container's environment
 */
record Built(RungSpec rung, LadderVersion version, double buildSeconds, long imageBytes, List<LayerSize> layers,
    ImageFigures figures, List<String> env) {

  /**
   * The recorded result of this rung from its repeats (the first measured everything).
   *
   * @param agreed its agreement with the reference; null when not measured
   * @param floor the floor's figures; null without one
   * @param inProcess the same model's throughput in the rung's own process; null when not measured
   */
  VersionResult result(List<VersionMeasurement.Served> repeats, Double agreed, Floor floor, Double inProcess) {
    VersionMeasurement.Served first = repeats.get(0);
    Repeats.Summary s = Repeats.summarize(repeats);
    return VersionResult.builder(rung.id(), rung.tag())
        .model(version == null ? null : version.modelId())
        .buildSeconds(round(buildSeconds, 10))
        .image(imageBytes, layers)
        .imageFigures(figures)
        .container(first.size().rootFsBytes(), first.size().rwBytes())
        .coldStart(s.coldStartMs(), s.coldStart(), s.breakdownMs())
        .coldStartVsFloor(floor == null || floor.coldStartMs() <= 0 ? null
            : round((double) s.coldStartMs() / floor.coldStartMs(), 100))
        .memoryBytes(first.memoryBytes())
        .latency(s.latency(), s.latencySpread())
        .throughput(round(s.throughput(), 10), s.throughputSpread())
        .inProcessThroughput(inProcess == null ? null : round(inProcess, 10))
        .labelAgreement(agreed)
        .servedAccuracy(first.servedAccuracy())
        .sweep(first.sweep())
        .repeats(repeats.size(), s.noisy())
        .warmup(s.warmup())
        .cpu(s.cpuMsPerPrediction(), first.cpu().idleMsPerS())
        .build();
  }

  private static double round(double v, int scale) {
    return Math.round(v * scale) / (double) scale;
  }
}
