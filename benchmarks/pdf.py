"""PDF benchmark: pages per second and peak memory of reading an e-paper PDF into articles.

A 40-page paper is drawn with ReportLab from the shared sets' articles, taken in turn from
newswire, CMRC 2018 and DRCD (Traditional script), so the text has real variety: each page
opens with a lead story whose headline runs across the columns (with a subtitle), the others
follow down the columns with their own headlines, some with a photo and caption. What is timed
is what `newsqa reindex` does with a PDF before embedding: characters with their positions and
sizes, header and footer, reading order, headlines, paragraphs, articles (`index.pdf.read_pdf`).
Headlines are checked against what was drawn, page by page.

In the same run, the character layer alone is read with pdfplumber (when it is installed) as
the baseline the library choice was measured against.

    python benchmarks/pdf.py [--pages 40] [--columns 4] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import platform
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from benchmarks.corpora import SETS, shuffled_articles  # noqa: E402

MAX_STORY = 900  # characters of an article's text drawn; a page holds several stories


def stories(seed: int = 7):
    """The shared sets' articles as stories, taking one from each set in turn."""
    from tests.paper import Story

    sets = [shuffled_articles(name, seed) for name in SETS]
    for group in zip(*sets):
        for article in group:
            paragraphs = [p for p in re.split(r"\s*\n\s*|\s{2,}|\xa0+", article["text"]) if p.strip()]
            body, size = [], 0
            for p in paragraphs:
                if size + len(p) > MAX_STORY:
                    break
                body.append(p)
                size += len(p)
            if not body:
                body = [paragraphs[0][:MAX_STORY]]
            title = re.sub(r"\s+", " ", article["title"]).strip()
            if 2 <= len(title) <= 40 and body:
                yield Story(title, body)


def draw(path: Path, pages: int, columns: int) -> tuple[list, list]:
    """Fill `pages` pages with stories and write the PDF; return each page's stories and what
    was drawn on it."""
    from tests.paper import fits, draw_paper

    source = stories()
    laid: list[list] = []
    current: list = []
    while len(laid) < pages:
        story = next(source)
        if not current:
            story.lead = True
            story.subtitle = re.split(r"[，。；]", story.body[0])[0][:24]
        elif len(current) % 2 == 0:
            story.caption = re.split(r"(?<=[。！？])", story.body[-1])[0][:60]
        if fits(current + [story], columns):
            current.append(story)
        elif current:
            laid.append(current)
            current = []
    return laid, draw_paper(path, laid, columns=columns)


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def child(path: Path, reader: str) -> None:
    """Read the PDF once in this process and print the figures as JSON."""
    started = time.perf_counter()
    if reader == "newsqa":
        from index.pdf import read_pdf

        parsed = read_pdf(path.read_bytes(), path.name)
        result = {"articles": [[a.page, a.title, a.text] for a in parsed.articles], "warnings": parsed.warnings}
    else:
        import pdfplumber

        with pdfplumber.open(path) as pdf:
            chars = sum(len(page.chars) for page in pdf.pages)
        result = {"chars": chars}
    result["seconds"] = time.perf_counter() - started
    result["peak_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(result, ensure_ascii=False))


def run(path: Path, reader: str) -> dict:
    done = subprocess.run([sys.executable, __file__, "--child", str(path), "--reader", reader], capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"{reader} failed: {done.stderr[-2000:]}")
    return json.loads(done.stdout)


def headlines(drawn: list, articles: list) -> tuple[int, int, list]:
    """Pages whose headlines were all read right, headlines read right, and the misses."""
    by_page: dict[int, list[str]] = {}
    for page, title, _ in articles:
        by_page.setdefault(page, []).append(squash(title))
    right_pages = right = 0
    misses = []
    for page in drawn:
        want = [squash(t) for t in page.titles]
        got = by_page.get(page.number, [])
        ok = sum(1 for w in want if w in got)
        right += ok
        if ok == len(want) and len(got) == len(want):
            right_pages += 1
        else:
            misses.append({"page": page.number, "missed": [w for w in want if w not in got], "extra": [g for g in got if g not in want]})
    return right_pages, right, misses


def whole(laid: list, articles: list) -> int:
    """Stories whose paragraphs all stand, unbroken and in order, in the article of their title."""
    from index import furniture as fx

    texts = {(page, squash(title)): squash(text) for page, title, text in articles}
    count = 0
    for number, stories in enumerate(laid, 1):
        for story in stories:
            text = texts.get((number, squash(story.title)), "")
            at = 0
            for paragraph in story.body:
                if fx.furniture(paragraph) or fx.LEADING.match(paragraph):
                    continue  # 原标题, 编辑 and the like are stored on the article, not in its text
                at = text.find(squash(fx.TRAILING.sub("", paragraph)), at)
                if at < 0:
                    break
            count += at >= 0
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=40)
    parser.add_argument("--columns", type=int, default=4)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--reader", default="newsqa", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.reader)
        return
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "paper-2021-03-15.pdf"
        laid, drawn = draw(path, args.pages, args.columns)
        runs = [run(path, "newsqa") for _ in range(args.repeat)]
        try:
            import pdfplumber  # noqa: F401

            baseline = [run(path, "pdfplumber") for _ in range(args.repeat)]
        except ImportError:
            baseline = []
    seconds = statistics.median(r["seconds"] for r in runs)
    right_pages, right, misses = headlines(drawn, runs[0]["articles"])
    total = sum(len(p.titles) for p in drawn)
    print(f"machine: {platform.machine()}, {platform.python_implementation()} {platform.python_version()}, "
          f"{len(__import__('os').sched_getaffinity(0))} cores; {time.strftime('%Y-%m-%d')}")
    print(f"paper: {len(drawn)} pages, {args.columns} columns, {total} stories")
    print(f"newsqa (pypdfium2): {len(drawn) / seconds:.1f} pages/s (median of {len(runs)}: {seconds:.2f} s), "
          f"peak {max(r['peak_mib'] for r in runs):.0f} MiB")
    if baseline:
        b = statistics.median(r["seconds"] for r in baseline)
        print(f"pdfplumber, characters only: {len(drawn) / b:.1f} pages/s ({b:.2f} s), peak {max(r['peak_mib'] for r in baseline):.0f} MiB")
    else:
        print("pdfplumber: not installed, no baseline")
    print(f"headlines right: {right}/{total}; pages with every headline right and no extra: {right_pages}/{len(drawn)}")
    print(f"stories whose every paragraph was read whole, in order, into their article: {whole(laid, runs[0]['articles'])}/{total}")
    for miss in misses[:10]:
        print("  miss:", json.dumps(miss, ensure_ascii=False))


if __name__ == "__main__":
    main()
