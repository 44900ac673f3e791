"""`virtuous-circle [play]`: start the game in a window (the default command)."""

from __future__ import annotations

import argparse

from game.commands.arguments import count
from game.i18n import _

NAME = "play"
#: Nine digits, as the briefing's seed box takes (game.session.packs.MAX_PACK_SEED; not imported
#: here, where it would load pydantic before every command).
MAX_BRIEFING_SEED = 999_999_999


def add_parser(sub, common: argparse.ArgumentParser) -> argparse.ArgumentParser:
    parser = sub.add_parser(NAME, parents=[common], help=_("start the game (the default)"))
    parser.add_argument("--windowed", action="store_true", help=_("start in a window"))
    parser.add_argument("--session", metavar="PACK",
                        help=_("start the game on a session pack from your teacher (.vcs)"))
    add_level_options(parser)
    return parser


def add_level_options(parser: argparse.ArgumentParser, default=None) -> None:
    """--level and --seed, for `play` and for the bare `virtuous-circle` (which plays), where
    the default is argparse.SUPPRESS so that a command's own --level and --seed keep theirs."""
    parser.add_argument("--level", metavar="ID", default=default,
                        help=_("start the game on the briefing of this level (its id, such as "
                               "old_industrial_base)"))
    parser.add_argument("--seed", type=count(0, MAX_BRIEFING_SEED), default=default,
                        help=_("the seed the briefing starts with (default 0; with --level)"))


def _shipped_level(level_id: str):
    """The shipped level `level_id`; a level file is refused with the way to play it (a save
    names its level by id, so a game of a loose file could not be continued; a session pack
    carries its level)."""
    from game.session.levels import open_level

    if level_id.endswith((".yaml", ".yml")) or "/" in level_id or "\\" in level_id:
        from game.content.errors import ContentError, Problem

        raise ContentError([Problem(level_id, None, None, "", _(
            "the game starts only on a level it ships with; to play a level file, make a session "
            "pack of it (virtuous-circle session new --level FILE --seed N --out FILE.vcs) and "
            "start the game with --session"))])
    return open_level(level_id)


def main(args: argparse.Namespace) -> int:
    import sys

    from game.commands import EXIT_USAGE

    pack = level = None
    level_id = getattr(args, "level", None)
    chosen_seed = getattr(args, "seed", None)
    if getattr(args, "session", None) and level_id:
        print(_("Start on a session pack (--session) or on a level (--level), not both: the pack "
                "names its level."), file=sys.stderr)
        return EXIT_USAGE
    if chosen_seed is not None and not level_id:
        print(_("--seed chooses the seed of the level named with --level."), file=sys.stderr)
        return EXIT_USAGE
    if getattr(args, "session", None):
        # Checked before a window opens: a wrong pack is one message on the terminal.
        from pathlib import Path

        from game.session.packs import PackError, pack_level, read_pack

        try:
            pack = read_pack(Path(args.session))
            pack_level(pack)
        except PackError as error:
            print(str(error), file=sys.stderr)
            return EXIT_USAGE
    if level_id:
        from game.content.errors import ContentError

        try:
            level = _shipped_level(level_id)
        except ContentError as error:
            print(str(error), file=sys.stderr)
            return EXIT_USAGE
    from game.ui.app import run_app

    lang = getattr(args, "lang", None) or (pack.lang if pack else None)
    return run_app(windowed=getattr(args, "windowed", False), lang=lang, pack=pack,
                   level=level, seed=chosen_seed or 0)
