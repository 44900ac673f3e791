"""Scoring: values at a turn, at the end and over every turn; partial credit; required; stars."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from game.content.level_format import Objective
from game.content.levels import load_level
from game.content.objectives import evaluate, evaluate_batch
from game.engine.schema import INDICATOR_INDEX, INDICATORS


@pytest.fixture(scope="module")
def level():
    base = load_level(Path(__file__).parent / "minimal_level.yaml")  # 5 turns
    objectives = (
        Objective(id="growth", text="g", indicator="gdp_growth", comparison=">=", threshold=0.05,
                  when="end", weight=2, tolerance=0.02),
        Objective(id="banks", text="b", indicator="npl_ratio", comparison="<", threshold=0.03,
                  when="always", weight=1, required=True),
        Objective(id="rd", text="r", indicator="rd_intensity", comparison=">", threshold=0.02,
                  when=2, weight=1),
    )
    return replace(base, objectives=objectives, stars=(40.0, 70.0, 90.0))


def _run(growth, npl, rd):
    rows = []
    for g, n, r in zip(growth, npl, rd, strict=True):
        row = dict.fromkeys(INDICATORS, 0.0)
        row.update(gdp_growth=g, npl_ratio=n, rd_intensity=r)
        rows.append(row)
    return rows


def test_everything_met_gives_full_score_and_three_stars(level):
    ev = evaluate(level, _run([0.06] * 5, [0.01] * 5, [0.01, 0.025, 0.01, 0.01, 0.01]))
    assert ev.score == pytest.approx(100.0)
    assert ev.stars == 3
    assert [o.met for o in ev.objectives] == [True, True, True]
    assert ev.objectives[2].value == pytest.approx(0.025)  # measured at turn 2, 1-based


def test_partial_credit_falls_linearly_within_the_tolerance(level):
    ev = evaluate(level, _run([0.06, 0.06, 0.06, 0.06, 0.04], [0.01] * 5, [0.03] * 5))
    growth = ev.objectives[0]
    assert not growth.met
    assert growth.credit == pytest.approx(0.5)  # 0.01 short of a 0.02 tolerance
    assert ev.score == pytest.approx(100 * (2 * 0.5 + 1 + 1) / 4)
    assert ev.stars == 2


def test_always_uses_the_worst_year_and_a_failed_required_objective_means_no_stars(level):
    ev = evaluate(level, _run([0.06] * 5, [0.01, 0.035, 0.01, 0.01, 0.01], [0.03] * 5))
    banks = ev.objectives[1]
    assert not banks.met and banks.value == pytest.approx(0.035)
    assert ev.score == pytest.approx(75.0)
    assert ev.stars == 0


def test_unplayed_turns_are_pending(level):
    ev = evaluate(level, _run([0.06], [0.01], [0.03]))
    assert [o.pending for o in ev.objectives] == [True, True, True]
    ev = evaluate(level, _run([0.06] * 2, [0.01] * 2, [0.03] * 2))
    assert [o.pending for o in ev.objectives] == [True, True, False]


def test_batch_and_single_agree(level):
    rng = np.random.default_rng(3)
    indicators = rng.uniform(0.0, 0.08, size=(5, 16, len(INDICATORS)))
    batch = evaluate_batch(level, indicators)
    for b in range(16):
        one = evaluate(level, indicators[:, b])
        assert one.score == pytest.approx(batch.score[b])
        assert one.stars == batch.stars[b]
    assert indicators[:, :, INDICATOR_INDEX["gdp_growth"]].shape == (5, 16)
