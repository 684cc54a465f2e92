#!/usr/bin/env bash
# Runs the same model file on the same sentences through ServeScope's Java classifier and through ONNX Runtime's
# Node binding (the same ONNX Runtime version: pom.xml's onnxruntime.version, bench/node/package.json) with
# tokenizers.js, at 1 and at 2 intra-op threads. Both sides are loaded and warmed up, then take turns: one pass over
# the sentences each (about 0.1 s), TURNS times, the side that goes first swapping every turn. A shared machine drifts
# by more than the difference sought over the seconds that separate two whole runs, but hardly within one pair of
# passes; so each turn's own Java/Node ratio of the pass's p50, and the median of those, is the comparison, with the
# middle half of the turns as its range. Prints a Markdown table (and writes it, with every pass's JSON, under
# bench/results/). SAME=java or SAME=node runs that runtime on both sides, an A/A run: how far the ratio strays from
# 1.00 when nothing differs is the resolution of the method on this machine. The two packages ship different builds
# of the same ONNX Runtime version (Maven's libonnxruntime.so is 28.5 MB, npm's 44.7 MB); JAVA_ORT=node runs the
# Java side on npm's build, so that only the language differs.
#   [SAME=java|node] [JAVA_ORT=node] bench/compare-node.sh [MODEL_ID] [TURNS] [WARMUP]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
MODEL=${1:-minilm-l6-int8}
TURNS=${2:-60}
WARMUP=${3:-300}
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
java_opts="${SERVESCOPE_JAVA_OPTS:-}"
if [ "${JAVA_ORT:-}" = node ]; then
  # ONNX Runtime's Java API loads both libraries from onnxruntime.native.path: its own JNI glue, and here npm's core
  lib="$OUT/ort-from-npm"
  mkdir -p "$lib"
  cp "$ROOT"/bench/node/node_modules/onnxruntime-node/bin/napi-v*/linux/x64/libonnxruntime.so.1 "$lib/libonnxruntime.so"
  unzip -p "$ROOT/app/target/lib/onnxruntime-$java_ort.jar" ai/onnxruntime/native/linux-x64/libonnxruntime4j_jni.so \
    > "$lib/libonnxruntime4j_jni.so"
  java_opts="$java_opts -Donnxruntime.native.path=$lib"
elif [ -n "${JAVA_ORT:-}" ]; then
  echo "JAVA_ORT is node or unset, not $JAVA_ORT" >&2
  exit 1
fi
suffix="${SAME:+-aa-$SAME}${JAVA_ORT:+-java-on-$JAVA_ORT-ort}"
runs="$OUT/turns-$MODEL$suffix.jsonl"
report="$OUT/compare-node-$MODEL$suffix.md"
SERVESCOPE_JAVA_OPTS="$java_opts" \
python3 - "$ROOT" "$MODEL" "$INPUT" "$TURNS" "$WARMUP" "$runs" "$java_ort" "${SAME:-}" "${JAVA_ORT:-}" <<'PY' | tee "$report"
import json, statistics, subprocess, sys
root, model, sentences, turns, warmup, runs_file, ort, same, java_ort = sys.argv[1:10]
turns, warmup = int(turns), int(warmup)
if same not in ("", "java", "node"):
    sys.exit(f"SAME is java or node, not {same}")
names = {"java": "Java", "node": "Node"} if not same else {"java": f"{same.title()} 1", "node": f"{same.title()} 2"}

def start(side, threads):
    common = ["--threads", str(threads), "--warmup", str(warmup), "--input", sentences, "--turns"]
    runtime = same or side
    cmd = ([f"{root}/servescope", "bench", "--model", model] if runtime == "java"
           else ["node", f"{root}/bench/node/bench.mjs", "--model-dir", f"{root}/bench/results/{model}"]) + common
    p = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    ready = p.stdout.readline()
    if not ready or not json.loads(ready).get("ready"):
        sys.exit(f"{side} side did not start: {' '.join(cmd)}")
    return p

def turn(p, side):
    p.stdin.write("go\n")
    p.stdin.flush()
    line = p.stdout.readline()
    if not line:
        sys.exit(f"{side} side stopped")
    return json.loads(line)

passes = []
with open(runs_file, "w") as log:
    for threads in (1, 2):
        # one side at a time warms up, so that neither warm-up competes with the other for the two CPUs
        sides = {"java": start("java", threads)}
        sides["node"] = start("node", threads)
        for k in range(turns):
            order = ("java", "node") if k % 2 == 0 else ("node", "java")
            for side in order:
                r = turn(sides[side], side) | {"side": side, "threads": threads, "pair": k}
                passes.append(r)
                log.write(json.dumps(r) + "\n")
            print(f"threads {threads}: turn {k + 1} of {turns}", file=sys.stderr, end="\r")
        for p in sides.values():
            p.stdin.close()
            p.wait()
        print(file=sys.stderr)

def med(side, t, key):
    return statistics.median(r[key]["p50"] for r in passes if r["side"] == side and r["threads"] == t)

def ratios(t):
    by_pair = {}
    for r in passes:
        if r["threads"] == t:
            by_pair.setdefault(r["pair"], {})[r["side"]] = r["total_ms"]["p50"]
    q = statistics.quantiles([p["java"] / p["node"] for p in by_pair.values()], n=4)
    return q[1], q[0], q[2]

a, b = names["java"], names["node"]
build = "npm's build of it on both sides" if java_ort else "each package's own build"
print(f"ONNX Runtime {ort} ({build}), model {model}, {turns} turns of one pass each over the sentences after "
      f"{warmup} warm-up predictions; times are the median of the passes' p50 (ms), the ratio the median of each "
      f"turn's own {a} / {b}, with the middle half of the turns")
print()
print(f"| threads | {a} total | {b} total | {a} / {b} (middle half) | {a} tokenize | {b} tokenize "
      f"| {a} bare run | {b} bare run |")
print("| --: | --: | --: | --: | --: | --: | --: | --: |")
for t in (1, 2):
    ratio, lo, hi = ratios(t)
    print(f"| {t} | {med('java', t, 'total_ms'):.3f} | {med('node', t, 'total_ms'):.3f} | {ratio:.2f}x "
          f"({lo:.2f}-{hi:.2f}) | {med('java', t, 'tokenize_ms'):.3f} | {med('node', t, 'tokenize_ms'):.3f} | "
          f"{med('java', t, 'bare_run_ms'):.3f} | {med('node', t, 'bare_run_ms'):.3f} |")
PY
