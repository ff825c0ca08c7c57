"""Question → ranked passages: three signals bring passages forward, a fitted model orders them.

BM25 over jieba words, BM25 over character pairs (blind to how jieba cut a name) and the dense
vectors' cosine each bring their best passages; `features.passage_rows` measures every one of
them and the passage model `make train` fits (LightGBM lambdarank, `retrieval/models/`) ranks
them. No weight here says how much a signal counts: the model learnt that from the shared sets.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

from index.chunk import Chunk
from index.store import Index
from retrieval import features
from retrieval.model import default_model
from retrieval.query import Query

# How many passages each signal brings to the model. On the shared training sets the right
# passage is among the best 40 of some signal for 98-100% of the questions (CARD.md, "in the
# pool"); measuring a passage costs more than ranking it, so more would buy little.
POOL = 40


@dataclass
class Hit:
    """A passage found for a question, with its score and the signals it came from.

    In an answer's sources, `score` is instead the probability that the passage holds the answer.
    """

    chunk: Chunk
    score: float
    bm25: float = 0.0
    dense: float = 0.0


@dataclass
class Pool:
    """The passages the signals brought for a question, with what was measured about each."""

    ids: np.ndarray  # passage numbers in the index, ascending
    rows: np.ndarray  # features.passage_rows of them
    bm25: np.ndarray
    dense: np.ndarray


def pool(index: Index, query: Query, query_vector: np.ndarray | None) -> Pool:
    """The passages any signal ranks among its best POOL, measured for the passage model.

    Args:
        index: the loaded index.
        query: the analysed question.
        query_vector: the question's embedding (None to find by words alone).
    """
    n = len(index.chunks)
    words = index.sparse.scores(query.words, query.weights)
    pairs = index.sparse.pair_scores(query.pairs)
    found = {*_best(words), *_best(pairs)}
    if query_vector is not None and n:
        _, near = index.faiss.search(query_vector.reshape(1, -1).astype(np.float32), min(n, POOL))
        found.update(int(i) for i in near[0] if i >= 0)
    ids = np.array(sorted(found), dtype=np.int64)
    dense = np.zeros(len(ids), dtype=np.float32)
    if query_vector is not None and len(ids):
        dense = np.asarray(index.vectors[ids], dtype=np.float32) @ query_vector.astype(np.float32)
    rows = features.passage_rows(query, [index.chunks[i] for i in ids], words[ids], dense, pairs[ids])
    return Pool(ids, rows, words[ids], dense)


def ranked(index: Index, found: Pool, scores: np.ndarray, k: int = 5, prefer: dict[str, float] | None = None) -> list[Hit]:
    """The pool's passages best first by the passage model's scores.

    Args:
        index: the index the pool came from.
        found: the pool.
        scores: the passage model's score of each passage of the pool.
        k: how many hits to return.
        prefer: article id → bonus, for follow-up questions about the same article: a share of
            the spread of this question's scores (no data of follow-ups could fit it).
    """
    if not len(found.ids):
        return []
    scores = np.asarray(scores, dtype=np.float64).copy()
    if prefer:
        spread = float(scores.max() - scores.min()) or 1.0
        scores += spread * np.array([prefer.get(index.chunks[i].article_id, 0.0) for i in found.ids])
    order = np.argsort(-scores, kind="stable")[:k]
    return [Hit(index.chunks[found.ids[j]], float(scores[j]), float(found.bm25[j]), float(found.dense[j])) for j in order]


def search(
    index: Index,
    query: Query,
    query_vector: np.ndarray | None,
    k: int = 5,
    prefer: dict[str, float] | None = None,
    rank: Callable[[np.ndarray], np.ndarray] | None = None,
) -> list[Hit]:
    """Rank the index's passages for a question.

    Args:
        index: the loaded index.
        query: the analysed question.
        query_vector: the question's embedding (None to rank by words alone).
        k: how many hits to return.
        prefer: article id → bonus, for follow-up questions about the same article.
        rank: passage rows → scores; the shipped passage model when None.

    Returns:
        Up to k hits, best first.
    """
    rank = rank or default_model().passage_scores
    found = pool(index, query, query_vector)
    return ranked(index, found, rank(found.rows) if len(found.ids) else np.zeros(0), k, prefer)


def _best(scores: np.ndarray) -> np.ndarray:
    """The passages with the POOL highest scores above zero."""
    top = np.argpartition(-scores, POOL)[:POOL] if len(scores) > POOL else np.arange(len(scores))
    return top[scores[top] > 0]
