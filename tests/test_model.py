"""The fitted answer model: its files fit the features measured, and what it says reaches the user."""

from __future__ import annotations

import json
import shutil

import pytest

from retrieval.features import FEATURES
from retrieval.model import MODELS, AnswerModel, ModelMismatch


def test_shipped_model_fits_the_features_and_stays_small():
    model = AnswerModel.load()
    assert model.ranker.num_feature() == len(FEATURES)
    assert 0 < model.threshold < 1 and 0 <= model.min_coverage < 1
    size = sum(p.stat().st_size for p in MODELS.iterdir() if p.is_file())
    assert size <= 2 * 1024 * 1024, f"retrieval/models/ holds {size} bytes"


def test_model_fitted_on_other_features_is_refused_with_a_clear_message(tmp_path):
    folder = tmp_path / "models"
    shutil.copytree(MODELS, folder)
    meta = json.loads((folder / "answer.json").read_text(encoding="utf-8"))
    meta["features"] = meta["features"][:-1]
    (folder / "answer.json").write_text(json.dumps(meta), encoding="utf-8")
    with pytest.raises(ModelMismatch, match="make train"):
        AnswerModel.load(folder)


def test_confidence_separates_answers_from_refusals(qa):
    answered = qa.ask("嘉祥县高铁沿线封填了多少眼水井？")
    refused = qa.ask("济宁有多少所大学？")
    assert answered.found and not refused.found
    assert answered.confidence > 0.5 > refused.confidence
    assert answered.sources[0].score == pytest.approx(answered.confidence)


def test_sources_are_listed_best_first_with_falling_scores(qa):
    for question in ("曲阜2月26日集中开工项目总投资多少？", "How many trees were planted?", "鲁南高铁什么时候通车？"):
        answer = qa.ask(question)
        scores = [hit.score for hit in answer.sources]
        assert len(scores) >= 2 and scores == sorted(scores, reverse=True), (question, scores)
