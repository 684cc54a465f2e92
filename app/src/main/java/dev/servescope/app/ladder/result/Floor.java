package dev.servescope.app.ladder.result;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The floor's cold start in a run: an empty static server ({@code dockerfiles/floor}) started in every round next to
 * the rungs, from the container's creation to its first answer. What any container costs to start on this engine.
 *
 * @param coldStartMs the median over its starts
 * @param coldStartSpread their range
 * @param starts how many starts
 */
public record Floor(
    @JsonProperty("cold_start_ms") long coldStartMs,
    @JsonProperty("cold_start_spread") Spread coldStartSpread,
    int starts) {}
