"""Names the engine defines that level files may use: parameters, starting state, budget rule."""

from __future__ import annotations

#: The level's `budget:` keys and the model parameter each one sets.
BUDGET_RULE: dict[str, str] = {
    "base": "budget_base",  # bn yuan a year before the share of output
    "gdp_share": "budget_gdp_share",  # S&T budget as a share of last year's GDP
    "deficit_limit": "deficit_limit",  # deficit allowed beyond the reserve, share of the budget
}


def parameter_names() -> tuple[str, ...]:
    from game.engine.params import Params

    return Params.field_names()


def initial_keys() -> tuple[str, ...]:
    from game.engine.params import INITIAL_KEYS

    return tuple(INITIAL_KEYS)


def budget_keys() -> tuple[str, ...]:
    return tuple(BUDGET_RULE)
