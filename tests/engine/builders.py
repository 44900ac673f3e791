"""Small builders for engine tests: the sandbox scenario and decisions relative to its baseline."""

from __future__ import annotations

from dataclasses import replace

from game.content.levels import level_by_id
from game.engine import LEVERS, Plan, Scenario, TurnDecision, simulate


def sandbox(**param_overrides: float) -> Scenario:
    scenario = level_by_id("sandbox").scenario
    if param_overrides:
        scenario = replace(scenario, params=scenario.params.with_overrides(param_overrides))
    return scenario


def decision(scenario: Scenario, credit_guidance: float | None = None, **shares: float) -> TurnDecision:
    """The scenario's baseline with some shares (and the credit dial) changed."""
    base = scenario.baseline
    merged = {lever: base.shares.get(lever, 0.0) for lever in LEVERS} | shares
    return replace(
        base,
        shares=merged,
        credit_guidance=base.credit_guidance if credit_guidance is None else credit_guidance,
    )


def run(scenario: Scenario, decisions, seed: int = 7):
    if isinstance(decisions, TurnDecision):
        decisions = [decisions] * scenario.turns
    return simulate(scenario, Plan.from_decisions(scenario, decisions), seed)
