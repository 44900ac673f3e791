"""`virtuous-circle [play]`: start the game in a window (the default command)."""

from __future__ import annotations

import argparse

from game.i18n import _

NAME = "play"


def add_parser(sub, common: argparse.ArgumentParser) -> argparse.ArgumentParser:
    parser = sub.add_parser(NAME, parents=[common], help=_("start the game (the default)"))
    parser.add_argument("--windowed", action="store_true", help=_("start in a window"))
    return parser


def main(args: argparse.Namespace) -> int:
    from game.ui.app import run_app

    return run_app(windowed=getattr(args, "windowed", False), lang=getattr(args, "lang", None))
