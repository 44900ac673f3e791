"""The live language switch, the system-locale default, and the catalog checker."""

from __future__ import annotations

import pytest
from babel.messages.catalog import Catalog

from game.i18n import N_, _, get_language, normalise, set_language, system_language, translation
from game.i18n.catalog import problems


@pytest.fixture(autouse=True)
def restore_language():
    before = get_language()
    yield
    set_language(before)


def test_switching_language_changes_every_later_call():
    title = N_("Virtuous Circle")
    set_language("zh_CN")
    assert _(title) == "良性循环"
    set_language("en")
    assert _(title) == "Virtuous Circle"


def test_translation_of_another_language_leaves_the_current_one_alone():
    set_language("en")
    assert translation("zh_CN").gettext("Virtuous Circle") == "良性循环"
    assert get_language() == "en"


@pytest.mark.parametrize(
    ("spelling", "lang"),
    [("zh", "zh_CN"), ("zh-CN", "zh_CN"), ("zh_CN.UTF-8", "zh_CN"), ("zh_TW", "zh_CN"),
     ("en_GB", "en"), ("de_DE.UTF-8", "en"), ("", "en"), (None, "en")],
)
def test_any_spelling_of_a_locale_maps_to_a_shipped_language(spelling, lang):
    assert normalise(spelling) == lang


def test_first_run_follows_the_system_locale(monkeypatch):
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert system_language() == "zh_CN"
    monkeypatch.setenv("LC_ALL", "en_US.UTF-8")
    assert system_language() == "en"


def _catalog(*entries: tuple[str, str], fuzzy: bool = False) -> Catalog:
    catalog = Catalog(locale="zh_CN")
    for msgid, msgstr in entries:
        catalog.add(msgid, msgstr, flags=("fuzzy",) if fuzzy else ())
    return catalog


def test_the_checker_finds_untranslated_fuzzy_and_changed_placeholders():
    assert problems(_catalog(("Budget: {amount}", "预算：{amount}"))) == []
    assert problems(_catalog(("Budget: {amount}", ""))) == ["untranslated: 'Budget: {amount}'"]
    assert problems(_catalog(("Save", "保存"), fuzzy=True)) == ["fuzzy: 'Save'"]
    [issue] = problems(_catalog(("Budget: {amount}", "预算：{amout}")))
    assert issue.startswith("placeholders ['{amout}'] ≠ ['{amount}']")
