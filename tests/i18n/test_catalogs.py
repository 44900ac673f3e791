"""The catalogs: complete, consistent, compiled, and holding every string of code and levels.

These fail while new strings are still untranslated; `python -m game.i18n.catalog update`
then translating `locales/zh_CN/LC_MESSAGES/game.po` makes them pass (docs/translating.md).
"""

from __future__ import annotations

import gettext
from pathlib import Path

import pytest
import yaml

from game.i18n import LANGUAGES
from game.i18n.catalog import (
    SOURCE_LANGUAGE,
    extract,
    mo_path,
    placeholders,
    po_path,
    problems,
    read_catalog,
)
from game.i18n.extract import TRANSLATABLE_KEYS, level_messages
from game.paths import levels_dir


def _ids(catalog) -> set[str]:
    return {m.id if isinstance(m.id, str) else m.id[0] for m in catalog if m.id}


@pytest.fixture(scope="module")
def catalogs():
    return {lang: read_catalog(po_path(lang), lang) for lang in LANGUAGES}


@pytest.fixture(scope="module")
def fresh_template(tmp_path_factory):
    """The messages the code and the levels hold right now, extracted from scratch."""
    target = tmp_path_factory.mktemp("pot") / "fresh.pot"
    return read_catalog(extract(target))


def _level_files() -> list[Path]:
    return sorted(levels_dir().glob("*.yaml"))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_message_is_translated_without_fuzzy_entries_or_placeholder_changes(catalogs, lang):
    assert problems(catalogs[lang]) == []


def test_english_is_the_source_text(catalogs):
    for message in catalogs[SOURCE_LANGUAGE]:
        if message.id:
            ids = message.id if isinstance(message.id, tuple) else (message.id,)
            strs = message.string if isinstance(message.string, tuple) else (message.string,)
            assert strs[0] == ids[0] and strs[-1] == ids[-1]


def test_chinese_header_has_one_plural_form(catalogs):
    assert catalogs["zh_CN"].num_plurals == 1
    assert "nplurals=1" in po_path("zh_CN").read_text(encoding="utf-8")


def test_both_catalogs_hold_the_same_messages(catalogs):
    assert _ids(catalogs["zh_CN"]) == _ids(catalogs[SOURCE_LANGUAGE])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_compiled_catalog_is_not_stale(catalogs, lang):
    """The .mo holds exactly the translated, non-fuzzy entries of the .po."""
    expected: dict = {}
    for message in catalogs[lang]:
        if not message.id or message.fuzzy:
            continue
        if isinstance(message.id, tuple):
            if all(message.string):
                for index, text in enumerate(message.string):
                    expected[(message.id[0], index)] = text
        elif message.string:
            expected[message.id] = message.string
    with mo_path(lang).open("rb") as fileobj:
        compiled = gettext.GNUTranslations(fileobj)
    actual = {key: value for key, value in compiled._catalog.items() if key != ""}
    assert actual == expected, "run `python -m game.i18n.catalog compile`"


def test_every_string_in_the_code_and_levels_is_in_the_catalog(catalogs, fresh_template):
    missing = _ids(fresh_template) - _ids(catalogs["zh_CN"])
    assert not missing, f"run `python -m game.i18n.catalog update` and translate: {sorted(missing)[:10]}"


@pytest.mark.parametrize("path", _level_files(), ids=lambda p: p.stem)
def test_every_translatable_string_of_a_level_is_in_the_catalog(catalogs, path):
    """Walk the level as the loader reads it (stripped text) and look each string up."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    texts: set[str] = set()

    def walk(node, translatable=False):
        if isinstance(node, dict):
            for key, value in node.items():
                walk(value, key in TRANSLATABLE_KEYS)
        elif isinstance(node, list):
            for item in node:
                walk(item, translatable)
        elif translatable and isinstance(node, str) and node.strip():
            texts.add(node.strip())

    walk(data)
    assert texts == {text for _, _, text in level_messages(path.read_bytes(), str(path))}
    assert texts <= _ids(catalogs["zh_CN"])


def test_the_extractor_knows_every_key_the_level_format_translates():
    level_format = pytest.importorskip("game.content.level_format")
    assert set(level_format.TRANSLATABLE_KEYS) <= TRANSLATABLE_KEYS


def test_placeholders_are_found_in_both_styles():
    assert placeholders("{amount} of {indicator:.1f}") == ["{amount}", "{indicator:.1f}"]
    assert placeholders("%(n)d files, %s left, 100%%") == ["%(n)d", "%s"]
    assert placeholders("{b}{a}") == placeholders("{a}{b}")
    assert placeholders("Keep the bad-loan ratio below 3% in every year.") == []


def test_every_text_the_level_loader_hands_to_the_screens_is_in_the_catalog(catalogs):
    """Walk the loaded levels (what the UI passes to `_()`), not the raw files."""
    levels = pytest.importorskip("game.content.levels")
    level_format = pytest.importorskip("game.content.level_format")
    keys = set(level_format.TRANSLATABLE_KEYS) | {"region"}
    known = _ids(catalogs["zh_CN"])
    missing: set[str] = set()

    def walk(value, translatable=False):
        if isinstance(value, str):
            if translatable and value and value not in known:
                missing.add(value)
        elif isinstance(value, list | tuple):
            for item in value:
                walk(item, translatable)
        elif hasattr(value, "__dataclass_fields__") or hasattr(type(value), "model_fields"):
            names = getattr(value, "__dataclass_fields__", None) or type(value).model_fields
            for name in names:
                walk(getattr(value, name), name in keys)

    for level in levels.shipped_levels():
        walk(level)
    assert not missing, f"run `python -m game.i18n.catalog update`: {sorted(missing)[:5]}"
