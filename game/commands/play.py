"""`virtuous-circle [play]`: start the game in a window (the default command)."""

from __future__ import annotations

import argparse

from game.i18n import _

NAME = "play"


def add_parser(sub, common: argparse.ArgumentParser) -> argparse.ArgumentParser:
    parser = sub.add_parser(NAME, parents=[common], help=_("start the game (the default)"))
    parser.add_argument("--windowed", action="store_true", help=_("start in a window"))
    parser.add_argument("--session", metavar="PACK",
                        help=_("start the game on a session pack from your teacher (.vcs)"))
    return parser


def main(args: argparse.Namespace) -> int:
    pack = None
    if getattr(args, "session", None):
        # Checked before a window opens: a wrong pack is one message on the terminal.
        import sys
        from pathlib import Path

        from game.commands import EXIT_USAGE
        from game.session.packs import PackError, pack_level, read_pack

        try:
            pack = read_pack(Path(args.session))
            pack_level(pack)
        except PackError as error:
            print(str(error), file=sys.stderr)
            return EXIT_USAGE
    from game.ui.app import run_app

    lang = getattr(args, "lang", None) or (pack.lang if pack else None)
    return run_app(windowed=getattr(args, "windowed", False), lang=lang, pack=pack)
