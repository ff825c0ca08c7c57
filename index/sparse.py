"""BM25 over jieba words and over character pairs, built with the index and stored beside the vectors.

The pairs (跨省, 省通, 通办 …) find a passage whatever jieba made of its words or the question's:
a name cut differently in the two, a word jieba never saw.
"""

from __future__ import annotations

import json
import logging
import math
import re
from pathlib import Path

import bm25s
import numpy as np

from index.chunk import Chunk
from index.terms import Tokenizer

logging.getLogger("bm25s").setLevel(logging.WARNING)


_NOT_TEXT = re.compile(r"[\W_]+")


def char_pairs(text: str) -> list[str]:
    """The character pairs of a text's runs of letters and digits, in order, lower-cased."""
    return [run[i : i + 2] for run in _NOT_TEXT.split(text.lower()) for i in range(len(run) - 1)]


class Sparse:
    """BM25 indexes of the passages, over words and over character pairs, and the tokenizer
    (with corpus terms) that cut the words.

    Args:
        tokenizer: the tokenizer used for passages and questions alike.
        bm25: a bm25s index of words whose document i is passage i.
        pairs: the same over character pairs.
    """

    def __init__(self, tokenizer: Tokenizer, bm25: bm25s.BM25, pairs: bm25s.BM25):
        self.tokenizer = tokenizer
        self.bm25 = bm25
        self.pairs = pairs
        self.vocab: dict[str, int] = bm25.vocab_dict

    @classmethod
    def build(cls, chunks: list[Chunk], terms: list[str]) -> "Sparse":
        """Index the passages (title, section and text) in jieba's precise mode, as questions are.

        Search mode (`cut_for_search`) was measured and did not help (BENCHMARKS.md).
        """
        tokenizer = Tokenizer(terms)
        words, pairs = bm25s.BM25(), bm25s.BM25()
        words.index([tokenizer.words(c.embed_text) or [""] for c in chunks], show_progress=False)
        pairs.index([char_pairs(c.embed_text) or [""] for c in chunks], show_progress=False)
        return cls(tokenizer, words, pairs)

    def save(self, folder: Path) -> None:
        """Write the BM25 matrices and the corpus terms into an index version folder."""
        self.bm25.save(str(folder / "bm25"), show_progress=False)
        self.pairs.save(str(folder / "bm25_pairs"), show_progress=False)
        (folder / "terms.json").write_text(json.dumps(self.tokenizer.terms, ensure_ascii=False), encoding="utf-8")

    @classmethod
    def load(cls, folder: Path) -> "Sparse":
        """Read what `save` wrote."""
        terms = json.loads((folder / "terms.json").read_text(encoding="utf-8"))
        words, pairs = (bm25s.BM25.load(str(folder / name), show_progress=False) for name in ("bm25", "bm25_pairs"))
        return cls(Tokenizer(terms), words, pairs)

    def scores(self, words: list[str], weights: dict[str, float] | None = None) -> np.ndarray:
        """BM25 score of every passage for these question words (unknown words score nothing).

        Args:
            words: question words, as `Tokenizer.words` gives them.
            weights: optional per-word multipliers (expansions of an English word count less).
        """
        return _scores(self.bm25, words, weights)

    def pair_scores(self, pairs: dict[str, float]) -> np.ndarray:
        """BM25 score of every passage for these character pairs (`char_pairs` of the question), each
        counting as much as its weight."""
        return _scores(self.pairs, list(pairs), pairs)

    def document_frequency(self, word: str) -> int:
        """In how many passages the word occurs (0 when never)."""
        return len(_column(self.bm25, word)[0])

    def idf(self, word: str) -> float:
        """The word's BM25 inverse document frequency (a word the passages lack the highest)."""
        n = self.bm25.scores["num_docs"]
        df = self.document_frequency(word)
        return math.log(1 + (n - df + 0.5) / (df + 0.5))


def _scores(bm25: bm25s.BM25, tokens: list[str], weights: dict[str, float] | None = None) -> np.ndarray:
    total = np.zeros(bm25.scores["num_docs"], dtype=np.float32)
    for token in dict.fromkeys(tokens):
        docs, values = _column(bm25, token)
        total[docs] += (weights or {}).get(token, 1.0) * values
    return total


def _column(bm25: bm25s.BM25, token: str) -> tuple[np.ndarray, np.ndarray]:
    """The passages holding a token and its BM25 score in each: one column of bm25s's
    precomputed sparse matrix, read directly rather than through a full scoring pass."""
    t = bm25.vocab_dict.get(token)
    m = bm25.scores
    if t is None or t + 1 >= len(m["indptr"]):
        return _EMPTY_INT, _EMPTY_FLOAT
    start, end = m["indptr"][t], m["indptr"][t + 1]
    return m["indices"][start:end], m["data"][start:end]


_EMPTY_INT = np.zeros(0, dtype=np.int64)
_EMPTY_FLOAT = np.zeros(0, dtype=np.float32)
