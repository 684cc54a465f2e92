#!/bin/sh
# Prepares this folder's build context on the host (the ladder file runs it before each build): a Docker build here
# cannot reach a package registry or a model hub, so the packages and the model are fetched now, into build/.
#   - npm ci from package-lock.json, skipped while build/ holds the same lock; onnxruntime-node's bundled CPU
#     binaries are used as they are (its optional GPU download is skipped) and those of other platforms dropped;
#   - the model: ServeScope's minilm-l6-int8 (ONNX, tokenizer.json, the trained head), exported by the launcher.
set -eu
cd "$(dirname "$0")"
mkdir -p build
if [ -d build/node_modules ] && cmp -s package-lock.json build/package-lock.json; then
  echo "node_modules: up to date with package-lock.json"
else
  rm -rf build/node_modules build/package-lock.json
  cp package.json package-lock.json build/
  (cd build && ONNXRUNTIME_NODE_INSTALL=skip ONNXRUNTIME_NODE_INSTALL_CUDA=skip npm ci --omit=dev --no-audit --no-fund)
  for bin in build/node_modules/onnxruntime-node/bin/napi-v*; do
    find "$bin" -mindepth 1 -maxdepth 1 ! -name linux -exec rm -rf {} +
    find "$bin/linux" -mindepth 1 -maxdepth 1 ! -name x64 -exec rm -rf {} +
  done
fi
"${SERVESCOPE:-../../../servescope}" export --model minilm-l6-int8 --out build/model
