"""Short answers: the spans of the answer's sentence that may be the answer, and what is measured
about each.

The answer model picks the sentence (and the fact in it); this step picks, within that sentence,
the shortest span that answers: a name, a number with its unit, a date, a phrase, or for "why"
and "how" a whole clause. Every run of words of up to MAX_CHARS inside a clause is a candidate, and
so is every clause; the fitted span model (`make train`) scores them.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from index.terms import Tokenizer
from retrieval import facts
from retrieval.features import KINDS, WINDOW, Candidate, around_asking, pair_share
from retrieval.query import Query, stands

if TYPE_CHECKING:
    from retrieval.reader import Reader

# The bound of the enumeration, not a weight: 93% of the newswire set's gold answers and 99% of
# DRCD's are at most 24 characters; longer ones (CMRC's descriptions) are clauses, which are
# candidates of their own.
MAX_CHARS = 24
# How far an enumeration's first item may begin before its first 、, and its last end after its
# last: the longest item a list of names or short phrases holds. It bounds what is tried, not what
# is chosen (the span model does that); half of MAX_CHARS, as no data here marks items.
LIST_REACH = MAX_CHARS // 2
GAP_CAP = 40  # characters: beyond this a question word is not near the span
# jieba's parts of speech, as categories; anything else is 0, "no word" (the sentence's edge) the last.
TAGS = ("n", "nr", "ns", "nt", "nz", "v", "vn", "a", "m", "q", "t", "d", "p", "u", "c", "r", "f", "s", "x", "eng", "l", "i", "j", "b")
_EDGE = len(TAGS) + 1
_OPEN, _CLOSE = "《“「『（(\"", "》”」』）)\""
_CJK = re.compile(r"[\u3400-\u9fff]*")
_WORD = re.compile(r"[\w\u3400-\u9fff]")
_WHY = re.compile(r"为什么|为何|原因|why", re.I)
_LIST = re.compile(rf"[^{facts.LIST_MARKS}]+(?:[{facts.LIST_MARKS}][^{facts.LIST_MARKS}]+)+")
_PAIRS = (("“", "”"), ("「", "」"), ("『", "』"), ("《", "》"), ("（", "）"), ("(", ")"))
_ROLE = re.compile(r"记者|通讯员|摄影|实习生")  # a credit's role, before the name it credits
_HOW = re.compile(r"怎么|如何|怎样|\bhow\b(?! (?:many|much|long|big|large|high|far|old))", re.I)
_FUNCTION_TAGS = ("u", "p", "c", "y", "e")  # jieba: particles, prepositions, conjunctions, modal particles, interjections
_COPULA = {"是", "为", "叫", "称", "称为", "即", "名为", "叫做", "位于", "在", "于", "指", "达", "共", "约"}

SPAN_FEATURES = (
    "length",  # log of the span's characters
    "tokens",  # its words
    "first_tag", "last_tag", "before_tag", "after_tag",  # parts of speech (categories) at and around its edges
    "question_chars",  # share of its characters the question (or its words' glosses) has: answers say what it does not
    "question_word",  # it holds one of the question's words
    "left_gap", "right_gap",  # characters to the nearest question word before / after it (capped)
    "clause_share",  # share of the question's concepts in its clause
    "left_pairs", "right_pairs",  # the question's pairs just before / after its asking word, around the span
    "asked_head",  # the span ends in a character of the word after the asking word (什么语言 → 法语)
    *(f"asks_{k}" for k in KINDS), "asks_why", "asks_how",
    "asks_many",  # 哪些, 哪几, which ones: a list may answer
    "listed",  # names or words joined by 、, 和, 与 or 或 (昆明、贵阳、拉萨)
    "cuts_quote",  # a quotation mark without its pair (only a clause can: shorter spans that do are none)
    "number", "time", "name", "place", "org", "quoted",  # what the span is
    "unit",  # it ends in the unit the question asks for (多长 → 米, 公里; not 亩)
    "clause",  # a whole clause
    "line",  # the answer line the model chose
    "fact",  # the fact the model chose
    "in_line",  # inside that line
    "holds_fact",  # holds that fact and more
    "position",  # where it starts in the sentence, as a share of its length
    "after_copula",  # right after 是, 为, 位于 …
    "english",
    "left_echo", "right_echo",  # characters the text before / after it shares with the question's before / after its asking word
    "sentence_length",  # log of the sentence's characters: a whole line says little in a long sentence
    "asks_thing",  # a noun follows the asking word (哪一条河, 什么组织): a thing of that kind answers
    "asks_last",  # the asking word ends the question (…是什么？): a description may answer
    "question_length",  # log of the question's characters
    "reader",  # the reader's score of it as the answer (`retrieval/reader.py`; missing past what it reads)
    "reader_gap",  # ... below the sentence's best span's
)
CATEGORICAL = ("first_tag", "last_tag", "before_tag", "after_tag")


@dataclass(frozen=True)
class Span:
    """A stretch of the sentence: `text[start:end]` of its candidate."""

    start: int
    end: int
    clause: bool = False


def table(query: Query, candidate: Candidate, tokenizer: Tokenizer, reader: Reader | None = None) -> tuple[list[Span], np.ndarray]:
    """The spans of a candidate's sentence and their features.

    Args:
        query: the analysed question.
        candidate: the chosen candidate (its sentence, fact and answer line).
        tokenizer: the corpus's tokenizer (parts of speech).
        reader: the fitted reader; without one its columns are missing values (the spans offered
            do not depend on it).

    Returns:
        The spans and a float32 array of shape (len(spans), len(SPAN_FEATURES)).
    """
    text = candidate.text
    tagged = tokenizer.tagged(text)
    starts, at = [], 0
    for word, _ in tagged:
        starts.append(at)
        at += len(word)
    clause_of = facts.clauses(text)
    bounds = facts.clause_bounds(text)
    found = _spans(text, tagged, starts, clause_of, bounds)
    if query.many:
        found += [s for a, b in zip(bounds, bounds[1:]) for s in _lists(text, tagged, starts, a, b)]
    kinds = {k: {(a, a + len(piece)) for piece, a in facts.spans(k, text, tokenizer)} for k in KINDS}
    if query.kind in ("person", "place", "org"):
        # A date after a name says when, which a question for a name did not ask (玛丽亚·扎哈罗娃12日);
        # a question for a number may be answered by one that is a year (民国5年 for 民国几年).
        found = [s for s in found if s.clause or not any(end == s.end and start > s.start for start, end in kinds["time"])]
    # Nor does a span of time answer "how many wells" (`Query.not_unit`), nor one that only
    # spells an English question's own words in their glosses (a Chinese question's words are
    # read as written, and 甲还是乙 is answered by one of them).
    english = query.lang == "en"
    found = [s for s in found if s.clause or not (query.out_of_unit(text[s.start : s.end]) or english and query.restates(text[s.start : s.end]))]
    if query.shape == "title":
        # What the person is (外交部发言人), without the name the question gives.
        found = [s for s in found if s.clause or not any(t in text[s.start : s.end] for t in query.names)]
    if candidate.fact:
        found.append(Span(candidate.fact.at, candidate.fact.at + len(candidate.fact.text)))
    line_at = candidate.shown.find(candidate.line.rstrip("…"))
    line = (line_at, line_at + len(candidate.line.rstrip("…"))) if line_at >= 0 else (-1, -1)
    if line_at >= 0:
        found.append(Span(*line, clause=True))
    if query.shape == "byline":
        # Who reported or took the photo is a name (记者 杨国庆 摄: 杨国庆), never the credit's clause
        # nor its role; the shared sets hold no credits for the span model to have learnt that from.
        found = [s for s in found if not s.clause and not _ROLE.search(text, s.start, s.end)]
    found = list(dict.fromkeys(found)) or [Span(0, len(text), clause=True)]
    read = reader.span_scores(query.text, text, [(s.start, s.end) for s in found]) if reader else np.full((len(found), 2), np.nan)
    return found, _rows(query, candidate, found, tagged, starts, clause_of, line, kinds, _asked(query, tokenizer), read)


def _spans(text: str, tagged, starts: list[int], clause_of, bounds: list[int]) -> list[Span]:
    """Runs of words of up to MAX_CHARS characters within a clause that start and end on a content word (or a
    quote's marks) without cutting a quotation, and every clause without its closing mark."""
    out = []
    for i, (word, flag) in enumerate(tagged):
        if not (_WORD.search(word) or word in _OPEN) or _function_word(word, flag):
            continue
        for j in range(i, len(tagged)):
            end = starts[j] + len(tagged[j][0])
            if end - starts[i] > MAX_CHARS or clause_of(starts[j]) != clause_of(starts[i]):
                break
            if (
                (_WORD.search(tagged[j][0]) or tagged[j][0] in _CLOSE) and not _function_word(*tagged[j]) and not _cuts(text, starts[i], end)
                and not (j + 1 < len(tagged) and _cuts_number(tagged[j][0], tagged[j + 1][0]))
            ):
                out.append(Span(starts[i], end))
    for a, b in zip(bounds, bounds[1:]):
        stripped = text[a:b].rstrip("，；：。！？;:,").strip()
        if stripped:
            lead = len(text[a:b]) - len(text[a:b].lstrip())
            out.append(Span(a + lead, a + lead + len(stripped), clause=True))
    return out


def _lists(text: str, tagged, starts: list[int], a: int, b: int) -> list[Span]:
    """An enumeration in the clause text[a:b], whole: from a word up to LIST_REACH characters before
    its first 、 to a word up to LIST_REACH after its last, when longer than the runs of words
    `_spans` takes or closed by 等 (分布于老挝、朝鲜……江西各省等地). "哪些" asks for all of it."""
    marks = [a + k for k, ch in enumerate(text[a:b]) if ch == "、"]
    if not marks:
        return []
    first, last = marks[0], marks[-1]
    heads = [i for i, s in enumerate(starts) if a <= s < first and first - s <= LIST_REACH]
    tails = [j for j, s in enumerate(starts) if last < s + len(tagged[j][0]) <= min(b, last + 1 + LIST_REACH)]
    # A list may close on 等, or on 等 and what it counts (等国, 等地区).
    closing = {end for m in facts.LIST_CLOSE.finditer(text, last, b) for end in (m.start() + 1, m.end())}
    out = []
    for i in heads:
        if not (_WORD.search(tagged[i][0]) or tagged[i][0] in _OPEN) or _function_word(*tagged[i]):
            continue
        for j in tails:
            end = starts[j] + len(tagged[j][0])
            word, flag = tagged[j]
            if (
                (end in closing or end - starts[i] > MAX_CHARS and _WORD.search(word) and not _function_word(word, flag))
                and not _cuts(text, starts[i], end)
            ):
                out.append(Span(starts[i], end))
    return out


# What a number is of: a span ending in 12 before 日 or in 3 before 万元 cuts the fact in two.
_NUMBER_WORD = re.compile(r"[\d.,]+")
_OF_NUMBER = re.compile(rf"(?:{facts.UNITS}|日|月|年|号|时|点|分|秒)")


def _cuts_number(word: str, following: str) -> bool:
    """The word is a number and the next one its unit or date mark."""
    return bool(_NUMBER_WORD.fullmatch(word)) and bool(_OF_NUMBER.match(following))


def _rows(query: Query, candidate: Candidate, spans: list[Span], tagged, starts, clause_of, line, kinds: dict[str, set[tuple[int, int]]], asked: tuple[bool, bool, float], read: np.ndarray) -> np.ndarray:
    text = candidate.text
    marks = _marks(query, text, tagged, starts)  # (start, end, concept) of the question's words
    concepts = max(len(query.concepts), 1)
    # An English question's Chinese words are its glosses: their characters count as the question's.
    question_chars = set(query.text).union(*(t for c in query.concepts for t in c.terms))
    ask, before, after = around_asking(query)
    left, right = set(before), set(after)
    before_ask, after_ask = (query.text[: ask.start()], query.text[ask.end() :]) if ask else ("", "")
    head = set(_CJK.match(query.text, ask.end()).group()[:2]) if ask else set()
    asks = [query.kind == k for k in KINDS]
    why, how, many = bool(_WHY.search(query.guarded)), bool(_HOW.search(query.guarded)), query.many
    word_at = {s: i for i, s in enumerate(starts)}
    word_end = {s + len(w): i for i, (s, (w, _)) in enumerate(zip(starts, tagged))}
    fact = (candidate.fact.at, candidate.fact.at + len(candidate.fact.text)) if candidate.fact else (-1, -1)
    out = np.zeros((len(spans), len(SPAN_FEATURES)), dtype=np.float32)
    for r, s in enumerate(spans):
        piece = text[s.start : s.end]
        first, last = word_at.get(s.start), word_end.get(s.end)
        home = clause_of(s.start)
        before = [m for m in marks if m[1] <= s.start]
        after = [m for m in marks if m[0] >= s.end]
        in_clause = {m[2] for m in marks if clause_of(m[0]) == home}
        previous = tagged[first - 1][0] if first else ""
        out[r] = (
            math.log1p(len(piece)),
            (last - first + 1) if first is not None and last is not None else len(piece) / 2,
            _tag(tagged, first), _tag(tagged, last), _tag(tagged, first - 1 if first is not None else None),
            _tag(tagged, last + 1 if last is not None else None),
            sum(ch in question_chars for ch in piece) / max(len(piece), 1),
            any(m[0] >= s.start and m[1] <= s.end for m in marks),
            min((s.start - max(m[1] for m in before)) if before else GAP_CAP, GAP_CAP),
            min((min(m[0] for m in after) - s.end) if after else GAP_CAP, GAP_CAP),
            len(in_clause) / concepts,
            pair_share(left, text[max(0, s.start - 2 * WINDOW) : s.start]), pair_share(right, text[s.end : s.end + 2 * WINDOW]),
            bool(head & set(piece[-2:])),
            *asks, why, how, many, bool(_LIST.fullmatch(piece)), _cuts_quote(piece),
            (s.start, s.end) in kinds["number"], (s.start, s.end) in kinds["time"], (s.start, s.end) in kinds["person"],
            (s.start, s.end) in kinds["place"], (s.start, s.end) in kinds["org"],
            s.start > 0 and text[s.start - 1] in _OPEN or piece[:1] in _OPEN,
            query.in_unit(piece),
            s.clause, (s.start, s.end) == line, (s.start, s.end) == fact, line[0] <= s.start and s.end <= line[1],
            fact[0] >= 0 and s.start <= fact[0] and fact[1] <= s.end and (s.start, s.end) != fact,
            s.start / max(len(text), 1), previous in _COPULA, query.lang == "en",
            _common(before_ask[::-1], text[: s.start][::-1]), _common(after_ask, text[s.end :]),
            math.log1p(len(text)), *asked, *read[r],
        )
    return out


def _asked(query: Query, tokenizer: Tokenizer) -> tuple[bool, bool, float]:
    """What the question's shape says of its answer: a noun after the asking word (a thing of that
    kind), the asking word last (a description), and the question's length (log characters)."""
    length = math.log1p(len(query.text))
    ask = next(iter(query.asking), None)
    if not ask:
        return False, False, length
    at, thing = 0, False
    for word, flag in tokenizer.tagged(query.text):
        if at >= ask.end():
            thing = flag.startswith("n")
            break
        at += len(word)
    last = not _WORD.search(re.sub("[的呢了]", "", query.text[ask.end() :]))
    return thing, last, length


def _common(a: str, b: str, cap: int = 8) -> int:
    """How many characters two texts begin with alike (up to cap: the cap bounds the column, the
    span model sets where it matters; eight characters are a whole phrase of the question)."""
    n = 0
    while n < min(len(a), len(b), cap) and a[n] == b[n]:
        n += 1
    return n


def _cuts(text: str, start: int, end: int) -> bool:
    """The span text[start:end] cuts a quotation or a joined name in two."""
    return _cuts_quote(text[start:end]) or facts.cuts_name(text, start, end)


def _cuts_quote(piece: str) -> bool:
    """A quotation mark or bracket without its pair: the span cuts a quoted name (跨省通办”合作联盟,
    9省17地”“云上办)."""
    for opening, closing in _PAIRS:
        depth = 0
        for ch in piece:
            if ch == opening:
                depth += 1
            elif ch == closing:
                if not depth:
                    return True
                depth -= 1
        if depth:
            return True
    return False


def _function_word(word: str, flag: str) -> bool:
    """A word no answer starts or ends with: 的, 和, 在, 是 (an answer is a name, a number, a phrase),
    or the 摄 of a photo credit (记者 杨国庆 摄: the photographer is 杨国庆)."""
    return flag.startswith(_FUNCTION_TAGS) or word in ("是", "为", "摄")


def _tag(tagged, i: int | None) -> int:
    """A word's part of speech as a category; the sentence's edge (or no word boundary) apart."""
    if i is None or i < 0 or i >= len(tagged):
        return _EDGE
    flag = tagged[i][1]
    return TAGS.index(flag) + 1 if flag in TAGS else 0


def _marks(query: Query, text: str, tagged, starts: list[int]) -> list[tuple[int, int, int]]:
    """Where the question's words stand in the sentence, each with its concept's number."""
    words = [(w.lower(), s) for s, (w, _) in zip(starts, tagged)]
    return [(a, b, k) for k, concept in enumerate(query.concepts) for a, b in stands(concept, text, words)]


def shown(candidate: Candidate, span: Span) -> str:
    """The span as the corpus wrote it (Traditional stays Traditional)."""
    return candidate.shown[span.start : span.end].strip()
