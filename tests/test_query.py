"""Reading a question: what it asks about (its concepts) and what kind of fact answers it."""

from __future__ import annotations

import re

import pytest

from index.chunk import Chunk, Sentence
from index.sparse import Sparse
from index.terms import discover_terms
from retrieval.query import MANY, analyse

ARTICLES = [
    ("卡卢加州概况", "卡卢加州成立于1944年，首府卡卢加，面积约两万九千八百平方公里。"),
    ("世界钢铁消费", "韩国目前人均钢铁消费量居世界第一位，国家统计部门每年发布数据。"),
    ("昆明站改造完工", "昆明站改造工程于2014年完工，车站新建了两座候车大楼。"),
]


def _sparse(terms: list[list[str]] | None = None) -> Sparse:
    chunks = [Chunk(f"a{n}/1", f"a{n}", title, f"{n}.txt", "", [Sentence(text, 3, 3)]) for n, (title, text) in enumerate(ARTICLES)]
    return Sparse.build(chunks, terms or [])


def _labels(question: str, sparse: Sparse) -> set[str]:
    return {c.label for c in analyse(question, sparse, {}).concepts}


def test_traditional_asking_words_are_not_searched_for():
    sparse = _sparse()
    # 何年, 哪一 and 甚麼 only ask; as words no article has, they made every answer look partial.
    query = analyse("卡盧加州於何年成立?", sparse, {})
    assert query.kind == "time" and "何年" not in {c.label for c in query.concepts}
    query = analyse("世界上人均鋼鐵消費量由哪一國家獲得冠軍？", sparse, {})
    assert query.kind == "place" and not any(c.label.startswith("哪") for c in query.concepts)
    assert {"钢铁", "冠军"} <= {c.label for c in query.concepts}
    assert not {"甚么", "什么", "文中", "提及"} & _labels("文中提及昆明站發生過甚麼事?", sparse)
    assert analyse("哪一個人擔任卡盧加州首府的市長?", sparse, {}).kind == "person"
    assert analyse("哪个人口最多？", sparse, {}).kind != "person"


def test_asking_words_are_not_concepts_but_what_they_ask_about_is():
    sparse = _sparse()
    labels = _labels("卡卢加州的首府是什么样的城市？", sparse)
    assert "首府" in labels
    assert not {"什么", "样", "什么样"} & labels
    assert "乎" not in _labels("韩国几乎每年都发布钢铁数据吗？", sparse)  # 几乎 is a word, not 几 and 乎
    assert analyse("韩国几乎每年都发布钢铁数据吗？", sparse, {}).kind != "number"


def test_asking_and_pointing_words_leave_only_what_is_asked_about():
    sparse = _sparse()
    # 在哪 used to take the 在哪 of 在哪一年 and leave 一年 to be searched for.
    assert not {"一年", "年"} & _labels("卡卢加州在哪一年成立？", sparse)
    assert not {"分", "部分"} & _labels("首府位于卡卢加州哪一部分？", sparse)
    # A pointer back (此种, 这项, 该) and a lone 何 are words the answering sentence need not hold.
    labels = _labels("此种钢铁消费数据由哪个部门发布？", sparse)
    assert "此种" not in labels and {"钢铁", "发布"} <= labels
    assert not {"这项", "何"} & _labels("这项改造工程有何意义？", sparse)
    assert "车站" in _labels("该车站改造于何时完工？", sparse) and "该" not in _labels("该车站改造于何时完工？", sparse)


def test_a_word_that_only_holds_an_asking_word_asks_nothing():
    chunks = [Chunk("g/1", "g", "几内亚", "g.txt", "", [Sentence("几内亚首都科纳克里有一所多伦多大学的分校，当地人把这种鱼称为红鳍鱼。", 3, 3)])]
    sparse = Sparse.build(chunks, [])
    # 多大 of 多伦多大学 asked "how big" and left 多伦 and 学 to be searched for.
    query = analyse("多伦多大学的主要校区是哪个校区？", sparse, {})
    assert query.kind != "number" and {"多伦多", "大学", "校区"} <= {c.label for c in query.concepts}
    query = analyse("几内亚的首都是哪里？", sparse, {})
    assert query.kind == "place" and "几内亚" in {c.label for c in query.concepts}
    # 称为什么 asks what it is called, not why (为什么): 称为 stays a word of the question.
    assert "称为" in _labels("当地人把这种鱼称为什么？", sparse)
    assert "称" not in _labels("当地人把这种鱼称为什么？", sparse)


def test_a_measure_asks_for_a_number_unless_a_which_asks_for_a_thing():
    sparse = _sparse()
    assert analyse("卡卢加州的面积？", sparse, {}).kind == "number"
    assert analyse("面积最大的州是哪一个？", sparse, {}).kind != "number"


def test_the_asking_word_decides_the_kind_before_a_noun_that_names_what_is_asked():
    sparse = _sparse()
    # 名字 alone asks for a name; beside 何时 the name is what the question is about.
    assert analyse("昆明站这个名字是何时起用的？", sparse, {}).kind == "time"
    assert analyse("卡卢加州首府的名字？", sparse, {}).kind == "person"
    # 日期 of 5日期间 is no date asked for.
    assert analyse("3月1日至5日期间，昆明站共接待多少名旅客？", sparse, {}).kind == "number"
    assert analyse("卡卢加州在哪一个世纪成为独立的州？", sparse, {}).kind == "time"
    # 在哪 asks where, but 在哪一次战役 asks which battle.
    assert analyse("昆明站在哪举行了通车仪式？", sparse, {}).kind == "place"
    assert analyse("卡卢加州在哪一次战役后成立？", sparse, {}).kind == "other"
    assert analyse("卡卢加州位于俄罗斯哪个地区？", sparse, {}).kind == "place"
    assert analyse("美国钢铁消费最多的是哪一州？", sparse, {}).kind == "place"
    # 西元几年 asks which year; 几年 alone, how many years.
    assert analyse("昆明站于西元几年通车？", sparse, {}).kind == "time"
    assert analyse("昆明站改造用了几年？", sparse, {}).kind == "number"
    # A measure decides only where the question ends on it: before 为什么 or 什么 it is what the question is about.
    assert analyse("为什么卡卢加州人口持续减少？", sparse, {}).kind == "other"
    assert analyse("卡卢加州人口最多的城市为何？", sparse, {}).kind == "other"
    assert analyse("卡卢加州的人口约为？", sparse, {}).kind == "number"
    # 伤亡 asks for the dead and the injured, in no unit of its own.
    query = analyse("昆明站的事故造成多少人伤亡？", sparse, {})
    assert (query.kind, query.shape, query.unit_required) == ("number", "casualties", False)
    assert analyse("昆明站的事故伤亡如何？", sparse, {}).shape == "casualties"
    assert analyse("昆明站在全国车站中排第几？", sparse, {}).shape == "ordinal"
    # A reporter is asked for by name; who else is asked for is no byline's reporter.
    assert analyse("报道昆明站通车的记者是谁？", sparse, {}).shape == "byline"
    assert analyse("昆明站的照片是谁拍的？", sparse, {}).shape == "byline"
    assert analyse("昆明站站长是谁拍板任命的？", sparse, {}).shape == ""  # 拍板 decides, it takes no photo
    assert analyse("昆明站站长是谁？", sparse, {}).shape == ""


def test_how_old_asks_for_an_age_and_a_bare_how_big_for_no_unit():
    sparse = _sparse()

    def carries(question: str, answer: str) -> bool:
        query = analyse(question, sparse, {})
        return bool(re.search(f"(?:{query.unit})$", answer))

    assert carries("被捕男子的年龄多大？", "25岁") and not carries("被捕男子的年龄多大？", "25平方米")
    assert carries("胚胎多大时心脏开始跳动？", "4周")
    assert carries("新厂房面积有多大？", "2万平方米") and not carries("新厂房面积有多大？", "25岁")
    assert analyse("这次地震的影响有多大？", sparse, {}).unit == ""
    # 年纪 that ends a year (周年纪念, 2019年纪委) is no age.
    assert carries("学校举办了多少周年纪念活动？", "60周年") and not analyse("学校举办了多少周年纪念活动？", sparse, {}).unit_required
    assert not analyse("2019年纪委查处的案件有多少？", sparse, {}).unit_required
    assert carries("那位老人多大年纪了？", "92岁")


def test_the_measure_asked_for_is_the_one_after_the_asking_word():
    """People are counted in 人, 名 or 位 alike; a measure word that begins a noun asks for none of
    its own; 多久 asks for a span of time whatever the question is about; 近几年 asks nothing."""
    sparse = _sparse()

    def carries(question: str, answer: str) -> bool:
        query = analyse(question, sparse, {})
        return query.unit_required and query.in_unit(answer)

    assert carries("警方逮捕了多少人？", "7名") and carries("有几位专家参加？", "15人")
    assert carries("多少人因此受伤？", "3人")  # jieba glues 人因; the measure is 人 all the same
    assert carries("学校建于多少年前？", "20年") and not carries("学校建于多少年前？", "20名")
    assert not analyse("有多少年轻人参加志愿服务？", sparse, {}).unit_required
    assert not analyse("多少人口住在都会区？", sparse, {}).unit_required
    assert carries("近几年来，该市新建了多少所学校？", "12所") and not carries("近几年来，该市新建了多少所学校？", "3年")
    for question in ("法院判处男子多久的有期徒刑？", "项目从投资到建成用了多长时间？", "占地100亩的公园建了多久？"):
        assert carries(question, "12年") and carries(question, "五个多月"), question
        assert not carries(question, "两名") and not carries(question, "100亩"), question


def test_an_english_how_many_is_answered_by_a_span_of_time_only_when_it_counts_time():
    """"How many wells" counts wells, which 20多天 (how long the work took) cannot answer; "how many
    days" asks for a span of time and nothing else."""
    sparse, lexicon = _sparse(), {"en": {}, "pinyin": {}}  # no glosses: the asking words are what is read
    wells = analyse("How many wells were sealed along the railway?", sparse, lexicon)
    assert wells.out_of_unit("20多天") and wells.out_of_unit("3个月")
    assert not wells.out_of_unit("336眼") and not wells.out_of_unit("336")
    # A count that merely ends in a character of a unit of time is still a count.
    assert not wells.out_of_unit("3000名青年") and not wells.out_of_unit("15个工作日")
    for question in ("How many days did the sealing take?", "How many consecutive days did it rain?",
                     "How many years did the investment take?"):
        days = analyse(question, sparse, lexicon)
        assert days.unit_required and days.in_unit("20多天") and not days.in_unit("336眼"), question
        assert not days.out_of_unit("20多天"), question
    # "times a day" counts times, "were killed in two days" people.
    for question in ("How many times a day does the train run?", "How many people were killed in two days?"):
        assert analyse(question, sparse, lexicon).out_of_unit("20多天"), question
    # A Chinese question names what it counts by its measure word, which says all.
    assert not analyse("封了多少眼水井？", sparse, {}).not_unit


def test_which_ones_asks_for_several_and_which_one_for_one():
    sparse = _sparse()
    assert analyse("跨省通办合作联盟包括哪些城市？", sparse, {}).many
    assert analyse("哪两方在边境地区发生冲突？", sparse, {}).many
    assert not analyse("有哪一个国家承认了新政府？", sparse, {}).many
    assert MANY.search("Which cities signed the agreement?") and not MANY.search("What was the agreement called?")


def test_a_number_with_thousands_separators_is_one_number():
    chunks = [Chunk("p/1", "p", "人口普查", "p.txt", "", [Sentence("1989年，该地区共有192,000名居民。", 3, 3)])]
    query = analyse("该地区人口达到192,000是在哪一年？", Sparse.build(chunks, []), {})
    exact = [c for c in query.concepts if c.exact]
    assert [c.label for c in exact] == ["192,000"] and "192000" in exact[0].terms  # not 192 and 000


def test_a_unit_written_two_ways_or_in_a_larger_measure_is_the_unit_asked_for():
    sparse = _sparse()
    road = analyse("这条公路全长多少公里？", sparse, {})
    assert road.in_unit("20.76千米") and road.in_unit("8.6公里") and not road.in_unit("3000米")
    money = analyse("工程总投资多少万元？", sparse, {})
    assert money.in_unit("3.2亿元") and money.in_unit("800万元") and not money.in_unit("4000亩")


def test_any_measure_word_counts_things_which_no_length_or_time_answers():
    """几口井, 多少起袭击: the answer is a count (in that measure or another: the article may write
    336眼), never 20.76千米 or 20多天, whatever sum or length the question also names; a noun a
    measure word begins (部门) asks for none, nor does 几 in 几内亚, 几乎, 几点 (a time) or 第几."""
    sparse = _sparse()
    for question in ("县里打了几口井？", "当天发生了多少起袭击？", "机场遭到几枚火箭弹袭击？", "几内亚当月发生了多少起袭击？",
                     "县里投资建设了几口井？", "全长20公里的铁路旁有几口井？", "会议提出了几点要求？"):
        query = analyse(question, sparse, {})
        assert not query.unit_required, question
        for wrong in ("20.76千米", "20多天", "3个月", "16万平方米"):
            assert query.out_of_unit(wrong), (question, wrong)
        assert not query.out_of_unit("336眼") and not query.out_of_unit("两起") and not query.out_of_unit("3点"), question
    for question in ("全市有多少部门参加？", "游行晚上几点开始？", "双方举行了第几轮会谈？"):
        assert not analyse(question, sparse, {}).not_unit, question
    assert not analyse("门票多少块钱？", sparse, {}).out_of_unit("50元")  # 块 of money


def test_a_few_days_back_asks_nothing():
    """前几天, 这几天, 近几年, 十几个 say "a few": the question asks what its other asking word does,
    from where that word stands, and the vague words are no concept a sentence must hold."""
    sparse = _sparse()
    query = analyse("前几天竣工的车站叫什么名字？", sparse, {})
    assert query.kind != "number" and query.shape != "ordinal"
    assert [m.group() for m in query.asking] == ["什么"]
    query = analyse("这几天谁去了卡卢加州？", sparse, {})
    assert query.kind == "person" and [m.group() for m in query.asking] == ["谁"]
    assert analyse("十几个部门发布了什么数据？", sparse, {}).kind == "other"
    labels = _labels("近几年韩国人均钢铁消费量居世界第几位？", sparse)
    assert not {"近几年", "几年", "年", "近"} & labels and "钢铁" in labels
    assert "此前" in _labels("此前几个月，昆明站的改造进展怎么样？", sparse)
    # Still asking: a place in an order, a count of days, a time of day.
    assert analyse("韩国钢铁消费量排名前几？", sparse, {}).shape == "ordinal"
    assert analyse("韩国钢铁消费量位列前几名？", sparse, {}).shape == "ordinal"
    assert analyse("改造工程用了几天？", sparse, {}).kind == "number"
    assert analyse("昆明站几点开门？", sparse, {}).kind == "time"
    # 几 after the 后 of 最后 or 落后, the 好 of 最好 or the 前 of 提前 and 目前 still asks.
    query = analyse("比赛最后几分钟谁进了球？", sparse, {})
    assert "最后" in {c.label for c in query.concepts} and "几" in [m.group() for m in query.asking]
    assert analyse("主队落后几分？", sparse, {}).kind == "number"
    assert analyse("昆明站最好几点去？", sparse, {}).kind == "time"
    query = analyse("需要提前几天预约？", sparse, {})
    assert query.kind == "number" and query.in_unit("3天")
    assert analyse("目前几家企业已经复工？", sparse, {}).shape != "ordinal"


def test_a_measure_word_before_a_word_of_its_own_still_counts():
    """多少支队伍 counts 队伍 in 支, though CC-CEDICT has 支队 (a detachment): 支|队伍 is read, as a
    longest-match reader would. 家长 and 部门 are still nouns, not measure words."""
    sparse = _sparse()
    query = analyse("有多少支队伍参加了改造？", sparse, {})
    assert query.in_unit("12支") and "队伍" in _labels("有多少支队伍参加了改造？", sparse)
    assert not analyse("有多少家长参加？", sparse, {}).unit and not analyse("全市有多少部门参加？", sparse, {}).unit


def test_an_english_ordinal_is_a_place_in_an_order():
    """"the second largest city" asks for what a sentence calls 第二大城市; "the first" is 第一 or
    首次; a day of a month ("March second") stays a date."""
    sparse, lexicon = _sparse(), {"en": {}, "pinyin": {}}
    concepts = analyse("Which country has the second highest steel use?", sparse, lexicon).concepts
    second = next(c for c in concepts if c.label == "second")
    assert {"第二", "第2"} <= set(second.terms)
    first = next(c for c in analyse("When was the first hall built?", sparse, lexicon).concepts if c.label == "first")
    assert {"第一", "首次"} <= set(first.terms)
    assert not any(c.label == "second" for c in analyse("What happened on March second?", sparse, lexicon).concepts)
    assert not any(c.label == "first" for c in analyse("Which twenty-first century hall is it?", sparse, lexicon).concepts)


def test_a_place_in_an_order_asks_for_no_unit():
    """"国土面积位居世界第几位？" is answered 第149位: not a figure in 平方公里 for its 面积."""
    query = analyse("该国的国土面积位居世界第几位？", _sparse(), {})
    assert query.shape == "ordinal" and not query.unit_required and not query.out_of_unit("第149位")


def test_a_function_word_jieba_glues_to_a_word_is_read_apart():
    sparse = _sparse()
    labels = _labels("昆明站于哪一年完工？", sparse)
    assert "站于" not in labels and "完工" in labels


def test_a_head_cut_off_its_place_is_read_with_it():
    """jieba cuts 济宁市长 济宁市|长; the question asks for the 市长 of 济宁. 长江 stays 长江."""
    sparse = _sparse()
    assert {"市长"} <= _labels("济宁市长是谁？", sparse) and "长" not in _labels("济宁市长是谁？", sparse)
    assert "省长" in _labels("四川省长是谁？", sparse)
    assert "长江大桥" in _labels("南京市长江大桥有多长？", sparse)
    assert "站长" not in _labels("这座火车站长多少米？", sparse)  # 长 is "long" before a measure


def test_what_a_name_is_called_by_is_not_searched_for():
    """叫什么名字 and 的名称是什么 ask for a name; the sentence that gives it rarely says 名字."""
    sparse = _sparse()
    assert _labels("市政协主席叫什么名字？", sparse) == _labels("市政协主席是谁？", sparse)
    assert "名称" not in _labels("这座大桥的名称是什么？", sparse) and "大桥" in _labels("这座大桥的名称是什么？", sparse)
    assert "桥" in _labels("这座桥名叫什么？", sparse) and _labels("该公司名叫什么？", sparse) == {"公司"}
    assert "原名" in _labels("他的原名叫什么？", sparse)  # a former name is what is asked about
    # There the name is what is talked about.
    assert "名字" in _labels("他为什么改了名字？", sparse) and "名字" in _labels("济南为什么名字叫泉城？", sparse)
    assert "名称" in _labels("该品牌名称是什么时候注册的？", sparse)


def test_this_time_is_read_however_the_article_says_it():
    """这次, 此次 and 本次 stand for each other: "全省这次开工了几个项目" is answered by 此次全省集中开工93个项目."""
    concept = next(c for c in analyse("全省这次开工了几个项目？", _sparse(), {}).concepts if c.label == "这次")
    assert {"此次", "本次"} <= set(concept.terms)


def test_a_measure_word_jieba_glues_to_what_is_counted_is_read_apart():
    """多少眼井 is cut 多少|眼井 and 几辆车 whole, but the articles write 336眼水井 (眼|水井): the
    thing counted is 井 or 车. A word of its own that a measure word begins (家长, 部门) stays whole."""
    sparse = _sparse()
    assert {"眼", "井"} <= _labels("沿线封了多少眼井？", sparse) and "眼井" not in _labels("沿线封了多少眼井？", sparse)
    assert "车" in _labels("车站新买了几辆车？", sparse) and "辆车" not in _labels("车站新买了几辆车？", sparse)
    assert "家长" in _labels("有多少家长参加？", sparse) and "部门" in _labels("全市有多少部门参加？", sparse)


def test_a_common_word_after_a_title_is_not_taken_for_a_name():
    terms = discover_terms(["国际组织委员代表国家参加会议。大会主席张伟强表示支持。"])
    names = {t for t, tag in terms if tag == "nr"}
    assert "张伟强" in names
    assert "国家" not in names and "表示" not in names
    # Tagged a name, 国家 was asked for as written, and a sentence without it could not answer.
    query = analyse("哪一个国家的人均钢铁消费量最高？", _sparse(terms), {})
    assert not any(c.exact for c in query.concepts)


@pytest.mark.parametrize(
    "english, chinese",
    [("Malosan", "马洛桑"), ("Kandahar", "坎大哈"), ("Benghazi", "班加西"), ("Tikrit", "提克里特"), ("Wenger", "温格"), ("Marshall", "马歇尔")],
)
def test_a_name_sounds_alike_in_english_and_in_its_transliteration(english, chinese):
    from pypinyin import lazy_pinyin

    from index.lexicon import chinese_sound, english_sound

    assert english_sound(english) == chinese_sound(lazy_pinyin(chinese))


def test_a_name_one_consonant_off_is_found_below_an_exact_one():
    from index.lexicon import NEAR_SOUND, sounding

    sounds = {"KTN": ["卡尔顿"], "KTLN": ["卡特兰"], "PLTN": ["巴尔多尼"], "MS": ["摩苏"], "P": ["贝"]}
    assert sounding("KTN", sounds) == {"卡尔顿": 1.0}  # the exact sound only, when there is one
    assert sounding("PLT", sounds) == {"巴尔多尼": NEAR_SOUND}
    assert sounding("PTN", {"PLTN": ["巴尔多尼"], "MS": ["摩苏"]}) == {"巴尔多尼": NEAR_SOUND}  # Bardoni: 尔 writes the r
    assert sounding("P", sounds) == {}  # one consonant means too many names


def test_a_span_of_nothing_but_the_questions_words_restates_it():
    """"Who is Karl Weston?" names 卡尔·韦斯顿 in two glossed words: that name is what the question
    is about, not its answer; his title is not."""
    sparse = _sparse()
    lexicon = {"en": {"karl": {"卡尔": 1.0}, "weston": {"韦斯顿": 1.0}}, "pinyin": {}}
    query = analyse("Who is Karl Weston?", sparse, lexicon)
    assert query.restates("卡尔·韦斯顿") and query.restates("韦斯顿")
    assert not query.restates("外交部长卡尔·韦斯顿") and not query.restates("外交部长")
    # A loose gloss (china → 山东省, a third of a definition) is not the question naming it.
    lexicon["en"]["china"] = {"山东省": 0.33}
    assert not analyse("Which province of China is Jining in?", sparse, lexicon).restates("山东省")


def test_who_a_named_person_is_asks_for_a_title():
    """"李明远是谁？" and "Who is Li Mingyuan?" ask what the person is; "卡卢加州州长是谁？" asks for a name."""
    sparse, lexicon = _sparse(), {"en": {}, "pinyin": {}}
    assert analyse("李明远是谁？", sparse, {}).shape == "title"
    assert analyse("玛丽亚·扎哈罗娃是谁", sparse, {}).shape == "title"
    assert analyse("Who is Li Mingyuan?", sparse, lexicon).shape == "title"
    assert analyse("内塔尼亚胡是谁？", sparse, {}).shape == "title"
    assert analyse("卡卢加州州长是谁？", sparse, {}).shape != "title"
    assert analyse("济宁市长是谁？", sparse, {}).shape != "title"  # jieba: 济宁市|长
    assert analyse("Who is the governor of Kaluga?", sparse, lexicon).shape != "title"


def test_which_year_or_day_asks_for_a_time_of_that_grain():
    """哪一年 is answered by a year, not by the day beside it; 哪天 by a day, not a season."""
    sparse, lexicon = _sparse(), {"en": {}, "pinyin": {}}
    for question in ("卡卢加州在哪一年成立？", "卡卢加州何年成立？", "卡卢加州成立于民国几年？", "In what year was Kaluga founded?"):
        query = analyse(question, sparse, lexicon)
        assert query.grain == "year" and query.in_grain("1944年") and not query.in_grain("9月2日"), question
    query = analyse("植树活动是哪天举行的？", sparse, {})
    assert query.in_grain("今天上午") and query.in_grain("3月13日") and query.in_grain("昨晚") and not query.in_grain("春季")
    assert query.in_grain("腊月初八") and query.in_grain("三月十五") and not query.in_grain("十一月")
    assert query.in_grain("中秋节") and not query.in_grain("春天")
    assert analyse("去昆明站坐几号线？", sparse, {}).grain != "day"
    for question, grain in (("In which year was Kaluga founded?", "year"), ("On which day did the station open?", "day")):
        query = analyse(question, sparse, lexicon)
        assert query.kind == "time" and query.grain == grain, question
    assert not analyse("卡卢加州什么时候成立？", sparse, {}).grain
    assert not analyse("卡卢加州成立了几年？", sparse, {}).grain  # how long, not which year


def test_a_copula_jieba_glues_to_the_noun_before_an_asking_word_is_read_apart():
    """…的人为谁 is 人|为|谁: as jieba reads it, 人为 ("man-made"), no sentence naming the person holds it."""
    sparse = _sparse()
    assert "人为" not in _labels("最早提出这项计划的人为谁？", sparse)
    assert "人为" in _labels("这场火灾是人为的吗？", sparse)
    assert "称为" in _labels("这座新桥被称为什么？", sparse)  # a verb keeps its 为
    assert {"华为", "康有为", "实事求是"} <= _labels("华为何时发布新机？康有为何时去世？实事求是怎么理解？", sparse)  # names and idioms
    assert "子" not in _labels("这座新桥是什么样子？", sparse)
