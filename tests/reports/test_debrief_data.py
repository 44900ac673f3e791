"""Debrief data from a real playthrough: objectives, key decisions, the run against the baseline."""

from __future__ import annotations

import numpy as np
import pytest

from game.engine.schema import INDICATORS
from game.reports.debrief import build_debrief, run_series
from game.session.playthrough import Playthrough


def _played(turns: int) -> Playthrough:
    play = Playthrough.new("tutorial", 4)
    for k in range(turns):
        play.set_share("transfer", 0.06 + 0.02 * k)
        play.set_share("basic", 0.05)
        play.end_turn()
    return play


def test_series_starts_the_year_before_the_first_turn_and_matches_the_run():
    play = _played(5)
    series = run_series(play)
    assert series.years == tuple(range(play.year_of(1) - 1, play.year_of(5) + 1))
    assert np.allclose(series.actual["gdp"][1:], play.result().series("gdp"))
    assert np.allclose(series.baseline["gdp"][1:], play.baseline_result().series("gdp")[:5])
    assert series.actual["gdp"][0] == series.baseline["gdp"][0]
    assert set(series.indicators) == set(INDICATORS)


def test_key_decisions_name_a_changed_lever_and_leave_out_negligible_ones():
    play = _played(10)
    debrief = build_debrief(play)
    assert debrief.finished
    assert debrief.key_decisions
    for cause in debrief.key_decisions:
        assert cause.lever in ("transfer", "basic")  # the only levers moved off the status quo
        assert cause.amount != 0.0
        assert cause.when() in cause.describe() and not cause.is_event
    met = [o for o in debrief.objectives if o.met]
    assert debrief.stars == 0 or met
    assert debrief.discussion_questions == play.level.discussion_questions


def test_the_status_quo_has_no_key_decisions():
    play = Playthrough.new("tutorial", 4)
    for _ in range(4):
        play.end_turn()
    assert build_debrief(play).key_decisions == ()


def test_an_objective_over_three_years_is_judged_and_described_on_the_mean():
    from game.session.results import build_result

    play = _played(10)
    debrief = build_debrief(play)
    line = next(o for o in debrief.objectives if o.id == "growth_at_end")  # over: 3
    growth = play.result().series("gdp_growth")
    assert line.years == 3 and line.value == pytest.approx(np.mean(growth[-3:]), rel=1e-12)
    assert "3-year mean" in line.describe()
    document = build_result(play)
    record = next(o for o in document["objectives"] if o["id"] == "growth_at_end")
    assert record["value"] == line.value  # result files carry the judged value
    skilled = next(o for o in debrief.objectives if o.id == "talent")  # the final year
    assert skilled.years == 1 and "mean" not in skilled.describe()
