"""A compiled level (Scenario), one turn's decisions, and a batched plan of decisions."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from game.engine.params import INITIAL_KEYS, Params
from game.engine.schema import (
    FUND_HORIZON_DEFAULT,
    INDICATOR_INDEX,
    LEVERS,
    PILOT_EFFECT_INDEX,
    PILOT_EFFECTS,
    SECTORS,
    SHOCK_INDEX,
    SHOCKS,
)

__all__ = ["PilotSpec", "EventSpec", "TurnDecision", "Scenario", "Plan", "COMPARISONS"]

COMPARISONS = ("<", "<=", ">", ">=")


@dataclass(frozen=True)
class PilotSpec:
    """A pilot zone: costs are shares of the turn's S&T budget; effects start after `delay` turns."""

    id: str
    cost: float
    upkeep: float
    delay: int
    effects: Mapping[str, float] = field(default_factory=dict)
    risks: Mapping[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class EventSpec:
    """An event: scripted at `turn` (0-based) or random with `probability` each turn.

    `condition` is None or (indicator, op, threshold) on the previous turn's indicators.
    `choices` holds one shock mapping per choice; the shocks last `duration` turns.
    A random event fires at most once per run.
    """

    id: str
    turn: int | None
    probability: float
    condition: tuple[str, str, float] | None
    choices: tuple[Mapping[str, float], ...]
    duration: int = 1
    first_turn: int = 0


@dataclass(frozen=True)
class TurnDecision:
    """One turn's decisions, as plain values (missing levers are 0).

    `fund_horizon` is the life of guidance funds set up this turn, in years; `scale_up`
    names pilots rolled out region-wide this turn (only a pilot that works can be scaled;
    a scaled pilot stays scaled). Their defaults mean what plans meant before they existed.
    """

    shares: Mapping[str, float] = field(default_factory=dict)
    credit_guidance: float = 0.0
    focus: Mapping[str, float] = field(
        default_factory=lambda: {"traditional": 1 / 3, "emerging": 1 / 3, "digital": 1 / 3}
    )
    pilots: tuple[str, ...] = ()
    choices: Mapping[str, int] = field(default_factory=dict)
    fund_horizon: float = FUND_HORIZON_DEFAULT
    scale_up: tuple[str, ...] = ()


@dataclass(frozen=True)
class Scenario:
    params: Params
    turns: int
    start_year: int
    baseline: TurnDecision
    initial: Mapping[str, float] = field(default_factory=dict)
    pilots: tuple[PilotSpec, ...] = ()
    max_pilots: int = 3
    events: tuple[EventSpec, ...] = ()

    def __post_init__(self) -> None:
        unknown = set(self.initial) - set(INITIAL_KEYS)
        if unknown:
            raise KeyError(f"unknown starting-state key '{sorted(unknown)[0]}'")

    def initial_value(self, key: str) -> float:
        return float(self.initial.get(key, INITIAL_KEYS[key]))

    @property
    def pilot_ids(self) -> tuple[str, ...]:
        return tuple(p.id for p in self.pilots)

    @property
    def event_ids(self) -> tuple[str, ...]:
        return tuple(e.id for e in self.events)

    def compiled(self) -> CompiledScenario:
        cached = self.__dict__.get("_compiled")
        if cached is None:
            cached = CompiledScenario.build(self)
            object.__setattr__(self, "_compiled", cached)
        return cached


@dataclass(frozen=True)
class CompiledScenario:
    """The scenario's pilots and events as arrays the step function can use."""

    pilot_cost: np.ndarray      # (P,)
    pilot_upkeep: np.ndarray    # (P,)
    pilot_delay: np.ndarray     # (P,)
    pilot_effects: np.ndarray   # (P, len(PILOT_EFFECTS))
    pilot_risks: np.ndarray     # (P, len(PILOT_EFFECTS))
    event_turn: np.ndarray      # (E,) scripted turn or -1
    event_first: np.ndarray     # (E,)
    event_prob: np.ndarray      # (E,)
    event_cond_index: np.ndarray  # (E,) indicator index or -1
    event_cond_op: np.ndarray   # (E,) index in COMPARISONS
    event_cond_threshold: np.ndarray  # (E,)
    event_effects: np.ndarray   # (E, C, len(SHOCKS))
    event_choices: np.ndarray   # (E,) number of choices
    event_duration: np.ndarray  # (E,)

    @classmethod
    def build(cls, scenario: Scenario) -> CompiledScenario:
        n_p, n_e = len(scenario.pilots), len(scenario.events)
        effects = np.zeros((n_p, len(PILOT_EFFECTS)))
        risks = np.zeros((n_p, len(PILOT_EFFECTS)))
        for p, spec in enumerate(scenario.pilots):
            for name, value in spec.effects.items():
                effects[p, PILOT_EFFECT_INDEX[name]] = value
            for name, value in spec.risks.items():
                risks[p, PILOT_EFFECT_INDEX[name]] = value
        n_c = max([len(e.choices) for e in scenario.events] + [1])
        ev_effects = np.zeros((n_e, n_c, len(SHOCKS)))
        cond_index = np.full(n_e, -1, dtype=np.int64)
        cond_op = np.zeros(n_e, dtype=np.int64)
        cond_thr = np.zeros(n_e)
        for e, spec in enumerate(scenario.events):
            for c, shocks in enumerate(spec.choices):
                for name, value in shocks.items():
                    ev_effects[e, c, SHOCK_INDEX[name]] = value
            if spec.condition is not None:
                name, op, thr = spec.condition
                cond_index[e] = INDICATOR_INDEX[name]
                cond_op[e] = COMPARISONS.index(op)
                cond_thr[e] = thr
        return cls(
            pilot_cost=np.array([p.cost for p in scenario.pilots], dtype=float),
            pilot_upkeep=np.array([p.upkeep for p in scenario.pilots], dtype=float),
            pilot_delay=np.array([p.delay for p in scenario.pilots], dtype=float),
            pilot_effects=effects,
            pilot_risks=risks,
            event_turn=np.array(
                [-1 if e.turn is None else e.turn for e in scenario.events], dtype=np.int64
            ),
            event_first=np.array([e.first_turn for e in scenario.events], dtype=np.int64),
            event_prob=np.array([e.probability for e in scenario.events], dtype=float),
            event_cond_index=cond_index,
            event_cond_op=cond_op,
            event_cond_threshold=cond_thr,
            event_effects=ev_effects,
            event_choices=np.array([max(1, len(e.choices)) for e in scenario.events], dtype=np.int64),
            event_duration=np.array([max(1, e.duration) for e in scenario.events], dtype=np.int64),
        )


@dataclass
class Plan:
    """Decisions for every turn of a batch of runs: arrays with axes (turn, batch, ...).

    `fund_horizon` and `scale_up` may be left out (None): they then take the values an
    older plan meant (the default fund life, nothing scaled up).
    """

    shares: np.ndarray           # (T, B, len(LEVERS))
    credit_guidance: np.ndarray  # (T, B)
    focus: np.ndarray            # (T, B, len(SECTORS))
    pilots: np.ndarray           # (T, B, P) bool
    choices: np.ndarray          # (T, B, E) int
    fund_horizon: np.ndarray | None = None  # (T, B) years
    scale_up: np.ndarray | None = None      # (T, B, P) bool

    def __post_init__(self) -> None:
        if self.fund_horizon is None:
            self.fund_horizon = np.full(self.credit_guidance.shape, FUND_HORIZON_DEFAULT)
        if self.scale_up is None:
            self.scale_up = np.zeros(self.pilots.shape, dtype=bool)

    @property
    def turns(self) -> int:
        return self.shares.shape[0]

    @property
    def batch(self) -> int:
        return self.shares.shape[1]

    @classmethod
    def from_decisions(cls, scenario: Scenario, decisions: Sequence[TurnDecision]) -> Plan:
        t = len(decisions)
        pilot_ids, event_ids = scenario.pilot_ids, scenario.event_ids
        shares = np.zeros((t, 1, len(LEVERS)))
        guidance = np.zeros((t, 1))
        focus = np.zeros((t, 1, len(SECTORS)))
        pilots = np.zeros((t, 1, len(pilot_ids)), dtype=bool)
        choices = np.zeros((t, 1, len(event_ids)), dtype=np.int64)
        horizon = np.full((t, 1), FUND_HORIZON_DEFAULT)
        scale_up = np.zeros((t, 1, len(pilot_ids)), dtype=bool)
        for i, d in enumerate(decisions):
            horizon[i, 0] = d.fund_horizon
            for pid in d.scale_up:
                scale_up[i, 0, pilot_ids.index(pid)] = True
            shares[i, 0] = [d.shares.get(lever, 0.0) for lever in LEVERS]
            guidance[i, 0] = d.credit_guidance
            focus[i, 0] = [d.focus.get(s, 0.0) for s in SECTORS]
            for pid in d.pilots:
                pilots[i, 0, pilot_ids.index(pid)] = True
            for eid, c in d.choices.items():
                if eid in event_ids:
                    choices[i, 0, event_ids.index(eid)] = c
        return cls(shares, guidance, focus, pilots, choices, horizon, scale_up)

    @classmethod
    def repeat(cls, scenario: Scenario, decision: TurnDecision, turns: int | None = None) -> Plan:
        return cls.from_decisions(scenario, [decision] * (turns or scenario.turns))

    @classmethod
    def stack(cls, plans: Sequence[Plan]) -> Plan:
        return cls(
            *(np.concatenate([getattr(p, name) for p in plans], axis=1) for name in _PLAN_FIELDS)
        )

    def broadcast(self, batch: int) -> Plan:
        """The same decisions for `batch` regions."""
        return Plan(
            *(
                np.repeat(getattr(self, name)[:, :1], batch, axis=1).copy()
                for name in _PLAN_FIELDS
            )
        )

    def head(self, turns: int) -> Plan:
        return Plan(*(getattr(self, name)[:turns] for name in _PLAN_FIELDS))

    def members(self, index) -> Plan:
        """The batch members `index` selects (a slice gives views, an array copies)."""
        return Plan(*(getattr(self, name)[:, index] for name in _PLAN_FIELDS))

    def copy(self) -> Plan:
        return Plan(*(getattr(self, name).copy() for name in _PLAN_FIELDS))


_PLAN_FIELDS = ("shares", "credit_guidance", "focus", "pilots", "choices", "fund_horizon", "scale_up")
