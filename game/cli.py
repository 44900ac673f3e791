"""The command line: `virtuous-circle [play|run|validate|sweep|class-report|bench]`.

Library code never exits; this module turns errors into messages and exit codes.
"""

from __future__ import annotations

import argparse
import sys

from game.i18n import _, set_language, system_language

EXIT_OK, EXIT_FAIL, EXIT_USAGE = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    common = _language_option()
    parser = argparse.ArgumentParser(
        prog="virtuous-circle",
        description=_("Virtuous Circle: govern a region's technology–industry–finance cycle."),
        parents=[common],
    )
    parser.add_argument("--windowed", action="store_true", help=_("start in a window"))
    sub = parser.add_subparsers(dest="command")

    play = sub.add_parser("play", parents=[common], help=_("start the game (the default)"))
    play.add_argument("--windowed", action="store_true", help=_("start in a window"))

    run = sub.add_parser("run", parents=[common], help=_("play a level headless from a plan file"))
    run.add_argument("--level", required=True, help=_("level id or path to a level file"))
    run.add_argument("--plan", required=True, help=_("plan file (YAML)"))
    run.add_argument("--seed", type=int, default=0, help=_("random seed (default 0)"))
    run.add_argument("--out", help=_("write the result JSON here (default: standard output)"))
    run.add_argument("--csv", help=_("also write every indicator per turn as CSV"))
    run.add_argument("--events", choices=("on", "off"),
                     help=_("switch the level's events on or off (default: as the level says)"))

    validate = sub.add_parser("validate", parents=[common], help=_("check level files and play them with bots"))
    validate.add_argument("paths", nargs="*", help=_("level files (default: every shipped level)"))
    validate.add_argument("--no-bots", action="store_true", help=_("only check the files"))
    validate.add_argument("--seeds", type=int, default=3, help=_("seeds per bot (default 3)"))

    sweep = sub.add_parser("sweep", parents=[common], help=_("many strategies at once: outcomes, the best found, sensitivity per lever"))
    sweep.add_argument("--level", required=True, help=_("level id or path to a level file"))
    sweep.add_argument("--plan", help=_("plan file to measure sensitivity around (default: the level's status quo)"))
    sweep.add_argument("--samples", type=int, default=2000, help=_("random strategies to play (default 2000)"))
    sweep.add_argument("--seed", type=int, default=0, help=_("random seed (default 0)"))
    sweep.add_argument("--best", help=_("write the best strategy found here as a plan file"))
    sweep.add_argument("--csv", help=_("write every strategy and its outcome as CSV"))

    report = sub.add_parser("class-report", parents=[common], help=_("compare students' result files, each verified by replay"))
    report.add_argument("results", nargs="+", help=_("result files (JSON) or folders of them"))
    report.add_argument("--out", default="class-report", help=_("folder for the report (default: class-report)"))

    sub.add_parser("bench", parents=[common], help=_("measure the engine and the game's speed"))
    return parser


def _requested_language(argv: list[str] | None) -> str | None:
    """--lang, read before the parser is built so that its help texts are in that language."""
    early = argparse.ArgumentParser(add_help=False)
    early.add_argument("--lang")
    return early.parse_known_args(argv)[0].lang


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
    parser = build_parser()
    args = parser.parse_args(argv)
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
    except BrokenPipeError:  # the reader went away (`... | head`): stop quietly
        import os

        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_FAIL
    except Exception:  # the last line of defence: a message, never a traceback
        log = _log_crash()
        print(
            _("Something went wrong inside Virtuous Circle. Details were written to {path}.").format(
                path=log
            ),
            file=sys.stderr,
        )
        return EXIT_FAIL


def _log_crash() -> str:
    import traceback
    from pathlib import Path

    from platformdirs import user_log_dir

    folder = Path(user_log_dir("virtuous-circle", appauthor=False))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "crash.log"
    with path.open("a", encoding="utf-8") as handle:
        handle.write(traceback.format_exc())
        handle.write("\n")
    return str(path)


def _cmd_play(args: argparse.Namespace) -> int:
    from game.ui.app import run_app

    return run_app(windowed=getattr(args, "windowed", False), lang=getattr(args, "lang", None))


def _cmd_run(args: argparse.Namespace) -> int:
    from game.session.headless import run_command

    return run_command(args)


def _cmd_validate(args: argparse.Namespace) -> int:
    from game.content.validate_command import validate_command

    return validate_command(args)


def _cmd_bench(args: argparse.Namespace) -> int:
    from game.bench import bench_command

    return bench_command(args)


def _cmd_sweep(args: argparse.Namespace) -> int:
    from game.content.sweep import sweep_command

    return sweep_command(args)


def _cmd_class_report(args: argparse.Namespace) -> int:
    from game.reports.class_report import class_report_command

    return class_report_command(args)


_HANDLERS = {
    "sweep": _cmd_sweep,
    "class-report": _cmd_class_report,
    "play": _cmd_play,
    "run": _cmd_run,
    "validate": _cmd_validate,
    "bench": _cmd_bench,
}

if __name__ == "__main__":
    sys.exit(main())
