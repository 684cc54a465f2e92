// The same model folder through ONNX Runtime's Node binding and HuggingFace's tokenizers (tokenizers.js):
// tokenize -> session.run -> pooling -> linear head -> softmax, timed end to end per sentence, one at a time.
// Usage: node bench.mjs --model-dir DIR --input FILE [--threads N] [--warmup N] [--iterations N | --turns]
// Prints one JSON line shaped like `servescope bench`'s output; with --turns, like `servescope bench --turns`: a
// line {"ready":true} after the warm-up, then one pass over the sentences per line read from standard input.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { performance } from "node:perf_hooks";
import ort from "onnxruntime-node";
import { Tokenizer } from "@huggingface/tokenizers";

function args(argv) {
  const out = { threads: 1, warmup: 50, iterations: 300, turns: false };
  for (let i = 0; i < argv.length; i += 1) {
    const key = argv[i].replace(/^--/, "").replace(/-([a-z])/g, (_, c) => c.toUpperCase());
    if (key === "turns") {
      out.turns = true;
      continue;
    }
    out[key] = ["threads", "warmup", "iterations"].includes(key) ? Number(argv[i + 1]) : argv[i + 1];
    i += 1;
  }
  if (!out.modelDir || !out.input) throw new Error("usage: bench.mjs --model-dir DIR --input FILE [--threads N]");
  return out;
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function summary(samples) {
  const s = [...samples].sort((a, b) => a - b);
  const r = (v) => Math.round(v * 1000) / 1000;
  return { p50: r(percentile(s, 50)), p90: r(percentile(s, 90)), p99: r(percentile(s, 99)) };
}

const opt = args(process.argv.slice(2));
const variant = JSON.parse(readFileSync(join(opt.modelDir, "variant.json"), "utf8"));
const head = JSON.parse(readFileSync(join(opt.modelDir, "head.json"), "utf8"));
const tokenizer = new Tokenizer(JSON.parse(readFileSync(join(opt.modelDir, "tokenizer.json"), "utf8")), {
  model_max_length: variant.max_tokens,
});
const session = await ort.InferenceSession.create(join(opt.modelDir, "model.onnx"), {
  intraOpNumThreads: opt.threads,
  interOpNumThreads: 1,
  executionMode: "sequential",
  graphOptimizationLevel: "all",
});
const sentences = readFileSync(opt.input, "utf8").split("\n").map((l) => l.trim())
  .filter((l) => l && !l.startsWith("#"));

function tokenize(text) {
  const enc = tokenizer.encode(text, { return_token_type_ids: true });
  const n = Math.min(enc.ids.length, variant.max_tokens);
  return {
    n,
    ids: BigInt64Array.from(enc.ids.slice(0, n), BigInt),
    mask: BigInt64Array.from(enc.attention_mask.slice(0, n), BigInt),
    types: BigInt64Array.from((enc.token_type_ids ?? new Array(n).fill(0)).slice(0, n), BigInt),
  };
}

function feeds(t) {
  const f = {
    input_ids: new ort.Tensor("int64", t.ids, [1, t.n]),
    attention_mask: new ort.Tensor("int64", t.mask, [1, t.n]),
  };
  if (session.inputNames.includes("token_type_ids")) f.token_type_ids = new ort.Tensor("int64", t.types, [1, t.n]);
  return f;
}

function classify(hidden, n, dim) {
  const v = new Float64Array(dim);
  if (head.pooling === "CLS") {
    for (let h = 0; h < dim; h++) v[h] = hidden[h];
  } else {
    for (let t = 0; t < n; t++) for (let h = 0; h < dim; h++) v[h] += hidden[t * dim + h];
    for (let h = 0; h < dim; h++) v[h] /= n;
  }
  if (head.normalize) {
    let norm = 0;
    for (let h = 0; h < dim; h++) norm += v[h] * v[h];
    norm = Math.sqrt(norm) || 1;
    for (let h = 0; h < dim; h++) v[h] /= norm;
  }
  const logits = head.weights.map((row, k) => row.reduce((z, w, i) => z + w * v[i], head.bias[k]));
  const max = Math.max(...logits);
  const exp = logits.map((z) => Math.exp(z - max));
  const sum = exp.reduce((a, b) => a + b, 0);
  const probs = exp.map((e) => e / sum);
  return head.labels[probs.indexOf(Math.max(...probs))];
}

async function predict(text) {
  const t0 = performance.now();
  const t = tokenize(text);
  const t1 = performance.now();
  const out = await session.run(feeds(t));
  const hidden = out[session.outputNames.includes("last_hidden_state") ? "last_hidden_state" : session.outputNames[0]];
  const t2 = performance.now();
  const label = classify(hidden.data, t.n, hidden.dims[2]);
  const t3 = performance.now();
  return { label, tokenize: t1 - t0, inference: t2 - t1, total: t3 - t0 };
}

// One prediction and one bare session.run of sentence i, back to back, taking turns at going first (as `servescope
// bench` does), so that neither gets the caches the other warmed.
async function sample(i, acc) {
  const f = feeds(pre[i % pre.length]);
  let r;
  if (i % 2 === 0) r = await predict(sentences[i % sentences.length]);
  const s = performance.now();
  await session.run(f);
  acc.bare.push(performance.now() - s);
  if (i % 2 === 1) r = await predict(sentences[i % sentences.length]);
  acc.tok.push(r.tokenize); acc.inf.push(r.inference); acc.total.push(r.total);
  return r;
}

const pre = sentences.map(tokenize);
for (let i = 0; i < opt.warmup; i++) await predict(sentences[i % sentences.length]);
if (opt.turns) {
  // Paired with another runtime: one pass over the sentences per line read, one JSON line per pass.
  console.log(JSON.stringify({ ready: true, warmup: opt.warmup, sentences: sentences.length }));
  let turn = 0;
  for await (const _ of createInterface({ input: process.stdin })) {
    const acc = { tok: [], inf: [], total: [], bare: [] };
    for (let i = 0; i < sentences.length; i++) await sample(i, acc);
    console.log(JSON.stringify({ turn: ++turn, predictions: acc.total.length, tokenize_ms: summary(acc.tok),
      total_ms: summary(acc.total), bare_run_ms: summary(acc.bare) }));
  }
} else {
  const acc = { tok: [], inf: [], total: [], bare: [] };
  const labels = [];
  for (let i = 0; i < opt.iterations; i++) {
    const r = await sample(i, acc);
    if (i < sentences.length) labels.push(r.label);
  }
  console.log(JSON.stringify({
    runtime: `onnxruntime-node ${ort.env.versions?.common ?? ""}`.trim(),
    model: variant.id, threads: opt.threads, iterations: opt.iterations, sentences: sentences.length,
    tokenize_ms: summary(acc.tok), inference_ms: summary(acc.inf), total_ms: summary(acc.total), bare_run_ms: summary(acc.bare), labels,
  }));
}
