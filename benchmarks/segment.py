"""Segmentation benchmark: articles and headlines found on real text written in two layouts.

For each shared set (newswire, CMRC 2018, DRCD in Traditional script) and each layout of
`../shared/tools/make_corpus.py` (`plain`: one article per file, headline first; `page`: print
pages of several articles, hard-wrapped, headlines after bodies), write a corpus of N articles,
build its index (the real build, real model, unless --parse-only), and compare the index's
articles with the articles written:

- articles found vs written (per file, summed);
- headlines found exactly: a written headline is found when an article of its file has it as
  title, or as title and subtitle together (spaces ignored: a headline broken over two lines
  loses the space at the break). `原标题：` before a written headline is furniture, so the
  headline is what follows it. A few newswire records have no headline (their title field is
  the article's whole text); they are counted apart, not as misses.

    python benchmarks/segment.py [--articles 120] [--seed 7] [--parse-only]
"""

from __future__ import annotations

import argparse
import json
import platform
import re
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from benchmarks.corpora import SETS, write_corpus  # noqa: E402

LAYOUTS = ("plain", "page")


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def gold_headline(title: str) -> str | None:
    """The headline a written article has, or None when its title field is its text."""
    title = re.sub(r"^原标题[：:]\s*", "", title.strip())
    return None if len(title) > 60 else squash(title)


def parsed_articles(seeds: Path, index_dir: Path | None) -> tuple[dict[str, list[tuple[str, str]]], dict[str, str]]:
    """(file → [(title, subtitle)]) and (file → layout) from the built index, or from parsing."""
    found: dict[str, list[tuple[str, str]]] = defaultdict(list)
    if index_dir is not None:
        folder = index_dir.resolve()
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        for a in json.loads((folder / "articles.json").read_text(encoding="utf-8")):
            found[a["source"]].append((a["title"], a["subtitle"]))
        return found, manifest.get("layouts", {})
    from index.parse import parse
    from index.text import read_text

    layouts = {}
    for path in sorted(seeds.iterdir()):
        parsed = parse(read_text(path), path.name)
        layouts[path.name] = parsed.layout
        found[path.name] = [(a.title, a.subtitle) for a in parsed.articles]
    return found, layouts


def score(out: Path, found: dict[str, list[tuple[str, str]]]) -> dict:
    written = [json.loads(line) for line in (out / "articles.jsonl").read_text(encoding="utf-8").splitlines()]
    per_file: dict[str, int] = defaultdict(int)
    headlines = exact = no_headline = 0
    misses = []
    for item in written:
        per_file[item["file"]] += 1
        gold = gold_headline(item["title"])
        if gold is None:
            no_headline += 1
            continue
        headlines += 1
        titles = found.get(item["file"], [])
        if any(squash(t) == gold or squash(t + s) == gold for t, s in titles):
            exact += 1
        else:
            misses.append(item["title"])
    got = sum(len(found.get(f, [])) for f in per_file)
    return {"written": len(written), "found": got, "headlines": headlines, "exact": exact,
            "no_headline": no_headline, "misses": misses}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=120)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--parse-only", action="store_true", help="parse the files instead of building indexes")
    parser.add_argument("--misses", action="store_true", help="list the headlines not found")
    args = parser.parse_args()
    print(f"# {time.strftime('%Y-%m-%d %H:%M')} · {platform.node()} · {platform.machine()} · Python {platform.python_version()}"
          f" · {args.articles} articles a set, seed {args.seed}{' · parse only' if args.parse_only else ''}")
    embedder = None
    if not args.parse_only:
        from index.embed import Embedder
        from index.settings import Settings

        embedder = Embedder.from_settings(Settings.load(env_file=None, model_cache_dir=ROOT / "data" / "models"))
    print("| set | layout | articles written | found | headlines found exactly | layouts detected |")
    print("| --- | --- | --- | --- | --- | --- |")
    with tempfile.TemporaryDirectory() as tmp:
        for name in SETS:
            for layout in LAYOUTS:
                out = Path(tmp) / f"{name}-{layout}"
                write_corpus(name, out, layout, args.articles, seed=args.seed)
                index_dir = None
                if embedder is not None:
                    from index.build import build_index
                    from index.settings import Settings

                    index_dir = out / "index"
                    build_index(Settings.load(env_file=None, seeds_dir=out / "seeds", index_dir=index_dir), embedder)
                found, layouts = parsed_articles(out / "seeds", index_dir)
                r = score(out, found)
                kinds = ", ".join(f"{k} {v}" for k, v in sorted(_count(layouts.values()).items()))
                note = f" ({r['no_headline']} without one)" if r["no_headline"] else ""
                print(f"| {name} | {layout} | {r['written']} | {r['found']} ({100 * r['found'] / r['written']:.1f}%) "
                      f"| {r['exact']}/{r['headlines']} ({100 * r['exact'] / max(r['headlines'], 1):.1f}%){note} | {kinds} |")
                if args.misses:
                    for miss in r["misses"]:
                        print(f"    miss: {miss}")


def _count(values) -> dict[str, int]:
    out: dict[str, int] = defaultdict(int)
    for v in values:
        out[v] += 1
    return out


if __name__ == "__main__":
    main()
