"""`virtuous-circle audit`: does a cheap trick win a level, and does the level's lesson win?

The experiments run in `game.content.audit`; this module prints, per level, stars, score
and 20-year GDP against the status quo for every strategy, the R² of the score on the focus
and on the budget shares, and every bar that fails (or JSON). A progress bar goes to
standard error. Exit 0 when every bar holds, 1 otherwise.
"""

from __future__ import annotations

import argparse
import json
import sys

from game.commands import EXIT_FAIL, EXIT_OK, EXIT_USAGE
from game.commands.arguments import count
from game.i18n import N_, _
from game.i18n import format as fmt

NAME = "audit"
MAX_SAMPLES = 20_000
HEAD = (N_("strategy"), N_("stars"), N_("score"), N_("20-year GDP vs status quo"))
KINDS = {"status_quo": N_("do nothing"), "recommended": N_("the debrief's strategy"),
         "naive": N_("the naive strategy"), "search": N_("search bot")}


def add_parser(sub, common: argparse.ArgumentParser) -> argparse.ArgumentParser:
    parser = sub.add_parser(NAME, parents=[common], help=_(
        "play every level with cheap tricks, single levers, random plans and bots; "
        "flag what games the economics"))
    parser.add_argument("--level", help=_("only this level (id or path; default: every level)"))
    parser.add_argument("--samples", type=count(10, MAX_SAMPLES), default=1000,
                        help=_("random plans per level (default 1000)"))
    parser.add_argument("--json", action="store_true", help=_("print JSON instead of tables"))
    return parser


def main(args: argparse.Namespace) -> int:
    from game.content.audit import audit_level
    from game.content.errors import ContentError
    from game.content.levels import shipped_levels
    from game.session.levels import open_level

    if not 10 <= args.samples <= MAX_SAMPLES:
        print(_("--samples must be between 10 and {limit}").format(limit=MAX_SAMPLES))
        return EXIT_USAGE
    try:
        levels = [open_level(args.level)] if args.level else shipped_levels()
    except ContentError as error:
        print(str(error))
        return EXIT_USAGE
    bar = _Progress(len(levels) * 3)
    audits = []
    for level in levels:
        audits.append(audit_level(level, args.samples,
                                  progress=lambda step, lv=level.id: bar.step(f"{lv}: {step}")))
    bar.done()
    if args.json:
        print(json.dumps([a.as_dict() for a in audits], ensure_ascii=False, indent=2))
    else:
        for audit in audits:
            _print_audit(audit)
    failed = sum(len(a.failures) for a in audits)
    if not args.json:
        print(_("{count} failed bar(s) on {levels} level(s).").format(
            count=failed, levels=len(audits)))
    return EXIT_FAIL if failed else EXIT_OK


def strategy_label(name: str, kind: str) -> str:
    from game.session.names import label

    if kind in KINDS:
        return _(KINDS[kind])
    what, _sep, value = name.partition(":")
    if what == "lever":
        return _("{lever} alone").format(lever=label(value))
    if what == "focus":
        return _("focus 100% {sector}").format(sector=label(value))
    return f"{label(what)} {fmt.number(float(value), 1)}"


def _print_audit(audit) -> None:
    from game.content.audit import BARS
    from game.content.text_table import text_table

    print()
    print(_("{level}: R² of the score on the focus {focus}, on the budget shares {shares} "
            "({samples} random plans)").format(
        level=audit.level, focus=fmt.number(audit.r2_focus, 2),
        shares=fmt.number(audit.r2_shares, 2), samples=audit.samples))
    flagged = {who for _bar, who in audit.failures}
    cells = [(("✗ " if o.name in flagged else "  ") + strategy_label(o.name, o.kind),
              "★" * o.stars + "☆" * (3 - o.stars), fmt.number(o.score, 0),
              fmt.percent(o.gdp_change, 1, signed=True)) for o in audit.outcomes]
    print("\n".join(text_table(tuple(_(h) for h in HEAD), cells)))
    for bar_id, who in audit.failures:
        outcome = next((o for o in audit.outcomes if o.name == who), None)
        name = strategy_label(who, outcome.kind) if outcome else _("random plans")
        print(_("FAILED: {bar} ({strategy})").format(bar=_(BARS[bar_id]), strategy=name))


class _Progress:
    """A one-line progress bar on standard error (only when it is a terminal)."""

    def __init__(self, total: int) -> None:
        self.total, self.count = total, 0
        self.live = sys.stderr.isatty()

    def step(self, what: str) -> None:
        if self.live:
            filled = round(30 * self.count / max(1, self.total))
            sys.stderr.write(f"\r[{'#' * filled}{'.' * (30 - filled)}] {what[:40]:<40}")
            sys.stderr.flush()
        self.count += 1

    def done(self) -> None:
        if self.live:
            sys.stderr.write("\r" + " " * 75 + "\r")
            sys.stderr.flush()
