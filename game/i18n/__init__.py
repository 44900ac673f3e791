"""Translations with a live language switch.

Call ``_("text")`` at the moment text is shown, never at import time: the
language can change while the game runs. Mark module-level strings with
``N_("text")`` so that pybabel extracts them, and translate them when shown.
"""

from __future__ import annotations

import gettext as _gettext
import locale as _locale
import os
from functools import lru_cache

from game.paths import locales_dir

__all__ = [
    "_",
    "N_",
    "ngettext",
    "set_language",
    "get_language",
    "LANGUAGES",
    "system_language",
    "translation",
]

DOMAIN = "game"
#: Languages the game ships, in the order a settings menu lists them.
LANGUAGES = ("en", "zh_CN")

_current_lang = "en"
_translations: _gettext.NullTranslations = _gettext.NullTranslations()


def set_language(lang: str) -> str:
    """Switch every later ``_()`` call to ``lang``; returns the language actually set."""
    global _current_lang, _translations
    lang = normalise(lang)
    _translations = translation(lang)
    _current_lang = lang
    return lang


@lru_cache(maxsize=8)
def translation(lang: str) -> _gettext.NullTranslations:
    """The catalog of ``lang`` (English falls back to the source strings).

    Cached: number formatting asks for it for every figure drawn, and finding the catalog
    stats the file system each time (gettext itself keeps one object per catalog file)."""
    return _gettext.translation(
        DOMAIN, localedir=str(locales_dir()), languages=[normalise(lang)], fallback=True
    )


def get_language() -> str:
    return _current_lang


def normalise(lang: str | None) -> str:
    """Map any spelling of a locale ('zh', 'zh-CN', 'zh_CN.UTF-8', 'en_GB') to a shipped one."""
    if not lang:
        return "en"
    base = lang.replace("-", "_").split(".")[0].split("@")[0]
    if base.lower().startswith("zh"):
        return "zh_CN"
    return "en"


def system_language() -> str:
    """The language of the user's system locale, as one of LANGUAGES."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(var)
        if value and value not in ("C", "POSIX", "C.UTF-8"):
            return normalise(value)
    try:
        return normalise(_locale.getlocale()[0])
    except ValueError:
        return "en"


# The shipped font (Noto Sans SC) draws curly quotes full width, as Chinese sets them; in
# English they would stand apart from their words ("Saved as “ tutorial ” ."), so English
# text shows straight quotes.
_STRAIGHT_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})


def _shown(text: str) -> str:
    return text.translate(_STRAIGHT_QUOTES) if _current_lang == "en" else text


def _(message: str) -> str:
    return _shown(_translations.gettext(message))


def ngettext(singular: str, plural: str, n: int) -> str:
    return _shown(_translations.ngettext(singular, plural, n))


def N_(message: str) -> str:
    """Mark a string for extraction without translating it now."""
    return message
