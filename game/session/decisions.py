"""Decisions in saves and result files: `game.content.decisions` (DecisionRecord, record_of).

Kept only so that code written against the old names still imports; new code uses
`game.content.decisions` directly, and this module goes once nothing imports it.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from game.content.decisions import DecisionRecord, record_of
from game.engine import TurnDecision
from game.i18n import _

__all__ = ["DecisionFormatError", "decision_to_dict", "decision_from_dict"]


class DecisionFormatError(ValueError):
    """A stored decision is malformed; ``field`` is the dotted path of the bad value."""

    def __init__(self, field: str, problem: str):
        super().__init__(f"{field}: {problem}")
        self.field = field
        self.problem = problem


decision_to_dict = record_of


def decision_from_dict(data: Any, where: str = "decision") -> TurnDecision:
    """A TurnDecision from plain data (DecisionRecord); DecisionFormatError names the field."""
    try:
        return DecisionRecord.model_validate(data).to_engine()
    except ValidationError as error:
        first = error.errors(include_url=False)[0]
        field = ".".join([where, *(str(part) for part in first["loc"])])
        raise DecisionFormatError(field, _("it has the wrong type or form or is out of range")
                                  ) from None
