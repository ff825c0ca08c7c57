"""Passage search: the signals that bring passages forward, and the order the fitted model gives them."""

from __future__ import annotations

import numpy as np

from index.build import build_index
from index.chunk import Chunk, Sentence
from index.settings import Settings
from index.sparse import Sparse
from index.store import load_index
from retrieval.query import analyse
from retrieval.search import Pool, ranked, search


def _chunk(n: int, title: str, text: str) -> Chunk:
    return Chunk(f"a{n}/1", f"a{n}", title, f"{n}.txt", "", [Sentence(text, 3, 3)])


def test_a_name_jieba_cuts_otherwise_in_the_question_is_found_by_its_characters():
    chunks = [
        _chunk(1, "圣城旅指挥官遇袭身亡", "伊朗伊斯兰革命卫队下属圣城旅指挥官卡西姆·苏莱马尼在袭击中身亡。"),
        _chunk(2, "菲律宾首都迎来雨季", "马尼拉今年的雨季比往年来得早。"),
        _chunk(3, "市区新增停车位", "今年市区新增公共停车位三千个，缓解停车难。"),
    ]
    sparse = Sparse.build(chunks, [])
    question = "苏莱马尼是谁？"
    # Without the corpus's terms jieba reads the question as one word 苏莱马尼是, which no passage has.
    assert not sparse.scores(sparse.tokenizer.words(question)).any()
    query = analyse(question, sparse, {})
    assert int(np.argmax(sparse.pair_scores(query.pairs))) == 0


def test_follow_up_prefers_the_conversations_article_only_among_close_passages(settings: Settings, fake_embedder):
    (settings.seeds_dir / "a.txt").write_text("甲文\n\n甲厂投产。\n", encoding="utf-8")
    (settings.seeds_dir / "b.txt").write_text("乙文\n\n乙厂投产。\n", encoding="utf-8")
    (settings.seeds_dir / "c.txt").write_text("丙文\n\n丙厂投产。\n", encoding="utf-8")
    build_index(settings, fake_embedder)
    index = load_index(settings.index_dir, fake_embedder.name)
    found = Pool(np.arange(3), np.zeros((3, 1)), np.zeros(3), np.zeros(3))
    scores = np.array([2.0, 1.8, -3.0])
    assert ranked(index, found, scores)[0].chunk.source == index.chunks[0].source
    close = ranked(index, found, scores, prefer={index.chunks[1].article_id: 0.15})
    assert close[0].chunk.source == index.chunks[1].source
    far = ranked(index, found, scores, prefer={index.chunks[2].article_id: 0.15})
    assert far[0].chunk.source == index.chunks[0].source and far[-1].chunk.source == index.chunks[2].source


def test_sources_come_best_first_with_falling_scores(settings: Settings, fake_embedder):
    (settings.seeds_dir / "rail.txt").write_text(
        "鲁南高铁全线通车\n\n鲁南高铁日照至曲阜段今天开通运营，全线设有十个车站。\n", encoding="utf-8"
    )
    (settings.seeds_dir / "farm.txt").write_text("春耕生产有序推进\n\n各地抢抓农时，春耕生产有序推进。\n", encoding="utf-8")
    build_index(settings, fake_embedder)
    index = load_index(settings.index_dir, fake_embedder.name)
    question = "鲁南高铁设有几个车站？"
    hits = search(index, analyse(question, index.sparse, index.lexicon), fake_embedder.encode([question])[0], k=2)
    assert hits[0].chunk.source == "rail.txt"
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
