"""Answers with the real model over the seed page: facts, citations, refusals, follow-ups, bad input.

The questions in tests/data/questions.jsonl are our own, written beside (not copied from) the
shared dev set; they cover every article, all answer kinds, traditional characters, English,
and questions the articles cannot answer.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from retrieval.query import MAX_QUESTION
from retrieval.session import Session, source_number
from tests.conftest import SEED

QUESTIONS = [json.loads(line) for line in (Path(__file__).parent / "data" / "questions.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
# Questions we cannot answer yet; strict, so the day one starts passing the list must shrink.
KNOWN_GAPS = {
    "t56": "主导 is not in the corpus; an unknown word keeps its full weight (it may be the subject, as 站 in 高铁站 is)",
    "t64": "no CC-CEDICT gloss of 跨 is 'cross', so 'cross-province' never becomes 跨省",
    "t90": "'annual' glosses only to 年产 and 'expansion' to nothing, so the 8亿元 sentence covers too little",
    "t109": "an organisation answers 谁 when no sentence names a person; the model gives 天博's company name a low "
            "confidence, but the refusal threshold fitted on the shared sets is lower still",
    "t110": "the area of the planting site in 太白湖新区 reads as the district's own area: nothing tells the project's "
            "占地 from the district's 面积",
}


def _param(item):
    marks = [pytest.mark.xfail(reason=KNOWN_GAPS[item["id"]], strict=True)] if item["id"] in KNOWN_GAPS else []
    return pytest.param(item, id=f"{item['id']}-{item['lang']}", marks=marks)


@pytest.mark.parametrize("item", [_param(i) for i in QUESTIONS])
def test_own_questions(qa, item):
    answer = qa.ask(item["question"])
    if item["answers"] is None:
        assert not answer.found, f"answered {answer.text!r}"
        assert answer.sources, "closest passages are still shown, marked as not an answer"
        return
    assert answer.found, answer.text
    assert any(a in answer.text for a in item["answers"]), answer.text
    assert item["evidence"] in answer.sources[0].chunk.text
    assert answer.sentence.text in answer.sources[0].chunk.text.replace("\n", "")


def test_a_when_question_answered_with_today_gets_the_datelines_date(qa):
    """The article says 今天上午 under 本报梁山3月13日讯: the reader is told which day that was."""
    answer = qa.ask("沿黄九市一体打造黄河下游绿色生态走廊的项目什么时候开工？")
    assert answer.found and answer.text == "今天上午（3月13日）", answer.text


def test_which_day_is_answered_by_a_day_not_a_season(qa):
    """The tree planting was 春季 (spring) in the headline and 今天上午 in the text: "哪天" asks the day."""
    answer = qa.ask("植树活动是哪天举行的？")
    assert answer.found and "3月13日" in answer.text and "春季" not in answer.text, answer.text


def test_answer_cites_exact_lines(qa):
    answer = qa.ask("嘉祥县高铁沿线封填了多少眼水井？")
    lines = SEED.read_text(encoding="utf-8").splitlines()
    assert "336眼" in answer.text
    s = answer.sentence
    cited = "".join(line.strip() for line in lines[s.line_start - 1 : s.line_end])
    assert "336眼水井已全部封填" in cited
    top = answer.sources[0].chunk
    assert (top.source, top.line_start <= s.line_start, top.line_end >= s.line_end) == (SEED.name, True, True)


@pytest.mark.parametrize(
    "question, fact",
    [
        ("曲阜市工信局党组书记是谁？", "翟德军"),
        ("梁山县义务植树现场在哪里？", "赵固堆乡"),
        ("去年12月25日签署了什么协议？", "四省八市"),
        pytest.param("今年1月22日济宁加入了什么联盟？", "跨省通办”合作联盟", marks=pytest.mark.xfail(strict=True, reason=(
            "the span label's mix fitted held out (0.75) weighs holding the gold answer more than F1, and the span model "
            "answers with the whole clause that holds the alliance's name"))),
    ],
)
def test_short_answer_holds_the_kind_asked_for(qa, question, fact):
    answer = qa.ask(question)
    # The name or phrase, not the clause it stands in.
    assert answer.found and fact in answer.text and len(answer.text) <= 30, answer.text


def test_numbers_in_the_question_are_not_the_answer(qa):
    answer = qa.ask("纳入省集中开工的11个项目总投资是多少？")
    assert "74.4" in answer.text and "11个" not in answer.text.replace("11个项目", "")


def test_traditional_characters(qa):
    simplified = qa.ask("曲阜成立了什么指挥部？")
    traditional = qa.ask("曲阜成立了什麼指揮部？")
    assert traditional.found and traditional.text == simplified.text and "挂图作战总指挥部" in traditional.text


def test_the_place_a_question_names_is_not_where_it_is(qa):
    answer = qa.ask("梁山植树现场在哪里？")  # the sentence: 梁山县义务植树现场位于赵固堆乡贾庄村
    assert answer.found and "梁山县" not in answer.text and ("赵固堆乡" in answer.text or "贾庄村" in answer.text), answer.text


@pytest.mark.parametrize("question", ["兖州国际陆港的图片是谁摄的？", "Who photographed the Yanzhou international land port?"])
def test_who_took_a_photo_is_answered_by_its_credit(qa, question):
    """Only a credit line (记者 杨国庆 摄) names a photographer; the sentence about the port, which
    says more of the question's words, names none. The answer is the name, not the credit."""
    answer = qa.ask(question).text
    assert "杨国庆" in answer and "摄" not in answer and "记者" not in answer, answer


@pytest.mark.parametrize("question, fact", [
    ("Who took the photo of the Yanzhou logistics port?", "杨国庆"),
    ("How long did the well sealing take?", "20多天"),
])
def test_english_answer_carries_the_fact(qa, question, fact):
    answer = qa.ask(question)
    assert answer.found and fact in answer.text


def test_follow_up_uses_the_last_question(qa):
    for first, want in (("梁山湿地修复工程占地多少亩？", "3.2亿元"), ("曲阜2月26日集中开工了多少个项目？", "38.7亿元")):
        session = Session()
        qa.ask(first, session)
        answer = qa.ask("总投资多少？", session)
        assert answer.found and want in answer.text, (first, answer.text)
    session = Session()
    qa.ask("天博扩建项目的厂房面积有多大？", session)
    assert "6月" in qa.ask("什么时候投入使用？", session).text


def test_a_follow_up_read_alone_stays_on_what_the_last_question_asked(qa):
    """"总投资多少？" after a question about one project of an article: the total of all the projects,
    found a little more surely when the follow-up is read alone, does not name the project, so the
    merged reading (the project's own figure) answers; read alone it answers where it names as much."""
    from index.chunk import Chunk, Sentence
    from retrieval.answer import Answer
    from retrieval.qa import _surer_alone
    from retrieval.query import analyse
    from retrieval.search import Hit

    def answer(text: str, sentence: str, confidence: float) -> Answer:
        chunk = Chunk("parks/1", "parks", "五个生态项目开工", "parks.txt", "", [Sentence(sentence, 3, 3)])
        return Answer("总投资多少？", text, True, [Hit(chunk, confidence)], Sentence(sentence, 3, 3), confidence=confidence)

    asked = analyse("东湖湿地修复工程占地多少亩？", qa.index.sparse, qa.index.lexicon)
    before = answer("600亩", "东湖湿地修复工程占地600亩，总投资2.5亿元。", 0.9)
    total = answer("86亿元", "五个生态保护项目总投资86亿元。", 0.96)
    own = answer("2.5亿元", "东湖湿地修复工程占地600亩，总投资2.5亿元。", 0.94)
    assert not _surer_alone(total, own, (asked, before))
    assert _surer_alone(answer("2.5亿元", own.sentence.text, 0.96), replace(own, confidence=0.7), (asked, before))


def test_a_follow_up_picks_the_fact_of_its_own_clause(qa):
    session = Session()
    qa.ask("天博扩建项目的厂房面积有多大？", session)
    qa.ask("什么时候投入使用？", session)
    third = qa.ask("能新增多少就业？", session)  # the first question still counts
    assert "100多人" in third.text and third.question == "能新增多少就业？"


def test_each_figure_of_a_sentence_answers_the_question_its_words_stand_beside(qa_over, real_embedder):
    """A sentence that gives several figures (产值…、税收…、就业…) answers each question with its own.
    With the real model: the fake one's passage vectors moved 产值's answer to 税收's after a refit."""
    qa = qa_over({"park.txt": "新材料产业园二期开工\n\n本报讯 新材料产业园二期项目昨日开工，总投资12亿元，"
                              "建成后年可新增产值30亿元、新增税收1.5亿元、新增就业800余人。\n"}, real_embedder)
    # Each figure follows the same 新增: only the word beside it (就业, 税收) tells them apart.
    assert "800余人" in qa.ask("二期项目能新增多少就业？").text
    assert "1.5亿元" in qa.ask("二期项目能新增多少税收？").text
    assert "30亿元" in qa.ask("二期项目年可新增多少产值？").text


@pytest.mark.xfail(strict=True, reason="the best-scored candidate, 市行政审批服务局, covers .48 of the question, below the gate .55; since "
                   "sentences naming no organisation compete too (21:56), one of them covers .72 and is the answer, at a confidence of .44")
def test_a_paraphrase_is_answered_though_its_sentence_says_few_of_its_words(qa):
    # "牵头推进异地办事" paraphrases 率先开展“跨省通办”试点: no sentence says much of the question,
    # and the fitted chance that the articles answer it lets the best candidate be the answer.
    answer = qa.ask("济宁哪个单位牵头推进异地办事？")
    assert answer.found and "行政审批服务局" in answer.text


def test_context_expires(qa):
    session = Session(ttl=0)
    qa.ask("梁山湿地修复工程占地多少亩？", session)
    assert "3.2亿元" not in qa.ask("总投资多少？", session).text


def test_source_n_shows_that_source(qa):
    session = Session()
    first = qa.ask("天博扩建项目的厂房面积有多大？", session)
    for request in ("第二个来源", "/source 2", "来源2", "second source"):
        shown = qa.ask(request, session)
        assert shown.found and shown.sources[0].chunk.id == first.sources[1].chunk.id, request
    assert not qa.ask("第九个来源", session).found
    assert "先提一个问题" in qa.ask("第二个来源", Session()).text
    assert source_number("第二个来源是什么意思呢，请解释一下跨省通办") is None


@pytest.mark.parametrize(
    "question, note",
    [("", "empty"), ("   \t\n", "empty"), ("\x00\x07\x1b", "empty"), ("😀😀🎉", "nothing"),
     ("你是谁", "nothing"), ("怎么", "nothing"), ("？？？", "nothing")],
)
def test_questions_with_nothing_to_look_up(qa, question, note):
    answer = qa.ask(question)
    assert not answer.found and answer.note == note and answer.text


def test_very_long_question_is_cut_and_says_so(qa):
    long = "跨省通办的事项有多少个？" + "".join(f"第{i}段补充说明。" for i in range(2000))
    assert len(long) > 10_000
    answer = qa.ask(long)
    assert str(MAX_QUESTION) in answer.note and answer.text
    padded = qa.ask("跨省通办的事项有多少个？" + "啊" * 10_000)
    assert padded.found and "55个" in padded.text


def test_markup_in_the_question_is_only_text(qa):
    answer = qa.ask("<script>alert(1)</script> **跨省通办**的事项有多少个？")
    assert answer.found and "55个" in answer.text and "<script>" not in answer.text


def test_index_swap_is_picked_up(settings, real_embedder):
    from index.build import build_index
    from retrieval.qa import QA

    build_index(settings, real_embedder)
    service = QA(settings, real_embedder)
    assert not service.refresh()
    page = settings.seeds_dir / SEED.name
    page.write_text(page.read_text(encoding="utf-8").replace("336眼水井", "338眼水井"), encoding="utf-8")
    build_index(settings, real_embedder)
    assert service.refresh()
    assert "338眼" in service.ask("嘉祥县高铁沿线封填了多少眼水井？").text


def test_english_bridges_reach_the_corpus_words(qa):
    from retrieval.query import analyse

    def terms(question):
        return {t for c in analyse(question, qa.index.sparse, qa.index.lexicon).concepts for t in c.terms}

    assert "梁山" in terms("Where is Liangshan?")  # pinyin
    assert "高铁" in terms("wells along the high-speed railway")  # a CC-CEDICT phrase
    assert "市长" in terms("Who is the mayor?")  # a CC-CEDICT word
    assert {"跨省", "跨省通办"} <= terms("matters handled across provinces")  # characters joined
    assert "2月26日" in terms("What happened on February 26?")
    assert "2月26日" in terms("What happened on the twenty-sixth of February?")  # number words
    assert "销售收入" in terms("annual sales")  # 销售 has the gloss; the corpus has 销售收入
    assert {"二十六日", "26日"} <= terms("二十六日开工了什么？")  # a Chinese numeral in either form
    assert not {"1", "4"} & terms("统一审核标准的四省八市")  # words that only look like numbers


@pytest.mark.parametrize("question, fact", [
    ("How many wells were sealed along the railway in Jiaxiang?", "336眼"),
    ("How many matters are handled across provinces?", "55个"),
])
def test_an_english_question_finds_its_passage_by_meaning_too(qa, question, fact):
    # m3e-small puts an English question far from Chinese passages; embedded through the Chinese
    # words its concepts reach, the passage that answers it is among its nearest by cosine alone.
    from retrieval.query import analyse

    query = analyse(question, qa.index.sparse, qa.index.lexicon)
    _, ids = qa.index.faiss.search(qa.embedder.encode([query.dense_text]), 3)
    assert any(fact in qa.index.chunks[i].text.replace("\n", "") for i in ids[0])


def test_a_foreign_name_and_a_range_are_answered_whole(qa_over):
    """jieba cuts a transliterated name into pieces, and a range is two numbers: the answer holds each whole."""
    qa = qa_over({"wire.txt": "俄外交部就边境事件表态\n\n新华社莫斯科电 俄罗斯外交部发言人玛丽亚·扎哈罗娃12日表示，俄方将于下周与邻国举行边境会谈。\n\n"
                              "她说，根据新规，越境走私的个人将被处以3万至5万卢布罚款，企业将被处以20万至40万卢布罚款。"
                              "会谈定于10月8号至15号在边境城市举行。\n"})

    assert "玛丽亚·扎哈罗娃" in qa.ask("俄外交部发言人是谁？").text
    assert "3万至5万卢布" in qa.ask("越境走私的个人将被处以多少罚款？").text
    assert "20万至40万卢布" in qa.ask("企业将被处以多少罚款？").text
    assert "10月8号至15号" in qa.ask("边境会谈什么时候举行？").text


def test_a_which_ones_question_is_answered_with_the_whole_list(qa_over):
    """"哪些" asks for every item: an answer of one country of four is a wrong answer."""
    qa = qa_over({"plant.txt": "云岭杜鹃的分布与栽培\n\n云岭杜鹃是杜鹃花科常绿灌木，花期在每年四月。"
                               "云岭杜鹃分布于老挝、越南、泰国、缅甸以及中国的云南、贵州、四川、广西、西藏等地，多生长在海拔1500米以上的山坡林下。"
                               "目前园艺界已培育出红花、白花和粉花三个栽培品种。\n"})

    answer = qa.ask("云岭杜鹃分布在哪些地区？").text
    assert all(place in answer for place in ("老挝", "缅甸", "云南", "西藏")), answer


def test_an_age_and_a_date_in_chinese_numerals_are_answered(qa_over):
    """年龄多大 asks for years of age, not an area; histories write dates in Chinese numerals."""
    qa = qa_over({"court.txt": "男子持刀伤人被捕\n\n警方12日在城南逮捕一名持刀伤人的男子。"
                               "据警方通报，被捕男子现年43岁，无业，案发时与店主发生口角，现场面积约200平方米的店铺受损。\n",
                  "history.txt": "白河之战\n\n义军在城外休整月余。十一月初五，义军渡过白河，击溃守军前哨万余人。"
                                 "次年春，义军主力转战北方各地。\n"})

    assert "43岁" in qa.ask("被捕男子的年龄多大？").text
    assert "十一月初五" in qa.ask("义军在哪一天渡过白河？").text


def test_who_and_where_are_answered_by_words_that_name_no_person_or_place(qa_over):
    """国际社会 answers 谁 and 仓库正门 answers 在何处, though jieba tags neither as a name or a place:
    the sentence saying them competes as an answer all the same."""
    qa = qa_over({"blast.txt": "城东仓库发生爆炸 无人伤亡\n\n本报讯 昨日上午，城东一处仓库发生爆炸，所幸无人伤亡。"
                               "警方通报，一名袭击者在仓库正门引爆了他驾驶的车辆。事件发生后，外交部发表声明，呼吁国际社会保持克制。\n"})

    assert "仓库正门" in qa.ask("袭击者在何处引爆了车辆？").text
    assert "国际社会" in qa.ask("外交部呼吁谁保持克制？").text


def test_casualties_are_answered_with_the_dead_and_the_injured(qa_over):
    """伤亡 asks for both figures: the answer is the pair, not the first number of it."""
    qa = qa_over({"crash.txt": "国道发生客车侧翻事故\n\n本报讯 3日下午，一辆客车在国道128公里处侧翻，"
                               "事故造成2人死亡、17人受伤，伤者已被送往县人民医院救治。事发路段限速60公里。\n"})

    assert "2人死亡、17人受伤" in qa.ask("客车侧翻事故造成多少人伤亡？").text
    assert "2人死亡、17人受伤" in qa.ask("客车侧翻事故伤亡情况如何？").text
