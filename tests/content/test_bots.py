"""Bots play by the level's rules: budget, availability, locks and the pilot limit."""

from __future__ import annotations

import numpy as np
import pytest

from game.content.bots import _PER_PHASE, FIXED_BOTS, PHASES, _build_plan, random_win_share, search
from game.content.levels import level_by_id
from game.engine import Plan
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
    plan = _build_plan(level, scenario, theta, rng.standard_normal((batch, len(scenario.pilots))),
                       [rng.standard_normal((batch, len(e.choices))) for e in scenario.events])
    assert isinstance(plan, Plan)
    assert plan.shares.sum(axis=2).max() <= 1.0 + 1e-9
    assert plan.pilots.sum(axis=2).max() <= level.max_pilots
    locked = plan.shares[0, :, LEVER_INDEX["education"]]  # talent opens at turn 3
    assert np.all(locked == level.baseline.shares["education"])
    assert not plan.pilots[:6].any()  # pilot zones open at turn 7


def test_search_improves_on_doing_nothing_and_is_deterministic():
    level = level_by_id("digital_leap")
    first, plan = search(level, seed=0, population=300, generations=3)
    again, _ = search(level, seed=0, population=300, generations=3)
    assert first == again
    assert first.stars >= 1
    assert plan.batch == 1


def test_random_win_share_is_a_fraction_that_separates_levels():
    easy = random_win_share(level_by_id("old_industrial_base"), seed=0, population=400)
    hard = random_win_share(level_by_id("government_as_vc"), seed=0, population=400)
    assert 0.0 <= hard < easy <= 1.0
