"""Answer scoring the CMRC 2018 way: characters, punctuation and spaces removed, best gold."""

from __future__ import annotations

import pytest

from retrieval.evaluate import exact_match, f1_score


def test_exact_match_ignores_punctuation_spaces_and_case():
    assert exact_match("“55个”", ["55个"])
    assert exact_match("Mara  Quillon。", ["mara quillon"])
    assert not exact_match("55个政务服务事项", ["55个"])
    assert not exact_match("", ["55个"])


@pytest.mark.parametrize(
    "prediction, golds, expected",
    [
        ("55个", ["55个"], 1.0),
        ("我市已实现55个", ["55个"], 2 * (2 / 7) * 1 / (2 / 7 + 1)),  # a longer answer holding the gold; 55 is one word
        ("首批40项", ["40项", "首批40项"], 1.0),  # best over the gold answers
        ("Mara Quillon", ["Quillon"], 2 * 0.5 * 1 / 1.5),  # English words count whole
        ("梁山县", ["嘉祥县"], 2 * (1 / 3) * (1 / 3) / (2 / 3)),  # only the longest common run counts
        ("", ["55个"], 0.0),
    ],
)
def test_f1(prediction, golds, expected):
    assert f1_score(prediction, golds) == pytest.approx(expected)
