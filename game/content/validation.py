"""Check level files, then let the bots play them (the `validate` command,
`game.commands.validate`).

Bot warnings (no bot wins, or every bot wins) are printed but are not problems.
"""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

import numpy as np

from game.content.bots import BOT_TITLES, BotResult, play_all, random_win_share
from game.content.errors import ContentError, Problem
from game.content.levels import (
    PILOT_CATALOGUE,
    Level,
    level_paths,
    load_level,
    load_pilot_catalogue,
)
from game.engine import INDICATORS, Plan, simulate
from game.i18n import _
from game.i18n.cli_text import display_width, pad
from game.paths import levels_dir


def _expand(paths: list[str]) -> list[Path]:
    """Files as given; a folder stands for its level files and its pilot catalogue."""
    if not paths:
        paths = [str(levels_dir())]
    files: list[Path] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            catalogue = path / PILOT_CATALOGUE
            if catalogue.is_file():
                files.append(catalogue)
            files.extend(level_paths(path))
        else:
            files.append(path)
    return files


def check_files(paths: list[str], out: TextIO) -> tuple[list[Level], list[Problem]]:
    levels: list[Level] = []
    problems: list[Problem] = []
    for path in _expand(paths):
        try:
            if path.name == PILOT_CATALOGUE:
                load_pilot_catalogue(path)
            else:
                levels.append(load_level(path))
        except ContentError as err:
            problems.extend(err.problems)
            for problem in err.problems:
                print(problem, file=out)
            continue
        print(_("OK {path}").format(path=path), file=out)
    problems += _duplicate_ids(levels, out)
    return levels, problems


def _duplicate_ids(levels: list[Level], out: TextIO) -> list[Problem]:
    """Two files with one id would make `level_by_id` and saved games ambiguous."""
    first: dict[str, Level] = {}
    problems = []
    for level in levels:
        if level.id in first and first[level.id].path.resolve() != level.path.resolve():
            problem = Problem(str(level.path), None, None, "id", _(
                "the id '{id}' is also used by {other}").format(
                id=level.id, other=first[level.id].path))
            problems.append(problem)
            print(problem, file=out)
        first.setdefault(level.id, level)
    return problems


def bot_table(level: Level, results: dict[str, list[BotResult]], out: TextIO) -> list[str]:
    """Print stars (and score) per bot and seed; return the level's warnings."""
    seeds = [r.seed for r in next(iter(results.values()))]
    print("", file=out)
    print(_("{level}: stars (score) per bot and seed").format(level=_(level.title)), file=out)
    # Columns by terminal width: a Chinese character takes two.
    width = max(display_width(_(title)) for title in BOT_TITLES.values()) + 2
    header = pad("", width) + "".join(pad(_("seed {seed}").format(seed=s), 12, ">") for s in seeds)
    print(header, file=out)
    for bot, rows in results.items():
        cells = "".join(pad(f"{'★' * r.stars + '☆' * (3 - r.stars)} ({r.score:3.0f})", 12, ">")
                        for r in rows)
        print(pad(_(BOT_TITLES[bot]), width) + cells, file=out)
    warnings = []
    winners = {bot for bot, rows in results.items() if all(r.stars >= 1 for r in rows)}
    if not any(r.stars >= 1 for rows in results.values() for r in rows):
        warnings.append(_("warning: {level}: no bot wins on any seed; the level may be "
                          "impossible").format(level=_(level.title)))
    elif winners == set(results):
        warnings.append(_("warning: {level}: every bot wins on every seed; the level may be "
                          "too easy").format(level=_(level.title)))
    elif "do_nothing" in results and any(r.stars >= 1 for r in results["do_nothing"]):
        warnings.append(_("warning: {level}: doing nothing wins on some seeds").format(
            level=_(level.title)))
    for warning in warnings:
        print(warning, file=out)
    return warnings


def bot_check(level: Level, seeds: list[int], out: TextIO) -> Problem | None:
    """Let every bot play the level on these seeds and print the table and the share of
    random plans that win; a level the model cannot run is a problem (returned, printed)."""
    trouble = engine_trouble(level)
    if trouble is not None:
        print(trouble, file=out)
        return trouble
    bot_table(level, play_all(level, seeds), out)
    share = sum(random_win_share(level, seed) for seed in seeds) / len(seeds)
    print(_("{percent}% of 1,000 random plans earn at least one star").format(
        percent=round(share * 100)), file=out)
    return None


def engine_trouble(level: Level) -> Problem | None:
    """Run the status quo once: parameter overrides or a starting state that the model cannot
    handle (a division by zero, values that are not finite) are a problem of the level file."""
    try:
        with np.errstate(all="ignore"):
            run = simulate(level.scenario, Plan.repeat(level.scenario, level.scenario.baseline), 0)
    except (ArithmeticError, ValueError, IndexError, KeyError) as err:
        return Problem(str(level.path), None, None, "", _(
            "the model cannot run this level ({error}); check 'parameters' and 'initial'").format(
            error=err))
    bad = ~np.isfinite(run.indicators[:, 0, :])
    if bad.any():
        turn, index = (int(i) for i in np.argwhere(bad)[0])
        return Problem(str(level.path), None, None, "", _(
            "the model gives a value that is not a number for '{indicator}' in turn {turn}; "
            "check 'parameters' and 'initial'").format(indicator=INDICATORS[index], turn=turn + 1))
    return None
