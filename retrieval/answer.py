"""Ranked passages → an extractive answer: the fact, the sentence it stands in, numbered sources.

Nothing is generated: the fact is a span of a sentence of the articles. The candidates are
measured (`features.py`) and scored by the fitted model (`model.py`); when none covers enough of
the question, or the best is too unlikely to be right, the answer says the articles do not say
and shows the closest passages as not an answer.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field, replace

import numpy as np

from index.chunk import Chunk, Sentence
from index.furniture import Day
from index.lexicon import country_names
from index.sparse import Sparse
from index.store import Index
from index.terms import Tokenizer
from retrieval import facts, features, span
from retrieval.features import Candidate, Fact
from retrieval.model import AnswerModel, default_model
from retrieval.query import Concept, Query, holds, stands
from retrieval.search import Hit

PREDICATE_SHARE = 0.6  # a verb counts at most this share of the question's average noun
# A question's word elsewhere in a long article (another section of a feature) says nothing
# about whether a sentence answers it: only the text around the passage counts.
NEIGHBOURHOOD = 300  # characters either side of the passage, about a passage and a half
# Passages whose sentences compete for the answer. Held out, 3 and 8 did as well as 5 within a
# point either way (BENCHMARKS.md), so 5 stays.
SENTENCE_POOL = 5

_SPECIFIC_TIME = re.compile(r"\d")
_CREDIT = re.compile(
    r"^[■▲●◆\s]*(?:[\u4e00-\u9fff]{0,4}(?:记者|通讯员)[\s\u3000]*[\u4e00-\u9fff·]{2,8}|[\u4e00-\u9fff·]{2,8}[\s\u3000])[\s\u3000]*(?:摄|摄影|供图)$"
    r"|^图[/／]"
)
# A question asking who took a photo: only a credit line (记者 杨国庆 摄) says that.
_PHOTOGRAPHER = re.compile(
    r"谁(?:拍|摄)(?![板入取])|(?:拍摄|摄影)(?:者|师)?是谁|(?:照片|图片)的?(?:作者|摄影者|摄影师)"
    r"|\bwho\b.*\b(?:took|taken)\b.*\b(?:photo|picture|image)|\bwho\b.*\bphotographed\b|\bphotographer\b",
    re.I,
)
_DATELINE = re.compile(r"^本报[^（(]{0,12}[讯电](?:[（(][^）)]*[）)])?")
# A day named from the day the article was written (今天上午, 昨晚), alone or with its part of the
# day or its hour: what the reader needs is the date the dateline gives.
_RELATIVE_DAY = re.compile(
    r"(?P<day>今天|今日|今晨|今早|今晚|昨天|昨日|昨晚|昨夜|前天|明天|明日)"
    r"(?:凌晨|早上|早晨|上午|中午|下午|傍晚|晚上|晚间|夜间|夜里)?(?:\d{1,2}(?:时|点)(?:\d{1,2}分|半)?(?:许|左右)?)?"
)
_DAYS_FROM = {"今": 0, "昨": -1, "前": -2, "明": 1}


@dataclass
class Answer:
    """What the user gets: the fact, its sentence, where it stands, or a plain "not found"."""

    question: str
    text: str
    found: bool
    sources: list[Hit] = field(default_factory=list)
    sentence: Sentence | None = None
    note: str = ""
    confidence: float = 0.0  # probability that the sentence (and its fact) answers, calibrated on held-out questions

    @property
    def evidence_lines(self) -> str:
        """Where the evidence stands, as people cite it: `5-10`, or `5` for one line."""
        e = self.evidence
        return "" if e is None else "-".join(map(str, sorted({e["line_start"], e["line_end"]})))

    @property
    def evidence(self) -> dict | None:
        """The sentence the answer stands in, with its file, page (of a PDF) and lines (it is in
        the first source)."""
        if not self.found or self.sentence is None or not self.sources:
            return None
        s = self.sentence
        c = self.sources[0].chunk
        return {"text": s.text, "file": c.source, "page": c.page or None, "line_start": s.line_start, "line_end": s.line_end}

    def to_json(self) -> dict:
        """The `newsqa ask --json` object; `text` of a source is the passage as cited."""
        return {
            "question": self.question,
            "answer": self.text,
            "found": self.found,
            "confidence": round(self.confidence, 4),  # as the sources' scores, so the first equals it
            "evidence": self.evidence,
            "sources": [
                {
                    "rank": rank,
                    "title": hit.chunk.title,
                    "article_id": hit.chunk.article_id,
                    "file": hit.chunk.source,
                    "page": hit.chunk.page or None,
                    "line_start": hit.chunk.line_start,
                    "line_end": hit.chunk.line_end,
                    "text": hit.chunk.text,
                    "score": round(hit.score, 4),
                }
                for rank, hit in enumerate(self.sources, 1)
            ],
        }


def origins(found: list[Candidate], hits: list[Hit]) -> list[tuple[str, str]]:
    """Each candidate's article and what it answers with (its fact, else its line): what tells a
    rival from another article from one agreeing with it."""
    return [(hits[c.hit_rank].chunk.article_id, c.fact.text if c.fact else c.line) for c in found]


def candidates(query: Query, hits: list[Hit], index: Index) -> list[Candidate]:
    """The facts and sentences of the best passages that may answer the question.

    A sentence is left out when it lacks a number, date, quoted word or name of the question.

    Args:
        query: the analysed question.
        hits: ranked passages, best first.
        index: the loaded index (word rarity, articles for context, tokenizer).

    Returns:
        Each fact of the asked kind in each distinct sentence (from the best-ranked passage
        that holds it), or the sentence itself where it holds none.
    """
    sparse = index.sparse
    importance = _importances(query, sparse)
    lacking = sum(w for c, w in zip(query.concepts, importance) if not any(sparse.document_frequency(t) for t in c.terms))
    missing = lacking / (sum(importance) or 1.0)
    # The question's rarest concept is what it is most specifically about (伊德利卜, 336眼).
    rarest = max(range(len(importance)), key=importance.__getitem__) if importance else None
    out: list[Candidate] = []
    seen: set[tuple[str, str]] = set()
    for rank, hit in enumerate(hits[:SENTENCE_POOL]):
        chunk = hit.chunk
        # Questions are read in Simplified script with half-width digits; the article is read so
        # too, at the same offsets, and its answer shown as written.
        read = chunk.read
        article = index.article(chunk.article_id)
        body = read(article.text)  # joined from its paragraphs on each access
        title = read(chunk.title + chunk.section + article.subtitle)
        # A question's word only in the headline, the passage or the text around it counts for less
        # than in the sentence. Held out, .9 / .6 / .5 and 1 / .8 / .6 did no better than these
        # within the folds' noise (BENCHMARKS.md); the fitted models weigh coverage itself.
        layers = [(title, 0.7), (read(chunk.text), 0.6), (read(_around(chunk, article.text) + article.place), 0.5)]
        title_share = _coverage(query, importance, title, [])
        # What the headline names is what every sentence of the article is about (魏玩, 该岛):
        # the rest of the question is what a sentence must say itself.
        rest = [w * (1.0 - f) for w, f in zip(importance, _found(query, title, []))]
        before = ""
        for sentence in chunk.sentences:
            key = (chunk.article_id, sentence.text)  # overlapping passages share sentences
            shown = sentence.text if _about_reporters(query) else _DATELINE.sub("", sentence.text)
            text = read(shown)
            # A photo credit ("记者 杨国庆 摄") says who took the picture that the caption before it
            # describes: it is measured with its caption.
            previous = before
            said, before = (before + text if _CREDIT.match(text) else text), text
            if key in seen or _lacks_exact(query, said, layers):
                continue
            found, alone = _found(query, said, layers), _found(query, said, [])
            measured = dict(
                hit_rank=rank, sentence=sentence, text=text, shown=shown, said=said, previous=previous, headline=title,
                coverage=_share_of(importance, found), direct=_share_of(importance, alone),
                beyond_title=_share_of(rest, alone) if sum(rest) else -1.0,
                title=title_share, in_order=_in_order(query, said), missing=missing,
                rarest=found[rarest] if rarest is not None else 0.0,
            )
            stated = _facts(query, text, importance, sparse, body, read(article.title))
            measured["kind_words"] = _kind_words(query.kind, text, sparse.tokenizer) if query.kind in _KIND_TAGS else min(len(stated), 3)
            # The sentence itself is a candidate too, its short answer left to the span model:
            # where it has facts, as the patterns may have cut the answer wrong (有限公司 of a
            # company's name); where it has none, as the answer may be a name the patterns and
            # jieba's tags both miss (国际社会 answering 谁, 大楼入口 answering 何处: held out,
            # keeping such sentences put a right candidate within reach of 1.7-3.3% more questions,
            # `kind_words` telling the model how many names it holds). One without a number or
            # date does not answer 多少 or 何时.
            if stated or query.kind not in ("number", "time"):
                stated = [*stated, None]
            for fact in stated:
                line = _fact_line(shown, fact.text, fact.at) if fact else _snippet(shown, text, query, importance)
                out.append(Candidate(**measured, fact=fact, line=line))
            seen.add(key)
    # A sentence covering the question's words well but naming no photographer would otherwise
    # compete with the credit; the shared sets have no credit lines to fit this on.
    if _PHOTOGRAPHER.search(query.text) and (credits := [c for c in out if _CREDIT.match(c.text)]):
        return credits
    return out


# jieba's tags for words of a kind: how many names, places or organisations a sentence holds, as a
# column of the candidate model (one without any rarely names the person or place asked for).
_KIND_TAGS = {"person": "nr", "place": "ns", "org": "nt"}


def _kind_words(kind: str, sentence: str, tokenizer: Tokenizer) -> int:
    tag = _KIND_TAGS[kind]
    return min(sum(flag.startswith(tag) for _, flag in tokenizer.tagged(sentence)), 3)


def extract(query: Query, hits: list[Hit], index: Index, model: AnswerModel | None = None) -> Answer:
    """Pick the sentence that answers the question and the shortest span within it, or refuse.

    Args:
        query: the analysed question.
        hits: ranked passages, best first.
        index: the loaded index (word rarity, articles for context, tokenizer).
        model: the fitted answer model; the shipped one when None.

    Returns:
        An Answer with its confidence; its sources are the hits ordered by how likely each
        holds the answer (the answer's passage first), each scored with that probability; when
        it refuses, the hits in the search's order, each with the chance that it holds the answer.
    """
    model = model or default_model()
    found = candidates(query, hits, index)
    rows = features.rows(query, found, hits)
    scores = model.scores(rows)
    best, confidence = model.decide(rows, scores, [c.line for c in found], origins(found, hits), np.array([c.coverage for c in found]))
    if best is None:
        # Not an answer: the closest passages in the search's order (held out, it puts the right
        # passage first more often than the best refused candidate does), each with the chance
        # that it is the one holding the answer, were the articles to hold one.
        chances = model.passage_chances(np.array([h.score for h in hits]))
        return Answer(query.raw, "", False, [replace(h, score=float(p)) for h, p in zip(hits, chances)], confidence=confidence)
    # Each passage is shown with the probability that its best candidate is the answer: a
    # lambdarank score's difference is the log-odds that one candidate ranks above the other, so
    # a candidate's odds against the answer scale the confidence. The answer's own passage comes first.
    passage = [0.0] * len(hits)
    for c, score in zip(found, scores):
        passage[c.hit_rank] = max(passage[c.hit_rank], confidence * float(np.exp(min(score - scores[best], 0.0))))
    order = sorted(range(len(hits)), key=lambda i: (i != found[best].hit_rank, -passage[i], i))
    sources = [replace(hits[i], score=passage[i]) for i in order]
    chosen = found[best]
    spans, span_rows = span.table(query, chosen, index.sparse.tokenizer, model.reader)
    short = span.shown(chosen, spans[int(np.argmax(model.span_scores(span_rows)))])
    short = dated(short, index.article(hits[chosen.hit_rank].chunk.article_id).date)
    return Answer(query.raw, short, True, sources, chosen.sentence, confidence=confidence)


def dated(short: str, date: str) -> str:
    """A short answer that is a day named from the article's own (今天上午, 昨晚8时) with the date it
    means, from the article's date (`2021-03-13`, or `--03-13` without a year): 今天上午（3月13日）.

    Left as it is when the article has no date, or when the day falls in another month and the year
    is unknown (the day before --03-01 depends on it)."""
    m = _RELATIVE_DAY.fullmatch(short)
    day = Day.from_iso(date)
    if not m or not day:
        return short
    try:
        meant = datetime.date(day.year or 2001, day.month, day.day) + datetime.timedelta(days=_DAYS_FROM[m["day"][0]])
    except ValueError:  # 2月29日 of an unknown year
        return short
    if not day.year and meant.month != day.month:
        return short
    return f"{short}（{f'{meant.year}年' if day.year else ''}{meant.month}月{meant.day}日）"


def _lacks_exact(query: Query, sentence: str, layers: list[tuple[str, float]]) -> bool:
    """True when a number, date, quoted word or name of the question is nowhere near the sentence:
    "哪个现场栽了500棵树？" is not answered by 5000余棵, nor by a sentence without the number."""
    texts = [sentence] + [text for text, _ in layers]
    return any(c.exact and not any(holds(text, t) for text in texts for t in c.terms) for c in query.concepts)


def _in_order(query: Query, sentence: str) -> float:
    """Share of the question's neighbouring words that stand side by side in the sentence too
    (纳入 省 集中开工 in "纳入省集中开工的11个项目"): the sentence says the question's phrase."""
    spans = []
    for concept in query.concepts:
        if concept.exact or concept.gloss:
            continue  # exact terms are matched on their own; English has no Chinese word order
        found = [(m.start(), m.end()) for t in concept.terms for m in re.finditer(re.escape(t), sentence)]
        spans.append(found)
    pairs = len(spans) - 1
    if pairs < 1:
        return 0.0
    joined = sum(1 for a, b in zip(spans, spans[1:]) if any(0 <= s - e <= 1 for _, e in a for s, _ in b))
    return joined / pairs


def _around(chunk: Chunk, body: str) -> str:
    """The article text around a passage: what "这次扩建" or "该县" in it can refer back to."""
    at = body.find(chunk.sentences[0].text[:12]) if chunk.sentences else -1
    if at < 0:
        return body
    return body[max(0, at - NEIGHBOURHOOD) : at + len(chunk.text) + NEIGHBOURHOOD]


def _about_reporters(query: Query) -> bool:
    return bool(re.search(r"记者|通讯员|报道|撰写|作者|reporter|journalist|wrote|author", query.text, re.I))


def _importances(query: Query, sparse: Sparse) -> list[float]:
    """Each concept's importance, a predicate's held below the question's things and names.

    "哪个部门牵头推进跨省通办" is answered by "市行政审批服务局……率先开展跨省通办试点": the
    nouns and names say what the question is about, while its verbs are the words a passage
    most often puts differently, so a rare verb must not outweigh them. A word the corpus
    lacks altogether keeps its weight: jieba tags 站 in 高铁站 a verb, and a question about
    railway stations must not be answered with railway wells.
    """
    values = [_importance(c, sparse, c.label in query.focus) for c in query.concepts]
    things = [v for c, v in zip(query.concepts, values) if not c.predicate]
    if not things:
        return values
    cap = PREDICATE_SHARE * sum(things) / len(things)
    return [
        min(v, cap) if c.predicate and any(sparse.document_frequency(t) for t in c.terms) else v
        for c, v in zip(query.concepts, values)
    ]


def _importance(concept: Concept, sparse: Sparse, focus: bool = False) -> float:
    """How much a concept matters: its strongest word's weight × rarity; exact terms count more.

    A concept none of whose words the corpus has (站 in 高铁站, "population") is as rare as a
    word can be: a passage cannot cover it, so a question resting on it is not answered.
    """
    known = [(1.0 if concept.gloss else w) * sparse.idf(t) for t, w in concept.terms.items() if sparse.document_frequency(t)]
    if known:
        return max(known) * (1.5 if concept.exact else 1.0)
    if concept.gloss and not focus:
        # An English word with no Chinese counterpart in the corpus ("took", "did") is more
        # often a verb of the question than its subject; the subject ("population") is in focus.
        return 0.5
    return sparse.idf("\x00") * 0.8


def _coverage(query: Query, importance: list[float], sentence: str, layers: list[tuple[str, float]]) -> float:
    """Share of the question's importance found in the sentence, or less where only around it."""
    return _share_of(importance, _found(query, sentence, layers))


def _share_of(importance: list[float], found: list[float]) -> float:
    """The question's importance found, as a share of all of it."""
    total = sum(importance)
    return sum(w * f for w, f in zip(importance, found)) / total if total else 0.0


def _found(query: Query, sentence: str, layers: list[tuple[str, float]]) -> list[float]:
    """How far each concept of the question is found: 1 in the sentence, less only around it."""
    out = []
    for concept in query.concepts:
        best = 0.0
        # A gloss's weight says how well it translates the English word; a Chinese word's
        # alternatives (synonyms) are measured against the word itself.
        strongest = 1.0 if concept.gloss else max(concept.terms.values(), default=1.0)
        for term, w in concept.terms.items():
            share = w / strongest
            if holds(sentence, term):
                best = max(best, share)
            else:
                for text, factor in layers:
                    if holds(text, term):
                        best = max(best, share * factor)
                        break
        out.append(best)
    return out


def _facts(query: Query, sentence: str, importance: list[float], sparse: Sparse, context: str = "", title: str = "") -> list[Fact]:
    """The spans of the kind asked for in a sentence, each with what stands around it.

    What the question already names is left out (跨省通办 for "哪个部门推进跨省通办", 梁山县 for
    "梁山植树现场在哪里", the 11 of "11个项目总投资多少"), and so is a span without the unit the
    question asks for ("how long" is not answered by 一处, nor 多少亩 by 93个) or in one it cannot
    be answered by ("how many wells" by 20多天).
    """
    if query.shape == "title":
        # "王立新是谁" asks what the person is: the title the sentence runs before the name.
        named = [(m.start(), m.end()) for t in query.names for m in re.finditer(re.escape(t), sentence)]
        spans = facts.titles(sentence, sparse.tokenizer, named)
    else:
        spans = facts.spans(query.kind, sentence, sparse.tokenizer, shape=query.shape)
    countries = country_names() if query.asks_country else frozenset()
    if countries:
        # A state jieba does not tag a place (南宋, 魏国) answers 哪国 all the same.
        spans += [(w, at) for w, at in sparse.tokenizer.spans(sentence) if w in countries]
    second_choice: set[str] = set()
    if query.kind == "person" and query.shape != "title":
        # 谁 may ask for an organisation (谁召开了新闻发布会 → 市政府新闻办), though a name first.
        organs = facts.organisations(sentence, sparse.tokenizer)
        second_choice = {s for s, _ in organs}
        spans += organs
    exact = query.exact
    spans = [(s, at) for s, at in spans if s and not any(s == e or s in e for e in exact)]
    spans = [(s, at) for s, at in spans if not any(_names(s, t) for c in query.concepts for t in c.terms)]
    # A name jieba cuts into several of the question's words is named by it all the same
    # ("塔雷克·威廉·萨阿布是谁" is not answered by 塔雷克·威廉·萨阿布).
    spans = [(s, at) for s, at in spans if len(s) < 2 or s not in query.text]
    # Nor is a name spelled by the question's words (an English one's glosses: 卡尔·韦斯顿).
    spans = [(s, at) for s, at in spans if not query.restates(s)]
    # 哪一年 is answered by a year (1985年, 光绪元年), not by 10月8日 of it; 哪天 by a day.
    spans = [(s, at) for s, at in spans if query.in_grain(s)]
    if query.kind == "number":
        # A figure inside a date or a time (the 20 of 20世纪初, the 5 of 5月3日) counts nothing, unless
        # it is in the unit asked for (抗战八年间 says how many years).
        times = facts.spans("time", sentence, sparse.tokenizer)
        spans = [(s, at) for s, at in spans if query.in_unit(s) or not any(a <= at and at + len(s) <= a + len(t) and len(t) > len(s) for t, a in times)]
    spans = [(s, at) for s, at in spans if not any(re.sub(r"[^\d.]", "", s) == e for e in exact if e[0].isdigit())]
    spans = [(s, at) for s, at in spans if (query.in_unit(s) or not query.unit_required) and not query.out_of_unit(s)]
    if query.many:
        spans = facts.lists(spans, sentence)
    # A figure goes on with what the question counts right after its asking word, where the
    # sentence says it too (多少所教堂: 52所教堂; 多少年前: 20年前): newswire's answers keep it.
    base = {(s, at): len(s) for s, at in spans}
    if query.kind == "number" and query.asking:
        after = query.text[query.asking[0].end() :]
        for s, at in list(spans):
            if (more := _echo(s, sentence[at + len(s) :], after)):
                spans.append((s + more, at))
                base[(s + more, at)] = len(s)
    if not spans:
        return []
    tokens = sparse.tokenizer.spans(sentence)
    places: list[tuple[float, bool, list[tuple[int, int]]]] = []
    for concept, weight in zip(query.concepts, importance):
        found = stands(concept, sentence, tokens)
        if found:
            places.append((weight, concept.label in query.focus, found))
    clause = facts.clauses(sentence)
    total = sum(importance) or 1.0
    title_numbers = re.sub(r"\D", " ", title).split()
    out = []
    for piece, at in dict.fromkeys(spans):
        # A figure with the question's counted words is measured where its number ends.
        home, end = clause(at), at + base[(piece, at)]
        own = beside = focus = 0.0
        for weight, is_focus, found in places:
            distance = min(abs(clause(a) - home) for a, _ in found)
            own += weight * (distance == 0)
            beside += weight * (distance == 1)
            # What is counted or measured stands right by its number (“7个项目”, “总投资74.4亿元”).
            focus += weight * (is_focus and any(0 <= at - b <= 2 or 0 <= a - end <= 2 for a, b in found))
        digits = re.sub(r"\D", "", piece)
        out.append(Fact(
            piece, at, own / total, beside / total, focus / total,
            unit=query.in_unit(piece[: base[(piece, at)]]),
            digits=bool(_SPECIFIC_TIME.search(piece)), second_choice=piece in second_choice,
            repeats=min(context.count(piece), 5), in_title=bool(digits) and digits in title_numbers or piece in title,
            echo=len(piece) - base[(piece, at)], country=piece in countries,
        ))
    return out


# What the question says after a figure stops being what it counts at a function word or a mark
# (多少年前就成立: 20年前, not 20年前就).
_NOT_COUNTED = re.compile(r"[^\u4e00-\u9fff]|[就的在被了和与及是将已也都还又有为从对到]")


def _echo(figure: str, rest: str, asked: str) -> str:
    """What the sentence says right after a figure that the question says right after its asking
    word, its unit aside (52所 + 教堂 for 多少所教堂), up to a function word: "" when nothing."""
    unit = next((k for k in range(min(len(figure), len(asked)), 0, -1) if figure.endswith(asked[:k])), 0)
    asked = asked[unit:]
    n = 0
    while n < min(len(rest), len(asked)) and rest[n] == asked[n] and not _NOT_COUNTED.match(rest[n]):
        n += 1
    return rest[:n]


def _names(span: str, term: str) -> bool:
    """The span is the question's term, or the term with one character more: 梁山县 is what
    "梁山植树现场在哪里" names, not where it is."""
    return span == term or (len(term) >= 2 and term in span and len(span) <= len(term) + 1)


def _fact_line(sentence: str, fact: str, at: int) -> str:
    """The clause holding the fact (with the one before it when it is too short to read alone)."""
    bounds = [0] + [m.end() for m in facts.CLAUSE_END.finditer(sentence)] + [len(sentence)]
    for i, (a, b) in enumerate(zip(bounds, bounds[1:])):
        if a <= at < b:
            start = bounds[i - 1] if i > 0 and b - a < 10 else a
            end = b if at + len(fact) <= b else bounds[min(i + 2, len(bounds) - 1)]
            return _trim(sentence[start:end])
    return sentence[at : at + len(fact)]


def _snippet(shown: str, text: str, query: Query, importance: list[float], limit: int = 80) -> str:
    """A sentence as an answer: whole when short, else its run of clauses (at most `limit`
    characters) that holds the most of the question, where its answer most likely stands."""
    if len(shown) <= limit:
        return _trim(shown)
    bounds = facts.clause_bounds(text)
    best, best_weight = (0, bounds[1]), -1.0
    for i, start in enumerate(bounds[:-1]):
        for end in bounds[i + 1 :]:
            if end - start > limit and end != bounds[i + 1]:
                break
            weight = sum(w for c, w in zip(query.concepts, importance) if any(holds(text[start:end], t) for t in c.terms))
            if weight > best_weight:
                best, best_weight = (start, end), weight
    return _trim(shown[best[0] : best[1]])


def _trim(text: str, limit: int = 80) -> str:
    text = text.strip().rstrip("，,；;：:、").strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"
