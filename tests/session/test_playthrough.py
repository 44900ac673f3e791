"""Playthrough: editing the draft (clamping, undo, locks, pilots, events) and replay."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.engine.schema import LEVERS, SECTORS
from game.session.playthrough import DecisionError, Playthrough

LEVEL = Path(__file__).parent / "data" / "lockstep.yaml"
OPEN_LEVERS = ("basic", "applied", "transfer")


@pytest.fixture
def play() -> Playthrough:
    return Playthrough.new(LEVEL, seed=11)


def _total(play: Playthrough) -> float:
    return sum(play.draft.shares.values())


def test_starts_at_turn_one_from_the_status_quo(play):
    assert (play.turn, play.year, play.turns, play.finished) == (1, 2030, 6, False)
    assert play.draft == play.scenario.baseline
    assert not play.can_undo


def test_set_share_clamps_to_what_the_budget_has_left(play):
    others = _total(play) - play.draft.shares["applied"]
    got = play.set_share("applied", 0.95)
    assert got == pytest.approx(1.0 - others)
    assert _total(play) == pytest.approx(1.0)
    assert play.set_share("basic", 0.5) == pytest.approx(play.draft.shares["basic"])
    assert play.draft.shares["basic"] == pytest.approx(0.10), "a full budget cannot grow a lever"
    assert play.set_share("basic", -3) == 0.0
    assert play.reserve() == pytest.approx(0.10)


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.sampled_from(OPEN_LEVERS), st.floats(-0.5, 1.5)), max_size=25))
def test_the_total_never_passes_the_budget(moves):
    play = Playthrough.new(LEVEL, seed=11)
    for lever, value in moves:
        play.set_share(lever, value)
        assert _total(play) <= play.available_share() + 1e-9
        assert all(v >= 0 for v in play.draft.shares.values())


def test_undo_reverts_each_change_of_this_turn_in_order(play):
    start = play.draft
    play.set_share("basic", 0.0)
    after_basic = play.draft
    play.set_credit_guidance(0.9)
    play.set_focus({"traditional": 1, "emerging": 1, "digital": 2})
    assert play.undo() and play.draft.credit_guidance == 0.9
    assert play.undo() and play.draft == after_basic
    assert play.undo() and play.draft == start
    assert not play.undo()


def test_undo_does_not_reach_into_an_ended_turn(play):
    play.set_share("basic", 0.0)
    play.end_turn()
    assert not play.can_undo and not play.undo()
    assert play.draft.shares["basic"] == 0.0, "the next turn starts from the last decision"


def test_a_change_that_changes_nothing_is_not_an_undo_step(play):
    play.set_share("basic", play.draft.shares["basic"])
    play.set_credit_guidance(play.draft.credit_guidance)
    assert not play.can_undo


def test_focus_always_sums_to_one(play):
    focus = play.set_focus({"emerging": 3, "digital": 1})
    assert sum(focus.values()) == pytest.approx(1.0) and focus["traditional"] == 0.0
    focus = play.set_focus_weight("traditional", 0.5)
    assert sum(focus.values()) == pytest.approx(1.0)
    assert focus["emerging"] == pytest.approx(0.375) and focus["digital"] == pytest.approx(0.125)
    with pytest.raises(DecisionError):
        play.set_focus({s: 0 for s in SECTORS})
    with pytest.raises(DecisionError, match="no sector"):
        play.set_focus({"heavy": 1})


def test_levers_the_level_leaves_out_or_locks_are_refused(play):
    with pytest.raises(DecisionError, match="not available"):
        play.set_share("guidance_fund", 0.1)
    with pytest.raises(DecisionError, match="locked until turn 2"):
        play.set_share("education", 0.0)
    assert not play.is_open("education") and play.unlock_turn("education") == 2
    play.end_turn()
    assert play.is_open("education")
    play.set_share("education", 0.0)


def test_pilots_respect_unlock_availability_and_the_maximum(play):
    with pytest.raises(DecisionError, match="locked"):
        play.toggle_pilot("tech_transfer_reform")
    play.end_turn()
    play.end_turn()
    with pytest.raises(DecisionError, match="not available"):
        play.toggle_pilot("digital_economy_zone")
    play.set_share("applied", 0.0)  # make room for the set-up costs
    assert play.toggle_pilot("tech_transfer_reform")
    assert play.toggle_pilot("incubation_cluster")
    with pytest.raises(DecisionError, match="(?i)at most 2"):
        play.toggle_pilot("talent_special_zone")
    assert not play.toggle_pilot("incubation_cluster")
    assert play.draft.pilots == ("tech_transfer_reform",)


def test_a_pilot_that_does_not_fit_the_budget_is_refused(play):
    play.end_turn()
    play.end_turn()
    play.set_share("applied", 1.0)  # fills the budget
    with pytest.raises(DecisionError, match="budget"):
        play.toggle_pilot("talent_special_zone")
    assert play.draft.pilots == ()


def test_pilot_cost_shrinks_the_share_available(play):
    play.end_turn()
    play.end_turn()
    play.set_share("applied", 0.0)
    full = play.available_share()
    play.toggle_pilot("tech_transfer_reform")
    spec = {p.id: p for p in play.scenario.pilots}["tech_transfer_reform"]
    # As the engine charges it: the set-up cost and a year's upkeep in the first year.
    assert play.available_share() == pytest.approx(full - spec.cost - spec.upkeep)
    play.end_turn()
    assert play.available_share() == pytest.approx(1.0 - spec.upkeep), "upkeep after the first year"


def test_only_a_working_pilot_is_rolled_out_and_it_stays_rolled_out(play):
    play.end_turn()
    play.end_turn()
    play.set_share("applied", 0.0)
    play.toggle_pilot("tech_transfer_reform")
    with pytest.raises(DecisionError, match="already works"):
        play.toggle_scale_up("tech_transfer_reform")
    play.end_turn()  # turn 3: open one year; delay 1 year: works from turn 5's start
    play.end_turn()
    assert play.pilot_works("tech_transfer_reform")
    spec = {p.id: p for p in play.scenario.pilots}["tech_transfer_reform"]
    params = play.scenario.params
    before = play.available_share()
    assert play.toggle_scale_up("tech_transfer_reform") is True
    rolled = spec.upkeep * params.scale_up_upkeep + params.scale_up_cost * spec.cost
    assert play.available_share() == pytest.approx(before + spec.upkeep - rolled)
    play.end_turn()
    assert play.scaled_pilots() == {"tech_transfer_reform"}
    assert play.draft.scale_up == (), "a roll-out is one turn's act"
    with pytest.raises(DecisionError, match="stays open"):
        play.toggle_pilot("tech_transfer_reform")
    assert play.available_share() == pytest.approx(1.0 - spec.upkeep * params.scale_up_upkeep)
    assert play.log[-1].scale_up == ("tech_transfer_reform",)


def test_fund_horizon_is_a_dial_the_level_must_offer(play):
    with pytest.raises(DecisionError, match="not available"):
        play.set_fund_horizon(12)
    sandbox = Playthrough.new("sandbox", seed=0)
    assert sandbox.set_fund_horizon(40) == 15.0
    assert sandbox.undo() and sandbox.draft.fund_horizon == sandbox.scenario.baseline.fund_horizon


def test_events_wait_for_a_choice_and_are_logged(play):
    assert play.pending_events() == []
    with pytest.raises(DecisionError, match="not waiting"):
        play.choose("lab_offer", 0)
    play.end_turn()
    assert [e.id for e in play.pending_events()] == ["lab_offer"]
    assert [e.id for e in play.missing_choices()] == ["lab_offer"]
    with pytest.raises(DecisionError, match="no choice number 3"):
        play.choose("lab_offer", 2)
    play.choose("lab_offer", 1)
    assert play.missing_choices() == []
    report = play.end_turn()
    assert report.events == (("lab_offer", 1),)
    assert play.log[-1].choices == {"lab_offer": 1}
    assert play.draft.choices == {}, "an answer does not carry into the next turn"
    report = play.end_turn()
    assert report.events == (("orders_fall", 0),)


def test_unanswered_events_take_the_first_choice(play):
    play.end_turn()
    play.end_turn()
    assert play.log[-1].choices == {"lab_offer": 0}


def test_results_come_from_replaying_the_log(play):
    play.set_share("applied", 0.4)
    play.end_turn()
    play.end_turn()
    play.end_turn()
    replay = Playthrough.from_decisions(LEVEL, 11, play.log)
    assert np.array_equal(replay.result().indicators, play.result().indicators)
    other_seed = Playthrough.from_decisions(LEVEL, 12, play.log)
    assert other_seed.result().indicators.shape == play.result().indicators.shape


def test_forecast_holds_the_draft_to_the_end(play):
    play.set_share("applied", 0.4)
    forecast = play.forecast()
    assert forecast.indicators.shape[0] == play.turns
    held = Playthrough.from_decisions(LEVEL, 11, [play.draft] * play.turns)
    assert np.array_equal(forecast.indicators, held.result().indicators)
    play.set_share("applied", 0.1)
    assert not np.array_equal(play.forecast().indicators, forecast.indicators)


def test_baseline_result_is_the_status_quo_every_turn(play):
    baseline = play.baseline_result()
    held = Playthrough.from_decisions(LEVEL, 11, [play.scenario.baseline] * play.turns)
    assert np.array_equal(baseline.indicators, held.result().indicators)


def test_decisions_after_the_end_are_refused(play):
    for _ in range(play.turns):
        play.end_turn()
    assert play.finished and play.pending_events() == []
    with pytest.raises(DecisionError, match="over"):
        play.end_turn()
    with pytest.raises(DecisionError):
        play.set_share("basic", 0.1)


def test_score_counts_only_objectives_that_are_due(play):
    play.end_turn()
    early = play.score()
    assert early.pending == ("growth", "banks") and not early.met and not early.missed
    for _ in range(play.turns - 1):
        play.end_turn()
    final = play.score()
    assert not final.pending
    assert set(final.met) | set(final.missed) == {"growth", "banks"}
    assert 0 <= final.points <= 100 and 0 <= final.stars <= 3


def test_branch_keeps_the_decisions_before_a_turn(play):
    play.set_share("applied", 0.4)
    play.end_turn()
    play.end_turn()
    branch = play.branch(2)
    assert branch.turn == 2 and branch.log == play.log[:1]


def test_every_lever_has_a_share_in_the_draft(play):
    assert set(play.draft.shares) == set(LEVERS)


def test_the_score_indicator_is_the_running_score(play):
    for _ in range(play.turns):
        play.end_turn()
    scores = play.result().series("score")
    assert scores[-1] == pytest.approx(play.score().points)
    early = Playthrough.from_decisions(LEVEL, 11, play.log[:2])
    assert scores[1] == pytest.approx(early.score().points)



def test_a_gesture_is_one_undo_step_and_an_empty_one_none(play):
    start = play.draft
    with play.gesture():
        play.set_share("applied", 0.10)
        play.set_share("applied", 0.12)
        play.set_share("basic", 0.05)
    with play.gesture():
        play.set_share("basic", 0.05)  # no change: no step
    assert play.undo() and play.draft == start
    assert not play.can_undo
