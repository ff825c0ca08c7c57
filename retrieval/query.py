"""A question as typed → what to search for and what kind of fact answers it.

A question is a list of concepts. A concept is one thing the question names — a Chinese word,
an exact number or name, or an English word — with the corpus words that can stand for it
(the word itself, a synonym, CC-CEDICT glosses, a name spelt in pinyin or sounding alike). A
passage answers when it covers the concepts, not every alternative of each.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field

import opencc

from index.lexicon import ENGLISH_STOPWORDS, english_sound, english_words, leading_measure, sounding, stems, word_matches
from index.sparse import Sparse, char_pairs
from index.terms import content_word, person_names
from index.text import FULL_WIDTH
from retrieval.numbers import NUMERALS, holds_numeral, integer_spellings, ordinal_spellings, spellings, starts_or_ends_numeral

MAX_QUESTION = 300  # characters; longer questions are cut, and the answer says so

_T2S = opencc.OpenCC("t2s")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_DATE = re.compile(r"(?:\d{4}年)?\d{1,2}月(?:\d{1,2}日)?|\d{1,2}日")
_LATIN = re.compile(r"[A-Za-z0-9]+(?:[-.][A-Za-z0-9]+)*")
_QUOTED = re.compile(r"[“「『\"']([^”」』\"']{1,20})[”」』\"']")

# 前 that means "before" or "the first" (前几天, 前几名), not the 前 of 提前, 目前 or 当前.
_AHEAD = r"(?<![提目当])前"
_TIME_BACK = r"(?:个月|[天年日周次回期])"  # what 前几 counts back in (前几天, the other day)
# 几 that asks: not "a few" after 这, 近, 十 or 好 (近几年来, 这几天, 好几次; 最好几点 still asks), nor
# 前几 of a time back, though 前几名 asks a place in an order and 提前几天 how many days. One
# definition for every reading of 几 below, so a question is not asked how many by one and
# something else by another.
_FEW = rf"(?<![这近十])(?<!(?<!最)好)(?!(?<={_AHEAD})几{_TIME_BACK})几"
# 几点 asks the time, unless points are counted (提出了几点要求).
_POINTS = "要求|建议|意见|看法|措施|做法|原因|理由|体会|希望|共识|内容|经验"

_ERA_YEAR = r"(?:公元|西元|民国|纪元)前?几年"  # which year of an era or the common era

# Question kinds: the Chinese asking words, the Chinese nouns that name what is asked, the English
# patterns. The first kind whose asking word the question holds wins; a noun decides only where no
# asking word does ("这个名字是何时出现的" asks when, not who).
KINDS = [
    ("person", r"谁|何人|哪一?位|哪一?个人(?![口数员民])|什么人", r"姓名|名字", r"\bwho\b|\bwhose\b|\bwhom\b|\bwhich (?:person|man|woman)\b"),
    # 西元几年 asks which year, not how many.
    ("number", rf"多长时间|多久|{_FEW}天|(?<!公元|西元|民国|纪元){_FEW}年|{_FEW}个月", None, r"\bhow long\b"),
    (
        "time", rf"什么时候|何时|何年|何月|何日|几时|{_FEW}点(?!{_POINTS})|哪一?天|几月|几号|哪一?年|什么时间|哪一?个?(?:世纪|年代)|{_ERA_YEAR}|几世纪", r"(?<!\d)日期",
        r"\bwhen\b|\b(?:what|which) (?:time|date|day|month|year)\b",
    ),
    # 在哪 before a measure word asks which thing (在哪一场会议), and the thing decides.
    (
        "place", r"哪里|哪儿|在哪(?!一?(?:个|场|次|种|部|本|届|项|份|期|篇|首|家|位))|什么地方|何地|何处|哪一?(?:个|座)?(?:县|乡|镇|村|街道|地方|地区|城市|州|省|区|国家|国)", r"地点",
        r"\bwhere\b|\bwhich (?:place|town|village|county|city|province|country)\b",
    ),
    (
        "org", r"哪一?个(?:部门|单位|机构|公司|企业)|哪一?家|什么(?:部门|单位|机构)|哪些(?:部门|单位)", None,
        r"\bwhich (?:department|agency|bureau|office|company|organi[sz]ation)\b",
    ),
    # A measure named without an asking word asks for its number when the question ends on it
    # (卡卢加州的人口？); before a 为什么 or a 什么 it only says what the question is about
    # (大规模抗议的起因是什么, 人口最多的城市为何). 伤亡 asks for the figures (袭击伤亡如何).
    (
        "number", rf"多少|(?<!哪){_FEW}(?!乎)|多大|多高|多长|多远|多重|多宽|多深", r"(?:面积|规模|数量|比例|人口)(?:大约|大概|约|是|为|有|达|共计?)*[?？。]?\s*$|伤亡|死伤",
        r"\bhow (?:many|much|big|large|high|far|long|old)\b|\bnumber of\b|\bwhat(?:'s| is| was| are| were)\b[^?]*\b(?:population|area|size|length|cost|price|budget|amount|number|percentage|rate|investment|scale|gdp|output|revenue|height|width|depth|distance)\b",
    ),
]
# The word that asks: the answer takes its place in the sentence (多少 → 55个, 谁 → 翟德军). It is
# dropped from what is searched, and what stands either side of it is what the answer stands
# beside. Traditional questions are read converted, so 何年, 哪一 and 甚麼 (→ 什么) are here too.
ASKING = re.compile(
    r"多长时间|多久|什么时候|什么时间|什么地方|什么人|什么样(?:子的?|的)?|什么|为什么|为何|如何|怎么样|怎么|怎样|"
    r"(?<!任)何(?:时|人|地|处|年|月|日|种|者|物|故)|在哪(?:里|儿)|哪里|哪儿|"
    r"哪一?(?:个(?:部门|单位|机构)?|些(?:部门|单位)?|位|家|天|年|种|类|条|部分|部|座|所|本|首|支|方|边|样|次|届|场|项|名|只|款|门|段|件|份|张)?|"
    rf"谁|多少|{_FEW}个月|{_FEW}(?!乎)|多大|多高|多长|多远|多重|多宽|多深"
)
# A question asking for several things (哪些城市, which cities): a list answers it whole.
MANY = re.compile(r"哪些|哪几|哪[两二三四五六七八九十]|\b(?:which|what) (?!(?:is|was|has|does|its|this)\b)(?:ones|\w+s)\b", re.I)
# The grains of time a question may ask for: what asks for it, and what a time of that grain holds.
_GRAINS = {
    "year": (re.compile(rf"哪一?个?年份?|何年|什么年份|几几年|{_ERA_YEAR}|\b(?:which|what) year\b", re.I), re.compile(r"年|\d{3,4}")),
    "day": (
        re.compile(r"哪一?天|几号(?!线)|几日|何日|哪一日|\b(?:which|what) (?:day|date)\b", re.I),
        # A day, a weekday, a day in Chinese numerals after its month, a festival; not 春天.
        re.compile(r"[日号]|(?<![春夏秋冬])天|[今昨前明][晚晨早夜]|(?:周|星期|礼拜)[一二三四五六]|月(?:初|[一二三四五六七八九十廿卅]|\d)|节|元旦|除夕"),
    ),
}
# 哪国, 哪一个国家, 何国, 什么国家 (哪国人 too): a country or a state answers, not a city or a region.
_COUNTRY = re.compile(r"(?:哪一?个?|何|(?<!为)什么)国家?(?![际内外])|\b(?:which|what) (?:country|nation)\b", re.I)
# Words that only frame a question, dropped from what is searched too: a request, the question of
# whether, a pointer to "the text" (文中提及…), and measures whose unit the answer must carry (长度 → 米).
_FRAMING = re.compile(
    r"请问|是否|(?:文中|本文|文章中?)所?(?:提及|提到|记载|描述|指出)?的?|长度|距离|高度|宽度|深度|"
    # Pointers back to what the reader just read (此种概念, 这项服务, 该地): the sentence that answers
    # names the thing itself.
    r"(?:这|此)(?:种|项|篇|类|些)|(?<![应活])该(?=[\u4e00-\u9fff])|"
    # What a name is called by (叫什么名字, 的名称是什么): the sentence that answers names it.
    r"(?:(?<![原别小化笔艺学俗本真全乳文])名)?叫(?:做)?(?=什么)|(?<!为什么)(?<=什么)名字"
    r"|的?(?:名字|名称)(?=(?:是|叫)?什么(?!时候|时间|意思|含义|意义|来历|由来|寓意|样))"
    # "A few" of a time or a count that does not ask (近几年, 这几天, 十几个, 前几天, not 前几名):
    # it names nothing a sentence would say. 此前几个月 keeps its 此前.
    rf"|(?:[这近十]|(?<!最)好)几(?:个月|[天年日周次回期个])?|(?<![此之以事日]){_AHEAD}几{_TIME_BACK}|(?<={_AHEAD})几{_TIME_BACK}"
)
_FRAMED = "\x00"  # where a framing word stood, as long as it was: the asking words keep their places
# Variants that the conversion to Simplified script keeps apart from the usual form.
_VARIANTS = {"甚么": "什么", "甚麽": "什么"}
# A few synonyms that news questions use for the words news text uses (拍 a photo → 摄).
SYNONYMS = {
    "拍": ("摄",), "拍摄": ("摄",), "照片": ("图", "摄"), "图片": ("图", "摄"), "摄影": ("摄",),
    "开始": ("起", "启动", "开展"), "完成": ("全部完成", "完工"), "花": ("经过", "用时"), "用": ("经过",),
    "投资": ("总投资",), "总共": ("共",), "一共": ("共",),
    "这次": ("此次", "本次"), "此次": ("这次", "本次"), "本次": ("此次", "这次"),
}
_MONTHS = {m: i for i, m in enumerate(
    "january february march april may june july august september october november december".split(), 1)}
_EN_NUMBERS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen".split())}
_EN_TENS = {w: 10 * i for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split(), 2)}
_EN_ORDINALS = {
    **{w + "th": v for w, v in _EN_NUMBERS.items() if v > 3},
    "first": 1, "second": 2, "third": 3, "fifth": 5, "eighth": 8, "ninth": 9, "twelfth": 12,
    **{w[:-1] + "ieth": v for w, v in _EN_TENS.items()},
}
_FOLLOW_UP = re.compile(r"^(?:那|那么|它|它们|这个|该|此|这|他|她|其|还有|and\b|what about\b|how about\b)", re.I)
_ASKING_EN = re.compile(r"\b(?:how|many|much|what|who|whom|whose|where|when|which|why|is|are|was|were|do|does|did)\b")
_WEAK_POS = ("v", "vd", "vn", "d", "a", "ad", "p", "c", "u")


@dataclass
class Concept:
    """One thing a question names, and the corpus words that can stand for it (word → weight)."""

    label: str
    terms: dict[str, float]
    exact: bool = False
    gloss: bool = False  # English word: its weights say how well each gloss translates it
    predicate: bool = False  # a verb, adverb or adjective (牵头, 推进): the words questions paraphrase


@dataclass
class Query:
    """What a question asks, ready for search and answer extraction."""

    raw: str
    text: str
    lang: str
    kind: str
    concepts: list[Concept] = field(default_factory=list)
    truncated: bool = False
    focus: set[str] = field(default_factory=set)
    unit: str = ""
    unit_required: bool = False
    not_unit: str = ""  # units the asked-for number cannot carry: a span of time for "how many wells"
    shape: str = ""  # the shape of the answer asked for (`facts.spans`): a place in an order (第几), casualties (伤亡), a byline (记者), a person's title (王立新是谁)
    # The text with each word that merely holds an asking word masked (多伦多大学, 几内亚): where
    # asking words are looked for.
    guarded: str = ""

    def __post_init__(self) -> None:
        self.guarded = self.guarded or self.text

    def in_unit(self, figure: str) -> bool:
        """The figure ends in a unit the question asks for (多少人: 7名, 多少亩: 30余亩)."""
        return bool(self.unit) and bool(re.search(f"(?:{self.unit})(?:多|余)?$", figure))

    def out_of_unit(self, figure: str) -> bool:
        """The figure is a number in a unit that cannot answer the question (how many wells: 20多天,
        3个月; not 3000名青年 or 15个工作日, which only end in a character of one)."""
        return bool(self.not_unit) and bool(re.search(f"[\\d{NUMERALS}个多余半](?:{self.not_unit})(?:多|余)?$", figure))

    def restates(self, span: str) -> bool:
        """The span is nothing but the question's own terms, a name's dots and spaces: what the
        question names, not what it asks ("Who is Karl Weston?" is not answered by 卡尔·韦斯顿)."""
        for term in self.names:
            span = span.replace(term, "")
        return not span.strip(" ·・•")

    @functools.cached_property
    def names(self) -> list[str]:
        """The question's own words of two characters or more, and the full glosses of an English
        one's (Karl → 卡尔; not china → 山东省, a loose gloss), longest first: what the question
        names. Read once the question is analysed, for every span of every candidate."""
        found = dict.fromkeys(t for c in self.concepts for t, w in c.terms.items() if len(t) > 1 and (w >= 1.0 or not c.gloss))
        return sorted(found, key=len, reverse=True)

    @property
    def words(self) -> list[str]:
        """Every corpus word that stands for some concept, for BM25."""
        return list(dict.fromkeys(t for c in self.concepts for t in c.terms))

    @property
    def weights(self) -> dict[str, float]:
        """Each word's weight (the highest any concept gives it)."""
        out: dict[str, float] = {}
        for c in self.concepts:
            for t, w in c.terms.items():
                out[t] = max(out.get(t, 0.0), w)
        return out

    @property
    def pairs(self) -> dict[str, float]:
        """Character pairs for the BM25 over pairs, with their weights: the question's own, its
        asking words left out (so a name jieba cut wrong still counts), and those of its concepts'
        words at their weight (an English question's glosses, a follow-up's earlier words)."""
        out = dict.fromkeys(char_pairs(self.searchable) if self.lang == "zh" else [], 1.0)
        for c in self.concepts:
            for term, weight in c.terms.items():
                for pair in char_pairs(term):
                    out[pair] = max(out.get(pair, 0.0), weight)
        return out

    @property
    def dense_text(self) -> str:
        """What the question's vector is made from: the question, or for an English one the Chinese
        words its concepts reach (each its closest), as the passages' vectors are of Chinese text."""
        if self.lang == "zh":
            return self.text
        return " ".join(max(c.terms, key=c.terms.__getitem__) for c in self.concepts if c.terms) or self.text

    @property
    def asking(self) -> list[re.Match]:
        """A Chinese question's asking words, where they stand in `text` (none for English)."""
        return list(ASKING.finditer(self.guarded)) if self.lang == "zh" else []

    @property
    def many(self) -> bool:
        """It asks for several things (哪些, which ones)."""
        return bool(MANY.search(self.guarded))

    @property
    def asks_country(self) -> bool:
        """It asks which country or state (哪国, 哪一个国家, which country)."""
        return self.kind == "place" and bool(_COUNTRY.search(self.guarded))

    @property
    def grain(self) -> str:
        """The grain of time asked for: "year" (哪一年, 何年, 民国几年, in what year), "day" (哪一天,
        几号, on what day) or "" (什么时候: any)."""
        if self.kind != "time":
            return ""
        return next((grain for grain, (asks, _) in _GRAINS.items() if asks.search(self.guarded)), "")

    def in_grain(self, span: str) -> bool:
        """The span names a time of the grain asked for (哪一年: 1985年, not 10月8日 alone; 哪天: 今天上午, not 春季)."""
        return not self.grain or bool(_GRAINS[self.grain][1].search(span))

    @property
    def searchable(self) -> str:
        """The question without its asking and framing words (as written, for an English one)."""
        if self.lang != "zh":
            return self.text
        # Framing words are found with the asking words still in place, as some are framing only
        # beside one (叫 before 什么, 名字 after it); then both are dropped.
        text = _FRAMING.sub(lambda m: _FRAMED * len(m.group()), self.text)
        for m in reversed(self.asking):
            text = text[: m.start()] + " " + text[m.end() :]
        return re.sub(f"{_FRAMED}+", " ", text)

    @property
    def exact(self) -> list[str]:
        """Numbers, dates, quoted words and names that must match as written."""
        return [t for c in self.concepts if c.exact for t in c.terms]

    @property
    def empty(self) -> bool:
        """Nothing searchable: only stopwords, emoji or punctuation."""
        return not self.concepts

    @property
    def looks_like_follow_up(self) -> bool:
        """Opens with a word that points back ("那", "它", "what about"), or is short."""
        return bool(_FOLLOW_UP.match(self.text)) or (self.lang == "zh" and len(_CJK.findall(self.text)) <= 8)


def holds(text: str, term: str) -> bool:
    """True when the text contains the term; a number only whole (50 is not in 5000 or 1.50, 二十 not
    in 一百二十, 三名 not in 十三名, 第2 not in 第20); a word in Latin letters in any case (the index's words are
    lower-cased: fbi is in 联邦调查局（FBI）)."""
    leading, trailing = term[:1].isdigit(), term[-1].isdigit()
    if not leading and starts_or_ends_numeral(term):
        return holds_numeral(text, term)
    if leading or trailing:
        return re.search((r"(?<![\d.])" if leading else "") + re.escape(term) + (r"(?!\.?\d)" if trailing else ""), text, re.I) is not None
    return term in text or (term.isascii() and term in text.lower())


def stands(concept: Concept, sentence: str, words: list[tuple[str, int]]) -> list[tuple[int, int]]:
    """Where a concept stands in a sentence: its whole words where the tokenizer sees them (市长
    does not anchor at 副市长), else any longer term as a substring (jieba may cut it otherwise).

    Args:
        concept: a concept of the question.
        sentence: the sentence.
        words: the sentence's words (lower-cased) with their start offsets.
    """
    found = [(start, start + len(word)) for word, start in words if word in concept.terms]
    return found or [(m.start(), m.end()) for t in concept.terms if len(t) > 1 for m in re.finditer(re.escape(t), sentence)]


def clean(question: str) -> tuple[str, bool]:
    """Drop markup and control characters, fold full-width forms and spaces, cut to MAX_QUESTION.

    Returns:
        The cleaned text and whether it was cut.
    """
    # Markup pasted into a question is not part of it: drop scripts, tags and emphasis marks.
    text = re.sub(r"<(script|style)\b[^>]*>.*?</\1\s*>", " ", question, flags=re.I | re.S)
    text = re.sub(r"</?[A-Za-z][^>]{0,200}>", " ", text)
    text = re.sub(r"[*_~`#>]{1,3}", " ", text)
    text = re.sub(r"(.)\1{3,}", r"\1", text)  # 啊啊啊啊… or ？？？？ says nothing more than once
    text = "".join(" " if unicodedata.category(ch)[0] in "CZ" else ch for ch in text)
    text = "".join(unicodedata.normalize("NFKC", ch) if ch.isalnum() or ch in FULL_WIDTH else ch for ch in text)
    text = re.sub(r"\s+", " ", text).strip()
    cut = len(text) > MAX_QUESTION
    return (text[:MAX_QUESTION] if cut else text), cut


def language(text: str) -> str:
    """`zh` when Chinese characters carry the text, `en` when Latin letters do."""
    cjk = len(_CJK.findall(text))
    latin = len(re.findall(r"[A-Za-z]", text))
    return "zh" if cjk and cjk * 2 >= latin else ("en" if latin else "zh")


def read_question(raw: str) -> str:
    """The question as it is read: Simplified script, usual forms of variant characters."""
    text = _T2S.convert(raw)
    for variant, usual in _VARIANTS.items():
        text = text.replace(variant, usual)
    return text


def analyse(question: str, sparse: Sparse, lexicon: dict) -> Query:
    """Turn a question into concepts (with English bridged to Chinese) and an answer kind.

    Args:
        question: as the user typed it, in simplified or traditional Chinese or English.
        sparse: the BM25 index, for its tokenizer and vocabulary.
        lexicon: the index's English and pinyin bridges.
    """
    raw, truncated = clean(question)
    text = read_question(raw)
    lang = language(text)
    guarded = _guarded(text, sparse) if lang == "zh" else text
    query = Query(raw=raw, text=text, lang=lang, kind=_kind(guarded, lang), truncated=truncated, guarded=guarded)
    exact = _exact(text, sparse)
    # A number counts however the article writes it: 23 or 二十三, 1/3 or 三分之一, 9成 or 90%.
    numbers = spellings(text)
    if lang == "en":
        said = _english_numbers(text)
        numbers += [(n, integer_spellings(int(n))) for n in said if n.isdigit()]
        exact += [d for d in said if not d.isdigit()]
    for term in dict.fromkeys(exact):
        query.concepts.append(Concept(term, {term: 1.0}, exact=True))
    for written, forms in numbers:
        if not any(written in e for e in exact):  # the 7 of 7月8日 is part of the date
            query.concepts.append(Concept(written, dict.fromkeys(forms, 1.0), exact=True))
    if lang == "en":
        query.concepts += _english_ordinals(text)
    # A question's word inside one of these is read with it: the exact terms as written and in digits.
    exact = [c.label for c in query.concepts if c.exact] + [t for t in query.exact if t[:1].isdigit()]
    covered = set(exact)
    for word, flag in _words(query.searchable, sparse, text):
        word = word.lower()
        # A lone 何 is the asking word of 何概念, 有何涵义 (a surname 何 is inside its name's word).
        if word in covered or word == "何" or not content_word(word) or not _CJK.search(word):
            continue
        if any(word in e for e in exact):
            continue
        covered.add(word)
        weak = flag in _WEAK_POS
        weight = 0.6 if weak else 1.0
        terms = {word: weight}
        for synonym in SYNONYMS.get(word, ()):
            terms[synonym] = 0.8 * weight
        query.concepts.append(Concept(word, terms, predicate=weak))
    written: set[str] = set()  # words of a Chinese question matched as written, not glossed
    if lang == "zh":
        written = {w for e in exact for w in english_words(e)}  # a quoted "URBAC"
        # A name or term the question writes in Latin letters (Chesky, 64DD, FBI) is matched as
        # written where the articles have it; jieba may cut it (64 | DD), the index has it whole.
        for m in _LATIN.finditer(text):
            word = m.group().lower()
            if (
                re.search("[a-z]", word) and word not in ENGLISH_STOPWORDS and not any(word in e.lower() for e in exact)
                and sparse.document_frequency(word) and not any(c.label == word for c in query.concepts)
            ):
                written.update(english_words(word))
                query.concepts.append(Concept(word, {word: 1.0}))
    if lang == "en" or re.search(r"[A-Za-z]{2,}", text):
        # Words already read as a number or date ("fifty-five", "March twelfth") are not glossed.
        numeric = set(_EN_NUMBERS) | set(_EN_TENS) | set(_EN_ORDINALS)
        if any(_DATE.fullmatch(e) for e in exact):
            numeric |= set(_MONTHS)
        query.concepts += _english_concepts(text, lexicon, sparse, skip=numeric | written)
    query.focus = _focus(query)
    query.shape = next((shape for shape, asks in _SHAPES.get(query.kind, ()) if asks.search(text)), "")
    if query.kind == "person" and not query.shape and _asks_who_someone_is(query, sparse):
        query.shape = "title"
    if query.kind == "number":
        # Casualties are counted in deaths and injuries, not in the unit of 多少人伤亡.
        query.unit, query.unit_required, query.not_unit = _unit(text, query.shape == "ordinal") if query.shape != "casualties" else ("", False, "")
    return query


def _words(text: str, sparse: Sparse, question: str):
    """The question's (word, part of speech) pairs. A word the corpus lacks that jieba glued from a
    word and a function word (站于 of 昆明站于2014年) is read as its parts: as one, it would be a
    word no passage holds, and the question would seem to ask about something the articles lack.
    So is a measure word glued to what follows a 多少 or 几 (多少眼井, 几辆车, 第几批赴), where the
    corpus lacks the whole: the articles' 336眼水井 is cut 眼|水井."""
    for word, flag in _copula_cut(_heads_joined(sparse.tokenizer.tagged(text), question), question):
        unknown = len(word) > 1 and not sparse.document_frequency(word.lower())
        measure = leading_measure(word) if unknown and ("多少" + word in question or "几" + word in question) else ""
        if measure:
            yield measure, "q"
            yield from sparse.tokenizer.tagged(word[len(measure) :])
            continue
        parts = sparse.tokenizer.plain_words(word) if unknown else [word]
        if len(parts) > 1 and not all(content_word(p) for p in parts):
            for part in parts:
                yield from sparse.tokenizer.tagged(part)
        else:
            yield word, flag


# What an asking word begins with, for a copula glued before it.
_ASKS_NEXT = "(?:谁|何|什么|哪|多少|几|怎)"


def _copula_cut(tagged: list[tuple[str, str]], question: str) -> list[tuple[str, str]]:
    """The tagged words with a copula that jieba glued to a one-character noun before an asking word
    read apart: …的人为谁 is 人|为|谁, not 人为 (man-made). A verb or a conjunction that ends in it
    (称为, 认为, 因为, 还是) keeps it, and so do a name (华为, 康有为) and a longer word (实事求是).
    The question, as asked, has the asking word."""
    out = []
    for word, flag in tagged:
        if len(word) == 2 and word[-1] in "为是" and flag == "n" and re.search(re.escape(word) + _ASKS_NEXT, question):
            out += [(word[:-1], flag), (word[-1], "v")]
        else:
            out.append((word, flag))
    return out


# jieba reads 济宁市长 as 济宁市|长 (the ambiguity of 南京市长江大桥); a lone 长 after a place or a body
# is its head: 济宁|市长, 四川|省长, 公安|局长. Not where a measure follows it: 火车站长多少米 is long.
_HEAD_OF = re.compile(r"(\w{2,})([市省县区镇乡村局所院校处厂部社站队])")
_LENGTH_FOLLOWS = re.compile(rf"[\d{NUMERALS}几多约近达超逾有为]")


def _heads_joined(tagged: list[tuple[str, str]], question: str) -> list[tuple[str, str]]:
    """The tagged words with a head the tokenizer cut off its body read with it (济宁|市长); the
    question, as asked, tells what follows the 长."""
    out = list(tagged)
    for i in range(1, len(out)):
        if out[i][0] == "长" and (m := _HEAD_OF.fullmatch(out[i - 1][0])):
            after = question[question.find(out[i - 1][0] + "长") + len(out[i - 1][0]) + 1 :][:1]
            if not _LENGTH_FOLLOWS.match(after):
                out[i - 1 : i + 1] = [(m.group(1), out[i - 1][1]), (m.group(2) + "长", "n")]
    return out


_SHAPES = {
    "number": (
        ("ordinal", re.compile(rf"第几|{_AHEAD}{_FEW}|\bwhat (?:place|rank)\b|\branks?\b", re.I)),
        ("casualties", re.compile(r"伤亡|死伤|几死几伤|\bcasualties\b|\bdead and (?:wounded|injured)\b", re.I)),
    ),
    # Who reported or who took the photo: the name a byline or a credit gives (记者 杨国庆 摄).
    "person": (
        ("byline", re.compile(
            r"记者|通讯员|撰稿|摄影|拍摄|谁(?:拍|摄)(?![板入取])"
            r"|\b(?:reporter|journalist|correspondent|photographer)s?\b|\bwho (?:wrote|reported|photographed)\b"
            r"|\bwho took\b.*\b(?:photo|picture|image)s?\b", re.I)),
    ),
}
# "王立新是谁", "Who is Karl Weston?": a name and only the asking words, which a reader of news asks
# to learn what the person is (市外事办公室发言人), not who.
_WHO_IS = re.compile(r"^(?:请问)?(.{2,16}?)(?:是谁|是何人|为何人|是什么人)[？?。]?$")
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")
_DOTTED_NAME = re.compile(r"[\u4e00-\u9fff]{1,8}(?:[·・][\u4e00-\u9fff]{1,8})+")
# A name is written with capitals (Who is Karl Weston?); "the" asks for a role's holder (Who is the mayor?).
_WHO_IS_EN = re.compile(r"^\s*[Ww]ho (?:[Ii]s|[Ww]as) (?:[A-Z][\w'’-]*\s*){1,4}[?.]?\s*$")


def _asks_who_someone_is(query: Query, sparse: Sparse) -> bool:
    """The question names a person and asks only who they are."""
    if query.lang == "en":
        return bool(_WHO_IS_EN.match(query.text))
    if not (m := _WHO_IS.match(query.text.strip())):
        return False
    subject = m.group(1)
    if _DOTTED_NAME.fullmatch(subject):
        return "的" not in subject  # 卡尔·韦斯顿的助手 is someone else
    # A name jieba tags whole (陈浩宇, 内塔尼亚胡) or by its surname (李|明远), with no noun after it
    # (李市长 is asked for his name).
    words = _heads_joined(sparse.tokenizer.tagged(subject), subject)  # 济宁市|长 is 济宁|市长, no name
    return bool(_CJK_RUN.fullmatch(subject)) and words[0][1].startswith("nr") and (
        len(words) == 1 or len(subject) <= 4 and not any(flag.startswith("n") and not flag.startswith("nr") for _, flag in words[1:])
    )


# 多少 or 几 asking how many: not 第几 or 前几 (an order), 哪几 (which), 几乎, nor 几点 (a time)
# unless points are counted.
_COUNTING = re.compile(rf"多少|(?<![哪第])(?<!{_AHEAD}){_FEW}(?!乎|点(?!{_POINTS}))")
# A measure word after it, unless it begins a noun (多少年轻人 counts people, 多少人口 asks for no
# unit, 多少周年 no weeks): jieba cannot tell, as it glues a measure to the next character as often
# (多少|人因, 多少|年前).
_UNIT_AFTER = re.compile(
    rf"(?:{_COUNTING.pattern})(?:"
    r"(年)(?![轻代级龄纪份度])|(人)(?![口员民士类群数手次物才])|(名)(?![字称额次单义誉])|(位)(?![置数])"
    r"|(家)(?![庭长乡属族])|(项)(?!目)|(条)(?![件约例])|(所)(?![有以谓得])|(周)(?![年边末围])|(台)(?![湾风阶])"
    r"|(处)(?![理罚长])|(批)(?![次准评])|(次)(?!数)|(天)(?![气然空])"
    r"|(个|眼|亩|棵|株|座|岁|倍|户|辆|吨|公里|千米|米|平方米|元|万元|亿元))"
)
# People are counted in any of these: 多少人 is answered by 9名 or 两位民众 as by 9人 (of the shared
# sets' 228 questions asking 多少人 whose answer has a unit, 33 write it 名 or 位; of 64 asking
# 多少名, 4 write it 人).
_PEOPLE = ("人", "名", "位")
# Units written two ways, or in a larger measure (多少公里: 20.76千米; 多少万元: 3.2亿元).
_SAME_UNIT = {"公里": "公里|千米", "千米": "公里|千米", "万元": "元", "亿元": "元"}
_MONEY = re.compile(r"投资|收入|资金|金额|钱|费用|产值|销售|利税|税收|预算|GDP|investment|revenue|cost|money|budget|income|sales|worth", re.I)
# 多大 alone asks the size of anything (规模多大, 影响多大); with an age, how old (年龄多大 → 25岁).
_AREA = re.compile(r"面积|占地|\barea\b|how (?:big|large)", re.I)
# 年纪 ends a year in 2019年纪委 and 周年纪念: no age.
_AGE = re.compile(r"年龄|(?<![\d〇零一二三四五六七八九十百千两周])年纪(?![念委检律])|岁数|多大(?:时|的时候)|\bhow old\b|\bage\b", re.I)
_DISTANCE = re.compile(r"全长|长度|多远|\blength\b|\bdistance\b|how far", re.I)
# 多久 asks for a span of time: each of the shared sets' 50 such answers has one (20年, not 两名).
_DURATION = re.compile(r"多久|多长时间|多少时间")
_LENGTH = re.compile(r"多长|how long", re.I)  # of a road or of a stay: a distance or a time
# Units a number may carry to answer each sort of "how much"; a hint, not a rule.
UNIT_PATTERNS = {
    "money": r"元",
    "area": r"平方米|平方公里|平方千米|亩|公顷",
    "length": r"米|公里|千米|天|年|月|小时",
    "distance": r"米|公里|千米",
    "count": r"个|项|条|眼|棵|株|人|名|家|所|座|次|批|处|户|辆|台|类|种|镇|村",
    "age": r"岁|周岁|周|个月|天",  # of a person, or of an embryo or a child (多大时)
    "duration": r"年|月|周|星期|天|日|小时|分钟|秒|世纪",
}


# What a count of things is never in (几口井: not 20.76千米 or 20多天). A sum may be: 多少块钱 asks 块 of 元.
_NO_COUNT_UNITS = "|".join(UNIT_PATTERNS[k] for k in ("duration", "area", "distance"))

# An English "how many" counts things, which a span of time answers only when they are units of
# time (how many working days): then it asks for one whatever the question is about, as 多久 does.
# Chinese names what it counts by its measure word (多少眼, 几个月), read above.
_EN_COUNT = re.compile(r"\bhow many\b", re.I)
# Up to two words may stand between (how many consecutive days), none that starts another phrase
# (how many times a day, how many were killed in two days); "how many years old" asks for an age.
_EN_COUNTED_TIME = re.compile(
    r"\bhow many (?:(?!(?:a|an|the|per|in|of|each|every|times|did|do|does|was|were|is|are|had|has|have)\b)[a-z-]+ ){0,2}"
    r"(?:years?|months?|weeks?|days?|hours?|minutes?|seconds?|decades?|centuries|century|yrs|hrs|mins)\b(?! old\b)", re.I,
)


def _unit(text: str, ordinal: bool = False) -> tuple[str, bool, str]:
    """Regexes of the units the asked-for number should carry ("" when anything goes) and of those it
    cannot, and whether the question insists on the first (多少亩, how long, 投资 → 元) or only hints
    (how many → a count, and no span of time). A place in an order (面积位居第几位) has no unit."""
    m = _UNIT_AFTER.search(text)
    if m:  # the measure word after 多少/几 says it all: 多少亩, 几个
        unit = m.group(m.lastindex)
        if unit == "个":
            return UNIT_PATTERNS["count"], False, ""
        if unit in _PEOPLE:
            return "|".join(_PEOPLE), True, ""
        return _SAME_UNIT.get(unit, re.escape(unit)), True, ""
    if ordinal:
        return "", False, ""
    # 多久 asks for a time whatever the question is about (投资…用了多长时间, 占地100亩的公园建了多久).
    if _DURATION.search(text) or _EN_COUNTED_TIME.search(text):
        return UNIT_PATTERNS["duration"], True, ""
    # Any other measure word counts things (几口井, 多少起袭击, 几架飞机), whatever else the question
    # names (投资建设了几口井, 全长20公里的铁路旁有几口井): a hint only, as the articles may count them
    # in another (336眼水井), but never a length, an area or a span of time.
    for m in _COUNTING.finditer(text):
        if measure := leading_measure(text[m.end() :]):
            return f"{re.escape(measure)}|{UNIT_PATTERNS['count']}", False, _NO_COUNT_UNITS
    for asks, units in ((_MONEY, "money"), (_AGE, "age"), (_AREA, "area"), (_DISTANCE, "distance"), (_LENGTH, "length")):
        if asks.search(text):
            return UNIT_PATTERNS[units], True, ""
    if _EN_COUNT.search(text):
        return UNIT_PATTERNS["count"], False, UNIT_PATTERNS["duration"]
    return "", False, ""


def _focus(query: Query) -> set[str]:
    """The concepts right beside the asking words: what is being counted, named or dated."""
    text, labels = query.text, {c.label for c in query.concepts}
    if query.lang == "en":
        m = re.search(r"\b(?:how (?:many|much)|who is the|what is the|which)\s+((?:[a-z]+\s+){0,2}[a-z]+)", text.lower())
        words = m.group(1).split() if m else []
        return {w for w in words if w in labels} or {s for w in words for s in stems(w) if s in labels}
    m = next(iter(query.asking), None)
    if not m:
        return set()
    near = (text[max(0, m.start() - 6) : m.start()] + "|" + text[m.end() : m.end() + 6]).lower()
    return {label for label in labels if label in near}


_NAMES = {"nr", "nrt", "nrfg", "ns", "nt", "nz", "l"}  # jieba's tags of names, and of set phrases (多少年来)


def _guarded(text: str, sparse: Sparse) -> str:
    """The question with each word that holds an asking word only by accident masked: one the
    asking word runs on from (多伦多|大学 → 多大, 被誉为|什么 → 为什么), or a name or set phrase
    the articles use that it begins (几内亚, 多少年来). 干什么, 几世纪 and 多长时间 still ask."""
    asking = [(m.start(), m.end()) for m in ASKING.finditer(text)]
    out, at = list(text), 0
    for word, flag in sparse.tokenizer.tagged(text):
        start = text.find(word, at)
        if start < 0:
            continue
        at = start + len(word)
        runs_on = any(start < a < at < b for a, b in asking)
        begins = flag in _NAMES and any(a == start and b < at for a, b in asking) and sparse.document_frequency(word.lower())
        if runs_on or begins:
            out[start:at] = "□" * len(word)
    return "".join(out)


def _kind(text: str, lang: str) -> str:
    if lang == "en":
        return next((kind for kind, _, _, en in KINDS if re.search(en, text, re.I)), "other")
    asked = next((kind for kind, asking, _, _ in KINDS if re.search(asking, text)), None)
    return asked or next((kind for kind, _, noun, _ in KINDS if noun and re.search(noun, text)), "other")


def _exact(text: str, sparse: Sparse) -> list[str]:
    """Dates, quoted words and names in the question: they must match as written."""
    exact = [m.group(1) for m in _QUOTED.finditer(text)]
    exact += _DATE.findall(text)
    exact += sorted(person_names(text))
    exact += [w for w, flag in _heads_joined(sparse.tokenizer.tagged(text), text) if flag == "nr" and len(w) >= 2 and w in sparse.vocab]
    return list(dict.fromkeys(e for e in exact if e.strip()))


def _english_digits(lower: str, ordinals: bool) -> str:
    """Number words as digits ("fifty-five" → 55); ordinals too ("twenty-sixth", "12th") if asked."""
    units = dict(_EN_NUMBERS, **(_EN_ORDINALS if ordinals else {}))
    tens = "|".join(_EN_TENS)
    words = "|".join(sorted(units, key=len, reverse=True))

    def digits(m: re.Match) -> str:
        return str(_EN_TENS.get(m.group(1), 0) + units.get(m.group(2) or m.group(3) or "", 0))

    if ordinals:
        lower = re.sub(r"\b(\d{1,2})(?:st|nd|rd|th)\b", r"\1", lower)
    # Without ordinals, "twenty" of "twenty-sixth" is part of an ordinal, not the number 20.
    tail = "" if ordinals else rf"(?![- ](?:{'|'.join(_EN_ORDINALS)})\b)"
    return re.sub(rf"\b(?:({tens})(?:[- ]({words}))?{tail}|({words}))\b", digits, lower)


def _english_numbers(text: str) -> list[str]:
    """Dates and number words of an English question, as the Chinese text writes them."""
    lower = text.lower()
    dated = _english_digits(lower, ordinals=True)
    months = "|".join(_MONTHS)
    out = []
    for m in re.finditer(rf"\b({months})\s+(?:the\s+)?(\d{{1,2}})\b", dated):
        out.append(f"{_MONTHS[m.group(1)]}月{int(m.group(2))}日")
    for m in re.finditer(rf"\b(\d{{1,2}})\s+(?:of\s+)?({months})\b", dated):
        out.append(f"{_MONTHS[m.group(2)]}月{int(m.group(1))}日")
    # Number words only ("one" is too often a pronoun); digits typed as such are found already.
    typed = set(re.findall(r"\d+", lower))
    out += [n for n in re.findall(r"\d+", _english_digits(lower, ordinals=False)) if n not in typed and int(n) > 1]
    return out


def _english_ordinals(text: str) -> list[Concept]:
    """The ordinals of an English question that are not a date's day ("the second largest city",
    "its third visit"), each a concept of the ways Chinese writes that place (第二, 第2)."""
    lower = text.lower()
    months = "|".join(_MONTHS)
    out = []
    for m in re.finditer(rf"(?<![\w-])(?:{'|'.join(_EN_ORDINALS)})\b", lower):  # not twenty-first
        near = lower[max(0, m.start() - 20) : m.end() + 20]
        if not re.search(rf"\b(?:{months})\b", near):
            out.append(Concept(m.group(), dict.fromkeys(ordinal_spellings(_EN_ORDINALS[m.group()]), 1.0)))
    return out


def _phrase(words: list[str], i: int, lexicon: dict) -> tuple[dict[str, float], int]:
    """The longest CC-CEDICT gloss phrase starting at words[i] ("high speed railway" → 高铁)."""
    best: tuple[dict[str, float], int] = ({}, 0)
    for first in stems(words[i]):
        for phrase, terms in lexicon.get("phrases", {}).get(first, {}).items():
            parts = phrase.split()
            if len(parts) > best[1] and i + len(parts) <= len(words) and all(
                word_matches(p, w) for p, w in zip(parts, words[i : i + len(parts)])
            ):
                best = (dict(terms), len(parts))
    return best


def _pinyin_name(words: list[str], i: int, lexicon: dict, capitalised: set[str]) -> tuple[list[str], int]:
    """A Chinese name written in pinyin as two or three capitalised words starting at words[i]
    (Wei Wan → 魏玩, Xi Jinping → 习近平): the corpus names it spells, and how many words."""
    for length in (3, 2):
        spelt = words[i : i + length]
        if len(spelt) == length and capitalised.issuperset(spelt) and "".join(spelt) in lexicon["pinyin"]:
            return lexicon["pinyin"]["".join(spelt)], length
    return [], 0


_JOINS_NOTHING = frozenset("and or but nor be been being can could will would shall should may might must has have had".split())


def _composed(text: str, lexicon: dict) -> list[Concept]:
    """Adjacent English words whose character glosses join into a two-character string of the
    corpus: "across provinces" → 跨省, which then also matches the words holding it (跨省通办)."""
    raw = [w for w in re.findall(r"[a-z]+", text.lower()) if w not in ("the", "a", "an")]
    chars, pairs = lexicon.get("chars", {}), lexicon.get("pairs", {})
    out = []
    for first, second in zip(raw, raw[1:]):
        # Only for a word the glosses do not reach on their own ("across"), beside a content word.
        # A conjunction joins the words either side of it ("killed or injured"); it makes no word with
        # them, nor does an auxiliary with its verb ("be handled" is no 合理).
        if first in _JOINS_NOTHING or second in ENGLISH_STOPWORDS or _ASKING_EN.search(f"{first} {second}"):
            continue
        if any(lexicon["en"].get(s) for s in stems(first)) and any(lexicon["en"].get(s) for s in stems(second)):
            continue
        a = {c: w for s in stems(first) for c, w in chars.get(s, {}).items()}
        b = {c: w for s in stems(second) for c, w in chars.get(s, {}).items()}
        found = {x + y: wa * wb for x, wa in a.items() for y, wb in b.items() if x + y in pairs}
        if len(found) == 1:  # one reading only; several mean the words are too loose to join
            pair = next(iter(found))
            terms = {pair: 0.9, **{w: 0.8 for w in pairs[pair] if w != pair}}
            out.append(Concept(f"{first} {second}", terms, gloss=True))
    return out


def _english_concepts(text: str, lexicon: dict, sparse: Sparse, skip: set[str] = frozenset()) -> list[Concept]:
    """One concept per English content word: names by pinyin, else the closest CC-CEDICT glosses.

    A word with no gloss in the corpus stays as a concept nothing can match, so "population"
    keeps a question about population from being answered by a passage about something else.
    """
    concepts = _composed(text, lexicon)
    # Asking words, and measures the unit the answer must carry already stands for ("length").
    asking = {"many", "much", "long", "big", "large", "high", "far", "old", "time", "date", "day", "number", "amount",
              "length", "size", "distance", "height", "width", "depth"}
    joined = {w for c in concepts for w in c.label.split()}
    words = [w for w in english_words(text) if w not in joined]
    capitalised = {w.lower() for w in re.findall(r"\b[A-Z][a-z]+", text)}  # names; the asking word is a stopword
    proper = {w.lower() for w in re.findall(r"(?<![A-Za-z])[A-Z][A-Za-z]*", text)}  # and acronyms (FBI)
    i = 0
    while i < len(words):
        names, length = _pinyin_name(words, i, lexicon, capitalised)
        if names:
            concepts.append(Concept(" ".join(words[i : i + length]), {n: 1.0 for n in names}))
            i += length
            continue
        phrase, length = _phrase(words, i, lexicon)
        if phrase:
            concepts.append(Concept(" ".join(words[i : i + length]), phrase, gloss=True))
            i += length
            continue
        word = words[i]
        i += 1
        if word in asking or word in skip or any(c.label == word for c in concepts):
            continue
        names = lexicon["pinyin"].get(word)
        if names:
            concepts.append(Concept(word, {n: 1.0 for n in names}))
            continue
        glosses: dict[str, float] = {}
        for stem in stems(word):
            for term, weight in lexicon["en"].get(stem, {}).items():
                glosses[term] = max(glosses.get(term, 0.0), weight)
        # The closest glosses; among equally close ones, those the corpus uses most.
        # Glosses far looser than the best one ("as a matter of course" for "matter") are noise.
        top = max(glosses.values(), default=0.0)
        glosses = {t: w for t, w in glosses.items() if w >= 0.5 * top}
        # A name the articles write in Latin letters (FBI, Khan) is matched as written too; only
        # a capitalised word, as a common one ("state", "new") would meet stray English words of theirs.
        literal = word in proper and sparse.document_frequency(word) > 0
        if not glosses and word in capitalised and not literal:
            # A foreign name the dictionary lacks (Idlib, Mogadishu) is found by its sound in the
            # corpus's transliteration of it (伊德利卜, 摩加迪沙).
            glosses = sounding(english_sound(word), lexicon.get("sounds", {}))
        best = sorted(glosses.items(), key=lambda kv: (-round(kv[1], 2), -sparse.document_frequency(kv[0])))[:4]
        concepts.append(Concept(word, {t: 0.25 + 0.75 * w for t, w in best} | ({word: 1.0} if literal else {}), gloss=True))
    return concepts
