"""What papers and wires print around an article's text: datelines, bylines, photo credits,
wire furniture (原标题, 来源, 责任编辑, （完）…), page headers, and dates.

Each is recognised by its form, not by one paper's habits, so the parser can keep furniture
out of headlines and passages, store it on the article, and use datelines and bylines as
article boundaries.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_CJK = r"\u4e00-\u9fff"
# News organisations that open a report with their name: the common ones by name, others by
# the shape of a name (…社, …网, …日报); 该报, 据报 and the like are not names.
_AGENCY = (
    r"(?:本报|新华社|新华网|中新社|中新网|人民网|人民日报|央视网|央视新闻|央广网|光明网|中国网|中青网|环球网|"
    r"参考消息网|国际在线|澎湃新闻|海外网|财新网|界面新闻|法制网|经济日报|"
    rf"(?![该据这此其本])[{_CJK}]{{2,5}}(?:通讯社|新闻社|日报|晚报|电视台|网|社))"
)
_DATE_MD = r"(?:\d{4}年)?\d{1,2}月\d{1,2}日"
# 新华社北京3月10日电（记者 …）· 中新社巴黎10月16日电 (记者 李洋) · 本报讯 · 中新网8月26日电 ·
# 参考消息网2月27日报道 · 央视网消息（新闻联播）： — not the byline 本报通讯员 张三, whose 讯 is 通讯员's
DATELINE = re.compile(
    rf"^(?P<agency>{_AGENCY})(?:驻[{_CJK}]{{1,8}}记者)?(?P<place>[{_CJK}]{{0,8}}?)(?P<date>{_DATE_MD})?"
    rf"\s*(?:专电|电|讯(?!员)|报道|消息)(?:\s*[（(](?P<who>[^）)]{{1,40}})[）)])?[：:\s]?"
)
# 【环球网报道 记者 张三】 · 【环球时报综合报道】 · 【环球网快讯】
BRACKET_DATELINE = re.compile(
    rf"^【(?P<agency>[{_CJK}]{{2,8}}?)(?P<date>{_DATE_MD})?(?:综合)?(?:报道|快讯|消息|讯)\s*(?P<who>[^】]{{0,40}})】"
)
# Openers that begin a report but also many paragraphs inside one; they mark a new article only
# together with a headline: 据美联社5月31日报道 · 当地时间… · （央视财经《天下财经》）
OPENER = re.compile(rf"^(?:据[^，。；]{{1,30}}?(?:报道|消息|电)|当地时间|[（(][{_CJK}《》]{{2,20}}[）)](?=[^，。]))")

_NAMES = rf"(?:[{_CJK}·]{{2,5}}(?:[\s\u3000、，,]+|$)){{1,8}}"
_ROLE = r"(?:特约|首席|实习|本报|新华社|驻[\u4e00-\u9fff]{1,6})?(?:记者|通讯员|实习生|摄影记者)"
# ■本报通讯员 梅花 陈曙光 · 记者 王粲 (a printed byline; 文/张三 and 作者：李四 are an export's furniture)
BYLINE = re.compile(rf"^(?:[■□◎●◆]\s*)?(?:本报)?(?P<who>{_ROLE}[\s\u3000：:]*{_NAMES})$")
# ■记者 杨国庆 摄 · 新华社记者 张三 摄 · 图/李四 · （新华社发）
CREDIT = re.compile(
    rf"^(?:[■□◎●◆]\s*)?(?:本报)?(?:{_ROLE}[\s\u3000：:]*)?(?P<names>(?:[{_CJK}·]{{2,5}}[\s\u3000、]*){{1,6}}?)\s*摄影?$"
    rf"|^[（(](?P<agency>[{_CJK}]{{2,8}})(?:记者[^）)]{{0,12}})?发[）)]$"
)

# Lines that are furniture as a whole: key → pattern. The key names what is stored on the article.
_FURNITURE = [
    ("byline", re.compile(rf"^(?:[文图][/／｜|]\s*|(?:作者|撰文|撰稿|采写)[：:\s]\s*)(?P<value>{_NAMES})$")),
    ("original_title", re.compile(r"^(?:[（(]原标题[：:]\s*(?P<paren>.+)[）)]|原标题[：:]\s*(?P<value>.+))$")),
    ("source", re.compile(r"^(?:来源|稿源|本文来源|文章来源|出处)[：:]\s*(?P<value>.{1,40})$")),
    ("editor", re.compile(
        r"^[（(【]?(?:供稿|文字|图片|视频|实习|特约)?(?:责任编辑|编辑|责编|校对|审核|审校|编审|监制|制作|统筹|策划|值班编辑|美编|视觉|设计|编译)"
        r"(?:[：:/／]|\s)\s*(?P<value>[^。！？]{1,40}?)[）)】]?$"
    )),
    ("image_source", re.compile(r"^(?:图片来源|图源|图片由|资料图片?)[：:\s]?(?P<value>.{0,40})$")),
    ("end", re.compile(r"^(?P<value>[（(【]完[）)】]|【纠错】.*|[（(]?END[）)]?)$", re.I)),
    ("page", re.compile(
        r"^(?P<value>(?:第\s*[A-Z]?\d{1,3}\s*版|[A-Z]\d{1,2}\s*版|版次[：:]).{0,30}"
        r"|(?:\d{4}年\d{1,2}月\d{1,2}日|\d{4}[-/.]\d{1,2}[-/.]\d{1,2})\s*(?:星期|周)[一二三四五六日天].{0,30})$"
    )),
    ("date", re.compile(
        r"^(?:发布时间|发布日期|更新时间|时间|日期)?[：:]?\s*(?P<value>\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?"
        r"(?:\s*\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)?)(?:\s+(?:来源|作者|编辑|责任编辑)[：:].{0,40})?$"
    )),
    ("boilerplate", re.compile(
        r"^(?P<value>(?:分享到|分享|打印|关闭窗口|关闭|返回顶部|扫一扫|扫描二维码|【打印】|【关闭】|字号|【字体|"
        r"收藏|举报|点赞|转发|手机看|点击进入|更多精彩|相关新闻|相关阅读|延伸阅读|查看原文|阅读原文|责任编辑|"
        r"转载请注明|本文系|版权(?:所有|声明)|未经授权|免责声明)"
        r"[^。！？]{0,40})$"
    )),
]
# Furniture glued to the start or end of a paragraph (exports and pages put it inline).
LEADING = re.compile(r"^[（(]原标题[：:]\s*(?P<value>[^）)]{2,80})[）)]\s*")
TRAILING = re.compile(
    r"\s*(?:[（(](?P<paren>[^（）()]{0,12}?(?:责任编辑|编辑|来源|记者|通讯员|作者|供稿)[：:\s]*[^（）()]{1,30})[）)]|(?P<plain>(?:来源|责任编辑|编辑)[：:/／]\s*[^。！？\s]{1,30})"
    r"|(?P<end>[（(【]完[）)】]|【纠错】[^。]*))\s*$"
)

_FULL_DATE = re.compile(r"(?P<y>(?:19|20)\d{2})\s*[年\-/.]\s*(?P<m>\d{1,2})\s*[月\-/.]\s*(?P<d>\d{1,2})")
_MONTH_DAY = re.compile(r"(?:(?P<y>(?:19|20)\d{2})年)?(?P<m>\d{1,2})月(?P<d>\d{1,2})日")
_FILE_DATE = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})[-_.年]?(?P<m>[01]\d)[-_.月]?(?P<d>[0-3]\d)(?!\d)")


@dataclass(frozen=True)
class Furniture:
    """One furniture line: what it is (`source`, `editor`, `original_title`, …) and its value."""

    key: str
    value: str


def furniture(line: str) -> Furniture | None:
    """The furniture a whole line is, or None for a line of text."""
    if len(line) > 90:
        return None
    inner = re.fullmatch(r"[（(【\[](.+)[）)】\]]", line)
    for key, pattern in _FURNITURE:
        m = pattern.match(line) or (inner and pattern.match(inner.group(1)))
        if m:
            return Furniture(key, (m["value"] or m.groupdict().get("paren") or "").strip())
    return None


def line_kind(line: str) -> str:
    """What a line opens or is: `dateline`, `opener`, `byline`, `credit`, `furniture` or `text`.

    A dateline names a place, a date or a reporter (or is 本报讯); an agency's name alone
    (法新社报道，…) is how a paragraph cites a source, so it is only an opener.
    """
    m = DATELINE.match(line) or BRACKET_DATELINE.match(line)
    if m:
        g = m.groupdict()
        strong = g.get("place") or g.get("date") or g.get("who") or m["agency"] == "本报" or m.re is BRACKET_DATELINE
        return "dateline" if strong else "opener"
    if len(line) <= 40 and CREDIT.match(line):
        return "credit"
    if furniture(line):
        return "furniture"
    if len(line) <= 60 and BYLINE.match(line):
        return "byline"
    if OPENER.match(line):
        return "opener"
    return "text"


@dataclass
class Dateline:
    """What a dateline says: where, when (as written) and who."""

    agency: str = ""
    place: str = ""
    date: str = ""
    who: str = ""
    length: int = 0


def read_dateline(text: str) -> Dateline | None:
    """The dateline a paragraph opens with, if any."""
    m = DATELINE.match(text) or BRACKET_DATELINE.match(text)
    if not m:
        return None
    groups = m.groupdict()
    who = " ".join((groups.get("who") or "").split())
    return Dateline(m["agency"], groups.get("place") or "", m["date"] or "", who, m.end())


def byline_names(line: str) -> str:
    """The byline as stored: role and names, markers dropped (`记者 郝明雷 张帆`)."""
    m = BYLINE.match(line)
    return " ".join(m["who"].split()) if m else ""


def credit_names(line: str) -> str:
    """The photographer(s) of a credit line (`杨国庆`), or the agency of `（新华社发）`."""
    m = CREDIT.match(line)
    if not m:
        return ""
    return " ".join((m["names"] or m["agency"] or "").split())


@dataclass(frozen=True)
class Day:
    """A date as far as the text gives it; year 0 when it is unknown."""

    year: int
    month: int
    day: int

    def iso(self) -> str:
        """`2021-03-13`, or `--03-13` (ISO 8601 without a year) when the year is unknown."""
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}" if self.year else f"--{self.month:02d}-{self.day:02d}"

    @staticmethod
    def from_iso(text: str) -> Day | None:
        """The day `iso()` wrote (an article's stored date), or None for "" or anything else."""
        m = _ISO.fullmatch(text)
        return _day(m["y"], m["m"], m["d"]) if m else None


_ISO = re.compile(r"(?:(?P<y>\d{4})|-)-(?P<m>\d\d)-(?P<d>\d\d)")


def _day(y: str | None, m: str, d: str) -> Day | None:
    month, day = int(m), int(d)
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return Day(int(y) if y else 0, month, day)


def _first_day(pattern: re.Pattern, text: str) -> Day | None:
    """The first match of a date pattern that is a real day."""
    return next((day for m in pattern.finditer(text) if (day := _day(m["y"], m["m"], m["d"]))), None)


def full_date(text: str) -> Day | None:
    """The first full date in a line (`2021年3月13日`, `2021-03-13`)."""
    return _first_day(_FULL_DATE, text)


def month_day(text: str) -> Day | None:
    """A dateline's date: `3月13日` (year 0) or `2021年3月13日`."""
    m = _MONTH_DAY.search(text)
    return _day(m["y"], m["m"], m["d"]) if m else None


def file_date(name: str) -> Day | None:
    """A date in a file name: `济宁日报-2021-03-15.txt`, `20210315_01.txt`."""
    return _first_day(_FILE_DATE, name)


def complete(day: Day, page: Day | None, year: int = 0) -> Day:
    """Give a month/day the year of the page it is printed on (or the configured year).

    A dateline never comes after its page: 12月30日 on a page of 2021-01-02 is from 2020.
    """
    if day.year:
        return day
    if page and page.year:
        y = page.year - 1 if (day.month, day.day) > (page.month, page.day) else page.year
        return Day(y, day.month, day.day)
    return Day(year, day.month, day.day) if year else day
