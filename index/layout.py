"""How a file's lines fall into articles. The layout is read from the text's shape:

- `article`: one article, its headline first (the usual one-article export or scrape);
- `markdown`: `# 标题` headings open articles, lower levels are section heads;
- `page-after`: a printed page of several articles, each headline *after* its body (the seed
  page: the extraction reads a column's text before the headline set across it);
- `page-before`: a printed page with each headline before its body.

Printed pages are hard-wrapped (most lines end mid-sentence); exports are not (a line is a
paragraph). A page's articles are told apart by datelines and bylines, by the column measure
changing from one article's box to the next, and by headline runs: short unterminated lines
between a finished sentence and new text whose words echo the body they belong to.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from statistics import median

from index.furniture import TRAILING, line_kind
from index.text import clean_line, simplified, source_lines, width



_TERMINATED = re.compile(r"[。！？!?；;…][”’」』）)\"'】]*$")
_HARD_END = re.compile(r"[。；;][”’」』）)\"'】]*$")
_SENTENCE_INSIDE = re.compile(r"[。；;]")
_FRAGMENT_END = re.compile(r"[，、,：:（(“「《—-]$")
_CONTINUATION_START = re.compile(r"^(?!\.\.\.)[。，、；：！？,.;:!?）)”」』》]")
# A note in brackets after the last sentence: （记者 张三） · （杜鹃）（新华社专特稿）
_NOTES_END = re.compile(r"(?:^|[。！？!?…”」])\s*(?:[（(][^（）()]{1,24}[）)]\s*)+$")
# …the same after a full stop: a headline may end in ！（组图）, a body's last sentence in 。（记者 张三）
_NOTES_AFTER_STOP = re.compile(r"(?:^|[。…”」])\s*(?:[（(][^（）()]{1,24}[）)]\s*)+$")
# A photo credit glued to the last sentence: …的海报。 新华社发 · …。（新华社记者 张三 摄）
_CREDIT_END = re.compile(r"[。！？!?…”」]\s*[（(]?[\u4e00-\u9fff·\s]{2,20}(?:摄|发)[）)]?$")
_HTML = re.compile(r"</?(?:br|p|div|span|b|strong|i|em|font)\b[^>]*>|&nbsp;", re.I)
KICKER_END = re.compile(r"(?:——|—|：|:)$")
_MARKDOWN_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*$")
_MARKDOWN_MARKUP = re.compile(r"^(?:>\s*)+|^[-*+]\s+|\*\*|__|`")

MAX_HEADLINE_LINES = 4
MAX_HEADLINE_WIDTH = 48  # ems: a title across a page's columns; the longest in the shared sets is 45
MAX_EXPORT_HEADLINE_WIDTH = 64  # an export's title line is not set in a column at all
# How much more of a headline run's words the text on its own side must hold than the text on
# the other side (shares of its character pairs) for the run to be an article's headline
# rather than a section head. The shared sets have headlines but no section heads, so no data
# can fit this: it is set so that a headline must echo its own body clearly more than the
# next one, by a quarter of its words (the seed page's section heads echo the text after them
# 0.17–0.29 more than the text before).
ECHO_MARGIN = 0.25
_OPENING, _CLOSING = "“‘「『《（(【", "”’」』》）)】"


@dataclass
class Block:
    """A run of non-blank lines (a paragraph or a piece of one), with what its first line is."""

    lines: list[tuple[int, str]]
    kind: str = "text"
    level: int = 0  # a Markdown heading's level
    gap: bool = True  # a blank line (or the file's start) stands before it

    @property
    def first(self) -> str:
        return self.lines[0][1]

    @property
    def last(self) -> str:
        return self.lines[-1][1]

    @property
    def text(self) -> str:
        return "".join(t for _, t in self.lines)

    @property
    def terminated(self) -> bool:
        """Ends a sentence (a headline may end in ！ or ？ too)."""
        return bool(_TERMINATED.search(self.last))

    @property
    def single(self) -> bool:
        return len(self.lines) == 1


@dataclass
class Segment:
    """One article's blocks: its headline lines and its body."""

    headline: list[Block] = field(default_factory=list)
    body: list[Block] = field(default_factory=list)
    # Set from type (a PDF's sizes and weights) rather than guessed from the text's shape: the
    # kicker and subtitle are known, and only blocks of kind `heading` are section heads.
    typeset: bool = False
    kicker: list[Block] = field(default_factory=list)
    subtitle: list[Block] = field(default_factory=list)

    @property
    def blocks(self) -> list[Block]:
        return self.body + self.kicker + self.headline + self.subtitle


@dataclass
class Shape:
    """A file read into blocks, with what its text looks like."""

    blocks: list[Block]
    wrapped: bool
    markdown: bool


def read_blocks(text: str) -> Shape:
    """Cut a file's lines into blocks, telling hard-wrapped page text from line-per-paragraph text."""
    raw = source_lines(text)
    markdown = sum(1 for line in raw if _MARKDOWN_HEADING.match(line.strip())) >= 1 and not _looks_wrapped(raw)
    lines = [(n, _clean(line, markdown)) for n, line in enumerate(raw, start=1)]
    wrapped = _looks_wrapped([t for _, t in lines])
    blocks: list[Block] = []
    current: list[tuple[int, str]] = []
    gap = True

    def close() -> None:
        nonlocal gap
        if current:
            blocks.append(Block(list(current), line_kind(current[0][1]), gap=gap))
            current.clear()
            gap = False

    for number, line in lines:
        if not line:
            close()
            gap = True
            continue
        heading = _MARKDOWN_HEADING.match(line) if markdown else None
        kind = line_kind(line)
        if heading:
            close()
            blocks.append(Block([(number, heading.group(2).strip())], "heading", len(heading.group(1)), gap))
            gap = False
            continue
        # Whole-line furniture, bylines and credits stand alone; a dateline opens a paragraph,
        # and so does 原标题, which may wrap onto the next line.
        original = kind == "furniture" and line.lstrip("（(").startswith("原标题")
        alone = kind in ("furniture", "byline", "credit") and not original
        opens = (kind == "dateline" and current and _TERMINATED.search(current[-1][1])) or original
        if not wrapped or alone or opens:
            close()
        current.append((number, line))
        if alone:
            close()
    close()
    return Shape(blocks, wrapped, markdown)


def _clean(line: str, markdown: bool) -> str:
    line = clean_line(_HTML.sub("", line))
    if markdown and not _MARKDOWN_HEADING.match(line):
        line = _MARKDOWN_MARKUP.sub("", line).strip()
    return line


def _looks_wrapped(lines: list[str]) -> bool:
    """Hard-wrapped text: most line breaks inside a paragraph fall mid-sentence, lines are short."""
    lines = [clean_line(x) for x in lines]
    breaks = mid = 0
    for a, b in zip(lines, lines[1:]):
        if a and b:
            breaks += 1
            mid += not _TERMINATED.search(a)
    # A line of over 100 characters is wider than any column; its exact width is not needed.
    widths = sorted(width(x) if len(x) <= 100 else 100.0 for x in lines if len(x) >= 8)
    if breaks < 3 or not widths:
        return False
    return mid / breaks >= 0.5 and widths[int(0.9 * (len(widths) - 1))] <= MAX_HEADLINE_WIDTH


def heading_like(block: Block, wrapped: bool = True) -> bool:
    """Could be (part of) a headline: a few short lines, no sentence inside, not a fragment."""
    if block.kind == "heading" or (block.kind == "furniture" and block.first.lstrip("（(").startswith("原标题")):
        return True  # an export's 原标题 line where the headline stands is the headline it has
    if block.kind != "text" or len(block.lines) > MAX_HEADLINE_LINES:
        return False
    limit = MAX_HEADLINE_WIDTH if wrapped else MAX_EXPORT_HEADLINE_WIDTH
    return (
        not _HARD_END.search(block.last)
        and not _NOTES_AFTER_STOP.search(block.text)
        and not _closes_quote(block.text)
        and not _FRAGMENT_END.search(block.last)
        and not _CONTINUATION_START.match(block.first)
        and all(width(t) <= limit and not _SENTENCE_INSIDE.search(t) for _, t in block.lines)
    )


@dataclass(frozen=True)
class Column:
    """A body's column measure in characters, from its full lines (a paragraph's lines between
    its first, which may be indented, and its last, which is short). A text wrapped by a
    program has every full line alike; a print extraction varies by a character or two
    (half-width digits, squeezed punctuation), so measures are compared beyond that spread."""

    median: float
    low: float  # first quartile
    high: float  # ninth decile
    spread: float  # half the interquartile range

    def fills(self, line: str) -> bool:
        """A line of this column's full width."""
        return self.low - 1 <= len(line) <= self.high + 1

    def differs(self, other: "Column") -> bool:
        """Two different measures: two boxes of the page."""
        return abs(self.median - other.median) >= 1 + self.spread + other.spread


def column(blocks: list[Block]) -> Column | None:
    """The column measure of a body, or None when it has too few full lines to tell."""
    full = sorted(len(t) for b in blocks if b.kind != "heading" for _, t in b.lines[1:-1])
    if len(full) < 3:
        full = sorted(len(t) for b in blocks if b.kind != "heading" for _, t in b.lines[:-1])
    if len(full) < 3:
        return None
    n = len(full)
    q1, q3, d9 = full[n // 4], full[(3 * n) // 4], full[(9 * n) // 10]
    return Column(float(median(full)), float(q1), float(d9), (q3 - q1) / 2)


def measure(blocks: list[Block]) -> float:
    """A body's column width in ems: the median width of lines that are not a block's last."""
    widths = [width(t) for b in blocks for _, t in b.lines[:-1]]
    if not widths:
        widths = [width(t) for b in blocks for _, t in b.lines]
    return median(widths) if widths else 0.0


def detect(shape: Shape, forced: str = "auto") -> str:
    """The layout of a file: `article`, `markdown`, `page-after` or `page-before`.

    Args:
        shape: the file's blocks.
        forced: `auto` to decide from the text, or `article` / `page` (SEEDS_LAYOUT).
    """
    if shape.markdown and forced != "page":
        return "markdown"
    if forced == "article":
        return "article"
    texts = [b for b in shape.blocks if b.kind not in ("furniture", "credit")]
    if not texts:
        return "article"
    if forced == "auto" and not shape.wrapped and not _several_articles(shape.blocks):
        return "article"
    first, last = texts[0], texts[-1]
    if heading_like(first, shape.wrapped) and not heading_like(last, shape.wrapped):
        return "page-before"
    return "page-after"


def _several_articles(blocks: list[Block]) -> bool:
    """Text with a paragraph per line is a page only where a headline stands before a dateline
    after the first article has begun (a quoted wire report inside an article has no headline)."""
    seen_body = False
    for prev, block in zip(blocks, blocks[1:]):
        if block.kind == "dateline" and seen_body and heading_like(prev, False):
            return True
        seen_body = seen_body or (block.kind == "text" and not heading_like(block, False))
    return False


def segment(shape: Shape, layout: str) -> list[Segment]:
    """Cut a file's blocks into one Segment per article, as the layout puts them."""
    blocks = shape.blocks
    if not blocks:
        return []
    if layout == "article":
        return [_headline_first(blocks, shape.wrapped)]
    if layout == "markdown":
        return _markdown(blocks)
    if layout == "page-before":
        starts = _starts_before(blocks, shape.wrapped)
        return [_headline_first(blocks[a:b], shape.wrapped) for a, b in _spans(starts, len(blocks))]
    starts = _starts_after(blocks, shape.wrapped)
    return [_headline_last(blocks[a:b], shape.wrapped) for a, b in _spans(starts, len(blocks))]


def _spans(starts: set[int], n: int) -> list[tuple[int, int]]:
    bounds = sorted(starts | {0}) + [n]
    return [(a, b) for a, b in zip(bounds, bounds[1:]) if b > a]


def _headline_first(blocks: list[Block], wrapped: bool) -> Segment:
    """Headline lines at the top (furniture among them is body furniture), then the body.

    The headline is the first group of lines (kicker, title, subtitle stand together); a
    group after a blank line joins it only as a subtitle (——…) or under a kicker (…：).
    """
    seg = Segment()
    lines = 0
    for i, block in enumerate(blocks):
        if block.kind == "furniture" and not heading_like(block, wrapped):
            seg.body.append(block)
            continue
        joins = not seg.headline or not block.gap or block.first.startswith(("—", "-")) or KICKER_END.search(seg.headline[-1].last)
        if joins and (heading_like(block, wrapped) or _kicker(block, wrapped)) and lines + len(block.lines) <= MAX_HEADLINE_LINES and not _body_follows_nothing(blocks, i):
            seg.headline.append(block)
            lines += len(block.lines)
            continue
        seg.body.extend(blocks[i:])
        break
    return seg


def _kicker(block: Block, wrapped: bool) -> bool:
    """A kicker line above a title (稳就业 促增收：): a headline line that leads into the next."""
    return block.single and bool(KICKER_END.search(block.last)) and heading_like(Block([(0, block.last.rstrip("：:—"))]), wrapped)


def _body_follows_nothing(blocks: list[Block], i: int) -> bool:
    """True when nothing but furniture follows: a lone short line is text, not a headline."""
    return all(b.kind == "furniture" for b in blocks[i + 1 :])


def _headline_last(blocks: list[Block], wrapped: bool) -> Segment:
    """The body, then the headline: the unterminated short blocks at the end (and a credit
    under the headline, which is its photo's)."""
    end = len(blocks)
    while end > 0 and blocks[end - 1].kind == "furniture" and not heading_like(blocks[end - 1], wrapped):
        end -= 1
    tail = blocks[end:]
    while end > 1 and blocks[end - 1].kind == "credit" and heading_like(blocks[end - 2], wrapped):
        end -= 1
    cut = end
    lines = 0
    while cut > 0 and heading_like(blocks[cut - 1], wrapped) and lines + len(blocks[cut - 1].lines) <= MAX_HEADLINE_LINES:
        lines += len(blocks[cut - 1].lines)
        cut -= 1
    if cut == 0:  # nothing but short lines (a lone heading): keep them as the body
        cut = end
    return Segment(headline=blocks[cut:end], body=blocks[:cut] + blocks[end:] + tail)


def _markdown(blocks: list[Block]) -> list[Segment]:
    """Headings of the top level present open articles; deeper headings are section heads."""
    levels = [b.level for b in blocks if b.kind == "heading"]
    top = min(levels)
    segments: list[Segment] = []
    current = Segment()
    for block in blocks:
        if block.kind == "heading" and block.level == top:
            if current.headline or current.body:
                segments.append(current)
            current = Segment(headline=[block])
        elif block.kind == "heading":
            current.body.append(Block(block.lines, "text"))
        else:
            current.body.append(block)
    segments.append(current)
    return segments


def _ends_body(block: Block) -> bool:
    """A block a body can end with: a full sentence, a sentence with its furniture glued on
    (…。来源：央视新闻客户端), a note or a credit after the last sentence, a colon before a list
    the extraction lost, or furniture."""
    if block.kind in ("credit", "furniture"):
        return True
    return block.kind in ("text", "dateline", "opener", "byline") and bool(
        block.terminated
        or block.last.endswith(("：", ":"))  # a list that the extraction lost
        or TRAILING.search(block.text) or _NOTES_END.search(block.text) or _CREDIT_END.search(block.text)
    )


def _runs(blocks: list[Block], wrapped: bool):
    """(start, end) of each maximal run of headline-like blocks."""
    i, n = 0, len(blocks)
    while i < n:
        if not heading_like(blocks[i], wrapped):
            i += 1
            continue
        j = i
        while j < n and heading_like(blocks[j], wrapped):
            j += 1
        yield i, j
        i = j


def _candidates(blocks: list[Block], starts: set[int], wrapped: bool):
    """Headline runs that stand between a body and more text, as (first block of the article
    so far, run start, run end, end of the text after the run, whether the body before the
    run ends as bodies do)."""
    for i, j in _runs(blocks, wrapped):
        k = j
        while k < len(blocks) and blocks[k].kind == "furniture":
            k += 1  # 来源：… at the head of the next article
        if i == 0 or k >= len(blocks) or blocks[k].kind not in ("text", "opener"):
            continue
        begin = max(s for s in starts if s <= i)
        # Leading blocks that are the body's last words (wrapped lines of its column, or a
        # last sentence with furniture glued on) belong to the body, not to the headline.
        body = [b for b in blocks[begin:i] if b.kind == "text"]
        while i < j - 1 and (TRAILING.search(blocks[i].text) or (wrapped and _fragment([blocks[i]], column(body), measure(body)))):
            body.append(blocks[i])
            i += 1
        yield begin, i, j, _next_run_or_start(blocks, starts, j, wrapped), _ends_body(blocks[i - 1])


def _starts_after(blocks: list[Block], wrapped: bool) -> set[int]:
    """Where articles start on a page whose headlines follow their bodies."""
    starts = {i for i, b in enumerate(blocks) if b.kind in ("dateline", "byline")}
    for i, block in enumerate(blocks):
        # A credit under a caption paragraph closes a photo; under a headline it is the credit
        # of that article's picture.
        if block.kind == "credit" and i > 0 and not heading_like(blocks[i - 1], wrapped):
            starts.add(_caption_start(blocks, i))
    starts.add(0)
    for begin, i, j, end, ended in _candidates(blocks, starts, wrapped):
        if j not in starts and _decide(blocks[begin:i], blocks[i:j], blocks[j:end], wrapped, "before", ended):
            starts.add(j)
    return starts


def _starts_before(blocks: list[Block], wrapped: bool) -> set[int]:
    """Where articles start on a page whose headlines stand above their bodies."""
    starts = {0}
    for i, block in enumerate(blocks):
        if block.kind not in ("dateline", "byline") or i == 0:
            continue
        s = i
        while s > 0 and (heading_like(blocks[s - 1], wrapped) or blocks[s - 1].kind == "furniture"):
            s -= 1
        if s == 0 or _ends_body(blocks[s - 1]):
            starts.add(s)
    for begin, i, j, end, ended in _candidates(blocks, starts, wrapped):
        if i not in starts and _decide(blocks[begin:i], blocks[i:j], blocks[j:end], wrapped, "after", ended):
            starts.add(i)
    return starts


def _next_run_or_start(blocks: list[Block], starts: set[int], j: int, wrapped: bool) -> int:
    k = j + 1
    while k < len(blocks) and k not in starts and not heading_like(blocks[k], wrapped):
        k += 1
    return k


def _decide(before: list[Block], run: list[Block], after: list[Block], wrapped: bool, own_side: str, ended: bool) -> bool:
    """Does a headline run stand between two articles? `own_side` is where its body is:
    `before` it on a page of headlines after bodies, `after` it on the other kind. When the
    text before the run does not end as a body does, only the page's shape can say so: a
    sentence may go on in another column of its article, but not in another measure."""
    if ended and after and after[0].kind == "opener":
        return True
    body = [b for b in before if b.kind == "text"]
    lines = [t for b in run for _, t in b.lines]
    if wrapped:
        col_b, col_a = column(body), column(after)
        if col_b and col_a:
            if col_b.differs(col_a):
                return True  # two boxes of the page
            if max(len(t) for t in lines) > max(col_b.high, col_a.high) + 1:
                return True  # a line that fits neither column: a headline set across them
        if _fragment(run, col_b, measure(body)):
            return False  # a piece of a sentence cut off by a blank line, as pages have
    if not ended:
        return False
    keys = _keys("".join(lines))
    own, other = (before, after) if own_side == "before" else (after, before)
    return _echo(keys, own) - _echo(keys, other) >= ECHO_MARGIN


def _fragment(run: list[Block], col: Column | None, ems: float) -> bool:
    """A run that reads as wrapped text of the column: full lines, or a clause with a comma as
    wide as the column. (A comma-less line as wide as the column may be either; its words
    decide.)"""
    for block in run:
        if col and len(block.lines) >= 2 and all(col.fills(t) for _, t in block.lines[:-1]):
            return True
        if block.single and is_fragment(block, ems) and re.search(r"[，、,]", block.last):
            return True
    return False


def _keys(text: str) -> set[str]:
    """What a headline says, as character pairs (robust to how words are cut; single characters
    for a headline of one or two), Latin words and whole numbers."""
    text = simplified(text)
    cjk = re.findall(r"[\u4e00-\u9fff]+", text)
    pairs = {run[i : i + 2] for run in cjk for i in range(len(run) - 1)}
    if len("".join(cjk)) <= 2:
        pairs |= set("".join(cjk))
    return pairs | {w.lower() for w in re.findall(r"[A-Za-z]{2,}", text)} | {f"#{n}" for n in re.findall(r"\d+", text)}


def _echo(keys: set[str], blocks: list[Block]) -> float:
    """Share of the keys found in the blocks' text."""
    if not keys:
        return 0.0
    text = simplified("".join(b.text for b in blocks))
    have = {f"#{n}" for n in re.findall(r"\d+", text)} | {w.lower() for w in re.findall(r"[A-Za-z]{2,}", text)}
    return sum(1 for k in keys if k in have or (k[0] != "#" and k in text)) / len(keys)


def _closes_quote(text: str) -> bool:
    """Closes a quotation or bracket it did not open: the rest of a sentence, not a headline."""
    depth = 0
    for ch in text:
        if ch in _OPENING:
            depth += 1
        elif ch in _CLOSING:
            depth -= 1
            if depth < 0:
                return True
    return False


def _caption_start(blocks: list[Block], credit: int) -> int:
    """A photo caption is the paragraph just above its credit; find its first block."""
    start = credit - 1
    col = measure([blocks[start]])
    while start > 0:
        prev = blocks[start - 1]
        if prev.kind != "text" or prev.terminated or not is_fragment(prev, col):
            break
        start -= 1
    return start


def is_fragment(block: Block, col: float) -> bool:
    """An unterminated block that is part of a sentence, not a heading.

    Section heads are one short line; a sentence fragment is several lines, holds a comma, or
    fills the column (allowing for the two-em indent of a paragraph's first line). A line wider
    than the column cannot be a line of it: that is a heading set in another measure.
    """
    if not block.single:
        return True
    line = block.last
    if width(line) > col + 1:
        return False
    return bool(re.search(r"[，、,]", line)) or width(line) >= col - 3
