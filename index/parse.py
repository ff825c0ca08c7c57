"""Page text → articles, for every layout `index.layout` detects.

A segment's headline lines become the title (with a kicker above and a subtitle below it where
the shape shows them); its body becomes paragraphs that keep their source lines exactly, with
section heads, bylines, the dateline's place and date, and wire furniture (原标题, 来源, 责任编辑,
（完）…) stored on the article instead of in its text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from index import furniture as fx
from index.layout import KICKER_END, Block, Segment, detect, heading_like, is_fragment, measure, read_blocks, segment
from index.text import join_lines, line_at, script

_TERMINATED = re.compile(r"[。！？!?；;…][”’」』）)\"'】]*$")
_SENTENCE_END = re.compile(r"[。！？!?]")
_SUBTITLE = re.compile(r"^[—-]{1,2}|参加|出席|陪同|视察|调研|考察|主持|讲话|会见|看望|慰问|致辞")
# No printed article is this long on one line: a file like that is data, not page text.
MAX_LINE = 20_000
MAX_DERIVED_TITLE = 24


@dataclass
class Paragraph:
    """Running text of one paragraph, with where each of its source lines starts in `text`."""

    text: str
    line_start: int
    line_end: int
    section: str = ""
    starts: list[tuple[int, int]] = field(default_factory=list)

    def cut(self, start: int, end: int) -> "Paragraph":
        """The part `text[start:end]`, its line span and line starts moved with it."""
        before = [n for s, n in self.starts if s <= start]
        starts = [(0, before[-1] if before else self.line_start)]
        starts += [(s - start, n) for s, n in self.starts if start < s < end]
        text = self.text[start:end]
        return Paragraph(text, starts[0][1], line_at(starts, max(len(text) - 1, 0)), self.section, starts)


@dataclass
class Article:
    """One article of a file, with everything a citation needs."""

    id: str
    source: str
    title: str
    subtitle: str = ""
    kicker: str = ""
    aliases: list[str] = field(default_factory=list)
    byline: str = ""
    place: str = ""
    date: str = ""
    kind: str = "article"
    script: str = "hans"
    furniture: dict[str, str] = field(default_factory=dict)
    sections: list[str] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    line_start: int = 0
    line_end: int = 0
    page: int = 0  # a PDF's page (from 1), whose reading-order lines the line numbers count; 0 for text

    @property
    def text(self) -> str:
        """The body as running text, paragraphs separated by newlines."""
        return "\n".join(p.text for p in self.paragraphs)


@dataclass
class ParsedFile:
    """What one file gave: its articles, the layout they were read with, and any warning."""

    articles: list[Article]
    layout: str
    warnings: list[str] = field(default_factory=list)


def parse(text: str, source: str, layout: str = "auto", year: int = 0) -> ParsedFile:
    """Split one file's text into articles, in the layout its shape shows (or the one forced).

    Args:
        text: the decoded file text.
        source: the file name, kept on every article and paragraph for citations.
        layout: `auto`, `article` (one article, headline first) or `page` (SEEDS_LAYOUT).
        year: the year of datelines that give only month and day, when nothing in the file
            or its name gives one (SEEDS_YEAR); 0 leaves such dates without a year.

    Returns:
        The articles in file order; an empty file gives none. A file in which no article can
        be recognised becomes one article titled by the file name, with a warning.
    """
    shape = read_blocks(text)
    if not shape.blocks:
        return ParsedFile([], "article")
    found = detect(shape, layout)
    stem = Path(source).stem
    page_day = _page_day(source, shape.blocks)
    articles = []
    if _recognisable(shape.blocks):
        for seg in segment(shape, found):
            article = article_of(seg, source, shape.wrapped, page_day, year)
            if article.paragraphs:
                article.id = f"{stem}:{len(articles) + 1}"
                articles.append(article)
    if not articles:
        return ParsedFile([_whole_file(shape.blocks, source)], found, [
            f"{source}: no article recognised (no headline or sentence found); indexed as one article titled by its file name"
        ])
    if found == "page-before" and len(articles) == 1:
        found = "article"
    return ParsedFile(articles, found)


def _recognisable(blocks: list[Block]) -> bool:
    """Page text has sentences or prose; a list of numbers, furniture alone or one huge line
    has not."""
    lines = [t for b in blocks for _, t in b.lines]
    if any(len(t) > MAX_LINE for t in lines):
        return False
    for block in blocks:
        if block.kind == "furniture":
            continue
        letters = len(re.findall(r"[\u4e00-\u9fffA-Za-z]", block.text))
        if letters >= 20 or (letters >= 6 and _SENTENCE_END.search(block.text)):
            return True
    return False


def _whole_file(blocks: list[Block], source: str) -> Article:
    """Every line of an unrecognised file, one paragraph per block, under the file's name."""
    article = Article(id=f"{Path(source).stem}:1", source=source, title=source)
    for block in blocks:
        text, starts = join_lines(block.lines)
        article.paragraphs.append(Paragraph(text, block.lines[0][0], block.lines[-1][0], "", starts))
    article.line_start, article.line_end = blocks[0].lines[0][0], blocks[-1].lines[-1][0]
    article.script = script(article.text)
    return article


def _page_day(source: str, blocks: list[Block]) -> fx.Day | None:
    """The date of the page or export: from the file name, else from a page header line."""
    day = fx.file_date(Path(source).name)
    if day:
        return day
    for block in blocks:
        if block.kind == "furniture":
            item = fx.furniture(block.first)
            if item and item.key == "page":
                return fx.full_date(item.value)
    return None


def article_of(seg: Segment, source: str, wrapped: bool, page_day: fx.Day | None, year: int) -> Article:
    """One segment's article: headline, body paragraphs with their lines, byline, place, date
    and furniture; `page_day` dates it when its dateline gives no full date. Its id is left
    for the caller to number."""
    article = Article(id="", source=source, title="")
    lines = [ln for b in seg.blocks for ln in b.lines]
    article.line_start = min(n for n, _ in lines)
    article.line_end = max(n for n, _ in lines)
    column = measure([b for b in seg.body if b.kind in ("text", "opener", "dateline")])
    pending: list[tuple[int, str]] = []
    section = ""
    dateline_day: fx.Day | None = None

    def flush() -> None:
        if pending:
            text, starts = join_lines(pending)
            article.paragraphs.append(Paragraph(text, pending[0][0], pending[-1][0], section, starts))
            pending.clear()

    for block in seg.body:
        kind = block.kind
        if kind == "furniture":
            flush()
            _store(article, fx.furniture(block.first))
            continue
        if kind == "caption":  # set in caption type under a photo: a paragraph of its own
            flush()
            pending.extend(block.lines)
            flush()
            continue
        if kind == "credit":
            # Kept as a paragraph of its own too, so "who took the photo" finds its passage.
            flush()
            pending.append((block.lines[0][0], block.first.lstrip("■□◎●◆ ")))
            flush()
            if not article.byline:  # no reporter of its own: the photo is the article
                article.byline = "摄影：" + fx.credit_names(block.first)
                article.kind = "photo"
            continue
        if kind == "byline":
            flush()
            pending.append((block.lines[0][0], block.first.lstrip("■□◎●◆ ")))
            flush()
            article.byline = fx.byline_names(block.first)
            continue
        if kind == "dateline" and dateline_day is None and not article.paragraphs and not pending:
            line = fx.read_dateline(join_lines(block.lines)[0])  # （记者 赵 / 明） may wrap
            article.place = line.place
            if line.who:
                article.byline = line.who
            dateline_day = fx.month_day(line.date) if line.date else None
        elif not pending and (
            block.kind == "heading" if seg.typeset else heading_like(block, wrapped) and not is_fragment(block, column)
        ):
            section = block.last
            article.sections.append(section)
            continue
        pending.extend(block.lines)
        if block.terminated:
            flush()
    flush()
    _strip_inline_furniture(article)
    _drop_repeats(article)
    if seg.typeset:
        article.kicker, article.subtitle = (join_lines([ln for b in part for ln in b.lines])[0] for part in (seg.kicker, seg.subtitle))
    _set_headline(article, seg.headline, guess=not seg.typeset)
    # The export's own date line, or a date printed with its source (来源：…日报 2023-05-08).
    own = next((d for key in ("date", "source", "editor") if (d := fx.full_date(article.furniture.get(key, "")))), None)
    day = fx.complete(dateline_day, own or page_day, year) if dateline_day else own or page_day
    article.date = day.iso() if day else ""
    article.script = script(article.title + article.text)
    return article


def _store(article: Article, item: fx.Furniture | None) -> None:
    if item is None:
        return
    if item.key == "original_title":
        if item.value not in article.aliases:
            article.aliases.append(item.value)
    elif item.key == "byline" and not article.byline:
        article.byline = item.value  # 文/张三: an export's byline, stored but not a passage
        article.furniture["byline"] = item.value
    elif item.key not in article.furniture:
        article.furniture[item.key] = item.value


def _strip_inline_furniture(article: Article) -> None:
    """Furniture glued to the first or last paragraph: `（原标题：…）正文`, `正文。来源：环球网`."""
    if not article.paragraphs:
        return
    first = article.paragraphs[0]
    m = fx.LEADING.match(first.text)
    if m and m.end() < len(first.text):
        _store(article, fx.Furniture("original_title", m["value"].strip()))
        article.paragraphs[0] = first.cut(m.end(), len(first.text))
    while article.paragraphs:
        last = article.paragraphs[-1]
        m = fx.TRAILING.search(last.text)
        if not m:
            break
        value = m["paren"] or m["plain"] or m["end"]
        item = fx.furniture(value) or fx.Furniture("end", value)
        _store(article, item)
        if m.start() == 0:
            article.paragraphs.pop()
        else:
            article.paragraphs[-1] = last.cut(0, m.start())


def _drop_repeats(article: Article) -> None:
    """A paragraph that repeats an earlier one word for word (a scrape's doubled lead) goes."""
    seen: set[str] = set()
    kept = []
    for p in article.paragraphs:
        if p.text in seen and len(p.text) >= 10:
            continue
        seen.add(p.text)
        kept.append(p)
    article.paragraphs = kept


def _set_headline(article: Article, blocks: list[Block], guess: bool = True) -> None:
    lines = []
    for block in blocks:
        # 原标题 where the headline stands (it may wrap onto a second line) is the original.
        joined, _ = join_lines(block.lines)
        item = fx.furniture(joined) if block.kind == "furniture" else None
        if item and item.key == "original_title":
            _store(article, item)
        else:
            lines.extend(t for _, t in block.lines if t)
    if guess and len(lines) >= 2 and _SUBTITLE.search(lines[-1]):
        article.subtitle = lines[-1].lstrip("—-").strip()
        lines = lines[:-1]
    if guess and len(lines) >= 2 and KICKER_END.search(lines[0]):
        article.kicker = lines[0].rstrip("—：:").strip()
        lines = lines[1:]
    if lines:
        article.title, _ = join_lines(list(enumerate(lines)))
        return
    if article.aliases:  # the export kept only its original headline
        article.title = article.aliases.pop(0)
        return
    # A photo caption (or a headline lost in extraction): name it after its first clause.
    first = article.paragraphs[0].text if article.paragraphs else ""
    line = fx.read_dateline(first)
    if line:
        first = first[line.length :]
    first = re.split(r"[，。！？；：,;]", first.strip(), maxsplit=1)[0][:MAX_DERIVED_TITLE]
    article.title = f"图片新闻：{first}" if article.kind == "photo" else first
