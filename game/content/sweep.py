"""Many strategies at once for a facilitator's what-if session (`virtuous-circle sweep`,
`game.commands.sweep`).

Random strategies (drawn like the search bot's first generation: every lever, dial,
pilot zone and roll-out the level offers) show the distribution of outcomes and the
best found; a one-variable-at-a-time sweep around a reference plan shows each
variable's sensitivity: every budget lever, the credit-guidance and fund-life dials,
the sector focus (ten points toward or away from each sector), and rolling out region-wide each pilot zone the reference runs. Strategies run in
batches of `CHUNK` (a batch member never depends on the others, so the numbers do not
depend on the chunking; the progress bar moves once per chunk).
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import numpy as np

from game.content.bots import plan_member, random_plans, roll_out_when_working
from game.content.decisions import replace
from game.content.departure import simulate_scored
from game.engine import FUND_HORIZON_RANGE, INDICATOR_INDEX, LEVERS, Plan
from game.engine.schema import SECTORS

__all__ = ["SweepResult", "Nudge", "run_sweep", "sweep_variables", "decisions_of", "write_csv",
           "step_of", "STEP", "DIAL_STEP", "HORIZON_STEP", "FOCUS_STEP", "CHUNK", "ROLL_OUT",
           "FOCUS_ON"]

STEP = 0.05          # a lever's share moves by five points of the budget
DIAL_STEP = 0.2      # the credit dial moves by a fifth of its range
HORIZON_STEP = 2.0   # the fund life moves by a fifth of its range, in years
FOCUS_STEP = 0.1     # ten points of the focus move toward a sector (or away from it)
CHUNK = 2000         # strategies per batched run

ROLL_OUT = "pilot:"  # a sweep variable "pilot:<id>": roll that pilot out once it works
FOCUS_ON = "focus:"  # a sweep variable "focus:<sector>": more or less focus on that sector


class Nudge(NamedTuple):
    """One sweep variable around the reference: the change in score and in final GDP (a
    ratio) of a step down and a step up. A roll-out has only a step up (NaN below)."""

    knob: str        # a lever, "credit_guidance", "fund_horizon", "focus:<sector>" or "pilot:<id>"
    score_lo: float
    score_hi: float
    gdp_lo: float
    gdp_hi: float


@dataclass
class SweepResult:
    score: np.ndarray          # (N,) random strategies
    stars: np.ndarray          # (N,)
    plan: Plan                 # the random strategies
    final: np.ndarray          # (N, I) final indicators
    best: int
    sensitivity: list[Nudge]
    reference_score: float


def step_of(knob: str) -> float:
    """How far a sweep variable moves each way (0 for a roll-out, which only happens)."""
    if knob.startswith(ROLL_OUT):
        return 0.0
    if knob.startswith(FOCUS_ON):
        return FOCUS_STEP
    return {"credit_guidance": DIAL_STEP, "fund_horizon": HORIZON_STEP}.get(knob, STEP)


def _refocused(focus, sector: str, delta: float) -> dict[str, float]:
    """The focus with `delta` moved to `sector` from the others in proportion to their weights
    (or from `sector` to them, when negative); it still adds up to 1 and stays in [0, 1]."""
    mine = float(focus.get(sector, 0.0))
    moved = min(max(delta, -mine), 1.0 - mine)
    others = 1.0 - mine
    out = {}
    for name in SECTORS:
        weight = float(focus.get(name, 0.0))
        if name == sector:
            out[name] = mine + moved
        elif others > 0:
            out[name] = weight - moved * weight / others
        else:  # all focus was on `sector`: what leaves it is shared equally
            out[name] = -moved / (len(SECTORS) - 1)
    return out


def _nudged(level, decisions, knob: str, delta: float) -> list:
    out = []
    low, high = FUND_HORIZON_RANGE
    for turn, decision in enumerate(decisions, start=1):
        if knob == "credit_guidance":
            wanted = replace(decision, credit_guidance=float(
                np.clip(decision.credit_guidance + delta, 0.0, 1.0)))
        elif knob == "fund_horizon":
            wanted = replace(decision, fund_horizon=float(
                np.clip(decision.fund_horizon + delta, low, high)))
        elif knob.startswith(FOCUS_ON):
            wanted = replace(decision, focus=_refocused(
                decision.focus, knob.removeprefix(FOCUS_ON), delta))
        else:
            shares = {**decision.shares, knob: max(0.0, decision.shares.get(knob, 0.0) + delta)}
            wanted = replace(decision, shares=shares)
        out.append(level.rules.coerce(wanted, turn))
    return out


def sweep_variables(level, reference: list) -> list[tuple[str, list[list]]]:
    """(variable, [its variants of the reference]) for every variable the level lets the player
    change: levers and dials a step down and up; each pilot the reference runs but does not
    roll out, rolled out as soon as it works (left out when it never works in time)."""
    rules = level.rules
    out = []
    for knob in [lv for lv in LEVERS if rules.offers(lv)] + [
            d for d in ("credit_guidance", "fund_horizon") if rules.offers(d)] + [
            FOCUS_ON + sector for sector in SECTORS if rules.offers("focus")]:
        step = step_of(knob)
        out.append((knob, [_nudged(level, reference, knob, -step),
                           _nudged(level, reference, knob, step)]))
    running = {p for d in reference for p in d.pilots}
    rolled = {p for d in reference for p in d.scale_up}
    for pilot in level.pilot_ids:
        if pilot in running and pilot not in rolled:
            variant = roll_out_when_working(level, reference, (pilot,))
            if any(d.scale_up for d in variant):
                out.append((ROLL_OUT + pilot, [variant]))
    return out


def _play(level, plan: Plan, seed: int, progress: Callable[[int, int], None]):
    """Score, stars and final indicators of every batch member, `CHUNK` members at a time."""
    score, stars, final = [], [], []
    for start in range(0, plan.batch, CHUNK):
        stop = min(start + CHUNK, plan.batch)
        run, ev = simulate_scored(level, plan.members(slice(start, stop)), seed)
        score.append(ev.score)
        stars.append(ev.stars)
        final.append(run.indicators[-1])
        progress(stop, plan.batch)
    return np.concatenate(score), np.concatenate(stars), np.concatenate(final)


def run_sweep(level, reference: list, samples: int, seed: int,
              progress: Callable[[int, int], None] | None = None) -> SweepResult:
    """`samples` random strategies and the one-variable sweep around `reference`, on `seed`;
    `progress(done, total)` is called after each batch."""
    scenario = level.scenario
    strategies = random_plans(level, np.random.Generator(np.random.PCG64(seed)), samples)
    variables = sweep_variables(level, reference)
    variants = [reference] + [v for _knob, vs in variables for v in vs]
    around = Plan.stack([Plan.from_decisions(scenario, v) for v in variants])
    score_all, stars_all, final_all = _play(level, Plan.stack([strategies, around]), seed,
                                            progress or (lambda _done, _total: None))
    n = samples
    score, stars = score_all[:n], stars_all[:n]
    gdp = final_all[:, INDICATOR_INDEX["gdp"]]
    base_score, base_gdp = score_all[n], gdp[n]
    sensitivity, at = [], n + 1
    for knob, vs in variables:
        rows = list(range(at, at + len(vs)))
        lo, hi = (rows if len(rows) == 2 else (None, rows[0]))
        at += len(vs)
        sensitivity.append(Nudge(
            knob, np.nan if lo is None else score_all[lo] - base_score, score_all[hi] - base_score,
            np.nan if lo is None else gdp[lo] / base_gdp - 1.0, gdp[hi] / base_gdp - 1.0))
    best = int(np.lexsort((-score, -stars))[0])
    return SweepResult(score, stars, strategies, final_all[:n], best, sensitivity, float(base_score))


def decisions_of(level, plan: Plan, b: int) -> list:
    """Batch member `b` of `plan` as one decision per turn: every field, the answers to the
    level's events included, so that a plan file written from it plays the same run."""
    from game.engine import TurnDecision
    from game.engine.schema import SECTORS

    member = plan_member(plan, b)
    pilot_ids, event_ids = level.scenario.pilot_ids, level.scenario.event_ids
    decisions = []
    for t in range(member.turns):
        decisions.append(TurnDecision(
            shares={lv: float(member.shares[t, 0, i]) for i, lv in enumerate(LEVERS)},
            credit_guidance=float(member.credit_guidance[t, 0]),
            focus={s: float(member.focus[t, 0, i]) for i, s in enumerate(SECTORS)},
            pilots=tuple(pid for i, pid in enumerate(pilot_ids) if member.pilots[t, 0, i]),
            fund_horizon=float(member.fund_horizon[t, 0]),
            scale_up=tuple(pid for i, pid in enumerate(pilot_ids) if member.scale_up[t, 0, i]),
            # the answer to each event, should it happen this turn (dropped when it does not)
            choices={eid: int(member.choices[t, 0, e]) for e, eid in enumerate(event_ids)},
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
                     "mean_fund_horizon", "rolled_out", "score", "stars",
                     *(f"final_{name}" for name in INDICATORS if name != "score")])
    plan = result.plan
    shares, guidance = plan.shares.mean(axis=0), plan.credit_guidance.mean(axis=0)
    horizon = plan.fund_horizon.mean(axis=0)
    pilot_ids = level.scenario.pilot_ids
    for b in range(len(result.score)):
        rolled = " ".join(f"{pilot_ids[p]}@{t + 1}" for t, p in np.argwhere(plan.scale_up[:, b]))
        writer.writerow([b, *(f"{x:.4f}" for x in shares[b]), f"{guidance[b]:.4f}",
                         f"{horizon[b]:.2f}", rolled,
                         f"{result.score[b]:.2f}", int(result.stars[b]),
                         *(repr(float(result.final[b, i])) for i, name in enumerate(INDICATORS) if name != "score")])
    write_atomically(path, handle.getvalue())
