"""A number as a question writes it, and the other ways an article may write the same number.

Papers write 23岁 or 二十三岁, 3,000年 or 三千年, 5万 or 50000, 1/3 or 三分之一, 9成 or 90%, 2005年
or 二〇〇五年; a question names the number one way. Each number of the question becomes one exact
term whose spellings all count (`spellings`), and `holds` finds a number in Chinese numerals only
whole (二十 is not in 一百二十).
"""

from __future__ import annotations

import re

import cn2an

NUMERALS = "零〇一二两三四五六七八九十百千万亿"
_CN = f"[{NUMERALS}]+"
_NUMERAL_ONLY = re.compile(_CN)
_FIRST = frozenset(NUMERALS)
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"  # 192,000 is one number, not 192 and 000
# The shapes of a number in a question, most specific first; each match is one number.
_SHAPES = re.compile(
    rf"(?P<fraction>\d+)/(?P<of>\d+)(?![\d/])"
    rf"|(?:百分之(?P<percent_cn>{_CN}|\d+(?:\.\d+)?)|(?P<percent>\d+(?:\.\d+)?)\s*%)"
    rf"|(?P<cn_of>{_CN})分之(?P<cn_fraction>{_CN})"
    rf"|(?P<tenths>\d|[一二三四五六七八九十])成(?P<hundredths>[一二三四五六七八九])?(?!不)"
    rf"|(?P<scaled>\d+(?:\.\d+)?)(?P<scale>万|亿)"
    rf"|(?P<digits>{_DIGITS})"
    rf"|(?P<cn>{_CN})"
)
_SCALE = {"万": 10_000, "亿": 100_000_000}
# A question's word of Chinese numerals is a number only with 十, 百, 千, 万 or 亿 and a digit in
# it (五十五, 三千); 统一, 一些 and 四省八市 are words.
_CN_NUMBER = re.compile(r"(?=.*[十百千万亿])(?=.*[一二两三四五六七八九])")


def spellings(text: str) -> list[tuple[str, list[str]]]:
    """The numbers of a (Simplified) question, each as written with the other ways to write it.

    Args:
        text: the question.

    Returns:
        (as written, [every spelling, the written one first]) for each number, in order.
    """
    out = []
    for m in _SHAPES.finditer(text):
        written, after = m.group(), text[m.end() : m.end() + 1]
        if m["fraction"]:
            forms = _fraction(int(m["fraction"]), int(m["of"]))
        elif m["cn_of"]:
            part, whole = _value(m["cn_fraction"]), _value(m["cn_of"])
            forms = _fraction(int(part), int(whole)) if part and whole and part == int(part) and whole == int(whole) else []
        elif m["percent_cn"] or m["percent"]:
            forms = _percent(_value(m["percent_cn"] or m["percent"]))
        elif m["tenths"]:
            forms = _percent(_value(m["tenths"]) * 10 + (_value(m["hundredths"]) if m["hundredths"] else 0))  # 三成五: 35%
        elif m["scaled"]:
            value = float(m["scaled"]) * _SCALE[m["scale"]]
            forms = [written, *_integer(value, after)]
        elif m["digits"]:
            forms = [written, *_integer(float(m["digits"].replace(",", "")), after)] if "." not in m["digits"] else [written]
        else:
            value = _value(m["cn"])
            day = after and after in "月日号" and len(written) <= 3
            year = after == "年" and len(written) == 4 and not re.search("[十百千万亿]", written)
            if value is None or not (day or year or _CN_NUMBER.match(written)):
                continue
            # 二十六日 and 二〇二一年 are dates: the article may write 26日, 2021年.
            written, forms = (written + after, [f"{int(value)}{after}"]) if day or year else (written, _integer(value, after))
        if forms:
            out.append((written, list(dict.fromkeys([written, *forms]))))
    return out


def integer_spellings(value: int) -> list[str]:
    """The ways to write a whole number an English question names (12 → 12, 十二): digits, and
    Chinese numerals from 10 up, below which a lone 二 or 五 is too often part of a word."""
    return _integer(float(value), "")


def holds_numeral(text: str, term: str) -> bool:
    """True when the text holds a number in Chinese numerals whole (二十 not in 一百二十 or 二十三)."""
    return term in text and re.search(rf"(?<![{NUMERALS}]){term}(?![{NUMERALS}])", text) is not None


def is_numeral(term: str) -> bool:
    """The term is a number in Chinese numerals only (二十三, 两千)."""
    return term[:1] in _FIRST and _NUMERAL_ONLY.fullmatch(term) is not None


def _value(written: str) -> float | None:
    try:
        return float(written) if written[0].isdigit() else float(cn2an.cn2an(written, "smart"))
    except (ValueError, KeyError):
        return None


def _integer(value: float | None, after: str) -> list[str]:
    """A whole number's spellings: digits, with thousands separators (not a year's), in 万 or 亿, in
    Chinese numerals; a year also digit by digit (二〇〇五年). Below ten, the numeral only with the
    question's next character (两起, 四级), as a lone 二 or 四 is part of many words."""
    if value is None or value != int(value) or value < 0:
        return []
    n = int(value)
    forms = [str(n)] + ([f"{n:,}"] if n >= 1000 and after != "年" else [])
    scale = next((s for s, size in _SCALE.items() if n >= size and n % (size // 100) == 0 and n < size * 10_000), None)
    if scale:
        forms.append(f"{n / _SCALE[scale]:g}{scale}")
    if n > 99_999_999_999:
        return forms
    numeral = cn2an.an2cn(n)
    if n >= 10:
        forms.append(numeral)
        forms.append(re.sub("^二(?=[百千万亿])", "两", numeral))
    elif n >= 2 and after and re.match(r"[\u4e00-\u9fff]", after) and after not in NUMERALS:
        forms += [numeral + after] + (["两" + after] if n == 2 else [])
    if 1000 <= n <= 2100 and after == "年":
        direct = cn2an.an2cn(str(n), "direct")
        forms += [direct, direct.replace("零", "〇")]
    return forms


def _fraction(part: int, whole: int) -> list[str]:
    """1/3, 三分之一, 3分之1."""
    if not whole:
        return []
    return [f"{part}/{whole}", f"{cn2an.an2cn(whole)}分之{cn2an.an2cn(part)}", f"{whole}分之{part}"]


def _percent(value: float | None) -> list[str]:
    """75%, 百分之七十五, 百分之75; a whole number of tenths also 9成, 九成."""
    if value is None:
        return []
    shown = f"{value:g}"
    forms = [f"{shown}%", f"百分之{shown}"]
    if value == int(value):
        forms.append(f"百分之{cn2an.an2cn(int(value))}")
        if value % 10 == 0 and 0 < value <= 100:
            forms += [f"{int(value) // 10}成", f"{cn2an.an2cn(int(value) // 10)}成"]
    return forms
