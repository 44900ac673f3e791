"""Counterfactual attribution: what each (lever, turn) decision did to each indicator.

One batched replay: member 0 is the actual run; every other member reverts one
decision kind at one turn to the scenario's baseline decision. The difference
between the actual run and a counterfactual is that decision's contribution.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.engine.scenario import Plan, Scenario
from game.engine.schema import INDICATOR_INDEX, LEVERS
from game.engine.simulate import RunResult, simulate

__all__ = ["Attribution", "attribute", "decision_kinds"]


def decision_kinds(scenario: Scenario) -> tuple[str, ...]:
    """The decision kinds attributed: budget levers, dials, then each pilot as `pilot:<id>`."""
    return LEVERS + ("credit_guidance", "focus") + tuple(f"pilot:{pid}" for pid in scenario.pilot_ids)


@dataclass
class Attribution:
    levers: tuple[str, ...]
    effect: np.ndarray        # (L, T_decision, T, I): actual − counterfactual
    actual: RunResult

    def change_causes(self, turn: int, indicator: str, top: int = 5) -> list[tuple[str, int, float]]:
        """The largest contributions to the change of `indicator` at `turn` (0-based).

        Each entry is (decision kind, decision turn, amount in the indicator's units).
        """
        i = INDICATOR_INDEX[indicator]
        now = self.effect[:, : turn + 1, turn, i]
        before = self.effect[:, : turn + 1, turn - 1, i] if turn > 0 else np.zeros_like(now)
        change = now - before
        order = np.argsort(-np.abs(change), axis=None, kind="stable")[:top]
        out = []
        for flat in order:
            lever, when = np.unravel_index(flat, change.shape)
            amount = float(change[lever, when])
            if amount != 0.0:
                out.append((self.levers[lever], int(when), amount))
        return out

    def total_effect(self, turn: int, indicator: str) -> np.ndarray:
        """(L, T_decision): how much each decision had moved `indicator` by `turn`."""
        return self.effect[:, : turn + 1, turn, INDICATOR_INDEX[indicator]]

    def top_decisions(self, indicator: str, top: int = 5) -> list[tuple[str, int, float]]:
        """The decisions that moved `indicator` most by the last turn."""
        last = self.effect.shape[2] - 1
        totals = self.total_effect(last, indicator)
        order = np.argsort(-np.abs(totals), axis=None, kind="stable")[:top]
        result = []
        for flat in order:
            lever, when = np.unravel_index(flat, totals.shape)
            if totals[lever, when] != 0.0:
                result.append((self.levers[lever], int(when), float(totals[lever, when])))
        return result


def _revert(plan: Plan, baseline: Plan, kind: int, turn: int, n_levers: int, member: int) -> None:
    if kind < n_levers:
        plan.shares[turn, member, kind] = baseline.shares[turn, 0, kind]
    elif kind == n_levers:
        plan.credit_guidance[turn, member] = baseline.credit_guidance[turn, 0]
    elif kind == n_levers + 1:
        plan.focus[turn, member] = baseline.focus[turn, 0]
    else:
        pilot = kind - n_levers - 2
        plan.pilots[turn, member, pilot] = baseline.pilots[turn, 0, pilot]


def attribute(scenario: Scenario, plan: Plan, seed: int) -> Attribution:
    """Attribute a (finished or partial) single run; `plan` has B = 1 and T ≤ scenario.turns."""
    turns = plan.turns
    kinds = decision_kinds(scenario)
    n_kinds = len(kinds)
    baseline = Plan.repeat(scenario, scenario.baseline, turns)
    batch = plan.broadcast(1 + n_kinds * turns)
    member = 1
    for kind in range(n_kinds):
        for t in range(turns):
            _revert(batch, baseline, kind, t, len(LEVERS), member)
            member += 1
    result = simulate(scenario, batch, seed)
    actual = result.indicators[:, :1, :]                      # (T, 1, I)
    counter = result.indicators[:, 1:, :].reshape(turns, n_kinds, turns, -1)  # (T, L, Td, I)
    effect = (actual[:, :, None, :] - counter).transpose(1, 2, 0, 3)          # (L, Td, T, I)
    return Attribution(kinds, effect, result.member(0))
