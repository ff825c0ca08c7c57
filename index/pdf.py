"""E-paper PDF → articles, from where each character stands and how large it is set.

A page's characters become lines; the header and footer bands (paper, date, 第N版, editor,
page number) are kept out of articles and give their date and edition; the rest is put in
reading order by cutting the page at its widest empty gaps (columns, the space under a
headline across the page); headlines are told from body text by type size (the largest run
is the title, smaller lines above it the kicker, below it the subtitle), section heads by
weight, captions by their smaller type. Each page's lines are numbered in that reading order,
so a citation is `file.pdf p.N:lines`.

pypdfium2 (Apache-2.0 / BSD-3, PDFium's own text layer) is used rather than pdfplumber (MIT,
pure-Python pdfminer.six): on the 40-page benchmark paper this whole reading takes a third of
the time pdfplumber needs for the characters alone, at an eighth of the memory (BENCHMARKS.md);
PyMuPDF is fast too but AGPL.
"""

from __future__ import annotations

import ctypes
import re
from collections import Counter
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from index import furniture as fx
from index.layout import Block, Segment
from index.parse import Article, ParsedFile, article_of
from index.text import UnreadableFile

# Bump when what is read from a PDF changes: cached articles of unchanged PDFs are then re-read.
READER_VERSION = 1

# Type-size ratios to the page's body size. Papers set titles at 1.6–3× the body and kickers
# and subtitles at 1.2–1.5×; section heads at the body size in bold or up to a fifth larger;
# captions a size or two smaller. No question set has PDFs, so these come from print practice.
HEADLINE = 1.2
SECTION = 1.06
CAPTION = 0.92
BOLD_WEIGHT = 600
# Header and footer bands: the share of the page height at the top and bottom that holds the
# paper's name, date, 第N版 and page number, above and below every column (a column's last
# lines may reach into it; they are told apart by type and wording).
BAND = 0.07
# A gap between two characters of a line wider than this many ems splits it: a column gutter
# is an em or more, less the closing mark a line may hang into it; a space between Latin words
# is a quarter to a third. One wider than SPACE_GAP is a space (the letter-spacing of
# justified Chinese type is a tenth of an em or less).
SPLIT_GAP = 0.5
SPACE_GAP = 0.2
# A line starting this many ems right of its column's left edge opens a paragraph (papers
# indent two characters).
INDENT = 1.5
_EDITION = re.compile(r"第\s*([A-Z]?\d{1,3})\s*版")
_DATE_LINE = re.compile(r"(?:19|20)\d{2}\s*[年\-/.]\s*\d{1,2}\s*[月\-/.]\s*\d{1,2}日?")
_BOLD_NAME = re.compile(r"bold|black|heavy|hei|黑|medium|demi", re.I)


@dataclass
class Line:
    """One line of type on a page (a column's line, or a piece of a header)."""

    text: str
    x0: float
    x1: float
    top: float  # from the page's top edge, in points
    bottom: float
    size: float
    bold: bool = False
    number: int = 0  # in the page's reading order, from 1
    left: float = 0.0  # the left edge of the column it was read in
    right: float = 0.0


@dataclass
class Page:
    """One page read: its lines in reading order, the body size, and its header and footer."""

    number: int
    lines: list[Line]
    furniture: list[Line]
    body: float


@dataclass
class _Glyph:
    ch: str
    x0: float
    x1: float
    top: float
    bottom: float
    baseline: float
    size: float
    weight: int


def read_pdf(data: bytes, source: str, year: int = 0) -> ParsedFile:
    """Read every page of a PDF into articles, each knowing its page.

    Args:
        data: the PDF file's bytes.
        source: its file name, kept on every article for citations.
        year: the year of dates that give only month and day (SEEDS_YEAR).

    Returns:
        The articles in page and reading order, with a warning for each page that has no text
        layer (a scan) and was skipped.

    Raises:
        UnreadableFile: the file is encrypted, damaged, or not a PDF.
    """
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        reason = "it is encrypted with a password" if "password" in str(exc).lower() else f"not a readable PDF ({exc})"
        raise UnreadableFile(f"{source}: {reason}") from None
    articles: list[Article] = []
    warnings = []
    try:
        for number in range(1, len(pdf) + 1):
            page = read_page(pdf, number)
            if page is None:
                warnings.append(f"{source} p.{number}: no text layer (a scanned page?); skipped, as newsqa does no OCR")
                continue
            for article in page_articles(page, source, year):
                article.id = f"{Path(source).stem}:{len(articles) + 1}"
                articles.append(article)
    finally:
        pdf.close()
    if not articles and not warnings:
        warnings.append(f"{source}: no text found in the PDF")
    return ParsedFile(articles, "pdf", warnings)


def read_page(pdf: pdfium.PdfDocument, number: int) -> Page | None:
    """One page's lines in reading order, or None when it has no text layer."""
    page = pdf[number - 1]
    try:
        height = page.get_height()
        glyphs = _glyphs(page, height)
        if not glyphs:
            return None
        lines = _lines(glyphs)
        body = _body_size(lines)
        figures = _figures(page, height, body)
    finally:
        page.close()
    band = BAND * height
    furniture = [ln for ln in lines if (ln.bottom <= band or ln.top >= height - band) and _stamp(ln, body)]
    content = [ln for ln in lines if ln not in furniture]
    # Photos take part in the cutting as the space they fill, so the white a photo would leave
    # in a column is not taken for a gap between stories; they are dropped after.
    ordered = [ln for ln in _reading_order(content + figures, body) if ln.text]
    _set_columns([ln for ln in ordered if _role(ln, body) == "text"])
    head = [ln for ln in furniture if ln.bottom <= band]
    foot = [ln for ln in furniture if ln not in head]
    for n, line in enumerate(head + ordered + foot, 1):
        line.number = n
    return Page(number, ordered, head + foot, body)


def page_articles(page: Page, source: str, year: int = 0) -> list[Article]:
    """The articles of one read page: a headline opens one, and its body runs until the next."""
    stamp = " ".join(ln.text for ln in page.furniture)
    day = fx.file_date(Path(source).name) or fx.full_date(stamp)
    segments: list[Segment] = []
    for is_head, run in groupby(page.lines, key=lambda ln: _role(ln, page.body) == "headline"):
        if is_head or not segments:  # text above the page's first headline is an article too
            segments.append(Segment(typeset=True))
        if is_head:
            _set_deck(segments[-1], list(run))
        else:
            segments[-1].body.extend(_blocks(list(run), page.body))
    # What the header and footer say holds for every article of the page.
    said: dict[str, str] = {}
    for line in page.furniture:
        item = fx.furniture(line.text)
        if item and item.key in ("page", "editor"):
            said.setdefault(item.key, item.value)
    if edition := _EDITION.search(stamp):
        said["edition"] = f"第{edition[1]}版"
    articles = []
    for seg in segments:
        article = article_of(seg, source, True, day, year)
        if article.paragraphs:
            article.page = page.number
            article.furniture = {**said, **article.furniture}
            articles.append(article)
    return articles


def _glyphs(page: pdfium.PdfPage, height: float) -> list[_Glyph]:
    textpage = page.get_textpage()
    try:
        raw = textpage.raw
        out = []
        x, y = ctypes.c_double(), ctypes.c_double()
        for i in range(textpage.count_chars()):
            if pdfium_c.FPDFText_IsGenerated(raw, i) == 1:
                continue
            ch = chr(pdfium_c.FPDFText_GetUnicode(raw, i))
            if ch in "\r\n\t\x00":
                continue
            if ch == "\x02":  # PDFium's mark for a hyphen that ends a line
                ch = "-"
            rect = pdfium_c.FS_RECTF()
            if not pdfium_c.FPDFText_GetLooseCharBox(raw, i, rect):
                continue
            pdfium_c.FPDFText_GetCharOrigin(raw, i, x, y)
            size = pdfium_c.FPDFText_GetFontSize(raw, i)
            weight = pdfium_c.FPDFText_GetFontWeight(raw, i)
            out.append(_Glyph(ch, rect.left, rect.right, height - rect.top, height - rect.bottom, height - y.value, round(size, 1), weight))
        return out
    finally:
        textpage.close()


def _figures(page: pdfium.PdfPage, height: float, body: float) -> list[Line]:
    """Photos and shaded boxes as empty lines; thin rules are left out, as a rule between
    columns stands in the gutter that separates them."""
    out = []
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE, pdfium_c.FPDF_PAGEOBJ_PATH]):
        left, bottom, right, top = obj.get_bounds()
        if right - left >= 2 * body and top - bottom >= 2 * body:
            out.append(Line("", left, right, height - top, height - bottom, 0.0))
    return out


def _lines(glyphs: list[_Glyph]) -> list[Line]:
    """Glyphs on one baseline and close together make a line; a wide gap starts another.

    Lines of a column are at least a line's height apart; a column beside it may sit a little
    higher or lower, which only joins their rows, and the gutter then splits them again.
    """
    glyphs = sorted(glyphs, key=lambda g: (g.baseline, g.x0))
    rows: list[list[_Glyph]] = []
    for g in glyphs:
        row = rows[-1] if rows else None
        if row and g.baseline - row[-1].baseline <= 0.15 * min(row[-1].size, g.size):
            row.append(g)
        else:
            rows.append([g])
    lines = []
    for row in rows:
        row.sort(key=lambda g: g.x0)
        piece = [row[0]]
        for g in row[1:]:
            if g.x0 - piece[-1].x1 > SPLIT_GAP * min(g.size, piece[-1].size) or g.size != piece[-1].size:
                lines.append(_line(piece))
                piece = []
            piece.append(g)
        lines.append(_line(piece))
    return lines


def _line(glyphs: list[_Glyph]) -> Line:
    text = ""
    for prev, g in zip([None] + glyphs, glyphs):
        if prev is not None and g.x0 - prev.x1 > SPACE_GAP * g.size and not (prev.ch.isspace() or g.ch.isspace()):
            text += " "
        text += g.ch
    sizes = Counter(g.size for g in glyphs)
    weight = Counter(g.weight for g in glyphs).most_common(1)[0][0]
    return Line(
        text.strip("\u3000 "),
        min(g.x0 for g in glyphs),
        max(g.x1 for g in glyphs),
        min(g.top for g in glyphs),
        max(g.bottom for g in glyphs),
        sizes.most_common(1)[0][0],
        weight >= BOLD_WEIGHT,
    )


def _stamp(line: Line, body: float) -> bool:
    """A header or footer line (it is in the band): set apart from the body type, or saying
    what a header says (a date, 第N版, an editor, a page number). A column's last line of
    body text may reach into the band too."""
    text = line.text.replace(" ", "")
    return (
        abs(line.size - body) > 0.05 * body
        or text.isdigit()
        or bool(fx.furniture(text) or _DATE_LINE.fullmatch(text))
    )


def _body_size(lines: list[Line]) -> float:
    """The size most of the page's characters are set in."""
    sizes = Counter()
    for line in lines:
        sizes[line.size] += len(line.text)
    return sizes.most_common(1)[0][0]


def _reading_order(lines: list[Line], body: float) -> list[Line]:
    """Recursive XY-cut, the way a paper is read.

    1. Under (or over) a headline that runs across columns of the text below it, cut across:
       the deck of a lead story comes before its columns, and a story set lower on the page
       comes after the columns above it.
    2. Else at a column gutter through the whole region: columns are read down, then across.
    3. Else between rows, beside a headline if there is one (a column that runs on below the
       others leaves a gap across the page that is no boundary), or else at every gap.
    """
    if len(lines) <= 1:
        return lines
    rows = _gaps([(ln.top, ln.bottom) for ln in lines])
    heads = [g for g in rows if any(_beside(ln, g) and ln.size >= HEADLINE * body for ln in lines)]
    across = next((k for k, g in enumerate(rows) if g in heads and _spans_columns(lines, g, body)), None)
    gutters = [g for g in _gaps([(ln.x0, ln.x1) for ln in lines]) if g[1] - g[0] >= 0.5 * body]
    if across is not None:
        # Below the whole deck: a kicker, title and subtitle stay above the columns together.
        while across + 1 < len(rows) and all(
            ln.size >= HEADLINE * body for ln in lines if rows[across][1] <= ln.top and ln.bottom <= rows[across + 1][0]
        ):
            across += 1
        cuts = [rows[across][0]]
    elif gutters:
        cut = sum(max(gutters, key=lambda g: g[1] - g[0])) / 2
        left = [ln for ln in lines if ln.x1 <= cut]
        return _reading_order(left, body) + _reading_order([ln for ln in lines if ln.x1 > cut], body)
    elif rows:
        cuts = [max(heads, key=lambda g: g[1] - g[0])[0]] if heads else [a for a, _ in rows]
    else:  # overlapping lines (text set over a picture): top to bottom, left to right
        return sorted(lines, key=lambda ln: (ln.top, ln.x0))
    bounds = [-1.0, *cuts, float("inf")]
    parts = [[ln for ln in lines if lo < ln.bottom <= hi] for lo, hi in zip(bounds, bounds[1:])]
    return [ln for part in parts for ln in _reading_order(part, body)]


def _spans_columns(lines: list[Line], gap: tuple[float, float], body: float) -> bool:
    """A headline beside the gap crosses a gutter of the text on the gap's other side."""
    above = [ln for ln in lines if ln.bottom <= gap[0]]
    below = [ln for ln in lines if ln.top >= gap[1]]
    for heads, text in ((above, below), (below, above)):
        spans = [(ln.x0, ln.x1) for ln in text if ln.size < HEADLINE * body]
        if not spans:
            continue
        gutters = [g for g in _gaps(spans) if g[1] - g[0] >= 0.5 * body]
        for ln in heads:
            if _beside(ln, gap) and ln.size >= HEADLINE * body and any(ln.x0 < a and b < ln.x1 for a, b in gutters):
                return True
    return False


def _beside(line: Line, gap: tuple[float, float]) -> bool:
    return abs(line.bottom - gap[0]) < 0.5 or abs(line.top - gap[1]) < 0.5


def _set_columns(lines: list[Line]) -> None:
    """Give each line the edges of the column it stands in: the extent of the body lines that
    overlap it across most of the narrower one's width."""
    x0 = np.array([ln.x0 for ln in lines])
    x1 = np.array([ln.x1 for ln in lines])
    overlap = np.minimum.outer(x1, x1) - np.maximum.outer(x0, x0)
    narrower = np.minimum.outer(x1 - x0, x1 - x0)
    same = overlap >= 0.5 * narrower
    for i, line in enumerate(lines):
        line.left = float(x0[same[i]].min())
        line.right = float(x1[same[i]].max())


def _gaps(spans: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """The intervals inside the spans' extent that no span covers."""
    spans = sorted(spans)
    gaps, reach = [], spans[0][1]
    for start, end in spans[1:]:
        if start > reach:
            gaps.append((reach, start))
        reach = max(reach, end)
    return gaps


def _role(line: Line, body: float) -> str:
    """`headline`, `section`, `caption` or `text`, from the line's size and weight."""
    if line.size >= HEADLINE * body:
        return "headline"
    if line.size >= SECTION * body or (line.bold and line.size >= body):
        return "section"
    if line.size <= CAPTION * body:
        return "caption"
    return "text"


def _set_deck(segment: Segment, lines: list[Line]) -> None:
    """Kicker, title and subtitle of one headline run: the largest type is the title."""
    top = max(ln.size for ln in lines)
    first = next(i for i, ln in enumerate(lines) if ln.size == top)
    last = max(i for i, ln in enumerate(lines) if ln.size == top)
    block = lambda part: [Block([(ln.number, ln.text) for ln in part], "heading")] if part else []  # noqa: E731
    segment.kicker = block(lines[:first])
    segment.headline = block(lines[first : last + 1])
    segment.subtitle = block(lines[last + 1 :])


def _blocks(lines: list[Line], body: float) -> list[Block]:
    """Body lines as paragraphs: an indented line opens one, a short line that ends a sentence
    closes one; a caption set inside a paragraph (a photo mid-column) becomes a paragraph of
    its own after it, and the paragraph runs on around it."""
    out: list[Block] = []
    current: list[Line] = []
    held: list[Block] = []
    caption: list[Line] = []

    def close() -> None:
        if current:
            out.append(Block([(ln.number, ln.text) for ln in current], fx.line_kind(current[0].text)))
            current.clear()
        out.extend(held)
        held.clear()

    def close_caption() -> None:
        if caption:
            held.append(Block([(ln.number, ln.text) for ln in caption], "caption"))
            caption.clear()
            if not current:
                close()

    for line in lines:
        role = _role(line, body)
        if role == "caption":
            caption.append(line)
            continue
        close_caption()
        if role == "section":
            close()
            out.append(Block([(line.number, line.text)], "heading"))
            continue
        indented = line.x0 - line.left >= INDENT * line.size
        own_line = fx.line_kind(line.text) in ("byline", "credit", "furniture")
        if current and (indented or own_line or _ended(current[-1], line)):
            close()
        current.append(line)
        if own_line:
            close()
    close_caption()
    close()
    return out


def _ended(previous: Line, line: Line) -> bool:
    """The previous line closed its paragraph: it stops well short of its column's edge and
    ends a sentence, or the column changed and the new line starts a paragraph of its own."""
    short = previous.right - previous.x1 >= INDENT * previous.size
    return short and bool(re.search(r"[。！？!?…”」』）)]$", previous.text))
