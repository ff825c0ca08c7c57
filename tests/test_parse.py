"""Page text → articles, on the seed page and on pages of the same shape written for the tests."""

from __future__ import annotations

import re

import pytest

from index.parse import parse
from index.text import UnreadableFile, read_text, source_lines
from tests.conftest import SEED

HEADLINES = [
    "我市55个政府服务事项实现“跨省通办”",
    "我市11个黄河生态保护重点项目开工",
    "我市开展春季义务植树活动",
    "曲阜：开足奋进马力 吹响冲锋号角",
    None,  # the photo caption: a title of its own
    "鲁南高铁嘉祥沿线水井封填工作全面完成",
]


@pytest.fixture(scope="module")
def articles():
    return parse(SEED.read_text(encoding="utf-8"), SEED.name).articles


def test_seed_page_has_six_articles_with_their_headlines(articles):
    assert len(articles) == 6
    for article, headline in zip(articles, HEADLINES):
        if headline:
            assert article.title == headline
    assert articles[1].subtitle == "林红玉张继民于永生在梁山出席全省集中开工活动"
    assert articles[2].subtitle == "林红玉张继民于永生参加"
    assert articles[0].subtitle == articles[5].subtitle == ""


def test_headlines_sit_on_the_right_bodies(articles):
    bodies = [a.text for a in articles]
    assert "55个政务服务事项" in bodies[0]
    assert "我市11个项目列入其中同步开工" in bodies[1]
    assert "春季义务植树活动" in bodies[2] and "赵固堆乡贾庄村" in bodies[2]
    assert "天博扩建项目" in bodies[3] and "“四训双评”制度" in bodies[3]
    assert "兖州国际陆港" in bodies[4]
    assert "336眼水井已全部封填" in bodies[5]
    # No body swallowed a headline or a neighbour's text.
    assert not any(h and h in b for h, b in zip(HEADLINES, bodies))
    assert "兖州" not in bodies[3] and "曲阜：开足奋进马力" not in bodies[4]


def test_photo_caption_is_its_own_article_with_credit_and_readable_title(articles):
    photo = articles[4]
    assert photo.kind == "photo"
    assert photo.title.startswith("图片新闻：") and "兖州" in photo.title
    assert "杨国庆" in photo.byline and "杨国庆" in photo.text


def test_datelines_and_bylines(articles):
    assert (articles[0].place, articles[0].date, articles[0].byline) == ("济宁", "", "记者 王粲")
    assert (articles[1].place, articles[1].date, articles[1].byline) == ("梁山", "--03-13", "记者 郝明雷")
    assert articles[2].byline == "记者 郝明雷 张帆"
    assert articles[3].byline == "通讯员 梅花 陈曙光 张艳"


def test_section_heads_inside_an_article(articles):
    assert articles[3].sections == ["“十条工作线”把稳航向", "“92个重点项目”开足马力", "“专业专注”提供保障"]
    first_of_second = next(p for p in articles[3].paragraphs if p.section == "“92个重点项目”开足马力")
    assert first_of_second.text.startswith("2月26日")


def test_words_names_and_numbers_broken_by_columns_are_joined(articles):
    text = "\n".join(a.text for a in articles)
    for whole in ("张继民", "田和友", "总投资427亿元", "总投资74.4亿元", "占地4000亩", "黄河下游",
                  "“开门红”。", "今年1月22日", "销售收入 65.2 亿元", "全长20.76千米", "工作线”牵头单位"):
        assert whole in text, whole
    for article in articles:
        for p in article.paragraphs:
            assert "\n" not in p.text and "  " not in p.text
            # A paragraph that ends mid-sentence would mean a blank line inside a sentence split it.
            assert re.search(r"[。！？”）]$", p.text) or p is article.paragraphs[-1] or "■" in p.text or "通讯员" in p.text


def test_line_spans_point_at_the_source_lines(articles):
    lines = source_lines(SEED.read_text(encoding="utf-8"))
    for article in articles:
        for p in article.paragraphs:
            assert p.text[:4] in lines[p.line_start - 1].replace("■", "")
            assert lines[p.line_end - 1].strip().endswith(p.text[-2:])
    caption = articles[4].paragraphs[-1]
    assert (caption.line_start, caption.line_end) == (297, 297)
    assert (articles[1].line_start, articles[1].line_end) == (47, 102)


def test_gbk_and_bom_copies_parse_the_same(tmp_path, articles):
    text = SEED.read_text(encoding="utf-8")
    gbk = tmp_path / SEED.name
    gbk.write_bytes(text.encode("gbk"))
    assert parse(read_text(gbk), SEED.name).articles == articles
    gbk.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert parse(read_text(gbk), SEED.name).articles == articles
    gbk.write_bytes(text.replace("\n", "\r\n").encode("gb18030"))
    assert parse(read_text(gbk), SEED.name).articles == articles


def test_binary_file_is_refused_by_name(tmp_path):
    bad = tmp_path / "scan.txt"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(UnreadableFile, match="scan.txt"):
        read_text(bad)


OTHER_PAGE = """新华社北京3月12日电（记者 李四）国家统计局今天发布数据，全国规模以上工
业增加值同比增长

7.9%，比上月加快0.4个百分点。新建农田林网共计1
260亩，投资总额3.5亿元。

统计局新闻发言人付凌晖说，一季度经济运
行稳中向好。

全国工业生产
加快恢复
——工业增加值同比增长7.9%

本报讯（通讯员 王五）春节过后，市人民医院新
院区正式启用，开放床位800张。
“我们终于不用跑远路了。”市民赵六说。

新院区启用

■记者 孙七 摄
"""


def test_other_page_of_the_same_shape():
    arts = parse(OTHER_PAGE, "page2.txt").articles
    assert [a.title for a in arts] == ["全国工业生产加快恢复", "新院区启用"]
    first, second = arts
    assert first.subtitle == "工业增加值同比增长7.9%"
    assert (first.place, first.date, first.byline) == ("北京", "--03-12", "记者 李四")
    assert "工业增加值同比增长7.9%，比上月加快0.4个百分点" in first.text
    assert "共计1260亩" in first.text
    assert second.byline == "通讯员 王五"
    assert "开放床位800张" in second.text
    # The credit line after the headline is not an article of its own.
    assert len(arts) == 2


def test_empty_page_has_no_articles():
    assert parse("\n \n\u3000\n", "empty.txt").articles == []
