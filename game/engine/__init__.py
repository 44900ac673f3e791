"""The economic engine: pure, deterministic, batched. numpy only."""

from game.engine.attribution import Attribution, attribute
from game.engine.params import INITIAL_KEYS, Params
from game.engine.scenario import COMPARISONS, EventSpec, PilotSpec, Plan, Scenario, TurnDecision
from game.engine.schema import (
    DIALS,
    FUND_HORIZON_DEFAULT,
    FUND_HORIZON_RANGE,
    INDICATOR_INDEX,
    INDICATORS,
    LEVER_GROUPS,
    LEVERS,
    PILOT_EFFECTS,
    SECTORS,
    SHOCKS,
)
from game.engine.simulate import RunResult, pending_events, simulate

__all__ = [
    "Attribution",
    "attribute",
    "INITIAL_KEYS",
    "Params",
    "COMPARISONS",
    "EventSpec",
    "PilotSpec",
    "Plan",
    "Scenario",
    "TurnDecision",
    "DIALS",
    "FUND_HORIZON_DEFAULT",
    "FUND_HORIZON_RANGE",
    "INDICATOR_INDEX",
    "INDICATORS",
    "LEVER_GROUPS",
    "LEVERS",
    "PILOT_EFFECTS",
    "SECTORS",
    "SHOCKS",
    "RunResult",
    "pending_events",
    "simulate",
]
