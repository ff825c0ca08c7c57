"""Ingest benchmark: build an index from the seed page replicated to N chunks.

Reports chunks per second and peak memory (RSS) of the whole build (parse, embed, BM25, terms,
lexicon, FAISS, write), for each embedding backend asked for, all in one run so they share the
machine's state. Each backend runs in a child process so its peak memory is its own; the
one-time ONNX export is done before, as `make run` does it once per machine.

    python benchmarks/ingest.py --chunks 10000 --backends torch onnx-int8
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def child(args: argparse.Namespace) -> None:
    from index.build import build_index
    from index.chunk import chunk_article
    from index.embed import Embedder
    from index.parse import parse_page
    from index.settings import Settings

    seed = next((ROOT / "seeds").glob("*.txt"))
    text = seed.read_text(encoding="utf-8")
    per_page = sum(len(chunk_article(a)) for a in parse_page(text, seed.name))
    copies = -(-args.chunks // per_page)
    with tempfile.TemporaryDirectory() as tmp:
        seeds = Path(tmp) / "seeds"
        seeds.mkdir()
        for i in range(copies):
            # A page number per copy keeps every passage distinct, as real pages are.
            (seeds / f"{i:05d}.txt").write_text(text.replace("本报", f"本报第{i}版", 1), encoding="utf-8")
        settings = Settings.load(env_file=None, seeds_dir=seeds, index_dir=Path(tmp) / "index",
                                 embedding_backend=args.backend, model_cache_dir=ROOT / "data" / "models")
        t0 = time.perf_counter()
        embedder = Embedder.from_settings(settings)
        load = time.perf_counter() - t0
        report = build_index(settings, embedder, full=True)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"backend": args.backend, "chunks": report.chunks, "seconds": report.seconds,
                      "chunks_per_s": report.chunks / report.seconds, "model_load_s": load, "peak_mb": peak}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chunks", type=int, default=10_000)
    parser.add_argument("--backends", nargs="+", default=["torch", "onnx", "onnx-int8"])
    parser.add_argument("--backend", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.backend:
        return child(args)
    print(f"# {time.strftime('%Y-%m-%d %H:%M')} · {platform.node()} · {platform.processor() or platform.machine()}"
          f" · {subprocess.run(['nproc'], capture_output=True, text=True).stdout.strip()} cores · Python {platform.python_version()}")
    from index.embed import Embedder
    from index.settings import Settings

    for backend in args.backends:
        # The one-time ONNX export happens here, so the measured builds load a ready model.
        Embedder.from_settings(Settings.load(env_file=None, embedding_backend=backend, model_cache_dir=ROOT / "data" / "models"))
    for backend in args.backends:
        out = subprocess.run([sys.executable, __file__, "--chunks", str(args.chunks), "--backend", backend],
                             capture_output=True, text=True)
        if out.returncode:
            print(f"{backend}: failed\n{out.stderr[-2000:]}")
            continue
        r = json.loads(out.stdout.strip().splitlines()[-1])
        print(f"{backend:10s} {r['chunks']:6d} chunks  {r['seconds']:7.1f} s  {r['chunks_per_s']:6.1f} chunks/s  "
              f"peak {r['peak_mb']:6.0f} MB  (model load {r['model_load_s']:.1f} s)")


if __name__ == "__main__":
    main()
