"""Batched runs of a scenario: one seeded generator per run, drawn up front."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.engine.scenario import Plan, Scenario
from game.engine.schema import INDICATOR_INDEX, INDICATORS, LEVERS, SECTORS
from game.engine.state import State, initial_state
from game.engine.step import N_NOISE, TurnInput, TurnOutput, event_trigger, step

__all__ = ["RunResult", "simulate", "pending_events", "draw_randomness", "start_state"]


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
    stocks: np.ndarray       # (T, B, 3) basic knowledge, applied achievements, transfer capacity
    start_year: int

    @property
    def turns(self) -> int:
        return self.indicators.shape[0]

    def series(self, name: str, b: int = 0, with_initial: bool = False) -> np.ndarray:
        i = INDICATOR_INDEX[name]
        values = self.indicators[:, b, i]
        if with_initial:
            return np.concatenate([[self.initial[b, i]], values])
        return values

    def final(self, name: str) -> np.ndarray:
        """The last turn's value of `name` for every batch member. (B,)"""
        return self.indicators[-1, :, INDICATOR_INDEX[name]]

    def years(self) -> list[int]:
        return [self.start_year + t for t in range(self.turns)]

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
        )


def draw_randomness(seed: int, turns: int, n_events: int) -> tuple[np.ndarray, np.ndarray]:
    """All random numbers of a run: (turns, N_NOISE) normals and (turns, E) uniforms."""
    rng = np.random.Generator(np.random.PCG64(seed))
    noise = rng.standard_normal((turns, N_NOISE))
    uniforms = rng.random((turns, max(n_events, 0)))
    return noise, uniforms


def start_state(scenario: Scenario, batch: int) -> tuple[State, TurnOutput]:
    """The state at the start of the first turn: one status-quo year from the starting values.

    The warm-up year makes the starting indicators come from the model itself rather
    than from a separate formula, so turn 1's changes are the player's and the model's.
    """
    state = initial_state(scenario, batch)
    warm = Plan.repeat(scenario, scenario.baseline, 1).broadcast(batch)
    cs = scenario.compiled()
    quiet = TurnInput(
        shares=warm.shares[0],
        credit_guidance=warm.credit_guidance[0],
        focus=warm.focus[0],
        pilots=np.zeros_like(warm.pilots[0]),
        choices=warm.choices[0],
        noise=np.zeros(N_NOISE),
        uniforms=np.ones(len(scenario.events)),
    )
    no_events = _without_scripted(cs)
    return step(state, 0, quiet, scenario.params, no_events)


def _without_scripted(cs):
    from dataclasses import replace

    return replace(cs, event_turn=np.full_like(cs.event_turn, -2), event_prob=np.zeros_like(cs.event_prob))


def _inputs(plan: Plan, t: int, noise: np.ndarray, uniforms: np.ndarray) -> TurnInput:
    focus = np.clip(plan.focus[t], 0.0, None)
    total = focus.sum(axis=1, keepdims=True)
    focus = np.where(total > 0, focus / np.where(total > 0, total, 1.0), 1.0 / len(SECTORS))
    return TurnInput(
        shares=plan.shares[t],
        credit_guidance=plan.credit_guidance[t],
        focus=focus,
        pilots=plan.pilots[t],
        choices=plan.choices[t],
        noise=noise[t],
        uniforms=uniforms[t],
    )


def simulate(scenario: Scenario, plan: Plan, seed: int, turns: int | None = None) -> RunResult:
    """Run `turns` turns (default: every turn of the plan) for every region of the batch."""
    turns = plan.turns if turns is None else min(turns, plan.turns)
    cs = scenario.compiled()
    noise, uniforms = draw_randomness(seed, scenario.turns, len(scenario.events))
    state, first = start_state(scenario, plan.batch)
    n, n_e = plan.batch, len(scenario.events)
    indicators = np.empty((turns, n, len(INDICATORS)))
    flows = np.empty((turns, n, 3))
    budget = np.empty((turns, n))
    shares = np.empty((turns, n, len(LEVERS)))
    fired = np.zeros((turns, n, n_e), dtype=bool)
    stocks = np.empty((turns, n, 3))
    for t in range(turns):
        state, out = step(state, t, _inputs(plan, t, noise, uniforms), scenario.params, cs)
        indicators[t] = out.indicators
        flows[t] = out.flows
        budget[t] = out.budget
        shares[t] = out.shares
        fired[t] = out.fired
        stocks[t] = out.stocks
    return RunResult(
        indicators, first.indicators, flows, first.flows, budget, shares, fired, stocks, scenario.start_year
    )


def pending_events(scenario: Scenario, plan: Plan, seed: int, turn: int) -> np.ndarray:
    """Events that fire at the start of `turn`, given the decisions of the turns before it. (B, E) bool."""
    cs = scenario.compiled()
    noise, uniforms = draw_randomness(seed, scenario.turns, len(scenario.events))
    state, _ = start_state(scenario, plan.batch)
    for t in range(turn):
        state, _ = step(state, t, _inputs(plan, t, noise, uniforms), scenario.params, cs)
    if turn >= scenario.turns:
        return np.zeros((plan.batch, len(scenario.events)), dtype=bool)
    return event_trigger(state, turn, uniforms[turn], cs)
