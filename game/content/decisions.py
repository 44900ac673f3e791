"""One turn's decision: its stored form and the one set of rules that says what a level allows.

Three shapes, each with one job:

- the engine's frozen ``TurnDecision`` (plain values, choices counted from 0) is what is
  played, logged and replayed;
- ``DecisionRecord`` is the strict pydantic model of a decision in a file (saves, result
  files): every lever, dial and sector named, choices counted from 1 as in plan files;
- ``DecisionSpec`` (level_format) is its partial form: a level's baseline or one turn of
  a plan file, merged onto the turn before by ``Rules.merge``.

``Rules`` is built from a level and holds its one tolerance. ``violations(decision, turn)``
lists what the level does not allow (with a field path for file messages);
``coerce(decision, turn)`` makes a decision fit (locked parts at the status quo, shares
scaled into the budget, pilots known and capped). Plans, bots, saves, result files, the
playthrough and the screens all use these, so a new lever or dial is added here once.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

from pydantic import ValidationError, field_validator

from game.content.errors import FieldPath, unknown_name_hint
from game.content.level_format import (
    ChoiceNumber,
    DecisionSpec,
    FundHorizon,
    Identifier,
    Share,
    Strict,
)
from game.content.vocabulary import LeverName, SectorName
from game.engine import TurnDecision
from game.engine.schema import (
    FUND_HORIZON_DEFAULT,
    FUND_HORIZON_RANGE,
    LEVER_GROUPS,
    LEVERS,
    SECTORS,
)
from game.files.reader import field_path
from game.i18n import _

__all__ = [
    "TOLERANCE", "DecisionFormatError", "DecisionRecord", "Rules", "Violation", "budget_violations", "record_of",
    "replace", "status_quo_rules",
]

#: The one tolerance of every decision check: two settings closer than this are the same
#: (a status quo restated in a file), and shares adding up to at most this much above the
#: budget are rounding (plan files write four decimals) and are scaled to fit it exactly.
TOLERANCE = 1e-3



class DecisionFormatError(ValueError):
    """A stored decision is malformed; ``field`` is the dotted path of the bad value."""

    def __init__(self, field: str, problem: str):
        super().__init__(f"{field}: {problem}")
        self.field = field
        self.problem = problem


class DecisionRecord(Strict):
    """A whole decision as stored in saves and result files (files written before a field
    existed still load: it takes the value that meant what the file meant)."""

    shares: dict[LeverName, Share] = {}
    credit_guidance: Share = 0.0
    focus: dict[SectorName, Share] = {}
    pilots: list[Identifier] = []
    choices: dict[Identifier, ChoiceNumber] = {}  # event id -> choice number, from 1
    fund_horizon: FundHorizon = FUND_HORIZON_DEFAULT
    scale_up: list[Identifier] = []

    @field_validator("shares")
    @classmethod
    def _within_budget(cls, shares: dict[str, float]) -> dict[str, float]:
        """Shares of one budget add up to at most 1 in any level: more is a damaged file."""
        for problem in budget_violations(TurnDecision(shares=shares)):
            raise ValueError(problem.message)
        return shares

    @classmethod
    def parse(cls, data: object, where: str = "decision") -> TurnDecision:
        """A decision read from a file's plain data; DecisionFormatError names the bad field
        (``decisions[3].shares.basic``) without echoing its value."""
        try:
            return cls.model_validate(data).to_engine()
        except ValidationError as error:
            path = field_path(error.errors(include_url=False)[0]["loc"])
            field = where + ("" if not path or path.startswith("[") else ".") + path
            raise DecisionFormatError(field, _(
                "it has the wrong type or form or is out of range")) from None

    def to_engine(self) -> TurnDecision:
        return TurnDecision(
            shares={lever: float(self.shares.get(lever, 0.0)) for lever in LEVERS},
            credit_guidance=float(self.credit_guidance),
            focus={sector: float(self.focus.get(sector, 0.0)) for sector in SECTORS},
            pilots=tuple(sorted(set(self.pilots))),
            choices={event: number - 1 for event, number in self.choices.items()},
            fund_horizon=float(self.fund_horizon),
            scale_up=tuple(sorted(set(self.scale_up))),
        )


def record_of(decision: TurnDecision) -> dict:
    """A decision as plain data for a file, in a stable order; floats exact (JSON keeps them)."""
    return {
        "shares": {lever: float(decision.shares.get(lever, 0.0)) for lever in LEVERS},
        "credit_guidance": float(decision.credit_guidance),
        "focus": {sector: float(decision.focus.get(sector, 0.0)) for sector in SECTORS},
        "pilots": sorted(decision.pilots),
        "choices": {event: int(index) + 1 for event, index in sorted(decision.choices.items())},
        "fund_horizon": float(decision.fund_horizon),
        "scale_up": sorted(decision.scale_up),
    }


def replace(decision: TurnDecision, **changes) -> TurnDecision:
    """A copy with some fields changed (decisions are never edited in place)."""
    return dataclasses.replace(decision, **changes)


class Violation(NamedTuple):
    """Something a level does not allow: where (a field path, for file messages), what, a hint."""

    path: FieldPath
    message: str
    hint: str = ""


@dataclass(frozen=True)
class Rules:
    """What a level lets a player decide, and from which turn (1-based)."""

    levers: tuple[str, ...]
    dials: tuple[str, ...]
    pilots: tuple[str, ...]
    max_pilots: int
    unlock_turn: dict[str, int]  # lever, dial or "pilots" -> first turn it may be used
    event_choices: dict[str, int]  # event id -> number of choices (0 when none)
    #: the region's status quo: what holds where the player may not decide, and what a file
    #: may restate for a lever or dial the player cannot use
    baseline: TurnDecision | None = None

    # --- what is open -----------------------------------------------------------------

    def offers(self, name: str) -> bool:
        """Whether the level lets the player use a lever, a dial or "pilots" at all."""
        if name == "pilots":
            return bool(self.pilots)
        return name in self.levers or name in self.dials

    def open_at(self, name: str, turn: int | None) -> bool:
        """Offered, and unlocked at `turn` (None: any turn, no unlock check)."""
        return self.offers(name) and (turn is None or turn >= self.unlock_turn.get(name, 1))

    def refusal(self, name: str, turn: int | None) -> Violation | None:
        """Why the player may not change a lever, a dial or "pilots" at `turn` (None: may)."""
        if name not in LEVERS and name not in ("credit_guidance", "focus", "fund_horizon",
                                               "pilots"):
            return Violation((name,), _("there is no lever or dial called '{name}'").format(
                name=name), unknown_name_hint(name, (*LEVERS, *self.dials)))
        if not self.offers(name):
            return Violation((name,), _not_offered(name))
        if not self.open_at(name, turn):
            return Violation((name,), _locked(name, self.unlock_turn.get(name, 1)))
        return None

    # --- checking and fitting a whole decision ------------------------------------------

    def violations(self, decision: TurnDecision, turn: int | None = None) -> list[Violation]:
        """Everything in `decision` the level does not allow at `turn` (None: any turn).

        What the player may not change (not offered, or locked at `turn`) must hold the
        status quo, within TOLERANCE.
        """
        found = [Violation(("shares", lever), _("unknown lever '{name}'").format(name=lever),
                           unknown_name_hint(lever, LEVERS))
                 for lever in decision.shares if lever not in LEVERS]
        found += self._held(decision, turn)
        found += budget_violations(decision)
        found += _focus_violations(decision.focus)
        low, high = FUND_HORIZON_RANGE
        if not low - TOLERANCE <= decision.fund_horizon <= high + TOLERANCE:
            found.append(Violation(("fund_horizon",), _(
                "the fund life must be {low:.0f} to {high:.0f} years, found {value}").format(
                low=low, high=high, value=decision.fund_horizon)))
        found += self._pilot_violations(decision.pilots, ("pilots",))
        found += self._pilot_violations(decision.scale_up, ("scale_up",), cap=False)
        found += self._choice_violations(decision.choices)
        return found

    def coerce(self, decision: TurnDecision, turn: int | None = None) -> TurnDecision:
        """The nearest decision the level allows at `turn`: locked parts at the status quo,
        the open levers scaled down so the shares fit the budget, only the level's pilots
        (at most `max_pilots`, in a fixed order), the fund life within its range."""
        held = self.hold(decision, turn)
        shares = {lever: float(held.shares.get(lever, 0.0)) for lever in LEVERS}
        free = [lv for lv in LEVERS if self.open_at(lv, turn)]
        fixed = sum(v for lv, v in shares.items() if lv not in free)
        wanted = sum(shares[lv] for lv in free)
        room = max(0.0, 1.0 - fixed)
        if wanted > room:
            for lever in free:
                shares[lever] *= room / wanted
        pilots = tuple(sorted(dict.fromkeys(p for p in held.pilots if p in self.pilots)))
        low, high = FUND_HORIZON_RANGE
        return replace(held, shares=shares, pilots=pilots[: self.max_pilots],
                       scale_up=tuple(sorted({p for p in held.scale_up if p in self.pilots})),
                       fund_horizon=min(max(float(held.fund_horizon), low), high))

    # --- the partial form (a level's baseline, a turn of a plan file) ---------------------

    def merge(self, spec: DecisionSpec, previous: TurnDecision, turn: int | None,
              path: FieldPath) -> tuple[TurnDecision, list[Violation]]:
        """`spec` merged onto `previous`: what it does not mention keeps its setting. Using
        what is not offered, or locked at `turn` (None: no unlock check), is a violation
        unless it restates the status quo."""
        issues: list[Violation] = []
        shares = dict(previous.shares)
        for group in LEVER_GROUPS:
            given = getattr(spec, group)
            for lever, value in (given.model_dump(exclude_none=True) if given else {}).items():
                if self._may_set(lever, value, turn, (*path, group, lever), issues):
                    shares[lever] = value
        changes: dict = {"shares": shares}
        for dial in ("credit_guidance", "fund_horizon"):
            value = getattr(spec, dial)
            if value is not None and self._may_set(dial, value, turn, (*path, dial), issues):
                changes[dial] = float(value)
        if spec.focus is not None:
            focus = {s: spec.focus.get(s, 0.0) for s in SECTORS}
            problems = _focus_violations(focus, (*path, "focus"))
            issues += problems
            if not problems and self._may_set("focus", focus, turn, (*path, "focus"), issues):
                total = sum(focus.values())
                changes["focus"] = {s: focus[s] / total for s in SECTORS}
        for field in ("pilots", "scale_up"):
            ids = getattr(spec, field)
            if ids is not None:
                changes[field] = self._merge_pilots(ids, field, turn, (*path, field), issues)
        if spec.choices is not None:
            choices = {event: number - 1 for event, number in spec.choices.items()}
            problems = self._choice_violations(choices, (*path, "choices"))
            issues += problems
            if not problems:
                changes["choices"] = {**previous.choices, **choices}
        return replace(previous, **changes), issues

    # --- internals ----------------------------------------------------------------------

    def _is_status_quo(self, name: str, value) -> bool:
        if self.baseline is None:
            return False
        if name in LEVERS:
            return _close(value, self.baseline.shares.get(name, 0.0))
        if name == "focus":
            return all(_close(value.get(s, 0.0), self.baseline.focus.get(s, 0.0)) for s in SECTORS)
        if name == "pilots":
            return set(value) == set(self.baseline.pilots)
        return _close(value, getattr(self.baseline, name))

    def _may_set(self, name: str, value, turn: int | None, where: FieldPath,
                 issues: list[Violation]) -> bool:
        if self.open_at(name, turn) or self._is_status_quo(name, value):
            return True
        if name in LEVERS and value == 0:
            return False  # nothing spent where the player may not spend: nothing to say
        refusal = self.refusal(name, turn)
        issues.append(Violation(where, refusal.message, refusal.hint))
        return False

    def _held(self, decision: TurnDecision, turn: int | None) -> list[Violation]:
        """What may not be changed at `turn` but differs from the status quo."""
        found = []
        values = {**{lever: decision.shares.get(lever, 0.0) for lever in LEVERS},
                  "credit_guidance": decision.credit_guidance, "focus": decision.focus,
                  "fund_horizon": decision.fund_horizon, "pilots": decision.pilots}
        for name, value in values.items():
            if not self.open_at(name, turn) and not self._is_status_quo(name, value):
                refusal = self.refusal(name, turn)
                found.append(Violation((_field(name),), refusal.message, refusal.hint))
        if decision.scale_up and not self.open_at("pilots", turn):
            found.append(Violation(("scale_up",), self.refusal("pilots", turn).message))
        return found

    def hold(self, decision: TurnDecision, turn: int | None) -> TurnDecision:
        """`decision` with everything the player may not change at `turn` at the status quo."""
        base = self.baseline or TurnDecision()
        shares = {lever: (decision.shares.get(lever, 0.0) if self.open_at(lever, turn)
                          else base.shares.get(lever, 0.0)) for lever in LEVERS}
        kept = {name: getattr(decision if self.open_at(name, turn) else base, name)
                for name in ("credit_guidance", "focus", "fund_horizon")}
        pilots_open = self.open_at("pilots", turn)
        return replace(decision, shares=shares, focus=dict(kept.pop("focus")), **kept,
                       pilots=tuple(decision.pilots if pilots_open else base.pilots),
                       scale_up=tuple(decision.scale_up) if pilots_open else ())

    def _merge_pilots(self, ids: Iterable[str], field: str, turn: int | None, where: FieldPath,
                      issues: list[Violation]) -> tuple[str, ...]:
        ids = list(ids)
        if field == "pilots" and self._is_status_quo("pilots", ids):
            return tuple(ids)
        if ids and not self.open_at("pilots", turn):
            issues.append(Violation(where, self.refusal("pilots", turn).message))
            return ()
        problems = self._pilot_violations(ids, where, cap=field == "pilots")
        issues += problems
        chosen = tuple(dict.fromkeys(p for p in ids if p in self.pilots))
        return chosen[: self.max_pilots] if field == "pilots" else chosen

    def _pilot_violations(self, ids: Iterable[str], where: FieldPath,
                          cap: bool = True) -> list[Violation]:
        found, seen = [], set()
        for i, pilot in enumerate(ids):
            if pilot not in self.pilots:
                found.append(Violation((*where, i), _(
                    "the pilot zone '{pilot}' is not available in this level").format(pilot=pilot),
                    unknown_name_hint(pilot, self.pilots)))
            elif pilot in seen:
                found.append(Violation((*where, i), _(
                    "the pilot zone '{pilot}' is listed twice").format(pilot=pilot)))
            seen.add(pilot)
        if cap and len(seen & set(self.pilots)) > self.max_pilots:
            found.append(Violation(where, _(
                "at most {count} pilot zones can run at once in this level").format(
                count=self.max_pilots)))
        return found

    def _choice_violations(self, choices: dict[str, int],
                           where: FieldPath = ("choices",)) -> list[Violation]:
        found = []
        for event, index in choices.items():
            count = self.event_choices.get(event)
            if count is None:
                found.append(Violation((*where, event), _("unknown event '{event}'").format(
                    event=event), unknown_name_hint(event, self.event_choices)))
            elif not 0 <= index < max(count, 1):
                found.append(Violation((*where, event), _(
                    "the event '{event}' has {count} choices, not {number}").format(
                    event=event, count=count, number=index + 1)))
        return found


def status_quo_rules(pilots: tuple[str, ...], max_pilots: int) -> Rules:
    """The rules a level's own baseline is read with: the status quo may spend on every
    lever and set every dial, whatever the player will be offered."""
    return Rules(levers=LEVERS, dials=("credit_guidance", "focus", "fund_horizon"),
                 pilots=pilots, max_pilots=max_pilots, unlock_turn={}, event_choices={})


def budget_violations(decision: TurnDecision, where: FieldPath = ("shares",)) -> list[Violation]:
    """Budget shares are fractions of the turn's budget: together at most 1 (within TOLERANCE;
    `Rules.coerce` scales what is within it to fit exactly)."""
    total = sum(decision.shares.values())
    if total > 1.0 + TOLERANCE:
        return [Violation(where, _("the budget shares add up to {total:.3f}, more than 1").format(
            total=total), _("lower some shares; what is not spent goes to the reserve"))]
    return []


def _focus_violations(focus, where: FieldPath = ("focus",)) -> list[Violation]:
    total = sum(focus.values())
    if abs(total - 1.0) > TOLERANCE:
        return [Violation(where, _("the focus shares must add up to 1, found {total:.3f}").format(
            total=total))]
    return []


def _not_offered(name: str) -> str:
    if name in LEVERS:
        return _("the lever '{lever}' is not available in this level").format(lever=name)
    if name == "pilots":
        return _("this level has no pilot zones")
    return _("the dial '{dial}' is not available in this level").format(dial=name)


def _locked(name: str, turn: int) -> str:
    if name in LEVERS:
        return _("the lever '{lever}' is locked until turn {turn}").format(lever=name, turn=turn)
    if name == "pilots":
        return _("pilot zones are locked until turn {turn}").format(turn=turn)
    return _("the dial '{dial}' is locked until turn {turn}").format(dial=name, turn=turn)


def _field(name: str) -> str:
    return f"shares.{name}" if name in LEVERS else name


def _close(a, b) -> bool:
    return math.isclose(float(a), float(b), rel_tol=0.0, abs_tol=TOLERANCE)
