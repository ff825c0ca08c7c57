"""Does the embedding backend change what is found? The shared sets, asked over each backend.

For each shared set (newswire, CMRC 2018, DRCD in Traditional script), `../shared/tools/make_corpus.py`
writes a plain-layout corpus (--articles articles, --questions questions, fixed seed); each
backend builds its own index of it and answers every question (`newsqa eval`'s scoring: hit@1,
hit@3 of a passage of the question's file holding a gold answer, the answer holding a gold
answer, answerable questions refused); then the seed page with the shared dev set.

    python benchmarks/backends.py [--backends onnx onnx-int8] [--articles 120] [--questions 300]
"""

from __future__ import annotations

import argparse
import platform
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from benchmarks.corpora import SETS, SHARED, write_corpus  # noqa: E402


def main() -> None:
    from index.build import build_index
    from index.embed import Embedder
    from index.settings import Settings
    from retrieval.evaluate import read_questions, evaluate
    from retrieval.qa import QA

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backends", nargs="+", default=["onnx", "onnx-int8"])
    parser.add_argument("--articles", type=int, default=120)
    parser.add_argument("--questions", type=int, default=300)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    print(f"# {time.strftime('%Y-%m-%d %H:%M')} · {platform.node()} · {platform.machine()} · Python {platform.python_version()}"
          f" · {args.articles} articles, {args.questions} questions a set, seed {args.seed}")
    print("| set | backend | questions | hit@1 | hit@3 | answer holds gold | answerable refused |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    with tempfile.TemporaryDirectory() as tmp:
        corpora = []
        for name in SETS:
            out = Path(tmp) / name
            corpora.append((name, write_corpus(name, out, "plain", args.articles, args.questions, args.seed), out / "questions.jsonl"))
        corpora.append(("seed page (dev)", ROOT / "seeds", SHARED / "eval" / "dev.jsonl"))
        embedders = {b: Embedder.from_settings(Settings.load(env_file=None, embedding_backend=b, model_cache_dir=ROOT / "data" / "models"))
                     for b in args.backends}
        for name, seeds, questions in corpora:
            items = read_questions(questions)
            for backend, embedder in embedders.items():
                settings = Settings.load(env_file=None, seeds_dir=seeds, index_dir=Path(tmp) / f"{name}-{backend}",
                                         embedding_backend=backend, model_cache_dir=ROOT / "data" / "models")
                build_index(settings, embedder)
                total = {k: 0 for k in ("answerable", "hit1", "hit3", "correct", "refused_answerable")}
                for score in evaluate(QA(settings, embedder), items).values():
                    for k in total:
                        total[k] += getattr(score, k)
                n = max(total["answerable"], 1)
                print(f"| {name} | {backend} | {total['answerable']} | {total['hit1'] / n:.3f} | {total['hit3'] / n:.3f} "
                      f"| {total['correct'] / n:.3f} | {total['refused_answerable'] / n:.3f} |", flush=True)


if __name__ == "__main__":
    main()
