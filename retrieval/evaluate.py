"""Scoring the QA against a JSON Lines question set (the format of shared/eval/dev.jsonl)."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path

from retrieval.qa import QA


class BadEvalFile(Exception):
    """The question file is missing or not in the expected format."""


@dataclass
class LangScore:
    """Counts for one language; percentages are derived."""

    questions: int = 0
    answerable: int = 0
    hit1: int = 0
    hit3: int = 0
    correct: int = 0
    unanswerable: int = 0
    refused_unanswerable: int = 0
    refused_answerable: int = 0
    latencies: list[float] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)

    def row(self, lang: str) -> str:
        """One line of the eval table."""
        def pct(a: int, b: int) -> str:
            return f"{100 * a / b:5.1f}%" if b else "    -"

        lat = sorted(self.latencies)
        p50 = lat[len(lat) // 2] * 1000 if lat else 0
        p95 = lat[min(len(lat) - 1, int(0.95 * len(lat)))] * 1000 if lat else 0
        return (
            f"{lang:4s} {self.questions:4d}  hit@1 {pct(self.hit1, self.answerable)}  hit@3 {pct(self.hit3, self.answerable)}  "
            f"answer {pct(self.correct, self.answerable)}  unanswerable refused {self.refused_unanswerable}/{self.unanswerable}  "
            f"answerable refused {self.refused_answerable}/{self.answerable}  p50 {p50:.0f} ms  p95 {p95:.0f} ms"
        )


def read_questions(path: Path) -> list[dict]:
    """Read and check the question file.

    Raises:
        BadEvalFile: unreadable, or a line without `question`.
    """
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise BadEvalFile(f"cannot read {path}: {exc}") from None
    items = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except ValueError:
            raise BadEvalFile(f"{path}:{number}: not a JSON object") from None
        if not isinstance(item, dict) or not isinstance(item.get("question"), str):
            raise BadEvalFile(f"{path}:{number}: needs a \"question\" string")
        items.append(item)
    return items


def evaluate(qa: QA, items: list[dict]) -> dict[str, LangScore]:
    """Ask every question (each standalone) and score retrieval, answers and refusals by language."""
    scores: dict[str, LangScore] = {}
    for item in items:
        score = scores.setdefault(item.get("lang") or "zh", LangScore())
        started = time.perf_counter()
        answer = qa.ask(item["question"])
        score.latencies.append(time.perf_counter() - started)
        score.questions += 1
        accepted = item.get("answers")
        if accepted is None:
            score.unanswerable += 1
            score.refused_unanswerable += not answer.found
            if answer.found:
                score.misses.append(f"{item['question']} → answered {answer.text!r}")
            continue
        score.answerable += 1
        texts = [h.chunk.text for h in answer.sources]
        evidence = item.get("evidence") or ""
        score.hit1 += bool(texts) and evidence in texts[0]
        score.hit3 += any(evidence in t for t in texts[:3])
        ok = answer.found and any(a in answer.text for a in accepted)
        score.correct += ok
        score.refused_answerable += not answer.found
        if not ok:
            score.misses.append(f"{item['question']} → {answer.text!r} (want {accepted})")
    return scores
