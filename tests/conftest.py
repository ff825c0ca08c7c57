"""Shared fixtures: an isolated data folder per test, a fast fake embedder, and the real model once."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import numpy as np
import pytest

from index.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_8393807093eb2e80.txt"
MODEL_CACHE = ROOT / "data" / "test-models"


class FakeEmbedder:
    """Deterministic character-bigram hashing vectors: fast, and similar texts stay similar."""

    def __init__(self, name: str = "fake", dim: int = 64):
        self.name = name
        self.dim = dim
        self.calls: list[str] = []

    def encode(self, texts: list[str], progress: bool = False) -> np.ndarray:
        self.calls.extend(texts)
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for a, b in zip(text, text[1:]):
                h = int.from_bytes(hashlib.blake2b((a + b).encode(), digest_size=4).digest(), "little")
                out[row, h % self.dim] += 1.0
            out[row] /= max(np.linalg.norm(out[row]), 1e-9)
        return out


@pytest.fixture(autouse=True)
def isolated(tmp_path, monkeypatch):
    """Every test gets its own seeds and index folders and sees no developer settings."""
    for name in ("SEEDS_DIR", "SEEDS_LAYOUT", "SEEDS_YEAR", "INDEX_DIR", "EMBEDDING_MODEL", "EMBEDDING_BACKEND", "MODEL_CACHE_DIR", "CHUNK_SIZE", "TELEGRAM_BOT_TOKEN",
                 "TELEGRAM_API_BASE_URL", "ALLOWED_CHAT_IDS", "ADMIN_USER_IDS"):
        monkeypatch.delenv(name, raising=False)
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shutil.copy(SEED, seeds / SEED.name)
    monkeypatch.setenv("SEEDS_DIR", str(seeds))
    monkeypatch.setenv("INDEX_DIR", str(tmp_path / "data" / "index"))
    # The ONNX export is shared by the tests that start the real CLI, so it is made only once.
    monkeypatch.setenv("MODEL_CACHE_DIR", str(MODEL_CACHE))
    monkeypatch.chdir(tmp_path)  # so no developer .env is read
    return tmp_path


@pytest.fixture
def settings(isolated) -> Settings:
    return Settings.load(env_file=None)


@pytest.fixture
def fake_embedder() -> FakeEmbedder:
    return FakeEmbedder()


@pytest.fixture(scope="session")
def real_embedder():
    """m3e-small as the product runs it (the default backend), exported and loaded once per test session."""
    from index.embed import Embedder

    return Embedder.from_settings(Settings(model_cache_dir=MODEL_CACHE))


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_index_settings(tmp_path_factory, real_embedder) -> Settings:
    """An index of the seed page built once with the real model, shared read-only by QA tests."""
    from index.build import build_index

    root = tmp_path_factory.mktemp("seed-index")
    seeds = root / "seeds"
    seeds.mkdir()
    shutil.copy(SEED, seeds / SEED.name)
    settings = Settings(seeds_dir=seeds, index_dir=root / "index", model_cache_dir=MODEL_CACHE)
    build_index(settings, real_embedder)
    return settings


@pytest.fixture(scope="session")
def qa(seed_index_settings, real_embedder):
    """The answering service over the seed index, model loaded once."""
    from retrieval.qa import QA

    return QA(seed_index_settings, real_embedder)


@pytest.fixture
def qa_over(settings, fake_embedder):
    """Write a corpus of our own (file name → text), index it with the fake embedder (or the one
    given) and return the answering service over it."""
    from index.build import build_index
    from retrieval.qa import QA

    def build(files: dict[str, str], embedder=fake_embedder):
        for name, text in files.items():
            (settings.seeds_dir / name).write_text(text, encoding="utf-8")
        build_index(settings, embedder)
        return QA(settings, embedder)

    return build
