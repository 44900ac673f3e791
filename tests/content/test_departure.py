"""The departure audit: objectives judged on the five years after the level, the successor back
at the status quo — scored the same way by a played game, a replayed result file and the bots."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from game.content.departure import AFTER_YEARS, departure_years, simulate_scored, successor_plan
from game.content.levels import level_by_id
from game.content.objectives import evaluate_batch
from game.engine import INDICATOR_INDEX, Plan, simulate
from game.session.playthrough import Playthrough
from game.session.results import build_result, result_json
from game.session.verify import verify_paths

LEVEL = "old_industrial_base"  # audits the years after it


@pytest.fixture(scope="module")
def level():
    return level_by_id(LEVEL)


def _audit(level):
    return next(o for o in level.objectives if o.when == "after")


def test_the_years_after_a_level_continue_its_run_bit_for_bit(level):
    """One simulate serves the level and its sequel: the level's own years are exactly the run
    of the level alone, and the sequel holds the status quo."""
    scenario = level.scenario
    plan = Plan.repeat(scenario, replace(scenario.baseline, credit_guidance=1.0)).broadcast(2)
    longer = replace(scenario, turns=scenario.turns + AFTER_YEARS)
    extended = successor_plan(scenario, plan, AFTER_YEARS)
    assert extended.turns == scenario.turns + AFTER_YEARS
    assert np.array_equal(extended.credit_guidance[scenario.turns:],
                          np.full((AFTER_YEARS, 2), scenario.baseline.credit_guidance))
    whole = simulate(longer, extended, 7)
    alone = simulate(scenario, plan, 7)
    assert np.array_equal(whole.indicators[: scenario.turns], alone.indicators)
    assert np.array_equal(whole.head(scenario.turns).stocks, alone.stocks)


def test_a_departure_objective_is_pending_until_the_years_after_are_given(level):
    run, scored = simulate_scored(level, Plan.repeat(level.scenario, level.scenario.baseline), 0)
    k = level.objectives.index(_audit(level))
    during = evaluate_batch(level, run.indicators)
    assert during.pending[k] and during.credit[0, k] == 0.0 and np.isnan(during.value[0, k])
    assert not scored.pending[k]
    longer = replace(level.scenario, turns=level.turns + AFTER_YEARS)
    sequel = simulate(longer, Plan.repeat(longer, level.scenario.baseline), 0).indicators
    growth = sequel[level.turns:, 0, INDICATOR_INDEX["gdp_growth"]]
    assert scored.value[0, k] == pytest.approx(growth.mean(), rel=1e-12)
    assert scored.score[0] > during.score[0] or scored.credit[0, k] == 0.0


def test_only_a_level_with_such_an_objective_runs_the_years_after():
    assert departure_years(level_by_id(LEVEL)) == AFTER_YEARS
    assert departure_years(level_by_id("sandbox")) == 0


def _played(level_id: str, seed: int, share: dict[str, float]) -> Playthrough:
    play = Playthrough.new(level_id, seed)
    while not play.finished:
        for lever, value in share.items():
            if play.is_open(lever):
                play.set_share(lever, value)
        play.end_turn(report=False)
    return play


def test_a_finished_game_the_bots_and_the_class_report_score_it_alike(level, tmp_path):
    """The player's final score, the running score's last year, the bots' batched score and a
    replayed result file agree, the departure audit included."""
    play = _played(LEVEL, 2, {"skills": 0.06, "basic": 0.02})
    assert len(play.log) == level.turns and not play.lost
    score = play.score()
    k = level.objectives.index(_audit(level))
    assert _audit(level).id not in score.pending
    assert score.details.objectives[k].value == pytest.approx(
        float(play.after_level()[:, 0, INDICATOR_INDEX["gdp_growth"]].mean()), rel=1e-12)
    assert play.result().indicators[-1, 0, INDICATOR_INDEX["score"]] == pytest.approx(score.points)
    _run, bots = simulate_scored(level, play.plan(), 2)
    assert float(bots.score[0]) == pytest.approx(score.points, abs=1e-9)
    path = tmp_path / "run.json"
    path.write_text(result_json(build_result(play)), encoding="utf-8")
    (verdict,) = verify_paths([path]).verdicts
    assert verdict.verified, verdict.reason
    assert verdict.replay.score == pytest.approx(score.points, abs=1e-9)


def test_a_plan_that_cuts_research_fails_the_departure_audit_the_lesson_passes(level):
    """old_industrial_base: skills training and the guidance fund with no research leave the
    successor slower growth than no new policy would (the knowledge pipeline runs dry); the
    recommended strategy leaves faster growth. The audit objective tells the two apart."""
    from game.content.audit import CheapPlan, cheap_decisions
    from game.content.bots import debrief_strategy

    scenario = level.scenario
    cut = cheap_decisions(level, CheapPlan(("skills", "guidance_fund"), "emerging", None, 15.0,
                                           "incubation_cluster"))
    plans = Plan.stack([Plan.repeat(scenario, scenario.baseline), Plan.from_decisions(scenario, cut),
                        Plan.from_decisions(scenario, debrief_strategy(level, "recommended"))])
    audit = _audit(level)
    k = level.objectives.index(audit)
    for seed in (0, 1, 2):
        _run, ev = simulate_scored(level, plans, seed)
        status_quo, cheap, lesson = ev.value[:, k]
        assert cheap < status_quo - 0.002 < lesson - 0.004, (seed, ev.value[:, k])
        assert not ev.met[1, k] and ev.met[2, k]


def test_the_debrief_names_the_years_after_the_level(level):
    from game.content.audit import CheapPlan, cheap_decisions
    from game.i18n import set_language
    from game.reports.debrief import build_debrief

    cut = cheap_decisions(level, CheapPlan(("skills", "guidance_fund"), "emerging", None, 15.0,
                                           "incubation_cluster"))
    play = Playthrough.from_decisions(level, 0, cut)
    line = next(o for o in build_debrief(play).objectives if o.id == _audit(level).id)
    set_language("en")
    assert not line.pending and not line.met
    assert "Missed: mean of the 5 years after you leave 3." in line.describe()
    set_language("zh_CN")
    assert "离任后5年平均3." in line.describe()
    set_language("en")


def test_a_synthetic_class_on_a_level_with_a_departure_audit_verifies(tmp_path):
    """Finished and lost runs alike: the replay scores each as the file says."""
    from game.reports.class_bench import write_synthetic_class

    paths = write_synthetic_class(tmp_path, LEVEL, 3, 12)
    outcome = verify_paths(paths)
    assert all(v.verified for v in outcome.verdicts), [v.reason for v in outcome.verdicts]
    finished = [v for v in outcome.verdicts if v.turns_played == level_by_id(LEVEL).turns]
    assert finished, "some synthetic runs should play the whole level"


def test_a_lost_level_leaves_the_departure_audit_unjudged(level):
    """A level lost to a broken required rule never reaches the years after it."""
    from game.reports.debrief import build_debrief

    play = Playthrough.new(LEVEL, 0)
    while not play.finished:
        play.set_credit_guidance(1.0)
        play.end_turn(report=False)
    assert play.lost and play.after_level() is None
    line = next(o for o in build_debrief(play).objectives if o.id == _audit(level).id)
    assert line.pending and "(judged only when the level is played to its end)" in line.describe()
    assert play.score().stars == 0
