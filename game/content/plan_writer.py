"""Write decisions back as a plan file (GAME.md's format), the inverse of `load_plan`.

The first turn becomes `default:`; a later turn lists only what changed from the
turn before, so a plan that holds its course stays one block long. A roll-out
(`scale_up`) is written in the turn it happens and cleared in the next, as the game
logs it (a plan file's turn carries over to the turns after it).
"""

from __future__ import annotations

from collections.abc import Sequence

import yaml

from game.engine.schema import LEVER_GROUPS, SECTORS

__all__ = ["plan_document", "plan_yaml"]


def _round(value: float) -> float:
    return round(float(value), 4)


def _blocks(decision) -> dict:
    block: dict = {}
    for group, levers in LEVER_GROUPS.items():
        block[group] = {lever: _round(decision.shares.get(lever, 0.0)) for lever in levers}
    block["credit_guidance"] = _round(decision.credit_guidance)
    block["focus"] = {s: _round(decision.focus.get(s, 0.0)) for s in SECTORS}
    block["fund_horizon"] = _round(decision.fund_horizon)
    block["pilots"] = sorted(decision.pilots)
    block["scale_up"] = sorted(decision.scale_up)
    if decision.choices:
        block["choices"] = {event: int(index) + 1 for event, index in sorted(decision.choices.items())}
    return block


def _changes(now: dict, before: dict) -> dict:
    changed: dict = {}
    for key, value in now.items():
        if isinstance(value, dict) and isinstance(before.get(key), dict):
            diff = {k: v for k, v in value.items() if before[key].get(k) != v}
            if diff:
                changed[key] = diff
        elif before.get(key) != value:
            changed[key] = value
    return changed


def plan_document(level_id: str, decisions: Sequence) -> dict:
    """A plan-file mapping for `decisions` (engine TurnDecisions, one per turn)."""
    doc: dict = {"format_version": 1, "level": level_id}
    if not decisions:
        return doc
    previous = _blocks(decisions[0])
    doc["default"] = {k: v for k, v in previous.items() if k != "scale_up" or v}
    turns: dict = {}
    for number, decision in enumerate(decisions[1:], start=2):
        block = _blocks(decision)
        changed = _changes(block, previous)
        if changed:
            turns[number] = changed
        previous = block
    if turns:
        doc["turns"] = turns
    return doc


def plan_yaml(level_id: str, decisions: Sequence) -> str:
    return yaml.safe_dump(plan_document(level_id, decisions), sort_keys=False, allow_unicode=True)
