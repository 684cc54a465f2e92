"""BERT's tokenizer in plain Python, giving exactly ServeScope's token ids (its WordPiece.java).

The parts of a HuggingFace tokenizer.json that BERT models use: the BertNormalizer (clean text, pad CJK
characters, strip accents, lowercase), the BertPreTokenizer (white space and each punctuation character split
words), the WordPiece model (greedy longest match, '##' for later pieces) and the [CLS] text [SEP] template, with
special tokens such as [MASK] matched in the raw text. No `tokenizers` or `transformers` package is needed.
"""
import json
import unicodedata

_CHINESE = ((0x4E00, 0x9FFF), (0x3400, 0x4DBF), (0x20000, 0x2A6DF), (0x2A700, 0x2B73F), (0x2B740, 0x2B81F),
            (0x2B920, 0x2CEAF), (0xF900, 0xFAFF), (0x2F800, 0x2FA1F))
_PUNCTUATION = {"Pc", "Pd", "Ps", "Pe", "Pi", "Pf", "Po"}
_REMOVABLE = {"Cc", "Cf", "Cs", "Co", "Cn"}


def is_whitespace(ch):
    return ch in "\t\n\r\x0b\x0c\x85" or unicodedata.category(ch) in ("Zs", "Zl", "Zp")


def is_control(ch):
    return ch not in "\t\n\r" and unicodedata.category(ch) in _REMOVABLE


def is_punctuation(ch):
    c = ord(ch)
    if c < 128:
        return 32 < c < 127 and not ch.isalnum()
    return unicodedata.category(ch) in _PUNCTUATION


def is_chinese(ch):
    c = ord(ch)
    return any(lo <= c <= hi for lo, hi in _CHINESE)


class WordPiece:
    """A tokenizer.json of exactly these parts; anything else is refused with ValueError."""

    def __init__(self, spec, max_tokens):
        model, norm = spec.get("model") or {}, spec.get("normalizer") or {}
        if (model.get("type") != "WordPiece" or norm.get("type") != "BertNormalizer"
                or (spec.get("pre_tokenizer") or {}).get("type") != "BertPreTokenizer" or max_tokens < 2):
            raise ValueError("not a BERT WordPiece tokenizer (WordPiece, BertNormalizer, BertPreTokenizer)")
        self.vocab = dict(model["vocab"])
        self.unk = self.vocab[model.get("unk_token", "[UNK]")]
        self.prefix = model.get("continuing_subword_prefix") or "##"
        self.max_word_chars = model.get("max_input_chars_per_word", 100)
        self.special = {}
        for added in spec.get("added_tokens") or []:
            if added.get("normalized", True) or added.get("single_word") or added.get("lstrip") or added.get("rstrip"):
                raise ValueError("special token %r is matched in a way this tokenizer does not do" % added["content"])
            self.special[added["content"]] = added["id"]
        self.cls, self.sep = _template(spec.get("post_processor") or {}, self.vocab)
        self.clean_text = norm.get("clean_text", True)
        self.chinese_chars = norm.get("handle_chinese_chars", True)
        self.lowercase = norm.get("lowercase", True)
        strip = norm.get("strip_accents")
        self.strip_accents = self.lowercase if strip is None else strip
        self.max_tokens = max_tokens

    @classmethod
    def load(cls, path, max_tokens):
        with open(path, encoding="utf-8") as f:
            return cls(json.load(f), max_tokens)

    def encode(self, text):
        """The ids of one text, [CLS] and [SEP] included, cut to the most that fit; and whether it was cut."""
        ids = []
        start = 0
        while start < len(text):
            at, found = len(text), None
            for token in self.special:
                i = text.find(token, start)
                if i >= 0 and (i < at or (i == at and found is not None and len(token) > len(found))):
                    at, found = i, token
            self._words(self.normalize(text[start:at]), ids)
            if found is None:
                break
            ids.append(self.special[found])
            start = at + len(found)
        room = self.max_tokens - 2
        return [self.cls] + ids[:room] + [self.sep], len(ids) > room

    def normalize(self, s):
        out = []
        for ch in s:
            if self.clean_text:
                if ch in "\x00\ufffd" or is_control(ch):
                    continue
                if is_whitespace(ch):
                    ch = " "
            if self.chinese_chars and is_chinese(ch):
                out.append(" " + ch + " ")
            else:
                out.append(ch)
        text = "".join(out)
        if self.strip_accents:
            text = "".join(ch for ch in unicodedata.normalize("NFD", text) if unicodedata.category(ch) != "Mn")
        if self.lowercase:
            # Each character on its own, as the tokenizers library does: no final sigma from context.
            text = "".join("i\u0307" if ch == "\u0130" else ch.lower() for ch in text)
        return text

    def _words(self, s, ids):
        word = []
        for ch in s:
            if is_whitespace(ch) or is_punctuation(ch):
                if word:
                    self._pieces("".join(word), ids)
                    word = []
                if not is_whitespace(ch):
                    self._pieces(ch, ids)
            else:
                word.append(ch)
        if word:
            self._pieces("".join(word), ids)

    def _pieces(self, word, ids):
        if len(word) > self.max_word_chars:
            ids.append(self.unk)
            return
        found = []
        start = 0
        while start < len(word):
            end = len(word)
            piece_id = None
            while end > start:
                piece = word[start:end] if start == 0 else self.prefix + word[start:end]
                piece_id = self.vocab.get(piece)
                if piece_id is not None:
                    break
                end -= 1
            if piece_id is None:
                ids.append(self.unk)
                return
            found.append(piece_id)
            start = end
        ids.extend(found)


def _template(post, vocab):
    if post.get("type") == "BertProcessing":
        return post["cls"][1], post["sep"][1]
    single = post.get("single") or []
    if post.get("type") != "TemplateProcessing" or len(single) != 3 or single[1].get("Sequence", {}).get("id") != "A":
        raise ValueError("the post-processor is not [CLS] $A [SEP]")
    ends = []
    for part in (single[0], single[2]):
        token = part.get("SpecialToken") or {}
        if token.get("type_id", 0) != 0:
            raise ValueError("the post-processor gives special tokens a type other than 0")
        known = (post.get("special_tokens") or {}).get(token.get("id"), {}).get("ids") or []
        ends.append(known[0] if known else vocab[token["id"]])
    return ends[0], ends[1]


if __name__ == "__main__":
    # A JSON list of texts on stdin, a JSON list of their ids on stdout: what the parity test compares.
    #   python3 wordpiece.py tokenizer.json MAX_TOKENS < texts.json
    import sys
    tokenizer = WordPiece.load(sys.argv[1], int(sys.argv[2]))
    texts = json.loads(sys.stdin.buffer.read().decode("utf-8", "surrogatepass"))
    json.dump([tokenizer.encode(t)[0] for t in texts], sys.stdout)
