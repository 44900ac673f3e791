"""The one decision model and the one set of rules (game.content.decisions)."""

from __future__ import annotations

import pytest

from game.content.decisions import (
    TOLERANCE,
    DecisionFormatError,
    DecisionRecord,
    record_of,
    replace,
)
from game.content.levels import level_by_id
from game.engine import LEVERS, TurnDecision
from game.engine.schema import FUND_HORIZON_DEFAULT


def test_a_record_round_trips_and_counts_choices_from_one():
    decision = TurnDecision(shares={"basic": 0.2, "rd_tax_credit": 0.05}, credit_guidance=0.3,
                            pilots=("b", "a"), choices={"shock": 0}, fund_horizon=12.0,
                            scale_up=("a",))
    data = record_of(decision)
    assert data["choices"] == {"shock": 1} and data["pilots"] == ["a", "b"]
    back = DecisionRecord.parse(data)
    assert back.choices == {"shock": 0} and back.fund_horizon == 12.0 and back.scale_up == ("a",)
    assert back.shares == {lever: decision.shares.get(lever, 0.0) for lever in LEVERS}


def test_a_record_written_before_the_new_levers_loads_with_what_it_meant():
    old = {"shares": {"basic": 0.1}, "credit_guidance": 0.2,
           "focus": {"traditional": 0.5, "emerging": 0.3, "digital": 0.2},
           "pilots": [], "choices": {}}
    decision = DecisionRecord.parse(old)
    assert decision.fund_horizon == FUND_HORIZON_DEFAULT and decision.scale_up == ()
    assert decision.shares["joint_programmes"] == 0.0 and decision.shares["rd_tax_credit"] == 0.0


@pytest.mark.parametrize(("data", "field"), [
    ({"shares": {"basci": 0.1}}, "d.shares.basci"),
    ({"shares": {"basic": 0.7, "applied": 0.7}}, "d.shares"),
    ({"fund_horizon": 40}, "d.fund_horizon"),
    ({"choices": {"shock": 0}}, "d.choices.shock"),
    ({"credit_guidance": "0.5"}, "d.credit_guidance"),
    ([], "d"),
])
def test_a_damaged_record_names_its_field(data, field):
    with pytest.raises(DecisionFormatError) as caught:
        DecisionRecord.parse(data, "d")
    assert caught.value.field == field


def test_rules_hold_locks_at_the_status_quo_and_fit_the_budget():
    tutorial = level_by_id("tutorial")
    rules, base = tutorial.rules, tutorial.baseline
    wanted = replace(base, shares={**base.shares, "education": 0.5, "basic": 0.8},
                     credit_guidance=0.9, fund_horizon=15.0)
    found = {v.path for v in rules.violations(wanted, 1)}
    assert {("shares.education",), ("credit_guidance",), ("fund_horizon",), ("shares",)} <= found
    fitted = rules.coerce(wanted, 1)
    assert fitted.shares["education"] == base.shares["education"]
    assert fitted.credit_guidance == base.credit_guidance
    assert fitted.fund_horizon == base.fund_horizon
    assert sum(fitted.shares.values()) == pytest.approx(1.0)
    assert rules.violations(fitted, 1) == []
    # From turn 5 on, finance and both of its dials are the player's.
    assert rules.violations(replace(fitted, credit_guidance=0.9, fund_horizon=15.0), 5) == []


def test_one_tolerance_for_shares_just_over_the_budget():
    rules = level_by_id("sandbox").rules
    shares = {lever: 0.0 for lever in LEVERS} | {"basic": 0.5, "applied": 0.5 + TOLERANCE / 2}
    rounded = TurnDecision(shares=shares)
    assert rules.violations(rounded, 1) == []
    assert sum(rules.coerce(rounded, 1).shares.values()) == pytest.approx(1.0, abs=1e-12)
    over = TurnDecision(shares=shares | {"applied": 0.5 + 2 * TOLERANCE})
    assert [v.path for v in rules.violations(over, 1)] == [("shares",)]


def test_refusal_says_why_a_control_cannot_be_used():
    tutorial = level_by_id("tutorial")
    assert tutorial.rules.refusal("basic", 1) is None
    assert "locked until turn 3" in tutorial.rules.refusal("education", 1).message
    assert tutorial.rules.refusal("nonsense", 1) is not None
