"""`virtuous-circle validate [PATH ...]`: check level files, then let the bots play them.

Exit 0 when every file is valid, 1 when any file has a problem. Bot warnings
(no bot wins, or every bot wins) are printed but do not fail the command.
"""

from __future__ import annotations

import argparse
import sys
from typing import TextIO

from game.commands import EXIT_FAIL, EXIT_OK, EXIT_USAGE
from game.commands.arguments import count
from game.i18n import _

NAME = "validate"
MAX_SEEDS = 50


def add_parser(sub, common: argparse.ArgumentParser) -> argparse.ArgumentParser:
    parser = sub.add_parser(NAME, parents=[common],
                            help=_("check level files and play them with bots"))
    parser.add_argument("paths", nargs="*", help=_("level files (default: every shipped level)"))
    parser.add_argument("--no-bots", action="store_true", help=_("only check the files"))
    parser.add_argument("--seeds", type=count(1, MAX_SEEDS), default=3,
                        help=_("seeds per bot (default 3)"))
    return parser


def main(args: argparse.Namespace, out: TextIO | None = None) -> int:
    """args.paths, args.no_bots, args.seeds; everything printed goes to `out`."""
    from game.content.errors import ContentError
    from game.content.validation import bot_check, check_files

    out = out or sys.stdout
    paths = list(getattr(args, "paths", None) or [])
    seeds_count = getattr(args, "seeds", 3)
    if not isinstance(seeds_count, int) or not 1 <= seeds_count <= MAX_SEEDS:
        print(_("--seeds must be between 1 and {limit}").format(limit=MAX_SEEDS), file=out)
        return EXIT_USAGE
    try:
        levels, problems = check_files(paths, out)
    except ContentError as err:  # e.g. the shipped pilot catalogue is broken
        for problem in err.problems:
            print(problem, file=out)
        return EXIT_FAIL
    if problems:
        print(_("{count} problem(s) found.").format(count=len(problems)), file=out)
    if not getattr(args, "no_bots", False):
        for level in levels:
            trouble = bot_check(level, list(range(seeds_count)), out)
            if trouble is not None:
                problems.append(trouble)
    return EXIT_FAIL if problems else EXIT_OK
