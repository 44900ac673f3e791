"""One turn's decision as plain JSON data, and back, with every field checked.

Saves and result files store decisions in this form:
``{"shares": {lever: x}, "credit_guidance": x, "focus": {sector: x},
"pilots": [id, ...], "choices": {event_id: number}}``, where choice numbers
count from 1 as in plan files (the engine counts from 0). Reading checks types and
ranges and names the offending field (``decisions[3].shares.basic``) so that a
damaged file gives a precise message instead of a wrong replay.
"""

from __future__ import annotations

import math
from typing import Any

from game.engine import TurnDecision
from game.engine.schema import LEVERS, SECTORS
from game.i18n import N_, _

__all__ = ["DecisionFormatError", "decision_to_dict", "decision_from_dict"]


class DecisionFormatError(ValueError):
    """A stored decision is malformed; ``field`` is the dotted path of the bad value."""

    def __init__(self, field: str, problem: str, **values: object):
        # `problem` is an N_()-marked template, translated when the error is made.
        text = _(problem).format(**values)
        super().__init__(f"{field}: {text}")
        self.field = field
        self.problem = text


def decision_to_dict(decision: TurnDecision) -> dict[str, Any]:
    """Plain data in a stable order; floats are kept exact (JSON round-trips them)."""
    return {
        "shares": {lever: float(decision.shares.get(lever, 0.0)) for lever in LEVERS},
        "credit_guidance": float(decision.credit_guidance),
        "focus": {sector: float(decision.focus.get(sector, 0.0)) for sector in SECTORS},
        "pilots": sorted(decision.pilots),
        "choices": {event: int(index) + 1 for event, index in sorted(decision.choices.items())},
    }


def decision_from_dict(data: Any, where: str = "decision") -> TurnDecision:
    """Build a TurnDecision from plain data; raise DecisionFormatError naming the field."""
    if not isinstance(data, dict):
        raise DecisionFormatError(where, N_("expected a mapping"))
    unknown = sorted(set(data) - {"shares", "credit_guidance", "focus", "pilots", "choices"})
    if unknown:
        raise DecisionFormatError(f"{where}.{unknown[0]}", N_("unknown field"))
    shares = _fractions(data.get("shares", {}), LEVERS, f"{where}.shares")
    total = sum(shares.values())
    if total > 1.0 + 1e-9:
        raise DecisionFormatError(f"{where}.shares", N_("shares add up to {total}, more than 1"),
                                  total=f"{total:.4f}")
    focus = _fractions(data.get("focus", {}), SECTORS, f"{where}.focus")
    credit = _fraction(data.get("credit_guidance", 0.0), f"{where}.credit_guidance")
    pilots = data.get("pilots", [])
    if not isinstance(pilots, list) or not all(isinstance(p, str) for p in pilots):
        raise DecisionFormatError(f"{where}.pilots", N_("expected a list of pilot ids"))
    choices = data.get("choices", {})
    if not isinstance(choices, dict):
        raise DecisionFormatError(f"{where}.choices", N_("expected a mapping of event id to choice"))
    for event, number in choices.items():
        if not isinstance(number, int) or isinstance(number, bool) or number < 1:
            raise DecisionFormatError(f"{where}.choices.{event}", N_("expected a choice number ≥ 1"))
    return TurnDecision(
        shares=shares,
        credit_guidance=credit,
        focus=focus,
        pilots=tuple(sorted(set(pilots))),
        choices={str(event): int(number) - 1 for event, number in choices.items()},
    )


def _fractions(data: Any, names: tuple[str, ...], where: str) -> dict[str, float]:
    if not isinstance(data, dict):
        raise DecisionFormatError(where, N_("expected a mapping"))
    for key in data:
        if key not in names:
            raise DecisionFormatError(f"{where}.{key}", N_("unknown name"))
    return {name: _fraction(data.get(name, 0.0), f"{where}.{name}") for name in names}


def _fraction(value: Any, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise DecisionFormatError(where, N_("expected a number"))
    value = float(value)
    if not math.isfinite(value) or not 0.0 <= value <= 1.0:
        raise DecisionFormatError(where, N_("{value} is outside 0 to 1"), value=value)
    return value
