"""Scoring the QA against a JSON Lines question set (the format of shared/eval/dev.jsonl).

Answers are scored the CMRC 2018 way: exact match and character F1 (the longest common run of
characters, English words counted whole), punctuation and spaces removed, best over the gold
answers. A passage "holds" the gold span when it contains a gold answer (and, when the question
names its file, comes from that file).
"""

from __future__ import annotations

import json
import re
import time
import unicodedata
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
    exact: int = 0
    f1: float = 0.0
    unanswerable: int = 0
    refused_unanswerable: int = 0
    refused_answerable: int = 0
    latencies: list[float] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)

    def latency_ms(self, share: float) -> float:
        """The latency below which `share` of the questions were answered, in milliseconds."""
        lat = sorted(self.latencies)
        return lat[min(len(lat) - 1, int(share * len(lat)))] * 1000 if lat else 0.0

    def row(self, lang: str) -> str:
        """One line of the eval table."""
        def pct(a: float, b: int) -> str:
            return f"{100 * a / b:5.1f}%" if b else "    -"

        return (
            f"{lang:4s} {self.questions:4d}  hit@1 {pct(self.hit1, self.answerable)}  hit@3 {pct(self.hit3, self.answerable)}  "
            f"answer {pct(self.correct, self.answerable)}  EM {pct(self.exact, self.answerable)}  F1 {pct(self.f1, self.answerable)}  "
            f"unanswerable refused {self.refused_unanswerable}/{self.unanswerable}  "
            f"answerable refused {self.refused_answerable}/{self.answerable}  p50 {self.latency_ms(0.5):.0f} ms  p95 {self.latency_ms(0.95):.0f} ms"
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
        holding = [holds_gold(h.chunk, item) for h in answer.sources]
        score.hit1 += bool(holding) and holding[0]
        score.hit3 += any(holding[:3])
        predicted = answer.text if answer.found else ""
        ok = answer.found and any(a in predicted for a in accepted)
        score.correct += ok
        score.exact += exact_match(predicted, accepted)
        score.f1 += f1_score(predicted, accepted)
        score.refused_answerable += not answer.found
        if not ok:
            score.misses.append(f"{item['question']} → {answer.text!r} (want {accepted})")
    return scores


def refused_share(qa: QA, items: list[dict]) -> tuple[int, int]:
    """How many questions about articles not in the corpus are refused, of how many."""
    refused = sum(not qa.ask(item["question"]).found for item in items)
    return refused, len(items)


def holds_gold(chunk, item: dict) -> bool:
    """The passage holds a gold answer (or the evidence), from the question's file if it names one."""
    if item.get("file") and chunk.source != item["file"]:
        return False
    evidence = None if item.get("file") else item.get("evidence")
    texts = [evidence] if evidence else [t for t in item.get("answers") or [] if t]
    return any(t in chunk.text for t in texts)


_PUNCTUATION = re.compile(r"[\s\-:_*^/\\~`+=，。：？！“”；‘’《》…·、「」（）－～『』,.;?!\"'()\[\]【】<>〈〉]")


def _segments(text: str) -> list[str]:
    """CMRC 2018's mixed segmentation: every CJK character alone, runs of other letters or
    digits as words; punctuation and spaces dropped; lower-cased."""
    out = []
    for m in re.finditer(r"[\u4e00-\u9fff\u3400-\u4dbf]|[^\u4e00-\u9fff\u3400-\u4dbf\s]+", unicodedata.normalize("NFKC", text).lower()):
        word = _PUNCTUATION.sub("", m.group())
        if word:
            out.append(word)
    return out


def exact_match(prediction: str, golds: list[str]) -> bool:
    """The prediction equals a gold answer once punctuation and spaces are removed."""
    p = "".join(_segments(prediction))
    return bool(p) and any(p == "".join(_segments(g)) for g in golds)


def f1_score(prediction: str, golds: list[str]) -> float:
    """CMRC 2018 F1: the longest common run of segments against each gold answer, best of them."""
    pred = _segments(prediction)
    best = 0.0
    for gold in golds:
        ref = _segments(gold)
        common = _longest_common_run(pred, ref)
        if common:
            precision, recall = common / len(pred), common / len(ref)
            best = max(best, 2 * precision * recall / (precision + recall))
    return best


def _longest_common_run(a: list[str], b: list[str]) -> int:
    best = 0
    previous = [0] * (len(b) + 1)
    for x in a:
        current = [0] * (len(b) + 1)
        for j, y in enumerate(b, 1):
            if x == y:
                current[j] = previous[j - 1] + 1
                best = max(best, current[j])
        previous = current
    return best
