"""`virtuous-circle bench`: the engine's and the game's speed, as printed figures.

Speed goals are checked here, not in timed tests that would flake on a shared machine.
"""

from __future__ import annotations

import argparse
import os
import resource
import time
import tracemalloc
from collections.abc import Callable

import numpy as np

from game.commands import EXIT_OK
from game.i18n import _

NAME = "bench"

Row = tuple[str, float, str, str]


def _best_of(fn: Callable[[], object], repeat: int) -> float:
    """Best wall time of `repeat` calls: the least disturbed by other work on the machine."""
    best = float("inf")
    for _i in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def _played_plan(scenario):
    """A 20-turn game to explain: two research levers, one talent and one finance lever, all
    three dials and two pilots move off the status quo in different years (the status quo
    itself would explain nothing and cost nothing)."""
    from dataclasses import replace

    from game.engine import Plan

    base = scenario.baseline
    decisions = []
    for t in range(scenario.turns):
        shares = dict(base.shares)
        shares.update(basic=shares.get("basic", 0) + 0.05, transfer=shares.get("transfer", 0) + 0.04)
        if t >= 2:
            shares.update(attraction=shares.get("attraction", 0) + 0.03,
                          risk_sharing=shares.get("risk_sharing", 0) + 0.03)
        decisions.append(replace(
            base, shares=shares,
            credit_guidance=base.credit_guidance + (0.2 if t >= 3 else 0.0),
            focus={"traditional": 0.2, "emerging": 0.5, "digital": 0.3} if t >= 4 else base.focus,
            fund_horizon=10.0 if t >= 5 else base.fund_horizon,
            pilots=tuple(scenario.pilot_ids[:2]) if t >= 1 else ()))
    return Plan.from_decisions(scenario, decisions)


def engine_bench() -> list[Row]:
    from game.content.levels import level_by_id
    from game.engine import Plan, attribute, simulate
    from game.engine.simulate import _Columns, draw_randomness, narrow, start_state
    from game.engine.step import step

    scenario = level_by_id("sandbox").scenario
    turns = scenario.turns
    plan = Plan.repeat(scenario, scenario.baseline)
    rows: list[Row] = []

    cs = scenario.compiled()
    noise, uniforms = draw_randomness(0, turns, len(scenario.events))
    # One region's turn as `simulate` runs it: on its numbers (`narrow`), not on rows of one.
    state = narrow(start_state(scenario, 1)[0])
    inputs = _Columns(plan, one=True).turn(0, noise, uniforms)
    loops = 2000
    per_step = _best_of(lambda: [step(state, 0, inputs, scenario.params, cs) for _ in range(loops)], 3) / loops
    rows.append((_("one region, one turn"), per_step * 1e3, "ms", "≤ 0.5 ms"))

    for batch in (1, 100, 10_000):
        wide = plan.broadcast(batch)
        seconds = _best_of(lambda wide=wide: simulate(scenario, wide, 0), 5)
        target = "≥ 2,000,000" if batch == 10_000 else ""
        rows.append(
            (_("throughput at batch {batch}").format(batch=f"{batch:,}"), batch * turns / seconds,
             _("region-turns/s"), target)
        )

    from game.session.playthrough import Playthrough

    play = Playthrough.new("sandbox", 0)
    play.forecast()

    def drag() -> None:  # one slider step: a new draft, then the 20-turn forecast
        play.set_share("applied", 0.30 if play.draft.shares.get("applied") != 0.30 else 0.31)
        play.forecast()

    per_step = _best_of(drag, 20)
    rows.append((_("forecast for one slider step (20 turns)"), per_step * 1e3, "ms", "≤ 16 ms"))

    played = _played_plan(scenario)
    # The game has both runs already (it shows them); attribution only adds the coalitions.
    runs = (simulate(scenario, played, 0), simulate(scenario, plan, 0))
    seconds = _best_of(lambda: attribute(scenario, played, 0, runs=runs), 5)
    rows.append((_("20-turn game with full attribution"), seconds * 1e3, "ms", "≤ 30 ms"))

    tracemalloc.start()
    simulate(scenario, plan.broadcast(10_000), 0)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rows.append((_("peak memory of a 10,000-region run"), peak / 2**20, "MiB", ""))
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    rows.append((_("peak resident memory of this process"), rss, "MiB", ""))
    rows.append((_("refusing a hostile level file (a billion laughs)"), _hostile_yaml_ms(), "ms",
                 "≤ 1,000 ms"))
    return rows


def _hostile_yaml_ms() -> float:
    """How long the YAML reader takes to refuse nine levels of nine aliases each."""
    from game.content.errors import ContentError
    from game.content.yaml_source import load_yaml_text

    lines = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for i in range(1, 10):
        lines.append(f"{chr(97 + i)}: &{chr(97 + i)} [" + ", ".join([f"*{chr(96 + i)}"] * 9) + "]")

    def refuse() -> None:
        try:
            load_yaml_text("\n".join(lines), "bomb.yaml")
        except ContentError:
            return

    return _best_of(refuse, 3) * 1e3


def _print(rows: list[Row]) -> None:
    width = max(len(label) for label, *_rest in rows)
    for label, value, unit, target in rows:
        figure = f"{value:,.3f}" if value < 100 else f"{value:,.0f}"
        line = f"{label:<{width}}  {figure:>14} {unit:<16}"
        if target:
            line += _("target {target}").format(target=target)
        print(line.rstrip())


def add_parser(sub, common: argparse.ArgumentParser) -> argparse.ArgumentParser:
    return sub.add_parser(NAME, parents=[common], help=_("measure the engine and the game's speed"))


def _class_report_rows() -> list[Row]:
    import tempfile
    from pathlib import Path

    from game.reports.class_bench import class_report_bench

    with tempfile.TemporaryDirectory(prefix="vc-bench-") as folder:
        return class_report_bench(Path(folder))


def _machine() -> str:
    """The machine the figures come from: its cores, how busy it is, and the vector
    instructions numpy found (without AVX-512, numpy's float64 exp and log are not vectorised)."""
    try:
        simd = ", ".join(np.show_config(mode="dicts")["SIMD Extensions"]["found"]) or "-"
    except (KeyError, TypeError, ValueError):
        simd = "?"
    one, five, _fifteen = os.getloadavg()
    return _("Machine: {cores} cores, load average {one:.2f} (1 min) {five:.2f} (5 min), "
             "numpy {version}, SIMD found: {simd}").format(
        cores=os.cpu_count(), one=one, five=five, version=np.__version__, simd=simd)


def main(args: argparse.Namespace) -> int:
    np.seterr(all="ignore")
    print(_machine())
    print(_("Engine"))
    _print(engine_bench())
    print(_("Load average after the engine figures: {one:.2f} (1 min)").format(one=os.getloadavg()[0]))
    print()
    print(_("Class report (synthetic class, in this process; a whole process: /usr/bin/time -v "
            "virtuous-circle class-report FOLDER)"))
    _print(_class_report_rows())
    try:
        from game.ui.bench import ui_bench
    except ImportError:
        print(_("The game's screens are not measured: the interface is not installed."))
        return EXIT_OK
    print()
    print(_("Game (dummy video driver)"))
    _print(ui_bench())
    return EXIT_OK
