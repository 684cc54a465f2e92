// A sentiment service in Node.js: the model ServeScope exports, served with onnxruntime-node and tokenizers.js.
// Its API is its own on purpose: GET /healthz, POST /v1/classify {"inputs": "..."} -> {"result": {"label": ...}}.
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import ort from 'onnxruntime-node';
import { Tokenizer } from '@huggingface/tokenizers';

const dir = process.env.MODEL_DIR ?? './model';
const port = Number(process.env.PORT ?? 9000);
const threads = Number(process.env.THREADS ?? 1);
const variant = JSON.parse(readFileSync(`${dir}/variant.json`, 'utf8'));
const head = JSON.parse(readFileSync(`${dir}/head.json`, 'utf8'));
const tokenizer = new Tokenizer(JSON.parse(readFileSync(`${dir}/tokenizer.json`, 'utf8')), {
  model_max_length: variant.max_tokens });
const session = await ort.InferenceSession.create(`${dir}/model.onnx`, {
  intraOpNumThreads: threads, interOpNumThreads: 1, executionMode: 'sequential', graphOptimizationLevel: 'all' });
const hidden = variant.hidden_size;
const maxTokens = variant.max_tokens;

function tensor(values, n) {
  return new ort.Tensor('int64', BigInt64Array.from(values, BigInt), [1, n]);
}

async function classify(text) {
  let ids = tokenizer.encode(text).ids;
  if (ids.length > maxTokens) {
    ids = ids.slice(0, maxTokens - 1).concat(ids[ids.length - 1]);
  }
  const n = ids.length;
  const feeds = { input_ids: tensor(ids, n), attention_mask: tensor(ids.map(() => 1), n) };
  if (session.inputNames.includes('token_type_ids')) {
    feeds.token_type_ids = tensor(ids.map(() => 0), n);
  }
  const out = await session.run(feeds);
  const states = out[session.outputNames[0]].data;
  const pooled = new Float64Array(hidden);
  for (let t = 0; t < n; t++) {
    for (let i = 0; i < hidden; i++) pooled[i] += states[t * hidden + i] / n;
  }
  if (head.normalize) {
    const norm = Math.hypot(...pooled) || 1;
    for (let i = 0; i < hidden; i++) pooled[i] /= norm;
  }
  const logits = head.weights.map((w, k) => w.reduce((z, wi, i) => z + wi * pooled[i], head.bias[k]));
  const top = Math.max(...logits);
  const exp = logits.map((z) => Math.exp(z - top));
  const sum = exp.reduce((a, b) => a + b, 0);
  const best = logits.indexOf(top);
  return { label: head.labels[best], score: exp[best] / sum, tokens: n };
}

function reply(res, status, body) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/healthz') {
    return reply(res, 200, { status: 'ok', model: variant.id });
  }
  if (req.method !== 'POST' || req.url !== '/v1/classify') {
    return reply(res, 404, { error: 'GET /healthz or POST /v1/classify' });
  }
  const chunks = [];
  let size = 0;
  req.on('data', (c) => {
    size += c.length;
    if (size > 1 << 20) req.destroy(); else chunks.push(c);
  });
  req.on('end', async () => {
    let text;
    try {
      text = JSON.parse(Buffer.concat(chunks).toString('utf8')).inputs;
    } catch {
      return reply(res, 400, { error: 'body must be JSON: {"inputs": "a sentence"}' });
    }
    if (typeof text !== 'string' || text.trim() === '') {
      return reply(res, 400, { error: '"inputs" must be a non-empty string' });
    }
    try {
      reply(res, 200, { result: await classify(text) });
    } catch (e) {
      reply(res, 500, { error: String(e) });
    }
  });
}).listen(port, () => console.log(`node sentiment service on :${port} (${variant.id}, ${threads} thread)`));

// As a container's first process, Node.js ignores SIGTERM unless told: stop at once on `docker stop`.
process.on('SIGTERM', () => process.exit(0));
