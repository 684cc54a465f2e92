"""Build-time step of py-v4 and py-v5: ServeScope's exported folder in, a folder the runtime image needs out.

  python3 convert.py IN_DIR OUT_DIR [--quantize]

Writes model.pt (the torch weights with their sizes, so that the runtime reads no ONNX and needs no python3-onnx)
beside the folder's tokenizer.json, head.json and variant.json. With --quantize, the linear layers are stored as
torch's dynamic int8 (weights int8, activations quantized per call), the study's first to-do.
"""
import os
import shutil
import sys

import torch

import bert


def main(source, target, quantize):
    model = bert.from_onnx(os.path.join(source, "model.onnx"))
    if quantize:
        model = torch.quantization.quantize_dynamic(model, {torch.nn.Linear}, dtype=torch.qint8)
    os.makedirs(target, exist_ok=True)
    torch.save({"config": model.config, "quantized": quantize, "weights": model.state_dict()},
               os.path.join(target, "model.pt"))
    for name in ("tokenizer.json", "head.json", "variant.json"):
        shutil.copy(os.path.join(source, name), os.path.join(target, name))
    print("wrote %s (%s, %.1f MB)" % (target, "int8 linear layers" if quantize else "fp32",
                                      os.path.getsize(os.path.join(target, "model.pt")) / 1e6))


if __name__ == "__main__":
    if len(sys.argv) not in (3, 4) or (len(sys.argv) == 4 and sys.argv[3] != "--quantize"):
        sys.exit("usage: convert.py IN_DIR OUT_DIR [--quantize]")
    main(sys.argv[1], sys.argv[2], len(sys.argv) == 4)
