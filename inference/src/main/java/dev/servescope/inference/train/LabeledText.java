package dev.servescope.inference.train;

/**
 * One labelled example.
 *
 * @param text the sentence
 * @param label 0 (negative) or 1 (positive)
 */
public record LabeledText(String text, int label) {}
