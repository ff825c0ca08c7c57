"""Words: jieba tokenisation with the corpus's own terms, shared by index time and question time."""

from __future__ import annotations

import functools
import logging
import re
from collections import Counter, defaultdict

import jieba
import jieba.posseg

from index.text import as_read, simplified

jieba.setLogLevel(logging.WARNING)

# Function words and question words: they match everywhere and say nothing about the topic.
STOPWORDS = frozenset(
    """的 了 是 在 有 和 与 及 或 等 也 都 就 被 把 对 从 向 为 以 于 将 这 那 其 之 而 并 还 又 个 吗 呢 吧 啊
    哪 哪个 哪些 哪里 哪儿 哪家 哪位 哪天 哪年 谁 什么 多少 几 几个 多 多大 多长 多高 多久 怎么 怎样 如何 为什么
    什么样 何时 何地 请问 请 问 一下 我 你 他 她 它 我们 你们 他们 是否 能否 能 能够 可以 会 要 到 上 下 中 后 前 时候
    情况 目前 今天 现在 方面 进行 一个 一 个 有关 关于 这个 那个 这些 那些 所 所以 因为 如果 还是 ？ ? ， , 。
    ！ ! 、 ： : ； ; “ ” ‘ ’ （ ） ( ) 《 》 … — - · /""".split()
)

_CJK = re.compile(r"[\u4e00-\u9fff]")
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")
_QUOTED = re.compile(r"[“「『\"]([\u4e00-\u9fffA-Za-z0-9]{2,8})[”」』\"]")
_TITLE_NAME = re.compile(
    r"(?:书记|市长|省长|县长|区长|镇长|乡长|村长|主席|主任|局长|部长|厅长|处长|科长|负责人|总经理|董事长|经理|"
    r"厂长|院长|校长|委员|代表|记者|通讯员|发言人|队长|站长|所长|专家|教授)"
    r"(?![在对和与是为的了将就要也都以从向等及])([\u4e00-\u9fff]{2,3}?)"
    r"(?=[，。、；：（）\s]|表示|说|介绍|指出|强调|出席|讲话|参加|宣布|主持|致辞|在|等|和|与|及|同志|一行|率|到|$)"
)
_BYLINE_NAMES = re.compile(r"(?:记者|通讯员|摄影[：:]?)[ \u3000]*((?:[\u4e00-\u9fff]{2,3}(?:[ \u3000]+|(?=[）)\n]|$)))+)")
_NAME_TAGS = frozenset({"nr", "nrfg", "nrt", "ns", "nt", "nz"})
_PLACE_SUFFIX = ("乡", "镇", "村", "街道", "县", "区", "新区", "社区")
_SUFFIX_AT = re.compile("|".join(sorted(_PLACE_SUFFIX, key=len, reverse=True)))


class Tokenizer:
    """A jieba tokenizer of its own (not the global one), with the corpus terms added.

    Args:
        terms: (word, part of speech) pairs that must stay whole, e.g. (跨省通办, nz),
            (翟德军, nr), (梁山, ns).
    """

    def __init__(self, terms: list[list[str]] | None = None):
        # jieba reads its dictionary (and the part-of-speech table) anew for every tokenizer,
        # about 1.4 s; this process reads it once and gives each tokenizer copies of its own,
        # since adding terms changes them.
        freq, total, tags = _dictionary()
        self._jieba = jieba.Tokenizer()
        self._jieba.FREQ, self._jieba.total, self._jieba.initialized = dict(freq), total, True
        self.terms = sorted({tuple(t) for t in terms or []})
        for term, tag in self.terms:
            # freq=None makes jieba pick a frequency just high enough to keep the term whole.
            self._jieba.add_word(term, tag=tag)
        self._pos = _POSTokenizer(self._jieba, tags)
        self._tagged = functools.lru_cache(maxsize=16384)(self._tag)

    def words(self, text: str) -> list[str]:
        """Precise-mode words, lower-cased, without stopwords or spaces."""
        return [w.lower() for w in self._jieba.lcut(text) if _keep(w)]

    def spans(self, text: str) -> list[tuple[str, int]]:
        """Precise-mode words with their start offsets, lower-cased."""
        return [(w.lower(), start) for w, start, _ in self._jieba.tokenize(text)]

    def plain_words(self, text: str) -> list[str]:
        """Dictionary words only (no HMM for words it lacks)."""
        return self._jieba.lcut(text, HMM=False)

    def name_like(self, word: str) -> bool:
        """A name, as far as the dictionary and the corpus terms tell: a person, place or
        organisation (nr, ns, nt, nz), or a word the dictionary lacks (found by jieba's HMM)."""
        tag = self._pos.word_tag_tab.get(word) or self._jieba.user_word_tag_tab.get(word)
        return tag in _NAME_TAGS if tag else not self._jieba.FREQ.get(word)

    def dictionary_tag(self, word: str) -> str:
        """The part of speech jieba's dictionary gives a word ("" for a word it lacks)."""
        return self._pos.word_tag_tab.get(word, "")

    def tagged(self, text: str) -> tuple[tuple[str, str], ...]:
        """(word, part of speech) pairs; `nr` marks person names, `ns` places.

        Sentences are cached: answer extraction tags the same ones question after question.
        """
        return self._tagged(text) if len(text) <= 300 else self._tag(text)

    def _tag(self, text: str) -> tuple[tuple[str, str], ...]:
        return tuple((p.word, p.flag) for p in self._pos.lcut(text))


class _POSTokenizer(jieba.posseg.POSTokenizer):
    """jieba's part-of-speech tokenizer, given a copy of the dictionary's tags instead of
    reading them from the dictionary file again."""

    def __init__(self, tokenizer: jieba.Tokenizer, tags: dict[str, str]):
        self.tokenizer = tokenizer
        self.word_tag_tab = dict(tags)


@functools.lru_cache(maxsize=1)
def _dictionary() -> tuple[dict[str, int], int, dict[str, str]]:
    """jieba's own dictionary: word frequencies, their total, and part-of-speech tags."""
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    return tokenizer.FREQ, tokenizer.total, jieba.posseg.POSTokenizer(tokenizer).word_tag_tab


def content_word(word: str) -> bool:
    """True for a word worth searching: not a stopword, not punctuation or space."""
    return _keep(word)


def _keep(word: str) -> bool:
    word = word.strip()
    return bool(word) and word not in STOPWORDS and not re.fullmatch(r"[\W_]+", word)


def person_names(text: str) -> set[str]:
    """Names standing after a title (`党组书记翟德军表示`) or in a byline (`记者 郝明雷 张帆`)."""
    names = {m.group(1) for m in _TITLE_NAME.finditer(text)}
    for m in _BYLINE_NAMES.finditer(text):
        names.update(m.group(1).split())
    return {n for n in names if len(n) in (2, 3)}


def discover_terms(texts: list[str], places: list[str] = ()) -> list[list[str]]:
    """Terms of some texts (one file's articles), with their part of speech, that jieba should know.

    Quoted phrases (`“跨省通办”`), person names, places, and four-character strings that recur
    in varied contexts (`挂图作战` in 挂图作战总指挥部, 挂图作战任务, 挂图作战模式). Names and
    places are tagged even when jieba keeps them whole, so 梁山 reads as a place, not a person.
    Traditional text is read in its Simplified form, as jieba's dictionary is.

    The texts are one file's: a reindex runs this only for new or changed files, so a term
    must recur within its file.
    """
    base = _base()
    found: dict[str, str] = {}
    texts = [as_read(t, traditional=True) for t in texts]  # as passages are indexed (`Chunk.embed_text`)
    for text in texts:
        for m in _QUOTED.finditer(text):
            found.setdefault(m.group(1), "nz")
        for name in person_names(text):
            # "代表国家参加" reads like a title and a name; a word jieba knows as a common noun or
            # verb (国家, 表示, 双方) is not a name, and tagged one it would be asked for as written.
            if base.name_like(name):
                found[name] = "nr"
        for place in _places(text, base):
            found[place] = "ns"
    for gram in _recurring(texts, base):
        found.setdefault(gram, "nz")
    for place in places:
        if len(place) >= 2:
            found[simplified(place)] = "ns"
    return sorted([t, tag] for t, tag in found.items() if _CJK.search(t))


def _places(text: str, base: Tokenizer) -> set[str]:
    """Places named as a name and 乡, 镇, 村…: the word before the suffix is a place or a
    person in jieba's dictionary (梁山 + 县). Only the few characters before each suffix are
    cut into words: cutting whole files (or tagging them with jieba's part-of-speech HMM,
    about 1,600 characters a second on Traditional text) costs more than the rest of the build."""
    out = set()
    for m in _SUFFIX_AT.finditer(text):
        words = base.plain_words(text[max(0, m.start() - 6) : m.start()])
        if words and len(words[-1]) >= 2 and base.dictionary_tag(words[-1]) in ("ns", "nr"):
            out.add(words[-1] + m.group())
    return out


def _recurring(texts: list[str], base: Tokenizer, n: int = 4, min_count: int = 3) -> set[str]:
    """Runs of n Chinese characters seen min_count times with two different neighbours on
    each side, that jieba cuts into words (so adding them keeps a phrase whole)."""
    runs = [(m.group(), text[m.start() - 1 : m.start()] or "^", text[m.end() : m.end() + 1] or "$")
            for text in texts for m in _CJK_RUN.finditer(text) if m.end() - m.start() >= n]
    counts = Counter(run[i : i + n] for run, _, _ in runs for i in range(len(run) - n + 1))
    candidates = {gram for gram, count in counts.items() if count >= min_count}
    if not candidates:
        return set()
    left: dict[str, set[str]] = defaultdict(set)
    right: dict[str, set[str]] = defaultdict(set)
    for run, before, after in runs:
        padded = before + run + after
        for i in range(1, len(padded) - n):
            gram = padded[i : i + n]
            if gram in candidates:
                left[gram].add(padded[i - 1])
                right[gram].add(padded[i + n])
    out = set()
    for gram in candidates:
        if len(left[gram]) >= 2 and len(right[gram]) >= 2:
            words = base.words(gram)
            if len(words) >= 2 and "".join(words) == gram:
                out.add(gram)
    return out


@functools.lru_cache(maxsize=1)
def _base() -> Tokenizer:
    """jieba with its own dictionary only, loaded once per process."""
    return Tokenizer()
