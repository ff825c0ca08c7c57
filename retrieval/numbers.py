"""A number as a question writes it, and the other ways an article may write the same number.

Papers write 23岁 or 二十三岁, 3,000年 or 三千年, 5万 or 50000, 1/3 or 三分之一, 9成 or 90%, 2005年
or 二〇〇五年; a question names the number one way. Each number of the question becomes one exact
term whose spellings all count (`spellings`), and `holds` finds a number in Chinese numerals only
whole (二十 is not in 一百二十, 三名 not in 十三名).
"""

from __future__ import annotations

import re

import cn2an

NUMERALS = "零〇一二两三四五六七八九十百千万亿"
_CN = f"[{NUMERALS}]+"
_FIRST = frozenset(NUMERALS)
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"  # 192,000 is one number, not 192 and 000
_CN_DECIMAL = rf"{_CN}(?:点[零〇一二三四五六七八九]+)?"  # 三十五点五
# The shapes of a number in a question, most specific first; each match is one number.
_SHAPES = re.compile(
    # 1/3, not the 12/25 of a date 2023/12/25
    rf"(?<![\d/])(?P<fraction>\d+)/(?P<of>\d+)(?![\d/])"
    rf"|(?:百分之(?P<percent_cn>{_CN_DECIMAL}|\d+(?:\.\d+)?)|(?P<percent>\d+(?:\.\d+)?)\s*%)"
    rf"|(?P<cn_of>{_CN})分之(?P<cn_fraction>{_CN})"
    # 9成以上, 有三成的, 三成五; not the 一成 of 这一成果, 唯一成功, 一成不变
    rf"|(?P<tenths>\d|[一二三四五六七八九十])成(?P<hundredths>[一二三四五六七八九])?(?=以上|以下|左右|多|的|是|来自|[，。？、；,.?;\s]|$)"
    rf"|(?P<scaled>\d+(?:\.\d+)?)(?P<scale>万亿|千万|百万|万|亿)"
    rf"|(?P<digits>{_DIGITS})"
    rf"|(?P<cn>{_CN_DECIMAL})"
)
_SCALE = {"万亿": 10**12, "千万": 10**7, "百万": 10**6, "万": 10**4, "亿": 10**8}
_WRITTEN_SCALES = {s: _SCALE[s] for s in ("万", "亿")}  # how papers write a large number: 5万, 1.5亿
# A question's word of Chinese numerals is a number only with 十, 百, 千, 万 or 亿 and a digit in
# it (五十五, 三千); 统一, 一些 and 四省八市 are words.
_CN_NUMBER = re.compile(r"(?=.*[十百千万亿])(?=.*[一二两三四五六七八九])")


def spellings(text: str) -> list[tuple[str, list[str]]]:
    """The numbers of a (Simplified) question, each as written with the other ways to write it.

    Args:
        text: the question.

    Returns:
        (as written, [every spelling, the written one first]) for each number, in order; a number
        written twice once (2起 and 2人: the spellings of both).
    """
    out: dict[str, list[str]] = {}
    for m in _SHAPES.finditer(text):
        written, after = m.group(), text[m.end() : m.end() + 1]
        ordinal = text[m.start() - 1 : m.start()] == "第"
        if m["fraction"]:
            forms = _fraction(int(m["fraction"]), int(m["of"])) or [m["fraction"], m["of"]]
        elif m["cn_of"]:
            part, whole = _value(m["cn_fraction"]), _value(m["cn_of"])
            forms = _fraction(int(part), int(whole)) if part and whole and part == int(part) and whole == int(whole) else []
        elif m["percent_cn"] or m["percent"]:
            forms = _percent(_value(m["percent_cn"] or m["percent"]))
        elif m["tenths"]:
            forms = _percent(_value(m["tenths"]) * 10 + (_value(m["hundredths"]) if m["hundredths"] else 0))  # 三成五: 35%
        elif m["scaled"]:
            # round: 4.35 × 10⁸ is 434999999.99999994 in floating point
            forms = _integer(round(float(m["scaled"]) * _SCALE[m["scale"]], 6), after, ordinal)
        elif m["digits"]:
            digits = m["digits"].replace(",", "")
            if "." in digits or (digits[0] == "0" and len(digits) > 1):
                forms = [digits]  # 1,234.5 or 1234.5; 007 is a code, not 7
            else:
                forms = _integer(float(digits), after, ordinal)
        else:
            value = _value(m["cn"])
            day = after and after in "月日号" and len(written) <= 3
            year = after == "年" and len(written) == 4 and not re.search("[十百千万亿点]", written)
            if value is None or not (day or year or _CN_NUMBER.match(written)):
                continue
            if day or year:  # 二十六日 and 二〇二一年 are dates: the article may write 26日, 2021年
                written, forms = written + after, [f"{int(value)}{after}"]
            else:
                forms = _integer(value, after, ordinal) if value == int(value) else [f"{value:g}"]
        if forms:
            out[written] = list(dict.fromkeys([*out.get(written, [written]), *forms]))
    return list(out.items())


def integer_spellings(value: int) -> list[str]:
    """The ways to write a whole number an English question names (23 → 23, 二十三): digits, and
    Chinese numerals of three characters or more or round (九千), as a short one (十, 十二) is part
    of many words and an English question gives no measure word to pin it."""
    return _integer(float(value), "")


def ordinal_spellings(value: int) -> list[str]:
    """How Chinese writes the place in an order an English ordinal names: 第2 and 第二 for "second";
    the first also 首次, 首个 … (a lone 首 is in too many words)."""
    forms = [f"第{value}", *(f for f in _integer(float(value), "", ordinal=True) if f.startswith("第"))]
    return forms + (["首次", "首个", "首位", "首批", "首家", "首届", "首座", "首部"] if value == 1 else [])


def holds_numeral(text: str, term: str) -> bool:
    """True when the text holds a term that begins or ends with a Chinese numeral with no other
    numeral beside it: 二十 is not in 一百二十 or 二十三, 三名 not in 十三名."""
    if term not in text:
        return False
    before = f"(?<![{NUMERALS}])" if term[0] in _FIRST else ""
    after = f"(?![{NUMERALS}])" if term[-1] in _FIRST else ""
    return re.search(before + re.escape(term) + after, text) is not None


def starts_or_ends_numeral(term: str) -> bool:
    """The term begins or ends with a Chinese numeral (二十三, 三名, 百分之三十)."""
    return term[:1] in _FIRST or term[-1:] in _FIRST


def _value(written: str) -> float | None:
    try:
        return float(written) if written[0].isdigit() else float(cn2an.cn2an(written, "smart"))
    except (ValueError, KeyError):
        return None


def _integer(value: float | None, after: str, ordinal: bool = False) -> list[str]:
    """A whole number's spellings: digits, with thousands separators, in 万 or 亿, in Chinese
    numerals (二十三, 两千, 一万两千); a year only digit by digit (二〇〇五年). A numeral of one or two
    characters (三, 十, 十二; not a round 九千 or 五百) only with the question's next character (两起,
    十二个), as alone it is part of many words (十分, 十二月); after 第, with 第 (第三), as 三名 is three
    people, not the third."""
    if value is None or value != int(value) or value < 0:
        return []
    n = int(value)
    # A year (2005年) digit by digit; what may be one (2020赛季, 2000多) in both ways.
    direct = cn2an.an2cn(str(n), "direct") if 1000 <= n <= 2100 else ""
    years = [direct, direct.replace("零", "〇")] if direct and (after == "年" or n >= 1900) else []
    if years and after == "年":
        return [str(n), *years]
    forms = [str(n)] + ([f"{n:,}"] if n >= 1000 and not years else []) + years
    scale = next((s for s, size in _WRITTEN_SCALES.items() if size <= n < size * 10_000 and n % (size // 100) == 0), None)
    if scale:
        forms.append(f"{n / _WRITTEN_SCALES[scale]:g}{scale}")
    if n > 99_999_999_999:
        return forms
    numeral = cn2an.an2cn(n)
    numerals = dict.fromkeys([numeral, re.sub("(?:^|(?<=[万亿]))二(?=[百千万亿])", "两", numeral)] + (["两"] if n == 2 else []))
    if ordinal:
        forms += [f"第{x}" for x in numerals if x != "两"]
    elif len(numeral) >= 3 or numeral[-1] in "百千万亿":
        forms += numerals
    elif n >= 2 and after and re.match(r"[\u4e00-\u9fff]", after) and after not in NUMERALS:
        forms += [x + after for x in numerals]
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
