"""`virtuous-circle calibrate`: the calibration run against China's 2012–2024 figures.

The run is `game.content.calibration`; this module prints each target, its source and
year, China's and the model's value, the tolerance and whether it is met (or JSON).
Exit 0 when every target is met, 1 otherwise.
"""

from __future__ import annotations

import argparse
import json

from game.commands import EXIT_FAIL, EXIT_OK
from game.i18n import N_, _
from game.i18n import format as fmt

NAME = "calibrate"
HEAD = (N_("target"), N_("year"), N_("China"), N_("model"), N_("tolerance"), N_("result"),
        N_("source"))
PASS, FAIL = N_("pass"), N_("FAIL")
RISE = N_("rise of the S&T contribution since 2012")
CONTRACTS = N_("technology contracts / GDP")


def add_parser(sub, common: argparse.ArgumentParser) -> argparse.ArgumentParser:
    parser = sub.add_parser(NAME, parents=[common], help=_(
        "run China's 2012–2024 path and compare the model with its statistics"))
    parser.add_argument("--json", action="store_true", help=_("print JSON instead of a table"))
    parser.add_argument("--seed", type=int, default=0, help=_("random seed (default 0)"))
    return parser


def main(args: argparse.Namespace) -> int:
    from game.content.calibration import calibration_rows

    rows = calibration_rows(args.seed)
    failed = sum(not r.inside for r in rows)
    if args.json:
        print(json.dumps({"seed": args.seed, "rows": [r.as_dict() for r in rows]},
                         ensure_ascii=False, indent=2))
        return EXIT_FAIL if failed else EXIT_OK
    print(_("Calibration: China's 2012 starting values and policy path, 2013–2024 (seed {seed})")
          .format(seed=args.seed))
    print("\n".join(table(rows)))
    print(_("{passed} of {total} targets met.").format(passed=len(rows) - failed, total=len(rows)))
    return EXIT_FAIL if failed else EXIT_OK


def table(rows, markdown: bool = False, translate=_) -> list[str]:
    """The table as lines; `translate` is the identity for the English docs."""
    from game.content.text_table import markdown_table, text_table
    from game.session.names import INDICATOR_LABELS

    def value(row, x: float) -> str:
        if row.indicator == "tech_contribution_rise":
            return f"{x * 100:+.1f} pp" if translate is str else fmt.pp(x)
        return fmt.percent(x, 2 if abs(x) < 0.1 else 1, "en" if translate is str else None)

    labels = INDICATOR_LABELS | {"tech_contribution_rise": RISE, "contract_to_gdp": CONTRACTS}
    head = tuple(translate(h) for h in HEAD)
    cells = [(translate(labels.get(r.indicator, r.indicator)), str(r.year), value(r, r.china),
              value(r, r.model), r.tolerance, translate(PASS if r.inside else FAIL), r.source)
             for r in rows]
    return markdown_table(head, cells) if markdown else text_table(head, cells)
