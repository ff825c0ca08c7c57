"""The one entry point front ends call: a question (and a chat session) in, an Answer out."""

from __future__ import annotations

import logging
import threading
from dataclasses import replace

from index import store
from index.embed import Embedder
from index.lexicon import foreign_spelling
from index.settings import Settings
from retrieval.answer import Answer, extract
from retrieval.model import default_model
from retrieval.query import MAX_QUESTION, Query, analyse, holds
from retrieval.search import search
from retrieval.session import Session, source_number

log = logging.getLogger(__name__)

SOURCES = 3
# No question set here has follow-ups, so no data can fit these two; they were set on the seed
# page's follow-up tests (tests/test_qa.py). The bonus is a share of the question's spread of
# passage scores, so it means the same however the passage model's scores are scaled.
FOLLOW_UP_WEIGHT = 0.35  # how much the previous question's words count in a follow-up
SAME_ARTICLE_BONUS = 0.15

MESSAGES = {
    "empty": ("请输入一个问题，例如：跨省通办的事项有多少个？", "Please type a question, e.g. how many matters are handled across provinces?"),
    "nothing": ("这个问题里没有可以查找的内容，请换个说法，带上具体的人、事、地点或数字。",
                "There is nothing to look up in that question; please name a person, place, event or number."),
    "not_found": ("文章中没有找到这个问题的答案。以下是最接近的段落（不是答案）：",
                  "The articles do not answer this. The closest passages (not an answer):"),
    "truncated": (f"问题太长，只用了前{MAX_QUESTION}个字。", f"The question was too long; only its first {MAX_QUESTION} characters were used."),
    "no_context": ("还没有可以查看的来源，请先提一个问题。", "There are no sources yet; ask a question first."),
    "no_source": ("没有第{n}个来源，上一个回答共有{count}个来源。", "There is no source {n}; the last answer has {count}."),
}


def message(key: str, lang: str = "zh", **fmt) -> str:
    """A user-facing message in the question's language."""
    zh, en = MESSAGES[key]
    return (en if lang == "en" else zh).format(**fmt)


class QA:
    """Answers questions over the current index, loading the model and index once.

    Args:
        settings: where the index is and which model made it.
        embedder: an already loaded embedder to share (tests, benchmarks); loaded from the
            settings when None.

    Raises:
        IndexMissing, IndexMismatch: from loading the index; their messages say what to do.
        ModelMismatch: the fitted answer model does not fit this code (run `make train`).
    """

    def __init__(self, settings: Settings, embedder=None):
        self.settings = settings
        self.model = default_model()  # read now, so a mismatch is found at start, not mid-chat
        # The characters of foreign names and the names of countries and eras take CC-CEDICT's parse
        # (about 2 s): read at start, not in the first answer that meets a dotted name, 哪国 or a year.
        foreign_spelling()
        self.embedder = embedder or Embedder.from_settings(settings)
        self.index = store.load_index(settings.index_dir, self.embedder.name, self.embedder.dim)
        self._lock = threading.Lock()

    def stale(self) -> bool:
        """True when `newsqa reindex` has published a newer index (one readlink, cheap)."""
        version = store.current_version(self.settings.index_dir)
        return version is not None and version != self.index.version

    def refresh(self) -> bool:
        """Swap in a newer index if `newsqa reindex` published one; True when it did."""
        if not self.stale():
            return False
        version = store.current_version(self.settings.index_dir)
        with self._lock:
            if version != self.index.version:
                self.index = store.load_index(self.settings.index_dir, self.embedder.name, self.embedder.dim)
                log.info("loaded index version %s", self.index.version)
        return True

    def ask(self, question: str, session: Session | None = None) -> Answer:
        """Answer one question; with a session, follow-ups and "第二个来源" use the last exchange.

        Args:
            question: as typed.
            session: the conversation, or None for a standalone question.

        Returns:
            The Answer; `found` is False when the articles do not support one.
        """
        index = self.index  # one version for the whole question, even if a reindex swaps it now
        query = analyse(question, index.sparse, index.lexicon)
        if not query.raw:
            return Answer(question, message("empty", query.lang), False, note="empty")
        n = source_number(query.raw)
        if n is not None:
            return self._source(n, session, query.lang)
        if query.empty:
            return Answer(question, message("nothing", query.lang), False, note="nothing")
        vector = self.embedder.encode([query.dense_text])[0]
        answer = self._answer(index, query, vector)
        previous = session.current() if session else None
        if previous and (query.looks_like_follow_up or not answer.found):
            merged = _merge(query, previous[0])
            follow = self._answer(index, merged, vector, prefer=previous[1])
            if follow.found and (not answer.found or (query.looks_like_follow_up and not _surer_alone(answer, follow, previous))):
                # The merged question becomes the context, so a third question still knows the first.
                answer, query = follow, merged
        answer.question = question
        if not answer.found:
            answer.text = message("not_found", query.lang)
        if query.truncated:
            answer.note = message("truncated", query.lang)
        if session is not None:
            session.remember(query, answer)
        return answer

    def _answer(self, index, query: Query, vector, prefer: Answer | None = None) -> Answer:
        bonus = {prefer.sources[0].chunk.article_id: SAME_ARTICLE_BONUS} if prefer and prefer.sources else None
        hits = search(index, query, vector, k=max(SOURCES, 5), prefer=bonus)
        answer = extract(query, hits, index, self.model)
        answer.sources = answer.sources[:SOURCES]
        return answer

    def _source(self, n: int, session: Session | None, lang: str) -> Answer:
        previous = session.current() if session else None
        if not previous or not previous[1].sources:
            return Answer(f"source {n}", message("no_context", lang), False, note="source")
        sources = previous[1].sources
        if not 1 <= n <= len(sources):
            return Answer(f"source {n}", message("no_source", lang, n=n, count=len(sources)), False, note="source")
        hit = sources[n - 1]
        return Answer(f"source {n}", hit.chunk.text, True, [hit], note="source")


def _surer_alone(alone: Answer, merged: Answer, previous: tuple[Query, Answer]) -> bool:
    """True when a follow-up read alone is answered from the conversation's article, as much about
    what the last question asked as with its words mixed in, and more surely ("能新增多少就业？"
    after a question about a factory). Answered from another article ("总投资多少？" after one about
    曲阜's projects), or from a sentence naming less of the last question (the province's total,
    where the last question named 梁山's wetland project), it is not the question asked."""
    asked, answered = previous
    if not (alone.found and alone.sources and answered.sources):
        return False
    same = alone.sources[0].chunk.article_id == answered.sources[0].chunk.article_id
    return same and _named(asked, alone) >= _named(asked, merged) and alone.confidence >= merged.confidence


def _named(query: Query, answer: Answer) -> int:
    """How many of a question's concepts the answer's sentence names."""
    text = answer.sources[0].chunk.read(answer.sentence.text) if answer.sentence and answer.sources else ""
    return sum(any(holds(text, t) for t in c.terms) for c in query.concepts)


def _merge(query: Query, previous: Query) -> Query:
    """The follow-up's concepts plus the previous question's, which count for less."""
    have = {c.label for c in query.concepts}
    older = [
        replace(c, terms={t: FOLLOW_UP_WEIGHT * w for t, w in c.terms.items()})
        for c in previous.concepts
        if c.label not in have
    ]
    return replace(query, concepts=query.concepts + older)
