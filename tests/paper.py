"""Draw e-paper PDFs the way papers set them, for the PDF reader's tests and benchmark.

ReportLab's built-in CID font STSong-Light draws Chinese with no font file to ship. A page has
a header (paper, date, 第N版), a footer (责任编辑, page number) and two or three columns; a lead
story may carry its headline (kicker, title, subtitle) across all columns; stories flow down a
column and on into the next; a photo is a grey box with a caption in smaller type.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from reportlab.lib.pagesizes import A3
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))

BODY, TITLE, LEAD_TITLE, DECK, CAPTION, HEADER = 10.0, 17.0, 24.0, 13.0, 8.0, 9.0
MARGIN, GUTTER = 36.0, 16.0
NO_LINE_START = "，。、；：！？）》”’」』"


@dataclass
class Story:
    """One article as the paper prints it."""

    title: str
    body: list[str]
    kicker: str = ""
    subtitle: str = ""
    byline: str = ""
    caption: str = ""  # drawn under a photo box after the first paragraph
    lead: bool = False  # headline across all columns at the top of the page


@dataclass
class DrawnPage:
    """What was put on one page, to compare a reading of it with."""

    number: int
    titles: list[str] = field(default_factory=list)
    columns: dict[str, set[int]] = field(default_factory=dict)  # title → the columns its body is in


class PageFull(Exception):
    """A story does not fit in what is left of the page."""


def draw_paper(
    path: Path,
    pages: list[list[Story]],
    paper: str = "济宁日报",
    date: tuple[int, int, int] = (2021, 3, 15),
    columns: int = 3,
    size: tuple[float, float] = A3,
    scanned: tuple[int, ...] = (),
    password: str | None = None,
) -> list[DrawnPage]:
    """Write a PDF with one page per list of stories.

    Args:
        path: the PDF to write.
        pages: the stories of each page, in reading order.
        paper, date: what the header prints.
        columns: columns per page.
        size: the page size in points.
        scanned: 1-based numbers of pages drawn as an image only, with no text layer.
        password: a user password to encrypt the file with.

    Returns:
        What each page holds.

    Raises:
        PageFull: the stories of a page do not fit on it.
    """
    encrypt = None
    if password:
        from reportlab.lib.pdfencrypt import StandardEncryption

        encrypt = StandardEncryption(password, ownerPassword=password + "-owner")
    pdf = canvas.Canvas(str(path), pagesize=size, encrypt=encrypt)
    drawn = []
    for number, stories in enumerate(pages, 1):
        if number in scanned:
            pdf.setFillGray(0.6)
            pdf.rect(MARGIN, MARGIN, size[0] - 2 * MARGIN, size[1] - 2 * MARGIN, fill=1, stroke=0)
            drawn.append(DrawnPage(number))
        else:
            drawn.append(_Page(pdf, size, columns, number, paper, date).draw(stories))
        pdf.showPage()
    pdf.save()
    return drawn


def fits(stories: list[Story], columns: int = 3, size: tuple[float, float] = A3) -> bool:
    """Whether these stories fit on one page (laid out without drawing)."""
    try:
        _Page(None, size, columns, 1, "", (2000, 1, 1)).draw(stories)
    except PageFull:
        return False
    return True


def wrap(text: str, font_size: float, width: float, indent: float = 0.0) -> list[str]:
    """Cut `text` into lines no wider than `width` points, the first indented by `indent`."""
    lines, current, room = [], "", width - indent
    for ch in text:
        # As typesetters do, a closing mark never opens a line: one hangs at the end of the
        # last; with a second, the last character goes down with its marks.
        if current and pdfmetrics.stringWidth(current + ch, FONT, font_size) > room:
            if ch not in NO_LINE_START:
                lines.append(current)
                current, room = "", width
            elif current[-1] in NO_LINE_START:
                keep = len(current.rstrip(NO_LINE_START)) - 1
                if keep > 0:
                    lines.append(current[:keep])
                    current, room = current[keep:], width
        current += ch
    if current:
        lines.append(current)
    # Nor is one character left alone on a last line (ReportLab also drops a lone CID glyph).
    if len(lines) >= 2 and len(lines[-1]) == 1:
        lines[-2:] = [lines[-2][:-1], lines[-2][-1] + lines[-1]]
    return lines


class _Page:
    def __init__(self, pdf, size, columns: int, number: int, paper: str, date: tuple[int, int, int]):
        self.pdf, self.number, self.paper, self.date = pdf, number, paper, date
        self.width, self.height = size
        self.top = self.height - MARGIN - 30  # below the header and its rule
        self.bottom = MARGIN + 24  # above the footer
        usable = self.width - 2 * MARGIN
        self.col_width = (usable - GUTTER * (columns - 1)) / columns
        self.columns = [MARGIN + i * (self.col_width + GUTTER) for i in range(columns)]
        self.col, self.y = 0, self.top
        self.record = DrawnPage(number)

    def draw(self, stories: list[Story]) -> DrawnPage:
        self._furniture()
        for story in stories:
            self._story(story)
        return self.record

    def _text(self, x: float, y: float, text: str, size: float) -> None:
        if self.pdf is not None:
            self.pdf.setFont(FONT, size)
            self.pdf.setFillGray(0)
            self.pdf.drawString(x, y, text)

    def _furniture(self) -> None:
        y, m, d = self.date
        weekday = "一二三四五六日"[__import__("datetime").date(y, m, d).weekday()]
        head = self.height - MARGIN - 12
        self._text(MARGIN, head, self.paper, HEADER + 3)
        self._text(self.width / 2 - 60, head, f"{y}年{m}月{d}日 星期{weekday}", HEADER)
        self._text(self.width - MARGIN - 70, head, f"第{self.number}版：要闻", HEADER)
        if self.pdf is not None:
            self.pdf.line(MARGIN, head - 6, self.width - MARGIN, head - 6)
            self.pdf.line(MARGIN, MARGIN + 16, self.width - MARGIN, MARGIN + 16)
        self._text(MARGIN, MARGIN + 4, "责任编辑：王晓明", HEADER)
        self._text(self.width - MARGIN - 10, MARGIN + 4, str(self.number), HEADER)

    def _need(self, height: float) -> None:
        """Move to the next column unless `height` points fit in this one."""
        if self.y - height < self.bottom:
            self.col += 1
            self.y = self.top
            if self.col >= len(self.columns):
                raise PageFull(f"page {self.number} is full")

    def _lines(self, lines: list[str], size: float, first_indent: float = 0.0, leading: float = 1.5) -> None:
        for i, line in enumerate(lines):
            self._need(size * leading)
            self.y -= size * leading
            self._text(self.columns[self.col] + (first_indent if i == 0 else 0.0), self.y, line, size)
            self.record.columns.setdefault(self.record.titles[-1], set()).add(self.col)

    def _story(self, story: Story) -> None:
        self.record.titles.append(story.title)
        if story.lead:
            self._lead_headline(story)
        else:
            deck = [(story.kicker, DECK), (story.title, TITLE), (story.subtitle, DECK)]
            blocks = [(wrap(t, s, self.col_width), s) for t, s in deck if t]
            height = sum(len(lines) * s * 1.4 for lines, s in blocks) + 3 * BODY * 1.5
            self._need(height + BODY)  # a headline is never left alone at a column's foot
            self.y -= BODY * 0.8
            for lines, s in blocks:
                self._lines(lines, s, leading=1.4)
        if story.byline:
            self._lines([story.byline], BODY)
        for i, paragraph in enumerate(story.body):
            self._lines(wrap(paragraph, BODY, self.col_width, 2 * BODY), BODY, first_indent=2 * BODY)
            if i == 0 and story.caption:
                self._photo(story.caption)
        self.y -= BODY * 0.6

    def _lead_headline(self, story: Story) -> None:
        if self.col or self.y != self.top:
            raise PageFull("a lead story opens the page")
        full = self.width - 2 * MARGIN
        for text, s in ((story.kicker, DECK), (story.title, LEAD_TITLE), (story.subtitle, DECK)):
            for line in wrap(text, s, full) if text else []:
                self.y -= s * 1.4
                w = pdfmetrics.stringWidth(line, FONT, s)
                self._text(MARGIN + (full - w) / 2, self.y, line, s)
        self.top = self.y - BODY * 0.5  # the columns start under the headline
        self.y = self.top

    def _photo(self, caption: str) -> None:
        lines = wrap(caption, CAPTION, self.col_width)
        box = self.col_width * 0.6
        self._need(box + len(lines) * CAPTION * 1.4 + 6)
        self.y -= box + 4
        if self.pdf is not None:
            self.pdf.setFillGray(0.75)
            self.pdf.rect(self.columns[self.col], self.y, self.col_width, box, fill=1, stroke=0)
        self._lines(lines, CAPTION, leading=1.4)
        self.y -= 4
