"""What is measured about a passage and about a candidate answer: the columns the fitted models read.

A passage is one of those the search's three signals (BM25 over words, over character pairs,
dense cosine) bring forward; its columns say how strongly each signal finds it and how much of
the question it, its best sentence and its headline say. A candidate is a fact of the asked kind (a number, a name, a date …) in one sentence of the best
passages, or the sentence itself (whose short answer the span model finds). Each column
says something a reader would weigh: how much of the question the sentence says (and how much
only its surroundings say), how close the fact stands to the question's words, whether other
sentences state the same fact, how well the search ranked its passage. The weights are not
here: `make train` fits them (`retrieval/train.py`).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from index import sparse
from index.chunk import Chunk, Sentence
from retrieval.query import Query, holds

if TYPE_CHECKING:
    from retrieval.search import Hit

KINDS = ("number", "time", "person", "place", "org")

PASSAGE_FEATURES = (
    "words",  # BM25 over jieba words, as a share of the best passage's
    "words_raw",  # ... itself: how strongly the best passages match at all
    "words_rank",  # the passage's place by it
    "dense",  # cosine similarity of the question's and the passage's vectors
    "dense_gap",  # ... below the best passage's
    "dense_rank",
    "pairs",  # BM25 over character pairs, as a share of the best passage's
    "pairs_raw",
    "pairs_rank",
    "coverage",  # share of the question's weight the passage (with its headline) holds
    "title",  # ... its headline holds
    "sentence",  # ... its best sentence holds: the question's words together, not scattered
    "exact",  # share of the question's numbers, dates, quoted words and names it holds (-1: none asked)
    "article",  # the best word match among the passages of its article, as a share of the best
    "position",  # its place in the article (1 for the first passage)
    "length",  # log of its length in characters
    "concepts",  # how many things the question names
)
# No column says a question is English: its glosses are measured like Chinese words, and held out
# such a column taught the model nothing the few dozen English questions could bear out.

RIVALLED = ("direct", "in_order", "bigrams", "left", "right", "beyond_title", "pairs_beyond_title")
FEATURES = (
    "coverage",  # share of the question's weight in the sentence, or (less) around it
    "direct",  # the same, counting the sentence alone
    "coverage_gap",  # coverage below the best candidate's for this question
    "title",  # share of the question's weight in the article's headline
    "in_order",  # the question's neighbouring words side by side in the sentence
    "rank",  # the passage's place in the search's ranking
    "passage_gap",  # the passage model's score of the passage below the best passage's
    "bm25_share",  # the passage's BM25 score as a share of the best
    "dense_gap",  # the passage's cosine similarity below the best
    "dense",  # the passage's cosine similarity itself: low when no article is about the question
    "passage",  # the passage model's score itself: how well the passage matches at all
    "length",  # log of the sentence's length in characters
    "english",  # the question is English, matched through glosses
    *(f"asks_{k}" for k in KINDS),  # the kind of fact asked for (none: 为什么, 怎么, what)
    "rarest",  # how far the question's rarest concept is found in the sentence (or around it)
    "missing",  # share of the question's weight that no article has a word for
    "kind_words",  # words of the asked kind in the sentence (names for 谁, places for 哪里), up to 3
    "has_fact",  # a fact of the asked kind (else the candidate is its sentence)
    "own_clause",  # share of the question's weight in the fact's own clause
    "beside",  # ... in the clauses either side of it
    "focus",  # ... of the question's focus words right beside it (7个项目)
    "own_gap",  # own_clause below the best fact's of the same sentence
    "focus_gap",  # focus below the best fact's of the same sentence (销售收入8亿元、新增就业100多人)
    "unit",  # the fact ends in the unit the question asks for
    "digits",  # written in digits
    "second_choice",  # an organisation answering 谁
    "repeats",  # how often the article gives it (capped at 5)
    "in_title",  # the headline carries it
    "fact_length",  # log of its length in characters
    "support",  # coverage of the other sentences stating the same fact near the question's words
    "echo",  # characters of the fact the question says right after its asking word (多少所教堂: 52所教堂)
    "country",  # a country or state answering 哪国 (德国, 南宋), not a city or a region of one
    "bigrams",  # share of the question's character pairs in the sentence (blind to word cutting)
    # Share of the pairs just before the question's asking word found just before the fact (for a
    # sentence without a fact: anywhere in it), and the same after it: "释放多少阿富汗人员" against
    # "释放约1000名阿富汗人员".
    "left",
    "right",
    # How close the question's words beside its asking word stand to the fact, on the same side
    # (1 / (1 + k + d): the pair k places from the asking word in the question, d characters from
    # the fact in the sentence), and the same on either side (`closeness`): in
    # "请当时的华东财政委员会主任林伯远给新银行的票面题了字" only 林伯远 has the words after "请谁"
    # right after it. -1 for a sentence without a fact.
    "close_left",
    "close_right",
    "close_any",
    "previous",  # share of the question's character pairs in the sentence before it: what 他 or 该城 refers to
    "beyond_title",  # share of the question's weight beyond what the headline names, in the sentence (-1: the headline names all)
    "pairs_beyond_title",  # the same over character pairs
    # Each of these below the best of the question's candidates: what a candidate says is weighed
    # against what its rivals say.
    *(f"{name}_gap" for name in RIVALLED),
)
_BIGRAMS, _BEYOND, _GAPS = FEATURES.index("bigrams"), FEATURES.index("pairs_beyond_title"), FEATURES.index(f"{RIVALLED[0]}_gap")
_RIVALLED = [FEATURES.index(name) for name in RIVALLED]
WINDOW = 8  # characters either side of the asking word and of the fact: a phrase, not the sentence


@dataclass(frozen=True)
class Fact:
    """A span of the asked kind in a sentence, and how it stands to the question's words."""

    text: str
    at: int
    own: float  # share of the question's weight in the span's own clause
    beside: float  # ... in the clauses either side
    focus: float  # ... of the focus words right beside it (7个项目)
    unit: bool = False
    digits: bool = False
    second_choice: bool = False
    repeats: int = 0
    in_title: bool = False
    echo: int = 0  # characters after the figure that the question says after its asking word (52所教堂)
    country: bool = False  # a country or state, for a question asking which


@dataclass
class Candidate:
    """A possible answer: a fact in a sentence (or the sentence alone), with what was measured."""

    hit_rank: int
    sentence: Sentence
    text: str  # the sentence without a dateline, in Simplified script: where the fact was looked for
    shown: str  # the same as the corpus wrote it (the same offsets)
    said: str  # what the sentence says: itself, or a photo credit with its caption
    previous: str  # the sentence before it in its passage ("" for the first)
    headline: str  # the article's headline (and section, subtitle), read in Simplified script
    coverage: float
    direct: float
    beyond_title: float
    title: float
    in_order: float
    rarest: float
    missing: float  # the question's, the same for all its candidates
    kind_words: int
    fact: Fact | None = None
    line: str = ""  # the clause holding the fact, or the sentence's core: what training labels, and a span


def rows(query: Query, candidates: list[Candidate], hits: list[Hit]) -> np.ndarray:
    """The feature matrix of a question's candidates, one row each, columns as in FEATURES.

    Args:
        query: the analysed question.
        candidates: its candidates.
        hits: the ranked passages the candidates come from (`hit_rank` indexes them).

    Returns:
        A float32 array of shape (len(candidates), len(FEATURES)).
    """
    out = np.zeros((len(candidates), len(FEATURES)), dtype=np.float32)
    if not candidates:
        return out
    best_cover = max(c.coverage for c in candidates)
    best_passage = max(h.score for h in hits)
    best_bm25 = max(h.bm25 for h in hits) or 1.0
    best_dense = max(h.dense for h in hits)
    best_own: dict[int, float] = {}
    best_focus: dict[int, float] = {}
    for c in candidates:
        if c.fact:
            best_own[id(c.sentence)] = max(best_own.get(id(c.sentence), 0.0), c.fact.own)
            best_focus[id(c.sentence)] = max(best_focus.get(id(c.sentence), 0.0), c.fact.focus)
    asks = [query.kind == k for k in KINDS]
    pairs = char_pairs(query.searchable) if query.lang == "zh" else set()
    _, before, after = around_asking(query)
    left, right = set(before), set(after)
    for r, c in enumerate(candidates):
        hit, f = hits[c.hit_rank], c.fact
        common = (
            c.coverage, c.direct, best_cover - c.coverage, c.title, c.in_order, c.hit_rank, best_passage - hit.score,
            hit.bm25 / best_bm25, best_dense - hit.dense, hit.dense, hit.score, math.log1p(len(c.said)), query.lang == "en", *asks, c.rarest, c.missing,
            c.kind_words,
        )
        shared = pair_share(pairs, c.said)
        beyond = {p for p in pairs if p not in c.headline}
        tail = (pair_share(pairs, c.previous), c.beyond_title, pair_share(beyond, c.said) if beyond else -1.0)
        if f is None:
            out[r, : len(common)] = common
            out[r, _BIGRAMS : _BEYOND + 1] = (shared, pair_share(left, c.text), pair_share(right, c.text), -1.0, -1.0, -1.0, *tail)
            continue
        # A fact several sentences give near the question's words is likelier the one asked for
        # than a fact one sentence mentions in passing.
        support = sum(o.coverage for o in candidates if o.fact and o.sentence is not c.sentence and o.fact.text == f.text and o.fact.own > 0)
        out[r, :_GAPS] = (
            *common, True, f.own, f.beside, f.focus, best_own[id(c.sentence)] - f.own, best_focus[id(c.sentence)] - f.focus, f.unit, f.digits, f.second_choice,
            f.repeats, f.in_title, math.log1p(len(f.text)), support, f.echo, f.country, shared,
            pair_share(left, c.text[max(0, f.at - 2 * WINDOW) : f.at]), pair_share(right, c.text[f.at + len(f.text) : f.at + len(f.text) + 2 * WINDOW]),
            *closeness(before, after, c.text, f.at, f.at + len(f.text)), *tail,
        )
    out[:, _GAPS:] = out[:, _RIVALLED].max(axis=0) - out[:, _RIVALLED]
    return out


def passage_rows(query: Query, chunks: list[Chunk], words: np.ndarray, dense: np.ndarray, pairs: np.ndarray) -> np.ndarray:
    """The feature matrix of the passages the search weighs, one row each, columns as in PASSAGE_FEATURES.

    Args:
        query: the analysed question.
        chunks: the passages: every passage among the best by any signal, so the best of each is here.
        words, dense, pairs: each passage's BM25 over words, cosine similarity and BM25 over pairs.

    Returns:
        A float32 array of shape (len(chunks), len(PASSAGE_FEATURES)).
    """
    out = np.zeros((len(chunks), len(PASSAGE_FEATURES)), dtype=np.float32)
    if not chunks:
        return out
    best_words, best_pairs, best_dense = float(words.max()) or 1.0, float(pairs.max()) or 1.0, float(dense.max())
    ranks = [np.argsort(np.argsort(-signal, kind="stable"), kind="stable") for signal in (words, dense, pairs)]
    article: dict[str, float] = {}
    for c, w in zip(chunks, words):
        article[c.article_id] = max(article.get(c.article_id, 0.0), float(w))
    concepts = query.concepts
    weights = [max(c.terms.values(), default=0.0) for c in concepts]
    total = sum(weights) or 1.0
    exact = [k for k, c in enumerate(concepts) if c.exact]

    def said(text: str, among) -> list[int]:
        """The concepts (of those among) the text holds."""
        return [k for k in among if any(holds(text, t) for t in concepts[k].terms)]

    for r, c in enumerate(chunks):
        held = said(c.embed_text.lower(), range(len(concepts)))
        # The sentences and headline are read as questions are, as `embed_text` is.
        best_sentence = max((sum(weights[k] for k in said(c.read(s.text).lower(), held)) for s in c.sentences), default=0.0)
        title = c.read("｜".join([c.title, *c.aliases])).lower()
        out[r] = (
            words[r] / best_words, words[r], ranks[0][r], dense[r], best_dense - dense[r], ranks[1][r],
            pairs[r] / best_pairs, pairs[r], ranks[2][r],
            sum(weights[k] for k in held) / total, sum(weights[k] for k in said(title, held)) / total, best_sentence / total,
            len(set(exact) & set(held)) / len(exact) if exact else -1.0,
            article[c.article_id] / best_words, int(c.id.rsplit("/", 1)[-1]), math.log1p(len(c.text)), len(concepts),
        )
    return out


def around_asking(query: Query) -> tuple[re.Match | None, list[str], list[str]]:
    """A Chinese question's asking word, and the character pairs within WINDOW before and after it,
    each side nearest first: what the answer stands beside in its sentence."""
    ask = next(iter(query.asking), None)
    if not ask:
        return None, [], []
    before = sparse.char_pairs(query.text[max(0, ask.start() - WINDOW) : ask.start()])[::-1]
    return ask, before, sparse.char_pairs(query.text[ask.end() : ask.end() + WINDOW])


def closeness(before: list[str], after: list[str], text: str, start: int, end: int) -> tuple[float, float, float]:
    """How closely the question's pairs beside its asking word stand to the span text[start:end].

    Args:
        before: the pairs before the asking word, nearest first; after: those after it, nearest first.
        text: the sentence; start, end: the span's place in it.

    Returns:
        For the pairs before, found before the span, the best 1 / (1 + k + d) (k the pair's place
        from the asking word, d the characters between it and the span); the same after; and the
        same for all pairs found on either side (0 where none is found).
    """
    low = text.lower()
    best = [0.0, 0.0, 0.0]
    for side, pairs in enumerate((before, after)):
        for k, pair in enumerate(pairs):
            i, j = low.rfind(pair, 0, start), low.find(pair, end)
            gaps = (start - i - 2 if i >= 0 else None, j - end if j >= 0 else None)
            if gaps[side] is not None:
                best[side] = max(best[side], 1 / (1 + k + gaps[side]))
            if found := [d for d in gaps if d is not None]:
                best[2] = max(best[2], 1 / (1 + k + min(found)))
    return best[0], best[1], best[2]


def char_pairs(text: str) -> set[str]:
    """The character pairs of a text's runs of letters and digits."""
    return set(sparse.char_pairs(text))


def pair_share(pairs: set[str], text: str) -> float:
    """The share of the pairs the text holds."""
    return sum(p in text for p in pairs) / len(pairs) if pairs else 0.0
