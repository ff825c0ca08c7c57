"""The shared question sets written out as corpora by `../shared/tools/make_corpus.py`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SETS = ("news_train", "cmrc2018_trial", "drcd_dev")


class CorpusFailed(Exception):
    """make_corpus.py did not write the corpus; the message holds its error output."""


def write_corpus(name: str, out: Path, layout: str = "plain", articles: int | None = None, questions: int | None = None,
                 seed: int | None = None) -> Path:
    """Write a shared set as a seeds folder (and `questions.jsonl`, `articles.jsonl`) under `out`.

    Args:
        name: the set (`news_train`, `cmrc2018_trial`, `drcd_dev`).
        out: the folder to write.
        layout: `plain` (one article per file) or `page` (print pages).
        articles, questions, seed: make_corpus's options; None keeps its defaults (every article).

    Returns:
        The seeds folder.
    """
    command = [sys.executable, str(SHARED / "tools" / "make_corpus.py"), str(SHARED / "eval" / "general" / f"{name}.json.gz"),
               str(out), "--layout", layout]
    for option, value in (("--articles", articles), ("--questions", questions), ("--seed", seed)):
        if value is not None:
            command += [option, str(value)]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode:
        raise CorpusFailed(f"make_corpus.py {name} failed: {done.stderr.strip()[-1000:]}")
    return out / "seeds"


def shuffled_articles(name: str, seed: int) -> list[dict]:
    """A set's articles in make_corpus's shuffle (its first N are the corpus `--articles N` writes)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_corpus", SHARED / "tools" / "make_corpus.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    articles, _ = module.load(str(SHARED / "eval" / "general" / f"{name}.json.gz"), None, None, seed)
    return articles
