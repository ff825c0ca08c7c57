"""The fitted models: passage features → a score per passage; candidate features → a score per
candidate, and the chosen candidate's calibrated probability of being right, which decides
whether to answer (with, for a question none of whose candidates covers enough of it, the
probability that the articles answer it at all).

Files in `retrieval/models/`, written by `make train` (see CARD.md there): `passage.txt.gz`, a
LightGBM lambdarank ordering of the passages the search brings; `ranker.txt.gz`,
a LightGBM ranking of a question's candidates; `span.txt.gz`, a LightGBM scoring of the spans of the
chosen sentence (the short answer), which reads the pointer scores of `reader.pt` (the reader's
adapters, `retrieval/reader.py`); and `answer.json`, the calibration of the best candidate's
score into a probability, the refusal threshold, and the calibration and threshold that let a
question none of whose candidates covers enough of it be answered.
"""

from __future__ import annotations

import gzip
import json
import pickle
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import lightgbm
import numpy as np

from retrieval.features import FEATURES, PASSAGE_FEATURES
from retrieval.reader import Reader
from retrieval.span import SPAN_FEATURES

MODELS = Path(__file__).resolve().parent / "models"
BOOSTER_FILES = ("passage.txt.gz", "ranker.txt.gz", "span.txt.gz")  # LightGBM's model texts, gzipped
READER_FILE = "reader.pt"  # the reader's adapters and head (torch, half precision)
# What the calibration reads of the best candidate besides its score and margins: how much of
# the question its sentence says, how much no article can say, and how well its passage matches.
CALIBRATION_FEATURES = ("coverage", "direct", "rarest", "bigrams", "missing", "dense", "passage", "has_fact")
# What `summary()` gives the calibration, in order.
SUMMARY = ("score", "margin", "article_margin", *CALIBRATION_FEATURES)
# A lone candidate has no rival; its margin is taken as a wide one, as a question with one clear
# sentence is. The same in training, so the calibration learns what it means.
MARGIN_ALONE = 5.0


class ModelMismatch(Exception):
    """The model files do not fit the features this code measures (retrain with `make train`)."""


@dataclass(frozen=True)
class AnswerModel:
    """The passage ranking, the candidate ranking and the calibration of its best score.

    Args:
        passages: LightGBM booster scoring passages (higher ranks first within a question).
        ranker: LightGBM booster scoring candidates (higher ranks first within a question).
        spanner: LightGBM booster scoring the spans of the chosen sentence (the best is the answer).
        reader: the pointer whose scores of the spans are two of the spanner's columns.
        calibration: logistic weights over `summary()` and a bias: the answer is right.
        answerability: the same: the articles answer the question (for questions none of whose
            candidates covers `min_coverage`).
        passage_calibration: logistic weight and bias over a passage's score below the best one's.
        min_coverage: the share of the question a candidate's sentence must say to be preferred as the answer.
        threshold: answers whose probability of being right is below this are refused.
        rescue: a question none of whose candidates covers `min_coverage` is refused unless the
            probability that the articles answer it reaches this.
    """

    passages: lightgbm.Booster
    ranker: lightgbm.Booster
    spanner: lightgbm.Booster
    reader: Reader
    calibration: tuple[float, ...]
    answerability: tuple[float, ...]
    passage_calibration: tuple[float, float]
    min_coverage: float
    threshold: float
    rescue: float

    @classmethod
    def load(cls, folder: Path = MODELS) -> "AnswerModel":
        """Read the model files written by `retrieval/train.py`.

        Raises:
            ModelMismatch: they were fitted on other features than `retrieval/features.py` measures,
                or one is missing (an older model's `.txt` files).
        """
        meta = json.loads((folder / "answer.json").read_text(encoding="utf-8"))
        fitted = tuple(tuple(meta.get(key, ())) for key in ("passage_features", "features", "calibration_features", "span_features"))
        if fitted != (PASSAGE_FEATURES, FEATURES, CALIBRATION_FEATURES, SPAN_FEATURES) or len(meta.get("calibration", ())) != len(SUMMARY) + 1:
            raise ModelMismatch(f"{folder} was fitted on other features; run `make train`")
        boosters = [_booster(folder / name) for name in BOOSTER_FILES]
        try:
            reader = Reader.load(folder / READER_FILE)
        except (OSError, EOFError, RuntimeError, ValueError, pickle.UnpicklingError) as exc:
            raise ModelMismatch(f"{folder / READER_FILE} is missing or does not fit the reader; run `make train`") from exc
        return cls(
            *boosters, reader, tuple(meta["calibration"]), tuple(meta["answerability"]), tuple(meta["passage_calibration"]),
            float(meta["min_coverage"]), float(meta["threshold"]), float(meta["rescue"]),
        )

    def passage_scores(self, rows: np.ndarray) -> np.ndarray:
        """Each passage's score: higher where it likelier holds the answer (comparable within a question only)."""
        return self.passages.predict(rows, raw_score=True, num_threads=1)

    def passage_chances(self, scores: np.ndarray) -> np.ndarray:
        """Each passage's probability of holding the answer, were the articles to hold one, from its
        score below the best passage's (so it falls with the rank)."""
        if not len(scores):
            return np.zeros(0)
        return calibrated((scores - scores.max())[:, None], self.passage_calibration)

    def scores(self, rows: np.ndarray) -> np.ndarray:
        """Each candidate's score (its line holds the answer; a fact is it): higher ranks first, comparable within a question only."""
        if not len(rows):
            return np.zeros(0)
        return self.ranker.predict(rows, raw_score=True, num_threads=1)

    def span_scores(self, rows: np.ndarray) -> np.ndarray:
        """Each span's score (its F1 against the answer, mixed with holding it): higher ranks first, comparable within a sentence only."""
        return self.spanner.predict(rows, raw_score=True, num_threads=1)

    def decide(self, rows: np.ndarray, scores: np.ndarray, keys: list[str], origins: list[tuple[str, str]], coverage: np.ndarray) -> tuple[int | None, float]:
        """The candidate to answer with, or None to refuse, and the probability that it is right.

        Args:
            rows, scores: the candidates' features and scores.
            keys: what each candidate answers with (its answer line).
            origins: each candidate's article and what it answers with (its fact, else its line).
            coverage: the share of the question each candidate's sentence says.
        """
        pool = eligible(coverage, self.min_coverage)
        if not len(pool):
            return None, 0.0
        x = summary(rows[pool], scores[pool], [keys[i] for i in pool], [origins[i] for i in pool])[None, :]
        confidence = float(calibrated(x, self.calibration)[0])
        best = int(pool[np.argmax(scores[pool])])
        if not (coverage >= self.min_coverage).any():
            # An answer is right no more often than the articles answer the question at all.
            chance = float(calibrated(x, self.answerability)[0])
            confidence = min(confidence, chance)
            if chance < self.rescue:
                return None, confidence
        return (best if confidence >= self.threshold else None), confidence


def eligible(coverage: np.ndarray, gate: float) -> np.ndarray:
    """The candidates the answer is chosen among: those covering at least `gate` of the question,
    else all of them (a paraphrase may cover little of the words of the sentence that answers it)."""
    covering = np.flatnonzero(coverage >= gate)
    return covering if len(covering) else np.arange(len(coverage))


def summary(rows: np.ndarray, scores: np.ndarray, keys: list[str], origins: list[tuple[str, str]]) -> np.ndarray:
    """What the calibration reads (SUMMARY): the best score, its margin over the best rival answer
    and over the best rival from another article, and the best candidate's CALIBRATION_FEATURES.

    A rival answers with something else: a line holding the best one (its sentence), or held by
    it, or the same line from another fact of the clause agrees with it rather than competing.
    Another article's rival says the question may be about that article's story instead (two
    attacks, two counts of casualties); another article giving the same fact (市长林红玉 in
    two reports) agrees with it.
    """
    best = int(np.argmax(scores))
    rivals = [score for score, key in zip(scores, keys) if key not in keys[best] and keys[best] not in key]
    margin = scores[best] - max(rivals) if rivals else MARGIN_ALONE
    article, says = origins[best]
    elsewhere = [score for score, (a, said) in zip(scores, origins) if a != article and said not in says and says not in said]
    article_margin = scores[best] - max(elsewhere) if elsewhere else MARGIN_ALONE
    columns = [FEATURES.index(name) for name in CALIBRATION_FEATURES]
    return np.array([scores[best], margin, article_margin, *rows[best, columns]], dtype=np.float64)


def calibrated(x: np.ndarray, calibration: tuple[float, ...] | list[float]) -> np.ndarray:
    """Probabilities from rows of `summary()` and the calibration's weights (its bias last)."""
    *weights, bias = calibration
    return 1.0 / (1.0 + np.exp(-(x @ np.array(weights) + bias)))


def _booster(path: Path) -> lightgbm.Booster:
    """A LightGBM model from its gzipped text."""
    try:
        return lightgbm.Booster(model_str=gzip.decompress(path.read_bytes()).decode("utf-8"))
    except (FileNotFoundError, gzip.BadGzipFile) as exc:
        raise ModelMismatch(f"{path} is missing or not gzipped (an older model's?); run `make train`") from exc


@lru_cache(maxsize=1)
def default_model() -> AnswerModel:
    """The shipped model, read once per process."""
    return AnswerModel.load()
