"""One playthrough of a level: the decision log, the editable draft, and replay.

The only state is the level, the seed, the log of ended turns and the draft of the
current turn. Every number shown (results, forecast, baseline, attribution,
score) comes from replaying that log through ``game.engine.simulate``, so a
save, a replay and a handed-in result file all give the same numbers.

The draft changes only through the methods below; each change pushes the
previous draft onto the one undo stack, which ``end_turn`` clears. Several changes
made as one gesture (a slider drag, a preset) are one undo step:
``with play.gesture(): ...`` (or ``begin_gesture``/``end_gesture`` around a drag).
"""

from __future__ import annotations

import dataclasses
import json
import math
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from game.content.decisions import TOLERANCE, Rules, Violation, record_of
from game.content.decisions import replace as _replace
from game.content.levels import Level
from game.engine import Attribution, EventSpec, Plan, RunResult, TurnDecision, attribute
from game.engine import pending_events as engine_pending_events
from game.engine.schema import FUND_HORIZON_RANGE, INDICATOR_INDEX, SECTORS
from game.i18n import _
from game.session.levels import LevelTable, open_level
from game.session.saves import SaveData, SaveError, new_game_id, save_level, save_name

if TYPE_CHECKING:
    from game.session.report import TurnReport

__all__ = ["Playthrough", "DecisionError", "Score"]

class DecisionError(ValueError):
    """A draft change the level does not allow; ``str(error)`` is a message for players."""


@dataclass(frozen=True)
class Score:
    """The level's verdict on a run: points, stars (0–3) and each objective met or missed."""

    points: float
    stars: int
    met: tuple[str, ...]
    missed: tuple[str, ...]
    pending: tuple[str, ...] = ()  # objectives whose turn has not come yet
    details: Any = None  # the content layer's full evaluation, for the debrief


class Playthrough:
    """A level being played. Build with ``Playthrough.new(level, seed)``."""

    def __init__(self, level: Level, seed: int, events_on: bool | None = None):
        # Decisions enter the log only through end_turn, which checks them: a playthrough
        # with turns already played is built by replaying them (from_decisions).
        self.level = level
        #: whether the level's events happen (a level with optional events lets the player choose)
        self.events_on = level.events_on if events_on is None else bool(events_on) and bool(level.events)
        self.scenario = level.scenario_for(self.events_on)
        self.seed = int(seed)
        if self.seed < 0:
            raise ValueError(f"the seed must be 0 or more, not {seed}")
        #: names this game's autosave; a loaded autosave keeps its game's id
        self.game_id = new_game_id()
        self.log: list[TurnDecision] = []
        self._draft: TurnDecision = self._next_draft()
        self._undo: list[TurnDecision] = []
        self._gesture_depth = 0
        self._gesture_start: TurnDecision | None = None  # the draft before an open gesture
        self._cache: dict[tuple[str, ...], Any] = {}
        #: Whether each "predict, then reveal" guess was right, in order (kept in saves).
        self.predictions: list[bool] = []
        #: The session pack this game was started from (game.session.packs), kept in saves.
        self.pack = None
        #: Loaded from a save made on an earlier version of this level (its fingerprint differs):
        #: the decisions were replayed on the level as it is now.
        self.level_changed = False

    # --- construction ------------------------------------------------------------------

    @classmethod
    def new(cls, level: str | Path | Level, seed: int = 0, events_on: bool | None = None) -> Playthrough:
        """Start a level (an id, a path to a level file, or a loaded Level) at turn 1.

        `events_on` switches the level's events on or off (default: as the level says).
        Raises ContentError (with file and line) when the level cannot be loaded.
        """
        return cls(open_level(level), seed, events_on)

    @classmethod
    def from_decisions(cls, level: str | Path | Level, seed: int,
                       decisions: list[TurnDecision], events_on: bool | None = None) -> Playthrough:
        """A playthrough with ``decisions`` already played (a plan, a result file, a branch)."""
        play = cls.new(level, seed, events_on)
        for decision in decisions:
            play._draft = decision
            play.end_turn(report=False)
        return play

    def save_data(self) -> SaveData:
        """What a save holds: the level by id and fingerprint (never a path), seed, decisions."""
        from game.session.fingerprint import level_fingerprint

        return SaveData(level=self.level.id, seed=self.seed, decisions=list(self.log),
                        draft=self._draft, level_hash=level_fingerprint(self.level),
                        events_on=self.events_on,
                        game_id=self.game_id, predictions=list(self.predictions),
                        session_pack=self.pack.model_dump() if getattr(self, "pack", None) else None)

    @classmethod
    def from_save_data(cls, data: SaveData, source: Path | None = None,
                       levels: LevelTable | None = None) -> Playthrough:
        """Rebuild from a save; the decisions are replayed and checked against the level, found
        by id and fingerprint (``saves.save_level``; ``levels``: level files the caller names).
        ``level_changed`` is set on the result when the level has changed since the save."""
        # players never see autosave file names: "the autosave of this game", "the save “name”"
        where = save_name(source) if source else _("The save")
        handle, changed = save_level(data, levels, source)
        if len(data.decisions) > handle.scenario.turns:
            raise SaveError(
                _("{save} holds more turns than the level '{level}' has.").format(
                    save=where, level=data.level),
                source,
            )
        try:
            play = cls.from_decisions(handle, data.seed, data.decisions, data.events_on)
            if not play.finished:
                play._check(data.draft)
                play._draft = data.draft
            play.game_id = data.game_id or play.game_id
            play.predictions = list(getattr(data, "predictions", []))
            play.pack = _saved_pack(data.session_pack, play)
            play.level_changed = changed
        except DecisionError as error:
            raise SaveError(
                _("{save} does not fit the level '{level}': {reason}").format(
                    save=where, level=data.level, reason=error),
                source,
            ) from error
        return play

    def branch(self, turn: int) -> Playthrough:
        """A new playthrough with the decisions of turns before ``turn`` (1-based) kept."""
        turn = max(1, min(turn, len(self.log) + 1))
        return Playthrough.from_decisions(self.level, self.seed, self.log[: turn - 1], self.events_on)

    # --- where we are ------------------------------------------------------------------

    @property
    def turn(self) -> int:
        """The turn being decided, 1-based (``turns + 1`` once the level is over)."""
        return len(self.log) + 1

    @property
    def turns(self) -> int:
        return self.scenario.turns

    @property
    def year(self) -> int:
        """The calendar year of the turn being decided."""
        return self.scenario.start_year + len(self.log)

    def year_of(self, turn: int) -> int:
        """The calendar year of a 1-based turn."""
        return self.scenario.start_year + turn - 1

    @property
    def finished(self) -> bool:
        """Every turn played, or a required objective broken (the level ends there, lost)."""
        return len(self.log) >= self.scenario.turns or bool(self.lost)

    @property
    def lost(self) -> tuple[str, ...]:
        """Ids of the required objectives already broken (empty while the level can be won)."""
        if not self.log:
            return ()
        key = ("lost", str(len(self.log)))
        if key not in self._cache:  # kept with the result it is read from
            from game.content.objectives import broken_required

            self._cache[key] = broken_required(self.level, self.result().indicators[:, 0])
        return self._cache[key]

    @property
    def draft(self) -> TurnDecision:
        return self._draft

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    # --- editing the draft -------------------------------------------------------------

    def is_open(self, name: str) -> bool:
        """Whether the player may change a lever, a dial or "pilots" this turn."""
        return not self.finished and name in self.level.available_at(self.turn)

    def unlock_turn(self, name: str) -> int:
        """The first turn (1-based) a lever, dial or "pilots" may be used."""
        return self.level.unlock_turn.get(name, 1)

    def available_share(self) -> float:
        """The share of this turn's budget that levers may use: 1 minus pilot costs."""
        return max(0.0, 1.0 - self.pilot_cost(self._draft))

    def reserve(self) -> float:
        """The unspent share of the budget (goes to the reserve)."""
        return max(0.0, self.available_share() - sum(self._draft.shares.values()))

    def set_share(self, lever: str, value: float) -> float:
        """Set a lever's share of the budget, clamped so the total fits; returns the value set."""
        self._require_usable(lever)
        others = sum(v for k, v in self._draft.shares.items() if k != lever)
        room = max(0.0, self.available_share() - others)
        value = min(max(_finite(value), 0.0), room)
        current = float(self._draft.shares.get(lever, 0.0))
        if value == current:
            return current
        shares = dict(self._draft.shares)
        shares[lever] = value
        self._push(_replace(self._draft, shares=shares))
        return value

    def set_credit_guidance(self, value: float) -> float:
        self._require_usable("credit_guidance")
        value = min(max(_finite(value), 0.0), 1.0)
        if value != self._draft.credit_guidance:
            self._push(_replace(self._draft, credit_guidance=value))
        return value

    def set_focus(self, focus: Mapping[str, float]) -> dict[str, float]:
        """Set the sector focus; the weights are scaled to sum to 1."""
        self._require_usable("focus")
        for sector in focus:
            if sector not in SECTORS:
                raise DecisionError(_("There is no sector called '{sector}'.").format(sector=sector))
        weights = {s: max(_finite(focus.get(s, 0.0)), 0.0) for s in SECTORS}
        total = sum(weights.values())
        if total <= 0:
            raise DecisionError(_("At least one sector needs some focus."))
        weights = {s: w / total for s, w in weights.items()}
        if weights != dict(self._draft.focus):
            self._push(_replace(self._draft, focus=weights))
        return weights

    def set_focus_weight(self, sector: str, value: float) -> dict[str, float]:
        """Set one sector's focus (0–1); the other sectors share the rest as before."""
        if sector not in SECTORS:
            raise DecisionError(_("There is no sector called '{sector}'.").format(sector=sector))
        value = min(max(_finite(value), 0.0), 1.0)
        others = [s for s in SECTORS if s != sector]
        rest = sum(self._draft.focus.get(s, 0.0) for s in others)
        focus = {sector: value}
        for s in others:
            old = self._draft.focus.get(s, 0.0)
            focus[s] = (1.0 - value) * (old / rest if rest > 0 else 1.0 / len(others))
        return self.set_focus(focus)

    def toggle_pilot(self, pilot_id: str) -> bool:
        """Open or close a pilot zone; returns whether it is now on."""
        self._require_usable("pilots")
        pilots = list(self._draft.pilots)
        if pilot_id in pilots:
            if pilot_id in self.scaled_pilots():
                raise DecisionError(_("A pilot zone rolled out region-wide stays open."))
            pilots.remove(pilot_id)
            scale_up = tuple(p for p in self._draft.scale_up if p != pilot_id)
            self._push(_replace(self._draft, pilots=tuple(sorted(pilots)), scale_up=scale_up))
            return False
        candidate = _replace(self._draft, pilots=tuple(sorted([*pilots, pilot_id])))
        problems = self.rules.violations(candidate, self.turn)
        if problems:
            raise DecisionError(_sentence(problems[0]))
        if sum(candidate.shares.values()) > 1.0 - self.pilot_cost(candidate) + TOLERANCE:
            raise DecisionError(
                _("Not enough budget is left to open this pilot zone; lower a lever first."))
        self._push(candidate)
        return True

    def toggle_scale_up(self, pilot_id: str) -> bool:
        """Roll a working pilot zone out region-wide this turn (复制推广), or take that back;
        returns whether it is now to be rolled out. A one-time cost and a higher upkeep."""
        self._require_usable("pilots")
        scale_up = list(self._draft.scale_up)
        if pilot_id in scale_up:
            scale_up.remove(pilot_id)
            self._push(_replace(self._draft, scale_up=tuple(scale_up)))
            return False
        refusal = self.scale_up_refusal(pilot_id)
        if refusal:
            raise DecisionError(refusal)
        candidate = _replace(self._draft, scale_up=tuple(sorted([*scale_up, pilot_id])))
        if sum(candidate.shares.values()) > 1.0 - self.pilot_cost(candidate) + TOLERANCE:
            raise DecisionError(
                _("Not enough budget is left to roll this pilot zone out; lower a lever first."))
        self._push(candidate)
        return True

    def scale_up_refusal(self, pilot_id: str) -> str:
        """Why a pilot zone cannot be rolled out region-wide this turn ('' if it can)."""
        spec = {p.id: p for p in self.scenario.pilots}.get(pilot_id)
        if spec is None or pilot_id not in self._draft.pilots:
            return _("Only a running pilot zone can be rolled out region-wide.")
        if pilot_id in self.scaled_pilots():
            return _("This pilot zone already runs region-wide.")
        if not self.pilot_works(pilot_id):
            return _("Only a pilot zone that already works can be rolled out region-wide; "
                     "this one works after {years} years.").format(years=int(spec.delay))
        return ""

    def set_fund_horizon(self, years: float) -> float:
        """Set the life of the guidance funds set up from this turn, in years (clamped)."""
        self._require_usable("fund_horizon")
        low, high = FUND_HORIZON_RANGE
        years = min(max(_finite(years), low), high)
        if years != self._draft.fund_horizon:
            self._push(_replace(self._draft, fund_horizon=years))
        return years

    def choose(self, event_id: str, index: int) -> None:
        """Answer an event that fires this turn (``index`` counts from 0)."""
        self._require_open()
        event = next((e for e in self.pending_events() if e.id == event_id), None)
        if event is None:
            raise DecisionError(
                _("The event '{event}' is not waiting for a decision this turn.").format(
                    event=event_id))
        if not 0 <= index < len(event.choices):
            raise DecisionError(
                _("The event '{event}' has no choice number {number}.").format(
                    event=event_id, number=index + 1))
        if self._draft.choices.get(event_id) != index:
            choices = dict(self._draft.choices)
            choices[event_id] = int(index)
            self._push(_replace(self._draft, choices=choices))

    def set_draft(self, decision: TurnDecision) -> None:
        """Replace the whole draft (a preset, a plan's turn); checked, one undo step."""
        self._require_open()
        self._check(decision)
        self._push(self.rules.coerce(decision, self.turn))

    @contextmanager
    def gesture(self) -> Iterator[None]:
        """Group the draft changes made inside into one undo step."""
        self.begin_gesture()
        try:
            yield
        finally:
            self.end_gesture()

    def begin_gesture(self) -> None:
        """Start a gesture (a drag): changes until ``end_gesture`` are one undo step."""
        self._gesture_depth += 1
        if self._gesture_depth == 1:
            self._gesture_start = self._draft

    def end_gesture(self) -> None:
        """End a gesture; one that changed nothing leaves no undo step."""
        if self._gesture_depth == 0:
            return
        self._gesture_depth -= 1
        if self._gesture_depth == 0:
            start, self._gesture_start = self._gesture_start, None
            if self._undo and self._undo[-1] is start and self._draft == start:
                self._undo.pop()

    def undo(self) -> bool:
        """Revert the last change made this turn; returns False when there is none."""
        if not self._undo:
            return False
        self._draft = self._undo.pop()
        return True

    # --- events ------------------------------------------------------------------------

    def pending_events(self) -> list[EventSpec]:
        """The events that fire at the start of this turn, in the level's order."""
        if self.finished:
            return []
        key = ("pending", str(len(self.log)))
        if key not in self._cache:
            plan = Plan.from_decisions(self.scenario, [*self.log, self._draft])
            fired = engine_pending_events(self.scenario, plan, self.seed, len(self.log))[0]
            self._cache[key] = [e for e, f in zip(self.scenario.events, fired, strict=True) if f]
        return list(self._cache[key])

    def missing_choices(self) -> list[EventSpec]:
        """Pending events with more than one choice that have not been answered yet."""
        return [e for e in self.pending_events()
                if len(e.choices) > 1 and e.id not in self._draft.choices]

    # --- ending the turn ---------------------------------------------------------------

    def end_turn(self, report: bool = True) -> TurnReport | None:
        """Log the draft and resolve the year; returns the TurnReport (None if ``report`` is
        False). Unanswered events take their first choice."""
        self._require_open()
        pending = self.pending_events()
        choices = {e.id: int(self._draft.choices.get(e.id, 0)) for e in pending}
        # Pilots in a fixed order, so a logged decision equals itself after a save and load.
        decision = _replace(self._draft, choices=choices, pilots=tuple(sorted(self._draft.pilots)))
        self._check(decision)
        self.log.append(self.rules.coerce(decision, self.turn))
        self._undo.clear()
        self._gesture_depth, self._gesture_start = 0, None
        self._draft = self._next_draft()
        if not report:
            return None
        from game.session.report import build_turn_report

        return build_turn_report(self, len(self.log))

    def _next_draft(self) -> TurnDecision:
        """The next turn starts from the last decision (or the status quo), without answers."""
        last = self.log[-1] if self.log else self.scenario.baseline
        # A roll-out is this turn's act; the pilot stays rolled out (the log remembers).
        draft = _replace(last, choices={}, scale_up=())
        draft = _replace(draft, pilots=tuple(sorted(p for p in draft.pilots
                                                    if p in self.level.pilot_ids)))
        return draft

    # --- results -----------------------------------------------------------------------

    def plan(self) -> Plan:
        return Plan.from_decisions(self.scenario, self.log)

    def result(self) -> RunResult:
        """The run of the turns played so far (raises if no turn has ended)."""
        if not self.log:
            raise ValueError("no turn has been played yet")
        key = ("result", str(len(self.log)))
        if key not in self._cache:
            self._cache[key] = self._scored(*self._run(self.log))
        return self._cache[key]

    def after_level(self) -> np.ndarray | None:
        """The indicators of the years after the level (AFTER_YEARS, 1, I), the successor back
        at the status quo, once every turn is played and the level audits them; else None."""
        if len(self.log) < self.scenario.turns:
            return None
        self.result()
        return self._cache.get(("after", str(len(self.log))))

    def baseline_result(self) -> RunResult:
        """The whole level with the status-quo decision held every turn."""
        key = ("baseline",)
        if key not in self._cache:
            self._cache[key] = self._scored(*self._run([self.scenario.baseline] * self.scenario.turns,
                                                       keep=False))
        return self._cache[key]

    def forecast(self) -> RunResult:
        """The whole level if the draft were held to the end (cached per draft)."""
        decisions = [*self.log, *[self._draft] * (self.scenario.turns - len(self.log))]
        key = ("forecast", str(len(self.log)), _fingerprint(self._draft))
        if key not in self._cache:
            self._forget("forecast")
            self._cache[key] = self._scored(*self._run(decisions, keep=False))
        return self._cache[key]

    def _run(self, decisions, keep: bool = True) -> tuple[RunResult, np.ndarray | None]:
        """Simulate `decisions`; a whole level goes on into the years after it when the level
        audits them (one run: the level's own years are the same either way). With `keep`,
        those years are kept as the played run's (`after_level`)."""
        from game.content.departure import run_with_departure

        run, after = run_with_departure(self.level, Plan.from_decisions(self.scenario, decisions),
                                        self.seed, self.scenario)
        if keep and after is not None:
            self._cache[("after", str(len(decisions)))] = after
        return run, after

    def attribution(self) -> Attribution:
        """Each decision's effect on every indicator, for the turns played so far."""
        if not self.log:
            raise ValueError("no turn has been played yet")
        key = ("attribution", str(len(self.log)))
        if key not in self._cache:
            self._forget("attribution")
            # The run and the no-new-policy run are made anyway: they tell which events fired.
            self._cache[key] = attribute(self.scenario, self.plan(), self.seed,
                                         runs=(self.result(), self.baseline_result()))
        return self._cache[key]

    def indicators(self, turn: int) -> dict[str, float]:
        """Every indicator at the end of a 1-based turn (turn 0: the starting year)."""
        from game.engine.schema import INDICATORS

        if turn == 0:
            row = self.baseline_result().initial[0]
        else:
            row = self.result().indicators[turn - 1, 0]
        return {name: float(row[i]) for i, name in enumerate(INDICATORS)}

    def fired_events(self, turn: int) -> list[tuple[str, int]]:
        """(event id, choice taken) for the events that fired at the start of a 1-based turn."""
        fired = np.asarray(self.result().fired[turn - 1, 0])
        decision = self.log[turn - 1]
        return [(e.id, int(decision.choices.get(e.id, 0)))
                for e, f in zip(self.scenario.events, fired, strict=True) if f]

    def score(self) -> Score:
        """The level's objectives evaluated on the run so far (the full run once finished)."""
        from game.session.scoring import evaluate_playthrough

        return evaluate_playthrough(self)

    # --- internals ---------------------------------------------------------------------

    def _scored(self, run: RunResult, after: np.ndarray | None = None) -> RunResult:
        """The run with its ``score`` indicator filled in: the engine knows no objectives,
        so the running score after each turn comes from the level's (content layer); the last
        turn of a whole level counts the years `after` it."""
        from game.session.scoring import score_by_turn

        table = np.array(run.indicators, dtype=float)
        table[:, 0, INDICATOR_INDEX["score"]] = score_by_turn(
            self.level, table[:, 0, :], None if after is None else after[:, 0, :])
        return dataclasses.replace(run, indicators=table)

    def pilot_cost(self, decision: TurnDecision) -> float:
        """The share of this turn's budget that the decision's pilots take, as the engine
        charges it: upkeep while open (higher once rolled out region-wide), the set-up cost
        in a pilot's first year, and the one-time cost of a roll-out."""
        # The engine's year before turn 1 runs no pilots, so turn 1 pays every set-up cost.
        age, scaled = self._pilot_history()
        params = self.scenario.params
        specs = {p.id: p for p in self.scenario.pilots}
        newly = {p for p in decision.scale_up if p in specs and self.pilot_works(p)} - scaled
        cost = 0.0
        for pilot in sorted((set(decision.pilots) & set(specs)) | scaled | newly):
            spec = specs[pilot]
            wide = pilot in scaled or pilot in newly
            cost += spec.upkeep * (params.scale_up_upkeep if wide else 1.0)
            cost += spec.cost if age[pilot] == 0 else 0.0
            cost += params.scale_up_cost * spec.cost if pilot in newly else 0.0
        return cost

    def pilot_works(self, pilot_id: str) -> bool:
        """Whether a pilot zone has run long enough to work (its delay) by this turn."""
        delay = {p.id: p.delay for p in self.scenario.pilots}
        return pilot_id in delay and self._pilot_history()[0][pilot_id] > delay[pilot_id]

    def scaled_pilots(self) -> frozenset[str]:
        """The pilot zones already rolled out region-wide (they stay so)."""
        return self._pilot_history()[1]

    def _pilot_history(self) -> tuple[dict[str, int], frozenset[str]]:
        """Each pilot's years open in a row before this turn, and those rolled out region-wide,
        from the log as the engine counts them (a roll-out needs a pilot that works)."""
        key = ("pilot_history", str(len(self.log)))
        if key not in self._cache:
            delay = {p.id: p.delay for p in self.scenario.pilots}
            age, scaled = dict.fromkeys(delay, 0), set()
            for decision in self.log:
                scaled |= {p for p in decision.scale_up if p in delay and age[p] > delay[p]}
                opened = set(decision.pilots) | scaled
                age = {p: age[p] + 1 if p in opened else 0 for p in delay}
            self._cache[key] = (age, frozenset(scaled))
        return self._cache[key]

    @cached_property
    def rules(self) -> Rules:
        """The level's one set of decision rules (content layer), with its status quo."""
        return self.level.rules

    def _check(self, decision: TurnDecision) -> None:
        """Refuse a decision the level does not allow at this turn (saves, plans, presets).

        As in plan files, whatever is locked this turn (or not offered by the level)
        must hold the status quo: the level's baseline.
        """
        problems = self.rules.violations(decision, self.turn)
        if problems:
            raise DecisionError(_sentence(problems[0]))

    def _require_usable(self, name: str) -> None:
        self._require_open()
        refusal = self.rules.refusal(name, self.turn)
        if refusal is not None:
            raise DecisionError(_sentence(refusal))

    def _push(self, decision: TurnDecision) -> None:
        # Inside a gesture only its first change records the draft to go back to.
        if not (self._gesture_depth and self._undo and self._undo[-1] is self._gesture_start):
            self._undo.append(self._draft)
        self._draft = decision

    def _require_open(self) -> None:
        if self.finished:
            raise DecisionError(_("The level is over; there are no more turns to play."))

    def _forget(self, kind: str) -> None:
        for key in [k for k in self._cache if k[0] == kind]:
            del self._cache[key]


def _fingerprint(decision: TurnDecision) -> str:
    return json.dumps(record_of(decision), sort_keys=True)


def _sentence(problem: Violation) -> str:
    """A rule's message (written for file problems) as a sentence for a status line."""
    text = problem.message[:1].upper() + problem.message[1:]
    return _("{problem}.").format(problem=text)


def _saved_pack(data, play):
    """The session pack a save records, if it is sound and this very game's (level, seed,
    events; else None: the game goes on, and its result file simply names no pack)."""
    if not data:
        return None
    from pydantic import ValidationError

    from game.session.fingerprint import level_fingerprint
    from game.session.packs import SessionPack

    try:
        pack = SessionPack.model_validate(data, strict=True)
    except ValidationError:
        return None
    fits = (pack.level_hash == level_fingerprint(play.level) and pack.seed == play.seed
            and pack.events_on == play.events_on)
    return pack if fits else None


def _finite(value: float) -> float:
    value = float(value)
    if not math.isfinite(value):
        raise DecisionError(_("A decision needs a finite number."))
    return value
