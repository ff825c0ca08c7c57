"""Query benchmark: latency per question and retrieval quality against two peer recipes.

All in one run, on the same model (m3e-small through ONNX) and the same questions (the shared
dev set and tests/data/questions.jsonl):

1. newsqa at the seed corpus: p50/p95 seconds per question after the model is loaded, hit@1,
   hit@3 and answer accuracy per language.
2. Peers: fixed 250-character chunks with 50 overlap on the raw page text + dense top-k (the
   common LangChain recipe), and BM25 alone on our passages; hit@1 and hit@3.
3. newsqa at --scale passages (default 100,000): the seed page's passages repeated, each copy
   with its own page marker, their real vectors jittered so that FAISS sees distinct points.
   It measures search cost (FAISS index type by size), not quality; repeated text hides every
   cost that grows with vocabulary, so
4. with --shared, newsqa over every article of the three shared sets in one index (6,000-odd
   passages of real newswire, Wikipedia and Traditional-script text, embedded for real), asked
   100 of each set's questions, beside BM25 alone over the same index in the same run.

    python benchmarks/query.py [--rounds 5] [--scale 100000] [--shared]
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.corpora import SETS, write_corpus  # noqa: E402
from index.build import build_index  # noqa: E402
from index.embed import Embedder  # noqa: E402
from index.settings import Settings  # noqa: E402
from retrieval.evaluate import evaluate  # noqa: E402
from retrieval.qa import QA  # noqa: E402


def questions() -> list[dict]:
    files = [ROOT.parent / "shared" / "eval" / "dev.jsonl", ROOT / "tests" / "data" / "questions.jsonl"]
    return [json.loads(l) for f in files if f.exists() for l in f.read_text(encoding="utf-8").splitlines() if l.strip()]


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]


def latency(qa: QA, items: list[dict], rounds: int, ask=None) -> tuple[float, float]:
    """Median and p95 milliseconds per question of `ask` (newsqa's own by default)."""
    ask = ask or qa.ask
    times = []
    for _ in range(rounds):
        for item in items:
            t = time.perf_counter()
            ask(item["question"])
            times.append(time.perf_counter() - t)
    return statistics.median(times) * 1000, pct(times, 0.95) * 1000


def shared_corpus(tmp: Path) -> tuple[Path, list[dict]]:
    """Every article of the three shared sets in one seeds folder, and 100 questions of each (seed 7)."""
    seeds = tmp / "shared" / "seeds"
    seeds.mkdir(parents=True)
    items = []
    for name in SETS:
        for f in sorted(write_corpus(name, tmp / name).iterdir()):
            shutil.copy(f, seeds / f"{name}-{f.name}")
        lines = (tmp / name / "questions.jsonl").read_text(encoding="utf-8").splitlines()
        items += random.Random(7).sample([json.loads(line) for line in lines if line.strip()], 100)
    return seeds, items


def bm25_ask(qa: QA):
    """The BM25 peer as a question → top-3 passages call: jieba words, bm25s, over the same index."""
    def ask(question: str) -> list[int]:
        return list(np.argsort(-qa.index.sparse.scores(qa.index.sparse.tokenizer.words(question)))[:3])
    return ask


def hits(rankings: list[list[str]], items: list[dict]) -> dict[str, tuple[int, int, int]]:
    out: dict[str, list[int]] = {}
    for texts, item in zip(rankings, items):
        if item.get("answers") is None:
            continue
        row = out.setdefault(item["lang"], [0, 0, 0])
        row[0] += 1
        row[1] += bool(texts) and item["evidence"] in texts[0]
        row[2] += any(item["evidence"] in t for t in texts[:3])
    return {k: tuple(v) for k, v in out.items()}


def langchain_recipe(embedder: Embedder, items: list[dict]) -> list[list[str]]:
    """Fixed 250-character windows, 50 overlap, on the raw text; dense top-3."""
    raw = "".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt")))
    chunks = [raw[i : i + 250] for i in range(0, max(len(raw) - 50, 1), 200)]
    vectors = embedder.encode(chunks)
    out = []
    for item in items:
        q = embedder.encode([item["question"]])[0]
        order = np.argsort(-(vectors @ q))[:3]
        # The raw windows keep the page's line breaks; evidence is matched without them.
        out.append([chunks[i].replace("\n", "") for i in order])
    return out


def bm25_alone(qa: QA, items: list[dict]) -> list[list[str]]:
    out = []
    for item in items:
        words = qa.index.sparse.tokenizer.words(item["question"])
        scores = qa.index.sparse.scores(words)
        out.append([qa.index.chunks[i].text for i in np.argsort(-scores)[:3]])
    return out


def dense_alone(qa: QA, items: list[dict]) -> list[list[str]]:
    out = []
    for item in items:
        _, ids = qa.index.faiss.search(qa.embedder.encode([item["question"]]), 3)
        out.append([qa.index.chunks[i].text for i in ids[0]])
    return out


def rrf(qa: QA, items: list[dict], k: int = 60) -> list[list[str]]:
    """Plain reciprocal-rank fusion of BM25 and dense rankings (the common hybrid recipe)."""
    out = []
    n = len(qa.index.chunks)
    for item in items:
        words = qa.index.sparse.tokenizer.words(item["question"])
        bm = np.argsort(-qa.index.sparse.scores(words))
        _, dense = qa.index.faiss.search(qa.embedder.encode([item["question"]]), n)
        fused = np.zeros(n)
        for ranking in (bm, dense[0]):
            for rank, i in enumerate(ranking):
                fused[i] += 1.0 / (k + rank + 1)
        out.append([qa.index.chunks[i].text for i in np.argsort(-fused)[:3]])
    return out


def ours(qa: QA, items: list[dict]) -> list[list[str]]:
    return [[h.chunk.text for h in qa.ask(item["question"]).sources] for item in items]


class Jittered:
    """Reuses the real vectors of the seed passages, jittered per copy, to build a large index fast."""

    def __init__(self, embedder: Embedder, base: dict[str, np.ndarray]):
        self.name, self.dim, self.base = embedder.name, embedder.dim, base
        self.rng = np.random.default_rng(0)

    def encode(self, texts: list[str], progress: bool = False) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, text in enumerate(texts):
            v = self.base.get(_strip_marker(text))
            v = v if v is not None else self.rng.standard_normal(self.dim)
            v = v + self.rng.normal(0, 0.02, self.dim)
            out[i] = v / np.linalg.norm(v)
        return out


def _strip_marker(text: str) -> str:
    import re

    return re.sub(r"第\d+版", "", text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--scale", type=int, default=100_000)
    parser.add_argument("--shared", action="store_true", help="also measure over every article of the shared sets")
    args = parser.parse_args()
    items = questions()
    print(f"# {time.strftime('%Y-%m-%d %H:%M')} · {platform.machine()} · 2 cores · {len(items)} questions × {args.rounds} rounds")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        shutil.copytree(ROOT / "seeds", tmp / "seeds")
        settings = Settings.load(env_file=None, seeds_dir=tmp / "seeds", index_dir=tmp / "index",
                                 model_cache_dir=ROOT / "data" / "models")
        embedder = Embedder.from_settings(settings)
        build_index(settings, embedder)
        qa = QA(settings, embedder)
        p50, p95 = latency(qa, items, args.rounds)
        print(f"newsqa, seed corpus ({len(qa.index.chunks)} passages): p50 {p50:.1f} ms  p95 {p95:.1f} ms")
        for lang, score in evaluate(qa, items).items():
            print("   ", score.row(lang))
        print("retrieval, same questions (answerable ones), evidence in top 1 / top 3:")
        for name, ranking in (
            ("newsqa hybrid", ours(qa, items)),
            ("BM25 alone (our passages, jieba)", bm25_alone(qa, items)),
            ("dense alone (our passages, m3e-small)", dense_alone(qa, items)),
            ("BM25 + dense, reciprocal-rank fusion", rrf(qa, items)),
            ("LangChain recipe (250/50 raw windows, dense)", langchain_recipe(embedder, items)),
        ):
            row = "  ".join(f"{lang} {h1}/{n} · {h3}/{n}" for lang, (n, h1, h3) in sorted(hits(ranking, items).items()))
            print(f"    {name:46s} {row}")

        base = {c.embed_text: qa.index.vectors[i] for i, c in enumerate(qa.index.chunks)}
        per_page = len(qa.index.chunks)
        page = next((ROOT / "seeds").glob("*.txt")).read_text(encoding="utf-8")
        copies = -(-args.scale // per_page)
        big = tmp / "big"
        (big / "seeds").mkdir(parents=True)
        for i in range(copies):
            (big / "seeds" / f"{i:05d}.txt").write_text(page.replace("本报", f"本报第{i}版"), encoding="utf-8")
        big_settings = Settings.load(env_file=None, seeds_dir=big / "seeds", index_dir=big / "index")
        t = time.perf_counter()
        build_index(big_settings, Jittered(embedder, {_strip_marker(k): v for k, v in base.items()}))
        built = time.perf_counter() - t
        big_qa = QA(big_settings, embedder)
        p50, p95 = latency(big_qa, items, max(1, args.rounds // 2))
        kind = type(big_qa.index.faiss).__name__
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"newsqa, {len(big_qa.index.chunks)} passages ({kind}, built in {built:.0f} s without embedding): "
              f"p50 {p50:.1f} ms  p95 {p95:.1f} ms  (process peak {peak:.0f} MB)")
        if args.shared:
            seeds, shared_items = shared_corpus(tmp)
            shared_settings = Settings.load(env_file=None, seeds_dir=seeds, index_dir=tmp / "shared" / "index")
            build_index(shared_settings, embedder)
            shared_qa = QA(shared_settings, embedder)
            n = len(shared_qa.index.chunks)
            for name, ask in (("newsqa", None), ("BM25 alone", bm25_ask(shared_qa))):
                p50, p95 = latency(shared_qa, shared_items, max(1, args.rounds // 2), ask)
                print(f"{name}, shared sets ({n} passages, {len(shared_items)} questions): p50 {p50:.1f} ms  p95 {p95:.1f} ms")


if __name__ == "__main__":
    main()
