package dev.servescope.app.ladder;

import java.time.Instant;

/**
 * When the engine created a container and when its process started, by the engine's clock.
 *
 * @param created the container was created
 * @param started its process was started; null when it has not
 */
public record ContainerTimes(Instant created, Instant started) {}
