"""Seeds folder → published index, re-embedding only passages that changed."""

from __future__ import annotations

import hashlib
import json
import logging
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import numpy as np

from index import store
from index.chunk import CHUNKER_VERSION, Chunk, chunk_article
from index.lexicon import build_lexicon
from index.parse import Article, ParsedFile, parse
from index.pdf import READER_VERSION as PDF_READER_VERSION
from index.pdf import read_pdf
from index.settings import Settings
from index.sparse import Sparse
from index.terms import discover_terms
from index.text import UnreadableFile, decode

log = logging.getLogger(__name__)

FILE_TERMS = "file_terms.json"
TERMS_VERSION = 3  # bump when term discovery changes: cached terms of unchanged files are redone


class NoSeeds(Exception):
    """The seeds folder is missing, empty, or holds nothing readable."""


class Encoder(Protocol):
    """What a build needs of an embedder (the real one, or a fake in tests)."""

    name: str
    dim: int

    def encode(self, texts: list[str], progress: bool = False) -> np.ndarray: ...


@dataclass
class BuildReport:
    """What a build did, for the one-line summary."""

    files: int = 0
    articles: int = 0
    chunks: int = 0
    embedded: int = 0
    reused: int = 0
    seconds: float = 0.0
    skipped: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    path: Path | None = None

    def summary(self) -> str:
        """One line a person reads after `newsqa reindex`."""
        return (
            f"indexed {self.files} file(s): {self.articles} articles, {self.chunks} chunks "
            f"({self.embedded} embedded, {self.reused} reused) in {self.seconds:.1f} s"
            + (f"; skipped {len(self.skipped)} unreadable file(s)" if self.skipped else "")
            + (f"; {len(self.warnings)} warning(s)" if self.warnings else "")
        )


def seed_files(seeds_dir: Path) -> list[Path]:
    """Every visible regular file in the seeds folder, in name order.

    Raises:
        NoSeeds: the folder is missing or has no files.
    """
    if not seeds_dir.is_dir():
        raise NoSeeds(f"seeds folder {seeds_dir} does not exist")
    files = sorted(p for p in seeds_dir.iterdir() if p.is_file() and not p.name.startswith("."))
    if not files:
        raise NoSeeds(f"seeds folder {seeds_dir} is empty: put page text files (.txt) or e-paper PDFs there")
    return files


def build_index(settings: Settings, embedder: Encoder, full: bool = False, progress: bool = False) -> BuildReport:
    """Parse every seed file, embed new passages, and publish the index atomically.

    Args:
        settings: where the seeds and the index are, how to read them, the chunk size.
        embedder: turns passage texts into vectors.
        full: re-embed everything (and rediscover every file's terms) instead of reusing what
            the current index has for unchanged passages and files.
        progress: show a progress bar while embedding.

    Returns:
        What was built.

    Raises:
        NoSeeds: nothing readable to index; the old index stays as it was.
    """
    started = time.perf_counter()
    report = BuildReport()
    files = seed_files(settings.seeds_dir)
    cached_terms = {} if full else _previous_terms(settings)
    articles: list[Article] = []
    hashes: dict[str, str] = {}
    layouts: dict[str, str] = {}
    file_terms: dict[str, dict] = {}
    read_before = {} if full else _previous_pdfs(settings)
    pdf_keys: dict[str, dict] = {}
    for path in files:
        data = path.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        try:
            if path.suffix.lower() == ".pdf":
                parsed, pdf_keys[path.name] = _read_pdf(path.name, data, digest, settings, read_before)
            else:
                parsed = parse(decode(data, path.name), path.name, settings.seeds_layout, settings.seeds_year)
        except UnreadableFile as exc:
            log.warning("skipped %s", exc)
            report.skipped.append(str(exc))
            continue
        for warning in parsed.warnings:
            log.warning("%s", warning)
        report.warnings.extend(parsed.warnings)
        hashes[path.name], layouts[path.name] = digest, parsed.layout
        articles.extend(parsed.articles)
        file_terms[path.name] = _terms_of(path.name, digest, parsed.articles, settings, cached_terms)
    if not hashes:
        raise NoSeeds(f"no readable page text in {settings.seeds_dir}")
    chunks = [c for a in articles for c in chunk_article(a, settings.chunk_size)]

    with store.build_lock(settings.index_dir):
        previous = {} if full else _previous_vectors(settings, embedder)
        keys = [_key(c) for c in chunks]
        todo = [i for i, k in enumerate(keys) if k not in previous]
        fresh = embedder.encode([chunks[i].embed_text for i in todo], progress=progress)
        vectors = np.zeros((len(chunks), embedder.dim), dtype=np.float32)
        for row, i in enumerate(todo):
            vectors[i] = fresh[row]
        for i, k in enumerate(keys):
            if k in previous:
                vectors[i] = previous[k]
        del fresh, previous
        # The word side comes after the model has run, so its memory and the model's peak
        # do not stack up.
        terms = sorted({tuple(t) for entry in file_terms.values() for t in entry["terms"]})
        sparse = Sparse.build(chunks, [list(t) for t in terms])
        vocabulary = set(sparse.vocab)
        lexicon = build_lexicon(vocabulary, {w for w in vocabulary if sparse.tokenizer.name_like(w)})
        manifest = {
            "format": store.FORMAT,
            "model": embedder.name,
            "dim": embedder.dim,
            "chunker_version": CHUNKER_VERSION,
            "chunk_size": settings.chunk_size,
            "files": hashes,
            "layouts": layouts,
            "pdfs": pdf_keys,
            "articles": len(articles),
            "chunks": len(chunks),
            "built_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "chunk_keys": keys,
        }

        def write(folder: Path) -> None:
            store.save_tables(folder, manifest, articles, chunks, vectors, sparse, lexicon)
            (folder / FILE_TERMS).write_text(json.dumps(file_terms, ensure_ascii=False), encoding="utf-8")

        report.path = store.publish(settings.index_dir, write)
    report.files = len(hashes)
    report.articles = len(articles)
    report.chunks = len(chunks)
    report.embedded = len(todo)
    report.reused = len(chunks) - len(todo)
    report.seconds = time.perf_counter() - started
    return report


def _terms_of(name: str, digest: str, articles: list[Article], settings: Settings, cached: dict[str, dict]) -> dict:
    """A file's corpus terms: from the current index when the file and the way it is read are
    unchanged, else discovered now (the costly whole-text pass, so it runs once per file)."""
    key = f"{digest}:{settings.seeds_layout}:{settings.seeds_year}:{TERMS_VERSION}"
    entry = cached.get(name)
    if entry and entry.get("key") == key:
        return entry
    texts = [f"{a.title}\n{a.subtitle}\n{' '.join(a.aliases)}\n{a.byline}\n{a.text}" for a in articles]
    return {"key": key, "terms": discover_terms(texts, [a.place for a in articles])}


def _read_pdf(name: str, data: bytes, digest: str, settings: Settings, before: dict[str, dict]) -> tuple[ParsedFile, dict]:
    """A PDF's articles: from the current index when the file and the reader are unchanged
    (reading a PDF's layout is the costly part of reading it), else read now.

    Raises:
        UnreadableFile: encrypted, damaged or not a PDF.
    """
    key = f"{digest}:{settings.seeds_year}:{PDF_READER_VERSION}"
    entry = before.get(name)
    if entry and entry["key"] == key:
        return ParsedFile(entry["articles"], "pdf", entry["warnings"]), {"key": key, "warnings": entry["warnings"]}
    parsed = read_pdf(data, name, settings.seeds_year)
    return parsed, {"key": key, "warnings": parsed.warnings}


def _previous_pdfs(settings: Settings) -> dict[str, dict]:
    """Each PDF of the current index with how it was read and the articles it gave."""
    try:
        manifest = store.read_manifest(settings.index_dir)
        if manifest.get("format") != store.FORMAT or not manifest.get("pdfs"):
            return {}
        articles = store.read_articles(settings.index_dir.resolve())
    except (store.IndexMissing, store.IndexMismatch, OSError, ValueError, TypeError):
        return {}
    out = {name: {**entry, "articles": []} for name, entry in manifest["pdfs"].items()}
    for article in articles:
        if article.source in out:
            out[article.source]["articles"].append(article)
    return out


def _previous_terms(settings: Settings) -> dict[str, dict]:
    """Each file's terms as the current index found them (nothing when there is no index)."""
    try:
        return json.loads((settings.index_dir.resolve() / FILE_TERMS).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _key(chunk: Chunk) -> str:
    return hashlib.sha256(chunk.embed_text.encode()).hexdigest()[:24]


def _previous_vectors(settings: Settings, embedder: Encoder) -> dict[str, np.ndarray]:
    """Vectors of the current index by passage key, if it was made the same way; else nothing."""
    try:
        manifest = store.read_manifest(settings.index_dir)
        store.check_manifest(manifest, embedder.name, embedder.dim)
    except (store.IndexMissing, store.IndexMismatch):
        return {}
    if manifest.get("chunker_version") != CHUNKER_VERSION:
        return {}
    try:
        vectors = np.load(settings.index_dir.resolve() / "vectors.npy", mmap_mode="r")
    except (OSError, ValueError):
        return {}
    keys = manifest.get("chunk_keys", [])
    if len(keys) != len(vectors):
        return {}
    return {k: np.array(vectors[i]) for i, k in enumerate(keys)}
