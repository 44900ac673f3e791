"""Score a run against a level's objectives: score 0..100, stars 0..3, each objective's result.

One pure function serves the session (one run) and the bots (a batch of runs):
`evaluate` takes one run's indicators, `evaluate_batch` takes (T, B, I) arrays.

Rules (docs/levels.md): an objective's value is the indicator at its turn, at
the last turn ("end"), or its worst value over all turns ("always"). A met
objective earns its full weight; a missed one earns partial credit falling
linearly to zero `tolerance` beyond the threshold (none without a tolerance).
Stars count the bands the score reaches; a missed `required` objective means
no stars at all.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from game.engine.schema import INDICATOR_INDEX, INDICATORS


@dataclass(frozen=True)
class ObjectiveResult:
    id: str
    met: bool
    value: float  # the measured value (nan when the turn has not been played yet)
    credit: float  # 0..1
    pending: bool  # its turn has not been reached yet


class Evaluation(NamedTuple):
    score: float  # 0..100
    stars: int  # 0..3
    objectives: tuple[ObjectiveResult, ...]


class BatchEvaluation(NamedTuple):
    score: np.ndarray  # (B,)
    stars: np.ndarray  # (B,) int
    met: np.ndarray  # (B, O) bool
    value: np.ndarray  # (B, O)
    credit: np.ndarray  # (B, O)
    pending: np.ndarray  # (O,) bool


def as_array(indicators_by_turn: np.ndarray | Sequence[Mapping[str, float]]) -> np.ndarray:
    """Accept (T, I) or (T, B, I) arrays, or a list of {indicator: value} per turn."""
    if isinstance(indicators_by_turn, np.ndarray):
        array = indicators_by_turn.astype(float)
    else:
        array = np.array(
            [[float(turn.get(name, np.nan)) for name in INDICATORS] for turn in indicators_by_turn],
            dtype=float,
        ).reshape(len(indicators_by_turn), len(INDICATORS))
    return array[:, None, :] if array.ndim == 2 else array


def evaluate_batch(level, indicators: np.ndarray) -> BatchEvaluation:
    """Score every run of a batch: `indicators` is (T_played, B, len(INDICATORS))."""
    indicators = as_array(indicators)
    played, batch = indicators.shape[0], indicators.shape[1]
    n = len(level.objectives)
    value = np.full((batch, n), np.nan)
    met = np.zeros((batch, n), dtype=bool)
    credit = np.zeros((batch, n))
    pending = np.zeros(n, dtype=bool)
    weights = np.array([o.weight for o in level.objectives], dtype=float)
    for k, objective in enumerate(level.objectives):
        series = indicators[:, :, INDICATOR_INDEX[objective.indicator]]  # (T, B)
        higher = objective.comparison in (">", ">=")
        if objective.when == "always":
            pending[k] = played < level.turns
            if played == 0:
                continue
            value[:, k] = series.min(axis=0) if higher else series.max(axis=0)
        else:
            turn = level.turns if objective.when == "end" else objective.when
            pending[k] = played < turn
            if played == 0:
                continue
            value[:, k] = series[min(turn, played) - 1]
        met[:, k] = holds(value[:, k], objective.comparison, objective.threshold)
        shortfall = np.where(higher, objective.threshold - value[:, k],
                             value[:, k] - objective.threshold)
        if objective.tolerance is None:
            partial = np.zeros(batch)
        else:
            partial = np.clip(1.0 - shortfall / objective.tolerance, 0.0, 1.0)
        credit[:, k] = np.where(met[:, k], 1.0, np.nan_to_num(partial, nan=0.0))
    score = 100.0 * (credit * weights).sum(axis=1) / weights.sum()
    stars = (score[:, None] >= np.array(level.stars)[None, :] - 1e-9).sum(axis=1)
    required = np.array([o.required for o in level.objectives], dtype=bool)
    if required.any():
        stars = np.where((met | ~required[None, :]).all(axis=1), stars, 0)
    return BatchEvaluation(score, stars.astype(int), met, value, credit, pending)


def evaluate(level, indicators_by_turn) -> Evaluation:
    """Score one run (turns played so far): (score 0..100, stars 0..3, per-objective results)."""
    batch = evaluate_batch(level, as_array(indicators_by_turn)[:, :1])
    # An "always" objective missed in a year played is decided, not pending: no later year
    # can mend it (and a required one has ended the level).
    results = tuple(
        ObjectiveResult(o.id, bool(batch.met[0, k]), float(batch.value[0, k]),
                        float(batch.credit[0, k]),
                        bool(batch.pending[k]) and not (o.when == "always" and not batch.met[0, k]
                                                        and np.isfinite(batch.value[0, k])))
        for k, o in enumerate(level.objectives)
    )
    return Evaluation(float(batch.score[0]), int(batch.stars[0]), results)


def holds(value, comparison: str, threshold: float):
    """Whether `value` (a number or an array) meets an objective's comparison."""
    with np.errstate(invalid="ignore"):
        if comparison == "<":
            return value < threshold
        if comparison == "<=":
            return value <= threshold
        if comparison == ">":
            return value > threshold
        return value >= threshold


# --- required objectives during play: lost when broken, warned about before ------------------

#: How close to a required objective's threshold the advisors start to warn: a quarter of the
#: threshold (at least one percentage point for ratios), so that a player hears of a risk while
#: there is still room to act, not after the level is lost.
WARNING_SHARE, WARNING_FLOOR = 0.25, 0.01


def warning_margin(objective) -> float:
    return max(abs(objective.threshold) * WARNING_SHARE,
               WARNING_FLOOR if abs(objective.threshold) < 1.0 else 0.0)


def broken_required(level, indicators_by_turn) -> tuple[str, ...]:
    """Ids of the required objectives that can no longer be met after the turns played: an
    "always" objective missed in any year, or one due at a turn already past and missed."""
    indicators = as_array(indicators_by_turn)[:, :1]
    played = indicators.shape[0]
    if played == 0:
        return ()
    ev = evaluate_batch(level, indicators)
    broken = []
    for k, objective in enumerate(level.objectives):
        if not objective.required or ev.met[0, k]:
            continue
        due = level.turns if objective.when == "end" else objective.when
        if objective.when == "always" or played >= due:
            broken.append(objective.id)
    return tuple(broken)


def required_at_risk(level, indicators: Mapping[str, float]) -> list[tuple[object, float]]:
    """(objective, latest value) for each required objective still met but within its warning
    margin of the threshold (ordered as in the level)."""
    risky = []
    for objective in level.objectives:
        value = indicators.get(objective.indicator)
        if not objective.required or value is None or not np.isfinite(value):
            continue
        higher = objective.comparison in (">", ">=")
        room = value - objective.threshold if higher else objective.threshold - value
        if bool(holds(np.array([value]), objective.comparison, objective.threshold)[0]) and \
                room <= warning_margin(objective):
            risky.append((objective, float(value)))
    return risky
