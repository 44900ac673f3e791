"""The command line: `virtuous-circle [play|run|validate|sweep|class-report|bench]`.

Library code never exits; this module turns errors into messages and exit codes.
"""

from __future__ import annotations

import argparse
import sys

from game.i18n import _, set_language, system_language

EXIT_OK, EXIT_FAIL, EXIT_USAGE = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="virtuous-circle",
        description=_("Virtuous Circle: govern a region's technology–industry–finance cycle."),
    )
    parser.add_argument("--lang", help=_("language: en or zh_CN (default: the system's)"))
    sub = parser.add_subparsers(dest="command")

    play = sub.add_parser("play", help=_("start the game (the default)"))
    play.add_argument("--windowed", action="store_true", help=_("start in a window"))

    run = sub.add_parser("run", help=_("play a level headless from a plan file"))
    run.add_argument("--level", required=True, help=_("level id or path to a level file"))
    run.add_argument("--plan", required=True, help=_("plan file (YAML)"))
    run.add_argument("--seed", type=int, default=0, help=_("random seed (default 0)"))
    run.add_argument("--out", help=_("write the result JSON here (default: standard output)"))
    run.add_argument("--csv", help=_("also write every indicator per turn as CSV"))

    validate = sub.add_parser("validate", help=_("check level files and play them with bots"))
    validate.add_argument("paths", nargs="*", help=_("level files (default: every shipped level)"))
    validate.add_argument("--no-bots", action="store_true", help=_("only check the files"))
    validate.add_argument("--seeds", type=int, default=3, help=_("seeds per bot (default 3)"))

    sub.add_parser("bench", help=_("measure the engine and the game's speed"))
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    set_language(args.lang or system_language())
    command = args.command or "play"
    try:
        handler = _HANDLERS[command]
    except KeyError:
        parser.print_help()
        return EXIT_USAGE
    try:
        return handler(args)
    except KeyboardInterrupt:
        return EXIT_FAIL


def _cmd_play(args: argparse.Namespace) -> int:
    from game.ui.app import run_app

    return run_app(windowed=getattr(args, "windowed", False), lang=args.lang)


def _cmd_run(args: argparse.Namespace) -> int:
    from game.session.headless import run_command

    return run_command(args)


def _cmd_validate(args: argparse.Namespace) -> int:
    from game.content.validate_command import validate_command

    return validate_command(args)


def _cmd_bench(args: argparse.Namespace) -> int:
    from game.bench import bench_command

    return bench_command(args)


_HANDLERS = {
    "play": _cmd_play,
    "run": _cmd_run,
    "validate": _cmd_validate,
    "bench": _cmd_bench,
}

if __name__ == "__main__":
    sys.exit(main())
