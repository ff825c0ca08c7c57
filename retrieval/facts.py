"""What a fact of each kind looks like in a sentence: numbers with their units, dates and times,
names of people, places and organisations, and where clauses end.

Patterns, not weights: they say which spans are candidates; which one answers is fitted
(`retrieval/model.py`).
"""

from __future__ import annotations

import re
from bisect import bisect_right

from index.terms import Tokenizer, person_names

UNITS = (
    "亿元|万元|千元|元|美元|亿|万|千|百|个|项|人|名|家|所|座|条|眼|亩|平方米|平方公里|平方千米|公顷|公里|千米|米|吨|"
    "天|周|年|个月|小时|分钟|秒|次|棵|株|片|处|批|户|台|辆|倍|岁|层|间|套|张|件|栋|场|支|期|届|类|种|例|枚|起|艘|架|"
    "位|只|头|部|篇|首|轮|份|颗|根|块|公斤|千克|克|度|%|％"
)
NUMBER = re.compile(
    rf"(?<![\d.,])(?:约|近|超过|达|共|逾)?(?:\d{{1,3}}(?:,\d{{3}})+|\d+)(?:\.\d+)?\s*(?:多|余)?\s*(?:万|亿|千)?\s*(?:多|余)?\s*(?:{UNITS})?(?:多|余)?"
    rf"|(?:约|近|超过|达|共|逾)?[一二三四五六七八九十两百千万]+(?:多|余)?(?:{UNITS}|镇|村)"
)
TIME = re.compile(
    r"(?:今年|去年|明年|前年)?\d{1,2}月(?:份)?(?:\d{1,2}日)?(?:上旬|中旬|下旬|初|底|末|上午|下午)?"
    r"|\d{4}年(?:\d{1,2}月(?:\d{1,2}日)?)?|(?:今年|去年|明年)(?:初|底|年底|上半年|下半年)?"
    r"|今天(?:上午|下午)?|昨天|日前|近日|近期|当前"
    r"|\d{1,2}日(?:凌晨|清晨|早晨|上午|中午|下午|傍晚|晚间|晚|夜间)?(?:\d{1,2}[时点](?:\d{1,2}分)?)?"
    r"|(?:公元前?)?\d{1,4}年(?:代)?|\d{1,2}世纪(?:初|末|初期|中期|末期|中叶|\d0年代)?"
    # Dynasties and reigns: histories (and Wikipedia) date by them.
    # A lone character names a dynasty only with a mark of one (南宋, 唐朝, 明末); 昆明 is a city.
    r"|[东西南北][汉晋宋周魏](?:朝|代)?(?:初年|末年|年间|时期|初期|末期)?"
    r"|[夏商周秦汉晋隋唐宋元明清](?:朝|代)(?:初年|末年|年间|时期|初期|末期)?"
    r"|[夏商周秦汉晋隋唐宋元明清](?:朝|代)?(?:初年|末年|年间|初期|末期)"
    r"|[\u4e00-\u9fff]{2}年间"
)
# The word an organisation's name ends in. A one-character ending must close a longer word
# (水务局, 指挥部), so 布局, 全部 and 大厅 are not organisations; 办 is left to jieba's `nt`
# (新闻办), as 通办 and 代办 are not.
_ORG_END = re.compile(r"(?:委员会|办公室|办事处|指挥部|中心|公司|政府|法院|检察院|银行|医院|大学|学校|协会|集团|部门|局|厅|委|部)$")
_NOT_ORG = ("布局", "格局", "全局", "大局", "结局", "全部", "内部", "外部", "局部", "干部", "大厅", "餐厅", "展厅")
_ORG_MAX = 14  # characters; longer runs of nouns are a sentence, not a name
_ORG_BREAK = ("p", "c", "u", "d", "r", "x")  # 与, 和, 的, 已, 该县, punctuation; digits are not CJK
# A place name does not take in the verb or preposition before it (现场位于赵固堆乡: 赵固堆乡).
_PLACE = re.compile(r"位于([^，。；]{2,20})|((?:(?![于在到从至往向是的和与及])[\u4e00-\u9fff]){2,6}(?:乡|镇|村|街道|新区|开发区|园区|社区|县|区|市|省))")
_CJK_ONLY = re.compile(r"[\u4e00-\u9fff]+")
# Clauses end at these marks; a comma between digits groups thousands (1,700), it ends nothing.
CLAUSE_END = re.compile(r"[，；：。！？;:]|,(?!\d{3})")


def clauses(sentence: str):
    """A function from offset to clause number (clauses end at ，；：。！？)."""
    ends = [m.end() for m in CLAUSE_END.finditer(sentence)]
    return lambda offset: bisect_right(ends, offset)


def clause_bounds(sentence: str) -> list[int]:
    """Where the sentence's clauses start and end: 0, each clause end, its length (sorted, once each)."""
    return sorted({0, len(sentence), *(m.end() for m in CLAUSE_END.finditer(sentence))})


def spans(kind: str, sentence: str, tokenizer: Tokenizer) -> list[tuple[str, int]]:
    """The spans of a kind in a sentence with their offsets; none for a kind without a pattern."""
    if kind == "number":
        out = []
        for m in NUMBER.finditer(sentence):
            span = m.group().strip()
            if not re.search(r"\d|[一二三四五六七八九十两]", span):
                continue
            if span[0] == "一" and len(span) == 2:
                continue  # 一处, 一批: an article ("a"), not a count
            rest = sentence[m.end() : m.end() + 1]
            if rest in ("月", "日") or re.fullmatch(r"\d{4}年?", span) or re.fullmatch(r"\d{1,2}", span) and rest == "月":
                continue  # a date, not a quantity
            out.append((span, m.start()))
        return out
    if kind == "time":
        return [(m.group(), m.start()) for m in TIME.finditer(sentence)]
    if kind == "person":
        names = person_names(sentence)
        # jieba tags some places nr (济宁市); a name does not end in a place's suffix.
        names |= {w for w, flag in tokenizer.tagged(sentence) if flag == "nr" and len(w) in (2, 3) and w[-1] not in "省市县区镇乡村"}
        return [(n, sentence.find(n)) for n in names if n in sentence]
    if kind == "place":
        out = []
        for m in _PLACE.finditer(sentence):
            group = 1 if m.group(1) else 2
            out.append((m.group(group), m.start(group)))
        out += [(w, sentence.find(w)) for w, flag in tokenizer.tagged(sentence) if flag == "ns" and len(w) >= 2]
        return out
    if kind == "org":
        return organisations(sentence, tokenizer)
    return []


def organisations(sentence: str, tokenizer: Tokenizer) -> list[tuple[str, int]]:
    """Organisation names in a sentence with their offsets: 市行政审批服务局, 市政府新闻办.

    A name ends in a word such as 局 or 办事处 (or one jieba tags `nt`) and takes in the words
    before it up to a function word or punctuation; of names starting at one place, the longest.
    """
    tagged = tokenizer.tagged(sentence)
    starts, at = [], 0
    for word, _ in tagged:
        starts.append(at)
        at += len(word)
    longest: dict[int, int] = {}
    for i, (word, flag) in enumerate(tagged):
        if not _ends_organisation(word, flag):
            continue
        end, first = starts[i] + len(word), i
        while first > 0:
            prev, prev_flag = tagged[first - 1]
            if prev_flag.startswith(_ORG_BREAK) or not _CJK_ONLY.fullmatch(prev) or end - starts[first - 1] > _ORG_MAX:
                break
            # A verb belongs to a name after a noun (行政审批服务局), not at its start (完善指挥部).
            if prev_flag.startswith("v") and (first < 2 or not tagged[first - 2][1].startswith("n")):
                break
            first -= 1
        if end - starts[first] >= 3:
            longest[starts[first]] = max(longest.get(starts[first], 0), end)
    return [(sentence[start:end], start) for start, end in longest.items()]


def _ends_organisation(word: str, flag: str) -> bool:
    """True for a word that closes an organisation's name: 水务局, 办事处, 公司, 新闻办 (`nt`)."""
    if word.endswith(_NOT_ORG):
        return False
    if flag == "nt" and len(word) > 1:
        return True
    m = _ORG_END.search(word)
    # The ending alone (公司, 局) takes its name from the words before it; a word that merely
    # ends in one must be longer than two characters (水务局, not 布局).
    return bool(m) and (word == m.group() or len(word) >= max(3, len(m.group()) + 1))
