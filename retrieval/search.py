"""Question → ranked passages."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from index.chunk import Chunk
from index.store import Index


@dataclass
class Hit:
    """A passage found for a question, with its rank score."""

    chunk: Chunk
    score: float


def dense_search(index: Index, query_vector: np.ndarray, k: int = 5) -> list[Hit]:
    """The k passages whose vectors are closest to the question's (cosine similarity)."""
    if not index.chunks:
        return []
    scores, ids = index.faiss.search(query_vector.reshape(1, -1).astype(np.float32), min(k, len(index.chunks)))
    return [Hit(index.chunks[i], float(s)) for s, i in zip(scores[0], ids[0]) if i >= 0]
