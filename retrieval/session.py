"""Chat context: the last question and its sources, so follow-ups and "第二个来源" work."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field

from retrieval.answer import Answer
from retrieval.query import Query

_ORDINALS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10,
             "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5}
_SOURCE = re.compile(
    r"^\s*(?:/source\s*(\d+)|(?:给我|看看|显示|打开)?第\s*([一二两三四五六七八九十\d]+)\s*(?:个|条)?\s*(?:来源|出处|source)"
    r"|(?:来源|出处)\s*(\d+)|(?:show\s+)?(?:the\s+)?(first|second|third|fourth|fifth)\s+source|source\s*#?\s*(\d+))\s*[?？。.!！]*\s*$",
    re.I,
)


def source_number(text: str) -> int | None:
    """The N of a request for source N ("第二个来源", "/source 2", "second source"), else None."""
    m = _SOURCE.match(text)
    if not m:
        return None
    raw = next(g for g in m.groups() if g)
    return int(raw) if raw.isdigit() else _ORDINALS.get(raw.lower())


@dataclass
class Session:
    """One conversation's memory; it forgets after `ttl` seconds of silence.

    Args:
        ttl: seconds the last question stays usable as context.
    """

    ttl: float = 900.0
    query: Query | None = None
    answer: Answer | None = None
    at: float = field(default=0.0)

    def remember(self, query: Query, answer: Answer) -> None:
        """Keep this exchange as the context of the next question."""
        self.query, self.answer, self.at = query, answer, time.monotonic()

    def current(self) -> tuple[Query, Answer] | None:
        """The last exchange, if it is recent enough to follow up on."""
        if self.query is None or self.answer is None or time.monotonic() - self.at > self.ttl:
            return None
        return self.query, self.answer
