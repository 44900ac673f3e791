"""Bots play by the level's rules: budget, availability, locks and the pilot limit."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from game.content.bots import (
    _PER_PHASE,
    DEBRIEF_STRATEGIES,
    FIXED_BOTS,
    PHASES,
    PILOT_GENES,
    _build_plan,
    debrief_strategy,
    random_plans,
    random_win_share,
    search,
)
from game.content.levels import level_by_id
from game.engine import FUND_HORIZON_RANGE, Plan, simulate
from game.engine.schema import LEVER_INDEX, LEVERS


@pytest.mark.parametrize("bot", sorted(FIXED_BOTS))
def test_fixed_bots_obey_the_tutorial_locks(bot):
    tutorial = level_by_id("tutorial")
    decisions = FIXED_BOTS[bot](tutorial)
    assert len(decisions) == tutorial.turns
    for turn, decision in enumerate(decisions, start=1):
        assert sum(decision.shares.values()) <= 1.0 + 1e-9
        assert len(decision.pilots) <= tutorial.max_pilots
        for lever in LEVERS:
            if not tutorial.rules.open_at(lever, turn):
                assert decision.shares[lever] == tutorial.baseline.shares[lever]
        if turn < tutorial.unlock_turn["pilots"]:
            assert decision.pilots == ()


def test_search_population_obeys_the_rules():
    level = level_by_id("tutorial")
    scenario = level.scenario
    rng = np.random.default_rng(0)
    batch = 200
    theta = 3.0 * rng.standard_normal((batch, PHASES * _PER_PHASE))
    genes = 3.0 * rng.standard_normal((batch, PILOT_GENES * len(scenario.pilots)))
    plan = _build_plan(level, scenario, theta, genes,
                       [rng.standard_normal((batch, len(e.choices))) for e in scenario.events])
    assert isinstance(plan, Plan)
    assert plan.shares.sum(axis=2).max() <= 1.0 + 1e-9
    assert plan.pilots.sum(axis=2).max() <= level.max_pilots
    locked = plan.shares[0, :, LEVER_INDEX["education"]]  # talent opens at turn 3
    assert np.all(locked == level.baseline.shares["education"])
    assert not plan.pilots[:6].any()  # pilot zones open at turn 7
    assert np.all(plan.fund_horizon[:4] == level.baseline.fund_horizon)  # the dial opens at turn 5
    assert plan.fund_horizon[4:].std() > 1.0
    low, high = FUND_HORIZON_RANGE
    assert low <= plan.fund_horizon.min() and plan.fund_horizon.max() <= high
    assert not plan.scale_up[:7].any()  # a pilot opened at turn 7 works at the earliest in turn 9
    assert not (plan.scale_up & ~plan.pilots).any()


def _started_working(plan: Plan, scenario) -> np.ndarray:
    """(T, B, P): the pilot has run without a break for longer than its delay before turn t."""
    delay = np.array([p.delay for p in scenario.pilots])
    age = np.zeros(plan.pilots.shape[1:])
    works = np.zeros(plan.pilots.shape, dtype=bool)
    for t in range(plan.turns):
        works[t] = age > delay[None, :]
        age = np.where(plan.pilots[t], age + 1, 0)
    return works


def _rolled_out_in_engine(level, plan: Plan, seed: int = 0) -> np.ndarray:
    """(B,) whether the plan's roll-outs change the run (the engine ignores one that does not
    work yet, so a plan that rolls out too early runs exactly as if it had rolled out nothing)."""
    still = dataclasses.replace(plan.copy(), scale_up=np.zeros_like(plan.scale_up))
    a = simulate(level.scenario, plan, seed).indicators
    b = simulate(level.scenario, still, seed).indicators
    return (a != b).any(axis=(0, 2))


def test_random_plans_vary_the_fund_life_and_roll_out_pilots_that_work():
    level = level_by_id("sandbox")
    plan = random_plans(level, np.random.default_rng(5), 300)
    low, high = FUND_HORIZON_RANGE
    assert plan.fund_horizon.min() < low + 1 and plan.fund_horizon.max() > high - 1
    assert (plan.fund_horizon.max(axis=0) > plan.fund_horizon.min(axis=0)).mean() > 0.9  # by phase
    rolls = plan.scale_up.any(axis=(0, 2))
    assert 0.2 < rolls.mean() < 0.95
    assert plan.scale_up.sum(axis=0).max() <= 1  # each pilot at most once
    assert np.array_equal(plan.scale_up & _started_working(plan, level.scenario), plan.scale_up)
    assert np.array_equal(_rolled_out_in_engine(level, plan), rolls)


def test_a_level_without_the_dial_or_pilot_zones_keeps_them_at_the_status_quo():
    sandbox = level_by_id("sandbox")
    level = dataclasses.replace(sandbox, dials=("credit_guidance", "focus"), pilots=())
    plan = random_plans(level, np.random.default_rng(1), 200)
    assert np.all(plan.fund_horizon == level.baseline.fund_horizon)
    assert plan.scale_up.size == 0 and plan.pilots.size == 0
    result, best = search(level, seed=0, population=100, generations=2)
    assert np.all(best.fund_horizon == level.baseline.fund_horizon)


@pytest.mark.parametrize("level_id", sorted(k for k, v in DEBRIEF_STRATEGIES.items()
                                            if "scale_up" in v["recommended"]))
def test_debrief_strategies_roll_out_their_pilots_once_they_work(level_id):
    level = level_by_id(level_id)
    spec = DEBRIEF_STRATEGIES[level_id]["recommended"]
    decisions = debrief_strategy(level, "recommended")
    rolled = [p for d in decisions for p in d.scale_up]
    assert sorted(rolled) == sorted(spec["scale_up"])  # each once
    plan = Plan.from_decisions(level.scenario, decisions)
    assert np.array_equal(plan.scale_up & _started_working(plan, level.scenario), plan.scale_up)
    assert _rolled_out_in_engine(level, plan).all()
    assert all(d.fund_horizon == spec.get("fund_horizon", level.baseline.fund_horizon)
               for d in decisions)


def test_search_improves_on_doing_nothing_and_is_deterministic():
    level = level_by_id("digital_leap")
    first, plan = search(level, seed=0, population=300, generations=3)
    again, _ = search(level, seed=0, population=300, generations=3)
    assert first == again
    assert first.stars >= 1
    assert plan.batch == 1


def test_random_win_share_is_a_fraction_that_separates_levels():
    easy = random_win_share(level_by_id("university_town"), seed=0, population=400)
    hard = random_win_share(level_by_id("government_as_vc"), seed=0, population=400)
    assert 0.0 <= hard < easy <= 1.0
