"""The strict model of a result file as a verifier reads it (``game.session.verify``).

A handed-in result file is hostile until replayed: it is read with the one defensive reader
(``game.files.reader``: regular file, size cap, strict JSON) and then checked field by field by
these strict pydantic models — no string taken for a number, no ``true`` for a 1, no key this
version of the game does not write. A refusal names the field (``turns[3].indicators.gdp``),
never its value. What the file *claims* (numbers, events, objectives, score) is only typed
here; ``verify`` compares it with the replay of its decisions.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, create_model

from game.content.decisions import DecisionRecord
from game.content.level_format import Identifier
from game.content.vocabulary import LeverName
from game.engine.schema import INDICATORS

__all__ = ["ResultFile", "ResultTurn", "EventRecord", "ObjectiveRecord", "SessionRecord",
           "MAX_SEED", "MAX_TURNS"]

MAX_SEED = 2**64 - 1
MAX_TURNS = 100  # a level has at most 40 turns; a longer list is not a run of this game

Number = Annotated[float, Field(allow_inf_nan=False)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, allow_inf_nan=False)


#: Indicators added after format version 1 was first written: a file made by an older game
#: lacks them, and is then refused for its level fingerprint (an older engine), which names the
#: real reason, instead of for a missing field.
ADDED_LATER = frozenset({"loans_at_risk"})

#: Every indicator of the engine, each a finite number (an int is a number; a bool is not).
Indicators = create_model(  # type: ignore[call-overload]
    "Indicators", __base__=_Strict,
    **{name: ((Number | None, None) if name in ADDED_LATER else (Number, ...)) for name in INDICATORS})


class EventRecord(_Strict):
    id: Identifier
    choice: Annotated[int, Field(ge=1, le=10)]


class ResultTurn(_Strict):
    turn: Annotated[int, Field(ge=1, le=MAX_TURNS)]
    year: Annotated[int, Field(ge=1900, le=2300)]
    decisions: DecisionRecord
    indicators: Indicators  # type: ignore[valid-type]
    events: list[EventRecord] = []
    # written for teachers, derived from the decisions, never trusted: typed, not compared
    budget: Number | None = None
    spending: dict[LeverName, Number] | None = None
    explanation: dict[str, Any] | None = None


class ObjectiveRecord(_Strict):
    id: Identifier
    met: bool
    value: Number | None = None
    credit: Number | None = None
    pending: bool = False


class SessionRecord(_Strict):
    id: Annotated[str, Field(max_length=64)]
    hash: Annotated[str, Field(max_length=100)]


class ResultFile(_Strict):
    format_version: Literal[1]
    level: Identifier
    level_hash: Annotated[str, Field(max_length=100)] | None = None  # missing: refused by verify
    seed: Annotated[int, Field(ge=0, le=MAX_SEED)]
    events_on: bool | None = None
    session: SessionRecord | None = None
    turns: Annotated[list[ResultTurn], Field(max_length=MAX_TURNS)]
    objectives: list[ObjectiveRecord]
    score: Number
    stars: Annotated[int, Field(ge=0, le=3)]
