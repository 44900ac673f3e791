"""English text shows straight quotes: the shipped CJK font draws curly ones full width."""

from __future__ import annotations

from game.i18n import _, get_language, ngettext, set_language


def test_english_shows_straight_quotes_and_chinese_keeps_its_own():
    before = get_language()
    try:
        set_language("en")
        assert _("Saved as “{name}”.") == 'Saved as "{name}".'
        assert "“" not in ngettext("“{n}” item", "“{n}” items", 2)
        set_language("zh_CN")
        assert "“" in _("Saved as “{name}”.")
    finally:
        set_language(before)
