"""The fitted answer model: its files fit the features measured, and what it says reaches the user."""

from __future__ import annotations

import json
import shutil

import numpy as np
import pytest

from retrieval.features import FEATURES
from retrieval.model import MODELS, AnswerModel, ModelMismatch, calibrated, summary


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


def test_a_model_folder_of_the_older_layout_is_refused_with_a_clear_message(tmp_path):
    # Before the model files were gzipped they were plain LightGBM text (span.txt): a folder
    # written then names the command that writes the current files.
    folder = tmp_path / "models"
    shutil.copytree(MODELS, folder)
    (folder / "span.txt.gz").rename(folder / "span.txt")
    with pytest.raises(ModelMismatch, match="span.txt.gz.*make train"):
        AnswerModel.load(folder)
    (folder / "span.txt.gz").write_text("tree\n", encoding="utf-8")
    with pytest.raises(ModelMismatch, match="make train"):
        AnswerModel.load(folder)


def test_a_near_rival_in_another_article_makes_the_answer_less_sure():
    # Three candidates: the best, a near rival, a far one. The same scores and measures, but the
    # near rival is in the best one's own article (another figure of the same story) or in another
    # article (maybe the story the question is about).
    model = AnswerModel.load()
    rows = np.tile(np.linspace(0.2, 0.9, len(FEATURES), dtype=np.float32), (3, 1))
    scores, keys = np.array([3.0, 2.6, 0.5]), ["造成3人受伤", "5人失踪", "8日"]
    same = summary(rows, scores, keys, [("a", "3人"), ("a", "5人"), ("b", "8日")])
    other = summary(rows, scores, keys, [("a", "3人"), ("b", "5人"), ("b", "8日")])
    agreeing = summary(rows, scores, keys, [("a", "3人"), ("b", "3人"), ("b", "8日")])  # another report of the same figure
    assert same[2] == pytest.approx(2.5) and other[2] == pytest.approx(0.4) and agreeing[2] == pytest.approx(2.5)
    assert calibrated(other, model.calibration) < calibrated(same, model.calibration)


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


def test_training_embeds_each_question_as_the_bot_does(qa_over, settings, fake_embedder, tmp_path):
    """The passage model learns its dense columns from the vector `QA.ask` will use: a Traditional
    question read in Simplified script, an English one through the Chinese words it reaches."""
    from retrieval import train

    qa = qa_over({"wells.txt": "嘉祥封井\n\n本報訊 嘉祥縣沿鐵路封閉水井336眼，保護地下水。\n"})
    questions = [
        dict(question=text, lang=lang, file="wells.txt", outside=False, answers=["336眼"])
        for text, lang in (("嘉祥縣封閉了多少眼水井？", "zh"), ("How many wells were sealed in Jiaxiang?", "en"))
    ]
    trained = train.asked("own", settings.seeds_dir, questions, tmp_path / "work", fake_embedder)
    assert [a.question["question"] for a in trained] == [q["question"] for q in questions]
    for a in trained:
        fake_embedder.calls.clear()
        qa.ask(a.question["question"])
        assert len(fake_embedder.calls) == 1 and fake_embedder.calls[0] != a.question["question"]
        assert fake_embedder.encode(list(fake_embedder.calls)) == pytest.approx(a.vector[None, :])


def test_calibration_fitted_on_standardised_columns_is_read_on_raw_ones():
    """`make train` standardises the calibration's columns; the weights it ships apply to the columns
    as `summary()` measures them, giving the fitted probabilities (a constant column weighs nothing)."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    from retrieval.train import fit_calibration

    rng = np.random.default_rng(0)
    x = rng.normal(size=(400, 3)) * [1.0, 20.0, 0.05] + [0.0, 5.0, 0.5]
    right = x @ [1.0, 0.05, 20.0] + rng.normal(size=400) > 11.0
    x = np.column_stack([x, np.ones(400)])
    fitted = make_pipeline(StandardScaler(), LogisticRegression(max_iter=5000)).fit(x, right)
    weights = fit_calibration(x, right)
    assert np.allclose(calibrated(x, weights), fitted.predict_proba(x)[:, 1], atol=1e-9)
    assert weights[3] == 0.0


def test_the_span_label_mix_is_the_lowest_that_meets_the_targets():
    """The shortest answers that meet both targets on every set; when none does, the closest."""
    from retrieval.train import lowest_meeting

    assert lowest_meeting([(0.5, 0.89), (0.625, 0.97), (0.75, 1.01), (0.875, 1.04)])[0] == 0.75
    assert lowest_meeting([(0.5, 1.02), (0.625, 1.05)])[0] == 0.5
    assert lowest_meeting([(0.5, 0.8), (0.625, 0.95), (0.75, 0.95), (0.875, 0.9)])[0] == 0.625
