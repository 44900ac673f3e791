"""Golden runs: a level, a seed and a plan, stored as the expected CSV of every indicator.

A change to the model shows up as a reviewed diff of these files
(ENGINEERING.md, practice 10). Regenerate after an intended model change with

    .venv/bin/python -m tests.golden.regen

and read `git diff tests/golden/` before committing.
"""

from __future__ import annotations

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


def main() -> int:
    for name in RUNS:
        path = expected_path(name)
        write_text_atomic(path, golden_csv(name))
        print(f"wrote {path.relative_to(HERE.parent.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
