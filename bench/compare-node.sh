#!/usr/bin/env bash
# Runs the same model file on the same sentences through ServeScope's Java classifier and through ONNX Runtime's
# Node binding (the same ONNX Runtime version: pom.xml's onnxruntime.version, bench/node/package.json) with
# tokenizers.js, at 1 and at 2 intra-op threads. The two sides alternate, ROUNDS times per thread count, the side that
# goes first swapping every round, so both see the same drift of a shared machine: each round's own Java/Node ratio,
# and the median of those, is the comparison; times are the median of the rounds' p50s. Prints a Markdown table (and
# writes it, with every round's JSON, under bench/results/).
#   bench/compare-node.sh [MODEL_ID] [ROUNDS] [ITERATIONS]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
MODEL=${1:-minilm-l6-int8}
ROUNDS=${2:-5}
ITER=${3:-500}
INPUT="$ROOT/samples/sentences.txt"
OUT="$ROOT/bench/results"
mkdir -p "$OUT"

if [ ! -d "$ROOT/bench/node/node_modules/onnxruntime-node" ]; then
  # The CPU binary ships in the package; skip the install script's optional GPU download.
  (cd "$ROOT/bench/node" && ONNXRUNTIME_NODE_INSTALL=skip ONNXRUNTIME_NODE_INSTALL_CUDA=skip \
    npm ci --no-audit --no-fund --silent)
fi
java_ort=$(sed -n 's:.*<onnxruntime.version>\(.*\)</onnxruntime.version>.*:\1:p' "$ROOT/pom.xml")
node_ort=$(node -p "require('$ROOT/bench/node/node_modules/onnxruntime-node/package.json').version")
if [ "$java_ort" != "$node_ort" ]; then
  echo "ONNX Runtime differs: Java $java_ort, Node $node_ort; align bench/node/package.json with pom.xml" >&2
  exit 1
fi

"$ROOT/servescope" export --model "$MODEL" --out "$OUT/$MODEL" > /dev/null
runs="$OUT/runs-$MODEL.jsonl"
: > "$runs"
java_side() {
  "$ROOT/servescope" bench --model "$MODEL" --threads "$1" --iterations "$ITER" --warmup 100 --input "$INPUT" \
    2>/dev/null | python3 -c 'import json,sys; d=json.load(sys.stdin); d["side"]="java"; print(json.dumps(d))'
}
node_side() {
  node "$ROOT/bench/node/bench.mjs" --model-dir "$OUT/$MODEL" --threads "$1" --iterations "$ITER" --warmup 100 \
    --input "$INPUT" | python3 -c 'import json,sys; d=json.load(sys.stdin); d["side"]="node"; print(json.dumps(d))'
}
for threads in 1 2; do
  for round in $(seq 1 "$ROUNDS"); do
    if [ $((round % 2)) -eq 1 ]; then
      java_side "$threads" >> "$runs"; node_side "$threads" >> "$runs"
    else
      node_side "$threads" >> "$runs"; java_side "$threads" >> "$runs"
    fi
    echo "threads $threads, round $round of $ROUNDS done" >&2
  done
done
python3 - "$runs" "$java_ort" "$ROUNDS" <<'PY' | tee "$OUT/compare-node-$MODEL.md"
import json, statistics, sys
runs = [json.loads(l) for l in open(sys.argv[1])]
med = lambda side, t, key: statistics.median(r[key]["p50"] for r in runs if r["side"] == side and r["threads"] == t)
def paired(t):
    # each round ran both sides back to back: its own Java/Node ratio cancels what the machine did meanwhile
    rounds = [runs[i:i + 2] for i in range(0, len(runs), 2) if runs[i]["threads"] == t]
    ratios = sorted(next(r for r in p if r["side"] == "java")["total_ms"]["p50"]
                    / next(r for r in p if r["side"] == "node")["total_ms"]["p50"] for p in rounds)
    return statistics.median(ratios), ratios[0], ratios[-1]
print(f"ONNX Runtime {sys.argv[2]} on both sides, model {runs[0]['model']}, {sys.argv[3]} alternating rounds; "
      "times are the median of the rounds' p50 (ms), the ratio the median of each round's own Java / Node")
print()
print("| threads | Java total | Node total | Java / Node (rounds' range) | Java tokenize | Node tokenize "
      "| Java bare run | Node bare run |")
print("| --: | --: | --: | --: | --: | --: | --: | --: |")
for t in sorted({r["threads"] for r in runs}):
    ratio, lo, hi = paired(t)
    print(f"| {t} | {med('java', t, 'total_ms'):.3f} | {med('node', t, 'total_ms'):.3f} | {ratio:.2f}x "
          f"({lo:.2f}-{hi:.2f}) | {med('java', t, 'tokenize_ms'):.3f} | {med('node', t, 'tokenize_ms'):.3f} | "
          f"{med('java', t, 'bare_run_ms'):.3f} | {med('node', t, 'bare_run_ms'):.3f} |")
PY
