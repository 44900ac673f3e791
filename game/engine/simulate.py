"""Batched runs of a scenario: one seeded generator per run, drawn up front."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace

import numpy as np

from game.engine.scenario import Plan, Scenario
from game.engine.schema import (
    FUND_HORIZON_RANGE,
    INDICATOR_INDEX,
    INDICATORS,
    LEVERS,
    SECTORS,
    STOCKS,
)
from game.engine.state import State, initial_state
from game.engine.step import N_NOISE, TurnBuffers, TurnInput, TurnOutput, event_trigger, step

__all__ = ["STOCKS", "RunResult", "simulate", "pending_events", "draw_randomness", "start_state", "narrow"]


@dataclass
class RunResult:
    """Every indicator of every turn of a batch of runs."""

    indicators: np.ndarray   # (T, B, I)
    initial: np.ndarray      # (B, I) the year before the first turn
    flows: np.ndarray        # (T, B, 3)
    initial_flows: np.ndarray  # (B, 3)
    budget: np.ndarray       # (T, B)
    shares: np.ndarray       # (T, B, 8) as resolved
    fired: np.ndarray        # (T, B, E)
    stocks: np.ndarray       # (T, B, len(STOCKS))
    start_year: int
    spending: np.ndarray | None = None  # (T, B, len(LEVERS)) bn yuan spent on each lever
    st_budget: np.ndarray | None = None  # (T, B) the S&T budget, bn yuan (`budget` adds fund exits)

    @property
    def turns(self) -> int:
        return self.indicators.shape[0]

    def series(self, name: str, b: int = 0, with_initial: bool = False) -> np.ndarray:
        i = INDICATOR_INDEX[name]
        values = self.indicators[:, b, i]
        if with_initial:
            return np.concatenate([[self.initial[b, i]], values])
        return values

    def stock(self, name: str, b: int = 0) -> np.ndarray:
        return self.stocks[:, b, STOCKS.index(name)]

    def final(self, name: str) -> np.ndarray:
        """The last turn's value of `name` for every batch member. (B,)"""
        return self.indicators[-1, :, INDICATOR_INDEX[name]]

    def years(self) -> list[int]:
        return [self.start_year + t for t in range(self.turns)]

    def head(self, turns: int) -> RunResult:
        """The first `turns` turns (views): a longer run's first turns are the shorter run's."""
        def cut(a):
            return None if a is None else a[:turns]
        return RunResult(cut(self.indicators), self.initial, cut(self.flows), self.initial_flows,
                         cut(self.budget), cut(self.shares), cut(self.fired), cut(self.stocks),
                         self.start_year, cut(self.spending), cut(self.st_budget))

    def member(self, b: int) -> RunResult:
        return RunResult(
            self.indicators[:, b : b + 1],
            self.initial[b : b + 1],
            self.flows[:, b : b + 1],
            self.initial_flows[b : b + 1],
            self.budget[:, b : b + 1],
            self.shares[:, b : b + 1],
            self.fired[:, b : b + 1],
            self.stocks[:, b : b + 1],
            self.start_year,
            None if self.spending is None else self.spending[:, b : b + 1],
            None if self.st_budget is None else self.st_budget[:, b : b + 1],
        )


def draw_randomness(seed: int, turns: int, n_events: int) -> tuple[np.ndarray, np.ndarray]:
    """All random numbers of a run: (turns, N_NOISE) normals and (turns, E) uniforms.

    Productivity noise and event draws come from two independent streams spawned from the
    seed, each filled turn by turn. A run's first k turns then see the same draws however
    long the run is (a level and its 20-year continuation share their years), and the
    noise does not depend on how many events the level has.
    """
    noise_stream, event_stream = np.random.SeedSequence(seed).spawn(2)
    noise = np.random.Generator(np.random.PCG64(noise_stream)).standard_normal((turns, N_NOISE))
    uniforms = np.random.Generator(np.random.PCG64(event_stream)).random((turns, max(n_events, 0)))
    return noise, uniforms


def start_state(scenario: Scenario, batch: int) -> tuple[State, TurnOutput]:
    """The state at the start of the first turn: one status-quo year from the starting values.

    The warm-up year makes the starting indicators come from the model itself rather
    than from a separate formula, so turn 1's changes are the player's and the model's.
    Two probe years first find the path the region is on with no new policy — how fast
    its technology and its output grow — and the history before the game is drawn on
    that path, so that the first turn shows no jump of the model's own making.
    Computed once per scenario for one region and repeated across the batch (a batch of
    one equals a single run, so this changes no number).
    """
    cached = scenario.__dict__.get("_start")
    if cached is None:
        cached = _start_one(scenario)
        object.__setattr__(scenario, "_start", cached)
    state, out = cached
    return _repeat_state(state, batch), _repeat_output(out, batch)


def _start_one(scenario: Scenario) -> tuple[State, TurnOutput]:
    warm = _Columns(Plan.repeat(scenario, scenario.baseline, 1))
    quiet = warm.turn(0, np.zeros((1, N_NOISE)), np.ones((1, len(scenario.events))))
    quiet.pilots = np.zeros_like(quiet.pilots)
    quiet.scale_up = np.zeros_like(quiet.scale_up)
    cs = scenario.compiled()
    no_events = replace(cs, event_turn=np.full_like(cs.event_turn, -2), event_prob=np.zeros_like(cs.event_prob))
    params = scenario.params

    def warm_up(initial: Scenario, tech_growth: float) -> tuple[State, TurnOutput, State]:
        start = initial_state(initial, 1, tech_growth)
        state, out = step(start, 0, quiet, params, no_events)
        return state, out, start

    first, _out, start = warm_up(scenario, 0.0)
    tech_growth = float(first.tech.sum() / start.tech.sum() - 1.0)
    first, out, _start = warm_up(scenario, tech_growth)
    _probe, after = step(first, 0, quiet, params, no_events)
    own_growth = float(after.indicators[INDICATOR_INDEX["gdp_growth"], 0])
    on_path = replace(scenario, initial={**scenario.initial, "prior_gdp_growth": own_growth})
    state, out, _start = warm_up(on_path, tech_growth)
    return state, out


def _repeat_state(state: State, batch: int) -> State:
    if batch == 1:
        return state.shallow()
    fixed = {"productivity", "weights", "tech_ref", "refs"}  # shared by the batch: (k, 1)

    def widen(value):
        if isinstance(value, tuple):  # a history's rows
            return tuple(np.repeat(row, batch, axis=-1) for row in value)
        return np.repeat(value, batch, axis=-1)

    return State(**{
        f.name: getattr(state, f.name) if f.name in fixed else widen(getattr(state, f.name))
        for f in fields(state)
    })


def _repeat_output(out: TurnOutput, batch: int) -> TurnOutput:
    if batch == 1:
        return out
    return TurnOutput(**{f.name: np.repeat(getattr(out, f.name), batch, axis=-1) for f in fields(out)})


def narrow(state: State) -> State:
    """A state of one region with its batch axis dropped: a stock per region becomes a numpy
    float64 number, a stock per sector a (3,) array. The step runs on it as on a batch (it reads
    the shapes), with numbers where a batch has rows: numpy's arithmetic on two numbers skips the
    array machinery and takes about a fifth of the time of the same operation on rows of one.
    The same operations on the same values in the same order, and numpy's own exp and log: the
    same numbers, bit for bit (tests/engine/test_properties.py compares every stock and output of
    every turn, and every level's batch members with the same plans run alone)."""
    def one(value):
        if isinstance(value, tuple):  # a history's rows
            return tuple(row[0] for row in value)
        return value[0] if value.ndim == 1 else value[..., 0]

    return State(**{f.name: one(getattr(state, f.name)) for f in fields(state)})


#: Up to this batch (attribution runs a few hundred to a thousand coalitions) a plan's turns are
#: laid out batch-last all at once, each array operation once per plan rather than once per turn;
#: a wider plan is laid out turn by turn, while its rows are in cache (10,000 regions at once cost more).
_WHOLE_PLAN = 2048


class _Columns:
    """A plan's turns, rearranged batch-last so that a turn's inputs are (k, B) rows."""

    def __init__(self, plan: Plan, one: bool = False) -> None:
        """`one`: inputs for one region's `narrow` state (a number or (k,) for each (B,) or (k, B))."""
        self.plan = plan
        low, high = FUND_HORIZON_RANGE
        self.fund_horizon = np.clip(plan.fund_horizon, low, high)
        self.credit_guidance = plan.credit_guidance
        self.whole = _layout(plan, slice(None)) if plan.batch <= _WHOLE_PLAN else None
        if one:
            self.whole = tuple(a[..., 0] for a in self.whole)
            self.fund_horizon, self.credit_guidance = self.fund_horizon[:, 0], self.credit_guidance[:, 0]

    def turn(self, t: int, noise: np.ndarray, uniforms: np.ndarray) -> TurnInput:
        shares, focus, pilots, choices, scale_up = (
            _layout(self.plan, t) if self.whole is None else (a[t] for a in self.whole)
        )
        return TurnInput(
            shares=shares,  # may be a transposed view: laid out by the budget block's first pass
            credit_guidance=self.credit_guidance[t],
            focus=focus,
            pilots=pilots,
            choices=choices,
            fund_horizon=self.fund_horizon[t],
            scale_up=scale_up,
            noise=noise[t],
            uniforms=uniforms[t],
        )


def _layout(plan: Plan, turns: int | slice) -> tuple[np.ndarray, ...]:
    """The plan's shares, focus, pilots, choices and scale-ups of `turns` (one turn, or a slice
    of them), with the batch axis last: (..., k, B)."""
    def last(a: np.ndarray) -> np.ndarray:
        return np.swapaxes(a[turns], -1, -2)

    return (
        last(plan.shares),
        _normalised_focus(last(plan.focus)),
        np.ascontiguousarray(last(plan.pilots)),
        np.ascontiguousarray(last(plan.choices)),
        np.ascontiguousarray(last(plan.scale_up)),
    )


def _normalised_focus(focus: np.ndarray) -> np.ndarray:
    """(..., 3, B) focus as columns summing to 1 (all sectors alike if none is positive). Rows
    are contiguous, and their sum in this order is what sum over the sectors gave on the plan's
    layout, at half the cost."""
    focus = np.maximum(focus, 0.0, order="C")
    total = focus[..., 0, :] + focus[..., 1, :] + focus[..., 2, :]
    positive = (total > 0)[..., None, :]
    return np.where(positive, focus / np.where(positive, total[..., None, :], 1.0), 1.0 / len(SECTORS))


def _inputs(plan: Plan, t: int, noise: np.ndarray, uniforms: np.ndarray) -> TurnInput:
    """One turn's inputs from a plan (for tests and tools that step by hand)."""
    return _Columns(plan.head(t + 1)).turn(t, noise, uniforms)


def simulate(scenario: Scenario, plan: Plan, seed: int, turns: int | None = None) -> RunResult:
    """Run `turns` turns (default: every turn of the plan) for every region of the batch."""
    turns = plan.turns if turns is None else min(turns, plan.turns)
    cs = scenario.compiled()
    noise, uniforms = draw_randomness(seed, scenario.turns, len(scenario.events))
    state, first = start_state(scenario, plan.batch)
    n, n_e = plan.batch, len(scenario.events)
    one = n == 1  # one region runs on numbers (`narrow`), much faster than on rows of one
    if one:
        state = narrow(state)
    # Filled batch-last, as the step makes them (contiguous row copies, no per-turn transpose),
    # and handed out as (T, B, k) views.
    indicators = np.empty((turns, len(INDICATORS), n))
    flows = np.empty((turns, 3, n))
    budget = np.empty((turns, n))
    shares = np.empty((turns, len(LEVERS), n))
    fired = np.zeros((turns, n_e, n), dtype=bool)
    stocks = np.empty((turns, len(STOCKS), n))
    spending = np.empty((turns, len(LEVERS), n))
    st_budget = np.empty((turns, n))
    columns = _Columns(plan, one)
    for t in range(turns):
        # The step writes indicators, flows, stocks, shares and lever spending into these rows
        # (one region's: the (k,) rows of its (k, 1) arrays).
        rows = (indicators[t], flows[t], stocks[t], shares[t], spending[t])
        into = TurnBuffers(*(row[:, 0] for row in rows) if one else rows)
        state, out = step(state, t, columns.turn(t, noise, uniforms), scenario.params, cs, into)
        budget[t] = out.budget
        if one:
            fired[t, :, 0] = out.fired
        else:
            fired[t] = out.fired
        st_budget[t] = out.st_budget
    last = (0, 2, 1)
    return RunResult(
        indicators.transpose(last), first.indicators.T, flows.transpose(last), first.flows.T, budget,
        shares.transpose(last), fired.transpose(last), stocks.transpose(last), scenario.start_year,
        spending.transpose(last), st_budget,
    )


def pending_events(scenario: Scenario, plan: Plan, seed: int, turn: int) -> np.ndarray:
    """Events that fire at the start of `turn`, given the decisions of the turns before it. (B, E) bool."""
    cs = scenario.compiled()
    noise, uniforms = draw_randomness(seed, scenario.turns, len(scenario.events))
    state, _ = start_state(scenario, plan.batch)
    one = plan.batch == 1  # (on numbers, as in `simulate`)
    if one:
        state = narrow(state)
    columns = _Columns(plan, one)
    for t in range(turn):
        state, _ = step(state, t, columns.turn(t, noise, uniforms), scenario.params, cs)
    if turn >= scenario.turns:
        return np.zeros((plan.batch, len(scenario.events)), dtype=bool)
    fires = event_trigger(state, turn, uniforms[turn], cs)
    return fires[None] if one else fires.T
