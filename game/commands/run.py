"""`virtuous-circle run`: play a level from a plan file with no window.

    virtuous-circle run --level ID|PATH --plan PLAN.yaml [--seed N] [--out result.json] [--csv out.csv]
    virtuous-circle run --session class.vcs --plan PLAN.yaml [--out result.json]

The playing is `game.session.headless.run_plan`; this module turns its errors into
messages and exit codes (bad input: one message and exit code 2, never a traceback).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from game.commands import EXIT_FAIL, EXIT_OK, EXIT_USAGE
from game.commands.arguments import output_file, seed
from game.i18n import _

NAME = "run"


def add_parser(sub, common: argparse.ArgumentParser) -> argparse.ArgumentParser:
    parser = sub.add_parser(NAME, parents=[common], help=_("play a level headless from a plan file"))
    parser.add_argument("--level", help=_("level id or path to a level file"))
    parser.add_argument("--session", metavar="PACK",
                        help=_("play the level, seed and events of a session pack (.vcs); the "
                               "result file records the pack"))
    parser.add_argument("--plan", required=True, help=_("plan file (YAML)"))
    parser.add_argument("--seed", type=seed, default=0, help=_("random seed (default 0)"))
    parser.add_argument("--out", type=output_file,
                        help=_("write the result JSON here (default: standard output)"))
    parser.add_argument("--csv", type=output_file, help=_("also write every indicator per turn as CSV"))
    parser.add_argument("--events", choices=("on", "off"),
                        help=_("switch the level's events on or off (default: as the level says)"))
    return parser


def main(args: argparse.Namespace, stdout: TextIO | None = None,
         stderr: TextIO | None = None) -> int:
    """Messages go to stderr, the result to --out (or stdout)."""
    from game.content.errors import ContentError
    from game.files import FileProblem, write_atomically
    from game.i18n import format as fmt
    from game.session.headless import run_plan
    from game.session.packs import PackError
    from game.session.playthrough import DecisionError
    from game.session.report import stars_text
    from game.session.results import build_result, result_csv, result_json

    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    plan_path = Path(args.plan)
    if int(args.seed) < 0:
        print(_("--seed: the seed must be a whole number of 0 or more, not {seed}.").format(
            seed=args.seed), file=stderr)
        return EXIT_USAGE
    pack_path = getattr(args, "session", None)
    if (args.level is None) == (pack_path is None):
        print(_("Name a level with --level or a session pack with --session (one of the two)."),
              file=stderr)
        return EXIT_USAGE
    try:
        events = getattr(args, "events", None)
        pack = _read_pack(pack_path) if pack_path else None
        play = run_plan(args.level, plan_path, int(args.seed),
                        None if events is None else events == "on", pack=pack)
    except PackError as error:
        print(str(error), file=stderr)
        return EXIT_USAGE
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
        try:  # a symlink is written through, never replaced; a device was refused while parsing
            write_atomically(Path(target), text)
        except FileProblem as problem:
            print(_("Cannot write {file}: {reason}").format(file=target, reason=problem.reason),
                  file=stderr)
            return EXIT_FAIL
    if args.out:
        print(_("{level}: {turns} turns, seed {seed}: score {score}, {stars}; written to "
                "{file}").format(level=_(play.level.title), turns=len(doc["turns"]), seed=doc["seed"],
                                 score=fmt.number(doc["score"]), stars=stars_text(doc["stars"]),
                                 file=args.out), file=stderr)
    else:
        stdout.write(result_json(doc))
    return EXIT_OK


def _read_pack(path: str):
    """The session pack at `path`; its seed and events replace --seed and --events."""
    from game.session.packs import read_pack

    return read_pack(Path(path))
