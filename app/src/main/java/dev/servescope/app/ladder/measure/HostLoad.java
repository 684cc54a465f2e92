package dev.servescope.app.ladder.measure;

import dev.servescope.app.ladder.Cancellation;
import dev.servescope.app.ladder.ContainerEngine;
import dev.servescope.app.ladder.ContainerSpec;
import dev.servescope.app.ladder.file.Probe;
import dev.servescope.app.ladder.result.LoadSetup;
import dev.servescope.app.load.LoadGenerator;
import dev.servescope.app.load.Readiness;
import java.net.URI;
import java.util.List;
import java.util.function.Consumer;

/**
 * The load generator in this process, sending to the port each container publishes on 127.0.0.1: the engine's proxy
 * sits in the path, and the engine must run on this machine. For engines that cannot run the sidecar.
 */
public final class HostLoad implements LoadPlacement {
  /** Polls between two looks at whether the container still runs. */
  private static final int POLLS_PER_LOOK = 20;
  private final ContainerEngine engine;

  public HostLoad(ContainerEngine engine) {
    this.engine = engine;
  }

  @Override
  public LoadSetup setup() {
    return new LoadSetup(LoadSetup.HOST, null, null, null);
  }

  @Override
  public Pod start(ContainerSpec service, Probe probe, List<String> loadBodies, Readiness.Plan ready,
      Cancellation cancel, Consumer<String> log) throws InterruptedException {
    String container = engine.startContainer(service);
    LoadGenerator load = null;
    Cancellation.Registration registration = null;
    try {
      int port = engine.hostPort(container, probe.port());
      load = new LoadGenerator(URI.create("http://127.0.0.1:" + port + probe.predict()), loadBodies);
      // A cancel closes the generator's sockets at once; the container goes when the pod closes, on the measuring
      // thread, so that a caller's cancel never waits on the engine.
      registration = cancel.register(load::close);
      int[] polls = {0};
      Readiness readiness = Readiness.awaitThenWarm(load, probe.health(), loadBodies.get(0), probe.label(), ready,
          () -> {
            cancel.check();
            if (++polls[0] % POLLS_PER_LOOK == 0) {
              Pod.requireRunning(engine, container);
            }
          }, cancel::isCancelled);
      LoadGenerator generator = load;
      Cancellation.Registration r = registration;
      return new Pod(container, readiness, new LocalDriver(load, cancel), () -> {
        r.close();
        generator.close();
        engine.removeContainer(container);
      });
    } catch (RuntimeException | InterruptedException e) {
      if (registration != null) {
        registration.close();
      }
      if (load != null) {
        load.close();
      }
      engine.removeContainer(container);
      throw e;
    }
  }

  @Override
  public ModelHosting models(ModelHosting.Export export, java.nio.file.Path workDir) {
    return new HostModels(export, workDir);
  }

  @Override
  public Alone startAlone(ContainerSpec spec, java.time.Duration fetchWithin, Cancellation cancel) {
    String container = engine.startContainer(spec);
    return new Alone(container, () -> engine.removeContainer(container));
  }

  @Override
  public void close() {
    // Nothing of its own to remove.
  }
}
