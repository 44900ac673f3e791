"""Many strategies at once for a facilitator's what-if session (`virtuous-circle sweep`,
`game.commands.sweep`).

Random strategies (drawn like the search bot's first generation) show the
distribution of outcomes and the best found; a one-lever-at-a-time sweep around a
reference plan shows each lever's sensitivity. Everything runs as one batch.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from game.content.bots import plan_member, random_plans
from game.content.decisions import replace
from game.content.objectives import evaluate_batch
from game.engine import INDICATOR_INDEX, LEVERS, Plan, simulate

__all__ = ["SweepResult", "run_sweep", "decisions_of", "write_csv", "STEP", "DIAL_STEP"]

STEP = 0.05        # a lever's share moves by five points of the budget
DIAL_STEP = 0.2    # the credit dial moves by a fifth of its range


@dataclass
class SweepResult:
    score: np.ndarray          # (N,) random strategies
    stars: np.ndarray          # (N,)
    plan: Plan                 # the random strategies
    final: np.ndarray          # (N, I) final indicators
    best: int
    sensitivity: list[tuple[str, float, float, float, float]]  # lever, Δscore −, Δscore +, ΔGDP −, ΔGDP +
    reference_score: float


def _nudged(level, decisions, lever: str, delta: float) -> list:
    out = []
    for turn, decision in enumerate(decisions, start=1):
        if lever == "credit_guidance":
            wanted = replace(decision, credit_guidance=float(
                np.clip(decision.credit_guidance + delta, 0.0, 1.0)))
        else:
            shares = {**decision.shares, lever: max(0.0, decision.shares.get(lever, 0.0) + delta)}
            wanted = replace(decision, shares=shares)
        out.append(level.rules.coerce(wanted, turn))
    return out


def run_sweep(level, reference: list, samples: int, seed: int) -> SweepResult:
    scenario = level.scenario
    strategies = random_plans(level, np.random.Generator(np.random.PCG64(seed)), samples)

    open_levers = [lv for lv in LEVERS if lv in level.rules.levers]
    knobs = open_levers + (["credit_guidance"] if "credit_guidance" in level.rules.dials else [])
    variants = [reference]
    for knob in knobs:
        step = DIAL_STEP if knob == "credit_guidance" else STEP
        variants += [_nudged(level, reference, knob, -step), _nudged(level, reference, knob, step)]
    around = Plan.stack([Plan.from_decisions(scenario, v) for v in variants])

    run = simulate(scenario, Plan.stack([strategies, around]), seed)
    ev = evaluate_batch(level, run.indicators)
    n = samples
    score, stars = ev.score[:n], ev.stars[:n]
    gdp = run.indicators[-1, :, INDICATOR_INDEX["gdp"]]
    base_score, base_gdp = ev.score[n], gdp[n]
    sensitivity = []
    for k, knob in enumerate(knobs):
        lo, hi = n + 1 + 2 * k, n + 2 + 2 * k
        sensitivity.append((knob, ev.score[lo] - base_score, ev.score[hi] - base_score,
                            gdp[lo] / base_gdp - 1.0, gdp[hi] / base_gdp - 1.0))
    best = int(np.lexsort((-score, -stars))[0])
    return SweepResult(score, stars, strategies, run.indicators[-1, :n], best, sensitivity, float(base_score))


def decisions_of(level, plan: Plan, b: int) -> list:
    from game.engine import TurnDecision
    from game.engine.schema import SECTORS

    member = plan_member(plan, b)
    pilot_ids = level.scenario.pilot_ids
    decisions = []
    for t in range(member.turns):
        decisions.append(TurnDecision(
            shares={lv: float(member.shares[t, 0, i]) for i, lv in enumerate(LEVERS)},
            credit_guidance=float(member.credit_guidance[t, 0]),
            focus={s: float(member.focus[t, 0, i]) for i, s in enumerate(SECTORS)},
            pilots=tuple(pid for i, pid in enumerate(pilot_ids) if member.pilots[t, 0, i]),
            fund_horizon=float(member.fund_horizon[t, 0]),
            scale_up=tuple(pid for i, pid in enumerate(pilot_ids) if member.scale_up[t, 0, i]),
        ))
    return decisions


def write_csv(path: Path, level, result: SweepResult) -> None:
    """Every strategy and its outcome, written whole by the one atomic write (game.files)."""
    import io

    from game.engine.schema import INDICATORS
    from game.files.atomic import write_atomically

    handle = io.StringIO(newline="")
    writer = csv.writer(handle)
    writer.writerow(["strategy", *(f"mean_share_{lv}" for lv in LEVERS), "mean_credit_guidance",
                     "score", "stars", *(f"final_{name}" for name in INDICATORS if name != "score")])
    shares = result.plan.shares.mean(axis=0)
    guidance = result.plan.credit_guidance.mean(axis=0)
    for b in range(len(result.score)):
        writer.writerow([b, *(f"{x:.4f}" for x in shares[b]), f"{guidance[b]:.4f}",
                         f"{result.score[b]:.2f}", int(result.stars[b]),
                         *(repr(float(result.final[b, i])) for i, name in enumerate(INDICATORS) if name != "score")])
    write_atomically(path, handle.getvalue())
