"""A broken required objective ends the level as lost; the advisors warn before the threshold."""

from dataclasses import replace

import numpy as np

from game.content.levels import level_by_id
from game.content.objectives import broken_required, required_at_risk, warning_margin
from game.engine import INDICATOR_INDEX, INDICATORS
from game.session.playthrough import Playthrough


def _at_risk_path(values):
    rows = np.zeros((len(values), len(INDICATORS)))
    rows[:, INDICATOR_INDEX["loans_at_risk"]] = values
    return rows


def test_an_always_objective_is_broken_from_the_year_it_is_missed():
    level = level_by_id("sandbox")  # safe_banks: loans at risk below 3% in every year, required
    assert broken_required(level, _at_risk_path([0.01, 0.02, 0.029])) == ()
    assert broken_required(level, _at_risk_path([0.01, 0.031])) == ("safe_banks",)
    assert broken_required(level, _at_risk_path([0.031, 0.01])) == ("safe_banks",)  # no way back


def test_the_warning_comes_before_the_threshold_and_stops_once_it_is_broken():
    level = level_by_id("sandbox")
    safe_banks = next(o for o in level.objectives if o.id == "safe_banks")
    assert 0 < warning_margin(safe_banks) < safe_banks.threshold
    assert required_at_risk(level, {"loans_at_risk": 0.01}) == []
    risky = required_at_risk(level, {"loans_at_risk": 0.025})
    assert [o.id for o, _v in risky] == ["safe_banks"]
    assert required_at_risk(level, {"loans_at_risk": 0.031}) == []  # broken: the level is over


def test_the_advisors_speak_of_a_required_objective_at_risk():
    from game.ui.widgets.advisor import advisor_comments

    level = level_by_id("sandbox")
    calm = advisor_comments(level, 5, {"loans_at_risk": 0.01})
    risky = advisor_comments(level, 5, {"loans_at_risk": 0.025})
    assert not any("lost" in c.line for c in calm)
    assert "lost" in risky[-1].line and "2.5%" in risky[-1].line


def test_a_playthrough_ends_lost_when_a_required_objective_breaks():
    sandbox = level_by_id("sandbox")
    strict = next(o for o in sandbox.objectives if o.id == "safe_banks")
    # The same level with a loans-at-risk limit no region can meet: broken in the first year.
    level = replace(sandbox, objectives=(strict.model_copy(update={"threshold": 0.0001}),))
    play = Playthrough.new(level, seed=0)
    assert not play.finished and play.lost == ()
    play.end_turn(report=False)
    assert play.lost == ("safe_banks",)
    assert play.finished and len(play.log) == 1
    from game.reports.debrief import build_debrief

    debrief = build_debrief(play)
    assert debrief.lost == ("safe_banks",) and debrief.stars == 0 and debrief.finished


def test_a_level_played_within_its_required_objectives_runs_every_turn():
    play = Playthrough.new("tutorial", seed=0)
    while not play.finished:
        play.end_turn(report=False)
    assert play.lost == () and len(play.log) == play.level.turns


def test_the_advisors_warn_when_this_years_draft_would_break_a_required_objective():
    """A forecast of this year above the limit is named while the turn can still change."""
    from game.ui.widgets.advisor import forecast_warnings

    level = level_by_id("sandbox")
    assert forecast_warnings(level, {"loans_at_risk": 0.025}) == []
    warned = forecast_warnings(level, {"loans_at_risk": 0.034})
    assert len(warned) == 1 and "would be broken this year" in warned[0].line
    assert "3.4%" in warned[0].line


def test_a_credit_push_is_forecast_to_break_the_bank_rule_before_the_turn_ends():
    """government_as_vc: after a year of full credit guidance, a second year of it is forecast
    to take loans at risk past 3% — the warning the turn screen shows before the level is lost."""
    from game.ui.widgets.advisor import forecast_warnings

    play = Playthrough.new("government_as_vc", 0)
    for turn in range(3):
        if turn == 2:
            play.set_credit_guidance(1.0)
        play.end_turn(report=False)
    assert forecast_warnings(play.level, {}) == []
    play.set_credit_guidance(1.0)
    forecast = play.forecast()
    this_year = {name: float(forecast.indicators[play.turn - 1, 0, INDICATOR_INDEX[name]])
                 for name in INDICATORS}
    assert [c.role for c in forecast_warnings(play.level, this_year)] == ["required objective"]
    play.end_turn(report=False)
    assert play.lost == ("sound_banks",)


def test_the_debrief_follows_the_region_five_years_after_the_level():
    """A credit push that lost government_as_vc leaves GDP five years on below no new policy;
    the debrief says so, with the year and the size, in the player's language."""
    from game.i18n import set_language
    from game.reports.insights import run_insights

    play = Playthrough.new("government_as_vc", 0)
    while not play.finished:
        if play.turn >= 3:
            play.set_credit_guidance(1.0)
        play.end_turn(report=False)
    set_language("en")
    line = run_insights(play)[-1]
    assert line.startswith("After you leave") and "less than no new policy" in line
    assert str(play.year_of(len(play.log) + 5)) in line
    set_language("zh_CN")
    assert run_insights(play)[-1].startswith("你离任之后")
    set_language("en")
