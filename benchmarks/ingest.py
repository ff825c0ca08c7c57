"""Ingest benchmark: passages per second and peak memory of a whole build, on two corpora.

- `seed`: the seed page replicated to --chunks passages (a page marker per copy, so passages
  differ). It measures the model's throughput but hides every cost that grows with vocabulary.
- `shared`: every article of the three shared sets together (newswire, CMRC 2018 and DRCD in
  Traditional script; one file per article, as `../shared/tools/make_corpus.py --layout plain`
  writes them): real variety of words, names and scripts. After the full build, one more file
  is added and the incremental reindex is timed.

A build is everything `newsqa reindex` does: read, parse, chunk, embed, corpus terms, BM25,
English lexicon, FAISS, atomic write. Each (corpus, backend) runs in a child process so its
peak memory (RSS) is its own; the one-time ONNX export is done before, as `make run` does it
once per machine.

    python benchmarks/ingest.py [--corpora seed shared] [--backends onnx onnx-int8 torch] [--chunks 3000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from benchmarks.corpora import SETS, write_corpus  # noqa: E402


def seed_corpus(seeds: Path, chunks: int) -> None:
    from index.chunk import chunk_article
    from index.parse import parse

    seed = next((ROOT / "seeds").glob("*.txt"))
    text = seed.read_text(encoding="utf-8")
    per_page = sum(len(chunk_article(a)) for a in parse(text, seed.name).articles)
    for i in range(-(-chunks // per_page)):
        (seeds / f"{i:05d}.txt").write_text(text.replace("本报", f"本报第{i}版", 1), encoding="utf-8")


def shared_corpus(seeds: Path, tmp: Path) -> None:
    for name in SETS:
        for path in write_corpus(name, tmp / name).iterdir():
            shutil.move(str(path), seeds / f"{name[:4]}-{path.name}")


def child(args: argparse.Namespace) -> None:
    from index.build import build_index
    from index.embed import Embedder
    from index.settings import Settings
    from index.text import read_text

    with tempfile.TemporaryDirectory() as tmp:
        seeds = Path(tmp) / "seeds"
        seeds.mkdir()
        if args.corpus == "seed":
            seed_corpus(seeds, args.chunks)
        else:
            shared_corpus(seeds, Path(tmp))
        held_out = max(seeds.iterdir())  # added back after the full build, for the incremental one
        spare = Path(tmp) / held_out.name
        shutil.move(str(held_out), spare)
        chars = sum(len(read_text(p)) for p in seeds.iterdir())
        settings = Settings.load(env_file=None, seeds_dir=seeds, index_dir=Path(tmp) / "index",
                                 embedding_backend=args.backend, model_cache_dir=ROOT / "data" / "models")
        t0 = time.perf_counter()
        embedder = Embedder.from_settings(settings)
        load = time.perf_counter() - t0
        report = build_index(settings, embedder, full=True)
        shutil.move(str(spare), seeds / held_out.name)
        again = build_index(settings, embedder)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"corpus": args.corpus, "backend": args.backend, "files": report.files, "chunks": report.chunks, "chars": chars,
                      "seconds": report.seconds, "chunks_per_s": report.chunks / report.seconds, "model_load_s": load, "peak_mb": peak,
                      "add_one_s": again.seconds}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chunks", type=int, default=3_000, help="passages of the replicated seed corpus")
    parser.add_argument("--corpora", nargs="+", default=["seed", "shared"], choices=["seed", "shared"])
    parser.add_argument("--backends", nargs="+", default=["onnx", "onnx-int8"])
    parser.add_argument("--repeat", type=int, default=3, help="runs of each (corpus, backend), taken in turn; medians are reported")
    parser.add_argument("--corpus", help=argparse.SUPPRESS)
    parser.add_argument("--backend", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.backend:
        return child(args)
    print(f"# {time.strftime('%Y-%m-%d %H:%M')} · {platform.node()} · {platform.machine()}"
          f" · {subprocess.run(['nproc'], capture_output=True, text=True).stdout.strip()} cores · Python {platform.python_version()}"
          f" · medians of {args.repeat} runs taken in turn")
    from index.embed import Embedder
    from index.settings import Settings

    for backend in args.backends:
        # The one-time ONNX export happens here, so the measured builds load a ready model.
        Embedder.from_settings(Settings.load(env_file=None, embedding_backend=backend, model_cache_dir=ROOT / "data" / "models"))
    runs: dict[tuple[str, str], list[dict]] = {}
    for _ in range(args.repeat):
        for corpus in args.corpora:
            for backend in args.backends:
                out = subprocess.run([sys.executable, __file__, "--chunks", str(args.chunks), "--corpus", corpus, "--backend", backend],
                                     capture_output=True, text=True)
                if out.returncode:
                    print(f"{corpus} {backend} failed: {out.stderr.strip()[-500:]}", file=sys.stderr)
                    continue
                runs.setdefault((corpus, backend), []).append(json.loads(out.stdout.strip().splitlines()[-1]))
    print("| corpus | backend | files | passages | characters | seconds | passages/s | peak RSS | add one file |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for (corpus, backend), rs in runs.items():
        r = rs[0]
        seconds = statistics.median(x["seconds"] for x in rs)
        each = ", ".join(f"{x['chunks_per_s']:.0f}" for x in rs)
        print(f"| {corpus} | {backend} | {r['files']:,} | {r['chunks']:,} | {r['chars']:,} | {seconds:.1f} "
              f"| {statistics.median(x['chunks_per_s'] for x in rs):.1f} ({each}) "
              f"| {statistics.median(x['peak_mb'] for x in rs):,.0f} MiB | {statistics.median(x['add_one_s'] for x in rs):.1f} s |")


if __name__ == "__main__":
    main()
