"""`virtuous-circle audit`: does a cheap trick win a level, and does the level's lesson win?

The experiments run in `game.content.audit`; this module prints, per level, stars, score
and 20-year GDP against the status quo for every strategy (the last decision held, and the
status quo resuming after the level), the pushes on top of the debrief's strategy that add a
star, what the cheap family did (its best plan, its winners that lower GDP), the R² of the
score on the focus and on the budget shares, and every bar that fails (or JSON). A progress
bar goes to standard error. Exit 0 when every bar holds, 1 otherwise.
"""

from __future__ import annotations

import argparse
import json

from game.commands import EXIT_FAIL, EXIT_OK, EXIT_USAGE
from game.commands.arguments import count, output_folder
from game.i18n import N_, _
from game.i18n import format as fmt

NAME = "audit"
MAX_SAMPLES = 20_000
HEAD = (N_("strategy"), N_("stars"), N_("score"), N_("20-year GDP vs status quo"),
        N_("the same, status quo after the level"))
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
    parser.add_argument("--write-docs", action="store_true",
                        help=_("regenerate the audit table in docs/model.md"))
    parser.add_argument("--plans", type=output_folder, metavar="FOLDER",
                        help=_("save the plan of every strategy that fails a bar, and of each "
                               "level's best cheap plan, as plan files in this folder (replay "
                               "them with 'run --plan')"))
    return parser


def main(args: argparse.Namespace) -> int:
    from game.commands.progress import ProgressBar
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
    bar = ProgressBar(len(levels) * 4)
    audits = []
    for level in levels:
        audits.append(audit_level(level, args.samples,
                                  progress=lambda step, lv=level.id: bar.step(f"{lv}: {step}"[:40])))
    bar.finish()
    if args.json:
        print(json.dumps([a.as_dict() for a in audits], ensure_ascii=False, indent=2))
    else:
        titles = {level.id: {p.id: p.title for p in level.pilots} for level in levels}
        for audit in audits:
            _print_audit(audit, titles.get(audit.level))
    failed = sum(len(a.failures) for a in audits)
    if not args.json:
        print(_("{count} failed bar(s) on {levels} level(s).").format(
            count=failed, levels=len(audits)))
    if args.write_docs and not _write_docs(audits, args.samples):
        return EXIT_FAIL
    if args.plans and not _save_plans(levels, audits, args.plans, args.json):
        return EXIT_FAIL
    return EXIT_FAIL if failed else EXIT_OK


def _save_plans(levels, audits, folder, quiet: bool) -> bool:
    """Each failing strategy's plan and each best cheap plan as `<level>--<strategy>.yaml`;
    `quiet` keeps standard output for the JSON (the count goes to standard error)."""
    import re
    import sys

    from game.content.audit import strategy_decisions
    from game.content.plan_writer import plan_yaml
    from game.files.atomic import write_atomically
    from game.files.reader import FileProblem

    written = 0
    for level, audit in zip(levels, audits, strict=True):
        names = dict.fromkeys([who for _bar, who in audit.failures]
                              + ([audit.cheap.best.name] if audit.cheap else []))
        for name in names:
            decisions = strategy_decisions(level, name)
            if decisions is None:
                continue  # "random" and the search bot have no single plan to save
            path = folder / f"{level.id}--{re.sub(r'[^A-Za-z0-9_.=+-]+', '_', name)}.yaml"
            try:
                write_atomically(path, plan_yaml(level.id, decisions))
            except FileProblem as problem:
                print(str(problem), file=sys.stderr)
                return False
            written += 1
    print(_("{count} plan file(s) written to {folder}.").format(count=written, folder=folder),
          file=sys.stderr if quiet else sys.stdout)
    return True


def summary_table(audits) -> list[str]:
    """One Markdown row per level (English, for docs/model.md)."""
    from game.content.text_table import markdown_table

    head = ("level", "do nothing", "debrief strategy", "naive strategy", "search bot",
            "best cheap trick", "best cheap plan", "cheap plans: with a star / of them lowering GDP",
            "R² focus / shares", "failed bars")
    rows = []
    for audit in audits:
        by = {o.name: o for o in audit.outcomes}
        cheap = max((o for o in audit.outcomes if o.kind in ("dial", "lever", "answer", "pilot")),
                    key=lambda o: o.score)

        def cell(name: str, by=by) -> str:
            o = by.get(name)
            gdp = f", GDP {o.gdp_change * 100:+.1f}%" if o and name != "do_nothing" else ""
            return f"{'★' * o.stars or '–'} ({o.score:.0f}{gdp})" if o else "–"

        bars = "; ".join(f"{bar} ({who})" for bar, who in audit.failures) or "none"
        rows.append((audit.level, cell("do_nothing"), cell("recommended"), cell("naive"),
                     cell("search"), f"{cheap.name}: {cell(cheap.name)}", *_cheap_cells(audit),
                     f"{audit.r2_focus:.2f} / {audit.r2_shares:.2f}", bars))
    return markdown_table(head, rows)


def _cheap_cells(audit) -> tuple[str, str]:
    """The cheap family's best plan (stars on each seed, mean score, 20-year GDP with the
    status quo after the level) and its counts, for the docs table."""
    cheap = audit.cheap
    if cheap is None:
        return "–", "–"
    best = cheap.best
    lowest = f" (lowest {cheap.lowest_gdp * 100:+.1f}%)" if cheap.lowest_gdp is not None else ""
    return (f"{best.name.removeprefix('cheap:')}: stars {'/'.join(map(str, best.seed_stars))} "
            f"({best.score:.0f}, GDP {best.gdp_after * 100:+.1f}%)",
            f"{cheap.starred} / {cheap.shrinking} of {cheap.plans}{lowest}")


def _write_docs(audits, samples: int) -> bool:
    from game.commands.docs_tables import write_docs_table
    from game.commands.responses import DOCS

    note = (f"Generated by `virtuous-circle audit --write-docs` ({samples} random plans a level, "
            "seeds 0–2, events as each level sets them). Stars are the most any seed earned, "
            "scores the mean; GDP is 20-year GDP against doing nothing, with the last decision "
            "held, except for the cheap family (best cheap plan: stars on seeds 0/1/2), whose "
            "GDP has the status quo resuming after the level.")
    return write_docs_table(DOCS, "audit", [note, "", *summary_table(audits)])


def strategy_label(name: str, kind: str, titles: dict[str, str] | None = None) -> str:
    """A strategy's name as a player reads it; `titles` names the level's pilot zones."""
    from game.session.names import label, pilot_label

    if kind in KINDS:
        return _(KINDS[kind])
    if name.startswith("cheap:"):
        return cheap_label(name, titles)
    if kind == "push":
        return push_label(name)
    what, _sep, value = name.partition(":")
    if what == "lever":
        return _("{lever} alone").format(lever=label(value))
    if what == "focus":
        return _("focus 100% {sector}").format(sector=label(value))
    if what == "pilot":
        pilot, _sep, scaled = value.partition("+")
        return _setting("pilot", pilot, titles) if scaled else pilot_label(pilot, titles)
    if what == "answer":
        event, _sep, choice = value.rpartition(":")
        return _("answer {number} to event {event}").format(number=int(choice) + 1, event=event)
    return f"{label(what)} {fmt.number(float(value), 1)}"


def _setting(what: str, value: str, titles: dict[str, str] | None = None) -> str:
    """One part of a cheap plan or a push, e.g. ("focus", "emerging"), translated."""
    from game.session.names import label, pilot_label

    if what == "focus":
        return _("focus 100% {sector}").format(sector=label(value))
    if what == "lever":
        return _("the whole budget on {lever}").format(lever=label(value))
    if what == "pilot":
        return _("{pilot}, rolled out").format(pilot=pilot_label(value, titles))
    return f"{label(what)} {fmt.number(float(value), 1)}"


def cheap_label(name: str, titles: dict[str, str] | None = None) -> str:
    """A cheap plan's name (`CheapPlan.name`) as a player reads it."""
    from game.session.names import label

    budget, *parts = name.removeprefix("cheap:").split(";")
    levers = budget.split("+")
    spent = (_("the status-quo budget") if budget == "status_quo" else
             _("nothing spent") if budget == "nothing" else
             _("{lever} alone").format(lever=label(levers[0])) if len(levers) == 1 else
             _("{first} and {second}, half each").format(first=label(levers[0]),
                                                         second=label(levers[1])))
    return " · ".join([spent, *(_setting(*part.split("=", 1), titles) for part in parts)])


def push_label(name: str) -> str:
    """A push's name ("push:focus=emerging:last3") as a player reads it."""
    setting, _sep, span = name.removeprefix("push:").rpartition(":")
    what = _setting(*setting.split("=", 1))
    if span == "all":
        return _("the debrief's strategy + {push}, all game").format(push=what)
    return _("the debrief's strategy + {push}, last {turns} turn(s)").format(
        push=what, turns=int(span.removeprefix("last")))


def _print_cheap(audit, titles: dict[str, str] | None) -> None:
    cheap = audit.cheap
    if cheap is None:
        return
    lowest = fmt.percent(cheap.lowest_gdp, 1, signed=True) if cheap.lowest_gdp is not None else "–"
    print(_("Cheap plans (one or two levers, dials at extremes, at most one pilot zone): "
            "{plans}; {starred} earn a star on a seed, {shrinking} of them leave 20-year GDP "
            "below doing nothing's (lowest {lowest}); {beating} beat the debrief's strategy.").format(
        plans=cheap.plans, starred=cheap.starred, shrinking=cheap.shrinking, lowest=lowest,
        beating=cheap.beating))
    found = [(_("Best cheap plan: {plan}"), cheap.best)]
    if cheap.worst is not None:
        found.append((_("Most rewarded cheap plan that lowers 20-year GDP: {plan}"), cheap.worst))
    for title, outcome in found:
        print(title.format(plan=cheap_label(outcome.name, titles)))
        print("   " + _("stars on seeds 0–2: {stars}; score {score}; 20-year GDP {gdp} (status "
                        "quo after the level)").format(
            stars="/".join(map(str, outcome.seed_stars)), score=fmt.number(outcome.score, 0),
            gdp=fmt.percent(outcome.gdp_after, 1, signed=True)))


def _print_audit(audit, titles: dict[str, str] | None = None) -> None:
    from game.content.audit import BARS
    from game.content.text_table import text_table

    print()
    print(_("{level}: R² of the score on the focus {focus}, on the budget shares {shares} "
            "({samples} random plans)").format(
        level=audit.level, focus=fmt.number(audit.r2_focus, 2),
        shares=fmt.number(audit.r2_shares, 2), samples=audit.samples))
    flagged = {who for _bar, who in audit.failures}
    shown = [o for o in audit.outcomes if o.kind != "push" or o.name in flagged]
    cells = [(("✗ " if o.name in flagged else "  ") + strategy_label(o.name, o.kind, titles),
              "★" * o.stars + "☆" * (3 - o.stars), fmt.number(o.score, 0),
              fmt.percent(o.gdp_change, 1, signed=True),
              "–" if o.gdp_after is None else fmt.percent(o.gdp_after, 1, signed=True))
             for o in shown]
    print("\n".join(text_table(tuple(_(h) for h in HEAD), cells)))
    pushes = [o for o in audit.outcomes if o.kind == "push"]
    if pushes:
        print(_("{count} push(es) on top of the debrief's strategy (at the end of the level or "
                "all game); {added} add a star on a seed.").format(
            count=len(pushes), added=sum(o.name in flagged for o in pushes)))
    _print_cheap(audit, titles)
    for bar_id, who in audit.failures:
        outcome = next((o for o in audit.outcomes if o.name == who), None)
        name = (strategy_label(who, outcome.kind, titles) if outcome else cheap_label(who, titles)
                if who.startswith("cheap:") else _("random plans"))
        print(_("FAILED: {bar} ({strategy})").format(bar=_(BARS[bar_id]), strategy=name))
