package dev.servescope.inference.model;

import java.util.Locale;

/**
 * A built-in variant's accuracy on SST-2 dev as measured and committed, with the machine it was measured on: the
 * figure depends on the CPU's instruction set (see {@link InstructionSet}).
 *
 * @param correct sentences answered right, one unbatched prediction each, as served
 * @param total sentences in the set (872)
 * @param cpu the CPU's model name, as {@code /proc/cpuinfo} gives it
 * @param instructions the best instruction set that CPU has
 * @param runtime the ONNX Runtime version it was measured with
 */
public record RecordedAccuracy(int correct, int total, String cpu, InstructionSet instructions, String runtime) {
  /**
   * Sentences an int8 model may answer differently on another instruction set: its kernels quantise activations and
   * sum in different orders. Few enough that a wrong head, pooling or tokenizer (dozens of sentences) still shows.
   */
  public static final int INT8_SENTENCES_ACROSS_CPUS = 4;
  /** The same for fp32, whose kernels differ only in the order they add up. */
  public static final int FP32_SENTENCES_ACROSS_CPUS = 1;

  public RecordedAccuracy {
    if (total <= 0 || correct < 0 || correct > total) {
      throw new IllegalArgumentException("accuracy " + correct + "/" + total + " is not a share");
    }
  }

  public double accuracy() {
    return (double) correct / total;
  }

  /** {@code AMD EPYC with AVX-512 VNNI, ONNX Runtime 1.29.0}. */
  public String measuredOn() {
    return cpu + " with " + instructions.label() + ", ONNX Runtime " + runtime;
  }

  /**
   * How many sentences a re-measurement may differ by: none on the same instruction set (the same kernels give the same
   * answers), a few on another, more for int8 than for fp32.
   *
   * @param on the instruction set of the machine measuring again; null when unknown
   */
  public int sentencesMayDiffer(Precision precision, InstructionSet on) {
    if (on == instructions) {
      return 0;
    }
    return precision == Precision.FP32 ? FP32_SENTENCES_ACROSS_CPUS : INT8_SENTENCES_ACROSS_CPUS;
  }

  /** {@code 87.0% on SST-2 dev (measured on AMD EPYC with AVX-512 VNNI, ONNX Runtime 1.29.0)}. */
  public String describe() {
    return String.format(Locale.ROOT, "%.1f%% on SST-2 dev (%d of %d; measured on %s)", accuracy() * 100, correct,
        total, measuredOn());
  }
}
