"""Nearest claims by embedding: the one boundary between matching and where
the vectors live.

Here they live in each web process's memory, as a float16 matrix (768 bytes
a claim: 77 MB at 100,000 claims) searched exhaustively with usearch's SIMD
kernels, a few milliseconds at that size and exact, so there is no index to
tune or rebuild. The matrix is read from the `ClaimEmbedding` table on first
use, then brought up to date before each search by reading only the rows
written since (an indexed `updated_at` query that finds nothing most of the
time). Deleting embeddings (a claim deleted) replaces a generation token in
the cache, and a process that sees a new one reads the matrix afresh.

A newsroom that outgrows one machine's memory moves the vectors to a vector
engine (pgvector on a managed PostgreSQL, or OpenSearch k-NN) by
reimplementing `VectorIndex` here (`refresh`, `nearest`, `cosines`); callers
see only (claim id, cosine) pairs.
"""

import datetime as dt
import secrets
import threading
from itertools import islice

import numpy as np
from django.core.cache import cache
from django.db import connections
from django.db.models import Max
from django.utils import timezone
from usearch.index import MetricKind, search

from claims.embedding import model_name
from claims.models import ClaimEmbedding

DTYPE = np.dtype("<f2")
# A row committed late can carry an `updated_at` older than one already read
# (its transaction began first): re-reading this far back catches it.
OVERLAP = dt.timedelta(seconds=10)
GENERATION = "vectors:generation"
CHUNK = 10_000


class VectorIndex:
    def __init__(self, using: str, model: str):
        self.using, self.model = using, model
        self.ids = self.matrix = None
        self.size = 0
        self.rows: dict[int, int] = {}
        self.read_until = None
        self.generation = None
        self.lock = threading.Lock()

    def refresh(self) -> None:
        generation = cache.get_or_set(GENERATION, secrets.token_hex(8), timeout=None)
        if generation != self.generation:
            with self.lock:
                self.ids = self.matrix = None
                self.size, self.rows = 0, {}
                self.read_until, self.generation = None, generation
        embeddings = ClaimEmbedding.objects.using(self.using)
        written = embeddings.filter(model=self.model).values_list("claim_id", "vector")
        now = timezone.now()
        if self.read_until is None:
            # The whole matrix, a chunk at a time, so that no more than a
            # chunk's worth of row objects is held beside it.
            room = written.count() + 1024
            chunks = written.iterator(chunk_size=CHUNK)
            while chunk := list(islice(chunks, CHUNK)):
                with self.lock:
                    self._store(chunk, room=room)
        else:
            since = self.read_until - OVERLAP
            # The newest write, from the index alone whatever the statistics
            # say; most searches stop here.
            latest = embeddings.aggregate(latest=Max("updated_at"))["latest"]
            if latest is not None and latest >= since:
                found = list(written.filter(updated_at__gte=since))
                with self.lock:
                    self._store(found)
        self.read_until = now

    def _store(self, found, *, room: int = 0) -> None:
        """Put (claim id, vector bytes) rows in the matrix, replacing a claim's
        earlier vector; `room` is how many rows to make room for at once."""
        new = []
        for pk, vector in found:
            if pk in self.rows:
                self.matrix[self.rows[pk]] = np.frombuffer(vector, dtype=DTYPE)
            else:
                new.append((pk, vector))
        if not new:
            return
        added = np.frombuffer(b"".join(bytes(v) for _, v in new), dtype=DTYPE)
        added = added.reshape(len(new), -1)
        start, end = self.size, self.size + len(new)
        if self.matrix is None or end > len(self.matrix):
            # Room to grow, so that claims embedded one at a time do not copy the matrix.
            grown = np.zeros((max(end, room, 2 * self.size, 1024), added.shape[1]), dtype=DTYPE)
            grown_ids = np.zeros(len(grown), dtype=np.int64)
            if self.matrix is not None:
                grown[:start], grown_ids[:start] = self.matrix[:start], self.ids[:start]
            self.matrix, self.ids = grown, grown_ids
        self.matrix[start:end] = added
        self.ids[start:end] = [pk for pk, _ in new]
        self.rows.update((pk, start + i) for i, (pk, _) in enumerate(new))
        self.size = end

    def nearest(self, vector: np.ndarray, k: int) -> list[tuple[int, float]]:
        """[(claim id, cosine)] of the `k` closest vectors, closest first."""
        with self.lock:
            if not self.size:
                return []
            k = min(k, self.size)
            found = search(
                self.matrix[: self.size],
                vector.astype(DTYPE),
                k,
                MetricKind.IP,
                exact=True,
                threads=1,
            )
            # usearch reports inner-product distance as 1 - cosine.
            return [
                (int(self.ids[row]), round(1.0 - float(distance), 4))
                for row, distance in zip(found.keys, found.distances, strict=True)
            ]

    def cosines(self, vector: np.ndarray, pks) -> dict[int, float]:
        """{claim id: cosine} of those of `pks` that are embedded."""
        with self.lock:
            held = [(pk, self.rows[pk]) for pk in pks if pk in self.rows]
            if not held:
                return {}
            rows = self.matrix[[row for _, row in held]].astype(np.float32)
            return {pk: round(float(c), 4) for (pk, _), c in zip(held, rows @ vector, strict=True)}


_indexes: dict[tuple[str, str], VectorIndex] = {}
_creating = threading.Lock()


def index_for(using: str) -> VectorIndex:
    key = (connections[using].settings_dict["NAME"], model_name())
    with _creating:
        if key not in _indexes:
            _indexes[key] = VectorIndex(using, key[1])
    return _indexes[key]


def vectors_deleted() -> None:
    """Every process reads its matrix afresh at its next search."""
    cache.set(GENERATION, secrets.token_hex(8), timeout=None)


def encode(vector: np.ndarray) -> bytes:
    return vector.astype(DTYPE).tobytes()
