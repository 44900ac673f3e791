"""Pydantic field types that accept only names from the game's vocabulary.

An unknown name is an error with a did-you-mean hint ("unknown lever 'basci':
did you mean 'basic'?"), reported together with every other problem.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Annotated

from pydantic import AfterValidator
from pydantic_core import PydanticCustomError

from game.content.errors import unknown_name_hint
from game.engine.schema import INDICATORS, LEVER_GROUPS, LEVERS, PILOT_EFFECTS, SECTORS, SHOCKS
from game.i18n import N_, _

#: Names a level's `unlocks:` may open, besides single levers: groups, dials, pilots.
UNLOCKABLE: tuple[str, ...] = (*LEVERS, *LEVER_GROUPS, "credit_guidance", "focus", "pilots")
DIAL_NAMES: tuple[str, ...] = ("credit_guidance", "focus")
COMPARISONS: tuple[str, ...] = ("<", "<=", ">", ">=")

_KIND_LABELS = {
    "lever": N_("unknown lever '{name}'"),
    "indicator": N_("unknown indicator '{name}'"),
    "shock": N_("unknown shock channel '{name}'"),
    "pilot effect": N_("unknown pilot effect '{name}'"),
    "sector": N_("unknown sector '{name}'"),
    "unlockable": N_("'{name}' is not a lever, lever group, dial or 'pilots'"),
    "dial": N_("unknown dial '{name}'"),
    "comparison": N_("unknown comparison '{name}'"),
}


def unknown_name_error(kind: str, name: object, known: Iterable[str]) -> PydanticCustomError:
    """A pydantic error whose message and hint are translated; the hint rides in ctx."""
    message = _(_KIND_LABELS[kind]).format(name=name)
    return PydanticCustomError("unknown_name", "{message}", {
        "message": message, "hint": unknown_name_hint(name, known)})


def _checker(kind: str, known: tuple[str, ...]):
    def check(value: str) -> str:
        if value not in known:
            raise unknown_name_error(kind, value, known)
        return value

    return check


LeverName = Annotated[str, AfterValidator(_checker("lever", LEVERS))]
IndicatorName = Annotated[str, AfterValidator(_checker("indicator", INDICATORS))]
ShockName = Annotated[str, AfterValidator(_checker("shock", SHOCKS))]
PilotEffectName = Annotated[str, AfterValidator(_checker("pilot effect", PILOT_EFFECTS))]
SectorName = Annotated[str, AfterValidator(_checker("sector", SECTORS))]
UnlockableName = Annotated[str, AfterValidator(_checker("unlockable", UNLOCKABLE))]
DialName = Annotated[str, AfterValidator(_checker("dial", DIAL_NAMES))]
Comparison = Annotated[str, AfterValidator(_checker("comparison", COMPARISONS))]


def compare(value: float, comparison: str, threshold: float) -> bool:
    """Apply one of COMPARISONS."""
    if comparison == "<":
        return value < threshold
    if comparison == "<=":
        return value <= threshold
    if comparison == ">":
        return value > threshold
    return value >= threshold
