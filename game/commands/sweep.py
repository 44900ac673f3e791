"""`virtuous-circle sweep`: many strategies at once, the best found, sensitivity per lever,
dial and pilot roll-out.

The batch runs in `game.content.sweep`; this module shows its progress, prints it and writes
the files asked for.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np

from game.commands import EXIT_FAIL, EXIT_OK, EXIT_USAGE
from game.commands.arguments import count, output_file, seed
from game.i18n import _
from game.i18n import format as fmt
from game.i18n.cli_text import display_width, pad
from game.i18n.oserror import os_reason

NAME = "sweep"
MIN_SAMPLES, MAX_SAMPLES = 10, 50_000


def add_parser(sub, common: argparse.ArgumentParser) -> argparse.ArgumentParser:
    parser = sub.add_parser(NAME, parents=[common], help=_(
        "many strategies at once: outcomes, the best found, sensitivity per lever, dial and "
        "pilot roll-out"))
    parser.add_argument("--level", required=True, help=_("level id or path to a level file"))
    parser.add_argument("--plan", help=_(
        "plan file to measure sensitivity around (default: the level's status quo)"))
    parser.add_argument("--samples", type=count(MIN_SAMPLES, MAX_SAMPLES), default=2000,
                        help=_("random strategies to play (default 2000)"))
    parser.add_argument("--seed", type=seed, default=0, help=_("random seed (default 0)"))
    parser.add_argument("--best", type=output_file,
                        help=_("write the best strategy found here as a plan file"))
    parser.add_argument("--csv", type=output_file, help=_("write every strategy and its outcome as CSV"))
    return parser


def main(args: argparse.Namespace) -> int:
    from game.content.bots import do_nothing
    from game.content.errors import ContentError
    from game.content.plan import load_plan
    from game.session.levels import open_level

    try:
        level = open_level(args.level)
        reference = load_plan(args.plan, level) if args.plan else do_nothing(level)
    except ContentError as error:
        print(str(error))
        return EXIT_USAGE
    samples = int(args.samples)  # refused while parsing when out of range, never clamped silently
    result = _run_with_progress(level, reference, samples, args.seed)
    print(_("{level}: {samples} random strategies, seed {seed}").format(
        level=_(level.title), samples=samples, seed=args.seed))
    _print_outcomes(result, level)
    print()
    _print_sensitivity(result, args.plan, level)
    return _write_files(args, level, result)


def _run_with_progress(level, reference: list, samples: int, seed: int):
    from game.commands.progress import ProgressBar
    from game.content.sweep import run_sweep

    bar = ProgressBar(1)

    def progress(done: int, total: int) -> None:
        bar.total = total
        bar.show(done, _("{done} of {total} strategies played").format(
            done=fmt.number(done, 0), total=fmt.number(total, 0)))

    try:
        return run_sweep(level, reference, samples, seed, progress)
    finally:
        bar.finish()


def _print_outcomes(result, level) -> None:
    from game.engine import LEVERS
    from game.session.names import label

    p10, p50, p90 = np.percentile(result.score, [10, 50, 90])
    print(_("score: 10th percentile {p10}, median {p50}, 90th percentile {p90}").format(
        p10=fmt.number(p10), p50=fmt.number(p50), p90=fmt.number(p90)))
    counts = [int((result.stars == k).sum()) for k in range(4)]
    print(_("stars: none {s0}, one {s1}, two {s2}, three {s3}").format(
        s0=counts[0], s1=counts[1], s2=counts[2], s3=counts[3]))
    best = result.best
    print(_("best found: score {score}, {stars} stars").format(
        score=fmt.number(result.score[best]), stars=int(result.stars[best])))
    mean_shares = result.plan.shares[:, best].mean(axis=0)
    # Chinese lists with 、 and writes no space before a number: the join and the pair are messages.
    print("  " + _(", ").join(_("{lever} {share}").format(lever=label(lv),
                                                          share=fmt.percent(mean_shares[i], 0))
                           for i, lv in enumerate(LEVERS)))
    _print_best_dials(result, level)


def _print_best_dials(result, level) -> None:
    """The best strategy's fund life and roll-outs, where the level offers them."""
    from game.content.sweep import ROLL_OUT
    from game.session.names import label

    best, rules = result.best, level.rules
    if rules.offers("fund_horizon"):
        print("  " + _("{dial} {value}").format(dial=label("fund_horizon"), value=_(
            "{years} years").format(years=fmt.number(result.plan.fund_horizon[:, best].mean(), 1))))
    if rules.offers("pilots"):
        pilot_ids = level.scenario.pilot_ids
        rolled = [_("{pilot} in {year}").format(pilot=_knob_label(ROLL_OUT + pilot_ids[p], level),
                                                year=level.year_of(int(t) + 1))
                  for t, p in np.argwhere(result.plan.scale_up[:, best])]
        print("  " + _("rolled out region-wide: {pilots}").format(
            pilots=_(", ").join(rolled) if rolled else _("none")))


def _step_text(knob: str) -> str:
    from game.content.sweep import step_of

    if knob == "fund_horizon":
        return _("{years} years").format(years=fmt.number(step_of(knob), 0))
    if knob.startswith("focus:"):
        return fmt.percent(step_of(knob), 0)
    return fmt.number(step_of(knob), 2)


def _knob_label(knob: str, level) -> str:
    """A sweep variable's name: a lever's or dial's, or the level's own name of a pilot zone."""
    from game.content.sweep import ROLL_OUT
    from game.session.names import label, pilot_label

    if knob.startswith(ROLL_OUT):
        return pilot_label(knob.removeprefix(ROLL_OUT), {p.id: p.title for p in level.pilots})
    if knob.startswith("focus:"):
        # "focus on emerging industries": more (or less) of the focus toward that sector
        return _("focus on {sector}").format(sector=label(knob.removeprefix("focus:")))
    return label(knob)


def _print_sensitivity(result, plan: str | None, level) -> None:
    from game.content.sweep import ROLL_OUT

    print(_("Sensitivity around {plan} (score {score}):").format(
        plan=plan or _("the status quo"), score=fmt.number(result.reference_score)))
    if not result.sensitivity:
        return
    width = max(display_width(_knob_label(row.knob, level)) for row in result.sensitivity)
    for row in result.sensitivity:
        hi = fmt.number(row.score_hi, signed=True)
        ghi = fmt.percent(row.gdp_hi, signed=True)
        if row.knob.startswith(ROLL_OUT):
            print(_("  {pilot}  rolled out region-wide once it works: score {hi}, GDP {ghi}").format(
                pilot=pad(_knob_label(row.knob, level), width), hi=hi, ghi=ghi))
            continue
        print(_("  {lever}  −{step}: score {lo}, GDP {glo}   +{step}: score {hi}, GDP {ghi}").format(
            lever=pad(_knob_label(row.knob, level), width), step=_step_text(row.knob),
            lo=fmt.number(row.score_lo, signed=True), hi=hi,
            glo=fmt.percent(row.gdp_lo, signed=True), ghi=ghi))


def _write_files(args: argparse.Namespace, level, result) -> int:
    from game.content.plan_writer import plan_yaml
    from game.content.sweep import decisions_of, write_csv
    from game.files import FileProblem, write_atomically

    try:
        if args.best:
            write_atomically(Path(args.best),
                             plan_yaml(level.id, decisions_of(level, result.plan, result.best)))
            print(_("The best strategy was written to {path}.").format(path=args.best))
        if args.csv:
            write_csv(Path(args.csv), level, result)
            print(_("Every strategy was written to {path}.").format(path=args.csv))
    except FileProblem as problem:
        print(_("Could not write {path}: {reason}").format(path=problem.path, reason=problem.reason))
        return EXIT_FAIL
    except OSError as error:
        print(_("Could not write {path}: {reason}").format(
            path=error.filename, reason=os_reason(error)))
        return EXIT_FAIL
    return EXIT_OK
