package dev.servescope.app.ladder;

/**
 * What a run measured and under which rules: the ladder, the rung others' labels were compared with, and the
 * CPU and memory limits every rung ran under.
 *
 * @param ladder the ladder's name ({@code servescope} for the built-in one)
 * @param reference the reference rung's id
 * @param limits the limits of every rung's container
 */
public record RunSetup(String ladder, String reference, Limits limits) {}
