"""Numbers in level texts go through the screens' formatter (game.content.level_text).

Stories, briefings, objectives and advisors' lines hold placeholders; filled for either
language they show no brace, and their English source holds no hand-written amount.
"""

from __future__ import annotations

import math
import re

import pytest

from game.content.level_text import (
    level_text,
    live_text,
    objective_text,
    objective_values,
    start_values,
)
from game.content.levels import shipped_levels
from game.engine.schema import INDICATOR_KIND
from game.i18n import LANGUAGES, set_language
from game.i18n.format import fill, money, percent, value

LEVELS = shipped_levels()
RATIOS = {name for name, kind in INDICATOR_KIND.items() if kind == "ratio"}
# A number written with a unit: amounts, percentages and head counts belong in placeholders.
_HAND_WRITTEN = re.compile(r"\d+(\.\d+)?\s*(%|bn|tn|thousand|million|亿|万)")


def _texts(level):
    yield level.story
    yield level.briefing
    for objective in level.objectives:
        yield objective.text
    for advisor in level.advisors:
        for line in advisor.lines:
            yield line.line


@pytest.fixture(autouse=True)
def _english_afterwards():
    yield
    set_language("en")


@pytest.mark.parametrize("level", LEVELS, ids=lambda lv: lv.id)
def test_level_texts_write_no_amount_by_hand(level):
    for text in _texts(level):
        assert not _HAND_WRITTEN.search(text), text


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("level", LEVELS, ids=lambda lv: lv.id)
def test_every_placeholder_of_a_level_text_is_filled(level, lang):
    set_language(lang)
    start = {n: v for n, (_, v) in start_values(level).items()}
    shown = [level_text(level, level.story), level_text(level, level.briefing)]
    shown += [objective_text(level, o) for o in level.objectives]
    shown += [live_text(line.line, start) for a in level.advisors for line in a.lines]
    for text in shown:
        assert "{" not in text and "}" not in text, text


def test_an_objective_quotes_its_own_threshold_in_the_screens_style():
    sandbox = next(lv for lv in LEVELS if lv.id == "sandbox")
    gdp = next(o for o in sandbox.objectives if o.indicator == "gdp")
    for lang in LANGUAGES:
        set_language(lang)
        assert money(gdp.threshold) in objective_text(sandbox, gdp)
    set_language("zh_CN")
    assert "万亿元" in objective_text(sandbox, gdp)
    assert objective_values(sandbox, gdp)["baseline"][0] == "money"


def test_the_sandbox_story_quotes_the_models_starting_figures():
    sandbox = next(lv for lv in LEVELS if lv.id == "sandbox")
    values = start_values(sandbox)
    story = level_text(sandbox, sandbox.story)
    for name in ("gdp_growth", "rd_intensity", "basic_share", "npl_ratio"):
        assert percent(values[name][1]) in story


def test_an_advisor_quotes_the_live_value():
    assert live_text("Bad loans are at {npl_ratio}.", {"npl_ratio": 0.0133}) == "Bad loans are at 1.3%."


def test_fill_writes_known_names_by_kind_and_keeps_the_rest():
    values = {"a": ("money", 17500.0), "b": ("ratio", 0.0512), "c": ("people", 650.0)}
    for lang in LANGUAGES:
        text = fill("{a} {b} {c} {d} {a!r}", values, lang)
        assert text == f"{value('money', 17500.0, lang)} {value('ratio', 0.0512, lang)} " \
                       f"{value('people', 650.0, lang)} {{d}} {{a!r}}"
    assert fill("{a}", values, "zh_CN") == "17.5万亿元"
    assert fill("{c}", values, "zh_CN") == "65万"
    assert fill("{a}", {"a": ("money", math.nan)}, "en") == "—"


@pytest.mark.parametrize("level", LEVELS, ids=lambda lv: lv.id)
def test_a_ratio_threshold_is_written_whole_never_rounded(level):
    """"At least 4.4%" for a threshold of 4.43% would let 4.41% look met: every ratio
    threshold an objective quotes shows all its decimals, in both languages."""
    for objective in level.objectives:
        if "{threshold}" not in objective.text or objective.indicator not in RATIOS:
            continue
        percent = f"{objective.threshold * 100:.3f}".rstrip("0").rstrip(".")
        for lang in LANGUAGES:
            set_language(lang)
            assert percent + "%" in objective_text(level, objective), (objective.id, lang)
