"""Result files: a whole run as JSON (and CSV), and their verification by replay.

A result file holds the level, the seed and, for every turn, the decisions as
resolved, every indicator and the events that fired; then the objectives and
the score. Because the decisions are in the file, anyone can replay it and
check every number (``verify_result``), which is how a class report trusts a
handed-in file.

Format (``format_version`` 1)::

    {"format_version": 1, "level": "sandbox", "seed": 0, "events_on": false,
     "turns": [{"turn": 1, "year": 2025, "decisions": {...},
                "indicators": {"gdp": 1234.5, ..., "npl_ratio": 0.012, ...},
                "events": [{"id": "chip_ban", "choice": 2}]}, ...],
     "objectives": [{"id": "growth", "met": true, "value": 0.061, "credit": 1.0,
                     "pending": false}],
     "score": 72.5, "stars": 2}

Ratios are fractions, money is bn yuan, people are thousands; choice numbers
count from 1 as in plan files. ``level_file`` is added for a level that is not
one of the shipped ones.
"""

from __future__ import annotations

import csv
import io
import json
import math
import os
import tempfile
from pathlib import Path
from typing import Any

import numpy as np

from game.engine.schema import INDICATORS
from game.i18n import _
from game.i18n import format as fmt
from game.session.decisions import DecisionFormatError, decision_from_dict, decision_to_dict
from game.session.levels import level_reference
from game.session.playthrough import Playthrough
from game.session.report import stars_text

__all__ = [
    "RESULT_FORMAT_VERSION",
    "ResultError",
    "build_result",
    "result_json",
    "result_csv",
    "write_text_atomic",
    "read_result",
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
    level_id, level_file = level_reference(play.level)
    table = indicator_table(play) if play.log else np.zeros((0, len(INDICATORS)))
    turns = []
    for t, decision in enumerate(play.log, start=1):
        turns.append({
            "turn": t,
            "year": play.year_of(t),
            "decisions": decision_to_dict(decision),
            "indicators": {name: float(table[t - 1, i]) for i, name in enumerate(INDICATORS)},
            "events": [{"id": event, "choice": index + 1}
                       for event, index in play.fired_events(t)],
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
        "level": level_id,
        "seed": play.seed,
        "events_on": play.events_on,
        "turns": turns,
        "objectives": objectives,
        "score": float(score.points),
        "stars": int(score.stars),
    }
    if level_file:
        doc["level_file"] = level_file
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
    """Write through a temporary file and ``os.replace`` so a reader never sees half a file."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


# --- reading and verifying -----------------------------------------------------------------


def read_result(path: Path) -> dict[str, Any]:
    """Load a result file and check its shape; raises ResultError naming file and field."""
    path = Path(path)
    try:
        if path.stat().st_size > MAX_RESULT_BYTES:
            raise ResultError(_("{file}: the file is too large to be a result file.").format(
                file=path))
        doc = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise ResultError(_("{file}: no such file.").format(file=path)) from error
    except (OSError, UnicodeDecodeError) as error:
        raise ResultError(_("{file}: the file cannot be read ({reason}).").format(
            file=path, reason=error)) from error
    except RecursionError as error:
        raise ResultError(_("{file}: the file is nested too deeply to be a result file.").format(
            file=path)) from error
    except json.JSONDecodeError as error:
        raise ResultError(_("{file}:{line}: not valid JSON ({reason}); the file may be "
                            "truncated.").format(file=path, line=error.lineno,
                                                 reason=error.msg)) from error
    _check_shape(doc, path)
    return doc


def _check_shape(doc: Any, path: Path) -> None:
    def bad(field: str, problem: str) -> ResultError:
        return ResultError(_("{file}: {field}: {problem}").format(
            file=path, field=field, problem=problem))

    if not isinstance(doc, dict):
        raise bad("", _("the file does not hold a result"))
    version = doc.get("format_version")
    if version != RESULT_FORMAT_VERSION:
        raise bad("format_version", _("expected {expected}, found {found}").format(
            expected=RESULT_FORMAT_VERSION, found=version))
    if not isinstance(doc.get("level"), str):
        raise bad("level", _("missing"))
    if not isinstance(doc.get("seed"), int) or isinstance(doc.get("seed"), bool):
        raise bad("seed", _("expected a whole number"))
    if "events_on" in doc and not isinstance(doc["events_on"], bool):
        raise bad("events_on", _("expected true or false"))
    turns = doc.get("turns")
    if not isinstance(turns, list):
        raise bad("turns", _("expected a list of turns"))
    for i, turn in enumerate(turns):
        where = f"turns[{i}]"
        if not isinstance(turn, dict):
            raise bad(where, _("expected a mapping"))
        if turn.get("turn") != i + 1:
            raise bad(f"{where}.turn", _("expected {expected}").format(expected=i + 1))
        indicators = turn.get("indicators")
        if not isinstance(indicators, dict):
            raise bad(f"{where}.indicators", _("expected a mapping"))
        for name in INDICATORS:
            value = indicators.get(name)
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise bad(f"{where}.indicators.{name}", _("expected a number"))


def verify_result(path: Path | str) -> tuple[bool, str]:
    """Replay a result file's decisions and check every number in it.

    Returns (True, summary) when everything matches, else (False, the first
    mismatch with file, turn and field). Never raises for a bad file.
    """
    path = Path(path)
    try:
        doc = read_result(path)
        decisions = [decision_from_dict(t.get("decisions"), f"turns[{i}].decisions")
                     for i, t in enumerate(doc["turns"])]
    except ResultError as error:
        return False, str(error)
    except DecisionFormatError as error:
        return False, _("{file}: {field}: {problem}").format(
            file=path, field=error.field, problem=error.problem)
    from game.content.errors import ContentError
    from game.session.playthrough import DecisionError

    try:
        play = Playthrough.from_decisions(doc.get("level_file") or doc["level"], doc["seed"],
                                          decisions, doc.get("events_on"))
        if play.level.id != doc["level"]:
            return False, _("{file}: level: the file names '{named}' but its level file is "
                            "'{found}'.").format(file=path, named=doc["level"],
                                                 found=play.level.id)
        replay = build_result(play)
        mismatch = _first_difference(doc, replay)
    except ContentError as error:
        return False, _("{file}: level: the level '{level}' cannot be opened: {reason}").format(
            file=path, level=doc["level"], reason=error)
    except DecisionError as error:
        return False, _("{file}: the decisions cannot be replayed: {reason}").format(
            file=path, reason=error)
    except Exception as error:  # anything else odd in a handed-in file is still a verdict
        return False, _("{file}: the file cannot be replayed ({kind}: {reason}).").format(
            file=path, kind=type(error).__name__, reason=error)
    if mismatch:
        return False, _("{file}: {field}: the file says {claimed}, the replay gives "
                        "{actual}.").format(file=path, **mismatch)
    return True, _("{file}: verified by replay: {turns} turns of '{level}', seed {seed}, "
                   "score {score}, {stars}.").format(
        file=path, turns=len(decisions), level=doc["level"], seed=doc["seed"],
        score=fmt.number(replay["score"]), stars=stars_text(replay["stars"]))


def _first_difference(claimed: dict[str, Any], actual: dict[str, Any]) -> dict[str, str] | None:
    for i, (mine, theirs) in enumerate(zip(claimed["turns"], actual["turns"], strict=True)):
        where = f"turns[{i}]"
        if mine.get("year") != theirs["year"]:
            return _diff(f"{where}.year", mine.get("year"), theirs["year"])
        for name in INDICATORS:
            a, b = mine["indicators"][name], theirs["indicators"][name]
            if not math.isclose(a, b, rel_tol=REL_TOLERANCE, abs_tol=ABS_TOLERANCE):
                return _diff(f"{where}.indicators.{name}", a, b)
        events = mine.get("events", [])
        if events != theirs["events"]:
            return _diff(f"{where}.events", events, theirs["events"])
    for key in ("score", "stars"):
        a, b = claimed.get(key), actual[key]
        if not isinstance(a, int | float) or not math.isclose(
                a, b, rel_tol=REL_TOLERANCE, abs_tol=ABS_TOLERANCE):
            return _diff(key, a, b)
    met = {o["id"]: o["met"] for o in actual["objectives"]}
    claimed_objectives = claimed.get("objectives")
    if not isinstance(claimed_objectives, list):
        return _diff("objectives", claimed_objectives, actual["objectives"])
    claimed_met = {o.get("id"): o.get("met") for o in claimed_objectives if isinstance(o, dict)}
    if claimed_met != met:
        return _diff("objectives", claimed_met, met)
    return None


def _diff(field: str, claimed: Any, actual: Any) -> dict[str, str]:
    return {"field": field, "claimed": json.dumps(claimed), "actual": json.dumps(actual)}
