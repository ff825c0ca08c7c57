"""The bundled m3e-small model, for real: offline loading, and passages found by meaning."""

from __future__ import annotations

import os

import numpy as np

from index import store
from index.build import build_index
from index.embed import model_path


def test_m3e_small_loads_from_the_installed_package_offline(real_embedder):
    assert os.environ["HF_HUB_OFFLINE"] == "1"
    assert model_path("m3e-small").endswith("embedding/m3e-small")
    assert real_embedder.dim == 512
    v = real_embedder.encode(["高铁沿线水井封填", "封填高铁两侧的水井", "春季义务植树活动"])
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-4)
    assert v[0] @ v[1] > v[0] @ v[2]


def test_onnx_backends_against_pytorch(real_embedder):
    from index.embed import Embedder
    from tests.conftest import MODEL_CACHE

    texts = ["鲁南高铁嘉祥沿线水井封填工作全面完成", "How many matters are handled across provinces?", "港鐵新綫下月通車"]
    torch_vectors = Embedder("m3e-small", backend="torch").encode(texts)
    # float32 ONNX: the same vectors; int8 (the default): the same directions within 1%.
    fp32 = Embedder("m3e-small", backend="onnx", cache_dir=MODEL_CACHE)
    assert np.allclose(fp32.encode(texts), torch_vectors, atol=1e-4)
    assert real_embedder.name == "m3e-small+qint8_avx512_vnni"
    assert np.min(np.sum(real_embedder.encode(texts) * torch_vectors, axis=1)) > 0.99


def test_passage_that_never_names_its_subject_is_found_through_the_title(settings, real_embedder):
    build_index(settings, real_embedder)
    index = store.load_index(settings.index_dir, real_embedder.name, real_embedder.dim)
    _, ids = index.faiss.search(real_embedder.encode(["鲁南高铁沿线水井封填花了多长时间？"]), 3)
    chunks = [index.chunks[i] for i in ids[0]]
    assert any("经过20多天" in c.text for c in chunks)
    assert all(c.title == "鲁南高铁嘉祥沿线水井封填工作全面完成" for c in chunks)
