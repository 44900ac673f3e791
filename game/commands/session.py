"""`virtuous-circle session new --level ID --seed N [--events on|off] [--forecast off]
[--lang zh_CN] --out class.vcs`: a session pack, so that a whole class plays the same level,
seed and events (`game.session.packs`). Students start it with `virtuous-circle --session
class.vcs`; `class-report --session class.vcs FOLDER` checks every file against it."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from game.commands import EXIT_FAIL, EXIT_OK, EXIT_USAGE
from game.commands.arguments import output_file, seed
from game.i18n import _

NAME = "session"


def add_parser(sub, common: argparse.ArgumentParser) -> argparse.ArgumentParser:
    parser = sub.add_parser(NAME, parents=[common],
                            help=_("make a session pack: the same level, seed and events for a class"))
    actions = parser.add_subparsers(dest="action", required=True)
    new = actions.add_parser("new", parents=[common], help=_("write a new session pack"))
    new.add_argument("--level", required=True, help=_("level id or path to a level file"))
    new.add_argument("--seed", type=seed, required=True, help=_("random seed every student shares"))
    new.add_argument("--events", choices=("on", "off"),
                     help=_("switch the level's events on or off (default: as the level says)"))
    new.add_argument("--forecast", choices=("on", "off"), default="on",
                     help=_("show the forecast while playing (default on)"))
    new.add_argument("--out", type=output_file, required=True,
                     help=_("the pack file to write (e.g. class.vcs)"))
    return parser


def main(args: argparse.Namespace, stderr=None) -> int:
    from game.content.errors import ContentError
    from game.i18n import normalise
    from game.session.levels import open_level
    from game.session.packs import MAX_PACK_SEED, PackError, new_pack, write_pack

    stderr = stderr or sys.stderr
    if not 0 <= args.seed <= MAX_PACK_SEED:
        print(_("--seed: the seed must be a whole number from 0 to 999,999,999."), file=stderr)
        return EXIT_USAGE
    try:
        level = open_level(args.level)
    except ContentError as error:
        for problem in error.problems:
            print(str(problem), file=stderr)
        return EXIT_USAGE
    lang = getattr(args, "lang", None)
    try:
        pack = new_pack(level, args.seed, None if args.events is None else args.events == "on",
                        forecast=args.forecast == "on", lang=normalise(lang) if lang else None)
    except PackError as error:
        print(str(error), file=stderr)
        return EXIT_USAGE
    try:
        write_pack(pack, Path(args.out))
    except PackError as error:
        print(str(error), file=stderr)
        return EXIT_FAIL
    print(_("Session pack {id} written to {file}: level '{level}', seed {seed}, events {events}. "
            "Students start it with: virtuous-circle --session {file}").format(
        id=pack.id, file=args.out, level=pack.level, seed=pack.seed,
        events=_("on") if pack.events_on else _("off")))
    return EXIT_OK
