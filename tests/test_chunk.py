"""Articles → sentence-aware passages."""

from __future__ import annotations

import re

import pytest

from index.chunk import chunk_article, split_sentences
from index.parse import Article, Paragraph, parse
from index.text import source_lines
from tests.conftest import SEED


@pytest.fixture(scope="module")
def articles():
    return parse(SEED.read_text(encoding="utf-8"), SEED.name).articles


@pytest.mark.parametrize("size", [80, 200, 400])
def test_chunks_stay_in_their_article_and_end_on_sentences(articles, size):
    for article in articles:
        chunks = chunk_article(article, size)
        assert chunks
        assert "".join(c.text.replace("\n", "") for c in chunks) == article.text.replace("\n", "")
        for c in chunks:
            assert c.article_id == article.id and c.title == article.title
            if len(c.sentences) > 1:
                assert len(c.text) <= size
            for s in c.sentences[:-1]:
                if s.paragraph == c.sentences[-1].paragraph and len(s.text) <= size:
                    assert re.search(r"[。！？；][”’]*$", s.text), s.text


def test_size_is_configurable(articles):
    small = sum(len(chunk_article(a, 80)) for a in articles)
    large = sum(len(chunk_article(a, 400)) for a in articles)
    assert small > 2 * large


def test_numbers_are_never_split(articles):
    texts = [c.text for a in articles for size in (30, 60, 200) for c in chunk_article(a, size)]
    for number in ("621.6亿元", "20.76千米", "65.2 亿元", "74.4亿元", "427亿元", "136区县"):
        assert any(number in t for t in texts), number


def test_long_sentence_is_cut_at_commas_not_inside_numbers():
    text = "，".join(f"第{i}项投资12345.678亿元" for i in range(40)) + "。"
    article = Article(id="x:1", source="x.txt", title="长句", paragraphs=[Paragraph(text, 1, 1, "", [(0, 1)])])
    chunks = chunk_article(article, 50)
    assert len(chunks) > 5
    assert all(len(c.text) <= 50 for c in chunks)
    assert all("12345.678亿元" in c.text for c in chunks)


def test_a_title_with_a_mark_of_its_own_does_not_end_the_sentence():
    text = "她先后主演了《雷电！》和《明天会更好吗？》两部影片，反响很好。第二年她退出影坛。"
    sentences = split_sentences(Paragraph(text, 1, 1, "", [(0, 1)]))
    assert [s.text for s in sentences] == ["她先后主演了《雷电！》和《明天会更好吗？》两部影片，反响很好。", "第二年她退出影坛。"]


def test_chunk_line_spans_match_the_source(articles):
    lines = source_lines(SEED.read_text(encoding="utf-8"))
    for article in articles:
        for c in chunk_article(article, 120):
            for s in c.sentences:
                assert s.text.strip()[0] in lines[s.line_start - 1]
                assert s.text.strip()[-1] in lines[s.line_end - 1]
    by_text = {c.text: c for a in articles for c in chunk_article(a, 60)}
    c = next(c for t, c in by_text.items() if "总投资427亿元" in t)
    assert c.line_start == 59 and c.line_end >= 61


def test_embedded_text_names_the_article(articles):
    railway = articles[5]
    chunk = next(c for c in chunk_article(railway) if "经过20多天" in c.text)
    assert "水井封填" in chunk.embed_text and chunk.embed_text.startswith(railway.title)
