"""Pydantic field types that accept only names from the game's vocabulary.

An unknown name is an error with a did-you-mean hint ("unknown lever 'basci':
did you mean 'basic'?"), reported together with every other problem.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Annotated

from pydantic import AfterValidator, ValidationInfo
from pydantic_core import PydanticCustomError

from game.content.errors import unknown_name_hint
from game.engine.schema import (
    DIALS,
    INDICATORS,
    LEVER_GROUPS,
    LEVERS,
    PILOT_EFFECTS,
    SECTORS,
    SHOCKS,
)
from game.i18n import N_, _

#: Names a level's `unlocks:` may open, besides single levers: groups, dials, pilots.
DIAL_NAMES: tuple[str, ...] = DIALS
UNLOCKABLE: tuple[str, ...] = (*LEVERS, *LEVER_GROUPS, *DIAL_NAMES, "pilots")
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
    "parameter": N_("unknown model parameter '{name}'"),
    "initial": N_("unknown starting-state key '{name}'"),
    "budget": N_("unknown budget-rule key '{name}'"),
    "pilot": N_("unknown pilot zone '{name}'"),
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


def _engine_checker(kind: str):
    """Names the engine defines, looked up when validating (content imports the engine)."""

    def check(value: str) -> str:
        from game.content.engine_names import budget_keys, initial_keys, parameter_names

        known = {"parameter": parameter_names, "initial": initial_keys, "budget": budget_keys}[kind]()
        if value not in known:
            raise unknown_name_error(kind, value, known)
        return value

    return check


ParameterName = Annotated[str, AfterValidator(_engine_checker("parameter"))]


def _check_parameter_values(values: dict[str, float]) -> dict[str, float]:
    """Every override inside the range where the model makes sense (engine's PARAM_RANGES)."""
    from game.engine.params import parameter_problem

    problems = []
    for name, value in values.items():
        problem = parameter_problem(name, float(value)) or _outside_calibration(name, float(value))
        if problem is None:
            continue
        kind, bound = problem
        if kind == "finite":
            problems.append(_("'{name}' must be a finite number").format(name=name))
        elif kind == "above":
            problems.append(_("'{name}' must be more than 0").format(name=name))
        elif kind == "min":
            problems.append(_("'{name}' must be at least {bound}").format(name=name, bound=f"{bound:g}"))
        else:
            problems.append(_("'{name}' must be at most {bound}").format(name=name, bound=f"{bound:g}"))
    if problems:
        raise PydanticCustomError("parameter_range", "{message}", {"message": "; ".join(problems)})
    return values


def _outside_calibration(name: str, value: float) -> tuple[str, float] | None:
    """A parameter moved more than PARAMETER_FACTOR from its calibrated value: the model was not
    built for it, and runs can overflow or divide by zero (issue 11)."""
    from game.content.level_format import PARAMETER_FACTOR
    from game.content.param_bounds import parameter_bounds
    from game.content.params import default_params

    low, high = parameter_bounds().get(name, (float("-inf"), float("inf")))
    if value < low:
        return ("min", low)
    if value > high:
        return ("max", high)
    default = abs(float(getattr(default_params(), name)))
    if default == 0.0:
        return ("max", 1.0) if abs(value) > 1.0 else None
    if abs(value) > default * PARAMETER_FACTOR:
        return ("max", default * PARAMETER_FACTOR)
    if abs(value) < default / PARAMETER_FACTOR:
        return ("min", default / PARAMETER_FACTOR)
    return None


#: A level's `parameters:` block: known names, values inside the model's ranges.
ParameterValues = Annotated[dict[ParameterName, float], AfterValidator(_check_parameter_values)]
InitialKey = Annotated[str, AfterValidator(_engine_checker("initial"))]
BudgetKey = Annotated[str, AfterValidator(_engine_checker("budget"))]


def check_pilot_id(value: str, info: ValidationInfo) -> str:
    """Pilot ids must be in the catalogue passed as validation context ("pilots")."""
    catalogue = (info.context or {}).get("pilots")
    if catalogue is not None and value not in catalogue:
        raise unknown_name_error("pilot", value, catalogue)
    return value
