"""Files of every shape a paper gives its readers, written for these tests: one-article exports,
Markdown, wire pages with headlines after or before bodies, Traditional script, bad input."""

from __future__ import annotations

import pytest

from index.parse import parse
from index.text import source_lines


def lines_of(text: str, article, paragraph: int = 0) -> list[str]:
    """The source lines a paragraph says it spans."""
    p = article.paragraphs[paragraph]
    return source_lines(text)[p.line_start - 1 : p.line_end]


EXPORT = """市区新开通3条公交线路，覆盖5个新建小区
原标题：公交新线路今起运营
来源：滨江日报 2023-05-08 09:12
编辑：周宁

滨江网5月8日讯（记者 陈立）今天起，市区新开通的18路、26路和31路公交线路正式运营，覆盖城北5个新建小区。

据市公交集团介绍，三条线路共配备新能源公交车42辆，早晚高峰发车间隔不超过8分钟。

“以前要走二十分钟才能坐上车。”家住锦绣花园的市民刘女士说。

（完）
责任编辑：王一帆
"""


def test_one_article_export_keeps_furniture_out_of_headline_and_text():
    parsed = parse(EXPORT, "bj-0508.txt")
    assert parsed.layout == "article" and len(parsed.articles) == 1
    a = parsed.articles[0]
    assert a.title == "市区新开通3条公交线路，覆盖5个新建小区"  # the comma stays in the headline
    assert a.aliases == ["公交新线路今起运营"]
    assert a.furniture["source"].startswith("滨江日报") and a.furniture["editor"] == "周宁"
    assert a.byline == "记者 陈立" and a.date == "2023-05-08"
    for junk in ("原标题", "来源", "编辑", "（完）", "责任编辑"):
        assert junk not in a.text
    assert a.paragraphs[0].text.startswith("滨江网5月8日讯")
    assert lines_of(EXPORT, a, 2) == ["“以前要走二十分钟才能坐上车。”家住锦绣花园的市民刘女士说。"]


def test_headline_with_a_space_and_a_broken_headline():
    spaced = "外卖骑手 也能评职称了\n\n本市首批42名外卖骑手日前获得初级工程师职称。\n"
    assert parse(spaced, "a.txt").articles[0].title == "外卖骑手 也能评职称了"
    broken = "城东污水处理厂二期\n工程通过验收\n\n经过两年建设，城东污水处理厂二期工程日前通过竣工验收，日处理能力增加5万吨。\n"
    article = parse(broken, "b.txt").articles[0]
    assert article.title == "城东污水处理厂二期工程通过验收"
    assert (article.paragraphs[0].line_start, article.paragraphs[0].line_end) == (4, 4)


def test_kicker_and_subtitle_are_told_apart_from_the_title():
    text = "稳就业 促增收：\n我市新增就业岗位1.2万个\n——一季度就业形势总体稳定\n\n一季度，全市城镇新增就业1.2万人。\n"
    a = parse(text, "k.txt").articles[0]
    assert (a.kicker, a.title, a.subtitle) == ("稳就业 促增收", "我市新增就业岗位1.2万个", "一季度就业形势总体稳定")


def test_a_quoted_wire_report_does_not_split_a_one_article_file():
    text = (
        "两国外长通电话\n\n本报北京6月2日电 外交部发言人今天介绍了两国外长通话的情况。\n\n"
        "新华社日内瓦6月1日电（记者 王林）联合国当天发表声明，欢迎双方恢复对话。\n\n"
        "发言人表示，双方同意保持沟通。\n"
    )
    parsed = parse(text, "2023-06-02.txt")
    assert len(parsed.articles) == 1
    a = parsed.articles[0]
    assert a.title == "两国外长通电话" and a.place == "北京" and a.date == "2023-06-02"
    assert "联合国当天发表声明" in a.text


MARKDOWN = """# 老街改造完成 38家老字号回归

> 本报记者 孙悦

改造后的老街保留了青石板路面，**38家老字号**重新开张。

## 商户怎么说

茶叶店店主老何说，客流比改造前多了一倍。

# 第二篇：夜市延长营业

夜市营业时间延长至凌晨1点。
"""


def test_markdown_headings_open_articles_and_sections():
    parsed = parse(MARKDOWN, "notes.md")
    assert parsed.layout == "markdown"
    first, second = parsed.articles
    assert first.title == "老街改造完成 38家老字号回归"
    assert first.sections == ["商户怎么说"]
    assert "38家老字号重新开张" in first.text and "**" not in first.text
    assert first.byline == "记者 孙悦"
    assert second.title == "第二篇：夜市延长营业"
    assert lines_of(MARKDOWN, second) == ["夜市营业时间延长至凌晨1点。"]


# Three wire stories, hard-wrapped at one column width, each headline after its body; the
# second opens with plain text (no dateline), the third with a bracketed wire dateline.
WIRE_PAGE = """新华社北京3月10日电（记者 赵
明）记者从国家林草局获悉，今年
全国计划完成造林5000万亩，
其中人工造林1200万亩。

国家林草局有关负责人表示，造林
任务将优先安排在黄河流域。

全国今年计划造林5000万亩

今年以来，全省已开工建设保障性
租赁住房8.6万套，完成全年任务
的43%，新开工项目主要集中在省
会城市和交通枢纽城市。

省住建厅表示，下半年将加快配套
设施建设，确保年底前交付2万套。

全省保障性租赁住房
开工8.6万套

【环球网报道 记者 李青】当地时间
12日，第十届国际风能大会在丹麦
开幕，来自40多个国家的代表参会
。大会将持续三天。

第十届国际风能大会开幕
"""


def test_wire_page_with_headlines_after_bodies():
    parsed = parse(WIRE_PAGE, "page3.txt")
    assert parsed.layout == "page-after"
    titles = [a.title for a in parsed.articles]
    assert titles == ["全国今年计划造林5000万亩", "全省保障性租赁住房开工8.6万套", "第十届国际风能大会开幕"]
    forest, housing, wind = parsed.articles
    assert forest.place == "北京" and forest.byline == "记者 赵明"
    assert "全国计划完成造林5000万亩，其中人工造林1200万亩。" in forest.text
    assert housing.text.startswith("今年以来") and "全国今年计划造林" not in housing.text
    assert wind.byline == "记者 李青" and "大会将持续三天。" in wind.text
    assert (housing.line_start, housing.line_end) == (11, 20)  # body and its headline
    assert lines_of(WIRE_PAGE, wind) == ["【环球网报道 记者 李青】当地时间", "12日，第十届国际风能大会在丹麦", "开幕，来自40多个国家的代表参会", "。大会将持续三天。"]


# Headlines above bodies, a blank line inside a paragraph, a section head inside the
# second article, and a two-part headline (title and subtitle).
BEFORE_PAGE = """第12版 2022年11月3日 星期四

高新区引进重点项目17个

本报讯（记者 吴昊）今年前三季度，高新区共引进重点项目17
个，总投资达到
96亿元，其中

外资项目5个。

秋粮收购进度过半
——全市已收购秋粮42万吨

本报讯（通讯员 郑洁 记者 马良）眼下正是秋粮收购的关键时期，
全市已收购秋粮42万吨，收购进度过半。

收购价格稳中有升

今年玉米收购价每斤比去年高出5分钱，农民
售粮积极性较高。
"""


def test_page_with_headlines_before_bodies():
    parsed = parse(BEFORE_PAGE, "page12.txt")
    assert parsed.layout == "page-before"
    first, second = parsed.articles
    assert first.title == "高新区引进重点项目17个" and first.date == "2022-11-03"
    assert "共引进重点项目17个，总投资达到96亿元，其中外资项目5个。" in first.text
    assert (second.title, second.subtitle) == ("秋粮收购进度过半", "全市已收购秋粮42万吨")
    assert second.sections == ["收购价格稳中有升"] and second.byline == "通讯员 郑洁 记者 马良"
    assert "第12版" not in first.text and first.furniture.get("page")
    assert [p.line_start for p in first.paragraphs] == [5]


TRADITIONAL = """港鐵新綫下月通車

港鐵公司宣佈，屯馬綫延伸段將於下月二十日正式通車，沿綫設有四個車站。

港鐵表示，通車初期每六分鐘開出一班列車。
"""


def test_traditional_article_is_recorded_as_written():
    a = parse(TRADITIONAL, "hk.txt").articles[0]
    assert a.script == "hant" and a.title == "港鐵新綫下月通車"
    assert parse(EXPORT, "x.txt").articles[0].script == "hans"


def test_dates_from_file_name_page_header_and_year_setting():
    dated = parse("标题一则\n\n本报3月4日讯 全市春耕备耕工作全面展开。\n", "日报-2021-03-05.txt").articles[0]
    assert dated.date == "2021-03-04"
    new_year = parse("标题一则\n\n本报12月30日讯 全市春耕备耕工作全面展开。\n", "20210102.txt").articles[0]
    assert new_year.date == "2020-12-30"  # a dateline never comes after its page
    assert parse("标题一则\n\n本报3月4日讯 工作展开。\n", "x.txt", year=2022).articles[0].date == "2022-03-04"
    assert parse("标题一则\n\n本报3月4日讯 工作展开。\n", "x.txt").articles[0].date == "--03-04"


@pytest.mark.parametrize(
    "name, text",
    [
        ("numbers.txt", "\n".join(str(n) for n in range(1, 400)) + "\n"),
        ("one-line.txt", "字" * 200_000),
        ("furniture.txt", "来源：新华网\n责任编辑：张三\n（完）\n"),
    ],
)
def test_file_without_an_article_is_one_article_named_after_the_file(name, text):
    parsed = parse(text, name)
    assert len(parsed.articles) == 1 and parsed.articles[0].title == name
    assert parsed.warnings and name in parsed.warnings[0]
    assert parsed.articles[0].text  # nothing of the file is lost


def test_forced_layout_overrides_detection():
    assert parse(WIRE_PAGE, "p.txt", layout="article").layout == "article"
    assert len(parse(WIRE_PAGE, "p.txt", layout="article").articles) == 1


# Three short local stories set in one column measure with no datelines: only the headlines'
# words tell where one ends (they echo their own body); a section head echoes the text after it.
LOCAL = [
    ("城南菜市场完成改造", ["城南菜市场改造工程日前完工，菜市场新增摊位120个，地面和排水系统全部更新。", "#新增摊位全部租出",
                    "新增的120个摊位已经全部租出，租金与改造前持平，摊主大多是附近的菜农。"]),
    ("图书馆延长开放时间", ["从下月起，市图书馆每天开放到晚上九点，周末的阅览室座位增加到六百个。",
                    "图书馆负责人说，延长开放时间是读者呼声最高的建议之一。"]),
    ("老年大学秋季招生", ["老年大学秋季学期开设书法、摄影、合唱等二十门课程，报名从本周一开始。",
                   "老年大学今年首次开设智能手机使用课程，帮助老人学会网上挂号和缴费。"]),
]


def set_in_one_column(headlines_after: bool, width: int = 16) -> str:
    lines: list[str] = []
    for title, paragraphs in LOCAL:
        lines += [] if headlines_after else [title, ""]
        for p in paragraphs:
            lines += ([p[1:]] if p.startswith("#") else [p[i : i + width] for i in range(0, len(p), width)]) + [""]
        lines += [title, ""] if headlines_after else []
    return "\n".join(lines)


@pytest.mark.parametrize("after", [True, False])
def test_one_column_page_without_datelines(after):
    parsed = parse(set_in_one_column(after), "local.txt")
    assert parsed.layout == ("page-after" if after else "page-before")
    assert [a.title for a in parsed.articles] == [t for t, _ in LOCAL]
    assert parsed.articles[0].sections == ["新增摊位全部租出"]
    assert parsed.articles[2].text.endswith("帮助老人学会网上挂号和缴费。")
