"""A level's fingerprint: the SHA-256 of what decides a run's numbers and its score.

Result files and session packs name a level by id *and* this hash, so a class
report can tell the shipped level from a doctored copy with the same id.

What is hashed (canonical JSON: sorted keys, floats in Python's shortest exact
``repr``, no spaces) is the compiled engine scenario with the level's events
(parameters, starting state, turns, status quo, pilots, events), the objectives
without their text, the star bands, the rules (levers, dials, unlock turns) and the engine's revision
(``ENGINE_REVISION``: the same plan gives other numbers on another revision).
Titles, stories and translations are left out on purpose: correcting a sentence
does not invalidate the students' files, changing a number does.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from typing import Any

from game.engine.schema import ENGINE_REVISION

__all__ = ["level_fingerprint", "short"]


def level_fingerprint(level) -> str:
    """``sha256:<64 hex digits>`` of the level's rules and numbers (cached on the level)."""
    cached = level.__dict__.get("_fingerprint")
    if cached is not None:
        return cached
    scenario = level.scenario_for(bool(level.events))
    content: dict[str, Any] = {
        "engine": ENGINE_REVISION,
        "scenario": dataclasses.asdict(scenario),
        # `over` only when it is set, so a level written before it existed keeps its hash
        "objectives": [o.model_dump(exclude={"text"} | ({"over"} if o.over == 1 else set()))
                       for o in level.objectives],
        "stars": list(level.stars),
        "levers": list(level.levers),
        "dials": list(level.dials),
        "unlock_turn": dict(level.unlock_turn),
        "optional_events": bool(level.optional_events),
    }
    text = json.dumps(content, sort_keys=True, separators=(",", ":"), default=repr,
                      allow_nan=True, ensure_ascii=True)
    digest = "sha256:" + hashlib.sha256(text.encode("ascii")).hexdigest()
    level.__dict__["_fingerprint"] = digest  # Level is frozen; scenario_for caches the same way
    return digest


def short(fingerprint: str) -> str:
    """The first 12 hex digits, enough for a person to compare two fingerprints."""
    return fingerprint.split(":", 1)[-1][:12]
