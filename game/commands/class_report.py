"""`virtuous-circle class-report FOLDER... [--session PACK] [--level FILE] [--out FOLDER]`:
compare students' result files, each verified by replay (`game.session.verify`), in one
report to show in class (`game.reports.class_report`)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from game.commands import EXIT_FAIL, EXIT_OK, EXIT_USAGE
from game.commands.arguments import output_folder
from game.i18n import _

NAME = "class-report"


def add_parser(sub, common: argparse.ArgumentParser) -> argparse.ArgumentParser:
    parser = sub.add_parser(NAME, parents=[common],
                            help=_("compare students' result files, each verified by replay"))
    parser.add_argument("results", nargs="+", help=_("result files (JSON) or folders of them"))
    parser.add_argument("--out", type=output_folder, default="class-report",
                        help=_("folder for the report (default: class-report)"))
    parser.add_argument("--session", metavar="PACK",
                        help=_("the session pack the class played: every file is checked against it"))
    parser.add_argument("--level", action="append", metavar="FILE", default=[],
                        help=_("a level file of your own to replay against (repeatable); a path "
                               "inside a student's file is never used"))
    return parser


def _progress(stream):
    """A progress bar of the files read (None when stderr is not a terminal)."""
    from game.commands.progress import ProgressBar

    bar = ProgressBar(0, stream)
    if not bar.live:
        return None

    def show(done: int, total: int) -> None:
        if done % 25 and done != total:
            return
        bar.total = total
        bar.show(done, _("{done} of {total} files read").format(done=done, total=total))
        if done == total:
            bar.finish(keep=True)

    return show


def main(args: argparse.Namespace, stderr=None) -> int:
    from game.content.errors import ContentError
    from game.files.reader import FileProblem
    from game.reports.class_report import plain, write_report
    from game.session.packs import PackError, read_pack
    from game.session.verify import LevelTable, verify_paths

    stderr = stderr or sys.stderr
    try:
        pack = read_pack(Path(args.session)) if getattr(args, "session", None) else None
        levels = LevelTable(tuple(getattr(args, "level", None) or ()))
    except PackError as error:
        print(str(error), file=stderr)
        return EXIT_USAGE
    except ContentError as error:
        for problem in error.problems:
            print(str(problem), file=stderr)
        return EXIT_USAGE
    if pack is not None and pack.lang and not getattr(args, "lang", None):
        from game.i18n import set_language

        set_language(pack.lang)  # the report speaks the class's language
    outcome = verify_paths(args.results, levels, pack, _progress(stderr))
    if not outcome.verdicts:
        print(_("No result files found in {paths}.").format(paths=", ".join(map(plain, args.results))))
        return EXIT_FAIL
    try:
        report = write_report(outcome, Path(args.out), pack)
    except FileProblem as problem:
        print(str(problem), file=stderr)
        return EXIT_FAIL
    for v in report.verdicts:
        print(("✓ " if v.verified else "✗ ") + plain(v.message))
    print(_("Report written to {folder} (class-report.html, class-report.md, class-report.csv, "
            "charts).").format(folder=plain(str(args.out))))
    return EXIT_OK if all(v.verified for v in report.verdicts) else EXIT_FAIL
