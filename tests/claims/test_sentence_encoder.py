import json
from pathlib import Path

import numpy as np
import pytest

from claims.checkworthiness import Reader
from claims.checkworthiness_finetuning import (
    HEAD_SCALE,
    averaged,
    fine_tune,
    import_torch,
    reader_model,
)
from claims.sentence_encoder import (
    MAX_TOKENS,
    Encoder,
    base_model_dir,
    fine_tuned,
    load_base_weights,
    load_tokenizer,
)

REFERENCE = Path(__file__).parents[1] / "fixtures" / "sentence_encoder" / "minilm_reference.json"


@pytest.fixture(scope="module")
def base():
    return load_base_weights(base_model_dir())


@pytest.fixture(scope="module")
def tokenizer():
    return load_tokenizer(base_model_dir())


def test_it_gives_the_vectors_hugging_face_transformers_gives(base, tokenizer):
    reference = json.loads(REFERENCE.read_text(encoding="utf-8"))["sentences"]
    texts = [row["text"] for row in reference]
    encoder = Encoder(base, tokenizer)
    assert [len(ids) for ids in encoder.token_ids(texts)] == [row["tokens"] for row in reference]
    # The last sentence is longer than MAX_TOKENS: it is read from its start.
    assert reference[-1]["tokens"] == MAX_TOKENS
    vectors = encoder.encode(texts)
    assert vectors.dtype == np.float32
    expected = np.array([row["vector"] for row in reference], dtype=np.float32)
    assert np.abs(vectors - expected).max() < 1e-5
    # Batched with sentences of other lengths, padding changes nothing.
    assert np.abs(encoder.encode(texts[::-1])[::-1] - vectors).max() < 1e-5


def test_fine_tuned_weights_add_the_low_rank_products_and_replace_the_norms(base):
    rng = np.random.default_rng(0)
    name = "encoder.layer.2.attention.self.query"
    a, b = rng.normal(size=(384, 4)), rng.normal(size=(4, 384))
    norm = rng.normal(size=384).astype(np.float32)
    weights = fine_tuned(
        base,
        {
            f"{name}.lora_a": a,
            f"{name}.lora_b": b,
            "encoder.layer.0.output.LayerNorm.weight": norm,
            "head.weight": np.zeros(384),
        },
    )
    assert np.allclose(weights[f"{name}.weight"], base[f"{name}.weight"] + (a @ b).T)
    assert weights["encoder.layer.0.output.LayerNorm.weight"] is norm
    assert (
        weights["encoder.layer.1.output.dense.weight"]
        is base["encoder.layer.1.output.dense.weight"]
    )
    assert "head.weight" not in weights
    with pytest.raises(ValueError, match="unknown weight 'encoder.layer.9.output.LayerNorm.bias'"):
        fine_tuned(base, {"encoder.layer.9.output.LayerNorm.bias": norm})


def test_averaged_fine_tunings_give_the_mean_of_their_weights(base):
    rng = np.random.default_rng(1)
    name = "encoder.layer.4.intermediate.dense"
    norm = "encoder.layer.4.output.LayerNorm.weight"
    readers = [
        {
            f"{name}.lora_a": rng.normal(size=(384, 3)).astype(np.float32),
            f"{name}.lora_b": rng.normal(size=(3, 1536)).astype(np.float32),
            norm: rng.normal(size=384).astype(np.float32),
            "head.weight": rng.normal(size=384).astype(np.float32),
            "head.bias": rng.normal(size=1).astype(np.float32),
        }
        for _ in range(3)
    ]
    merged = averaged(readers)
    assert merged[f"{name}.lora_a"].shape == (384, 9)
    each = [fine_tuned(base, reader) for reader in readers]
    together = fine_tuned(base, merged)
    for weight in (f"{name}.weight", norm):
        mean = np.mean([weights[weight] for weights in each], axis=0)
        assert np.allclose(together[weight], mean, atol=1e-5)
    assert np.allclose(merged["head.weight"], np.mean([r["head.weight"] for r in readers], 0))
    assert np.allclose(merged["head.bias"], np.mean([r["head.bias"] for r in readers], 0))


def test_what_fine_tuning_learns_scores_the_same_in_numpy_as_in_torch(base, tokenizer):
    # A few steps of real training on a handful of sentences; then the torch
    # model that learned and the NumPy reader that scores must agree.
    texts = [
        "Unemployment has risen to 9 percent, the highest rate in 25 years.",
        "Thank you very much, it's a pleasure to be here tonight.",
        "We spent 3 billion dollars on the program last year.",
        "What would you do?",
    ] * 2
    labels = np.array([True, False, True, False] * 2)
    ids = [e.ids for e in tokenizer.encode_batch(texts)]
    learned = fine_tune(base, ids, labels, epochs=20, seed=1)
    assert {"head.weight", "head.bias"} <= learned.keys()
    assert learned["head.weight"].shape == (384,)
    # Every linear layer learned a non-zero addition.
    assert all(np.abs(v).max() > 0 for k, v in learned.items() if k.endswith(".lora_b"))

    torch = import_torch()
    model = reader_model(torch, fine_tuned(base, {}))
    loaded = model.load_state_dict(torch_state(torch, learned), strict=False)
    assert loaded.unexpected_keys == []
    # Only the frozen base is not loaded: it is the same on both sides.
    frozen = ("weight", "bias", "words", "positions", "token_type")
    assert all(k.endswith(frozen) and "lora" not in k for k in loaded.missing_keys)
    assert not any(k.startswith("head") for k in loaded.missing_keys)
    model.eval()
    with torch.no_grad():
        expected = model(ids).numpy()
    margins = Reader.learned(learned).margins(texts, threads=1)
    assert margins == pytest.approx(expected, abs=1e-4)
    # Training moved the scores: the check-worthy sentences read higher.
    assert margins[0] > margins[1] and margins[2] > margins[3]


def torch_state(torch, learned):
    """The exported arrays back under the torch model's parameter names."""
    state = {}
    for name, value in learned.items():
        tensor = torch.from_numpy(np.asarray(value, dtype=np.float32))
        if name.startswith("head."):
            # Exported with HEAD_SCALE folded into the weight; loaded scaled back.
            state[name] = tensor[None, :] / HEAD_SCALE if name == "head.weight" else tensor
            continue
        _, _, layer, *rest = name.split(".")
        module, parameter = ".".join(rest[:-1]), rest[-1]
        group = "linear" if parameter.startswith("lora_") else "norms"
        state[f"layers.{layer}.{group}.{module.replace('.', '_')}.{parameter}"] = tensor
    return state
