"""The level-text extractor: what it takes, where it says it found it, and what it refuses."""

from __future__ import annotations

import io

import pytest

from game.i18n.extract import LevelTextError, extract_level, level_messages

LEVEL = b"""\
id: sample
title: A Sample Level
turns: 10
difficulty: 2
region:
  name: Qinghe
  story: >-
    A long story that
    folds over two lines.
objectives:
  - id: growth
    text: "  Reach 5% growth.  "
    indicator: gdp_growth
learning_objectives:
  - First lesson.
  - Second lesson.
events:
  - id: shock
    title: A shock
    choices:
      - label: Accept
        text: It costs money.
        effects: {fiscal_revenue: -0.05}
advisors:
  - id: lin
    name: Director Lin
    lines:
      - line: Start with research.
        turn: 1
"""


def test_every_player_facing_string_is_found_with_its_line_and_field():
    found = level_messages(LEVEL, "sample.yaml")
    assert [(line, path, text) for line, path, text in found] == [
        (2, "title", "A Sample Level"),
        (6, "region.name", "Qinghe"),
        (7, "region.story", "A long story that folds over two lines."),
        (12, "objectives[0].text", "Reach 5% growth."),
        (15, "learning_objectives[0]", "First lesson."),
        (16, "learning_objectives[1]", "Second lesson."),
        (19, "events[0].title", "A shock"),
        (21, "events[0].choices[0].label", "Accept"),
        (22, "events[0].choices[0].text", "It costs money."),
        (26, "advisors[0].name", "Director Lin"),
        (28, "advisors[0].lines[0].line", "Start with research."),
    ]


def test_identifiers_numbers_and_vocabulary_are_not_extracted():
    texts = {text for _, _, text in level_messages(LEVEL)}
    assert not texts & {"sample", "growth", "gdp_growth", "shock", "lin", "10", "2"}


def test_babel_interface_yields_translator_comments_naming_the_level_and_field():
    fileobj = io.BytesIO(LEVEL)
    fileobj.name = "levels/sample.yaml"
    first = next(iter(extract_level(fileobj, [], [], {})))
    assert first == (2, None, "A Sample Level", ["sample: title"])


def test_aliases_are_followed_once_so_a_billion_laughs_file_is_cheap():
    lines = ["a: &a [" + ", ".join(["x"] * 10) + "]"]
    for i in range(1, 12):
        prev = chr(ord("a") + i - 1)
        name = chr(ord("a") + i)
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 10) + "]")
    lines.append("title: Laughs")
    assert [text for _, _, text in level_messages("\n".join(lines))] == ["Laughs"]


def test_invalid_yaml_is_a_clear_error_with_file_and_line():
    with pytest.raises(LevelTextError, match=r"broken\.yaml:2: not valid YAML"):
        level_messages(b"title: ok\ntheme: a: b\n", "broken.yaml")


def test_huge_files_are_refused():
    with pytest.raises(LevelTextError, match="larger than"):
        level_messages(b"#" * (2 * 1024 * 1024), "huge.yaml")


def test_an_empty_file_has_no_messages():
    assert level_messages(b"", "empty.yaml") == []
