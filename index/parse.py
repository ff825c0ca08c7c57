"""Page text → articles.

A page is extracted from a printed layout: columns break lines mid-word, blank lines fall inside
sentences, and each headline comes *after* its article's body. The parser works on the shape of
such pages, not on one page:

1. Lines are grouped into blocks (runs of non-blank lines).
2. Articles start at a dateline block (`本报梁山3月13日讯（记者 …）`), a byline block
   (`■本报通讯员 …`), or a photo caption (the paragraph just before a `■记者 … 摄` credit).
3. The unterminated short blocks just before the next article start are the headline of the
   article before them (title lines, then an optional subtitle).
4. Inside a body, an unterminated block is either a section head (a single line clearly shorter
   than the article's column) or a fragment of a sentence that goes on in the next block.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from statistics import median

from index.text import clean_line, join_lines, source_lines, width

_DATELINE = re.compile(
    r"^(?P<agency>本报|新华社|中新社|人民网|新华网)(?P<place>[\u4e00-\u9fff]{0,8}?)"
    r"(?P<date>(?:\d{4}年)?\d{1,2}月\d{1,2}日)?[讯电](?:[（(](?P<who>[^）)]{1,40})[）)])?"
)
_BYLINE = re.compile(r"^(?:■\s*|本报)(?:本报)?(?P<who>(?:通讯员|记者)[\s：:]*[^，。]{1,40})$")
_CREDIT = re.compile(r"^(?:■\s*)?(?:本报)?(?:(?:记者|通讯员)[\s：:]*)?(?P<names>[^，。]{2,40}?)\s*摄影?$")
_TERMINATED = re.compile(r"[。！？!?；;…][”’」』）)\"']*$")
_SENTENCE_END = re.compile(r"[。！？!?]")
_SUBTITLE = re.compile(r"^[—-]{1,2}|参加|出席|陪同|视察|调研|考察|主持|讲话|会见|看望|慰问|致辞")

# A heading line is at most this many ems; a headline has at most this many lines.
_MAX_HEADING_WIDTH = 32
_MAX_HEADLINE_LINES = 5


@dataclass
class Paragraph:
    """Running text of one paragraph, with where each of its source lines starts in `text`."""

    text: str
    line_start: int
    line_end: int
    section: str = ""
    starts: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class Article:
    """One article of a page, with everything a citation needs."""

    id: str
    source: str
    title: str
    subtitle: str = ""
    byline: str = ""
    place: str = ""
    date: str = ""
    kind: str = "article"
    sections: list[str] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    line_start: int = 0
    line_end: int = 0

    @property
    def text(self) -> str:
        """The body as running text, paragraphs separated by newlines."""
        return "\n".join(p.text for p in self.paragraphs)


@dataclass
class _Block:
    lines: list[tuple[int, str]]

    @property
    def last(self) -> str:
        return self.lines[-1][1]

    @property
    def terminated(self) -> bool:
        return bool(_TERMINATED.search(self.last))

    @property
    def single(self) -> bool:
        return len(self.lines) == 1

    def kind(self) -> str:
        first = self.lines[0][1]
        if _DATELINE.match(first):
            return "dateline"
        if self.single and len(first) <= 40 and _CREDIT.match(first) and first.startswith(("■", "记者", "本报记者")):
            return "credit"
        if self.single and _BYLINE.match(first):
            return "byline"
        return "text"

    def heading_like(self) -> bool:
        """Could be (part of) a headline: short lines, no sentence end anywhere."""
        return (
            self.kind() == "text"
            and not self.terminated
            and len(self.lines) <= _MAX_HEADLINE_LINES
            and all(width(t) <= _MAX_HEADING_WIDTH and not _SENTENCE_END.search(t) for _, t in self.lines)
        )


def parse_page(text: str, source: str) -> list[Article]:
    """Split one page's text into articles.

    Args:
        text: the decoded page text.
        source: the file name, kept on every article and paragraph for citations.

    Returns:
        The articles in page order; a page with no text gives an empty list.
    """
    blocks = _blocks(text)
    segments = _segments(blocks)
    stem = Path(source).stem
    articles = []
    for body, headline in segments:
        article = _article(body, headline, source)
        if article.paragraphs:
            article.id = f"{stem}:{len(articles) + 1}"
            articles.append(article)
    return articles


def article_key(article: Article) -> str:
    """A short ASCII key for an article that stays the same across reindexes of the same text."""
    return hashlib.sha1(f"{article.source}\n{article.title}".encode()).hexdigest()[:10]


def _blocks(text: str) -> list[_Block]:
    blocks, current = [], []
    for number, raw in enumerate(source_lines(text), start=1):
        line = clean_line(raw)
        if line:
            current.append((number, line))
        elif current:
            blocks.append(_Block(current))
            current = []
    if current:
        blocks.append(_Block(current))
    return blocks


def _segments(blocks: list[_Block]) -> list[tuple[list[_Block], list[_Block]]]:
    """Cut the block list into (body blocks, headline blocks) per article."""
    kinds = [b.kind() for b in blocks]
    starts = {i for i, k in enumerate(kinds) if k in ("dateline", "byline")}
    for i, k in enumerate(kinds):
        # A credit under a caption paragraph closes a photo; under a headline it is the
        # credit of that article's picture.
        if k == "credit" and i > 0 and not blocks[i - 1].heading_like():
            starts.add(_caption_start(blocks, i))
    starts.add(0)
    bounds = sorted(starts) + [len(blocks)]
    segments = []
    for begin, end in zip(bounds, bounds[1:]):
        seg = blocks[begin:end]
        if not seg:
            continue
        end = len(seg)
        while end > 1 and seg[end - 1].kind() == "credit" and seg[end - 2].heading_like():
            end -= 1
        cut = end
        # Articles end on a full sentence, so the headline is the unterminated run at the end.
        while cut > 0 and seg[cut - 1].heading_like():
            cut -= 1
        if cut == 0:  # nothing but short lines (a page header, a lone heading): keep as body
            cut = end
        segments.append((seg[:cut] + seg[end:], seg[cut:end]))
    return segments


def _caption_start(blocks: list[_Block], credit: int) -> int:
    """A photo caption is the paragraph just above its credit; find its first block."""
    start = credit - 1
    col = _column([blocks[start]])
    while start > 0:
        prev = blocks[start - 1]
        if prev.kind() != "text" or prev.terminated or not _is_fragment(prev, col):
            break
        start -= 1
    return start


def _column(blocks: list[_Block]) -> float:
    """The column width of a body in ems: the median width of lines that are not a block's last."""
    widths = [width(t) for b in blocks for _, t in b.lines[:-1]]
    if not widths:
        widths = [width(t) for b in blocks for _, t in b.lines]
    return median(widths) if widths else 0.0


def _is_fragment(block: _Block, column: float) -> bool:
    """An unterminated block that is part of a sentence, not a heading.

    Section heads are one short line; a sentence fragment is several lines, holds a comma, or
    fills the column (allowing for the two-em indent of a paragraph's first line). A line wider
    than the column cannot be a line of it: that is a heading set in another measure.
    """
    if not block.single:
        return True
    line = block.last
    if width(line) > column + 1:
        return False
    return bool(re.search(r"[，、,]", line)) or width(line) >= column - 3


def _article(body: list[_Block], headline: list[_Block], source: str) -> Article:
    article = Article(id="", source=source, title="")
    lines = [ln for b in body + headline for ln in b.lines]
    article.line_start, article.line_end = lines[0][0], lines[-1][0]
    column = _column([b for b in body if b.kind() == "text"])
    pending: list[tuple[int, str]] = []
    section = ""

    def flush() -> None:
        if pending:
            text, starts = join_lines(pending)
            article.paragraphs.append(Paragraph(text, pending[0][0], pending[-1][0], section, starts))
            pending.clear()

    for block in body:
        kind = block.kind()
        if kind in ("byline", "credit"):
            # Kept as a paragraph of its own too, so "who took the photo" finds its passage.
            flush()
            pending.append((block.lines[0][0], block.last.lstrip("■ ")))
            flush()
            if kind == "credit":
                if not article.byline:  # no reporter of its own: the photo is the article
                    article.byline = "摄影：" + " ".join(_CREDIT.match(block.last)["names"].split())
                    article.kind = "photo"
            else:
                article.byline = " ".join(_BYLINE.match(block.last)["who"].split())
            continue
        if kind == "dateline":
            _read_dateline(article, block.lines[0][1])
        elif not pending and not block.terminated and not _is_fragment(block, column):
            section = block.last
            article.sections.append(section)
            continue
        pending.extend(block.lines)
        if block.terminated:
            flush()
    flush()
    _set_headline(article, [ln for b in headline for _, ln in b.lines])
    return article


def _read_dateline(article: Article, line: str) -> None:
    m = _DATELINE.match(line)
    article.place = m["place"] or ""
    article.date = m["date"] or ""
    if m["who"]:
        article.byline = " ".join(m["who"].split())


def _set_headline(article: Article, lines: list[str]) -> None:
    if len(lines) >= 2 and _SUBTITLE.search(lines[-1]):
        article.subtitle = lines[-1].lstrip("—-").strip()
        lines = lines[:-1]
    if lines:
        article.title, _ = join_lines(list(enumerate(lines)))
        return
    # A photo caption (or a headline lost in extraction): name it after its first clause.
    first = re.split(r"[，。！？；：,;]", article.paragraphs[0].text, maxsplit=1)[0] if article.paragraphs else ""
    first = first[:24]
    article.title = f"图片新闻：{first}" if article.kind == "photo" else first
