"""Golden runs: a level, a seed and a plan, stored as the expected CSV of every indicator.

A change to the model shows up as a reviewed diff of these files
(ENGINEERING.md, practice 10). Regenerate after an intended model change with

    .venv/bin/python -m tests.golden.regen            # rewrite the CSVs
    .venv/bin/python -m tests.golden.regen --check    # only show the largest differences

and read `git diff tests/golden/` before committing.
"""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

from game.session.headless import run_plan
from game.session.levels import open_level
from game.session.playthrough import Playthrough
from game.session.results import build_result, result_csv, write_text_atomic

HERE = Path(__file__).resolve().parent
PLANS = HERE / "plans"
LEVEL = "sandbox"
SEED = 2026
#: The level's status quo, then plan files in plans/ by stem.
RUNS = ("status_quo", "balanced", "research_heavy")


def expected_path(name: str) -> Path:
    return HERE / f"{LEVEL}_{name}_seed{SEED}.csv"


def golden_csv(name: str) -> str:
    """The CSV a golden run gives with the current model.

    ``status_quo`` is the level's own baseline decision held every turn (what the debrief
    compares against); the others are plan files, played as `virtuous-circle run` plays them.
    """
    if name == "status_quo":
        level = open_level(LEVEL)
        play = Playthrough.from_decisions(level, SEED, [level.scenario.baseline] * level.turns)
    else:
        play = run_plan(LEVEL, PLANS / f"{name}.yaml", SEED)
    return result_csv(build_result(play))


def largest_changes(name: str, top: int = 5) -> list[tuple[float, str, str, float, float]]:
    """The biggest relative differences between the stored CSV and the current model:
    (relative difference, turn, column, stored, now), largest first."""
    stored = list(csv.DictReader(io.StringIO(expected_path(name).read_text())))
    now = list(csv.DictReader(io.StringIO(golden_csv(name))))
    diffs = []
    for old_row, new_row in zip(stored, now, strict=False):
        for column, old in old_row.items():
            a, b = float(old), float(new_row.get(column, "nan"))
            scale = max(abs(a), abs(b), 1e-12)
            diffs.append((abs(a - b) / scale, old_row["turn"], column, a, b))
    return [d for d in sorted(diffs, reverse=True)[:top] if d[0] > 0]


def main(argv: list[str] | None = None) -> int:
    """Write the golden CSVs; with --check, only show how far the model has moved from them."""
    argv = sys.argv[1:] if argv is None else argv
    if "--check" in argv:
        for name in RUNS:
            changes = largest_changes(name)
            print(f"{name}: {'differs' if changes else 'identical'}")
            for rel, turn, column, old, new in changes:
                print(f"  turn {turn:>2} {column:<20} {old:>14.6g} -> {new:<14.6g} ({rel:.2%})")
        return 0
    for name in RUNS:
        path = expected_path(name)
        write_text_atomic(path, golden_csv(name))
        print(f"wrote {path.relative_to(HERE.parent.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
