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


# --- `over`: judged on the mean of the last years, so a one-year spike does not meet it ------


@pytest.fixture(scope="module")
def level_over(level):
    growth, banks, rd = level.objectives
    return replace(level, objectives=(growth.model_copy(update={"over": 3}), banks,
                                      rd.model_copy(update={"over": 2})))


def test_over_judges_the_mean_of_the_last_years_up_to_its_turn(level, level_over):
    growth = [0.01, 0.02, 0.03, 0.04, 0.07]  # a last-year rebound
    rd = [0.015, 0.03, 0.0, 0.0, 0.0]
    run = _run(growth, [0.01] * 5, rd)
    one, mean = evaluate(level, run), evaluate(level_over, run)
    assert one.objectives[0].met and one.objectives[0].value == 0.07
    assert not mean.objectives[0].met
    assert mean.objectives[0].value == pytest.approx((0.03 + 0.04 + 0.07) / 3)
    assert mean.objectives[2].value == pytest.approx((0.015 + 0.03) / 2)  # turns 1-2 (when: 2)
    assert mean.objectives[2].met and not mean.objectives[2].pending


def test_over_shows_the_running_mean_while_its_years_are_played(level_over):
    ev = evaluate(level_over, _run([0.02, 0.08], [0.01] * 2, [0.03] * 2))
    assert ev.objectives[0].pending
    assert ev.objectives[0].value == pytest.approx(0.05)  # the two years played so far


def test_over_one_is_the_year_itself_bit_for_bit(level):
    rng = np.random.default_rng(5)
    indicators = rng.uniform(0.0, 0.08, size=(5, 8, len(INDICATORS)))
    batch = evaluate_batch(level, indicators)
    assert level.objectives[0].over == 1
    assert np.array_equal(batch.value[:, 0], indicators[4, :, INDICATOR_INDEX["gdp_growth"]])
    assert np.array_equal(batch.value[:, 2], indicators[1, :, INDICATOR_INDEX["rd_intensity"]])


@pytest.mark.parametrize("played", [1, 2, 3, 5])
def test_over_batch_and_single_agree(level_over, played):
    rng = np.random.default_rng(played)
    indicators = rng.uniform(0.0, 0.08, size=(played, 16, len(INDICATORS)))
    batch = evaluate_batch(level_over, indicators)
    for b in range(16):
        one = evaluate(level_over, indicators[:, b])
        assert one.score == batch.score[b] and one.stars == batch.stars[b]
        assert [o.value for o in one.objectives] == list(batch.value[b])
        assert [o.met for o in one.objectives] == list(batch.met[b])


def test_running_score_with_over_scores_each_turn_as_its_prefix(level_over):
    from game.session.scoring import score_by_turn

    rng = np.random.default_rng(11)
    indicators = rng.uniform(0.0, 0.08, size=(5, len(INDICATORS)))
    running = score_by_turn(level_over, indicators)
    assert list(running) == [evaluate(level_over, indicators[:t + 1]).score for t in range(5)]


@pytest.mark.parametrize("objective_id", ["basic_share", "rd_intensity"])
def test_a_last_turn_all_in_on_basic_research_meets_one_year_but_not_three(objective_id):
    """The sandbox's status quo with the whole budget on basic research in the last turn only:
    at a threshold halfway between the status quo's final year and the spiked one (whatever
    the retune sets), judging the final year rewards the spike, judging three years (or the ten
    the sandbox now judges) does not."""
    from game.content.levels import level_by_id
    from game.engine import LEVERS, Plan, simulate

    level = level_by_id("sandbox")
    objective = next(o for o in level.objectives if o.id == objective_id)
    assert objective.over > 1 and objective.when == "end"
    spike = level.rules.coerce(
        replace(level.baseline, shares={lv: float(lv == "basic") for lv in LEVERS}), level.turns)
    runs = [simulate(level.scenario, Plan.from_decisions(level.scenario, decisions), 0)
            .indicators[:, 0] for decisions in ([level.baseline] * level.turns,
                                                [level.baseline] * (level.turns - 1) + [spike])]
    i = INDICATOR_INDEX[objective.indicator]
    status_quo, spiked = runs[0][-1, i], runs[1][-1, i]
    assert spiked > status_quo
    threshold = (status_quo + spiked) / 2
    for over, met in ((1, True), (3, False), (10, False)):
        judged = objective.model_copy(update={"over": over, "threshold": threshold})
        result = evaluate(replace(level, objectives=(judged,)), runs[1]).objectives[0]
        assert result.met is met
        assert result.value == pytest.approx(runs[1][-over:, i].mean())


def test_a_required_objective_over_years_is_warned_about_on_its_running_mean(level):
    from game.content.objectives import required_at_risk

    growth = level.objectives[0].model_copy(update={"over": 3, "required": True})
    required = replace(level, objectives=(growth,))
    played = np.array([[row[n] for n in INDICATORS] for row in _run(
        [0.09, 0.09, 0.051], [0.01] * 3, [0.03] * 3)])
    latest = dict(zip(INDICATORS, played[-1], strict=True))
    assert [o.id for o, _v in required_at_risk(required, latest)] == ["growth"]  # 5.1%: close
    assert required_at_risk(required, latest, played) == []  # the mean, 7.7%, is safe


def test_over_is_part_of_the_level_fingerprint(level, level_over):
    from game.session.fingerprint import level_fingerprint

    assert level_fingerprint(level) != level_fingerprint(level_over)  # a rule of the score
