"""Every character the game can show is in the shipped font.

A subset font renders a missing character as blank space, with no error, so the
only way to catch one is to look each character up in the font's character map.
"""

from __future__ import annotations

from functools import cache

import pytest
from fontTools.ttLib import TTFont

from game.i18n import LANGUAGES
from game.i18n.catalog import po_path, read_catalog
from game.i18n.extract import level_messages
from game.paths import assets_dir, levels_dir

FACES = ("NotoSansSC-Regular.otf", "NotoSansSC-Bold.otf")


@cache
def character_map(face: str) -> frozenset[int]:
    font = TTFont(assets_dir() / "fonts" / face, lazy=True)
    try:
        return frozenset(font.getBestCmap())
    finally:
        font.close()


def _shown_texts() -> dict[str, str]:
    """Every text a player can see, keyed by where it comes from."""
    texts = {}
    for lang in LANGUAGES:
        for message in read_catalog(po_path(lang), lang):
            if message.id:
                strings = message.string if isinstance(message.string, tuple) else (message.string,)
                ids = message.id if isinstance(message.id, tuple) else (message.id,)
                texts[f"{lang}: {ids[0][:40]!r}"] = "".join((*ids, *strings))
    for path in sorted(levels_dir().glob("*.yaml")):
        for line, field, text in level_messages(path.read_bytes(), str(path)):
            texts[f"{path.name}:{line} {field}"] = text
    return texts


def test_the_font_licence_is_shipped():
    assert "SIL OPEN FONT LICENSE" in (assets_dir() / "fonts" / "OFL.txt").read_text().upper()


@pytest.mark.parametrize("face", FACES)
def test_every_character_of_every_catalog_and_level_is_in_the_font(face):
    cmap = character_map(face)
    missing = {}
    for where, text in _shown_texts().items():
        for char in set(text):
            if char not in "\n\t" and ord(char) not in cmap:
                missing.setdefault(f"{char!r} U+{ord(char):04X}", where)
    assert not missing, f"characters the font lacks (first place seen): {missing}"


def test_the_check_would_notice_a_missing_character():
    cmap = character_map(FACES[0])
    assert ord("良") in cmap and ord("¥") in cmap
    assert 0x1F600 not in cmap  # an emoji: the font has none, so the test above can fail
