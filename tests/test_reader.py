"""The reader: the shipped pointer finds the answer in a sentence it never saw, its file round-trips,
a broken one is refused, and its training reads the right sentence and is reproducible."""

from __future__ import annotations

import shutil

import numpy as np
import pytest
import torch

from retrieval import span, train_reader
from retrieval.answer import candidates
from retrieval.model import MODELS, READER_FILE, AnswerModel, ModelMismatch, default_model
from retrieval.query import analyse
from retrieval.search import search

_LIBRARY = "新图书馆由建筑师韩立平设计，总投资2.4亿元，共有1200个座位，将于明年五月开放。"


def _best(reader, question: str, sentence: str, longest: int = 10) -> str:
    spans = [(a, b) for a in range(len(sentence)) for b in range(a + 1, min(a + longest, len(sentence)) + 1)]
    scores = reader.span_scores(question, sentence, spans)[:, 0]
    a, b = spans[int(np.nanargmax(scores))]
    return sentence[a:b]


@pytest.mark.parametrize(
    "question, answer",
    [
        ("新图书馆是谁设计的？", "韩立平"),
        ("新图书馆的总投资是多少？", "2.4亿元"),
        pytest.param("新图书馆有多少个座位？", "1200个", marks=pytest.mark.xfail(strict=True, reason=(
            "the shipped reader alone points at 明年五月 (共有几个座位 it reads rightly); one fitted on the shared "
            "sets with a relevance head beside the pointer read all four (BENCHMARKS.md)"))),
        ("新图书馆什么时候开放？", "明年五月"),
    ],
)
def test_the_shipped_reader_points_at_the_answer_in_a_new_sentence(question, answer):
    best = _best(default_model().reader, question, _LIBRARY)
    assert answer in best and len(best) <= len(answer) + 2, best


def test_the_readers_scores_are_columns_of_the_spans_it_can_read(qa):
    index = qa.index
    question = "嘉祥县高铁沿线一共封填了多少眼水井？"
    query = analyse(question, index.sparse, index.lexicon)
    found = candidates(query, search(index, query, qa.embedder.encode([question])[0], k=5), index)
    spans, read = span.table(query, found[0], index.sparse.tokenizer, default_model().reader)
    _, unread = span.table(query, found[0], index.sparse.tokenizer)
    columns = [span.SPAN_FEATURES.index("reader"), span.SPAN_FEATURES.index("reader_gap")]
    assert np.isfinite(read[:, columns]).any() and np.isnan(unread[:, columns]).all()
    others = [i for i in range(len(span.SPAN_FEATURES)) if i not in columns]
    np.testing.assert_array_equal(read[:, others], unread[:, others])


def test_the_shipped_reader_saved_again_is_the_same_bytes(tmp_path):
    # `make train` writes the same file for the same weights: nothing of the moment goes in it.
    default_model().reader.save(tmp_path / READER_FILE)
    assert (tmp_path / READER_FILE).read_bytes() == (MODELS / READER_FILE).read_bytes()
    assert (MODELS / READER_FILE).stat().st_size < 600 * 1024  # half precision


def test_a_question_longer_than_the_reader_reads_is_still_answered(qa):
    # The same question pasted seventeen times: 300 characters are read, the reader reads 64 of them.
    answer = qa.ask("嘉祥县高铁沿线一共封填了多少眼水井？" * 17)
    assert answer.found and "336" in answer.text and answer.note, answer.text


@pytest.mark.parametrize("damage", ["missing", "empty", "garbage", "not a table", "other weights"])
def test_a_missing_or_broken_reader_file_is_refused_with_a_clear_message(tmp_path, damage):
    folder = tmp_path / "models"
    shutil.copytree(MODELS, folder)
    if damage == "missing":
        (folder / READER_FILE).unlink()
    elif damage == "empty":
        (folder / READER_FILE).write_bytes(b"")
    elif damage == "garbage":
        (folder / READER_FILE).write_bytes(b"not a reader")
    elif damage == "not a table":
        torch.save(5, folder / READER_FILE)
    else:
        torch.save({"head.weight": torch.zeros(2, 512)}, folder / READER_FILE)
    with pytest.raises(ModelMismatch, match="reader.pt.*make train"):
        AnswerModel.load(folder)


def test_the_readers_scores_are_probabilities_over_the_sentence():
    # Log-probabilities, so that the two readers `make train` fits give scores on one scale.
    first, last = default_model().reader.points("新图书馆是谁设计的？", _LIBRARY)
    assert np.isclose(np.nansum(np.exp(first)), 1, atol=1e-3) and np.isclose(np.nansum(np.exp(last)), 1, atol=1e-3)


def test_training_items_are_the_sentences_holding_the_answers_as_questions_read_them():
    text = "本报讯 市里昨天公布了新馆的消息。新圖書館由建築師韓立平設計，明年五月開放。館內共有1200個座位。"
    article = {"title": "新馆", "text": text, "qas": [
        {"question": "新圖書館由誰設計？", "answers": [{"text": "韓立平", "answer_start": text.index("韓立平")}]},
        # An offset that is off (the text was stripped) is found again.
        {"question": "新館何時開放？", "answers": [{"text": "明年五月", "answer_start": 3}]},
        # An answer across two sentences is no sentence's.
        {"question": "有什么？", "answers": [{"text": "開放。館內", "answer_start": text.index("開放。館內")}]},
    ]}
    items = train_reader.items(article)
    assert [i.question for i in items] == ["新图书馆由谁设计？", "新馆何时开放？"]
    assert items[0].sentence == "新图书馆由建筑师韩立平设计，明年五月开放。"
    assert [i.sentence[i.start : i.end] for i in items] == ["韩立平", "明年五月"]


def test_training_items_take_the_occurrence_nearest_the_offset_and_read_questions_as_asked():
    # Newswire's offsets are often one short: of an answer said twice, the one nearest is meant.
    # A Simplified article stays as written (the surname 於 is not 于 here), lines are sentences'
    # bounds, and a question's markup and full-width digits are read as a question in use is.
    text = "工匠於振华修了石桥，长30米\r\n石桥东边有座庙。三十年后，庙旁又修了30米长的堤。"
    second = text.index("30米", text.index("庙"))
    article = {"title": "石桥", "text": text, "qas": [
        {"question": "<b>庙旁</b>的堤修了多长？", "answers": [{"text": "30米", "answer_start": second - 1}]},
        {"question": "石桥长３０米吗，是谁修的？", "answers": [{"text": "於振华", "answer_start": 2}]},
    ]}
    items = train_reader.items(article)
    assert [i.sentence for i in items] == ["三十年后，庙旁又修了30米长的堤。", "工匠於振华修了石桥，长30米\r"]
    assert [i.question for i in items] == ["庙旁 的堤修了多长？", "石桥长30米吗，是谁修的？"]
    assert [i.sentence[i.start : i.end] for i in items] == ["30米", "於振华"]


def test_fitting_the_reader_twice_gives_the_same_weights(monkeypatch):
    monkeypatch.setattr(train_reader, "EPOCHS", 1)
    monkeypatch.setattr(train_reader, "WARMUP", 1)
    data = [
        train_reader.Item("新图书馆是谁设计的？", _LIBRARY, _LIBRARY.index("韩立平"), _LIBRARY.index("韩立平") + 3),
        train_reader.Item("新图书馆有多少个座位？", _LIBRARY, _LIBRARY.index("1200个"), _LIBRARY.index("1200个") + 5),
    ] * 4
    first, second = train_reader.fit(data, seed=3), train_reader.fit(data, seed=3)
    fresh = type(first)(seed=3)
    for name, weight in first.trained().items():
        assert torch.equal(weight, second.trained()[name]), name
    assert any(not torch.equal(w, fresh.trained()[n]) for n, w in first.trained().items())
