"""Shipped levels: each validates, compiles, is won by some bot and lost by doing nothing."""

from __future__ import annotations

import pytest

from game.content.bots import play_fixed, search
from game.content.errors import ContentError
from game.content.levels import level_by_id, level_paths, load_level, shipped_levels
from game.engine import LEVERS, Scenario
from game.engine.schema import LEVER_GROUPS

EXPECTED_IDS = {
    "tutorial", "old_industrial_base", "university_town", "government_as_vc", "easy_money",
    "chain_break", "digital_leap", "sandbox",
}
SEEDS = [0, 1, 2]


def test_the_eight_levels_ship_and_validate():
    levels = shipped_levels()
    assert {level.id for level in levels} == EXPECTED_IDS
    assert levels[0].id == "tutorial"
    assert len({level.region for level in levels}) == len(levels)  # each a distinct region


@pytest.mark.parametrize("path", level_paths(), ids=lambda p: p.stem)
def test_level_compiles_to_a_scenario(path):
    level = load_level(path)
    assert path.stem == level.id
    scenario = level.scenario_for(True)  # every event the level has, switched on
    assert isinstance(scenario, Scenario)
    assert scenario.turns == level.turns
    for event, spec in zip(level.events, scenario.events, strict=True):
        assert spec.turn == (None if event.turn is None else event.turn - 1)  # 0-based in the engine
    assert 1 <= level.difficulty <= 5
    assert level.learning_objectives and level.discussion_questions and level.objectives


def test_sandbox_has_every_lever_and_no_events_unless_switched_on():
    sandbox = level_by_id("sandbox")
    assert sandbox.turns == 20
    assert sandbox.levers == LEVERS
    assert sandbox.optional_events and sandbox.events
    assert sandbox.scenario.events == ()
    assert len(sandbox.scenario_for(True).events) == len(sandbox.events)


def test_tutorial_opens_one_lever_group_at_a_time():
    tutorial = level_by_id("tutorial")
    first_turns = sorted(tutorial.unlocks)
    assert len(first_turns) >= 3
    assert tutorial.available_at(1) == LEVER_GROUPS["research"]
    assert "education" in tutorial.available_at(3)
    assert "risk_sharing" not in tutorial.available_at(3)


def test_level_by_id_suggests_a_close_id():
    with pytest.raises(ContentError) as caught:
        level_by_id("tutorail")
    assert "did you mean 'tutorial'?" in str(caught.value)


@pytest.mark.parametrize("level_id", sorted(EXPECTED_IDS))
def test_doing_nothing_loses(level_id):
    level = level_by_id(level_id)
    for result in play_fixed(level, "do_nothing", SEEDS):
        assert result.stars == 0, f"{level_id} seed {result.seed}: score {result.score:.0f}"


@pytest.mark.parametrize("level_id", sorted(EXPECTED_IDS))
def test_some_bot_wins(level_id):
    level = level_by_id(level_id)
    for seed in SEEDS:
        result, plan = search(level, seed)
        assert result.stars >= 1, f"{level_id} seed {seed}: best score {result.score:.0f}"
        assert plan.shares.sum(axis=2).max() <= 1.0 + 1e-9


def test_compiled_scenario_carries_budget_rule_parameters_pilots_and_event_timing():
    level = level_by_id("government_as_vc")
    scenario = level.scenario
    assert scenario.params.budget_gdp_share == level.budget["gdp_share"]
    assert scenario.params.fund_reinvest_rule == level.parameters["fund_reinvest_rule"]
    assert scenario.initial["fund_capital"] == level.initial["fund_capital"]
    assert scenario.pilot_ids == level.pilot_ids
    assert scenario.baseline.shares["guidance_fund"] == level.baseline.shares["guidance_fund"]
    by_id = {e.id: e for e in scenario.events}
    assert by_id["reinvestment_rule"].turn == 2 and len(by_id["reinvestment_rule"].choices) == 2
    failure = by_id["portfolio_failure"]
    assert failure.turn is None and failure.first_turn == 2 and failure.probability == 0.5
    assert failure.condition == ("tech_contract_value", "<", 140.0)
