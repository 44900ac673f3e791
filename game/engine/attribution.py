"""Explanations that add up: each cause's part of the gap between the run and "no new policy".

For every turn t and indicator i, ``actual − no_new_policy = Σ parts`` exactly (to float
rounding). The parts are the Owen value (Shapley, 1953; Owen, 1977) of the game

    v(S) = f(the decisions of S, the events of S) − f(no new policy, the events of S)

whose players are *whole* decision kinds — every year of one budget lever together, a
dial, a pilot with its scale-up — and the events that fired. A decision kind outside S
is held at the scenario's baseline (the inherited policy) in every year; an event outside
S does not happen. So v(∅) = 0 and v(everyone) = actual − no new policy. An event's part
is how much it changed what your policies did (its effect on your region minus its effect
under no new policy), and includes your answer to it. Players are first grouped (budget
lever groups, dials, pilots, events): Shapley over the groups, then within each group,
which keeps the number of coalitions small. Every coalition is one member of ONE batched
``simulate``. Past a fixed number of coalitions a fixed, seeded set of group-respecting
permutations replaces the exact sum; the parts still add up exactly.

One guard keeps every large part honest: where a decision kind's part is at least 10% of the
gap but has the opposite sign of reverting that whole kind alone (an interaction the average
gave it), the part becomes that revert and the difference is shown as "other" — the only
remainder, and it exists only where this happens.

A kind's part is split over the years of its decisions in proportion to how far each
year's decision departs from no new policy (so a six-year credit push is named by its
years, and a year that equals the baseline gets nothing).
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from math import factorial
from typing import NamedTuple

import numpy as np

from game.engine.scenario import Plan, Scenario
from game.engine.schema import GROUP_OF_LEVER, INDICATOR_INDEX, LEVERS
from game.engine.simulate import RunResult, simulate

__all__ = ["Attribution", "attribute", "decision_kinds", "noise_band", "MAX_COALITIONS"]

#: Above this many coalitions the exact Owen sum gives way to fixed permutations.
MAX_COALITIONS = 1200
#: A part this large a share of the gap must have the sign of reverting its kind alone.
SIGN_CHECK = 0.1
#: How many permutations the sampled value uses (fixed seed, so the same plan gives the same parts).
PERMUTATIONS = 48


class _Player(NamedTuple):
    cause: str                       # "lever:basic", "credit_guidance", "pilot:<id>", "event:<id>"
    group: str
    columns: tuple[tuple[str, int | None], ...]   # (Plan field, column or None for all)


def _decision_players(scenario: Scenario, plan: Plan) -> list[_Player]:
    """Every decision kind of the plan, derived from the Plan's fields (new fields join)."""
    n_pilots = len(scenario.pilots)
    players: list[_Player] = []
    per_pilot: dict[int, list[tuple[str, int]]] = {p: [] for p in range(n_pilots)}
    for f in fields(Plan):
        array = getattr(plan, f.name)
        if f.name == "choices":
            continue  # answers to events belong to the events
        if f.name == "shares":
            players += [_Player(f"lever:{lever}", GROUP_OF_LEVER[lever], (("shares", j),))
                        for j, lever in enumerate(LEVERS)]
        elif array.ndim == 3 and array.dtype == bool and array.shape[2] == n_pilots:
            for p in range(n_pilots):
                per_pilot[p].append((f.name, p))
        else:
            players.append(_Player(f.name, "dials", ((f.name, None),)))
    players += [_Player(f"pilot:{scenario.pilots[p].id}", "pilots", tuple(cols))
                for p, cols in per_pilot.items()]
    return players


def decision_kinds(scenario: Scenario) -> tuple[str, ...]:
    """Every cause a decision can be: budget levers, dials, then each pilot."""
    probe = Plan.repeat(scenario, scenario.baseline, 1)
    return tuple(p.cause for p in _decision_players(scenario, probe))


def _departure(plan: Plan, baseline: Plan, player: _Player) -> np.ndarray:
    """(T,) how far each year's decision of this kind departs from no new policy."""
    total = np.zeros(plan.turns)
    for name, col in player.columns:
        mine, base = getattr(plan, name)[:, 0], getattr(baseline, name)[:, 0]
        if col is not None:
            mine, base = mine[..., col], base[..., col]
        diff = np.abs(mine.astype(float) - base.astype(float))
        total += diff.reshape(plan.turns, -1).sum(axis=1)
    return total


@dataclass
class Attribution:
    """The parts of ``actual − no_new_policy`` by cause, every turn and indicator."""

    causes: tuple[str, ...]
    parts: np.ndarray          # (C, T, I)
    actual: RunResult
    no_new_policy: RunResult
    departure: np.ndarray      # (C, T_decision) weights for splitting a part over decision years
    event_size: np.ndarray     # (C, T, I) an event's effect on your region (0 for decisions)
    method: str                # "owen" or "permutations"
    coalitions: int

    @property
    def gap(self) -> np.ndarray:
        """(T, I) actual − no new policy."""
        return self.actual.indicators[:, 0] - self.no_new_policy.indicators[:, 0]

    def part(self, cause: str, turn: int, indicator: str) -> float:
        return float(self.parts[self.causes.index(cause), turn, INDICATOR_INDEX[indicator]])

    def by_year(self, cause: str, turn: int, indicator: str) -> list[tuple[int, float]]:
        """The part split over the decision turns (0-based) up to ``turn``: [(turn, amount)]."""
        c = self.causes.index(cause)
        weights = self.departure[c, : turn + 1]
        total = weights.sum()
        amount = self.parts[c, turn, INDICATOR_INDEX[indicator]]
        if total <= 0:
            return []
        return [(int(d), float(amount * w / total)) for d, w in enumerate(weights) if w > 0]

    def ranked(self, turn: int, indicator: str) -> list[tuple[str, float]]:
        """Every non-zero part at ``turn``, largest first: [(cause, amount)]."""
        column = self.parts[:, turn, INDICATOR_INDEX[indicator]]
        order = np.argsort(-np.abs(column), kind="stable")
        return [(self.causes[c], float(column[c])) for c in order if column[c] != 0.0]


def attribute(scenario: Scenario, plan: Plan, seed: int,
              runs: tuple[RunResult, RunResult] | None = None) -> Attribution:
    """Explain a (finished or partial) single run; ``plan`` has B = 1 and T ≤ scenario.turns.

    ``runs`` may pass the run and the no-new-policy run already made (each B = 1, at least
    T turns) to spare a probe; they only tell which events fired."""
    turns = plan.turns
    baseline = Plan.repeat(scenario, scenario.baseline, turns)
    if runs is None:
        probe = simulate(scenario, Plan.stack([plan, baseline]), seed)
        runs = (probe.member(0), probe.member(1))
    fired = runs[0].fired[:turns, 0] | runs[1].fired[:turns, 0]          # (T, E)
    # Each decision kind's departure from no new policy, computed once: it picks the players
    # (a kind that never departs explains nothing) and later splits their parts over the years.
    departures = {p: _departure(plan, baseline, p) for p in _decision_players(scenario, plan)}
    decisions = [p for p, d in departures.items() if d.any()]
    events = [int(e) for e in np.flatnonzero(fired.any(axis=0))]
    players = decisions + [_Player(f"event:{scenario.events[e].id}", "events", (("choices", e),))
                           for e in events]
    unions = _unions(players)
    masks, weights, method = _coalitions(unions, len(players))
    bits = _event_bits(len(decisions), len(events))
    base_masks = [bits] + sorted({m & bits for m in masks} - {bits})
    batch = Plan.stack([
        _build(plan, baseline, players, len(decisions), masks),
        _build(baseline, baseline, players, len(decisions), base_masks),
        _build(plan, baseline, players, len(decisions), _size_masks(len(decisions), len(events))),
    ])
    run = simulate(scenario, batch, seed)
    values = _values(run, masks, base_masks, len(decisions), len(events))
    # einsum without optimize sums in its own fixed order, not through BLAS: bit for bit the
    # same on every machine and batch, and no BLAS thread start-up (it cost 50 ms when busy).
    parts = np.einsum("pc,cti->pti", weights, values, optimize=False)
    parts, other = _sign_guard(parts, values, masks, len(decisions))
    sizes = _event_sizes(run, len(masks) + len(base_masks), len(decisions), len(events), turns)
    departure = np.array([departures[p] for p in decisions]
                         + [fired[:, e].astype(float) for e in events]).reshape(len(players), turns)
    causes = tuple(p.cause for p in players)
    if np.any(other != 0):
        causes += ("other",)
        parts = np.concatenate([parts, other[None]])
        sizes = np.concatenate([sizes, np.zeros_like(other)[None]])
        departure = np.concatenate([departure, np.zeros((1, turns))])
    return Attribution(
        causes=causes, parts=parts, actual=run.member(0), no_new_policy=run.member(len(masks)),
        departure=departure, event_size=sizes, method=method, coalitions=len(masks))


def _sign_guard(parts: np.ndarray, values: np.ndarray, masks: list[int],
                n_decisions: int) -> tuple[np.ndarray, np.ndarray]:
    """Where a decision kind's large part (≥ SIGN_CHECK of the gap) has the opposite sign of
    reverting that whole kind alone, the part becomes that revert and the difference (an
    interaction the two cannot share without contradicting the revert) goes to "other"."""
    everyone = masks[0]
    column = {m: c for c, m in enumerate(masks)}
    gap = values[0]
    other = np.zeros_like(gap)
    parts = parts.copy()
    for k in range(n_decisions):
        alone = values[0] - values[column[everyone & ~(1 << k)]]   # f(P) − f(P without k)
        wrong = (np.abs(parts[k]) >= SIGN_CHECK * np.abs(gap)) & (np.sign(parts[k]) != np.sign(alone))
        other += np.where(wrong, parts[k] - alone, 0.0)
        parts[k] = np.where(wrong, alone, parts[k])
    return parts, other


def _event_bits(n_decisions: int, n_events: int) -> int:
    return ((1 << n_events) - 1) << n_decisions


def _size_masks(n_decisions: int, n_events: int) -> list[int]:
    """Your whole policy with one event removed: how big that event was for your region."""
    everyone = (1 << (n_decisions + n_events)) - 1
    return [everyone & ~(1 << (n_decisions + k)) for k in range(n_events)]


def _unions(players: list[_Player]) -> list[list[int]]:
    groups: dict[str, list[int]] = {}
    for i, player in enumerate(players):
        groups.setdefault(player.group, []).append(i)
    return list(groups.values())


def _build(plan: Plan, baseline: Plan, players: list[_Player], n_decisions: int,
           masks: list[int]) -> Plan:
    """One member per coalition mask: its decision players take the plan's decisions, the
    rest the baseline's; events keep the plan's answers, and an event outside the coalition
    is suppressed (a negative answer). No-new-policy members pass the baseline as the plan."""
    batch = baseline.broadcast(len(masks))
    batch.choices[:] = plan.choices[:, :1]
    member = np.array(masks, dtype=np.int64)
    for k, player in enumerate(players):
        inside = ((member >> k) & 1).astype(bool)
        for name, col in player.columns:
            target, source = getattr(batch, name), getattr(plan, name)
            if k >= n_decisions:       # an event: suppressed outside the coalition
                target[:, ~inside, col] = -1
            elif col is None:
                target[:, inside] = source[:, :1]
            else:
                target[:, inside, col] = source[:, :1, col]
    return batch


def _values(run: RunResult, masks: list[int], base_masks: list[int], n_decisions: int,
            n_events: int) -> np.ndarray:
    """v(S) per coalition: (C, T, I)."""
    ind = run.indicators                               # (T, B, I)
    bits = _event_bits(n_decisions, n_events)
    base_at = {m: len(masks) + j for j, m in enumerate(base_masks)}
    rows = [base_at[m & bits] for m in masks]
    return (ind[:, : len(masks)] - ind[:, rows]).transpose(1, 0, 2)


def _event_sizes(run: RunResult, start: int, n_decisions: int, n_events: int,
                 turns: int) -> np.ndarray:
    """(C, T, I): an event's effect on your region: your run minus your run without it.
    The grand coalition (your whole run) is always the first member."""
    ind = run.indicators
    sizes = np.zeros((n_decisions + n_events, turns, ind.shape[2]))
    for k in range(n_events):
        sizes[n_decisions + k] = ind[:, 0] - ind[:, start + k]
    return sizes


def _coalitions(unions: list[list[int]], n: int) -> tuple[list[int], np.ndarray, str]:
    """The coalition masks to run (grand coalition first) and the (players, masks) weights."""
    key = tuple(map(tuple, unions))
    if key not in _COALITION_CACHE:
        _COALITION_CACHE[key] = _coalitions_uncached(unions, n)
    return _COALITION_CACHE[key]


_COALITION_CACHE: dict[tuple[tuple[int, ...], ...], tuple[list[int], np.ndarray, str]] = {}


def _coalitions_uncached(unions: list[list[int]], n: int) -> tuple[list[int], np.ndarray, str]:
    if _owen_count(unions) <= MAX_COALITIONS:
        terms = _owen_terms(unions)
        method = "owen"
    else:
        terms = _permutation_terms(unions)
        method = "permutations"
    everyone = (1 << n) - 1
    index = {everyone: 0}
    for _i, with_i, without, _w in terms:
        index.setdefault(with_i, len(index))
        index.setdefault(without, len(index))
    for i in range(n):  # everyone but one: the whole-kind reverts the sign guard reads
        index.setdefault(everyone & ~(1 << i), len(index))
    weights = np.zeros((n, len(index)))
    for i, with_i, without, w in terms:
        weights[i, index[with_i]] += w
        weights[i, index[without]] -= w
    return list(index), weights, method


def _owen_count(unions: list[list[int]]) -> int:
    m = len(unions)
    return sum(2 ** (m - 1) * 2 ** len(u) for u in unions) if m else 0


def _owen_terms(unions: list[list[int]]) -> list[tuple[int, int, int, float]]:
    """(player, coalition with it, coalition without it, weight) of the exact Owen value."""
    m = len(unions)
    union_bits = [sum(1 << i for i in u) for u in unions]
    terms = []
    for k, union in enumerate(unions):
        others = [b for j, b in enumerate(union_bits) if j != k]
        for r_mask in range(1 << (m - 1)):
            r = bin(r_mask).count("1")
            outer = factorial(r) * factorial(m - r - 1) / factorial(m)
            base = sum(b for j, b in enumerate(others) if (r_mask >> j) & 1)
            for pos, i in enumerate(union):
                rest = union[:pos] + union[pos + 1:]
                u = len(union)
                for t_mask in range(1 << len(rest)):
                    t = bin(t_mask).count("1")
                    inner = factorial(t) * factorial(u - t - 1) / factorial(u)
                    coalition = base | sum(1 << q for j, q in enumerate(rest) if (t_mask >> j) & 1)
                    terms.append((i, coalition | (1 << i), coalition, outer * inner))
    return terms


def _permutation_terms(unions: list[list[int]]) -> list[tuple[int, int, int, float]]:
    """Marginal contributions along a fixed, seeded set of orders that keep each group together."""
    rng = np.random.Generator(np.random.PCG64(20_260_101))
    terms = []
    for _k in range(PERMUTATIONS):
        order = [i for u in rng.permutation(len(unions)) for i in rng.permutation(unions[u])]
        coalition = 0
        for i in order:
            terms.append((int(i), coalition | (1 << int(i)), coalition, 1.0 / PERMUTATIONS))
            coalition |= 1 << int(i)
    return terms


def noise_band(scenario: Scenario, seeds: int = 8) -> np.ndarray:
    """(I,) the normal year-to-year variation of the no-new-policy run: for each indicator,
    the half width that holds 90% of the turn-on-turn changes across ``seeds`` seeds (no
    events), around their mean path. Computed once per scenario and kept on it."""
    cached = scenario.__dict__.get("_noise_band")
    if cached is not None and cached.shape[0] == len(INDICATOR_INDEX):
        return cached
    if scenario.turns < 2:  # no year-to-year change to measure
        band = np.zeros(len(INDICATOR_INDEX))
        object.__setattr__(scenario, "_noise_band", band)
        return band
    plan = Plan.repeat(scenario, scenario.baseline)
    plan.choices[:] = -1  # events are not normal variation: none happens in these runs
    changes = []
    for seed in range(seeds):
        ind = simulate(scenario, plan, 10_000 + seed).indicators[:, 0]     # (T, I)
        changes.append(np.diff(ind, axis=0))
    changes = np.array(changes)                                          # (S, T-1, I)
    spread = np.abs(changes - changes.mean(axis=0, keepdims=True))
    band = np.quantile(spread.reshape(-1, spread.shape[2]), 0.9, axis=0)
    object.__setattr__(scenario, "_noise_band", band)
    return band
