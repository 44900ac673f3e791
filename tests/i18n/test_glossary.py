"""The Chinese catalog uses the terms of docs/glossary.md: one idea, one name.

The glossary's "Avoid" table lists words that must not appear in any translation; its term
tables give the Chinese for names the screens show, which the catalog must use.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from game.i18n.catalog import po_path, read_catalog

GLOSSARY = Path(__file__).resolve().parents[2] / "docs" / "glossary.md"


def _tables() -> dict[str, list[list[str]]]:
    """Each '## Section' of the glossary and the rows of its table (header and rule dropped)."""
    sections: dict[str, list[list[str]]] = {}
    current = ""
    for line in GLOSSARY.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            current = line[3:].strip()
            sections[current] = []
        elif line.startswith("|") and current:
            cells = [c.strip() for c in line.strip("|").split("|")]
            sections[current].append(cells)
    return {name: rows[2:] for name, rows in sections.items()}


@pytest.fixture(scope="module")
def chinese() -> dict[str, str]:
    catalog = read_catalog(po_path("zh_CN"), "zh_CN")
    out = {}
    for m in catalog:
        if m.id:
            key = m.id if isinstance(m.id, str) else m.id[0]
            out[key] = m.string if isinstance(m.string, str) else m.string[0]
    return out


def _avoid() -> list[tuple[str, str]]:
    return [(row[0], row[1]) for row in _tables()["Avoid · 不用"]]


def test_the_glossary_lists_words_to_avoid():
    words = [word for word, _ in _avoid()]
    assert "坏账" in words and "科技贷款" in words and "任期" in words


@pytest.mark.parametrize(("word", "instead"), _avoid())
def test_no_translation_uses_an_avoided_word(chinese, word, instead):
    offenders = [msgid for msgid, text in chinese.items() if word in text]
    assert offenders == [], f"{word} → {instead}: {offenders}"


def _screen_terms() -> list[tuple[str, list[str]]]:
    """(English name, accepted Chinese) for glossary rows that name a lever, dial or indicator."""
    terms = []
    for name, rows in _tables().items():
        if name.startswith("Avoid"):
            continue
        for row in rows:
            if len(row) >= 3 and re.search(r"(indicator|lever|dial) `", row[2]):
                english = re.sub(r"\s*\(.*?\)", "", row[0]).strip()
                terms.append((english, [c.strip() for c in row[1].split("/")]))
    return terms


def test_the_catalog_names_glossary_terms_as_the_glossary_does(chinese):
    checked = 0
    for english, accepted in _screen_terms():
        if english in chinese:
            checked += 1
            text = chinese[english]
            assert any(term in text for term in accepted), f"{english}: {text} ∉ {accepted}"
    assert checked >= 8  # the screens show most of the glossary's indicator and lever names


def test_the_essay_is_named_with_its_authors(chinese):
    for msgid, text in chinese.items():
        if "essay" in msgid:
            assert "盛朝迅、周晓阳" in text, msgid


def test_the_cycle_is_written_with_em_dashes(chinese):
    for msgid, text in chinese.items():
        if "technology–industry–finance" in msgid:
            assert "科技—产业—金融" in text, msgid
