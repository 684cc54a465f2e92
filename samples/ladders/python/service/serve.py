"""The study's service in Python: FastAPI + uvicorn + torch, answering ServeScope's API.

  POST /prediction {"text": "..."} -> {"model", "label", "score", "probabilities", "truncated", "tokens",
                                       "timings_ms": {"tokenize", "inference", "head", "total"}}
  GET  /health_check               -> {"status": "ok", "model": ...}

Bad input gets a 4xx with {"error": ...}, never a crash: a body over 1 MiB is 413; bad JSON, no "text", a "text"
that is not a string or is blank, or invalid UTF-8 is 400. The model comes from MODEL_DIR: a model.pt made at build
time (py-v4, py-v5), else ServeScope's exported folder (model.onnx, tokenizer.json, head.json, variant.json), fetched
from MODEL_URL first when the folder is empty (py-v1, py-v2). It logs "loaded MODEL in N ms" once the model is
ready, the line ServeScope reads for its cold start's model_loaded phase. HOST and PORT say where it listens
(0.0.0.0:8080 in the images), THREADS how many threads torch and OpenBLAS use (1).
"""
import json
import logging
import os
import sys
import time
import urllib.request

# Debian's torch multiplies through whatever libblas.so.3 is installed; the images install OpenBLAS, whose threads
# must be as many as torch's (THREADS), or the two fight for the rung's CPUs. Read once, when the library loads.
os.environ.setdefault("OPENBLAS_NUM_THREADS", os.environ.get("THREADS", "1"))

import torch  # noqa: E402 (after OpenBLAS's setting)

import bert
from wordpiece import WordPiece

MAX_BODY = 1 << 20
# Characters kept per model token before tokenizing, as ServeScope's server cuts a long text (TextWindow.java).
CHARS_PER_TOKEN = 16
FILES = ("tokenizer.json", "head.json", "variant.json", "model.onnx")
LOG = logging.getLogger("serve")


def fetch(url, folder):
    """ServeScope's model folder from a model hub; model.onnx last, so that its presence marks a whole download."""
    os.makedirs(folder, exist_ok=True)
    for name in FILES:
        with urllib.request.urlopen(url.rstrip("/") + "/" + name, timeout=300) as r, \
                open(os.path.join(folder, name + ".part"), "wb") as out:
            while chunk := r.read(1 << 20):
                out.write(chunk)
        os.replace(os.path.join(folder, name + ".part"), os.path.join(folder, name))


def load(folder):
    """The encoder (from model.pt when the image has one, else from model.onnx), tokenizer, head and model id."""
    with open(os.path.join(folder, "variant.json"), encoding="utf-8") as f:
        variant = json.load(f)
    with open(os.path.join(folder, "head.json"), encoding="utf-8") as f:
        head = bert.Head(json.load(f))
    tokenizer = WordPiece.load(os.path.join(folder, "tokenizer.json"), variant["max_tokens"])
    saved = os.path.join(folder, "model.pt")
    if os.path.exists(saved):
        state = torch.load(saved)
        model = bert.Bert(state["config"]).eval()
        if state.get("quantized"):
            model = torch.quantization.quantize_dynamic(model, {torch.nn.Linear}, dtype=torch.qint8)
        model.load_state_dict(state["weights"])
    else:
        model = bert.from_onnx(os.path.join(folder, "model.onnx"))
    return model, tokenizer, head, variant["id"]


def window(text, budget):
    """The prefix of a long text to tokenize: cut at white space in the budget's second half, else at the budget."""
    if len(text) <= budget:
        return text
    for i in range(budget, budget // 2 - 1, -1):
        if text[i].isspace() and text[i] not in "\u00a0\u2007\u202f":
            return text[:i]
    return text[:budget]


class Classifier:
    def __init__(self, model, tokenizer, head, model_id):
        self.model, self.tokenizer, self.head, self.model_id = model, tokenizer, head, model_id

    def predict(self, text):
        start = time.perf_counter()
        ids, truncated = self.tokenizer.encode(window(text, self.tokenizer.max_tokens * CHARS_PER_TOKEN))
        tokenized = time.perf_counter()
        with torch.inference_mode():
            states = self.model(torch.tensor([ids]))
        inferred = time.perf_counter()
        probabilities = self.head.probabilities(self.head.pool(states)).tolist()
        done = time.perf_counter()
        best = max(range(len(probabilities)), key=probabilities.__getitem__)
        return {"model": self.model_id, "label": self.head.labels[best], "score": probabilities[best],
                "probabilities": dict(zip(self.head.labels, probabilities)), "truncated": truncated,
                "tokens": len(ids), "timings_ms": {"tokenize": ms(tokenized - start), "inference": ms(inferred - tokenized),
                                                   "head": ms(done - inferred), "total": ms(done - start)}}


def ms(seconds):
    return round(seconds * 1000, 3)


class BadRequest(Exception):
    def __init__(self, status, message):
        super().__init__(message)
        self.status = status


def read_text(body):
    try:
        request = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise BadRequest(400, 'the body must be JSON: {"text": "..."}')
    text = request.get("text") if isinstance(request, dict) else None
    if not isinstance(text, str):
        raise BadRequest(400, 'the body must be a JSON object with a "text" string: {"text": "..."}')
    if not text.strip():
        raise BadRequest(400, '"text" is empty')
    return text


def app_for(classifier):
    from fastapi import FastAPI, Request
    from fastapi.responses import JSONResponse

    app = FastAPI(openapi_url=None, docs_url=None, redoc_url=None)

    @app.get("/health_check")
    def health():
        return {"status": "ok", "model": classifier.model_id}

    @app.post("/prediction")
    async def prediction(request: Request):
        try:
            declared = request.headers.get("content-length")
            if declared is not None and declared.isdigit() and int(declared) > MAX_BODY:
                raise BadRequest(413, "the body is over %d bytes" % MAX_BODY)
            body = bytearray()
            async for chunk in request.stream():
                body += chunk
                if len(body) > MAX_BODY:
                    raise BadRequest(413, "the body is over %d bytes" % MAX_BODY)
            text = read_text(bytes(body))
        except BadRequest as e:
            return JSONResponse({"error": str(e)}, status_code=e.status)
        # On the event loop itself: one prediction at a time per process, each on torch's threads.
        try:
            return classifier.predict(text)
        except Exception:  # the model failed: say so without a stack trace, log the details
            LOG.exception("prediction failed")
            return JSONResponse({"error": "the model failed on this text"}, status_code=500)

    return app


def main():
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s", stream=sys.stdout)
    started = time.perf_counter()
    torch.set_num_threads(int(os.environ.get("THREADS", "1")))
    folder = os.environ.get("MODEL_DIR", "/app/model")
    url = os.environ.get("MODEL_URL", "")
    if url and not os.path.exists(os.path.join(folder, "model.onnx")):
        LOG.info("downloading the model from %s", url)
        fetch(url, folder)
    classifier = Classifier(*load(folder))
    classifier.predict("warm up the model once")
    LOG.info("loaded %s in %d ms (torch %s, %d thread(s))", classifier.model_id,
             (time.perf_counter() - started) * 1000, torch.__version__, torch.get_num_threads())
    import uvicorn
    # log_config=None: uvicorn's lines go through the root logger above, once each, with their time.
    uvicorn.run(app_for(classifier), host=os.environ.get("HOST", "0.0.0.0"), port=int(os.environ.get("PORT", "8080")),
                access_log=False, log_config=None)


if __name__ == "__main__":
    main()
