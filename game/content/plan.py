"""Plan files: a whole run's decisions for headless play (`run`, `sweep`, bots, tests).

    default:                      # every turn, unless a turn below overrides part of it
      research: {basic: 0.15, applied: 0.20, transfer: 0.10}
      credit_guidance: 0.5
      focus: {traditional: 0.3, emerging: 0.5, digital: 0.2}
      pilots: [tech_transfer_reform]
    turns:
      5: {research: {basic: 0.05}}  # merged onto turn 4; 1-based: turn 1 is the first year

Shares are fractions of each turn's budget and may add up to at most 1. A lever
the level does not offer is an error; in `turns:` so is one still locked that
turn. Until a lever, dial or pilot zones unlock, the status quo (the level's
baseline) holds. A budget lever `default` leaves out is 0; a dial it leaves
out keeps the baseline setting. Event choices are numbered from 1.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field

from game.content.decisions import budget_violations, replace
from game.content.errors import ContentError, Problem
from game.content.level_format import DecisionSpec, Identifier, Strict
from game.content.model_errors import validate_model
from game.content.yaml_source import Source, load_yaml_file, load_yaml_text
from game.i18n import _

__all__ = ["PlanError", "PlanFile", "load_plan", "load_plan_text", "resolve_plan"]


class PlanError(ContentError):
    """Every problem of a plan file, each with file, line and field."""


class PlanFile(Strict):
    format_version: Literal[1] = 1
    level: Identifier | None = None  # optional: the level the plan was written for
    default: DecisionSpec = DecisionSpec()
    turns: dict[Annotated[int, Field(ge=1, le=100)], DecisionSpec] = {}


def load_plan(path: Path | str, level) -> list:
    """Read a plan file for `level`: one engine TurnDecision per turn; raises PlanError."""
    try:
        source = load_yaml_file(path)
    except ContentError as err:
        raise PlanError(err.problems) from None
    return resolve_plan(source, level)


def load_plan_text(text: str, level, file: str = "<plan>") -> list:
    try:
        source = load_yaml_text(text, file)
    except ContentError as err:
        raise PlanError(err.problems) from None
    return resolve_plan(source, level)


def resolve_plan(source: Source, level) -> list:
    spec, problems = validate_model(PlanFile, source)
    if spec is None:
        raise PlanError(problems)
    if spec.level is not None and spec.level != level.id:
        problems.append(source.problem(("level",), _(
            "this plan is for the level '{plan}', not '{level}'").format(
            plan=spec.level, level=level.id)))
    for turn in spec.turns:
        if turn > level.turns:
            problems.append(source.problem(("turns", turn), _(
                "turn {turn} is after the last turn ({turns})").format(
                turn=turn, turns=level.turns), key=True))
    rules = level.rules
    # A budget lever `default` leaves out is 0; a dial it leaves out keeps the baseline setting.
    start = replace(level.baseline, shares={lever: 0.0 for lever in level.baseline.shares},
                    pilots=(), choices={}, scale_up=())
    current, issues = rules.merge(spec.default, start, None, ("default",))
    decisions = []
    for turn in range(1, level.turns + 1):
        where = ("default",)
        if turn in spec.turns:
            where = ("turns", turn)
            current, more = rules.merge(spec.turns[turn], current, turn, where)
            issues += more
        played = rules.hold(current, turn)
        issues += budget_violations(played, where)
        decisions.append(rules.coerce(played, turn))
    problems += [source.problem(path, message, hint) for path, message, hint in issues]
    if problems:
        raise PlanError(_dedupe(problems))
    return decisions


def _dedupe(problems: list[Problem]) -> list[Problem]:
    seen: set[tuple] = set()
    unique = []
    for problem in problems:
        key = (problem.line, problem.column, problem.field, problem.message)
        if key not in seen:
            seen.add(key)
            unique.append(problem)
    return unique
