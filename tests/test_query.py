"""Reading a question: what it asks about (its concepts) and what kind of fact answers it."""

from __future__ import annotations

from index.chunk import Chunk, Sentence
from index.sparse import Sparse
from index.terms import discover_terms
from retrieval.query import analyse

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


def test_a_function_word_jieba_glues_to_a_word_is_read_apart():
    sparse = _sparse()
    labels = _labels("昆明站于哪一年完工？", sparse)
    assert "站于" not in labels and "完工" in labels


def test_a_common_word_after_a_title_is_not_taken_for_a_name():
    terms = discover_terms(["国际组织委员代表国家参加会议。大会主席张伟强表示支持。"])
    names = {t for t, tag in terms if tag == "nr"}
    assert "张伟强" in names
    assert "国家" not in names and "表示" not in names
    # Tagged a name, 国家 was asked for as written, and a sentence without it could not answer.
    query = analyse("哪一个国家的人均钢铁消费量最高？", _sparse(terms), {})
    assert not any(c.exact for c in query.concepts)
