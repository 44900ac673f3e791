"""Re-derive the levels' objective thresholds after an intended model change.

    .venv/bin/python -m tests.content.retune                 # show what it would set, per level
    .venv/bin/python -m tests.content.retune --write [ID …]   # rewrite levels/*.yaml

One rule for every level, so that a threshold is never moved by hand to hide a result:
for each objective (except required "always" limits, which are the level's rules), the
threshold is a fraction q of the way from the status quo to the best of the level's
debrief-recommended strategy and the search bot, and its tolerance is the distance from
the status quo (no new policy earns none of it). The fractions and the one-star band are
chosen together, on seeds 0–2, to maximise the smallest margin of the audit's bars: first
the single-setting bars (the status quo, each dial setting, each lever, pilot zone or event
answer alone below one star; the recommended strategy above it and above the naive one; the
search bot at three stars), then, as far as those allow, the audit's cheap family (those of
its plans that leave 20-year GDP below doing nothing's below one star, none above the
recommended strategy's mean score; only the plans no other beats on every objective and seed
are kept) and the pushes on the recommended strategy (none reaching its next band), failing as
few of these as possible; ties are broken leximin (the next smallest margin, and so on). A cheap plan lost to a broken required
objective scores nothing. Each level's margins are printed, bar by bar.
A negative margin means no thresholds can make the level teach its lesson: the cause is a
mechanism, and `virtuous-circle audit` names it. Read `git diff levels/` before committing.
"""

from __future__ import annotations

import itertools
import re
import sys

import numpy as np

from game.content.audit import HORIZON, cheap_family, cheap_gdp_after, strategies
from game.content.bots import search
from game.content.departure import run_with_departure
from game.content.levels import level_by_id, shipped_levels
from game.content.objectives import holds, judged_value
from game.engine import INDICATOR_INDEX, Plan

SEEDS = (0, 1, 2)
FRACTIONS = (0.3, 0.45, 0.6, 0.75, 0.9, 1.0)
CHEAP = ("status_quo", "dial", "lever", "answer", "pilot")
#: Dominance is checked in blocks of this many plans (bounds the memory of the comparison).
_BLOCK = 96


def _indicators(level):
    """(names, kinds, indicators (seed, turn, strategy, indicator)) for every audit strategy."""
    scenario = level.scenario
    named = strategies(level)
    plans = [Plan.from_decisions(scenario, [s(t) for t in range(1, level.turns + 1)])
             for _n, _k, s in named]
    plans.append(search(level, 0)[1])
    names = [n for n, _k, _s in named] + ["search"]
    kinds = [k for _n, k, _s in named] + ["search"]
    runs = [_with_departure(level, Plan.stack(plans), seed) for seed in SEEDS]
    return names, kinds, np.stack(runs)


def _with_departure(level, plan: Plan, seed: int) -> np.ndarray:
    """Indicators (turn, strategy, indicator) of the level's turns and, when an objective
    audits them, the years after it (the successor back at the status quo)."""
    run, after = run_with_departure(level, plan, seed)
    return run.indicators if after is None else np.concatenate([run.indicators, after])


def _pareto(x: np.ndarray) -> np.ndarray:
    """Rows of x (plans × criteria, higher better) that no other row dominates; duplicates once."""
    x = np.unique(x, axis=0)
    keep = np.ones(len(x), dtype=bool)
    for start in range(0, len(x), _BLOCK):
        block = x[start:start + _BLOCK, None, :]
        dominated = ((x[None] >= block).all(-1) & (x[None] > block).any(-1)).any(1)
        keep[start:start + _BLOCK] &= ~dominated
    return x[keep]


def _cheap_columns(level) -> tuple[np.ndarray, np.ndarray]:
    """The audit's cheap family reduced to what can matter to thresholds: objective values
    (objective, seed, plan) of the plans no other cheap plan beats on every objective and seed
    (a score rises with each objective's value), for all plans and for those that leave 20-year
    GDP below doing nothing's (the status quo resuming after the level)."""
    _plans, batch = cheap_family(level)
    runs = np.stack([_with_departure(level, batch, seed) for seed in SEEDS])
    values = np.array([_measured(level, o, runs) for o in level.objectives])  # (K, seed, n)
    _plans, long = cheap_family(level, max(HORIZON, level.turns))
    shrinks = cheap_gdp_after(level, long) < -1e-6
    sign = np.array([1.0 if o.comparison in (">", ">=") else -1.0 for o in level.objectives])
    oriented = (values * sign[:, None, None]).reshape(-1, values.shape[2]).T  # (n, K·seed)

    def reduced(members: np.ndarray) -> np.ndarray:
        if not members.any():
            return np.zeros(values.shape[:2] + (0,))
        front = _pareto(oriented[members])
        return (front.T.reshape(values.shape[0], values.shape[1], -1)) * sign[:, None, None]

    return reduced(np.ones(len(shrinks), dtype=bool)), reduced(shrinks)


def _measured(level, objective, indicators) -> np.ndarray:
    """The objective's value per (seed, strategy), as objectives.evaluate_batch measures it
    (`indicators` runs on into the years after the level when the level audits them)."""
    series = indicators[:, :, :, INDICATOR_INDEX[objective.indicator]]  # (seed, turn, strategy)
    if objective.when == "after":
        return series[:, level.turns:].mean(axis=1)
    return judged_value(level, objective, np.moveaxis(series[:, :level.turns], 1, 0))


def _scores(level, values, thresholds, tolerances):
    """Score and 'every required objective met' per (seed, strategy)."""
    weights = np.array([o.weight for o in level.objectives])
    credits, required_ok = [], []
    for k, objective in enumerate(level.objectives):
        v = values[k]
        higher = objective.comparison in (">", ">=")
        met = holds(v, objective.comparison, thresholds[k])
        short = (thresholds[k] - v) if higher else (v - thresholds[k])
        part = np.clip(1 - short / tolerances[k], 0, 1) if tolerances[k] else np.zeros_like(v)
        credits.append(np.where(met, 1.0, part))
        required_ok.append(met | (not objective.required))
    score = 100 * np.tensordot(weights, np.array(credits), axes=1) / weights.sum()
    return score, np.all(np.array(required_ok), axis=0)


def _choices(level, values, names):
    """Candidate (threshold, tolerance) pairs per objective."""
    sq, rec, best = names.index("do_nothing"), names.index("recommended"), names.index("search")
    grids = []
    for k, objective in enumerate(level.objectives):
        fixed = [(objective.threshold, objective.tolerance or 0.0)]
        if objective.required and objective.when == "always":
            grids.append(fixed)
            continue
        higher = objective.comparison in (">", ">=")
        base = values[k, :, sq].mean()
        reached = (values[k, :, rec].mean(), values[k, :, best].mean())
        good = max(reached) if higher else min(reached)
        gain = (good - base) if higher else (base - good)
        if gain <= 1e-12:
            grids.append(fixed)  # nothing moves it: left as it is, the audit will say so
            continue
        grids.append([(_written(base + (q if higher else -q) * gain, 3), _written(q * gain, 2))
                      for q in FRACTIONS])
    return grids


def _written(value: float, digits: int) -> float:
    """The value as `write` puts it in the level file (`digits` significant digits): margins are
    judged on the thresholds the level will have, not on unrounded ones a bar could fall between."""
    return float(f"{value:.{digits}g}")


def retune(level):
    """The best (margin, one-star band, thresholds, tolerances) for a level."""
    names, kinds, indicators = _indicators(level)
    values = np.array([_measured(level, o, indicators) for o in level.objectives])
    family, shrinking = _cheap_columns(level)
    n = values.shape[2]
    values = np.concatenate([values, family, shrinking], axis=2)
    family_cols = np.arange(n, n + family.shape[2])
    shrink_cols = np.arange(n + family.shape[2], values.shape[2])
    rec, naive, best = names.index("recommended"), names.index("naive"), names.index("search")
    cheap = [b for b, kind in enumerate(kinds) if kind in CHEAP]
    pushes = [b for b, kind in enumerate(kinds) if kind == "push"]
    found = None
    for combo in itertools.product(*_choices(level, values[:, :, :n], names)):
        thresholds, tolerances = [c[0] for c in combo], [c[1] for c in combo]
        score, ok = _scores(level, values, thresholds, tolerances)
        earned = np.where(ok, score, -1.0)  # a missed required objective: no stars
        cheap_best = earned[:, cheap].max()
        # A lost run (a required objective broken) scores nothing, as in the audit.
        beaten = np.where(ok, score, 0.0)[:, family_cols].mean(axis=0).max(initial=-1.0)
        for band in range(45, 75, 5):
            bands = np.array(_bands(level, band))
            # A push on top of the recommended strategy stays below the recommended's next band.
            above = np.append(bands, np.inf)[(earned[:, rec, None] >= bands).sum(axis=1)]
            push_room = (above[:, None] - earned[:, pushes]).min(initial=np.inf)
            # The single-setting bars first; the cheap family and the pushes are then as far
            # from their bars as those allow (a bar no thresholds can meet is a mechanism's).
            first = min(band - cheap_best, earned[:, rec].mean() - band,
                        score[:, rec].mean() - score[:, naive].mean(), earned[0, best] - bands[2])
            later = (band - cheap_best_family(earned, shrink_cols), score[:, rec].mean() - beaten,
                     push_room)
            # Then as few of the later bars failed as possible, then leximin: the smallest margin
            # first, the next smallest, and so on, so that a bar no thresholds can meet neither
            # drags another below zero nor leaves the others on a knife edge.
            failed = sum(room < 0.0 for room in later)
            key = (min(first, 0.0), -failed, tuple(sorted((first, *later))))
            if found is None or key > found[0]:
                parts = {
                    "one star above the best single setting ("
                    + names[cheap[int(earned[:, cheap].max(axis=0).argmax())]] + ")": band - cheap_best,
                    "recommended's mean above one star": earned[:, rec].mean() - band,
                    "recommended above naive": score[:, rec].mean() - score[:, naive].mean(),
                    "search bot above three stars (seed 0)": earned[0, best] - bands[2],
                    "one star above the best GDP-shrinking cheap plan": band - cheap_best_family(earned, shrink_cols),
                    "recommended above the best cheap plan's mean": score[:, rec].mean() - beaten,
                    "pushes below the recommended's next band ("
                    + (names[pushes[int((above[:, None] - earned[:, pushes]).min(axis=0).argmin())]]
                       if pushes else "-") + ")": push_room,
                }
                found = (key, band, thresholds, tolerances, parts)
    return (found[0][2][0],) + found[1:]


def cheap_best_family(earned: np.ndarray, columns: np.ndarray) -> float:
    """The best a cheap plan that leaves 20-year GDP below doing nothing's earns on a seed."""
    return earned[:, columns].max(initial=-1.0)


def _bands(level, band: int) -> tuple[int, float, float]:
    """One star from `band`; two and three stars at least ten and five points above."""
    two = max(level.stars[1], band + 10)
    return band, two, min(100.0, max(level.stars[2], two + 5))


def write(level, band, thresholds, tolerances) -> None:
    text = level.path.read_text(encoding="utf-8")
    for k, objective in enumerate(level.objectives):
        if objective.required and objective.when == "always":
            continue
        start = text.index(f"  - id: {objective.id}\n", text.index("\nobjectives:"))
        end = text.find("\n  - id:", start + 5)
        end = len(text) if end < 0 else end
        block = re.sub(r"(\n    threshold: )[^\n]+", rf"\g<1>{_written(thresholds[k], 3):g}",
                       text[start:end], count=1)
        block = re.sub(r"(\n    tolerance: )[^\n]+", rf"\g<1>{_written(tolerances[k], 2):g}",
                       block, count=1)
        text = text[:start] + block + text[end:]
    one, two, three = _bands(level, band)
    text = re.sub(r"\nstars: \[[^\]]*\]", f"\nstars: [{one}, {two:g}, {three:g}]", text, count=1)
    level.path.write_text(text, encoding="utf-8")


def main(argv: list[str]) -> int:
    ids = [a for a in argv if not a.startswith("--")] or [lv.id for lv in shipped_levels()]
    for level_id in ids:
        level = level_by_id(level_id)
        margin, band, thresholds, tolerances, parts = retune(level)
        print(f"{level_id}: margin {margin:.1f}, one star from {band}")
        for what, room in parts.items():
            print(f"   {room:7.1f}  {what}")
        for k, objective in enumerate(level.objectives):
            print(f"   {objective.id:18} {objective.threshold:>10.4g} -> {thresholds[k]:<10.4g}"
                  f" tolerance {tolerances[k]:.3g}")
        if "--write" in argv:
            write(level, band, thresholds, tolerances)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
