"""Result files: a whole run as JSON (and CSV), and their verification by replay.

A result file holds the level, the seed and, for every turn, the decisions as
resolved, every indicator and the events that fired; then the objectives and
the score. Because the decisions are in the file, anyone can replay it and
check every number (``verify_result``), which is how a class report trusts a
handed-in file.

Format (``format_version`` 1)::

    {"format_version": 1, "level": "sandbox", "level_hash": "sha256:…", "seed": 0,
     "events_on": false, "session": {"id": "…", "hash": "sha256:…"},
     "turns": [{"turn": 1, "year": 2025, "decisions": {...},
                "indicators": {"gdp": 1234.5, ..., "npl_ratio": 0.012, ...},
                "budget": 52.5, "spending": {"basic": 4.2, ..., "rd_tax_credit": 0.0},
                "events": [{"id": "chip_ban", "choice": 2}]}, ...],
     "objectives": [{"id": "growth", "met": true, "value": 0.061, "credit": 1.0,
                     "pending": false}],
     "score": 72.5, "stars": 2}

Ratios are fractions, money is bn yuan, people are thousands; choice numbers
count from 1 as in plan files. ``level_hash`` is the level's fingerprint
(``game.session.fingerprint``): a verifier replays against the shipped level of
that id, or a level file the teacher names, and refuses a level whose content
differs. ``session`` (``{"id", "hash"}``) names the session pack the run was
started from, if any. No path to a level file is stored: a verifier would never
trust one.
"""

from __future__ import annotations

import csv
import io
import json
import math
from pathlib import Path
from typing import Any

import numpy as np

from game.content.decisions import record_of
from game.engine.schema import INDICATORS, LEVERS
from game.session.fingerprint import level_fingerprint
from game.session.playthrough import Playthrough
from game.session.report import explanation_record

__all__ = [
    "RESULT_FORMAT_VERSION",
    "ResultError",
    "build_result",
    "result_json",
    "result_csv",
    "write_text_atomic",
    "verify_result",
]

RESULT_FORMAT_VERSION = 1
#: Relative and absolute tolerance when checking a handed-in number against the replay.
REL_TOLERANCE = 1e-9
ABS_TOLERANCE = 1e-9
MAX_RESULT_BYTES = 20_000_000


class ResultError(Exception):
    """A result file is unreadable or malformed; ``str(error)`` names the file and field."""


def indicator_table(play: Playthrough) -> np.ndarray:
    """(turns played, len(INDICATORS)) of the run; ``score`` is the running score."""
    return np.asarray(play.result().indicators[:, 0, :], dtype=float)


def build_result(play: Playthrough) -> dict[str, Any]:
    """The result document of a playthrough (usually a finished one)."""
    table = indicator_table(play) if play.log else np.zeros((0, len(INDICATORS)))
    run = play.result() if play.log else None
    turns = []
    for t, decision in enumerate(play.log, start=1):
        turns.append({
            "turn": t,
            "year": play.year_of(t),
            "decisions": record_of(decision),
            "indicators": {name: float(table[t - 1, i]) for i, name in enumerate(INDICATORS)},
            # What the turn cost, in bn yuan: the S&T budget and its spending by lever (as resolved).
            "budget": float(run.st_budget[t - 1, 0]),
            "spending": {lever: float(run.spending[t - 1, 0, k]) for k, lever in enumerate(LEVERS)},
            "events": [{"id": event, "choice": index + 1}
                       for event, index in play.fired_events(t)],
            # Per headline indicator: actual, no new policy and the parts that add up to the
            # gap (game.session.report.explanation_record). verify_result ignores it: it is
            # derived from the decisions it replays.
            "explanation": explanation_record(play, t),
        })
    score = play.score()
    objectives = []
    if score.details is not None:
        objectives = [
            {"id": r.id, "met": r.met, "value": _json_number(r.value), "credit": r.credit,
             "pending": r.pending}
            for r in score.details.objectives
        ]
    doc: dict[str, Any] = {
        "format_version": RESULT_FORMAT_VERSION,
        "level": play.level.id,
        "level_hash": level_fingerprint(play.level),
        "seed": play.seed,
        "events_on": play.events_on,
        "turns": turns,
        "objectives": objectives,
        "score": float(score.points),
        "stars": int(score.stars),
    }
    pack = getattr(play, "pack", None)
    if pack is not None:
        doc["session"] = {"id": pack.id, "hash": pack.fingerprint()}
    return doc


def _json_number(value: float) -> float | None:
    return float(value) if math.isfinite(value) else None


def result_json(doc: dict[str, Any]) -> str:
    return json.dumps(doc, indent=1, ensure_ascii=False, allow_nan=False) + "\n"


def result_csv(doc: dict[str, Any]) -> str:
    """Every indicator per turn: columns ``turn, year`` and then INDICATORS in order."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["turn", "year", *INDICATORS])
    for turn in doc["turns"]:
        writer.writerow([turn["turn"], turn["year"],
                         *(repr(float(turn["indicators"][name])) for name in INDICATORS)])
    return out.getvalue()


def write_text_atomic(path: Path, text: str) -> None:
    """The game's one atomic write (game.files.atomic); raises FileProblem with a reason."""
    from game.files.atomic import write_atomically

    write_atomically(Path(path), text)


# --- verifying ------------------------------------------------------------------------------


def verify_result(path: Path | str, level_files: tuple[str | Path, ...] = (),
                  pack=None) -> tuple[bool, str]:
    """Replay one result file's decisions and check every number in it
    (``game.session.verify``: the shipped levels, or the level files named here).

    Returns (True, summary) or (False, what does not match). Never raises for a bad file.
    """
    from game.session.verify import LevelTable, verify_paths

    verdict = verify_paths([path], LevelTable(level_files), pack).verdicts[0]
    return verdict.verified, verdict.message
