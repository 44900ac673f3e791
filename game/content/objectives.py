"""Score a run against a level's objectives: score 0..100, stars 0..3, each objective's result.

One pure function serves the session (one run) and the bots (a batch of runs):
`evaluate` takes one run's indicators, `evaluate_batch` takes (T, B, I) arrays.

Rules (docs/levels.md): an objective's value is the indicator at its turn or at
the last turn ("end") — the mean of the last `over` years up to that turn when
`over` > 1 — or its worst value over all turns ("always"), or its mean over the
AFTER_YEARS years after the level ("after", the departure audit: game.content.departure),
pending until those years are given. A met
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

#: Years after the level that an objective judged "after" averages (game.content.departure).
AFTER_YEARS = 5


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


def due_turn(level, objective) -> int:
    """The turn (1-based) an objective is decided at: its own, or the last ("end", "always",
    "after": the years after the level are run once it is over)."""
    return objective.when if isinstance(objective.when, int) else level.turns


def judged_years(level, objective, played: int) -> int:
    """How many years the value judged after `played` turns averages: `over`, fewer while
    fewer have been played; 1 for a single year, 0 for "always" (its worst year)."""
    if objective.when == "always":
        return 0
    if objective.when == "after":
        return AFTER_YEARS
    return max(0, min(objective.over, due_turn(level, objective), played))


def judged_value(level, objective, series: np.ndarray, lengths=None) -> np.ndarray:
    """The value an objective is judged on, from its indicator over the turns played (T, ...):
    the worst year ("always"), or the mean of the last `over` years up to its turn (so far).

    `lengths` (B,), for a batch of runs of different lengths (`score_by_turn`), is the number
    of turns each run has played; its rows after that repeat its last turn."""
    if objective.when == "always":  # a repeated last turn changes no minimum or maximum
        higher = objective.comparison in (">", ">=")
        return series.min(axis=0) if higher else series.max(axis=0)
    end = np.minimum(due_turn(level, objective), series.shape[0] if lengths is None else lengths)

    def year(index):  # the row of each run at `index` (a number, or one per run)
        if np.ndim(index) == 0:
            return series[int(index)]
        return np.take_along_axis(series, np.asarray(index)[None, :], axis=0)[0]

    if objective.over == 1:
        return year(end - 1)  # that year itself, bit for bit
    # The mean of the years there are, oldest first: fewer while fewer have been played.
    total, years = np.zeros(series.shape[1:]), np.zeros(np.shape(end))
    for back in range(objective.over, 0, -1):
        there = end - back >= 0
        total = total + np.where(there, year(np.maximum(end - back, 0)), 0.0)
        years = years + there
    return total / years


def evaluate_batch(level, indicators: np.ndarray, lengths=None,
                   after: np.ndarray | None = None) -> BatchEvaluation:
    """Score every run of a batch: `indicators` is (T_played, B, len(INDICATORS)); `lengths`
    (B,) when the runs have played fewer turns than T (see `judged_value`); `after`
    (AFTER_YEARS, B, I), the years after the level, once it is over, for the objectives
    judged "after" (pending, with no credit, without them)."""
    indicators = as_array(indicators)
    played, batch = indicators.shape[0], indicators.shape[1]
    n = len(level.objectives)
    value = np.full((batch, n), np.nan)
    met = np.zeros((batch, n), dtype=bool)
    credit = np.zeros((batch, n))
    pending = np.zeros(n, dtype=bool)
    weights = np.array([o.weight for o in level.objectives], dtype=float)
    for k, objective in enumerate(level.objectives):
        higher = objective.comparison in (">", ">=")
        pending[k] = played < due_turn(level, objective)
        if played == 0:
            continue
        if objective.when == "after":
            pending[k] = after is None
            if after is None:
                continue  # judged once the level is over: no credit before
            value[:, k] = as_array(after)[:, :, INDICATOR_INDEX[objective.indicator]].mean(axis=0)
        else:
            value[:, k] = judged_value(level, objective,
                                       indicators[:, :, INDICATOR_INDEX[objective.indicator]],
                                       lengths)
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
    if any(o.required for o in level.objectives):
        stars = np.where(required_met(level, met), stars, 0)
    return BatchEvaluation(score, stars.astype(int), met, value, credit, pending)


def fill_running_scores(level, table: np.ndarray, after: np.ndarray | None = None) -> None:
    """Write the score after each turn into the score column of `table` (T, B, I), a batch of
    runs of the whole level, as the game shows it; the last turn counts the years `after` the
    level (the departure audit), when given."""
    column, played = INDICATOR_INDEX["score"], table.shape[0]
    for t in range(played):
        table[t, :, column] = evaluate_batch(level, table[: t + 1],
                                             after=after if t + 1 == played else None).score


def after_of(after: np.ndarray | None, members, finished: bool) -> np.ndarray | None:
    """The years after the level of some batch members (an index or a slice) for
    `evaluate_batch`: only for members that played the whole level (else None: a lost run's
    departure audit is never judged)."""
    return after[:, members] if after is not None and finished else None


def required_met(level, met: np.ndarray) -> np.ndarray:
    """(B,) whether every required objective is met, from evaluate_batch's (B, O) `met`: a run
    that misses one is lost, whatever its score."""
    required = np.array([o.required for o in level.objectives], dtype=bool)
    return (met | ~required[None, :]).all(axis=1)


def evaluate(level, indicators_by_turn, after=None) -> Evaluation:
    """Score one run (turns played so far): (score 0..100, stars 0..3, per-objective results);
    `after` (AFTER_YEARS, I) or (AFTER_YEARS, 1, I): the years after the level, once it is over."""
    batch = evaluate_batch(level, as_array(indicators_by_turn)[:, :1],
                           after=None if after is None else as_array(after)[:, :1])
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


def ends_level(level, objective, played: int) -> bool:
    """Whether missing `objective` after `played` turns ends the level, lost: a required one
    judged in every year, or due at a turn already reached (the years after the level, which
    an "after" objective judges, cannot end it)."""
    return (objective.required and objective.when != "after"
            and (objective.when == "always" or played >= due_turn(level, objective)))


def broken_batch(level, ev: BatchEvaluation, played: int) -> np.ndarray:
    """(B,) whether a required objective can no longer be met after `played` turns, from the
    evaluation of those turns."""
    broken = np.zeros(ev.score.shape[0], dtype=bool)
    for k, objective in enumerate(level.objectives):
        if ends_level(level, objective, played):
            broken |= ~ev.met[:, k]
    return broken


def broken_required(level, indicators_by_turn) -> tuple[str, ...]:
    """Ids of the required objectives that can no longer be met after the turns played: an
    "always" objective missed in any year, or one due at a turn already past and missed."""
    indicators = as_array(indicators_by_turn)[:, :1]
    played = indicators.shape[0]
    if played == 0:
        return ()
    ev = evaluate_batch(level, indicators)
    return tuple(o.id for k, o in enumerate(level.objectives)
                 if ends_level(level, o, played) and not ev.met[0, k])


def required_at_risk(level, indicators: Mapping[str, float],
                     played: np.ndarray | None = None) -> list[tuple[object, float]]:
    """(objective, value) for each required objective still met but within its warning margin
    of the threshold (ordered as in the level). The value is the latest year's, or for an
    objective judged `over` several years the running mean over `played` (T_played, I)."""
    risky = []
    for objective in level.objectives:
        if not objective.required or objective.when == "after":
            continue
        value = indicators.get(objective.indicator)
        if objective.over > 1 and played is not None and len(played):
            value = float(judged_value(level, objective,
                                       played[:, INDICATOR_INDEX[objective.indicator]]))
        if value is None or not np.isfinite(value):
            continue
        higher = objective.comparison in (">", ">=")
        room = value - objective.threshold if higher else objective.threshold - value
        if bool(holds(np.array([value]), objective.comparison, objective.threshold)[0]) and \
                room <= warning_margin(objective):
            risky.append((objective, float(value)))
    return risky
