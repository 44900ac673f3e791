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
    evaluation = evaluate(play.level, np.asarray(play.result().indicators[:, 0, :]),
                          after=play.after_level())
    results = evaluation.objectives
    return Score(
        points=evaluation.score,
        stars=evaluation.stars,
        met=tuple(r.id for r in results if r.met and not r.pending),
        missed=tuple(r.id for r in results if not r.met and not r.pending),
        pending=tuple(r.id for r in results if r.pending),
        details=evaluation,
    )


def score_by_turn(level, indicators: np.ndarray, after: np.ndarray | None = None) -> np.ndarray:
    """The running score after each turn: ``indicators`` is (T, len(INDICATORS)) of one run;
    ``after`` (AFTER_YEARS, I), the years after a whole level, scores its last turn with them
    (the departure audit's objectives earn nothing before)."""
    # One batched evaluation instead of one per turn: member t is the first t + 1 turns with
    # turn t repeated after them. A repeated year changes no minimum or maximum, a turn
    # objective not yet due reads the last year played either way, and a mean over years
    # is told each member's length, so each member scores as its prefix would (the score
    # does not use `pending`).
    turns = indicators.shape[0]
    if turns == 0:
        return np.zeros(0)
    upto = np.minimum(np.arange(turns)[None, :], np.arange(turns)[:, None])   # (member, turn)
    prefixes = indicators[upto.T]                                              # (T, members, I)
    score = evaluate_batch(level, prefixes, lengths=np.arange(1, turns + 1)).score.astype(float)
    if after is not None:
        score[-1] = evaluate_batch(level, indicators[:, None, :], after=after[:, None, :]).score[0]
    return score
