"""E-paper PDFs drawn here with ReportLab: articles, headlines, dates, reading order, pages."""

from __future__ import annotations

import pytest

from bot.cli import render
from index.build import build_index
from index.pdf import read_pdf
from index.text import UnreadableFile
from reportlab.lib.pagesizes import A4

from tests.paper import Story, draw_paper

LEAD = Story(
    kicker="全市政务服务再提速",
    title="清河市62项事项实现跨市通办",
    subtitle="群众办事平均少跑两趟",
    byline="本报记者 林晓雨",
    body=[
        "本报讯 3月14日，记者从清河市行政审批服务局获悉，全市已有62项政务服务事项实现跨市通办，"
        "涵盖社保参保、公积金提取、不动产登记等群众办事频率较高的领域。",
        "据介绍，去年首批跨市通办事项只有28项，今年以来审批服务局先后与周边六个城市签订合作协议，"
        "把通办范围扩大到企业开办和医保结算。市民在任意一个政务服务大厅的专窗提交材料，"
        "后台流转到属地部门办理，办结后证照通过邮寄送达，全程不再往返奔波。",
        "审批服务局负责人表示，下一步将推动更多高频事项网上办、掌上办，力争年底前通办事项达到100项。",
    ],
    lead=True,
)
BRIDGE = Story(
    title="北湖大桥主体工程完工",
    byline="本报通讯员 韩冬",
    body=[
        "3月12日上午，随着最后一段钢箱梁吊装到位，北湖大桥主体工程顺利完工。大桥全长1.8公里，"
        "双向六车道，设计时速每小时60公里，建成后从城东到高铁站的车程将由40分钟缩短到15分钟。",
        "建设单位市城投集团介绍，大桥采用装配式施工，桥面构件在工厂预制后运到现场拼装，"
        "工期比原计划提前了两个月。目前施工人员正在进行桥面铺装和照明安装，预计5月底通车。",
        "为减少施工对北湖湿地的影响，大桥桥墩全部采用钢围堰施工，施工废水经沉淀处理后循环使用。"
        "湿地管理处监测显示，施工期间湖区水质始终保持在三类以上，越冬候鸟数量与往年基本持平。",
    ],
    caption="3月12日，工人在北湖大桥上进行钢箱梁吊装作业。本报记者 许明 摄",
)
LIBRARY = Story(
    title="市图书馆夜间开放延长至晚十点",
    body=[
        "从3月15日起，市图书馆每周二至周日的开放时间延长到晚上10点，自习区新增座位320个。"
        "图书馆馆长周文介绍，去年夜间到馆读者超过9万人次，其中一半以上是备考的青年学生。",
    ],
)
MARKET = Story(
    kicker="菜篮子",
    title="春季蔬菜价格稳中有降",
    body=[
        "记者近日走访市区多家农贸市场发现，随着本地大棚蔬菜集中上市，黄瓜、西红柿等品种价格比上月下降一成左右。"
        "市发展改革委价格监测数据显示，3月第二周全市28种蔬菜平均零售价格为每公斤4.6元。",
        "市场管理人员表示，目前蔬菜货源充足，预计未来一段时间价格将保持平稳。",
    ],
)


@pytest.fixture
def paper(tmp_path):
    path = tmp_path / "清河日报-2021-03-15.pdf"
    drawn = draw_paper(path, [[LEAD, BRIDGE, LIBRARY, MARKET]], paper="清河日报", date=(2021, 3, 15), size=A4)
    return path, drawn


def titles(parsed):
    return [a.title for a in parsed.articles]


def test_page_reads_as_its_articles_in_reading_order(paper):
    path, drawn = paper
    parsed = read_pdf(path.read_bytes(), path.name)
    assert parsed.layout == "pdf" and not parsed.warnings
    assert titles(parsed) == drawn[0].titles
    lead, bridge, library, market = parsed.articles
    # The deck is told apart by type size: kicker above the title, subtitle below it.
    assert (lead.kicker, lead.title, lead.subtitle) == (LEAD.kicker, LEAD.title, LEAD.subtitle)
    assert (market.kicker, market.title, market.subtitle) == (MARKET.kicker, MARKET.title, "")
    # A title set on two lines of its column is one title.
    assert bridge.title == BRIDGE.title and library.title == LIBRARY.title
    assert lead.byline == "记者 林晓雨" and bridge.byline == "通讯员 韩冬"
    assert all(a.page == 1 and a.date == "2021-03-15" for a in parsed.articles)
    # Line numbers follow the reading order down the page.
    starts = [a.line_start for a in parsed.articles]
    assert starts == sorted(starts)


def test_header_and_footer_stay_out_of_articles_and_give_date_and_edition(paper, tmp_path):
    path, _ = paper
    undated = tmp_path / "today.pdf"  # no date in the name: the header's date is used
    undated.write_bytes(path.read_bytes())
    parsed = read_pdf(undated.read_bytes(), undated.name)
    for article in parsed.articles:
        assert article.date == "2021-03-15"
        assert article.furniture["edition"] == "第1版" and article.furniture["editor"] == "王晓明"
        text = article.title + article.text
        assert "清河日报" not in text and "责任编辑" not in text and "星期一" not in text


def test_article_running_on_into_the_next_column_stays_whole(paper):
    path, drawn = paper
    assert drawn[0].columns[BRIDGE.title] == {0, 1}  # the fixture does run on
    bridge = read_pdf(path.read_bytes(), path.name).articles[1]
    body = [p.text for p in bridge.paragraphs if p.text not in (BRIDGE.byline, BRIDGE.caption)]
    assert body == BRIDGE.body


def test_photo_caption_is_a_paragraph_of_its_own_beside_the_unbroken_text(paper):
    path, _ = paper
    bridge = read_pdf(path.read_bytes(), path.name).articles[1]
    texts = [p.text for p in bridge.paragraphs]
    assert BRIDGE.caption in texts
    assert BRIDGE.body[0] in texts and BRIDGE.body[1] in texts  # the photo does not cut a paragraph


def test_three_column_page_of_stacked_stories(tmp_path):
    stories = [LIBRARY, MARKET, BRIDGE, Story("北湖湿地迎来越冬候鸟", LEAD.body[1:])]
    path = tmp_path / "p.pdf"
    drawn = draw_paper(path, [stories], size=A4, columns=3)
    parsed = read_pdf(path.read_bytes(), path.name)
    assert titles(parsed) == drawn[0].titles
    assert [a.text for a in parsed.articles][3] == "\n".join(LEAD.body[1:])


def test_second_page_articles_cite_page_two_and_scanned_page_is_named(tmp_path):
    path = tmp_path / "清河日报-2021-03-15.pdf"
    draw_paper(path, [[LEAD], [BRIDGE], [LIBRARY]], scanned=(2,))
    parsed = read_pdf(path.read_bytes(), path.name)
    assert [(a.title, a.page) for a in parsed.articles] == [(LEAD.title, 1), (LIBRARY.title, 3)]
    assert parsed.warnings == [f"{path.name} p.2: no text layer (a scanned page?); skipped, as newsqa does no OCR"]


def test_encrypted_and_broken_pdfs_are_named_and_skipped_while_the_rest_is_indexed(settings, fake_embedder, paper):
    path, _ = paper
    draw_paper(settings.seeds_dir / "locked.pdf", [[LIBRARY]], password="secret")
    (settings.seeds_dir / "broken.pdf").write_bytes(path.read_bytes()[:2000])
    (settings.seeds_dir / path.name).write_bytes(path.read_bytes())
    report = build_index(settings, fake_embedder)
    assert sorted(report.skipped) == [
        "broken.pdf: not a readable PDF (Failed to load document (PDFium: Data format error).)",
        "locked.pdf: it is encrypted with a password",
    ]
    assert report.files == 2 and report.articles == 6 + 4  # the seed page and the good PDF


def test_encrypted_pdf_raises_unreadable(tmp_path):
    draw_paper(tmp_path / "locked.pdf", [[LIBRARY]], password="secret")
    with pytest.raises(UnreadableFile, match="locked.pdf: it is encrypted"):
        read_pdf((tmp_path / "locked.pdf").read_bytes(), "locked.pdf")


def test_unchanged_pdf_is_not_read_again(settings, fake_embedder, paper, monkeypatch):
    import index.build

    path, _ = paper
    (settings.seeds_dir / path.name).write_bytes(path.read_bytes())
    first = build_index(settings, fake_embedder)
    reads = []
    monkeypatch.setattr(index.build, "read_pdf", lambda *a, **k: reads.append(a[1]) or read_pdf(*a, **k))
    again = build_index(settings, fake_embedder)
    assert reads == [] and again.articles == first.articles and again.embedded == 0
    draw_paper(settings.seeds_dir / path.name, [[LIBRARY, MARKET]])
    changed = build_index(settings, fake_embedder)
    assert reads == [path.name] and changed.articles == 6 + 2


def test_question_is_answered_with_a_citation_to_the_pdf_page(settings, real_embedder, tmp_path):
    from retrieval.qa import QA

    for seed in settings.seeds_dir.iterdir():
        seed.unlink()
    path = settings.seeds_dir / "清河日报-2021-03-15.pdf"
    draw_paper(path, [[LEAD, LIBRARY], [BRIDGE, MARKET]])
    build_index(settings, real_embedder)
    answer = QA(settings, real_embedder).ask("北湖大桥全长多少公里？")
    assert answer.found and "1.8公里" in answer.text
    data = answer.to_json()
    assert data["evidence"]["file"] == path.name and data["evidence"]["page"] == 2
    assert data["sources"][0]["page"] == 2 and data["sources"][0]["title"] == BRIDGE.title
    shown = render(answer)
    assert f"{path.name} p.2 第" in shown and f"[1] {BRIDGE.title} · {path.name} p.2:" in shown
