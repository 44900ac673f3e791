"""The debrief of a finished (or partly played) level: score, stars, objectives, the decisions
that mattered most, the level's questions, and the numbers behind the charts.

Data first: ``build_debrief`` returns a ``Debrief`` that the debrief screen, the exports and
the tests read alike; sentences are made in the current language when asked for.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from game.content.level_text import judged_text, objective_values
from game.content.objectives import judged_years
from game.engine.schema import INDICATORS
from game.i18n import _
from game.i18n.format import fill
from game.reports.insights import run_insights
from game.reports.series import RunSeries
from game.session.report import Cause, causes_at, format_value, level_titles

__all__ = ["Debrief", "ObjectiveLine", "build_debrief", "key_decisions", "run_series", "KEY_DECISIONS"]

#: How many decisions the debrief names per objective indicator.
KEY_DECISIONS = 2


@dataclass(frozen=True)
class ObjectiveLine:
    id: str
    text: str  # English source text; translate when shown
    indicator: str
    comparison: str
    threshold: float
    value: float  # nan when not yet measured
    met: bool
    pending: bool
    required: bool
    #: what the text's placeholders ({threshold} …) stand for (game.content.level_text)
    values: dict = field(default_factory=dict)
    #: the years `value` averages (the objective's `over`; fewer while fewer are played)
    years: int = 1
    #: judged on the years after the level (the departure audit)
    after: bool = False

    def shown_text(self) -> str:
        """The objective's text, translated, with its numbers written for the language."""
        return fill(_(self.text), self.values)

    def describe(self) -> str:
        """'Reach GDP growth of at least 5.5% … — reached 6.1%' in the current language."""
        if self.pending and self.after:
            return _("{objective} (judged only when the level is played to its end)").format(
                objective=self.shown_text())
        if self.pending or not math.isfinite(self.value):
            return _("{objective} (not yet measured)").format(objective=self.shown_text())
        value = judged_text(self.years, format_value(
            self.indicator, self.value, target=(self.comparison, self.threshold)), self.after)
        if self.met:
            return _("{objective} Met: {value}.").format(objective=self.shown_text(), value=value)
        return _("{objective} Missed: {value}.").format(objective=self.shown_text(), value=value)


@dataclass(frozen=True)
class Debrief:
    level_title: str  # English source; translate when shown
    region: str
    score: float
    stars: int
    objectives: tuple[ObjectiveLine, ...]
    key_decisions: tuple[Cause, ...]
    pilot_names: dict[str, str]
    debrief_text: str
    learning_objectives: tuple[str, ...]
    discussion_questions: tuple[str, ...]
    series: RunSeries
    finished: bool
    #: Observations about this run (translated when the debrief was built).
    insights: tuple[str, ...] = ()
    #: ids of the required objectives whose breaking ended the level early, lost
    lost: tuple[str, ...] = ()


def key_decisions(play) -> tuple[Cause, ...]:
    """The decisions that did most to set each objective's indicator apart from no new policy
    by the last played year: the same parts as the turn report (events left out: they are
    not decisions), largest first, at most KEY_DECISIONS per indicator."""
    if not play.log:
        return ()
    attribution = play.attribution()
    turn = len(play.log)
    key: list[Cause] = []
    for indicator in dict.fromkeys(o.indicator for o in play.level.objectives):
        if indicator not in INDICATORS or indicator == "score":
            continue
        causes = [c for c in causes_at(play, attribution, turn, indicator, top=len(attribution.causes))
                  if not c.is_event and c.cause != "other"]
        key += causes[:KEY_DECISIONS]
    return tuple(key)


def run_series(play) -> RunSeries:
    """Every indicator from the starting year through the last played year, with the baseline.

    The starting state is the year before the first turn; turn t ends in ``year_of(t)``.
    """
    initial = np.asarray(play.baseline_result().initial[0], dtype=float)
    played = len(play.log)
    years = [play.year_of(1) - 1] + [play.year_of(t) for t in range(1, played + 1)]
    base = np.asarray(play.baseline_result().indicators[:played, 0, :], dtype=float)
    baseline = np.vstack([initial[None, :], base]) if played else initial[None, :]
    if played:
        actual = np.vstack([initial[None, :], np.asarray(play.result().indicators[:, 0, :])])
    else:
        actual = initial[None, :]
    return RunSeries.from_arrays(years, actual, baseline)


def build_debrief(play) -> Debrief:
    level = play.level
    score = play.score()
    details = score.details
    results = {r.id: r for r in details.objectives} if details is not None else {}
    objectives = []
    for objective in level.objectives:
        result = results.get(objective.id)
        objectives.append(ObjectiveLine(
            id=objective.id,
            text=objective.text,
            indicator=objective.indicator,
            comparison=objective.comparison,
            threshold=float(objective.threshold),
            value=float(result.value) if result is not None else float("nan"),
            met=bool(result.met) if result is not None else False,
            pending=bool(result.pending) if result is not None else True,
            required=bool(objective.required),
            values=objective_values(level, objective),
            years=judged_years(level, objective, len(play.log)),
            after=objective.when == "after",
        ))
    key = key_decisions(play)
    return Debrief(
        level_title=level.title,
        region=level.region,
        score=float(score.points),
        stars=int(score.stars),
        objectives=tuple(objectives),
        key_decisions=tuple(key),
        pilot_names=level_titles(level),
        debrief_text=level.debrief,
        learning_objectives=tuple(level.learning_objectives),
        discussion_questions=tuple(level.discussion_questions),
        series=run_series(play),
        finished=bool(play.finished),
        insights=tuple(run_insights(play)),
        lost=tuple(play.lost),
    )
