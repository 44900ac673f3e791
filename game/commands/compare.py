"""`virtuous-circle compare A.json B.json [--out DIR]`: two runs side by side (indicators,
charts, the decisions that differ, why they ended apart); `compare A.json --branch TURN
--plan PLAN.yaml` first branches B from A: A's decisions before TURN, then the plan's.

A and B may be result files or saved games; both are replayed from their decisions
(`game.reports.compare`), so the numbers never come from the files.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from game.commands import EXIT_FAIL, EXIT_OK, EXIT_USAGE
from game.commands.arguments import count, output_folder
from game.i18n import _

NAME = "compare"


def add_parser(sub, common: argparse.ArgumentParser) -> argparse.ArgumentParser:
    parser = sub.add_parser(NAME, parents=[common],
                            help=_("compare two runs side by side, or branch a run and compare"))
    parser.add_argument("runs", nargs="+", metavar="RUN",
                        help=_("result files or saved games (two, or one with --branch)"))
    parser.add_argument("--branch", type=count(1, 100), metavar="TURN",
                        help=_("branch B from the first run: its decisions before this turn, "
                               "then the plan's"))
    parser.add_argument("--plan", help=_("plan file (YAML) for the branch"))
    parser.add_argument("--level", action="append", metavar="FILE", default=[],
                        help=_("a level file of your own the runs were played on"))
    parser.add_argument("--out", type=output_folder,
                        help=_("folder for compare.md, compare.csv and compare.png"))
    return parser


def _open(path: Path, levels):
    """A result file or a saved game, replayed."""
    from game.files.reader import FileProblem, read_json
    from game.session import saves
    from game.session.verify import MAX_RESULT_BYTES, load_run

    try:
        doc = read_json(path, max_bytes=MAX_RESULT_BYTES, max_depth=12)
    except FileProblem as problem:
        raise ValueError(str(problem)) from problem
    if isinstance(doc, dict) and "draft" in doc:  # a saved game
        try:
            return saves.load(path, levels)
        except saves.SaveError as error:
            raise ValueError(str(error)) from error
    return load_run(path, levels)


def _branch(play, turn: int, plan: str):
    from game.session.headless import plan_decisions

    if not 1 <= turn <= len(play.log):
        raise ValueError(_("--branch: the run has turns 1 to {turns}.").format(turns=len(play.log)))
    branch = play.branch(turn)
    decisions = plan_decisions(Path(plan), play.level)
    while not branch.finished:
        branch.set_draft(decisions[min(branch.turn, len(decisions)) - 1])
        branch.end_turn(report=False)
    return branch


def _runs(args):
    from game.content.errors import ContentError
    from game.session.playthrough import DecisionError
    from game.session.verify import LevelTable, RunRefused

    if len(args.runs) != (1 if args.branch else 2) or bool(args.branch) != bool(args.plan):
        raise ValueError(_("Give two runs, or one run with --branch TURN and --plan PLAN."))
    try:
        levels = LevelTable(tuple(args.level))
        a = _open(Path(args.runs[0]), levels)
        b = _branch(a, args.branch, args.plan) if args.branch else _open(Path(args.runs[1]), levels)
    except ContentError as error:
        raise ValueError("\n".join(str(p) for p in error.problems)) from error
    except (RunRefused, DecisionError) as error:
        raise ValueError(str(error)) from error
    if not a.log or not b.log:
        raise ValueError(_("A run with no turn played has nothing to compare."))
    names = (Path(args.runs[0]).name, _("branch from turn {turn}").format(turn=args.branch)
             if args.branch else Path(args.runs[1]).name)
    return a, b, names


def main(args: argparse.Namespace, stdout=None, stderr=None) -> int:
    from game.files.atomic import write_atomically
    from game.files.reader import FileProblem
    from game.reports.compare import compare, compare_chart, compare_csv, compare_markdown

    stdout, stderr = stdout or sys.stdout, stderr or sys.stderr
    try:
        a, b, names = _runs(args)
    except ValueError as error:
        print(str(error), file=stderr)
        return EXIT_USAGE
    comparison = compare(a, b, names)
    text = compare_markdown(comparison)
    stdout.write(text)
    if args.out:
        folder = Path(args.out)
        try:
            write_atomically(folder / "compare.md", text)
            write_atomically(folder / "compare.csv", compare_csv(comparison))
            write_atomically(folder / "compare.png", compare_chart(comparison))
        except FileProblem as problem:
            print(str(problem), file=stderr)
            return EXIT_FAIL
        print(_("Written to {folder} (compare.md, compare.csv, compare.png).").format(
            folder=folder), file=stderr)
    return EXIT_OK
