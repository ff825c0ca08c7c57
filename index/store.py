"""The index directory: written whole into a fresh folder, then swapped in atomically.

`INDEX_DIR` is a symbolic link to one version folder beside it (`<INDEX_DIR>.d/<version>`).
A build writes a new version folder, then replaces the link with `os.replace` — one atomic
rename — so a reader sees either the old index or the new one, never a half-written one, and a
build killed half way leaves the link, and so the old index, untouched.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import tempfile
import time
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Callable, Iterator

import faiss
import numpy as np

from index.chunk import Chunk, Sentence
from index.lexicon import load_lexicon, save_lexicon
from index.parse import Article, Paragraph
from index.sparse import Sparse

FORMAT = 2  # 2: BM25 over character pairs beside the words
MANIFEST = "manifest.json"
# Exact search is fast enough below this many vectors; above it, HNSW keeps queries in budget.
HNSW_FROM = 50_000


class IndexMissing(Exception):
    """No index has been built at the configured place."""


class IndexMismatch(Exception):
    """The index on disk was built differently from what the settings now ask for."""


@dataclass
class Index:
    """A loaded index: what was built, from which files, with which model."""

    path: Path
    manifest: dict
    articles: list[Article]
    chunks: list[Chunk]
    vectors: np.ndarray
    faiss: faiss.Index
    sparse: Sparse
    lexicon: dict

    def __post_init__(self) -> None:
        self._articles = {a.id: a for a in self.articles}

    def article(self, article_id: str) -> Article:
        """The article a passage belongs to."""
        return self._articles[article_id]

    @property
    def version(self) -> str:
        """The version folder's name; it changes with every build."""
        return self.path.name


def versions_dir(index_dir: Path) -> Path:
    """Where the version folders behind `index_dir` live."""
    return index_dir.with_name(index_dir.name + ".d")


def current_version(index_dir: Path) -> str | None:
    """The version the link points at now, or None when there is no index (cheap: one readlink)."""
    try:
        return Path(os.readlink(index_dir)).name
    except OSError:
        return None


@contextmanager
def build_lock(index_dir: Path) -> Iterator[None]:
    """Hold an exclusive lock so two builds of the same index never interleave."""
    vdir = versions_dir(index_dir)
    vdir.mkdir(parents=True, exist_ok=True)
    with open(vdir / ".lock", "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        yield


def publish(index_dir: Path, write: Callable[[Path], None]) -> Path:
    """Write a new index version with `write(folder)` and make it current atomically.

    Args:
        index_dir: the configured INDEX_DIR (a link once published).
        write: fills the given empty folder with every file of the index.

    Returns:
        The new version folder.
    """
    vdir = versions_dir(index_dir)
    vdir.mkdir(parents=True, exist_ok=True)
    _adopt_plain_dir(index_dir, vdir)
    for stale in vdir.glob("tmp-*"):  # left by a build that was killed
        shutil.rmtree(stale, ignore_errors=True)
    tmp = Path(tempfile.mkdtemp(prefix="tmp-", dir=vdir))
    try:
        write(tmp)
        _fsync_tree(tmp)
        final = vdir / (time.strftime("v%Y%m%d-%H%M%S-") + tmp.name[4:])
        os.rename(tmp, final)
        link = index_dir.with_name(f".{index_dir.name}.link-{os.getpid()}")
        if link.is_symlink():
            link.unlink()
        os.symlink(os.path.relpath(final, index_dir.parent), link)
        os.replace(link, index_dir)
        _fsync_dir(index_dir.parent)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    _prune(vdir, keep={final.name})
    return final


def save_tables(
    folder: Path,
    manifest: dict,
    articles: list[Article],
    chunks: list[Chunk],
    vectors: np.ndarray,
    sparse: Sparse,
    lexicon: dict,
) -> None:
    """Write every part of one index version into `folder`: metadata, vectors, FAISS, BM25, lexicon."""
    (folder / "articles.json").write_text(
        json.dumps([asdict(a) for a in articles], ensure_ascii=False), encoding="utf-8"
    )
    (folder / "chunks.json").write_text(
        json.dumps([asdict(c) for c in chunks], ensure_ascii=False), encoding="utf-8"
    )
    np.save(folder / "vectors.npy", vectors)
    faiss.write_index(make_faiss(vectors), str(folder / "vectors.faiss"))
    sparse.save(folder)
    save_lexicon(folder, lexicon)
    # The manifest goes last: a folder with a manifest is a complete one.
    (folder / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")


def make_faiss(vectors: np.ndarray) -> faiss.Index:
    """An inner-product FAISS index over unit vectors: exact when small, HNSW when large."""
    dim = vectors.shape[1] if vectors.ndim == 2 else 0
    if len(vectors) >= HNSW_FROM:
        index = faiss.IndexHNSWFlat(dim, 32, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efConstruction = 80
        index.hnsw.efSearch = 128
    else:
        index = faiss.IndexFlatIP(dim)
    if len(vectors):
        index.add(vectors)
    return index


def read_manifest(index_dir: Path) -> dict:
    """The manifest of the current index.

    Raises:
        IndexMissing: nothing has been built there yet.
    """
    try:
        return json.loads((index_dir / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise IndexMissing(f"no index at {index_dir}: build it with `newsqa reindex`") from None
    except (OSError, ValueError) as exc:
        raise IndexMismatch(f"the index at {index_dir} is unreadable ({exc}): run `newsqa reindex --full`") from None


def check_manifest(manifest: dict, model: str, dim: int | None = None) -> None:
    """Stop with a message that says to reindex when the index does not fit these settings.

    Raises:
        IndexMismatch: another format, model or vector size.
    """
    if manifest.get("format") != FORMAT:
        raise IndexMismatch("the index was built by another version of newsqa: run `newsqa reindex --full`")
    if manifest.get("model") != model:
        raise IndexMismatch(
            f"the index was built with embedding model {manifest.get('model')!r}, but EMBEDDING_MODEL and "
            f"EMBEDDING_BACKEND now give {model!r}: run `newsqa reindex --full`"
        )
    if dim is not None and manifest.get("dim") != dim:
        raise IndexMismatch(
            f"the index holds {manifest.get('dim')}-dimensional vectors but model {model!r} makes "
            f"{dim}-dimensional ones: run `newsqa reindex --full`"
        )


def load_index(index_dir: Path, model: str, dim: int | None = None) -> Index:
    """Load the current index version and check that it fits the model.

    Args:
        index_dir: the configured INDEX_DIR.
        model: the EMBEDDING_MODEL setting.
        dim: the model's vector size, when the model is loaded already.

    Raises:
        IndexMissing: nothing built yet.
        IndexMismatch: built with another model, dimension or format.
    """
    # Resolve the link once, so every file comes from the same version even if a build swaps now.
    folder = index_dir.resolve()
    manifest = read_manifest(folder)
    check_manifest(manifest, model, dim)
    articles = read_articles(folder)
    chunks = [_chunk(d) for d in json.loads((folder / "chunks.json").read_text(encoding="utf-8"))]
    # Queries go through FAISS; the raw vectors are only read now and then, so map, don't copy.
    vectors = np.load(folder / "vectors.npy", mmap_mode="r")
    index = faiss.read_index(str(folder / "vectors.faiss"))
    return Index(folder, manifest, articles, chunks, vectors, index, Sparse.load(folder), load_lexicon(folder))


def read_articles(folder: Path) -> list[Article]:
    """The articles stored in one index version's folder."""
    return [_article(d) for d in json.loads((folder / "articles.json").read_text(encoding="utf-8"))]


def _article(d: dict) -> Article:
    d["paragraphs"] = [Paragraph(**{**p, "starts": [tuple(s) for s in p["starts"]]}) for p in d["paragraphs"]]
    return Article(**d)


def _chunk(d: dict) -> Chunk:
    d["sentences"] = [Sentence(**s) for s in d["sentences"]]
    return Chunk(**d)


def _adopt_plain_dir(index_dir: Path, vdir: Path) -> None:
    """An INDEX_DIR that is a plain folder (made by hand or an older layout) becomes a version."""
    if index_dir.exists() and not index_dir.is_symlink():
        os.rename(index_dir, vdir / time.strftime("adopted-%Y%m%d-%H%M%S"))


def _prune(vdir: Path, keep: set[str], spare: int = 1) -> None:
    """Drop old versions, sparing the newest `spare` besides the current one for readers mid-swap."""
    old = [p for p in vdir.iterdir() if p.is_dir() and p.name not in keep and not p.name.startswith("tmp-")]
    old.sort(key=lambda p: p.stat().st_mtime, reverse=True)
    for p in old[spare:]:
        shutil.rmtree(p, ignore_errors=True)


def _fsync_tree(folder: Path) -> None:
    for p in folder.iterdir():
        if p.is_dir():
            _fsync_tree(p)
            continue
        with open(p, "rb") as fh:
            os.fsync(fh.fileno())
    _fsync_dir(folder)


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
