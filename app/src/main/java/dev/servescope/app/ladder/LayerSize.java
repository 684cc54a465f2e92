package dev.servescope.app.ladder;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One image layer.
 *
 * @param bytes its size
 * @param createdBy the instruction that made it (empty for an imported base)
 */
public record LayerSize(long bytes, @JsonProperty("created_by") String createdBy) {}
