package dev.servescope.inference.classify;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;

/**
 * Direct buffers for one call's tensors, reused across calls. ONNX Runtime reads direct buffers in place; heap arrays
 * would be copied into a new direct buffer per call; the hidden state is copied out into a reused heap array. A call
 * borrows a set and returns it; close drops them all.
 */
final class Scratch {
  final LongBuffer[] inputs = new LongBuffer[3];
  FloatBuffer output;
  float[] hiddenState;

  /** The three input buffers, each holding one of {@code rows} (ids, mask, type ids) and ready to read. */
  LongBuffer[] inputs(long[][] rows, int atLeast) {
    int size = rows[0].length;
    if (inputs[0] == null || inputs[0].capacity() < size) {
      for (int i = 0; i < 3; i++) {
        inputs[i] = ByteBuffer.allocateDirect(Math.max(size, atLeast) * Long.BYTES)
            .order(ByteOrder.nativeOrder()).asLongBuffer();
      }
    }
    for (int i = 0; i < 3; i++) {
      inputs[i].clear();
      inputs[i].put(rows[i]);
      inputs[i].flip();
    }
    return inputs;
  }

  FloatBuffer output(int size, int atLeast) {
    if (output == null || output.capacity() < size) {
      output = ByteBuffer.allocateDirect(Math.max(size, atLeast) * Float.BYTES)
          .order(ByteOrder.nativeOrder()).asFloatBuffer();
    }
    output.clear();
    output.limit(size);
    return output;
  }

  /** A heap array for one sentence's hidden state; longer than {@code size} when an earlier call needed more. */
  float[] hiddenState(int size, int atLeast) {
    if (hiddenState == null || hiddenState.length < size) {
      hiddenState = new float[Math.max(size, atLeast)];
    }
    return hiddenState;
  }
}
