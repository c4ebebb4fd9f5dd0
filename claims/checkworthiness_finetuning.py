"""Fine-tuning the reader, the check-worthiness model's second stage: the
base sentence encoder (`claims.sentence_encoder`) with a low-rank addition
(LoRA) to each of its linear layers, new layer norms, and a logistic head
over the sentence vector, trained end to end on labelled sentences;
several such fine-tunings, from different seeds, averaged into one.

Needs PyTorch (`pip install -r requirements-train.txt`); scoring does not.
The model below mirrors `claims.sentence_encoder.Encoder` step for step, so
what it learns runs there unchanged (tests/claims/test_checkworthiness.py
checks both give the same scores)."""

import math
import random

import numpy as np

from claims.sentence_encoder import HEADS, LAYERS, LINEARS, NORMS

RANK = 16
EPOCHS = 2
# Fine-tunings averaged: one reader's dev F1 moves by 0.02 with its seed;
# the average of three leans on no lucky seed and reads as fast as one.
READERS = 3
BATCH = 32
LEARNING_RATE = 5e-4
WEIGHT_DECAY = 0.01
WARMUP = 0.06
# The sentence vector is unit length: the head sees it scaled up, so its
# weights start in a useful range. Folded into the exported head.
HEAD_SCALE = 10.0


class MissingTorch(Exception):
    pass


def import_torch():
    try:
        import torch
    except ImportError:
        raise MissingTorch(
            "training the reader needs PyTorch: pip install -r requirements-train.txt"
        ) from None
    return torch


def fine_tune(
    encoder_weights: dict[str, np.ndarray],
    ids: list[list[int]],
    labels: np.ndarray,
    *,
    epochs: float = EPOCHS,
    seed: int = 0,
    threads: int | None = None,
    progress=None,
) -> dict[str, np.ndarray]:
    """The learned arrays, named as `claims.sentence_encoder` reads them:
    `<linear>.lora_a` (in × rank) and `<linear>.lora_b` (rank × out) for each
    linear layer, the layer norms' `weight` and `bias`, `head.weight` and
    `head.bias`."""
    torch = import_torch()
    if threads:
        torch.set_num_threads(threads)
    torch.manual_seed(seed)
    shuffler = random.Random(seed)
    model = reader_model(torch, encoder_weights)
    learned = [p for p in model.parameters() if p.requires_grad]
    optimiser = torch.optim.AdamW(learned, lr=LEARNING_RATE, weight_decay=WEIGHT_DECAY)
    steps = max(1, int(math.ceil(len(ids) / BATCH) * epochs))
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser,
        lambda step: min(1.0, step / max(1.0, WARMUP * steps)) * max(0.0, 1 - step / steps),
    )
    targets = torch.tensor(labels, dtype=torch.float32)
    model.train()
    step = 0
    while step < steps:
        for batch in batches_of_like_length(ids, shuffler):
            if step >= steps:
                break
            logits = model([ids[i] for i in batch])
            loss = torch.nn.functional.binary_cross_entropy_with_logits(logits, targets[batch])
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            schedule.step()
            step += 1
            if progress:
                progress(step, steps, loss.item())
    return model.exported()


def averaged(readers: list[dict[str, np.ndarray]]) -> dict[str, np.ndarray]:
    """One reader whose weights are the mean of these fine-tunings' (a
    "model soup"): their low-rank additions side by side, each `lora_b`
    divided by their number, so `lora_a @ lora_b` is the mean of their
    products; the layer norms and the heads averaged."""
    count = len(readers)
    merged = {}
    for name in readers[0]:
        values = [reader[name].astype(np.float32) for reader in readers]
        if name.endswith(".lora_a"):
            merged[name] = np.concatenate(values, axis=1)
        elif name.endswith(".lora_b"):
            merged[name] = np.concatenate(values, axis=0) / count
        else:
            merged[name] = np.mean(values, axis=0)
    return merged


def batches_of_like_length(ids, shuffler: random.Random) -> list[list[int]]:
    """Shuffled batches of sentences of about the same length (little
    padding), each drawn from a random stretch of the data."""
    order = list(range(len(ids)))
    shuffler.shuffle(order)
    batches = []
    stretch = BATCH * 50
    for start in range(0, len(order), stretch):
        chunk = sorted(order[start : start + stretch], key=lambda i: len(ids[i]))
        batches += [chunk[i : i + BATCH] for i in range(0, len(chunk), BATCH)]
    shuffler.shuffle(batches)
    return batches


def reader_model(torch, weights: dict[str, np.ndarray]):
    nn = torch.nn

    def frozen(name):
        return torch.from_numpy(np.ascontiguousarray(weights[name]))

    class LowRankLinear(nn.Module):
        def __init__(self, prefix):
            super().__init__()
            self.register_buffer("weight", frozen(f"{prefix}.weight"))
            self.register_buffer("bias", frozen(f"{prefix}.bias"))
            out, inner = self.weight.shape
            self.lora_a = nn.Parameter(torch.randn(inner, RANK) / math.sqrt(inner))
            self.lora_b = nn.Parameter(torch.zeros(RANK, out))

        def forward(self, x):
            return x @ self.weight.T + self.bias + (x @ self.lora_a) @ self.lora_b

    class Norm(nn.Module):
        def __init__(self, prefix, learned):
            super().__init__()
            self.weight = nn.Parameter(frozen(f"{prefix}.weight").clone(), requires_grad=learned)
            self.bias = nn.Parameter(frozen(f"{prefix}.bias").clone(), requires_grad=learned)

        def forward(self, x):
            return nn.functional.layer_norm(x, x.shape[-1:], self.weight, self.bias, eps=1e-12)

    class Layer(nn.Module):
        def __init__(self, n):
            super().__init__()
            prefix = f"encoder.layer.{n}."
            self.linear = nn.ModuleDict(
                {name.replace(".", "_"): LowRankLinear(prefix + name) for name in LINEARS}
            )
            self.norms = nn.ModuleDict(
                {name.replace(".", "_"): Norm(prefix + name, True) for name in NORMS}
            )

        def forward(self, hidden, blocked):
            batch, length, width = hidden.shape
            size = width // HEADS
            linear = self.linear

            def heads(name):
                projected = linear[f"attention_self_{name}"](hidden)
                return projected.view(batch, length, HEADS, size).transpose(1, 2)

            query, key, value = heads("query"), heads("key"), heads("value")
            scores = query @ key.transpose(-1, -2) / math.sqrt(size) + blocked
            context = (scores.softmax(-1) @ value).transpose(1, 2).reshape(batch, length, width)
            attended = self.norms["attention_output_LayerNorm"](
                linear["attention_output_dense"](context) + hidden
            )
            inner = nn.functional.gelu(linear["intermediate_dense"](attended), approximate="tanh")
            return self.norms["output_LayerNorm"](linear["output_dense"](inner) + attended)

    class Reader(nn.Module):
        def __init__(self):
            super().__init__()
            self.register_buffer("words", frozen("embeddings.word_embeddings.weight"))
            self.register_buffer("positions", frozen("embeddings.position_embeddings.weight"))
            self.register_buffer("token_type", frozen("embeddings.token_type_embeddings.weight")[0])
            self.norm = Norm("embeddings.LayerNorm", False)
            self.layers = nn.ModuleList(Layer(n) for n in range(LAYERS))
            self.head = nn.Linear(weights["embeddings.word_embeddings.weight"].shape[1], 1)

        def forward(self, ids):
            length = max(len(row) for row in ids)
            tokens = torch.zeros(len(ids), length, dtype=torch.long)
            mask = torch.zeros(len(ids), length)
            for i, row in enumerate(ids):
                tokens[i, : len(row)] = torch.tensor(row)
                mask[i, : len(row)] = 1.0
            hidden = self.norm(self.words[tokens] + self.positions[:length] + self.token_type)
            blocked = ((1.0 - mask) * torch.finfo(torch.float32).min)[:, None, None, :]
            for layer in self.layers:
                hidden = layer(hidden, blocked)
            pooled = (hidden * mask[..., None]).sum(1) / mask.sum(1, keepdim=True)
            pooled = nn.functional.normalize(pooled, dim=-1, eps=1e-12)
            return self.head(pooled * HEAD_SCALE).squeeze(-1)

        def exported(self):
            arrays = {}
            for n, layer in enumerate(self.layers):
                for name in LINEARS:
                    module = layer.linear[name.replace(".", "_")]
                    arrays[f"encoder.layer.{n}.{name}.lora_a"] = module.lora_a
                    arrays[f"encoder.layer.{n}.{name}.lora_b"] = module.lora_b
                for name in NORMS:
                    module = layer.norms[name.replace(".", "_")]
                    arrays[f"encoder.layer.{n}.{name}.weight"] = module.weight
                    arrays[f"encoder.layer.{n}.{name}.bias"] = module.bias
            arrays["head.weight"] = self.head.weight[0] * HEAD_SCALE
            arrays["head.bias"] = self.head.bias
            return {k: v.detach().numpy().astype(np.float32) for k, v in arrays.items()}

    return Reader()
