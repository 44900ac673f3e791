"""Numbers, money, percentages and head counts, written the way each language writes them.

The model keeps money in bn yuan, ratios as fractions (0.025 = 2.5%) and people in
thousands; these functions take those units and return display text. Every function
formats for the current language unless ``lang`` names another one. Babel does the
digits, grouping and magnitude words (亿, 万亿, "million"); the few words babel does
not know ("pp", "个百分点", "元") are catalog templates, so translators own them.
"""

from __future__ import annotations

import math
import re

from babel.numbers import format_compact_decimal, format_decimal, format_percent

from game.i18n import N_, get_language, normalise, translation

__all__ = ["number", "money", "percent", "pp", "people", "BN", "axis_scale", "count", "value", "fill"]

#: One model money unit in yuan.
BN = 1e9
#: Text shown for a value that is not a number (NaN or infinite), instead of failing.
MISSING = "—"

# Babel's locale names for the game's languages.
_BABEL_LOCALE = {"en": "en_US", "zh_CN": "zh_Hans_CN"}
# From what head count a language stops writing every digit: English writes 52,000
# and switches to "1.2 million"; Chinese writes 5200 and switches to 5.2万 at ten thousand.
_PEOPLE_COMPACT_FROM = {"en": 1e6, "zh_CN": 1e4}
# Babel's short English magnitudes (350B) in the style of financial writing (350 bn).
_SHORT_SUFFIX = {"K": " k", "M": " m", "B": " bn", "T": " tn"}
_SHORT_FORM = re.compile(r"^(?P<digits>[\d.,]+)(?P<suffix>[KMBT])$")

# Chart axes carry one unit for a whole axis; Chinese counts money in 亿元 (0.1 bn) and
# people in 万人 (10 thousand), English keeps the model's bn yuan and thousands.
_AXIS_SCALE = {"zh_CN": {"money": 10.0, "people": 0.1}}

# Templates translators adapt; {number} is already formatted for the language.
_MONEY = N_("¥{number}")
_POINTS = N_("{number} pp")
_PEOPLE = N_("{number} people")
# A head count inside a sentence that names the people itself ("{threshold} skilled workers").
_BARE = "{number}"


def _lang(lang: str | None) -> str:
    return normalise(lang) if lang else get_language()


def _locale(lang: str) -> str:
    return _BABEL_LOCALE.get(lang, "en_US")


def _pattern(digits: int, fixed: bool = False) -> str:
    """A babel pattern with grouping and up to ``digits`` decimals (trailing zeros dropped),
    or exactly ``digits`` decimals when ``fixed`` (one precision for every value of a kind)."""
    return "#,##0" + ("." + ("0" if fixed else "#") * digits if digits > 0 else "")


def _sign(value: float, signed: bool) -> str:
    if value < 0:
        return "-"
    return "+" if signed and value > 0 else ""


def _magnitude(value: float, rounded: str) -> tuple[float, bool]:
    """The absolute value, and whether it rounds to zero (so no sign is shown)."""
    return abs(value), re.fullmatch(r"[0.,\s]*", rounded) is not None


def number(value: float, digits: int = 1, lang: str | None = None, *, signed: bool = False,
           fixed: bool = False) -> str:
    """A plain number with grouping and up to ``digits`` decimals: 1,234.5; ``signed`` adds "+"."""
    if not math.isfinite(value):
        return MISSING
    lang = _lang(lang)
    text = format_decimal(abs(value), format=_pattern(digits, fixed), locale=_locale(lang))
    _, zero = _magnitude(value, text)
    return ("" if zero else _sign(value, signed)) + text


def _compact(value: float, digits: int, lang: str) -> str:
    """A non-negative amount with a magnitude word: 350 bn, 1.2 tn / 3500亿, 1.2万亿."""
    if value < 1000:
        # Babel leaves small numbers unrounded; a few yuan are whole yuan.
        return format_decimal(round(value), format=_pattern(0), locale=_locale(lang))
    text = format_compact_decimal(value, locale=_locale(lang), fraction_digits=digits)
    match = _SHORT_FORM.match(text)
    if match:
        return match["digits"] + _SHORT_SUFFIX[match["suffix"]]
    return text


# Magnitude words by language, largest first: a change is written in its level's unit.
_UNITS = {
    "zh_CN": ((1e12, "万亿"), (1e8, "亿"), (1e4, "万"), (1.0, "")),
    "en": ((1e12, " tn"), (1e9, " bn"), (1e6, " m"), (1e3, " k"), (1.0, "")),
}


_PEOPLE_UNITS = {"zh_CN": ((1e8, "亿"), (1e4, "万"), (1.0, "")), "en": ((1e6, " million"), (1.0, ""))}


def _in_unit_of(value: float, like: float, digits: int, lang: str, table=None) -> str:
    """A non-negative amount in the magnitude word ``like`` is written with (yuan or people)."""
    table = table or _UNITS
    units = table.get(lang, table["en"])
    # The unit the level is shown in: 0.99999 bn is shown as "1 bn", so it counts as bn.
    size, word = next(((s, w) for s, w in units if round(abs(like) / s, digits) >= 1), units[-1])
    # A change too small for the unit's usual decimals gets up to two more rather than "0".
    for extra in range(3):
        text = format_decimal(value / size, format=_pattern(digits + extra), locale=_locale(lang))
        if value == 0 or not _magnitude(0.0, text)[1]:
            break
    return text + word


def money(bn_yuan: float, digits: int = 1, lang: str | None = None, *, signed: bool = False,
          like: float | None = None) -> str:
    """An amount given in bn yuan: "¥350 bn", "¥1.2 tn" / "3500亿元", "1.2万亿元".

    ``like`` (bn yuan) writes the amount in the unit that amount is written with, so that a
    change stands beside its level in one unit: 39.5亿元 +0.2亿元, not +2311.9万元.
    """
    if not math.isfinite(bn_yuan):
        return MISSING
    lang = _lang(lang)
    if like is not None and math.isfinite(like) and like != 0:
        amount = _in_unit_of(abs(bn_yuan) * BN, like * BN, digits, lang)
    else:
        amount = _compact(abs(bn_yuan) * BN, digits, lang)
    amount_digits = amount.rstrip(" abcdefghijklmnopqrstuvwxyz万亿")
    _, zero = _magnitude(bn_yuan, amount_digits)
    template = translation(lang).gettext(_MONEY)
    return ("" if zero else _sign(bn_yuan, signed)) + template.format(number=amount)


def percent(ratio: float, digits: int = 1, lang: str | None = None, *, signed: bool = False,
            fixed: bool = False) -> str:
    """A fraction as a percentage: 0.025 → "2.5%"; ``fixed`` keeps trailing zeros ("5.0%")."""
    if not math.isfinite(ratio):
        return MISSING
    lang = _lang(lang)
    text = format_percent(abs(ratio), format=_pattern(digits, fixed) + "%", locale=_locale(lang))
    _, zero = _magnitude(ratio, text.rstrip("%"))
    return ("" if zero else _sign(ratio, signed)) + text


def pp(delta: float, digits: int = 1, lang: str | None = None) -> str:
    """A change between two fractions, in percentage points, always signed.

    ``delta`` is a difference of fractions: 0.012 → "+1.2 pp" / "+1.2个百分点".
    """
    if not math.isfinite(delta):
        return MISSING
    lang = _lang(lang)
    points = number(delta * 100, digits, lang, signed=True)
    return translation(lang).gettext(_POINTS).format(number=points)


def people(
    thousands: float, lang: str | None = None, *, template: str = _PEOPLE, signed: bool = False,
    like: float | None = None,
) -> str:
    """A head count given in thousands: 52 → "52,000 people" / "5.2万人".

    ``template`` is an ``N_``-marked message with ``{number}`` (for example
    ``N_("{number} researchers")``); it is translated for ``lang`` here. ``like`` (thousands)
    writes a change in the unit of the level beside it: 29.7万人 -0.1万人, not -1,004人.
    """
    if not math.isfinite(thousands):
        return MISSING
    lang = _lang(lang)
    count = round(abs(thousands) * 1000)
    compact_from = _PEOPLE_COMPACT_FROM.get(lang, 1e6)
    if like is not None and math.isfinite(like) and abs(like) * 1000 >= compact_from and count:
        number = _in_unit_of(count, abs(like) * 1000, 1, lang, _PEOPLE_UNITS)
        shown = ("" if _magnitude(0.0, number)[1] else _sign(thousands, signed)) + number
        return translation(lang).gettext(template).format(number=shown)
    if count >= compact_from:
        digits = format_compact_decimal(
            count, locale=_locale(lang), format_type="long", fraction_digits=1
        )
    else:
        digits = format_decimal(count, format=_pattern(0), locale=_locale(lang))
    shown = ("" if count == 0 else _sign(thousands, signed)) + digits
    return translation(lang).gettext(template).format(number=shown)


def axis_scale(kind: str, lang: str | None = None) -> float:
    """The factor from model units (bn yuan, thousands) to a chart axis's unit in ``lang``.

    It matches the unit words of the chart titles ("(bn yuan)" is "（亿元）" in Chinese).
    """
    return _AXIS_SCALE.get(_lang(lang), {}).get(kind, 1.0)


def count(thousands: float, lang: str | None = None, *, signed: bool = False) -> str:
    """A head count given in thousands, without a unit word: 650 → "650,000" / "65万"."""
    return people(thousands, lang, template=_BARE, signed=signed)


#: How each indicator kind is written (one precision per kind, the same on every screen).
def _exact_digits(ratio: float) -> int:
    """The fewest decimals (1–3) that write a percentage without rounding it."""
    for digits in (1, 2):
        if abs(round(ratio * 100, digits) - ratio * 100) < 1e-9:
            return digits
    return 3


_BY_KIND = {
    "money": lambda v, lang: money(v, 1, lang),
    "ratio": lambda v, lang: percent(v, 1, lang),
    # A rule's threshold is written whole: "at least 4.46%", never a rounded "4.4%" that a
    # value of 4.43% would seem to meet.
    "threshold_ratio": lambda v, lang: percent(v, _exact_digits(v), lang),
    "people": lambda v, lang: count(v, lang),
}


def value(kind: str, amount: float, lang: str | None = None) -> str:
    """An indicator's value in the style of its kind ("money", "ratio", "people")."""
    shown = _BY_KIND.get(kind)
    return shown(amount, _lang(lang)) if shown else number(amount, 1, lang)


_PLACEHOLDER = re.compile(r"\{([a-z_][a-z0-9_]*)\}")


def fill(text: str, values: dict[str, tuple[str, float]], lang: str | None = None) -> str:
    """Write the numbers of a level text: each ``{name}`` with a (kind, amount) in ``values``.

    Level texts (stories, objectives, advisors' lines) hold placeholders instead of digits, so
    their numbers follow the language and come from the model; unknown names stay as written.
    """
    def one(match: re.Match[str]) -> str:
        known = values.get(match[1])
        return value(known[0], known[1], lang) if known else match[0]

    return _PLACEHOLDER.sub(one, text)
