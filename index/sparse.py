"""BM25 over jieba words, built with the index and stored beside the vectors."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import bm25s
import numpy as np

from index.chunk import Chunk
from index.terms import Tokenizer

logging.getLogger("bm25s").setLevel(logging.WARNING)


class Sparse:
    """A BM25 index of the passages and the tokenizer (with corpus terms) that made it.

    Args:
        tokenizer: the tokenizer used for passages and questions alike.
        bm25: a bm25s index whose document i is passage i.
    """

    def __init__(self, tokenizer: Tokenizer, bm25: bm25s.BM25):
        self.tokenizer = tokenizer
        self.bm25 = bm25
        self.vocab: dict[str, int] = bm25.vocab_dict

    @classmethod
    def build(cls, chunks: list[Chunk], terms: list[str]) -> "Sparse":
        """Index the passages (title, section and text) in jieba's precise mode, as questions are.

        Search mode (`cut_for_search`) was measured and did not help (BENCHMARKS.md).
        """
        tokenizer = Tokenizer(terms)
        docs = [tokenizer.words(c.embed_text) or [""] for c in chunks]
        bm25 = bm25s.BM25()
        bm25.index(docs, show_progress=False)
        return cls(tokenizer, bm25)

    def save(self, folder: Path) -> None:
        """Write the BM25 matrices and the corpus terms into an index version folder."""
        self.bm25.save(str(folder / "bm25"), show_progress=False)
        (folder / "terms.json").write_text(json.dumps(self.tokenizer.terms, ensure_ascii=False), encoding="utf-8")

    @classmethod
    def load(cls, folder: Path) -> "Sparse":
        """Read what `save` wrote."""
        terms = json.loads((folder / "terms.json").read_text(encoding="utf-8"))
        bm25 = bm25s.BM25.load(str(folder / "bm25"), show_progress=False)
        return cls(Tokenizer(terms), bm25)

    def scores(self, words: list[str], weights: dict[str, float] | None = None) -> np.ndarray:
        """BM25 score of every passage for these question words (unknown words score nothing).

        Args:
            words: question words, as `Tokenizer.words` gives them.
            weights: optional per-word multipliers (expansions of an English word count less).
        """
        total = np.zeros(self.bm25.scores["num_docs"], dtype=np.float32)
        for word in dict.fromkeys(words):
            docs, values = self._column(word)
            total[docs] += (weights or {}).get(word, 1.0) * values
        return total

    def document_frequency(self, word: str) -> int:
        """In how many passages the word occurs (0 when never)."""
        return len(self._column(word)[0])

    def _column(self, word: str) -> tuple[np.ndarray, np.ndarray]:
        """The passages holding a word and its BM25 score in each: one column of bm25s's
        precomputed sparse matrix, read directly rather than through a full scoring pass."""
        t = self.vocab.get(word)
        m = self.bm25.scores
        if t is None or t + 1 >= len(m["indptr"]):
            return _EMPTY_INT, _EMPTY_FLOAT
        start, end = m["indptr"][t], m["indptr"][t + 1]
        return m["indices"][start:end], m["data"][start:end]


_EMPTY_INT = np.zeros(0, dtype=np.int64)
_EMPTY_FLOAT = np.zeros(0, dtype=np.float32)
