"""A small BERT encoder in torch, its weights read out of ServeScope's exported ONNX file.

Debian packages torch but neither `transformers` nor a Python ONNX Runtime: this module is the model, and
`from_onnx` maps the ONNX file's weights onto it (named initializers directly; a MatMul's anonymous weight by the
name of the node that uses it, transposed to torch's Linear layout). The head (pooling, optional normalisation,
linear layer and softmax) is ServeScope's exported head.json.
"""
import math

import torch
from torch import nn
from torch.nn import functional


class Layer(nn.Module):
    def __init__(self, hidden, heads, intermediate, eps):
        super().__init__()
        self.heads = heads
        self.query = nn.Linear(hidden, hidden)
        self.key = nn.Linear(hidden, hidden)
        self.value = nn.Linear(hidden, hidden)
        self.attention_out = nn.Linear(hidden, hidden)
        self.attention_norm = nn.LayerNorm(hidden, eps=eps)
        self.intermediate = nn.Linear(hidden, intermediate)
        self.output = nn.Linear(intermediate, hidden)
        self.output_norm = nn.LayerNorm(hidden, eps=eps)

    def forward(self, x):
        n, hidden = x.shape[1], x.shape[2]
        size = hidden // self.heads

        def split(t):
            return t.view(1, n, self.heads, size).transpose(1, 2)

        q, k, v = split(self.query(x)), split(self.key(x)), split(self.value(x))
        weights = torch.softmax(q @ k.transpose(-1, -2) / math.sqrt(size), dim=-1)
        context = (weights @ v).transpose(1, 2).reshape(1, n, hidden)
        x = self.attention_norm(x + self.attention_out(context))
        return self.output_norm(x + self.output(functional.gelu(self.intermediate(x))))


class Bert(nn.Module):
    """One sentence at a time (batch of one, every token attended): what a request carries."""

    def __init__(self, config):
        super().__init__()
        self.config = dict(config)
        hidden, eps = config["hidden"], config["eps"]
        self.words = nn.Embedding(config["vocab"], hidden)
        self.positions = nn.Embedding(config["max_positions"], hidden)
        self.types = nn.Embedding(config["type_vocab"], hidden)
        self.norm = nn.LayerNorm(hidden, eps=eps)
        self.layers = nn.ModuleList(Layer(hidden, config["heads"], config["intermediate"], eps)
                                    for _ in range(config["layers"]))

    def forward(self, ids):
        n = ids.shape[1]
        positions = torch.arange(n).unsqueeze(0)
        x = self.norm(self.words(ids) + self.positions(positions) + self.types(torch.zeros_like(ids)))
        for layer in self.layers:
            x = layer(x)
        return x


# ONNX module paths (HuggingFace's BERT names) to this module's.
_RENAME = (("embeddings.word_embeddings", "words"), ("embeddings.position_embeddings", "positions"),
           ("embeddings.token_type_embeddings", "types"), ("embeddings.LayerNorm", "norm"),
           ("encoder.layer.", "layers."), ("attention.self.query", "query"), ("attention.self.key", "key"),
           ("attention.self.value", "value"), ("attention.output.dense", "attention_out"),
           ("attention.output.LayerNorm", "attention_norm"), ("intermediate.dense", "intermediate"),
           ("output.dense", "output"), ("output.LayerNorm", "output_norm"))


def _rename(name):
    for old, new in _RENAME:
        name = name.replace(old, new)
    return name


def from_onnx(path):
    """The encoder whose weights the ONNX file holds; ValueError when it is not a BERT export of this shape."""
    import onnx
    from onnx import numpy_helper

    graph = onnx.load(path).graph
    weights = {}
    arrays = {t.name: t for t in graph.initializer}
    for name, tensor in arrays.items():
        if not name.startswith("onnx::") and name != "embeddings.position_ids":
            weights[_rename(name)] = torch.from_numpy(numpy_helper.to_array(tensor).copy())
    constants = {}
    for node in graph.node:
        if node.op_type == "Constant":
            constants[node.output[0]] = numpy_helper.to_array(node.attribute[0].t)
        if node.op_type == "MatMul" and node.input[1] in arrays:
            # /encoder/layer.0/attention/self/query/MatMul -> encoder.layer.0.attention.self.query.weight
            module = node.name.strip("/").rsplit("/", 1)[0].replace("/", ".")
            weights[_rename(module) + ".weight"] = torch.from_numpy(numpy_helper.to_array(arrays[node.input[1]]).T.copy())
    config = _config(graph, weights, constants)
    model = Bert(config)
    missing, unexpected = model.load_state_dict(weights, strict=False)
    if missing or unexpected:
        raise ValueError("%s is not a BERT export this module reads: missing %s, unexpected %s"
                         % (path, missing[:5], unexpected[:5]))
    return model.eval()


def _config(graph, weights, constants):
    """Sizes from the weights; the head count and LayerNorm's epsilon from the graph's constants."""
    vocab, hidden = weights["words.weight"].shape
    layers = 1 + max(int(name.split(".")[1]) for name in weights if name.startswith("layers."))
    head_size = None
    eps = None
    for node in graph.node:
        if node.name == "/encoder/layer.0/attention/self/Div" and node.input[1] in constants:
            head_size = round(float(constants[node.input[1]]) ** 2)
        if node.name == "/embeddings/LayerNorm/Add" and node.input[1] in constants:
            eps = float(constants[node.input[1]])
    if head_size is None or eps is None:
        raise ValueError("cannot find the attention's scale or LayerNorm's epsilon in the graph")
    return {"vocab": int(vocab), "hidden": int(hidden), "layers": layers, "heads": int(hidden) // head_size,
            "intermediate": int(weights["layers.0.intermediate.weight"].shape[0]),
            "max_positions": int(weights["positions.weight"].shape[0]),
            "type_vocab": int(weights["types.weight"].shape[0]), "eps": eps}


class Head:
    """ServeScope's head.json: pooling (MEAN or CLS), optional L2 normalisation, a linear layer, softmax."""

    def __init__(self, spec):
        self.labels = list(spec["labels"])
        self.pooling = spec.get("pooling", "MEAN")
        self.normalize = bool(spec.get("normalize", False))
        self.weights = torch.tensor(spec["weights"], dtype=torch.float64)
        self.bias = torch.tensor(spec["bias"], dtype=torch.float64)
        if self.pooling not in ("MEAN", "CLS"):
            raise ValueError("pooling %r is neither MEAN nor CLS" % self.pooling)

    def pool(self, states):
        vector = states[0, 0] if self.pooling == "CLS" else states[0].mean(dim=0)
        vector = vector.to(torch.float64)
        if self.normalize:
            vector = vector / (vector.norm() or 1.0)
        return vector

    def probabilities(self, pooled):
        return torch.softmax(self.weights @ pooled + self.bias, dim=0)


if __name__ == "__main__":
    # A JSON list of texts on stdin, their pooled vectors (before any normalisation) on stdout: what the numeric
    # check compares with ONNX Runtime's.   python3 bert.py MODEL_DIR < texts.json
    import json
    import os
    import sys

    from wordpiece import WordPiece

    folder = sys.argv[1]
    with open(os.path.join(folder, "variant.json"), encoding="utf-8") as f:
        variant = json.load(f)
    with open(os.path.join(folder, "head.json"), encoding="utf-8") as f:
        pooling = json.load(f).get("pooling", "MEAN")
    tokenizer = WordPiece.load(os.path.join(folder, "tokenizer.json"), variant["max_tokens"])
    model = from_onnx(os.path.join(folder, "model.onnx"))
    vectors = []
    with torch.inference_mode():
        for text in json.loads(sys.stdin.buffer.read().decode("utf-8")):
            states = model(torch.tensor([tokenizer.encode(text)[0]]))
            vectors.append((states[0, 0] if pooling == "CLS" else states[0].mean(dim=0)).tolist())
    json.dump(vectors, sys.stdout)
