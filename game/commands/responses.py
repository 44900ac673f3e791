"""`virtuous-circle responses`: each budget lever's 20-year benefit-cost ratio around the status quo.

The batch runs in `game.content.responses`; this module prints the table (or JSON) and,
with `--write-docs`, regenerates the marked table in docs/model.md.
"""

from __future__ import annotations

import argparse
import json
import math
from pathlib import Path

from game.commands import EXIT_FAIL, EXIT_OK, EXIT_USAGE
from game.i18n import N_, _
from game.i18n import format as fmt

NAME = "responses"
HEAD = (N_("lever"), N_("benefit-cost ratio"), N_("pays back after"), N_("evidence range"))
YEARS_TEXT, NEVER_TEXT = N_("{years} years"), N_("not within {years} years")
DOCS = Path(__file__).resolve().parents[2] / "docs" / "model.md"


def add_parser(sub, common: argparse.ArgumentParser) -> argparse.ArgumentParser:
    parser = sub.add_parser(NAME, parents=[common], help=_(
        "each budget lever's 20-year benefit-cost ratio around the status quo"))
    parser.add_argument("--level", default="sandbox",
                        help=_("level id or path to a level file (default: sandbox)"))
    parser.add_argument("--json", action="store_true", help=_("print JSON instead of a table"))
    parser.add_argument("--write-docs", action="store_true",
                        help=_("regenerate the table in docs/model.md"))
    return parser


def main(args: argparse.Namespace) -> int:
    from game.content.errors import ContentError
    from game.content.responses import BAR, STEP, YEARS, lever_responses
    from game.session.levels import open_level

    try:
        level = open_level(args.level)
    except ContentError as error:
        print(str(error))
        return EXIT_USAGE
    rows = lever_responses(level)
    if args.json:
        print(json.dumps({"level": level.id, "years": YEARS, "step": STEP,
                          "levers": [r.as_dict() for r in rows]}, ensure_ascii=False, indent=2))
    else:
        print(_("{level}: {years}-year benefit-cost ratio of each budget lever, ±{step} points "
                "of the budget around the status quo (no events)").format(
            level=level.id, years=YEARS, step=round(STEP * 100)))
        print("\n".join(table(rows)))
        outside = sum(not r.inside for r in rows)
        print(_("{count} of {total} levers outside the evidence range.").format(
            count=outside, total=len(rows)))
        print(_("Evidence range {low}–{high}: Hall, Mairesse & Mohnen (2010), social return "
                "to R&D 20–50% a year.").format(low=fmt.number(BAR[0], 1), high=fmt.number(BAR[1], 0)))
    if args.write_docs:
        return _write_docs(rows, level.id)
    return EXIT_OK


def table(rows, markdown: bool = False, translate=_) -> list[str]:
    """The table as lines; `translate` is the identity for the English docs."""
    from game.content.responses import BAR, YEARS
    from game.content.text_table import markdown_table, text_table
    from game.session.names import LEVER_LABELS

    head = tuple(translate(h) for h in HEAD)
    cells = []
    for row in rows:
        payback = (translate(YEARS_TEXT).format(years=row.payback) if row.payback is not None
                   else translate(NEVER_TEXT).format(years=YEARS))
        ratio = f"{row.ratio:.1f}" if math.isfinite(row.ratio) else "—"
        name = translate(LEVER_LABELS.get(row.lever, row.lever))
        cells.append((name, ratio, payback, f"{BAR[0]:g}–{BAR[1]:g}"))
    return markdown_table(head, cells) if markdown else text_table(head, cells)


def _write_docs(rows, level_id: str) -> int:
    from game.commands.docs_tables import write_docs_table
    from game.content.responses import docs_note

    lines = [docs_note(level_id), "", *table(rows, markdown=True, translate=str)]
    return EXIT_OK if write_docs_table(DOCS, "responses", lines) else EXIT_FAIL
