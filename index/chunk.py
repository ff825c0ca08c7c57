"""Articles → sentence-aware passages (chunks) that keep their source lines."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from index.parse import Article, Paragraph
from index.text import as_read, line_at

# Bump when chunk boundaries or embedded text change: a stored index then needs a full rebuild.
CHUNKER_VERSION = 3

# A title in 《》 is one piece, whatever marks it holds (《雷电！》, 《……意味着什么？》).
_SENTENCE = re.compile(r"(?:《[^《》\n]{0,40}》|.)*?(?:[。！？!?；;]+[”’」』）)\"']*|$)", re.S)
_CLAUSE = re.compile(r".*?(?:[，、：,:]+[”’」』）)\"']*|$)", re.S)
_NUMBER_CHAR = re.compile(r"[0-9０-９.．,%％]")


@dataclass
class Sentence:
    """One sentence of an article and the source lines it spans."""

    text: str
    line_start: int
    line_end: int
    paragraph: int = 0


@dataclass
class Chunk:
    """A passage of one article: what is embedded, indexed and cited."""

    id: str
    article_id: str
    title: str
    source: str
    section: str
    sentences: list[Sentence] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)  # the article's original headlines (原标题)
    script: str = "hans"  # `hant` when the article is written in Traditional characters
    page: int = 0  # a PDF's page, from 1 (its lines are counted on that page); 0 for text files

    @property
    def text(self) -> str:
        """The passage as cited; a paragraph break inside it stays a line break."""
        out = ""
        for prev, s in zip([None] + self.sentences, self.sentences):
            if prev is not None and prev.paragraph != s.paragraph:
                out += "\n"
            out += s.text
        return out

    @property
    def line_start(self) -> int:
        """First source line of the passage."""
        return self.sentences[0].line_start

    @property
    def line_end(self) -> int:
        """Last source line of the passage."""
        return self.sentences[-1].line_end

    @property
    def where(self) -> str:
        """The file, and the page of a PDF: `page.txt` or `paper.pdf p.2`."""
        return f"{self.source} p.{self.page}" if self.page else self.source

    def cite(self, line_start: int | None = None, line_end: int | None = None) -> str:
        """A citation of the passage's lines (or of the lines given): `paper.pdf p.2:14-17`."""
        a, b = line_start or self.line_start, line_end or self.line_end
        return f"{self.where}:{a}" if a == b else f"{self.where}:{a}-{b}"

    @property
    def embed_text(self) -> str:
        """What is embedded and indexed for words: the title (original headline, section) first,
        so a passage that never names its subject is still found by a question about it; as
        questions are read (Simplified characters, half-width digits), whatever the article's script."""
        head = "｜".join([self.title, *self.aliases] + ([self.section] if self.section else []))
        return self.read(f"{head}\n{self.text}")

    def read(self, text: str) -> str:
        """Text of this passage's article as questions are read (`as_read`): offsets into it point
        into the text as written, where answers are shown from."""
        return as_read(text, self.script == "hant")


def sentence_bounds(text: str) -> list[tuple[int, int]]:
    """Where each sentence of a text begins and ends: at 。！？； with any closing quotes."""
    return [m.span() for m in _SENTENCE.finditer(text) if m.group().strip()]


def split_sentences(paragraph: Paragraph, number: int = 0, size: int | None = None) -> list[Sentence]:
    """Split a paragraph at 。！？； (with any closing quotes) and map each sentence to its lines.

    A sentence longer than `size` is cut further, at clause ends or else between numbers.
    """
    out = []
    for first, stop in sentence_bounds(paragraph.text):
        for a, b in _pieces(paragraph.text[first:stop], size) if size else [(0, stop - first)]:
            start, end = first + a, first + b
            out.append(
                Sentence(
                    paragraph.text[start:end],
                    line_at(paragraph.starts, start),
                    line_at(paragraph.starts, end - 1),
                    number,
                )
            )
    return out


def chunk_article(article: Article, size: int = 200) -> list[Chunk]:
    """Pack an article's sentences into chunks of about `size` characters.

    Chunks never cross the article or a section head, never split a sentence unless the
    sentence alone is longer than `size` (then at a comma), and never split a number.

    Args:
        article: a parsed article.
        size: the target passage length in characters.

    Returns:
        The article's chunks, in reading order.
    """
    chunks: list[Chunk] = []
    current: list[Sentence] = []
    section = None

    def flush() -> None:
        if current:
            chunks.append(
                Chunk(
                    id=f"{article.id}/{len(chunks) + 1}",
                    article_id=article.id,
                    title=article.title,
                    source=article.source,
                    section=section or "",
                    sentences=list(current),
                    aliases=list(article.aliases),
                    script=article.script,
                    page=article.page,
                )
            )
            current.clear()

    for number, paragraph in enumerate(article.paragraphs):
        if paragraph.section != section:
            flush()
            section = paragraph.section
        for sentence in split_sentences(paragraph, number, size):
            if current and sum(len(s.text) for s in current) + len(sentence.text) > size:
                flush()
            current.append(sentence)
    flush()
    return chunks


def _pieces(text: str, size: int) -> list[tuple[int, int]]:
    """(start, end) offsets cutting `text` into pieces of at most `size`, at clause ends if possible."""
    if len(text) <= size:
        return [(0, len(text))]
    cuts, begin = [], 0
    for m in _CLAUSE.finditer(text):
        if m.end() - begin > size and m.start() > begin:
            cuts.append(m.start())
            begin = m.start()
        while m.end() - begin > size:
            begin += _safe_cut(text[begin:], size)
            cuts.append(begin)
    bounds = [0] + cuts + [len(text)]
    return [(a, b) for a, b in zip(bounds, bounds[1:]) if b > a]


def _safe_cut(text: str, limit: int) -> int:
    cut = limit
    while cut > 1 and _NUMBER_CHAR.match(text[cut - 1]) and _NUMBER_CHAR.match(text[cut]):
        cut -= 1
    return cut
