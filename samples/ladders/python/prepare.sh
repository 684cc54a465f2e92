#!/bin/sh
# Prepares this folder's build context on the host (the ladder file runs it before each build): a Docker build here
# cannot reach a model hub, so ServeScope's models are exported now, into build/ (once; delete build/ to redo it):
#   - minilm-l6-fp32, the distilled 6-layer model py-v3 to py-v5 bake in (py-v4 and py-v5 convert it to torch);
#   - py-v1 and py-v2 download bge-small-fp32 at start from the hub ServeScope runs in their pod (downloads_model:).
set -eu
cd "$(dirname "$0")"
for model in minilm-l6-fp32; do
  if [ -f "build/$model/model.onnx" ]; then
    echo "$model: already in build/"
  else
    rm -rf "build/$model"
    "${SERVESCOPE:-../../../servescope}" export --model "$model" --out "build/$model"
  fi
done
