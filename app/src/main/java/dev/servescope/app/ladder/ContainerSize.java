package dev.servescope.app.ladder;

/**
 * A container's size on disk, as the engine reports it.
 *
 * @param rwBytes bytes the container wrote on top of its image ({@code SizeRw})
 * @param rootFsBytes the image and those writes together ({@code SizeRootFs})
 */
public record ContainerSize(long rwBytes, long rootFsBytes) {}
