package dev.servescope.app.ui;

import dev.servescope.app.wiring.Services;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * Everything the views' presentation models need, passed in so tests can swap any of it.
 *
 * @param services the composition root
 * @param background where slow work runs (never the FX thread)
 */
public record AppServices(Services services, Executor background) {

  public List<String> samples() {
    return services.samples();
  }
}
