"""Play a level from a plan file with no window (the `run` command, `game.commands.run`).

The plan file is read and checked by the content layer (every problem with file,
line and field); the decisions are played through a ``Playthrough`` exactly as
a player's would be, so the result file is the same as the game's and can be
verified by replay.
"""

from __future__ import annotations

from pathlib import Path

from game.engine import TurnDecision
from game.i18n import _
from game.session.playthrough import DecisionError, Playthrough

__all__ = ["run_plan", "plan_decisions"]


def plan_decisions(plan_path: Path, level) -> list[TurnDecision]:
    """The plan's decision for every turn of the level, resolved by the content layer
    (raises PlanError, a ContentError, with file, line and field for each problem)."""
    from game.content.plan import load_plan

    return list(load_plan(plan_path, level))


def run_plan(level_ref: str | Path, plan_path: Path, seed: int,
             events_on: bool | None = None, pack=None) -> Playthrough:
    """Play a whole level from a plan file; raises ContentError or DecisionError.

    With a session pack (game.session.packs) the pack gives the level, seed and events, and
    the result file records it, as a game started from the pack does."""
    if pack is not None:
        from game.session.packs import start

        play = start(pack)
    else:
        play = Playthrough.new(level_ref, seed, events_on)
    decisions = plan_decisions(plan_path, play.level)
    for turn, decision in enumerate(decisions[: play.turns], start=1):
        if play.finished:  # lost early (a required objective broken): the run ends there
            break
        try:
            # Answers to events that do not fire in this seed are dropped by end_turn.
            play.set_draft(decision)
            play.end_turn(report=False)
        except DecisionError as error:
            raise DecisionError(_("{file}: turn {turn}: {reason}").format(
                file=plan_path, turn=turn, reason=error)) from error
    return play
