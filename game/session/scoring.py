"""A playthrough's score from the level's objectives (``game.content.objectives``).

The content layer owns the rules (weights, tolerances, star bands, required
objectives); this module feeds it the replayed indicators and keeps the answer
in the session's ``Score`` shape. ``score_by_turn`` gives the running score that
result files report as the ``score`` indicator.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from game.content.objectives import evaluate, evaluate_batch

if TYPE_CHECKING:
    from game.session.playthrough import Playthrough, Score

__all__ = ["evaluate_playthrough", "score_by_turn"]


def evaluate_playthrough(play: Playthrough) -> Score:
    """Score the turns played so far; objectives not yet due are neither met nor missed."""
    from game.session.playthrough import Score

    if not play.log:
        return Score(points=0.0, stars=0, met=(), missed=(), details=None)
    evaluation = evaluate(play.level, np.asarray(play.result().indicators[:, 0, :]))
    results = evaluation.objectives
    return Score(
        points=evaluation.score,
        stars=evaluation.stars,
        met=tuple(r.id for r in results if r.met and not r.pending),
        missed=tuple(r.id for r in results if not r.met and not r.pending),
        pending=tuple(r.id for r in results if r.pending),
        details=evaluation,
    )


def score_by_turn(level, indicators: np.ndarray) -> np.ndarray:
    """The running score after each turn: ``indicators`` is (T, len(INDICATORS)) of one run."""
    scores = np.zeros(indicators.shape[0])
    for t in range(indicators.shape[0]):
        scores[t] = float(evaluate_batch(level, indicators[: t + 1, None, :]).score[0])
    return scores
