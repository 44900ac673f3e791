"""The departure audit (离任审计): how the region fares in the years after the player leaves.

A plan can look good in the level's last year and leave the region worse off: a credit push
whose losses arrive later, or research cut so that the knowledge pipeline runs dry once the
level is over. An objective judged `when: after` sees this. It is measured on the
AFTER_YEARS years after the level, in which the successor returns to the level's status quo
(budget split, dials and pilot zones; a pilot rolled out region-wide stays, as the engine
keeps it), as the debrief's "after you leave" and the audit's 20-year GDP assume. Events keep
happening as the level's rules say.

Randomness is prefix-stable (`draw_randomness`), so the level's own years of a run that goes
on are exactly those of the level alone: one `simulate` serves both.
"""

from __future__ import annotations

from dataclasses import fields, replace

import numpy as np

from game.content.objectives import AFTER_YEARS, BatchEvaluation, evaluate_batch
from game.engine import Plan, RunResult, Scenario, simulate

__all__ = ["AFTER_YEARS", "audits_departure", "departure_years", "successor_plan",
           "run_with_departure", "simulate_scored", "split_run"]


def audits_departure(level) -> bool:
    """Whether any of the level's objectives is judged after the level."""
    return any(o.when == "after" for o in level.objectives)


def departure_years(level) -> int:
    """The years to simulate after the level for its objectives: AFTER_YEARS or none."""
    return AFTER_YEARS if audits_departure(level) else 0


def _longer(scenario: Scenario, years: int) -> Scenario:
    return replace(scenario, turns=scenario.turns + years)


def successor_plan(scenario: Scenario, plan: Plan, years: int = AFTER_YEARS) -> Plan:
    """`plan` (every member up to the scenario's last turn) followed by `years` turns of the
    status quo."""
    if years <= 0:
        return plan
    after = Plan.repeat(scenario, scenario.baseline, years).broadcast(plan.batch)
    return Plan(**{f.name: np.concatenate([getattr(plan, f.name), getattr(after, f.name)])
                   for f in fields(Plan)})


def split_run(run: RunResult, turns: int) -> tuple[RunResult, np.ndarray | None]:
    """A run of the level plus the years after it → the level's own run and the indicators of
    the years after (A, B, I), or None when there are none."""
    if run.turns <= turns:
        return run, None
    return run.head(turns), run.indicators[turns:]


def run_with_departure(level, plan: Plan, seed: int, scenario: Scenario | None = None
                       ) -> tuple[RunResult, np.ndarray | None]:
    """Run `plan` (every member): the level's run and, for a plan of the whole level when an
    objective audits them, the indicators of the years after it (A, B, I), else None.
    `scenario`: the level's scenario by default (or the one with events on or off)."""
    scenario = level.scenario if scenario is None else scenario
    years = departure_years(level) if plan.turns >= scenario.turns else 0  # a level not over
    if years == 0:
        return simulate(scenario, plan, seed), None
    whole = simulate(_longer(scenario, years), successor_plan(scenario, plan, years), seed)
    return split_run(whole, plan.turns)


def simulate_scored(level, plan: Plan, seed: int, scenario: Scenario | None = None
                    ) -> tuple[RunResult, BatchEvaluation]:
    """`run_with_departure`, scored: the departure audit counts for a plan of the whole level."""
    run, after = run_with_departure(level, plan, seed, scenario)
    return run, evaluate_batch(level, run.indicators, after=after)
