#!/usr/bin/env bash
# Runs the same model file on the same sentences and threads through ServeScope's Java classifier and through
# ONNX Runtime's Node binding with tokenizers.js, back to back, and prints both p50s and their ratio.
#   bench/compare-node.sh [MODEL_ID] [THREADS] [ITERATIONS]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
MODEL=${1:-minilm-l6-int8}
THREADS=${2:-1}
ITER=${3:-500}
INPUT="$ROOT/samples/sentences.txt"
OUT="$ROOT/bench/results"
mkdir -p "$OUT"

if [ ! -d "$ROOT/bench/node/node_modules/onnxruntime-node" ]; then
  # The CPU binary ships in the package; skip the install script's optional GPU download.
  (cd "$ROOT/bench/node" && ONNXRUNTIME_NODE_INSTALL=skip ONNXRUNTIME_NODE_INSTALL_CUDA=skip \
    npm install --no-audit --no-fund --silent)
fi

"$ROOT/servescope" export --model "$MODEL" --out "$OUT/$MODEL" > /dev/null
java_json=$("$ROOT/servescope" bench --model "$MODEL" --threads "$THREADS" --iterations "$ITER" --warmup 100 \
  --input "$INPUT" 2>/dev/null)
node_json=$(node "$ROOT/bench/node/bench.mjs" --model-dir "$OUT/$MODEL" --threads "$THREADS" --iterations "$ITER" \
  --warmup 100 --input "$INPUT")
echo "$java_json" > "$OUT/java-$MODEL-$THREADS.json"
echo "$node_json" > "$OUT/node-$MODEL-$THREADS.json"
python3 - "$java_json" "$node_json" <<'PY'
import json, sys
j, n = json.loads(sys.argv[1]), json.loads(sys.argv[2])
print(json.dumps({
    "model": j["model"], "threads": j["threads"],
    "java_total_p50_ms": j["total_ms"]["p50"], "node_total_p50_ms": n["total_ms"]["p50"],
    "java_bare_run_p50_ms": j["bare_run_ms"]["p50"], "node_bare_run_p50_ms": n["bare_run_ms"]["p50"],
    "node_over_java": round(n["total_ms"]["p50"] / j["total_ms"]["p50"], 2),
}))
PY
