"""What a fact of each kind looks like in a sentence: numbers with their units, dates and times,
names of people, places and organisations, and where clauses end.

Patterns, not weights: they say which spans are candidates; which one answers is fitted
(`retrieval/model.py`).
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_right

from index.lexicon import ERA_LONGEST, era_names, foreign_spelling
from index.terms import Tokenizer, person_names

# Longest first: the pattern takes the first that fits, and 18个月 is no 18个 before a month.
UNITS = "|".join(sorted((
    "亿元|万元|千元|元|美元|亿|万|千|百|个|项|人|名|家|所|座|条|眼|亩|平方米|平方公里|平方千米|公顷|公里|千米|米|吨|"
    "天|周岁|周|年|个月|个多月|个半月|小时|个小时|个多小时|个半小时|个星期|个多星期|分钟|秒|次|棵|株|片|处|批|户|台|辆|倍|岁|层|间|套|张|件|栋|场|支|期|届|类|种|例|枚|起|艘|架|"
    "位|只|头|部|篇|首|轮|份|颗|根|块|公斤|千克|克|度|%|％|段|枪|盘|局|票|"
    # Other currencies and measures: a foreign paper's fine or distance is not a bare number.
    "欧元|英镑|日元|港元|港币|韩元|卢布|卢比|比索|里拉|法郎|澳元|加元|新台币|台币|美金|"
    "厘米|毫米|立方米|毫升|升|桶|英里|海里|英尺|千瓦|兆瓦|公分|公尺|英亩|km|cm|mm|kg"
).split("|"), key=len, reverse=True))
_CN_DIGITS = "一二三四五六七八九十两百千万"
# 约5000人, 超过300家, 至少23人: the hedge is part of the figure (newswire's answers to 多少 keep
# it: 至少 begins 28 of 215 of them).
_ABOUT = r"(?:(?:至少|最多|多达|大约|将近|不少于|不到|约|近|超过|超|达|共|逾)有?)?"
NUMBER = re.compile(
    # Shares (三分之一, 百分之二十五) and rough counts (数百名, 上千人) before the numbers they start with.
    rf"{_ABOUT}(?:[\d{_CN_DIGITS}]+分之|百分之)[\d.{_CN_DIGITS}]+"
    rf"|(?:约|近|超过|达|逾)?(?:数|几|上)[十百千万]+(?:多|余)?(?:{UNITS})"
    rf"|(?<![\d.,]){_ABOUT}(?:\d{{1,3}}(?:,\d{{3}})+|\d+)(?:\.\d+)?\s*(?:多|余)?\s*(?:万|亿|千)?\s*(?:多|余)?\s*(?:{UNITS})?(?:多|余)?"
    rf"|{_ABOUT}[{_CN_DIGITS}]+(?:多|余)?(?:{UNITS}|镇|村)"
)
# Numbers of a shape only some questions ask for (`Query.shape`), offered beside the plain ones.
# A place in an order (第四, 第二大, 第21次, 首次, 前五): what 第几 asks for, not a count.
_ORDINAL = rf"第[\d{_CN_DIGITS}]+(?:大|{UNITS})?|首(?:次|个|位|批|款|家|座|部|届)|前[\d一二三四五六七八九十]+(?:名|位|大)?"
# The dead and the injured together (4人死亡、12人受伤, 3死6伤): what 伤亡 asks for, as one answer.
_COUNT = rf"(?:至少|超过|超|逾|约|近|共)?(?:\d+(?:,\d{{3}})*|[{_CN_DIGITS}]+)(?:多|余)?"
_DEATHS = rf"{_COUNT}[^，。；、\d]{{0,10}}?(?:死亡|丧生|身亡|遇难|罹难|死)"
_INJURED = rf"(?:{_COUNT})?[^，。；、\d]{{0,10}}?(?:受伤|伤)"
SHAPES = {
    "ordinal": re.compile(_ORDINAL),
    "casualties": re.compile(rf"{_DEATHS}(?:(?:[、，,]|和|及|以及)?(?:另有|另|还有|并有|致)?{_INJURED})?|{_COUNT}[^，。；、\d]{{0,10}}?受伤"),
}
# A reporter's name in a byline (（记者郑思远施洋）, 特派记者 黄培昭】, 记者 杨国庆 摄) says who
# reported, not who did what the article tells: of 123 such names among the newswire candidates
# for 谁, none was the answer.
_BYLINE = re.compile(r"(?:记者|通讯员)[\s\u3000]*[\u4e00-\u9fff·\s\u3000、]{2,16}?(?=[）)】\]]|[\s\u3000]*摄)")
# The clock or month a wire story dates by (当地时间29日, 本月12日): a time with it is offered beside
# the time alone. Newswire's answers to 何时 keep it (当地时间 begins 13 of 57 of them).
_FRAME = re.compile(r"(?:(?:当地|北京|美国东部|美东|格林尼治)时间|(?<![一-龥])[本上下]月)[\s\u3000]*$")
# A day of the month in Chinese numerals (初五, 十九, 二十六日); right after its month, 日 or 号 may be left out.
_CN_DAY = r"(?:(?:初[一二三四五六七八九十]|[二三]十[一二三四五六七八九]?|十[一二三四五六七八九]?|廿[一二三四五六七八九]?|卅[一]?|[一二三四五六七八九])[日号]?)"
TIME = re.compile(
    r"(?:今年|去年|明年|前年)?\d{1,2}月(?:份)?(?:\d{1,2}[日号])?(?:上旬|中旬|下旬|初|底|末|凌晨|清晨|早晨|早上|上午|中午|下午|傍晚|晚上|晚间|夜间)?"
    r"(?:\d{1,2}[时点](?:\d{1,2}分|半)?)?"
    r"|\d{4}年(?:\d{1,2}月(?:\d{1,2}日)?)?|(?:今年|去年|明年)(?:初|底|年底|上半年|下半年)?"
    r"|今天(?:上午|下午)?|昨天|日前|近日|近期|当前"
    r"|\d{1,2}日(?:凌晨|清晨|早晨|上午|中午|下午|傍晚|晚间|晚|夜间|深夜)?(?:\d{1,2}[时点](?:\d{1,2}分)?)?"
    r"|(?:公元前?)?\d{1,4}年(?:代)?|\d{1,2}世纪(?:初|末|初期|中期|末期|中叶|\d0年代)?"
    # Dynasties and reigns: histories (and Wikipedia) date by them.
    # A lone character names a dynasty only with a mark of one (南宋, 唐朝, 明末); 昆明 is a city.
    r"|[东西南北][汉晋宋周魏](?:朝|代)?(?:初年|末年|年间|时期|初期|末期)?"
    r"|[夏商周秦汉晋隋唐宋元明清](?:朝|代)(?:初年|末年|年间|时期|初期|末期)?"
    r"|[夏商周秦汉晋隋唐宋元明清](?:朝|代)?(?:初年|末年|年间|初期|末期)"
    r"|[\u4e00-\u9fff]{2}年间"
    # A time of day, a weekday, a season, a time back from now (下午5点左右, 6点15分, 上周六, 夏季, 3个月前).
    r"|(?:凌晨|清晨|早晨|早上|上午|中午|下午|傍晚|晚上|晚间|夜间|晚)\d{1,2}[时点](?:\d{1,2}分|半)?(?:左右)?|\d{1,2}[时点](?:\d{1,2}分|半)(?:左右)?"
    r"|(?:上|下|本)?(?:周|星期|礼拜)[一二三四五六日天](?:凌晨|清晨|早晨|早上|上午|中午|下午|傍晚|晚上|晚间|夜间|晚)?(?:\d{1,2}[时点](?:\d{1,2}分|半)?(?:左右)?)?"
    r"|(?:今年|去年|明年)?[春夏秋冬](?:季|天)"
    r"|(?:\d+(?:\.\d+)?|[一二三四五六七八九十两]+)多?(?:万|亿)?(?:年|个月|周|天|小时)前"
    # Centuries and decades in Chinese numerals (十九世纪, 七十年代).
    r"|上?(?:[一二]?十[一二三四五六七八九]?|[一二三四五六七八九])世纪(?:初|末|初期|中期|末期|中叶|[二三四五六七八九]十年代)?|[二三四五六七八九]十年代"
    # Dates in Chinese numerals, as histories and some papers write them (一九四九年十月一日, 十一月初五, 十月十九).
    rf"|(?:[〇零一二三四五六七八九]{{4}}年)?(?:十[一二]|[正一二三四五六七八九十])月(?:份)?{_CN_DAY}?|[〇零一二三四五六七八九]{{4}}年"
    # A year of the sexagenary cycle (庚申年).
    r"|[甲乙丙丁戊己庚辛壬癸][子丑寅卯辰巳午未申酉戌亥]年"
)
# A year of an era (民国5年, 康熙二十三年, 民國一百零九年, 光绪元年, 民国初年) right after the era's name.
_ERA_YEAR = re.compile(r"(?:元|初|[一二三四五六七八九十百零〇廿]{1,5}|\d{1,3})年")
_MONTH = re.compile(r"\d{1,2}月|(?:十[一二]|[正一二三四五六七八九十])月")
# Periods are dated by what happened in them (日治时期, 冷战期间, 战国时代, 疫情期间): the word before
# the period's, whole as jieba cuts it, unless a pointing word, an adverb or the like (这一时期,
# 新时代); 时代楷模 and 时期特点 name a kind of thing, not a time. Geological periods by name
# (白垩纪晚期), as 纪 alone ends 年纪 and 违纪.
_PERIOD_WORDS = ("时期", "时代", "期间")
_NOT_BEFORE_PERIOD = ("r", "d", "p", "c", "u", "m", "a", "q", "f", "x", "l")
_GEOLOGICAL = re.compile(r"(?:早|晚|上|下)?(?:中世|白垩|侏罗|三叠|二叠|石炭|泥盆|志留|奥陶|寒武|震旦)纪(?:早期|中期|晚期|初期|末期)?")
# A range is one answer (20万至40万卢布, 2月21号至26号, 1-3月): its second end after one of these.
_RANGE_MARK = r"\s*(?:至|到|-|—|–|～|~)\s*"
_NUMBER_RANGE = re.compile(_RANGE_MARK + f"(?:{NUMBER.pattern})")
_TIME_RANGE = re.compile(_RANGE_MARK + rf"(?:{TIME.pattern}|\d{{1,2}}[日号])")
_BARE_TIME_RANGE = re.compile(r"(?<!\d)\d{1,4}" + _RANGE_MARK + r"\d{1,4}[年月日号]")
# A foreign name is written in pieces joined by a middle dot (理查德·斯潘塞), which jieba cuts
# apart (叶夫 根尼 · 穆罗夫). The name goes on through the pieces after its last dot up to a word
# that is not one: a function word, a two-character word not tagged a name, or one of these
# one-character words that follow a name (穆罗夫说, 斯潘塞被).
_DOTS = "·•・‧"
# A name's pieces may be joined by a hyphen too, before its first dot (让-克洛德·容克) or after it
# (卡尔·韦斯顿-布朗).
_HYPHENS = "-－‐"
_JOINERS = _DOTS + _HYPHENS
_JOINED = re.compile(rf"[\u3400-\u9fffA-Za-z][{re.escape(_JOINERS)}][\u3400-\u9fffA-Za-z]")
_AFTER_NAME = set("说称是有在和与及对将已也于为的等被向则到从把让给又还都就并曾做率")
_NAME_TAGS = ("nr", "ns", "nt", "nz")
_NOT_NAME_TAGS = ("p", "c", "u", "d", "r", "m", "q", "x")
_NAME_MAX = 24  # characters: the longest names of three pieces

# The word an organisation's name ends in. A one-character ending must close a longer word
# (水务局, 指挥部), so 布局, 全部 and 大厅 are not organisations; 办 is left to jieba's `nt`
# (新闻办), as 通办 and 代办 are not.
_ORG_END = re.compile(r"(?:委员会|办公室|办事处|指挥部|中心|公司|政府|法院|检察院|银行|医院|大学|学校|协会|集团|部门|局|厅|委|部)$")
_NOT_ORG = ("布局", "格局", "全局", "大局", "结局", "全部", "内部", "外部", "局部", "干部", "大厅", "餐厅", "展厅")
_ORG_MAX = 14  # characters; longer runs of nouns are a sentence, not a name
_ORG_BREAK = ("p", "c", "u", "d", "r", "x")  # 与, 和, 的, 已, 该县, punctuation; digits are not CJK
# A place name does not take in the verb or preposition before it (现场位于赵固堆乡: 赵固堆乡), a
# pointing word (该地区), or a particle or adverb of a clause (焚烧了城市); 区 and 市 do not end
# one inside 区域, 区别 or 市场.
_PLACE = re.compile(
    r"位于([^，。；]{2,20})"
    r"|((?:(?![于在到从至往向是的和与及了着过被把将不也都而但该这那此其各每个])[\u4e00-\u9fff]){2,6}(?:乡|镇|村|街道|新区|开发区|园区|社区|县|区|市|省)(?![域别分间场]))"
)
_PLACE_BREAK = ("v", "d", "p", "c", "u", "r", "m", "q", "f", "x")
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


def _era_years(sentence: str) -> list[tuple[str, int]]:
    """Years of an era with the era's name (民国5年), and the month and day after them (民国5年4月12日)."""
    eras, out = era_names(), []
    for m in _ERA_YEAR.finditer(sentence):
        era = next((n for n in range(min(ERA_LONGEST, m.start()), 1, -1) if sentence[m.start() - n : m.start()] in eras), 0)
        if not era:
            continue
        start = m.start() - era
        out.append((sentence[start : m.end()], start))
        if _MONTH.match(sentence, m.end()) and (date := TIME.match(sentence, m.end())):
            out.append((sentence[start : date.end()], start))
    return out


def _periods(sentence: str, tokenizer: Tokenizer) -> list[tuple[str, int]]:
    """Periods named by what happened in them (冷战期间, 日治时期, 战国时代) and geological ones (白垩纪晚期)."""
    geological = list(_GEOLOGICAL.finditer(sentence))
    if not geological and not any(w in sentence for w in _PERIOD_WORDS):
        return []
    tagged = tokenizer.tagged(sentence)
    offsets = list(itertools.accumulate((len(w) for w, _ in tagged), initial=0))  # word i: offsets[i] to offsets[i + 1]
    word_at = {at: i for i, at in enumerate(offsets[:-1])}

    def names_a_kind(end: int) -> bool:  # 时代楷模, 寒武纪公司: a kind of thing, not a time
        return end in word_at and tagged[word_at[end]][1].startswith("n")

    out = [(m.group(), m.start()) for m in geological if not names_a_kind(m.end())]
    for i, (word, flag) in enumerate(tagged):
        if names_a_kind(offsets[i + 1]):
            continue
        if word in _PERIOD_WORDS and i:
            before, tag = tagged[i - 1]
            if len(before) >= 2 and _CJK_ONLY.fullmatch(before) and not tag.startswith(_NOT_BEFORE_PERIOD):
                out.append((before + word, offsets[i - 1]))
        elif len(word) >= 4 and word.endswith(_PERIOD_WORDS) and _CJK_ONLY.fullmatch(word) and not flag.startswith(_NOT_BEFORE_PERIOD):
            out.append((word, offsets[i]))  # jieba's one word: 战国时代, 民国时期
    return out


def spans(kind: str, sentence: str, tokenizer: Tokenizer, shape: str = "") -> list[tuple[str, int]]:
    """The spans of a kind in a sentence with their offsets; none for a kind without a pattern.
    Numbers of a `shape` in SHAPES (第四, 4人死亡、12人受伤) only when the question asks for it;
    a reporter's name in a byline only for the shape "byline" (who reported it)."""
    if kind == "number":
        out = [(m.group(), m.start()) for m in SHAPES[shape].finditer(sentence)] if shape else []
        for m in NUMBER.finditer(sentence):
            span = m.group().strip()
            if not re.search(r"\d|[一二三四五六七八九十两]|[数几上][十百千万]", span):
                continue
            if span[0] == "一" and len(span) == 2:
                continue  # 一处, 一批: an article ("a"), not a count
            rest = sentence[m.end() : m.end() + 1]
            if rest in ("月", "日") or re.fullmatch(r"\d{4}年?", span) or re.fullmatch(r"\d{1,2}", span) and rest == "月":
                continue  # a date, not a quantity
            out.append((span, m.start()))
            if (more := _NUMBER_RANGE.match(sentence, m.end())) and re.search(r"\d", more.group()):
                out.append((sentence[m.start() : more.end()].strip(), m.start()))
        return out
    if kind == "time":
        out = [(m.group(), m.start()) for m in TIME.finditer(sentence)] + _era_years(sentence) + _periods(sentence, tokenizer)
        out += [(sentence[at : more.end()], at) for span, at in out if (more := _TIME_RANGE.match(sentence, at + len(span))) and more.group().strip()]
        out += [(m.group(), m.start()) for m in _BARE_TIME_RANGE.finditer(sentence)]
        return out + [(sentence[frame.start() : at + len(span)], frame.start()) for span, at in out if (frame := _FRAME.search(sentence, max(0, at - 8), at))]
    if kind == "person":
        # A title's next word is no name when the dictionary knows it as a common word (记者表示).
        names = {n for n in person_names(sentence) if tokenizer.name_like(n)}
        # jieba tags some places nr (济宁市); a name does not end in a place's suffix.
        # A doubled character is an adverb jieba took for a name (白白, 常常), not a surname and name.
        names |= {w for w, flag in tokenizer.tagged(sentence) if flag == "nr" and len(w) in (2, 3) and w[-1] not in "省市县区镇乡村" and w[0] != w[1]}
        dotted = dotted_names(sentence, tokenizer)
        names |= dotted
        # Where a name stands whole: not as a piece of a joined one (韦斯顿 of 卡尔·韦斯顿-布朗), nor
        # cut short inside one (安东尼 of a 安东尼奥 before a dot).
        joined = [(m.start(), m.end()) for d in dotted for m in re.finditer(re.escape(d), sentence)]
        found = [(n, at) for n in names for at in [_standing(sentence, n, joined)] if at >= 0]
        if shape == "byline":
            return found
        bylines = [m.span() for m in _BYLINE.finditer(sentence)]
        return [(n, at) for n, at in found if not any(start <= at < end for start, end in bylines)]
    if kind == "place":
        out = []
        tagged = tokenizer.tagged(sentence)
        ends = list(itertools.accumulate(len(w) for w, _ in tagged))
        for m in _PLACE.finditer(sentence):
            if m.group(1):
                out.append((m.group(1), m.start(1)))
                continue
            # A name ends where a word does (not 王镇 of 王镇恶) and takes in the words before it back
            # to a verb, adverb or quantity (车辆驶入河东区: 河东区; 大部分华北地区: 华北地区).
            if m.end(2) not in ends:
                continue
            first = ends.index(m.end(2))
            while first > 0 and ends[first - 1] - len(tagged[first - 1][0]) >= m.start(2) and not tagged[first - 1][1].startswith(_PLACE_BREAK):
                first -= 1
            start = ends[first] - len(tagged[first][0])
            if m.end(2) - start >= 3:
                out.append((sentence[start : m.end(2)], start))
        out += [(w, sentence.find(w)) for w, flag in tagged if flag == "ns" and len(w) >= 2]
        # A place jieba cuts from a longer name (陶朗|加港, 波斯尼亚|塞族|共和国) is the whole run of
        # names, taken beside its parts: the model weighs which is the answer.
        run: list[int] = []
        for i, (w, flag) in enumerate([*tagged, ("", "x")]):
            if flag.startswith(("nr", "ns", "nz")) and _CJK_ONLY.fullmatch(w):
                run.append(i)
                continue
            if len(run) > 1 and any(tagged[j][1] == "ns" for j in run):
                out.append(("".join(tagged[j][0] for j in run), ends[run[0]] - len(tagged[run[0]][0])))
            run = []
        return out + _spots(out, sentence)
    if kind == "org":
        return organisations(sentence, tokenizer)
    return []


# What a person is, as papers write it right before the name (市外事办公室发言人王立新, 该国前外交部长
# 卡尔·韦斯顿, “蓝天”救援队队长陈浩宇): the run of nouns, names and adjectives before it, back to a
# verb, a mark or a function word. jieba tags such words loosely (发言人 l, 蓝天 nr).
_TITLE_TAGS = ("n", "l", "j", "a", "b", "vn")
_TITLE_HEADS = ("n", "l", "j", "vn")  # what a title ends in: what the person is (发言人, 部长)
_TITLE_WORDS = frozenset({"前", "原", "驻", "副", "“", "”", "《", "》"})
_TITLE_MAX = 20  # characters: the longest title a paper runs before a name


def titles(sentence: str, tokenizer: Tokenizer, named: list[tuple[int, int]]) -> list[tuple[str, int]]:
    """The titles standing right before a person's name in a sentence.

    Args:
        sentence: the sentence.
        tokenizer: jieba's tags.
        named: where the question's name stands (start, end), each of its words once.
    """
    tagged = tokenizer.tagged(sentence)
    starts = list(itertools.accumulate((len(w) for w, _ in tagged), initial=0))
    out = []
    for start, end in _runs(named, sentence):
        # The name whole (华春 is not 华春莹) and a name to jieba, not a word the question shares.
        if start not in starts or end not in starts:
            continue
        first = last = starts.index(start)
        if not any(flag.startswith(_NAME_TAGS) for _, flag in tagged[first : starts.index(end)]):
            continue
        while first > 0 and start - starts[first - 1] <= _TITLE_MAX and (
            tagged[first - 1][1].startswith(_TITLE_TAGS) or tagged[first - 1][0] in _TITLE_WORDS
        ):
            first -= 1
        while last > first and not (tagged[last - 1][1].startswith(_TITLE_HEADS) and not tagged[last - 1][1].startswith(("nr", "ns"))):
            last -= 1
        title = sentence[starts[first] : starts[last]].lstrip("”》")
        if len(title) >= 2:
            out.append((title, starts[last] - len(title)))
    return out


def _runs(spans: list[tuple[int, int]], sentence: str) -> list[tuple[int, int]]:
    """The spans joined where they touch or a name's dot stands between them (卡尔 · 韦斯顿)."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1] + (sentence[out[-1][1] : start] in ("·", "・")):
            out[-1] = (out[-1][0], max(end, out[-1][1]))
        else:
            out.append((start, end))
    return out


# The spot within a place that a sentence names after it (巴格兰省的一处塔利班藏身地, 卡济米耶区繁忙的
# 阿丹广场), with the part of the country before it (北部): newswire answers 哪里 so as often as with
# the place alone. The tail takes no verb or preposition, so it stays a noun phrase.
_SPOT_HEAD = re.compile(r"(?:(?:东南|西南|东北|西北|[东西南北中])部(?:城市|地区)?的?|首都|首府|省会|境内|市中心)$")
_SPOT_TAIL = re.compile(
    r"的?[^，。；：、\s“”「」在对被将是有于说称向从为了]{0,10}?"
    r"(?:附近|一带|地区|区域|广场|基地|营地|街道|大街|街|路|村|镇|区|县|市|省|大楼|医院|清真寺|教堂|学校|大学|酒店|饭店|"
    r"机场|车站|港口|港|检查站|军营|藏身地|藏身处|边境|海岸|郊区|市场|总部|办公室|住所|家中)"
    r"(?![域份场])"  # 区域, 省份, 市场: the word goes on
)


def _spots(places: list[tuple[str, int]], sentence: str) -> list[tuple[str, int]]:
    """Each place with the spot the sentence names within it, where it does, and with the parts and
    places of the country before it (北部, 伊朗西南部卡维兰省首府): each a candidate of its own."""
    out = []
    for place, at in places:
        if any(a < at < a + len(p) for p, a in places):
            continue  # a piece of a longer place (兰省 of 巴格兰省): that one is extended
        tail = _SPOT_TAIL.match(sentence, at + len(place))
        # A tail ends where a word does, not inside the next place (西南部俾路|支省: 路 is no street there).
        end = tail.end() if tail and not any(a < tail.end() < a + len(p) for p, a in places) else at + len(place)
        # With its part of the country (北部), and with the places that part is of (伊朗西南部卡维兰省
        # 首府萨尔维, 印度首都新德里): newswire's answers name the country, unless the
        # question does.
        head = _SPOT_HEAD.search(sentence, 0, at)
        start = head.start() if head else at
        starts = {start}
        while before := [a for p, a in places if a < start and a + len(p) == start]:
            head = _SPOT_HEAD.search(sentence, 0, min(before))
            start = head.start() if head else min(before)
            starts.add(start)
        out += [(sentence[start:end], start) for start in sorted(starts) if (start, end) != (at, at + len(place))]
    return out


# What joins the items of a list: 、, 和 or 以及, with any short items the patterns did not take
# (乍得、尼日尔、多哥) and what qualifies the next item (以及中国的 云南); after two items, a
# qualifier alone (中国大陆的 贵州). And how a list may close (等国, 等地区).
LIST_MARKS = "、和及与或"
_SEP = rf"(?:[{LIST_MARKS}]|以及)"
_LIST_GAP = re.compile(rf"\s*{_SEP}(?:[^，。；：、\s]{{1,8}}?{_SEP})*\s*(?:[\u4e00-\u9fff]{{0,6}}的)?\s*")
_QUALIFIER = re.compile(r"[\u4e00-\u9fff]{0,6}的")
_LIST_TAIL = re.compile(rf"(?:{_SEP}[^，。；：、\s]{{1,8}}?)+(?=等)")  # items after the last one taken, up to 等
LIST_CLOSE = re.compile(r"等(?:国家|地区|城市|[地国省市县区人家])?")


def lists(found: list[tuple[str, int]], sentence: str) -> list[tuple[str, int]]:
    """The spans with each run of them that a sentence lists (老挝、越南以及中国的云南、贵州等地)
    joined into one: the answer to a question asking for several. Spans listed alone stay."""
    out, run = [], []
    for piece, at in sorted(set(found), key=lambda s: (s[1], -len(s[0]))):
        end = max((a + len(p) for p, a in run), default=-1)
        if run and (at < end or _LIST_GAP.fullmatch(sentence, end, at) or len(run) > 1 and _QUALIFIER.fullmatch(sentence, end, at)):
            run.append((piece, at))
            continue
        out += _joined(run, sentence)
        run = [(piece, at)]
    return out + _joined(run, sentence)


def _joined(run: list[tuple[str, int]], sentence: str) -> list[tuple[str, int]]:
    """A run of listed spans as one (with the 等 that closes it), or its one span."""
    if len({at for _, at in run}) < 2:
        return run
    start, end = run[0][1], max(at + len(piece) for piece, at in run)
    if tail := _LIST_TAIL.match(sentence, end):
        end = tail.end()
    if close := LIST_CLOSE.match(sentence, end):
        end = close.end()
    return [(sentence[start:end], start)]


def dotted_names(sentence: str, tokenizer: Tokenizer) -> set[str]:
    """Foreign names written with middle dots, whole: 叶夫根尼·穆罗夫, 雷杰普·塔伊普·埃尔多安."""
    tagged = tokenizer.tagged(sentence)
    out, last = set(), -1
    for i, (word, _) in enumerate(tagged):
        if word not in _DOTS or i <= last or not _CJK_ONLY.fullmatch(tagged[i - 1][0]):
            continue
        # The piece right before the dot, whatever jieba tags it (理查德 n), and the name-tagged
        # piece before that when jieba cut a long one in two (叶夫 根尼): not a title (王储 穆罕默德).
        first = i - 1
        if first > 0 and len(tagged[first][0]) <= 2 and tagged[first - 1][1].startswith("nr") and _CJK_ONLY.fullmatch(tagged[first - 1][0]):
            first -= 1
        # Further back, pieces spelt wholly in the characters of foreign names that jieba tags a
        # name or cut off alone (阿萨|杜拉·哈立德, 拉|扎克·奇马, 法|基索·莫乔乔科), up to a title
        # or a verb it knows (国防部长, 警监, 判处).
        while first > 0 and _name_start(*tagged[first - 1]):
            first -= 1
        # A given name joined by a hyphen (让-克洛德·容克), whatever jieba tags its first piece.
        if first >= 2 and tagged[first - 1][0] in _HYPHENS and _CJK_ONLY.fullmatch(tagged[first - 2][0]):
            piece, flag = tagged[first - 2]
            if len(piece) <= 3 and not flag.startswith(_NOT_NAME_TAGS):
                first -= 2
        last = i
        while last + 1 < len(tagged):
            (prev, _), (nxt, flag) = tagged[last], tagged[last + 1]
            if prev in _JOINERS:
                piece = _CJK_ONLY.fullmatch(nxt) is not None  # what follows a dot is a piece (本 of 穆罕默德·本·萨勒曼)
            elif nxt in _DOTS:
                piece = True
            elif nxt in _JOINERS:
                piece = last + 2 < len(tagged) and _CJK_ONLY.fullmatch(tagged[last + 2][0]) is not None
            else:
                piece = (
                    _CJK_ONLY.fullmatch(nxt) is not None and not flag.startswith(_NOT_NAME_TAGS) and nxt[0] not in _AFTER_NAME
                    and (len(nxt) == 1 or flag.startswith(_NAME_TAGS) and flag != "nt")  # not 新华社 after a name
                )
            if not piece:
                break
            last += 1
            if len(nxt) > 1 and nxt[-1] in _AFTER_NAME:
                break  # a preposition jieba glued to the name's end (穆拉|迪向|新华社, 埃斯|珀在|美国): the name ends before it
        name = "".join(w for w, _ in tagged[first : last + 1]).strip(_JOINERS)
        if len(tagged[last][0]) > 1 and name[-1] in _AFTER_NAME:
            name = name[:-1]  # that preposition
        if any(d in name for d in _DOTS) and len(name) <= _NAME_MAX:
            out.add(name)
    return out


def _standing(sentence: str, name: str, joined: list[tuple[int, int]]) -> int:
    """Where the name first stands in the sentence other than inside a joined name (one of those
    found, at `joined`, or one it would cut), or -1."""
    for m in re.finditer(re.escape(name), sentence):
        inside = any(a <= m.start() and m.end() <= b and (a, b) != m.span() for a, b in joined)
        if not inside and not cuts_name(sentence, m.start(), m.end()):
            return m.start()
    return -1


def cuts_name(text: str, start: int, end: int) -> bool:
    """text[start:end] begins or ends inside a name joined by a dot or a hyphen: half of
    卡尔·韦斯顿-布朗 (韦斯顿, 卡尔·韦斯顿) names nobody."""
    return bool(start >= 2 and _JOINED.match(text, start - 2, start + 1)) or bool(end >= 1 and _JOINED.match(text, end - 1, end + 2))


def _name_start(piece: str, flag: str) -> bool:
    """A piece jieba cut off the front of a dotted foreign name."""
    if not _CJK_ONLY.fullmatch(piece) or not set(piece) <= foreign_spelling():
        return False
    if len(piece) == 1:
        return not flag.startswith(_NOT_NAME_TAGS) and piece not in _AFTER_NAME
    return flag.startswith(_NAME_TAGS) or flag == "j"


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
