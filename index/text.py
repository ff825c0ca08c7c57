"""Reading page files in the encodings Chinese newspaper exports use, and joining layout lines."""

from __future__ import annotations

import codecs
import re
import unicodedata
from bisect import bisect_right
from pathlib import Path

import opencc


_T2S = opencc.OpenCC("t2s")
# Share of characters that OpenCC's t2s changes, above which a text is Traditional script.
# Measured on the shared sets: Simplified newswire and Wikipedia change at most 1.5% (names,
# a quoted Traditional word), Traditional Wikipedia (DRCD) at least 15.6%.
TRADITIONAL_SHARE = 0.05


class UnreadableFile(Exception):
    """A source file that is not text in any encoding we accept."""


def read_text(path: Path) -> str:
    """Decode a page file: UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030/GBK.

    Raises:
        UnreadableFile: the bytes are binary or fit none of those encodings.
    """
    return decode(path.read_bytes(), path.name)


def decode(data: bytes, name: str) -> str:
    """Decode the bytes of the file `name` as `read_text` does.

    Raises:
        UnreadableFile: the bytes are binary or fit none of those encodings.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    if b"\x00" in data:
        raise UnreadableFile(f"{name}: looks like a binary file, not page text")
    # GB18030 is a superset of GBK and GB2312, so one attempt covers the common exports.
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UnreadableFile(f"{name}: not UTF-8 or GB18030/GBK text")


def source_lines(text: str) -> list[str]:
    """Split page text into lines exactly as an editor numbers them (1-based index = position + 1)."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def clean_line(line: str) -> str:
    """Strip layout whitespace (including the ideographic space) and control characters."""
    line = "".join(ch for ch in line if ch in "\t " or unicodedata.category(ch)[0] != "C")
    return line.strip(" \t\u3000\u00a0")


def is_wide(ch: str) -> bool:
    """True for characters that take a full em in print (CJK, full-width punctuation)."""
    return unicodedata.east_asian_width(ch) in ("W", "F")


def width(text: str) -> float:
    """Printed width in ems: CJK characters count 1, Latin letters, digits and spaces count 1/2."""
    return sum(1.0 if is_wide(ch) else 0.5 for ch in text)


_LATIN_END = re.compile(r"[A-Za-z]$")
_LATIN_START = re.compile(r"^[A-Za-z]")


def join_lines(lines: list[tuple[int, str]]) -> tuple[str, list[tuple[int, int]]]:
    """Join layout lines into running text and record where each source line starts.

    Lines are joined with no space, since a column break inside Chinese text (or inside a number
    such as `74.4` / `亿元`) is not a word break; only two Latin words meeting at a break get one.

    Args:
        lines: (line number, cleaned text) pairs, in order.

    Returns:
        The text, and (offset in text, line number) pairs for each non-empty line.
    """
    text = ""
    starts: list[tuple[int, int]] = []
    for number, line in lines:
        if not line:
            continue
        if text and _LATIN_END.search(text) and _LATIN_START.search(line):
            text += " "
        starts.append((len(text), number))
        text += line
    return text, starts


def line_at(starts: list[tuple[int, int]], offset: int) -> int:
    """The source line number of the character at `offset`, given `join_lines` starts."""
    i = bisect_right([s for s, _ in starts], offset) - 1
    return starts[max(i, 0)][1]


# Full-width digits, Latin letters, %, the decimal point and / (１５０人, ＧＤＰ, ３０％, １．５, １／３), as a
# question typed on an ordinary keyboard writes them: one character for one, so offsets stay.
FULL_WIDTH = "０１２３４５６７８９ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ％．／"
_HALF_WIDTH = str.maketrans({c: chr(ord(c) - 0xFEE0) for c in FULL_WIDTH})
_FULL_WIDTH = re.compile(f"[{FULL_WIDTH}]")  # found first: most text has none, and translating is slower


def as_read(text: str, traditional: bool) -> str:
    """The text as questions are read: half-width digits and letters (`FULL_WIDTH`), and Simplified
    characters if it is Traditional; its length and offsets stay as they were."""
    if _FULL_WIDTH.search(text):
        text = text.translate(_HALF_WIDTH)
    return simplified(text) if traditional else text


def simplified(text: str) -> str:
    """The text in Simplified characters (OpenCC t2s); its length and offsets stay as they were."""
    converted = _T2S.convert(text)
    if len(converted) == len(text):
        return converted
    # A phrase rule changed the length (not seen on the shared sets): convert character by
    # character, so offsets into the Simplified form still point into the text as written.
    return "".join(c if len(c) == 1 else ch for ch in text for c in [_T2S.convert(ch)])


def script(text: str) -> str:
    """`hant` for text written in Traditional characters, `hans` otherwise."""
    sample = text[:4000]
    cjk = sum(1 for ch in sample if "\u4e00" <= ch <= "\u9fff")
    if not cjk:
        return "hans"
    changed = sum(a != b for a, b in zip(sample, _T2S.convert(sample)))
    return "hant" if changed / cjk >= TRADITIONAL_SHARE else "hans"
