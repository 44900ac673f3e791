"""Compile a checked Level into the engine's Scenario (0-based turns, shock tuples)."""

from __future__ import annotations

from game.content.engine_names import BUDGET_RULE
from game.content.params import default_params


def compile_scenario(level, events_on: bool = True):
    from game.engine import EventSpec, PilotSpec, Scenario

    overrides = dict(level.parameters)
    for key, value in level.budget.items():
        overrides[BUDGET_RULE[key]] = value
    params = default_params().with_overrides(overrides)
    pilots = tuple(
        PilotSpec(id=p.id, cost=p.cost, upkeep=p.upkeep, delay=p.delay,
                  effects=dict(p.effects), risks=dict(p.risks))
        for p in level.pilots
    )
    events = tuple(
        EventSpec(
            id=e.id,
            turn=None if e.turn is None else e.turn - 1,
            probability=1.0 if e.probability is None else e.probability,
            condition=None if e.condition is None else (
                e.condition.indicator, e.condition.comparison, e.condition.threshold),
            choices=tuple(dict(c.effects) for c in e.choices) if e.choices else (dict(e.effects),),
            duration=e.duration,
            first_turn=(e.from_turn or 1) - 1,
        )
        for e in (level.events if events_on else ())
    )
    return Scenario(params=params, turns=level.turns, start_year=level.start_year,
                    baseline=level.baseline, initial=dict(level.initial),
                    pilots=pilots, max_pilots=level.max_pilots, events=events)
