"""Line breaking for English and Chinese text, measured with any font.

pygame_gui's text boxes hyphenate Chinese ("金融-" / "-体系") and pygame-ce's
``wraplength`` can start a line with "。", so the game wraps text itself:

* Latin text breaks at spaces; a word is cut only when it alone is wider than the line.
* Chinese breaks between any two CJK characters, but never inside a Latin word or a
  number, never with a hyphen, never with closing punctuation (，。）」 …) at the start
  of a line and never with opening punctuation (（「《 “ …) at the end of one.
* Never inside a known Chinese word (治理, 资本, 不良贷款: ``game.i18n.zh_words``), and never
  between a number and its unit (17.5万亿元, 65万人) or 第 and its number.
* No orphan: a Chinese paragraph's last line holds at least three characters besides its
  closing punctuation when the line before can give characters up (not "进。" alone).
* Explicit newlines are kept; blank lines stay blank.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Protocol

from game.i18n.zh_words import LONGEST, WORDS

__all__ = ["wrap", "Measures", "CLOSING", "OPENING"]


class Measures(Protocol):
    """Anything with pygame's ``Font.size``: the rendered (width, height) of a string."""

    def size(self, text: str, /) -> tuple[int, int]: ...


#: Characters that may not start a line (they close or end what precedes them).
CLOSING = frozenset(
    "，。、；：？！）」』》〉】〕］｝”’〗〙〛｠｣"
    "．，：；！？％‰℃°"
    ")]}.,;:!?%"
    "ー々〻ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ"
)
#: Characters that may not end a line (they open what follows them).
OPENING = frozenset("（「『《〈【〔［｛“‘〖〘〚｟｢([{")
# Dashes and ellipses are written in pairs (——, ……) that must stay on one line.
_PAIRED = frozenset("—…⋯")
# A hyphen or en dash joins its neighbours ("科技-产业"); breaking beside it would read as
# hyphenation, which Chinese never uses.
_JOINERS = frozenset("-‐‑–/")

_CJK_RANGES = (
    (0x2E80, 0x2FFF),  # radicals
    (0x3000, 0x303F),  # CJK symbols and punctuation
    (0x3040, 0x30FF),  # kana
    (0x3100, 0x31FF),  # bopomofo, kana extensions
    (0x3200, 0x4DBF),  # enclosed CJK, extension A
    (0x4E00, 0x9FFF),  # unified ideographs
    (0xAC00, 0xD7AF),  # hangul
    (0xF900, 0xFAFF),  # compatibility ideographs
    (0xFE30, 0xFE4F),  # vertical forms
    (0xFF00, 0xFFEF),  # full-width forms
    (0x20000, 0x3FFFF),  # extensions B and later
)


@lru_cache(maxsize=8192)
def is_cjk(char: str) -> bool:
    """Whether a line may break on either side of ``char`` as between Chinese characters."""
    code = ord(char)
    return char in _PAIRED or any(lo <= code <= hi for lo, hi in _CJK_RANGES)


# Unit and measure words that stay with the number before them ("17.5万亿元", "65万人", "3个百分点").
_UNITS = frozenset("万亿千百元人年月日个倍星项份次名回岁家所台条")


def _may_break_between(before: str, after: str) -> bool:
    """Whether a line may end after ``before`` when ``after`` follows it with no space."""
    if after in CLOSING or before in OPENING or before in _JOINERS or after in _JOINERS:
        return False
    # A number is never split from its unit, nor "第" from its number.
    if (before.isdigit() or before in "%％") and after in _UNITS:
        return False
    if before == "第" and after.isdigit():
        return False
    if before in _PAIRED and after in _PAIRED:
        return False
    # Chinese breaks anywhere; a Latin word or a number ("2.5%", "e.g.") holds together.
    return is_cjk(before) or is_cjk(after)


def _inside_words(paragraph: str) -> set[int]:
    """Indexes ``i`` where a break before ``paragraph[i]`` would split a known Chinese word.

    Forward maximum matching: at each character the longest known word starting there is taken.
    """
    glued: set[int] = set()
    i = 0
    while i < len(paragraph):
        for size in range(min(LONGEST, len(paragraph) - i), 1, -1):
            if paragraph[i:i + size] in WORDS:
                glued.update(range(i + 1, i + size))
                i += size
                break
        else:
            i += 1
    return glued


@lru_cache(maxsize=4096)
def _chunks(paragraph: str) -> tuple[tuple[str, str], ...]:
    """Split a paragraph into unbreakable chunks, each with the spaces that precede it.

    Cached: a screen wraps the same paragraphs again at every layout (a pure function of the
    text; the widths are measured afterwards)."""
    chunks: list[tuple[str, str]] = []
    lead = ""  # spaces before the chunk being built
    text = ""  # the chunk being built
    spaces = ""  # spaces seen since its last character
    glued = _inside_words(paragraph)
    for index, char in enumerate(paragraph):
        if char.isspace():
            spaces += char
        elif not text:
            lead, text, spaces = spaces, char, ""
        elif spaces:
            if char in CLOSING and is_cjk(char):
                text += spaces + char  # "数据 。" keeps its full stop beside its text
            else:
                chunks.append((lead, text))
                lead, text = spaces, char
            spaces = ""
        elif index not in glued and _may_break_between(text[-1], char):
            chunks.append((lead, text))
            lead, text = "", char
        else:
            text += char
    if text:
        chunks.append((lead, text))
    return tuple(chunks)


def _width(font: Measures, text: str) -> int:
    return font.size(text)[0]


def _cut(font: Measures, word: str, width: int) -> tuple[str, str]:
    """The longest head of ``word`` that fits ``width`` (at least one character), and the rest."""
    lo, hi = 1, len(word)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if _width(font, word[:mid]) <= width:
            lo = mid
        else:
            hi = mid - 1
    # Even a forced cut keeps closing punctuation off the start of the next line and a
    # joiner ("-") whole with both its neighbours.
    while 1 < lo < len(word) and (word[lo] in CLOSING or word[lo] in _JOINERS
                                  or word[lo - 1] in _JOINERS):
        lo -= 1
    return word[:lo], word[lo:]


class _Ruler:
    """Measures a growing line cheaply: piece widths add up, with a real measurement near the edge.

    A font's width of "ab" is not exactly width("a") + width("b") (rounding, kerning), so a sum
    decides only when it is clearly inside or outside the line; close to the edge the whole
    candidate line is measured, which keeps the result exact.
    """

    def __init__(self, font: Measures, width: int) -> None:
        self.font = font
        self.width = width
        self._pieces: dict[str, int] = {}
        self.start("")

    def _piece(self, text: str) -> int:
        if text not in self._pieces:
            self._pieces[text] = _width(self.font, text)
        return self._pieces[text]

    def start(self, line: str) -> None:
        self.known = _width(self.font, line) if line else 0
        self.added = 0  # estimated width appended since the last real measurement
        self.pieces = 0

    def try_append(self, line: str, piece: str) -> bool:
        """Whether ``line + piece`` fits; if it does, the ruler moves on to the longer line."""
        estimate = self.known + self.added + self._piece(piece)
        slack = 2 * (self.pieces + 1)  # at most a couple of pixels per join
        if estimate + slack <= self.width:
            self.added += self._piece(piece)
            self.pieces += 1
            return True
        if estimate - slack > self.width:
            return False
        exact = _width(self.font, line + piece)
        if exact > self.width:
            return False
        self.known, self.added, self.pieces = exact, 0, 0
        return True


def _wrap_paragraph(paragraph: str, font: Measures, width: int) -> list[str]:
    lines: list[list[tuple[str, str]]] = []  # each line as its chunks (spaces, text)
    line: list[tuple[str, str]] = []
    ruler = _Ruler(font, width)
    for index, (spaces, text) in enumerate(_chunks(paragraph)):
        # A paragraph's indent ("　　" in Chinese) is kept; spaces at a break are not.
        piece = spaces + text if line or index == 0 else text
        joined = _joined(line)
        if ruler.try_append(joined, piece):
            line.append((spaces if line or index == 0 else "", text))
            continue
        if line:
            lines.append(line)
        rest = text
        # Only a chunk wider than a whole line is cut, wherever it must be.
        while _width(font, rest) > width and len(rest) > 1:
            head, rest = _cut(font, rest, width)
            lines.append([("", head.rstrip())])
            rest = rest.lstrip()
        line = [("", rest)]
        ruler.start(rest)
    lines.append(line)
    _no_orphan(lines, font, width)
    return [_joined(chunks) for chunks in lines]


def _joined(chunks: list[tuple[str, str]]) -> str:
    return "".join(spaces + text for spaces, text in chunks)


def _core(chunks: list[tuple[str, str]]) -> int:
    """Characters of a line that are not closing punctuation or spaces."""
    return sum(1 for c in _joined(chunks) if c not in CLOSING and not c.isspace())


_ORPHAN = 2  # a last line of this many characters (plus punctuation) or fewer is an orphan


def _no_orphan(lines: list[list[tuple[str, str]]], font: Measures, width: int) -> None:
    """Move chunks from the second-last line down until the last line is no orphan.

    Only Chinese lines: an English last word is a normal end of paragraph.
    """
    if len(lines) < 2 or not lines[-1] or not is_cjk(lines[-1][0][1][0]):
        return
    before, last = lines[-2], lines[-1]
    while _core(last) <= _ORPHAN and len(before) > 1 and is_cjk(before[-1][1][-1]):
        candidate = [("", before[-1][1]), *last]
        # The line before gives a chunk up only if it stays at least half full.
        if (_width(font, _joined(candidate)) > width
                or 2 * _width(font, _joined(before[:-1])) < width):
            return
        before.pop()
        last[:] = candidate


def wrap(text: str, font: Measures, width: int) -> list[str]:
    """Break ``text`` into lines no wider than ``width`` pixels as measured by ``font``.

    A line is wider than ``width`` only when it holds a single character that is.
    Spaces at a break are dropped; explicit newlines start a new line.
    """
    if width <= 0:
        raise ValueError(f"line width must be positive, got {width}")
    lines: list[str] = []
    for paragraph in text.replace("\r\n", "\n").split("\n"):
        lines.extend(_wrap_paragraph(paragraph, font, width))
    return lines
