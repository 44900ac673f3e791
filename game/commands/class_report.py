"""`virtuous-circle class-report RESULT... [--out FOLDER]`: compare students' result files,
each verified by replay (`game.reports.class_report` builds the report)."""

from __future__ import annotations

import argparse

from game.i18n import _

NAME = "class-report"


def add_parser(sub, common: argparse.ArgumentParser) -> argparse.ArgumentParser:
    parser = sub.add_parser(NAME, parents=[common],
                            help=_("compare students' result files, each verified by replay"))
    parser.add_argument("results", nargs="+", help=_("result files (JSON) or folders of them"))
    parser.add_argument("--out", default="class-report",
                        help=_("folder for the report (default: class-report)"))
    return parser


def main(args: argparse.Namespace) -> int:
    # The handler still lives in the reports layer while the class report is being reworked.
    from game.reports.class_report import class_report_command

    return class_report_command(args)
