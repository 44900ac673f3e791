"""`virtuous-circle run`: play a level from a plan file with no window.

    virtuous-circle run --level ID|PATH --plan PLAN.yaml [--seed N] [--out result.json] [--csv out.csv]

The plan file is read and checked by the content layer (every problem with file,
line and field); the decisions are played through a ``Playthrough`` exactly as
a player's would be, so the result file is the same as the game's and can be
verified by replay. Bad input gives one message and exit code 2, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from game.content.errors import ContentError
from game.engine import TurnDecision
from game.i18n import _
from game.i18n import format as fmt
from game.session.playthrough import DecisionError, Playthrough
from game.session.report import stars_text
from game.session.results import build_result, result_csv, result_json, write_text_atomic

__all__ = ["run_command", "run_plan", "plan_decisions"]

EXIT_OK, EXIT_FAIL, EXIT_USAGE = 0, 1, 2


def plan_decisions(plan_path: Path, level) -> list[TurnDecision]:
    """The plan's decision for every turn of the level, resolved by the content layer
    (raises PlanError, a ContentError, with file, line and field for each problem)."""
    from game.content.plan import load_plan

    return list(load_plan(plan_path, level))


def run_plan(level_ref: str | Path, plan_path: Path, seed: int,
             events_on: bool | None = None) -> Playthrough:
    """Play a whole level from a plan file; raises ContentError or DecisionError."""
    play = Playthrough.new(level_ref, seed, events_on)
    decisions = plan_decisions(plan_path, play.level)
    for turn, decision in enumerate(decisions[: play.turns], start=1):
        try:
            # Answers to events that do not fire in this seed are dropped by end_turn.
            play.set_draft(decision)
            play.end_turn(report=False)
        except DecisionError as error:
            raise DecisionError(_("{file}: turn {turn}: {reason}").format(
                file=plan_path, turn=turn, reason=error)) from error
    return play


def run_command(args: argparse.Namespace, stdout: TextIO | None = None,
                stderr: TextIO | None = None) -> int:
    """The `run` command: returns an exit code; messages go to stderr, the result to --out."""
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    plan_path = Path(args.plan)
    if int(args.seed) < 0:
        print(_("--seed: the seed must be a whole number of 0 or more, not {seed}.").format(
            seed=args.seed), file=stderr)
        return EXIT_USAGE
    try:
        events = getattr(args, "events", None)
        play = run_plan(args.level, plan_path, int(args.seed),
                        None if events is None else events == "on")
    except ContentError as error:
        for problem in error.problems:
            print(str(problem), file=stderr)
        return EXIT_USAGE
    except DecisionError as error:
        print(str(error), file=stderr)
        return EXIT_USAGE
    except Exception as error:  # a bug, not bad input: still no traceback for the user
        print(_("The run stopped because of an internal error ({kind}: {reason}). Please "
                "report it with the level and plan files.").format(
            kind=type(error).__name__, reason=error), file=stderr)
        return EXIT_FAIL
    doc = build_result(play)
    targets = [(args.out, result_json(doc))] if args.out else []
    if args.csv:
        targets.append((args.csv, result_csv(doc)))
    for target, text in targets:
        try:
            write_text_atomic(Path(target), text)
        except OSError as error:
            print(_("Cannot write {file}: {reason}").format(
                file=target, reason=error.strerror or error), file=stderr)
            return EXIT_FAIL
    if args.out:
        print(_("{level}: {turns} turns, seed {seed}: score {score}, {stars}; written to "
                "{file}").format(level=doc["level"], turns=len(doc["turns"]), seed=doc["seed"],
                                 score=fmt.number(doc["score"]), stars=stars_text(doc["stars"]),
                                 file=args.out), file=stderr)
    else:
        stdout.write(result_json(doc))
    return EXIT_OK
