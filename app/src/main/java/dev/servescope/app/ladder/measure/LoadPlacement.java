package dev.servescope.app.ladder.measure;

import dev.servescope.app.ladder.Cancellation;
import dev.servescope.app.ladder.ContainerSpec;
import dev.servescope.app.ladder.file.Probe;
import dev.servescope.app.ladder.result.LoadSetup;
import dev.servescope.app.load.Readiness;
import java.util.List;
import java.util.function.Consumer;

/** Where a run's load generator sits, and how a measured container is started next to it. */
public interface LoadPlacement extends AutoCloseable {

  /** What the run's report says of it. */
  LoadSetup setup();

  /**
   * Starts the service and waits (at most the plan's timeout) until it answers a labelled prediction or stops, then
   * follows its warm-up to steady state when the plan asks. The returned pod is ready when its readiness says so; a
   * service that stopped first throws, with its exit and log.
   *
   * @param loadBodies the bodies the load cycles through; the first is the readiness probe's
   */
  Pod start(ContainerSpec service, Probe probe, List<String> loadBodies, Readiness.Plan ready, Cancellation cancel,
      Consumer<String> log) throws InterruptedException;

  /**
   * The run's model hosting, made on first use: where the containers this placement starts reach a model they fetch
   * at start. Closed by the caller.
   */
  ModelHosting models(ModelHosting.Export export, java.nio.file.Path workDir);

  /**
   * Starts a container that takes no load (a rung's in-process run) where it still reaches the model it fetches at
   * start, if any.
   *
   * @param fetchWithin how long whatever serves its model stays up
   */
  Alone startAlone(ContainerSpec spec, java.time.Duration fetchWithin, Cancellation cancel)
      throws InterruptedException;

  /**
   * A container started alone.
   *
   * @param remove removes it and anything started for it; never throws
   */
  record Alone(String container, Runnable remove) {}

  @Override
  void close();
}
