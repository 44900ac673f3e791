"""`virtuous-circle sweep`: many strategies at once for a facilitator's what-if session.

Random strategies (drawn like the search bot's first generation) show the
distribution of outcomes and the best found; a one-lever-at-a-time sweep around a
reference plan shows each lever's sensitivity. Everything runs as one batch.
"""

from __future__ import annotations

import argparse
import csv
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from game.content.bots import do_nothing, fit_to_rules, plan_member, random_plans
from game.content.decisions import from_turn_decision
from game.content.errors import ContentError
from game.content.objectives import evaluate_batch
from game.content.plan import load_plan
from game.content.plan_writer import plan_yaml
from game.engine import INDICATOR_INDEX, LEVERS, Plan, simulate
from game.i18n import _
from game.i18n import format as fmt

__all__ = ["SweepResult", "run_sweep", "sweep_command", "STEP", "DIAL_STEP"]

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
        wanted = from_turn_decision(decision)
        if lever == "credit_guidance":
            wanted.credit_guidance = float(np.clip(wanted.credit_guidance + delta, 0.0, 1.0))
        else:
            wanted.shares[lever] = max(0.0, wanted.shares.get(lever, 0.0) + delta)
        out.append(fit_to_rules(wanted, level, turn).to_turn_decision())
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


def _decisions_of(level, plan: Plan, b: int) -> list:
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
        ))
    return decisions


def _write_csv(path: Path, level, result: SweepResult) -> None:
    from game.engine.schema import INDICATORS

    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["strategy", *(f"mean_share_{lv}" for lv in LEVERS), "mean_credit_guidance",
                         "score", "stars", *(f"final_{name}" for name in INDICATORS if name != "score")])
        shares = result.plan.shares.mean(axis=0)
        guidance = result.plan.credit_guidance.mean(axis=0)
        for b in range(len(result.score)):
            writer.writerow([b, *(f"{x:.4f}" for x in shares[b]), f"{guidance[b]:.4f}",
                             f"{result.score[b]:.2f}", int(result.stars[b]),
                             *(repr(float(result.final[b, i])) for i, name in enumerate(INDICATORS) if name != "score")])


def sweep_command(args: argparse.Namespace) -> int:
    from game.session.levels import open_level
    from game.session.names import label

    try:
        level = open_level(args.level)
        reference = load_plan(args.plan, level) if args.plan else do_nothing(level)
    except ContentError as error:
        print(str(error))
        return 2
    samples = max(10, min(int(args.samples), 50_000))
    result = run_sweep(level, reference, samples, args.seed)

    print(_("{level}: {samples} random strategies, seed {seed}").format(
        level=level.id, samples=samples, seed=args.seed))
    p10, p50, p90 = np.percentile(result.score, [10, 50, 90])
    print(_("score: 10th percentile {p10}, median {p50}, 90th percentile {p90}").format(
        p10=fmt.number(p10), p50=fmt.number(p50), p90=fmt.number(p90)))
    counts = [int((result.stars == k).sum()) for k in range(4)]
    print(_("stars: none {s0}, one {s1}, two {s2}, three {s3}").format(
        s0=counts[0], s1=counts[1], s2=counts[2], s3=counts[3]))
    best = result.best
    print(_("best found: score {score}, {stars} stars").format(
        score=fmt.number(result.score[best]), stars=int(result.stars[best])))
    mean_shares = result.plan.shares[:, best].mean(axis=0)
    print("  " + ", ".join(f"{label(lv)} {fmt.percent(mean_shares[i], 0)}" for i, lv in enumerate(LEVERS)))

    print()
    print(_("Sensitivity around {plan} (score {score}):").format(
        plan=args.plan or _("the status quo"), score=fmt.number(result.reference_score)))
    width = max(len(label(k)) for k, *_rest in result.sensitivity)
    for knob, d_lo, d_hi, g_lo, g_hi in result.sensitivity:
        step = DIAL_STEP if knob == "credit_guidance" else STEP
        print(_("  {lever}  −{step}: score {lo}, GDP {glo}   +{step}: score {hi}, GDP {ghi}").format(
            lever=label(knob).ljust(width), step=fmt.number(step, 2),
            lo=fmt.number(d_lo, signed=True), hi=fmt.number(d_hi, signed=True),
            glo=fmt.percent(g_lo, signed=True), ghi=fmt.percent(g_hi, signed=True)))

    try:
        if args.best:
            Path(args.best).write_text(plan_yaml(level.id, _decisions_of(level, result.plan, best)), encoding="utf-8")
            print(_("The best strategy was written to {path}.").format(path=args.best))
        if args.csv:
            _write_csv(Path(args.csv), level, result)
            print(_("Every strategy was written to {path}.").format(path=args.csv))
    except OSError as error:
        print(_("Could not write {path}: {reason}").format(path=error.filename, reason=error.strerror))
        return 1
    return 0

