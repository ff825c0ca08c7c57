"""Fit the passage and answer models on the shared question sets (`make train`), reporting held-out figures.

Reads only `../shared` (the three question sets, through `make_corpus.py`'s own loader), our own
English renderings of some of their questions (`benchmarks/inputs/english_train.jsonl`) and the
project's own questions about the seed page (`tests/data/questions.jsonl`).

For each set, the articles `benchmarks/general.py` measures on (the first 170 of make_corpus's
shuffle with seed 7) are left out. The rest is cut into corpora the size of the benchmark's:
about three quarters of each block is indexed (one article a file, headline first), and the
questions about the other quarter are asked of it as questions the corpus cannot answer. The
seed page is one more corpus, its unanswerable questions counting as such.

Every passage the search's signals bring for a question gets the passage features of
`retrieval/features.py` and a label: it holds a gold answer (from the question's own file). Every
candidate answer gets the candidate features and a label: its answer line holds a gold answer (from
the question's own file, or a sentence of it another file reprints) and, for a fact, the fact is
that answer or most of it. Questions are grouped by article into five
folds, and everything reported is out of fold — scored by models that never saw the article:

0. LightGBM (lambdarank) orders the passages; the candidates come from the passages it puts first;
1. LightGBM (lambdarank) ranks each question's candidates (the best one covering enough of the
   question is the answer, else the best of all);
2. a logistic regression turns the best candidate's score, its margins over the best rival and
   over the best rival from another article, and what it covers into the probability that the
   answer is right (`confidence`); a second, fitted on the questions none of whose candidates
   covers enough, into the probability that the articles answer the question at all;
3. at the coverage gate (`GATE`, set: the held-out data cannot tell the gates apart), the
   refusal threshold is chosen on the mistakes of the two kinds, summed over the sets: an
   answerable question refused, a question about an article not in the corpus answered. The
   lowest threshold within one standard error of the fewest (questions without a candidate at
   the gate refused), then the probability of being answerable that lets such a question be
   answered (`rescue`), the one with the fewest;
4. a second LightGBM picks the short answer among the spans of the chosen sentence
   (`retrieval/span.py`), its label's mix of F1 and holding the gold chosen on held-out folds.
   Two of its columns are a small reader's scores (`retrieval/reader.py`, fitted by
   `retrieval/train_reader.py` on the sentences that hold the answers): one reader is fitted on
   the questions of the even folds, one on the odd, and each question's spans are scored by the
   one that never saw its article. The reader fitted on the even folds is shipped.

The shipped models are then fitted on all folds (the reader: the one of the even folds).
Deterministic: the same data gives the same files on the same machine.

    python -m retrieval.train [--work data/train] [--out retrieval/models]
"""

from __future__ import annotations

import argparse
import functools
import gzip
import importlib.util
import json
import math
import os
import random
import sys
import time
from dataclasses import dataclass
from typing import Callable
from pathlib import Path

import lightgbm
import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler

from index.build import build_index
from index.embed import Embedder
from index.settings import Settings
from index.store import Index, load_index
from retrieval import features, reader, span, train_reader
from retrieval.answer import SENTENCE_POOL, candidates, origins
from retrieval.evaluate import exact_match, f1_score
from retrieval.model import BOOSTER_FILES, CALIBRATION_FEATURES, READER_FILE, SUMMARY, calibrated, eligible, summary
from retrieval.query import Query, analyse
from retrieval.search import POOL, Pool, pool, ranked

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SETS = ("news_train", "cmrc2018_trial", "drcd_dev")
SEED = 7
BENCHMARK_ARTICLES = 170  # benchmarks/general.py's 120 indexed and 50 asked about from outside
BLOCK = 160  # articles per training corpus: 120 indexed and 40 outside, like the benchmark
QUESTIONS, OUTSIDE_QUESTIONS = 300, 100  # per corpus, as in the benchmark
FOLDS = 5
FACT_MATCH = 0.5  # F1 with the gold answer at which a fact is it (a label's definition: most of it)
SPAN_POSITIVES = 2  # right candidates per question whose sentences' spans the span model learns from
# The span label mixes F1 with holding a gold answer: F1 alone prefers spans too short to hold the
# answer, holding alone whole clauses. The lowest mix meeting issue 9's two targets on every set
# wins, else the nearest (`lowest_meeting`).
MIXES = (0.5, 0.625, 0.75, 0.875)
SPAN_TARGETS = {"f1": 0.55, "holds": 0.80}
# The seed page is the only text of the product's own kind (a printed local page) with questions,
# a thirtieth of the data; no held-out data of that kind can set its weight. 30 is the smallest
# of 1, 10 and 30 at which the shared dev set (held out) kept every answer: chosen on that set.
SEED_PAGE_WEIGHT = 30.0
# LightGBM's usual small-data settings. In the first fits, 300 rounds gave more held-out answers
# than 100 on three of the four sets; for the candidates, 150 or 600 rounds and 7 or 31 leaves did
# no better held out.
ROUNDS = 300
LGBM = dict(
    objective="binary", learning_rate=0.05, num_leaves=15, min_data_in_leaf=40, feature_fraction=0.8,
    bagging_fraction=0.8, bagging_freq=1, seed=SEED, deterministic=True, force_row_wise=True, num_threads=1, verbose=-1,
)
# Lambdarank orders a question's passages; hit@1 is what the answer needs, and the pools' first ten
# are where the right passage nearly always is (CARD.md: top 3 .91-1.0 held out).
# A passage found more strongly by a signal, or holding more of the question, never ranks lower for
# it, all else equal: held out this costs nothing on the sets and keeps the few dozen English
# questions from teaching the model that a lead passage beats one holding every word.
RISING = {"words", "dense", "pairs", "coverage", "title", "sentence", "exact", "article"}
FALLING = {"words_rank", "dense_gap", "dense_rank", "pairs_rank"}
PASSAGE_LGBM = dict(
    LGBM, objective="lambdarank", lambdarank_truncation_level=10,
    monotone_constraints=[1 if f in RISING else -1 if f in FALLING else 0 for f in features.PASSAGE_FEATURES],
)
# The candidates too are ordered within their question: only the first is answered with, and held
# out lambdarank put a right one first more often than the binary objective (CMRC .526 → .549,
# newswire .644 → .671, DRCD .663 → .657; truncation at 5, 10 or 30 alike). Its scores compare
# within a question only: the calibration is fitted on them as they come, and the sources' odds
# against the answer compare a question's own candidates.
# A fact with more of the question's focus words beside it never ranks lower, all else equal: of a
# sentence's figures, the one the asked noun stands beside answers ("多少产值" → 产值30亿元, not the
# 税收 figure after it). Held out this moved no set by more than about a point (BENCHMARKS.md);
# without it, which figure of our own test sentence answered flipped from one retrain to the next.
# A right fact holding a gold answer whole ranks above one that is most of it (52所教堂 for the gold
# 52所教堂, against 52所), a half step: over three LightGBM seeds held out, lambdarank's usual gain
# (3 for the second grade) held the gold in more newswire answers (+1.7 points against +1.2) but cost
# the seed page two to three questions on every seed; 1.5 cost it none beyond the seeds' spread.
RANKER_LGBM = dict(
    LGBM, objective="lambdarank", lambdarank_truncation_level=10, label_gain=[0.0, 1.0, 1.5],
    monotone_constraints=[1 if f == "focus" else -1 if f == "focus_gap" else 0 for f in features.FEATURES],
)
# So are a sentence's spans: the first is the answer. Graded by their label in tenths, each grade
# worth its square, held out the first span held the gold answer more often than under
# cross-entropy on the same label (BENCHMARKS.md: CMRC .797 → .862, newswire .832 → .887), at
# about the same F1 (.700 → .724, .664 → .643); grades worth their value cut answers worse, their
# cube held fewer.
# The span model's trees have 63 leaves, not 15: a sentence's spans differ in many small ways at
# once. Held out, each at the mix chosen for it (.625 with 15 leaves, .75 with 63), holds / F1 went
# newswire .867 / .698 → .893 / .714, DRCD .966 / .571 → .957 / .593, CMRC .849 / .745 → .853 /
# .742; 255 leaves, 800 rounds and a learning rate of .1 did no better (BENCHMARKS.md). The model
# files are stored gzipped, which keeps them within 2 MB.
SPAN_LGBM = dict(LGBM, objective="lambdarank", lambdarank_truncation_level=10, label_gain=[g * g for g in range(11)], num_leaves=63)
# Our own seed-page answers say what an answer must contain (天博 of the company's full name), so
# they weigh less here than for the candidates: of 1, 10 and 30, held out, 10 cut the seed page's
# answers best (F1 .817) without costing the shared sets, where 30 did (newswire held .863 against .887).
# With 63 leaves at .75, 30 again lifted the seed page (F1 .826 → .849) at the shared sets' cost (CMRC
# .742 → .730, newswire .714 → .704), and 3 was 10 within a point (BENCHMARKS.md, 19:15).
SEED_SPAN_WEIGHT = 10.0
COVERAGE = features.FEATURES.index("coverage")
# The coverage a candidate needs to be the answer is set, not fitted: the held-out data cannot
# tell the gates apart. Over eleven refits (BENCHMARKS.md, 2026-12-01) the fewest mistakes,
# counting wrong answers as well, went to .40, .55 or .60, the three within .07 of each other where
# each gate's own standard error is about .085; ruling among the gates within that error by the
# fewest answerable refused went to .45, by the seed page's held-out mistakes to .40. .55 is the lowest
# gate at which the fitted threshold stayed at its floor (.01) in every refit, so a refusal reads
# as "no sentence holds enough of the question"; below it the threshold rose to .10-.26 and
# refused up to 10% of newswire's answerable questions (the limit is 5%), and .45
# answered the shared dev set's unanswerable question; .60 refused five of the seed page's own
# questions. The threshold and the rescue are fitted at this gate; `make train` prints the other
# gates' figures for when the planners weigh a wrong answer against a refusal.
GATE = 0.55
GATES = (0.0, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6)  # reported beside it
THRESHOLDS = np.round(np.arange(0.01, 1.0, 0.01), 2)
# A question with no candidate at all: scored far below any real one, no margins, nothing covered.
NO_CANDIDATE = np.array([-20.0] + [0.0] * (len(SUMMARY) - 1))


@dataclass
class Example:
    """One question: its candidates' features and labels, and what scoring its answer needs."""

    set: str
    lang: str
    group: str
    outside: bool  # no article of the corpus answers it
    rows: np.ndarray
    labels: np.ndarray  # each candidate is right: its answer line holds a gold answer (and its fact is it)
    whole: np.ndarray  # ... and its fact holds a gold answer whole, not only most of it (a right sentence does)
    lines: list[str]
    passage_of: np.ndarray  # each candidate's passage (its rank in the search's hits)
    origins: list[tuple[str, str]]  # each candidate's article and what it answers with (its fact, else its line)
    passage_gold: np.ndarray  # each searched passage holds a gold answer
    answers: list[str]
    table: Callable[[int], tuple[list[str], np.ndarray]]  # candidate → its spans (as shown) and their features
    fold: int = 0


def load_set(name: str) -> list[dict]:
    """A set's articles in make_corpus's shuffle (seed 7), as `benchmarks/general.py` draws them."""
    spec = importlib.util.spec_from_file_location("make_corpus", SHARED / "tools" / "make_corpus.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    articles, _ = module.load(str(SHARED / "eval" / "general" / f"{name}.json.gz"), None, None, SEED)
    return articles


def shared_corpora(name: str, work: Path, english: dict[tuple[str, str], str]) -> list[tuple[Path, list[dict]]]:
    """The training corpora of a set: (seeds folder, questions), questions as `newsqa eval` reads them
    plus `group` (the article) and `outside`; our English renderings (`english`: (set, question
    id) → question) are asked beside the Chinese."""
    rest = load_set(name)[BENCHMARK_ARTICLES:]
    blocks = max(1, round(len(rest) / BLOCK))
    size = -(-len(rest) // blocks)
    rng = random.Random(SEED)
    out = []
    for b in range(blocks):
        block = rest[b * size : (b + 1) * size]
        indexed = block[: round(0.75 * len(block))]
        seeds = work / f"{name}-{b}" / "seeds"
        seeds.mkdir(parents=True, exist_ok=True)
        questions = []
        for k, article in enumerate(block):
            file = f"a{k:04d}.txt"
            inside = k < len(indexed)
            if inside:
                (seeds / file).write_text(article["title"] + "\n\n" + article["text"] + "\n", encoding="utf-8")
            for q in article["qas"]:
                questions.append(dict(id=q["id"], question=q["question"].replace("\n", " "), lang="zh", file=file,
                                      outside=not inside, group=f"{name}-{b}:{k}", answers=sorted({str(a["text"]) for a in q["answers"]}),
                                      article=_bare(article["title"] + article["text"]), source=article))
        answerable = [q for q in questions if not q["outside"]]
        outside = [q for q in questions if q["outside"]]
        picked = rng.sample(answerable, min(QUESTIONS, len(answerable))) + rng.sample(outside, min(OUTSIDE_QUESTIONS, len(outside)))
        picked += [dict(q, question=english[(name, q["id"])], lang="en") for q in questions if (name, q["id"]) in english]
        out.append((seeds, picked))
    return out


def english_renderings() -> dict[tuple[str, str], str]:
    """Our own English renderings of training questions (`benchmarks/inputs/english_train.jsonl`)."""
    lines = (ROOT / "benchmarks" / "inputs" / "english_train.jsonl").read_text(encoding="utf-8").splitlines()
    return {(item["set"], item["id"]): item["question"] for item in map(json.loads, filter(str.strip, lines))}


def seed_corpus() -> tuple[Path, list[dict]]:
    """The seed page and our own questions about it."""
    questions = []
    for line in (ROOT / "tests" / "data" / "questions.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            q = json.loads(line)
            questions.append(dict(q, file="", outside=q.get("answers") is None, group=f"seed:{q['id']}", answers=q.get("answers") or []))
    return ROOT / "seeds", questions


@dataclass
class Asked:
    """A question asked of its corpus: what the search's signals bring for it, and which of those
    passages hold a gold answer."""

    set: str
    question: dict
    index: Index
    query: Query
    vector: np.ndarray
    pool: Pool
    gold: np.ndarray  # each passage of the pool holds a gold answer
    fold: int = 0

    @property
    def group(self) -> str:
        return self.question["group"]


def asked(set_name: str, seeds: Path, questions: list[dict], work: Path, embedder) -> list[Asked]:
    """Index a corpus and bring every question's passages, as `QA.ask` would."""
    settings = Settings.load(env_file=None, seeds_dir=seeds, index_dir=work / "index", model_cache_dir=ROOT / "data" / "models")
    build_index(settings, embedder)
    index = load_index(settings.index_dir, embedder.name, embedder.dim)
    # An empty question is refused before any model is asked: not something to fit.
    queries = [(q, query) for q in questions if not (query := analyse(q["question"], index.sparse, index.lexicon)).empty]
    vectors = embedder.encode([query.dense_text for _, query in queries])
    out = []
    for (q, query), vector in zip(queries, vectors):
        found = pool(index, query, vector)
        gold = [_gold(q, index.chunks[i].text, index.chunks[i].source) and _said(q.get("evidence"), index.chunks[i].text) for i in found.ids]
        out.append(Asked(set_name, q, index, query, vector, found, np.array(gold, dtype=bool)))
    return out


def _gold(q: dict, text: str, source: str) -> bool:
    """The text holds a gold answer and comes from the question's own file (any file of the seed page)."""
    return not q["outside"] and (not q["file"] or source == q["file"]) and any(a in text for a in q["answers"])


def fit_passages(data: list[Asked]) -> lightgbm.Booster:
    """The passage model: LightGBM lambdarank over each question's pool, the passages holding a
    gold answer above the rest. Questions whose pool holds none teach nothing and are left out;
    the seed page is not weighted up: its passages rank well without (CARD.md)."""
    return fit_ranking([(a.pool.rows, a.gold, None) for a in data if a.gold.any()], PASSAGE_LGBM, features.PASSAGE_FEATURES)


def fit_ranking(groups: list[tuple[np.ndarray, np.ndarray, float | None]], params: dict, names, categorical=()) -> lightgbm.Booster:
    """LightGBM lambdarank over groups of rows, each group one ranking.

    Args:
        groups: each group's rows, their grades (higher ranks first) and the weight of its rows
            (None throughout: all alike).
        params: LightGBM's parameters (a lambdarank objective).
        names, categorical: the columns' names, and those that are categories.
    """
    weights = None if all(w is None for _, _, w in groups) else np.concatenate([np.full(len(g), w) for _, g, w in groups])
    dataset = lightgbm.Dataset(
        np.vstack([x for x, _, _ in groups]), np.concatenate([np.asarray(g).astype(int) for _, g, _ in groups]), weight=weights,
        group=[len(g) for _, g, _ in groups], feature_name=list(names), categorical_feature=list(categorical) or "auto",
    )
    return lightgbm.train(params, dataset, ROUNDS)


def passage_scores(model: lightgbm.Booster, a: Asked) -> np.ndarray:
    """A passage model's scores of a question's pool."""
    return model.predict(a.pool.rows, raw_score=True, num_threads=1) if len(a.gold) else np.zeros(0)


def fit_passage_calibration(data: list[Asked], scores: list[np.ndarray]) -> list[float]:
    """Logistic weight and bias turning a passage's held-out score below its question's best into the
    chance it holds the answer, over the answerable questions (the passages shown when refusing)."""
    gaps = [z - z.max() for a, z in zip(data, scores) if len(z) and not a.question["outside"]]
    gold = [a.gold for a, z in zip(data, scores) if len(z) and not a.question["outside"]]
    return [round(v, 6) for v in fit_calibration(np.concatenate(gaps)[:, None], np.concatenate(gold))]


def passage_figures(data: list[Asked], scores: list[np.ndarray]) -> dict:
    """Per set, held out: how often the right passage is first by each signal alone and by the
    passage model, in the model's top 3, and in the pool at all."""
    columns = features.PASSAGE_FEATURES
    signals = {name: columns.index(name) for name in ("words", "pairs", "dense")}
    report: dict[str, dict] = {}
    for a, z in zip(data, scores):
        if a.question["outside"]:
            continue
        name = a.set if (a.question.get("lang") or "zh") == "zh" else f"{a.set} (en)"
        r = report.setdefault(name, dict.fromkeys(["answerable", *signals, "model", "top3", "pool"], 0))
        r["answerable"] += 1
        if len(z):
            for name, col in signals.items():
                r[name] += bool(a.gold[np.argmax(a.pool.rows[:, col])])
            order = np.argsort(-z, kind="stable")
            r["model"] += bool(a.gold[order[0]])
            r["top3"] += bool(a.gold[order[:3]].any())
            r["pool"] += bool(a.gold.any())
    return {s: {k: (v if k == "answerable" else round(v / r["answerable"], 3)) for k, v in r.items()} for s, r in sorted(report.items())}


def readers(data: list[Asked]) -> list[reader.Reader]:
    """Two readers, each fitted on every question of the articles of one parity of fold (not only
    those asked): the first serves the even folds, fitted on the odd; the second the odd."""
    sources = {a.group: (a.question["source"], a.fold) for a in data if "source" in a.question}
    return [
        train_reader.fit([item for source, fold in sources.values() if fold % 2 != parity for item in train_reader.items(source)], SEED)
        for parity in (0, 1)
    ]


def example(a: Asked, scores: np.ndarray, read: reader.Reader) -> Example:
    """Measure every candidate of a question, its passages ranked by these scores (its spans read
    by a reader that never saw its article)."""
    q, query = a.question, a.query
    hits = ranked(a.index, a.pool, scores, k=SENTENCE_POOL)
    found = candidates(query, hits, a.index)

    def right(c) -> bool:
        # A fact is the answer only when it is the gold answer or most of it: its clause may
        # hold the gold beside another number (销售收入8亿元、新增就业100多人).
        # Our own questions name the words of their sentence (`evidence`): a sentence elsewhere
        # that repeats the answer (市行政审批服务局) does not say what was asked.
        fact = c.shown[c.fact.at : c.fact.at + len(c.fact.text)] if c.fact else None
        return (
            (_gold(q, c.line, hits[c.hit_rank].chunk.source) or _reprinted(q, c.line, c.shown))
            and (fact is None or f1_score(fact, q["answers"]) >= FACT_MATCH)
            and _said(q.get("evidence"), c.shown)
        )

    labels = [right(c) for c in found]
    # A sentence is the answer as a sentence only where none of its facts is: a question of a
    # kind is answered by the fact when the patterns took it.
    taken = {id(c.sentence) for c, ok in zip(found, labels) if ok and c.fact}
    labels = [ok and (c.fact is not None or id(c.sentence) not in taken) for c, ok in zip(found, labels)]
    whole = [ok and (c.fact is None or _holds(c.shown[c.fact.at : c.fact.at + len(c.fact.text)], q["answers"])) for c, ok in zip(found, labels)]
    return Example(
        a.set, q.get("lang") or "zh", q["group"], q["outside"], features.rows(query, found, hits),
        np.array(labels, dtype=bool), np.array(whole, dtype=bool), [c.line for c in found],
        np.array([c.hit_rank for c in found], dtype=int), origins(found, hits),
        np.array([_gold(q, h.chunk.text, h.chunk.source) for h in hits], dtype=bool),
        q["answers"], _tables(query, found, a.index.sparse.tokenizer, read), a.fold,
    )


def _reprinted(q: dict, line: str, sentence: str) -> bool:
    """The line holds a gold answer and its sentence stands word for word in the question's own
    article: another file reprints it (newswire runs one story several times), and the answer is
    as right as from the article itself, as `newsqa eval` counts it."""
    return "article" in q and not q["outside"] and _holds(line, q["answers"]) and _bare(sentence) in q["article"]


def _bare(text: str) -> str:
    """The text without spaces and line breaks (a page's hard breaks fall anywhere)."""
    return "".join(text.split())


def _said(evidence: str | None, sentence: str) -> bool:
    """The sentence holds the question's evidence (the answer with the words around it), if it names one."""
    return not evidence or _bare(evidence) in _bare(sentence)


def _tables(query, found, tokenizer, read: reader.Reader) -> Callable[[int], tuple[list[str], np.ndarray]]:
    """A question's span tables, measured when first asked for (a few candidates' of each question are)."""
    @functools.lru_cache(maxsize=None)
    def table(i: int) -> tuple[list[str], np.ndarray]:
        spans, rows = span.table(query, found[i], tokenizer, read)
        return [span.shown(found[i], s) for s in spans], rows
    return table


def fit_ranker(data: list[Example], seed: int = SEED) -> lightgbm.Booster:
    """The candidate model: LightGBM lambdarank over each question's candidates, the right ones
    above the rest, those holding a gold answer whole first (questions with none, outside ones
    among them, teach it nothing)."""
    groups = [(e.rows, e.labels.astype(int) + e.whole, SEED_PAGE_WEIGHT if e.set == "seed" else 1.0) for e in data if e.labels.any()]
    return fit_ranking(groups, {**RANKER_LGBM, "seed": seed}, features.FEATURES)


def fit_spans(data: list[Example], mix: float) -> lightgbm.Booster:
    """The span model: LightGBM lambdarank over the spans of right candidates' sentences (each
    sentence a group), graded by their label in tenths (its F1 against the gold answers, mixed with
    whether it holds one); the first-ranked span answers."""
    groups = []
    for e in data:
        for i in np.flatnonzero(e.labels)[:SPAN_POSITIVES]:
            texts, x = e.table(int(i))
            graded = [round(10 * span_label(t, e.answers, mix)) for t in texts]
            if any(graded):  # else no span of the sentence says any of the answer: nothing to order
                groups.append((x, graded, SEED_SPAN_WEIGHT if e.set == "seed" else 1.0))
    return fit_ranking(groups, SPAN_LGBM, span.SPAN_FEATURES, span.CATEGORICAL)


def span_label(text: str, answers: list[str], mix: float) -> float:
    """How good a span is as the answer: (1 − mix) × its F1 + mix × (it holds a gold answer)."""
    return (1 - mix) * f1_score(text, answers) + mix * _holds(text, answers)


def _holds(text: str, answers: list[str]) -> bool:
    return any(a in text for a in answers)


def choose_mix(data: list[Example]) -> tuple[float, list[lightgbm.Booster], dict]:
    """The span label's mix for the shortest answers that meet both targets on every set, held out
    (for each question with a right candidate, the span a model fitted without its fold picks
    there); when no mix meets them, the one that comes closest on the set furthest from them.
    The lowest mix meeting them, not the one beyond them by most: an answer is the shortest span
    that answers, and the margin beyond a target moved the choice between refits.

    Returns:
        The mix, its span model for each fold (fitted without it), and the figures of every mix.
    """
    tried, figures = [], {}
    for mix in MIXES:
        picked: dict[str, list[tuple[float, bool]]] = {}
        spanners = [fit_spans([e for e in data if e.fold != f], mix) for f in range(FOLDS)]
        for e in data:
            right = np.flatnonzero(e.labels)
            if e.lang == "zh" and len(right):
                short = short_answer(e, int(right[0]), spanners[e.fold])
                picked.setdefault(e.set, []).append((f1_score(short, e.answers), _holds(short, e.answers)))
        sets = {s: (float(np.mean([f for f, _ in v])), float(np.mean([h for _, h in v]))) for s, v in sorted(picked.items())}
        reached = min(min(f1 / SPAN_TARGETS["f1"], holds / SPAN_TARGETS["holds"]) for f1, holds in sets.values())
        figures[f"{mix:g}"] = {s: {"f1": round(f1, 3), "holds": round(h, 3)} for s, (f1, h) in sets.items()}
        print(f"span label mix {mix:g}: {reached:.3f} of the targets reached on every set", flush=True)
        tried.append((mix, reached, spanners))
    mix, _, spanners = lowest_meeting(tried)
    return mix, spanners, figures


def lowest_meeting(tried: list[tuple]) -> tuple:
    """Of (mix, share of the targets reached on the set furthest from them, …) in rising mix, the
    first that reaches them all (1 or more), else the one that comes closest (the first of equals)."""
    meeting = [t for t in tried if t[1] >= 1]
    # `max` keeps the first of equals: a tie (to float noise) keeps the lower mix.
    return meeting[0] if meeting else max(tried, key=lambda t: round(t[1], 9))


def short_answer(e: Example, candidate: int, spanner: lightgbm.Booster) -> str:
    """The span a question is answered with, from the candidate it is answered by."""
    texts, rows = e.table(candidate)
    return texts[int(np.argmax(spanner.predict(rows, raw_score=True, num_threads=1)))]


def fit_calibration(x: np.ndarray, right: np.ndarray) -> list[float]:
    """Logistic weights over x's columns (and a bias, last): the probability of `right` (over
    `model.summary`: that the answer is right, or that the articles answer the question; over a
    passage's score below the best: that it holds the answer).

    The columns are standardised before the fit, so that its L2 penalty weighs each alike (a score
    runs over tens, a share of the question within 0-1), and the weights are given back on the raw
    columns. Held out, unscaled summed mistakes .729 / .734 (LightGBM seeds 7 / 11) became .710 /
    .712; a LightGBM classifier did no better (.713), C of 10 and 1000 within .005 (BENCHMARKS.md).
    """
    scaler = StandardScaler().fit(x)
    fitted = LogisticRegression(C=1.0, max_iter=5000).fit(scaler.transform(x), right)
    weights = fitted.coef_[0] / scaler.scale_
    return [*map(float, weights), float(fitted.intercept_[0] - weights @ scaler.mean_)]


def cost(data: list[Example], confidence: np.ndarray, threshold: float) -> tuple[float, float]:
    """Mistakes at a threshold: the share of answerable questions refused plus the share of
    outside questions answered, summed over the sets so no set or kind outweighs another; and its
    standard error (the shares' binomial variances, summed). The English questions, a few dozen,
    are reported but not weighed."""
    mistaken = np.where(answerable(data), confidence < threshold, confidence >= threshold)
    groups = _cost_groups(data)
    shares = [float(np.mean(mistaken[g])) for g in groups]
    variance = sum(share * (1 - share) / len(g) for share, g in zip(shares, groups))
    return sum(shares), math.sqrt(variance)


def _cost_groups(data: list[Example]) -> list[np.ndarray]:
    """The questions each share of `cost` is taken over: each set's Chinese answerable questions, its outside ones."""
    keys = [(e.set, e.outside) if e.lang == "zh" else None for e in data]
    return [np.array([i for i, k in enumerate(keys) if k == key]) for key in sorted(set(keys) - {None})]


def least_refusing(data: list[Example], confidence: np.ndarray) -> tuple[float, float]:
    """The lowest threshold whose mistakes are within one standard error of the fewest (the
    one-standard-error rule), and its mistakes. The threshold with the very fewest moved between
    .01 and .12 from retrain to retrain on differences within that error; among thresholds the
    data cannot tell apart, the one refusing least keeps answers the reader can check."""
    # The error here is each threshold's own, not that of the difference question by question: with
    # that, the threshold rose from .01 to .07-.11 and refused over 5% of the newswire questions
    # the articles answer, the limit, for fewer outside questions answered.
    costs = {t: cost(data, confidence, t) for t in THRESHOLDS}
    fewest, error = min(costs.values(), key=lambda c: c[0])
    threshold = float(min(t for t, (c, _) in costs.items() if c <= fewest + error))
    return threshold, costs[threshold][0]


def decide(data: list[Example], scores: list[np.ndarray]) -> dict:
    """At the coverage gate `GATE`, the confidence an answer needs and the probability of being
    answerable that rescues a question without a candidate at the gate, chosen on held-out scores
    for the fewest mistakes (the threshold by `least_refusing`, then the rescue); with the held-out
    probabilities they give. The other gates' figures are printed for the record."""
    results = {gate: _at_gate(data, scores, gate) for gate in GATES}
    for gate, at in results.items():
        print(f"coverage ≥ {gate:.2f}: threshold {at['threshold']:.2f}, rescue {at['rescue']:.2f}, mistakes {at['mistakes']:.3f}, "
              f"with wrong answers {at['misled']:.3f} ± {at['error']:.3f}, answerable refused {at['refused']:.3f} (summed over the sets){'  (the gate)' * (gate == GATE)}", flush=True)
    return results[GATE]


def _at_gate(data: list[Example], scores: list[np.ndarray], gate: float) -> dict:
    """At one coverage gate, the threshold and rescue with the fewest mistakes, the held-out
    probabilities they are read on, and the mistakes: refusals alone, and with wrong answers (with
    its standard error); and the answerable questions refused, each set's share summed."""
    inside = answerable(data)
    x, right, covered = summaries(data, scores, gate)
    confidence, chance = np.zeros(len(data)), np.zeros(len(data))
    for f in range(FOLDS):
        train = np.array([e.fold != f for e in data])
        confidence[~train] = calibrated(x[~train], fit_calibration(x[train], right[train]))
        chance[~train] = calibrated(x[~train], fit_calibration(x[train & ~covered], inside[train & ~covered]))
    threshold, _ = least_refusing(data, np.where(covered, confidence, 0.0))
    # The rescue is the plain fewest: one standard error of these mistakes is wider than one
    # of the seed page's 21 unanswerable questions, and the one-standard-error rule went down
    # to where those are answered. Chosen on four folds for the fifth, it stayed within .59-.65.
    # It moves with one of those 21, which weighs as much as 70 of DRCD's answerable questions
    # (.77 → .85 between two refits; the paired error's rule: BENCHMARKS.md, 2026-11-30 15:14).
    confidence = np.where(covered, confidence, np.minimum(confidence, chance))  # as `AnswerModel.decide`
    chosen = dict(gate=gate, threshold=threshold, confidence=confidence, chance=chance, covered=covered, right=right)
    rescue = min(THRESHOLDS, key=lambda r: cost(data, answering(dict(chosen, rescue=r)).astype(float), 0.5)[0])
    answered = answering(dict(chosen, rescue=rescue))
    mistakes, _ = cost(data, answered.astype(float), 0.5)
    # The gate also decides which candidate answers: its mistakes are reported with wrong answers too.
    misled, error = cost(data, np.where(inside, answered & right, answered).astype(float), 0.5)
    refused = sum(float(np.mean(~answered[g])) for g in _cost_groups(data) if inside[g[0]])
    return dict(chosen, rescue=float(rescue), mistakes=round(mistakes, 4), misled=round(misled, 4), error=error, refused=refused)


def folds(data: list[Asked]) -> None:
    """Assign each question a fold by its article, seeded."""
    groups = sorted({e.group for e in data})
    random.Random(SEED).shuffle(groups)
    fold_of = {g: i % FOLDS for i, g in enumerate(groups)}
    for e in data:
        e.fold = fold_of[e.group]


def held_out_scores(data: list[Example], seed: int = SEED) -> list[np.ndarray]:
    """Each question's candidates scored by a candidate model fitted on the other four folds."""
    scores: list[np.ndarray] = [np.zeros(0)] * len(data)
    for f in range(FOLDS):
        ranker = fit_ranker([e for e in data if e.fold != f], seed)
        for i, e in enumerate(data):
            if e.fold == f:
                scores[i] = ranker.predict(e.rows, raw_score=True, num_threads=1)
    return scores


def seed_spread(data: list[Example], seeds: list[int]) -> str:
    """Held out, the share of answerable questions answered with a right candidate under each
    LightGBM seed of the candidate model: how far a refit moves by chance, to set a change against
    (each seed's threshold chosen on its own scores, as one refit would)."""
    sets = sorted({label(e) for e in data})
    lines = [f"| seed | {' | '.join(sets)} | mistakes |", "| --- |" + " --- |" * (len(sets) + 1)]
    for seed in seeds:
        scores = held_out_scores(data, seed)
        chosen = decide(data, scores)
        ok = answering(chosen)
        shares = []
        for s in sets:
            inside = [i for i, e in enumerate(data) if label(e) == s and not e.outside]
            right = [ok[i] and (p := pick(data[i], scores[i], chosen["gate"])) is not None and data[i].labels[p] for i in inside]
            shares.append(f"{np.mean(right):.3f}" if right else "-")
        lines.append(f"| {seed} | {' | '.join(shares)} | {chosen['mistakes']:.3f} |")
    return "\n".join(lines)


def held_out(data: list[Example]) -> dict:
    """Fit on four folds, score the fifth, for each fold; the threshold and rescue chosen at the
    gate, and the figures per set."""
    scores = held_out_scores(data)
    chosen = decide(data, scores)
    gate, confidence, right, ok = chosen["gate"], chosen["confidence"], chosen["right"], answering(chosen)
    picks = [pick(e, z, gate) for e, z in zip(data, scores)]
    mix, spanners, mixes = choose_mix(data)
    report = {}
    for s in sorted({label(e) for e in data}):
        idx = [i for i, e in enumerate(data) if label(e) == s]
        inside = [i for i in idx if not data[i].outside]
        outside = [i for i in idx if data[i].outside]
        answered = {i for i in inside if ok[i] and picks[i] is not None}
        first_search = first = shown = holds = exact = 0
        f1 = 0.0
        for i in inside:
            e = data[i]
            first_search += bool(e.passage_gold[0])
            if picks[i] is not None:
                # The passage the answer lists first: its answer's, else the best candidate's.
                first += bool(e.passage_gold[e.passage_of[picks[i]]])
            # As the answer lists its sources: the answer's passage first; when it refuses, the search's.
            shown += bool(e.passage_gold[e.passage_of[picks[i]]] if i in answered else e.passage_gold[0])
            if i in answered:
                short = short_answer(e, picks[i], spanners[e.fold])
                holds += _holds(short, e.answers)
                exact += exact_match(short, e.answers)
                f1 += f1_score(short, e.answers)
        n = max(len(inside), 1)
        report[s] = {
            "answerable": len(inside), "outside": len(outside),
            "passage_first_search": round(first_search / n, 3), "passage_first": round(first / n, 3),
            "passage_first_shown": round(shown / n, 3),
            "best_candidate_holds": round(float(np.mean(right[inside])) if inside else 0.0, 3),
            "evidence_holds": round(sum(bool(right[i]) for i in answered) / n, 3),
            "answer_holds": round(holds / n, 3), "exact": round(exact / n, 3), "f1": round(f1 / n, 3),
            "answerable_refused": round(1 - len(answered) / n, 3),
            "outside_refused": round(float(np.mean(~ok[outside])) if outside else 0.0, 3),
        }
    # Calibration: the share right among the questions in each band of confidence.
    bands = []
    for lo in (0.0, 0.2, 0.4, 0.6, 0.8):
        sel = (confidence >= lo) & (confidence < lo + 0.2)
        if sel.any():
            bands.append({"confidence": f"{lo:.1f}-{lo + 0.2:.1f}", "questions": int(sel.sum()),
                          "mean_confidence": round(float(confidence[sel].mean()), 3), "right": round(float(right[sel].mean()), 3)})
    return {"min_coverage": gate, "threshold": chosen["threshold"], "rescue": chosen["rescue"], "span_mix": mix, "span_mixes": mixes, "mistakes": chosen["mistakes"], "mistakes_with_wrong": chosen["misled"], "sets": report, "calibration": bands}


def pick(e: Example, scores: np.ndarray, gate: float) -> int | None:
    """The candidate answered with: the best-scored of those covering enough of the question, else of all."""
    pool = eligible(e.rows[:, COVERAGE], gate)
    return int(pool[np.argmax(scores[pool])]) if len(pool) else None


def label(e: Example) -> str:
    """The row of the report a question counts in: its set, English questions apart."""
    return e.set if e.lang == "zh" else f"{e.set} (en)"


def summaries(data: list[Example], scores: list[np.ndarray], gate: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each question's calibration inputs, whether the candidate it is answered with is right, and
    whether a candidate covers the gate."""
    x, right, covered = [], [], []
    for e, z in zip(data, scores):
        pool = eligible(e.rows[:, COVERAGE], gate)
        x.append(summary(e.rows[pool], z[pool], [e.lines[i] for i in pool], [e.origins[i] for i in pool]) if len(pool) else NO_CANDIDATE)
        right.append(bool(len(pool)) and bool(e.labels[pick(e, z, gate)]))
        covered.append(bool((e.rows[:, COVERAGE] >= gate).any()))
    return np.array(x), np.array(right), np.array(covered)


def answerable(data: list[Example]) -> np.ndarray:
    """Each question is about an article of its corpus: what the rescue's probability is fitted to."""
    return np.array([not e.outside for e in data])


def answering(chosen: dict) -> np.ndarray:
    """Which questions a decision answers: confident enough, and covered at the gate or rescued."""
    return (chosen["confidence"] >= chosen["threshold"]) & (chosen["covered"] | (chosen["chance"] >= chosen["rescue"]))


def card(figures: dict, data: list[Example]) -> str:
    """The model card: what the model was fitted on, how, and its held-out figures."""
    rows = "\n".join(
        f"| {name} | {r['answerable']} | {r['outside']} | {r['passage_first_search']:.3f} | {r['passage_first']:.3f} | {r['passage_first_shown']:.3f} "
        f"| {r['evidence_holds']:.3f} | {r['answer_holds']:.3f} | {r['exact']:.3f} | {r['f1']:.3f} | {r['answerable_refused']:.3f} "
        f"| {r['outside_refused']:.3f} |"
        for name, r in figures["sets"].items()
    )
    mixes = "\n".join(
        f"| {mix} | " + " | ".join(f"{v['holds']:.3f} / {v['f1']:.3f}" for v in sets.values()) + " |" for mix, sets in figures["span_mixes"].items()
    )
    mix_sets = list(next(iter(figures["span_mixes"].values())))
    bands = "\n".join(f"| {b['confidence']} | {b['questions']} | {b['mean_confidence']:.3f} | {b['right']:.3f} |" for b in figures["calibration"])
    corpora = sorted({e.group.split(":")[0] for e in data})
    passages = "\n".join(
        f"| {name} | {r['answerable']} | {r['words']:.3f} | {r['pairs']:.3f} | {r['dense']:.3f} | {r['model']:.3f} | {r['top3']:.3f} | {r['pool']:.3f} |"
        for name, r in figures["passages"].items()
    )
    return f"""# The passage and answer models — written by `make train` ({time.strftime('%Y-%m-%d')})

Files: `passage.txt.gz` (LightGBM, lambdarank, {ROUNDS} rounds), `ranker.txt.gz` (LightGBM, lambdarank, {ROUNDS} rounds, {RANKER_LGBM['num_leaves']} leaves), `span.txt.gz` (LightGBM,
lambdarank on graded spans, {ROUNDS} rounds, {SPAN_LGBM['num_leaves']} leaves; each LightGBM's model text, gzipped), `{READER_FILE}` (the reader's
adapters and pointer head over m3e-small, rank {reader.RANK}, half precision; `retrieval/reader.py`), `answer.json` (the features' names, the calibrations, `min_coverage`
{figures['min_coverage']}, `threshold` {figures['threshold']}, `rescue` {figures['rescue']}), `report.json` (the figures below). Read by
`retrieval/model.py`; features in `retrieval/features.py` (passages, candidates) and `retrieval/span.py` (spans).

**Data.** {figures['questions']} questions, {figures['candidates']} candidate answers, from {len(corpora)} corpora: the
shared sets (`../shared/eval/general/`) without the {BENCHMARK_ARTICLES} articles `benchmarks/general.py` measures on,
cut into blocks like the benchmark's (three quarters of each block indexed, the questions about the rest asked as
questions the corpus cannot answer), and the seed page with our own questions (`tests/data/questions.jsonl`,
weighted {SEED_PAGE_WEIGHT:g}× as the page the product is built for). A candidate is labelled right when its answer
line holds a gold answer and comes from the question's own file, or from a sentence another file reprints from it word
for word (for our own questions, when its sentence holds their `evidence`); a fact only when it is that answer or most of it (F1 ≥ {FACT_MATCH}), a sentence only when none of its
facts is; a right fact that holds a gold answer whole (52所教堂 against 52所) ranks a half step above one that is
most of it (gains 0 / 1 / {RANKER_LGBM['label_gain'][2]:g}). The spans of right candidates' sentences (up to {SPAN_POSITIVES} per question; our own questions weighted
{SEED_SPAN_WEIGHT:g}×, as their answers say what an answer must contain rather than mark a span) teach the span model,
each sentence's spans ordered by their label in tenths, (1 − mix) × its F1 + mix × (it holds a gold answer). Two of
its columns are the reader's scores of the span: the reader is fitted ({train_reader.EPOCHS} epochs, seed {SEED}) on every question of the
training articles, as the sentence holding its first gold answer and the answer's place in it; one reader on the
articles of the odd folds scores the spans of the even folds' questions, one on the even folds' (shipped) those of the odd.

**Folds.** {FOLDS}, by article (each seed question its own group), seeded. Every figure here is out of fold: the
question's passages were ranked, and its candidates scored and calibrated, by models fitted without its article. `min_coverage` is set at {GATE:g}, as the
held-out data cannot tell the gates apart (`retrieval/train.py`, `GATE`); `threshold` was chosen on these held-out scores for the
fewest mistakes (answerable refused plus outside answered, summed over the sets): the lowest within one standard error
of the fewest, questions without a candidate at the gate refused. A question none of whose candidates covers `min_coverage` is then answered with its
best candidate of all when the probability that the articles answer it (a logistic fitted on such questions: about an
article of the corpus or not) reaches `rescue`, the value with the fewest mistakes. The calibrations are logistic fits
over standardised columns. The span label's mix {figures['span_mix']:g} is the lowest (the shortest answers) to meet both targets (holds ≥ {SPAN_TARGETS['holds']},
F1 ≥ {SPAN_TARGETS['f1']}) on every set, or else the closest to them, each question's span picked in its right sentence by a model fitted
without its fold; then the shipped files were fitted on everything (the reader: the one of the even folds).

| set | answerable | outside | passage first (search) | passage first (best candidate's) | passage first (as listed) | evidence holds gold | answer holds gold | exact | char F1 | answerable refused | outside refused |
| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
{rows}

**Passage ranking** (held out): the right passage (it holds a gold answer, in the question's own file) first by
BM25 over words alone, over character pairs alone, by the dense cosine alone, and by the passage model; in the
model's top 3; among the passages the three signals bring (each its best {POOL}). When the answer is refused, each
source is shown with the chance that it holds the answer, were the articles to hold one: a logistic fit over its score
below the best passage's, on these held-out scores (weight {figures['passage_calibration'][0]:.3f}, bias
{figures['passage_calibration'][1]:.3f}).

| set | answerable | words first | pairs first | dense first | model first | model top 3 | in the pool |
| --- | --- | --- | --- | --- | --- | --- | --- |
{passages}

**Span label mix** (held out, in the right sentence): answer holds gold / char F1.

| mix | {" | ".join(mix_sets)} |
| --- |{" --- |" * len(mix_sets)}
{mixes}

**Calibration** (held out): of the questions given a confidence in each band, the share whose answer is right.

| confidence | questions | mean confidence | right |
| --- | --- | --- | --- |
{bands}
"""


def main() -> None:
    if os.environ.get("PYTHONHASHSEED") != "0":
        # Sets of words are iterated in hash order, which changes the order of float sums and so,
        # in the last bits, the features; a fixed hash seed makes the same data give the same files.
        os.execve(sys.executable, [sys.executable, "-m", "retrieval.train", *sys.argv[1:]], {**os.environ, "PYTHONHASHSEED": "0"})
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", type=Path, default=ROOT / "data" / "train", help="where the training corpora are indexed")
    parser.add_argument("--out", type=Path, default=ROOT / "retrieval" / "models")
    parser.add_argument(
        "--seeds", type=int, nargs="*", default=[],
        help="also refit the candidate model held out with these LightGBM seeds and print what each answers right (nothing is written)",
    )
    args = parser.parse_args()
    started = time.time()
    settings = Settings.load(env_file=None, model_cache_dir=ROOT / "data" / "models")
    embedder = Embedder.from_settings(settings)
    questions: list[Asked] = []
    english = english_renderings()
    for name in SETS:
        for seeds, picked in shared_corpora(name, args.work, english):
            questions += asked(name, seeds, picked, seeds.parent, embedder)
            print(f"{seeds.parent.name}: {len(picked)} questions, {time.time() - started:.0f} s", flush=True)
    seeds, picked = seed_corpus()
    questions += asked("seed", seeds, picked, args.work / "seed", embedder)
    folds(questions)
    # The candidates are measured over passages ranked by a passage model that never saw their
    # article, as the shipped one never saw the questions it will be asked.
    passage_models = [fit_passages([a for a in questions if a.fold != f]) for f in range(FOLDS)]
    held_scores = [passage_scores(passage_models[a.fold], a) for a in questions]
    passage_report = passage_figures(questions, held_scores)
    passage_calibration = fit_passage_calibration(questions, held_scores)
    fitted = readers(questions)
    print(f"readers fitted, {time.time() - started:.0f} s", flush=True)
    data = [example(a, z, fitted[a.fold % 2]) for a, z in zip(questions, held_scores)]
    print(f"candidates measured, {time.time() - started:.0f} s", flush=True)
    report = held_out(data)
    if args.seeds:
        print(seed_spread(data, [SEED, *args.seeds]), flush=True)
    passages, ranker, spanner = fit_passages(questions), fit_ranker(data), fit_spans(data, report["span_mix"])
    x, right, covered = summaries(data, [ranker.predict(e.rows, raw_score=True, num_threads=1) for e in data], report["min_coverage"])
    inside = answerable(data)
    meta = {
        "passage_features": list(features.PASSAGE_FEATURES), "features": list(features.FEATURES), "calibration_features": list(CALIBRATION_FEATURES), "span_features": list(span.SPAN_FEATURES),
        "calibration": [round(v, 6) for v in fit_calibration(x, right)],
        "answerability": [round(v, 6) for v in fit_calibration(x[~covered], inside[~covered])], "passage_calibration": passage_calibration,
        "min_coverage": report["min_coverage"],
        "threshold": report["threshold"], "rescue": report["rescue"],
    }
    args.out.mkdir(parents=True, exist_ok=True)
    for name, booster in zip(BOOSTER_FILES, (passages, ranker, spanner), strict=True):
        # No time stamp in the gzip header: the same fit gives the same bytes (with the same zlib).
        (args.out / name).write_bytes(gzip.compress(booster.model_to_string().encode("utf-8"), mtime=0))
    fitted[1].save(args.out / READER_FILE)
    (args.out / "answer.json").write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    figures = {
        "questions": len(data), "candidates": int(sum(len(e.rows) for e in data)), "folds": FOLDS, "passages": passage_report,
        "passage_calibration": passage_calibration, **report,
    }
    (args.out / "report.json").write_text(json.dumps(figures, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    (args.out / "CARD.md").write_text(card(figures, data), encoding="utf-8")
    print(json.dumps(figures, indent=1, ensure_ascii=False))
    print(f"done in {time.time() - started:.0f} s")


if __name__ == "__main__":
    main()
