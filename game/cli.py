"""The command line: `virtuous-circle [play|run|validate|sweep|class-report|bench]`.

This module only parses and dispatches to the modules of `game.commands`, which turn
errors into messages and exit codes; library code never exits. An unexpected error ends
here as one line and a log file, never a traceback.
"""

from __future__ import annotations

import argparse
import sys

from game.commands import (
    EXIT_FAIL,
    EXIT_USAGE,
    audit,
    bench,
    calibrate,
    class_report,
    compare,
    play,
    responses,
    run,
    session,
    sweep,
    validate,
)
from game.i18n import _, set_language, system_language
from game.i18n.cli_text import translate_argparse

# The commands in the order of the help; a new command is a module in game/commands/ and a
# line here (see game/commands/__init__.py).
COMMANDS = (play, run, validate, sweep, session, class_report, compare, bench, responses, calibrate, audit)
DEFAULT = play
#: What shells report for a program stopped by Ctrl-C (128 + SIGINT).
EXIT_INTERRUPTED = 130


def build_parser() -> argparse.ArgumentParser:
    common = _language_option()
    parser = argparse.ArgumentParser(
        prog="virtuous-circle",
        description=_("Virtuous Circle: govern a region's technology–industry–finance cycle."),
        parents=[common],
    )
    parser.add_argument("--windowed", action="store_true", help=_("start in a window"))
    parser.add_argument("--session", metavar="PACK",
                        help=_("start the game on a session pack from your teacher (.vcs)"))
    play.add_level_options(parser, default=argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command")
    for command in COMMANDS:
        command.add_parser(sub, common)
    return parser


def _language_option() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--lang", default=argparse.SUPPRESS, help=_("language: en or zh_CN (default: the system's)")
    )
    return common


def _requested_language(argv: list[str]) -> str | None:
    """--lang, wherever it stands, read before the help texts are built in that language."""
    known, _rest = _language_option().parse_known_args(argv)
    return getattr(known, "lang", None)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    set_language(_requested_language(argv) or system_language())
    translate_argparse()  # argparse's own "usage:", "options" … in that language too
    parser = build_parser()
    args = parser.parse_args(argv)
    handlers = {command.NAME: command.main for command in COMMANDS}
    handler = handlers.get(args.command or DEFAULT.NAME)
    if handler is None:
        parser.print_help()
        return EXIT_USAGE
    try:
        return handler(args)
    except KeyboardInterrupt:  # Ctrl-C: one line, no traceback; 130 as shells report SIGINT
        print(_("Interrupted."), file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # the reader went away (`... | head`): stop quietly
        import os

        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_FAIL
    except Exception:  # the last line of defence: a message, never a traceback
        log = _log_crash()
        if log is None:
            print(_("Something went wrong inside Virtuous Circle."), file=sys.stderr)
        else:
            print(_("Something went wrong inside Virtuous Circle. Details were written to {path}.").format(
                path=log), file=sys.stderr)
        return EXIT_FAIL


def _log_crash() -> str | None:
    """Append the traceback to crash.log in the log folder; None if even that cannot be written."""
    import traceback

    from game.files import folders

    try:
        path = folders.ensure(folders.log_dir()) / "crash.log"
        with path.open("a", encoding="utf-8") as handle:
            handle.write(traceback.format_exc())
            handle.write("\n")
    except OSError:
        return None
    return str(path)


if __name__ == "__main__":
    sys.exit(main())
