"""Answers on real text no one here wrote: newsqa against two peers, same text, same questions.

For each shared set (newswire, CMRC 2018, DRCD in Traditional script): a plain-layout corpus
of 120 articles and 300 of their questions written by `../shared/tools/make_corpus.py` (seed 7;
anything fitted on the shared sets must leave these articles out), plus 100 questions about the next 50
articles of the shuffle, which are not in the corpus, plus our English renderings of some of
the 300 (`benchmarks/inputs/english.jsonl`). In the same run, on the same files:

- newsqa: `newsqa eval` — the passage holding a gold answer first / in the top 3, the answer
  holds a gold answer, exact match and F1 (CMRC 2018), answerable refused, outside refused;
- BM25: jieba words and bm25s over LangChain-style recursive 250/50 character chunks of the
  raw files;
- dense: m3e-small over the same chunks (the common RAG recipe), cosine top-k.

    python benchmarks/general.py [--sets news_train cmrc2018_trial drcd_dev]
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import re
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from benchmarks.corpora import SETS, shuffled_articles, write_corpus  # noqa: E402

SEED = 7
ARTICLES, QUESTIONS, OUTSIDE_ARTICLES, OUTSIDE_QUESTIONS = 120, 300, 50, 100
SEPARATORS = ["\n\n", "\n", "。", "！", "？", "；", "，", " ", ""]


def recursive_split(text: str, size: int = 250, overlap: int = 50, separators: list[str] = SEPARATORS) -> list[str]:
    """LangChain's RecursiveCharacterTextSplitter, re-implemented (separators kept at the end
    of each piece): split at the first separator the text has, recurse into pieces still too
    long with the next ones, and merge neighbours into chunks of at most `size` characters that
    overlap by up to `overlap`."""
    separator = next((s for s in separators if s == "" or s in text), "")
    rest = separators[separators.index(separator) + 1 :] if separator else []
    pieces = [p + separator for p in text.split(separator)] if separator else list(text)
    if separator:
        pieces[-1] = pieces[-1][: -len(separator)]
    chunks: list[str] = []
    good: list[str] = []
    for piece in pieces:
        if len(piece) < size:
            good.append(piece)
            continue
        if good:
            chunks.extend(_merge(good, size, overlap))
            good = []
        chunks.extend(recursive_split(piece, size, overlap, rest) if rest else [piece])
    if good:
        chunks.extend(_merge(good, size, overlap))
    return [c.strip() for c in chunks if c.strip()]


def _merge(pieces: list[str], size: int, overlap: int) -> list[str]:
    out, current, total = [], [], 0
    for piece in pieces:
        if total + len(piece) > size and current:
            out.append("".join(current))
            while total > overlap or (total + len(piece) > size and total > 0):
                total -= len(current[0])
                current.pop(0)
        current.append(piece)
        total += len(piece)
    if current:
        out.append("".join(current))
    return out


def write_set(name: str, out: Path) -> tuple[list[dict], list[dict], list[dict]]:
    """The corpus and its questions, the outside questions, the English ones."""
    write_corpus(name, out, "plain", ARTICLES, QUESTIONS, SEED)
    questions = [json.loads(line) for line in (out / "questions.jsonl").read_text(encoding="utf-8").splitlines()]
    arts = shuffled_articles(name, SEED)
    pool = [dict(question=q["question"].replace("\n", " "), lang="zh", answers=None)
            for a in arts[ARTICLES : ARTICLES + OUTSIDE_ARTICLES] for q in a["qas"]]
    outside = random.Random(SEED).sample(pool, min(OUTSIDE_QUESTIONS, len(pool)))
    by_id = {q["id"]: q for q in questions}
    renderings = english_renderings(name)
    missing = [item["id"] for item in renderings if item["id"] not in by_id]
    if missing:
        raise SystemExit(f"english.jsonl renders questions not in the {name} sample: {missing}")
    english = [dict(by_id[item["id"]], question=item["question"], lang="en") for item in renderings]
    return questions, outside, english


def english_renderings(name: str) -> list[dict]:
    """Our English renderings of questions of a set's benchmark sample (`benchmarks/inputs/english.jsonl`)."""
    items = [json.loads(line) for line in (ROOT / "benchmarks" / "inputs" / "english.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    return [item for item in items if item["set"] == name]


def peers(seeds: Path, questions: list[dict], embedder) -> dict[str, tuple[float, float]]:
    """hit@1 and hit@3 of the two peer recipes over 250/50 chunks of the raw files."""
    import bm25s
    import jieba

    chunks = [(path.name, c) for path in sorted(seeds.iterdir()) for c in recursive_split(path.read_text(encoding="utf-8"))]
    tokenize = lambda t: [w for w in jieba.lcut(t) if w.strip() and not re.fullmatch(r"[\W_]+", w)] or [""]  # noqa: E731
    bm25 = bm25s.BM25()
    bm25.index([tokenize(c) for _, c in chunks], show_progress=False)
    vectors = embedder.encode([c for _, c in chunks])
    rankings = {"BM25 (jieba, bm25s), 250/50 chunks": [], "dense m3e-small, 250/50 chunks": []}
    columns = len(bm25.scores["indptr"]) - 1
    qvectors = embedder.encode([q["question"] for q in questions])
    for q, qv in zip(questions, qvectors):
        # Words the chunks lack score nothing; bm25s refuses them (and its vocabulary holds a few
        # ids beyond its score matrix), so the question is passed as the ids it can score.
        ids = [bm25.vocab_dict[w] for w in tokenize(q["question"]) if bm25.vocab_dict.get(w, columns) < columns]
        scores = bm25.get_scores_from_ids(ids)
        rankings["BM25 (jieba, bm25s), 250/50 chunks"].append(np.argsort(-scores)[:3])
        rankings["dense m3e-small, 250/50 chunks"].append(np.argsort(-(vectors @ qv))[:3])
    out = {}
    for name, ranked in rankings.items():
        hits = [[chunks[i][0] == q["file"] and any(a in chunks[i][1] for a in q["answers"]) for i in top] for q, top in zip(questions, ranked)]
        out[name] = (sum(h[0] for h in hits) / len(hits), sum(any(h) for h in hits) / len(hits))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", nargs="+", default=list(SETS), choices=SETS)
    args = parser.parse_args()
    from index.build import build_index
    from index.embed import Embedder
    from index.settings import Settings
    from retrieval.evaluate import evaluate, refused_share
    from retrieval.qa import QA

    settings = Settings.load(env_file=None, model_cache_dir=ROOT / "data" / "models")
    embedder = Embedder.from_settings(settings)
    print(f"# {time.strftime('%Y-%m-%d %H:%M')} · {platform.node()} · {platform.machine()} · Python {platform.python_version()}"
          f" · model {embedder.name}")
    print("| set | system | right passage first | in top 3 | answer holds gold | EM | char F1 | answerable refused | outside refused | p50 / p95 ms |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    with tempfile.TemporaryDirectory() as tmp:
        for name in args.sets:
            out = Path(tmp) / name
            questions, outside, english = write_set(name, out)
            run = Settings.load(env_file=None, seeds_dir=out / "seeds", index_dir=out / "index", model_cache_dir=settings.model_cache_dir)
            build_index(run, embedder)
            qa = QA(run, embedder)
            scores = evaluate(qa, questions + english)
            refused, total = refused_share(qa, outside)
            for lang, s in scores.items():
                n = max(s.answerable, 1)
                # The outside questions are Chinese: their share refused belongs on the zh row.
                out_refused = f"{refused / total:.2f} ({total} q)" if lang == "zh" else "—"
                print(f"| {name} ({lang}, {s.answerable} q) | newsqa | {s.hit1 / n:.2f} | {s.hit3 / n:.2f} | {s.correct / n:.2f} | {s.exact / n:.2f} "
                      f"| {s.f1 / n:.2f} | {s.refused_answerable / n:.2f} | {out_refused} "
                      f"| {s.latency_ms(0.5):.0f} / {s.latency_ms(0.95):.0f} |", flush=True)
            for peer, (h1, h3) in peers(out / "seeds", questions, embedder).items():
                print(f"| {name} (zh) | {peer} | {h1:.2f} | {h3:.2f} | — | — | — | — | — | — |", flush=True)


if __name__ == "__main__":
    main()
