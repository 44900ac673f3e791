"""One year of the region: technology → industry → finance → technology.

Every equation here is written out, with its source, in docs/model.md; each block of
the model is one pure function below, named after that document's section, which takes
arrays and returns a named tuple of new arrays (it writes into nothing it was given).
`step` runs the blocks in order and assembles the next State. Arrays are batch-last:
a stock per region is (B,), a stock per sector is (3, B). One region runs on numbers instead
(`simulate.narrow`: a stock per region is a numpy float64, per sector (3,)), with the same code:
the blocks read which from the state's shapes, take the parameters in the matching form from
`_fast`, and compare two numbers with `_max`, `_min` and `_where` rather than numpy's dispatch.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, fields
from types import SimpleNamespace
from typing import NamedTuple

import numpy as np

from game.engine.params import Params
from game.engine.scenario import CompiledScenario
from game.engine.schema import (
    INDICATOR_INDEX,
    INDICATORS,
    LEVER_INDEX,
    PILOT_EFFECT_INDEX,
    SHOCK_INDEX,
    STOCKS,
)
from game.engine.state import REF, State, default_hazard, hazard_by_age

__all__ = ["TurnInput", "TurnOutput", "TurnBuffers", "step", "event_trigger", "N_NOISE"]

#: Random numbers drawn per turn: three sectors' productivity, basic and applied research.
N_NOISE = 5

_L = LEVER_INDEX
_S = SHOCK_INDEX
_E = PILOT_EFFECT_INDEX
_I = INDICATOR_INDEX
_COMPARE = (np.less, np.less_equal, np.greater, np.greater_equal)


def _frozen(value: float) -> np.ndarray:
    """A constant as a read-only 0-d float64 array: against an array, numpy uses it as it is, where
    a Python float is converted on every call (the same numbers, less time on a small batch)."""
    array = np.array(value, dtype=float)
    array.flags.writeable = False
    return array


def _number(value: float) -> np.float64:
    """A constant as a numpy float64 number, for one region's numbers (see `narrow`)."""
    return np.float64(value)


#: `_frozen` (`_number` for one region) for a value derived from the parameters (1 − a
#: depreciation rate, a delay), cached.
_k = functools.lru_cache(maxsize=1024)(_frozen)
_k_number = functools.lru_cache(maxsize=1024)(_number)


# Numerical guards, not economics: shocks never take a factor below 5%, a vintage or a year's
# general credit never defaults on more than 90%, a credit boom's factor on default rates stops
# at e^20 (every default rate has reached its 90% long before: the guard only keeps exp from
# overflowing in a level that makes booms extreme), and growth accounting is not divided by
# growth under 0.5%. (The blocks read them from `_fast`, in the form that suits the batch.)
_LEAST_FACTOR = 0.05
_MOST_DEFAULT = 0.9
_MOST_BOOM_EXPONENT = 20.0
_LEAST_GROWTH = 0.005
#: Up to this batch `_total` sums with one accumulate call rather than row by row.
_NARROW = 64


@dataclass
class TurnInput:
    shares: np.ndarray           # (L, B)
    credit_guidance: np.ndarray  # (B,)
    focus: np.ndarray            # (3, B), each column summing to 1
    pilots: np.ndarray           # (P, B) bool
    choices: np.ndarray          # (E, B) int
    fund_horizon: np.ndarray     # (B,) life in years of guidance funds set up this turn
    scale_up: np.ndarray         # (P, B) bool: roll these pilots out region-wide (if they work)
    noise: np.ndarray            # (N_NOISE,) standard normal, shared by the batch
    uniforms: np.ndarray         # (E,) uniform draws for random events, shared by the batch


@dataclass
class TurnOutput:
    indicators: np.ndarray       # (I, B) in INDICATORS order
    flows: np.ndarray            # (3, B) tech→industry, industry→finance, finance→tech (bn yuan)
    budget: np.ndarray           # (B,) money available this turn (budget + fund exits)
    shares: np.ndarray           # (L, B) shares as resolved (cut back if the deficit limit binds)
    fired: np.ndarray            # (E, B) events that fired at the start of this turn
    stocks: np.ndarray           # (len(STOCKS), B) in STOCKS order
    spending: np.ndarray         # (B,) levers, pilots, guarantee shortfalls and interest
    lever_spending: np.ndarray   # (L, B) bn yuan spent on each lever (as resolved)
    st_budget: np.ndarray        # (B,) this turn's S&T budget, bn yuan (without fund exits)


class TurnBuffers(NamedTuple):
    """Rows a caller gives `step` to write some of the turn's outputs into (each C-contiguous, of
    the output's shape), so that a run's arrays are filled without a copy. The TurnOutput then
    holds these arrays."""

    indicators: np.ndarray       # (I, B)
    flows: np.ndarray            # (3, B)
    stocks: np.ndarray           # (len(STOCKS), B)
    shares: np.ndarray           # (L, B)
    lever_spending: np.ndarray   # (L, B)


def _total(rows: np.ndarray) -> np.ndarray:
    """Sum over the first axis, row after row.

    numpy's `sum(axis=0)` switches to pairwise summation when the batch is 1 (the
    rows are then contiguous), which changes the last bit; a batch of one must equal
    a single run exactly, so the order of addition is fixed here. A small batch uses
    `add.accumulate` (one call, the same additions in the same order); a wide one adds
    row by row (accumulate walks a wide array across its rows, which is slow).
    """
    if rows.shape[-1] <= _NARROW:
        return np.add.accumulate(rows, axis=0)[-1]
    out = rows[0].copy()
    for row in rows[1:]:
        out += row
    return out


def _max(a, b):
    """np.maximum(a, b). For two numbers (one region: `narrow`) a comparison, without numpy's
    dispatch, which costs twenty times as much: the same value, NaN kept as numpy keeps it."""
    if isinstance(a, float) and isinstance(b, float):  # (numpy's float64 is a float)
        return a if (a >= b or a != a) else b
    return np.maximum(a, b)


def _min(a, b):
    """np.minimum(a, b), for two numbers without numpy's dispatch (see `_max`)."""
    if isinstance(a, float) and isinstance(b, float):
        return a if (a <= b or a != a) else b
    return np.minimum(a, b)


def _where(condition, a, b):
    """np.where(condition, a, b); for one region's condition (a numpy bool), the value itself
    rather than a 0-d array."""
    if isinstance(condition, np.bool_):
        return a if condition else b
    return np.where(condition, a, b)


def _wide(s: State) -> bool:
    """A batch's state (a stock per region (B,), per sector (3, B)) rather than one region's
    numbers (`narrow`: a number, (3,))."""
    return s.capital.ndim == 2


def _clip(x, low: float, high: float) -> np.ndarray:
    """np.clip without its dispatch overhead (it dominates at batch 1)."""
    return _min(_max(x, low), high)


def _col(values: np.ndarray, wide: bool) -> np.ndarray:
    """Values per item (a pilot, an event, a loan's age) against (items, B) arrays: a (k, 1)
    column for a batch, the values themselves for one region (`narrow`: (items,))."""
    return values[:, None] if wide else values


def _rows(arrays, out: np.ndarray | None = None) -> np.ndarray:
    """Stack equally long rows into one (len(arrays), B) array, cheaper than np.stack at batch 1;
    into `out` (C-contiguous, (len(arrays), B)) if given. One region's numbers (`narrow`) make
    a (len(arrays),) array."""
    arrays = list(arrays)
    first = arrays[0]
    if not isinstance(first, np.ndarray) or first.ndim == 0:  # numbers: one region
        if out is None:
            return np.array(arrays, dtype=float)
        out[...] = arrays
        return out
    if out is None:
        return np.concatenate(arrays).reshape(len(arrays), -1)
    if not out.flags.c_contiguous:
        raise ValueError("_rows writes only into a C-contiguous array")
    np.concatenate(arrays, out=out.reshape(-1))
    return out


def _plus(x, effects: np.ndarray | None, index: int):
    """x + one shock or pilot effect. With none running (`effects` is None) x itself, which is
    what x + 0.0 gives: the same numbers without a pass over the batch."""
    return x if effects is None else x + effects[index]


def _lift(x, effects: np.ndarray | None, index: int):
    """x·(1 + one shock or pilot effect). With none running (`effects` is None) x itself, which
    is what x·1.0 gives: the same numbers without a pass over the batch."""
    return x if effects is None else x * (1.0 + effects[index])


_last_fast: dict = {}


def _fast(p: Params, wide: bool) -> SimpleNamespace:
    """The parameters, the numerical guards and `k` (a derived constant) in the form that is
    cheapest against the step's values: read-only 0-d float64 arrays against a batch's arrays
    (numpy converts a Python float on every call, which costs more than the operation itself on
    a small batch), numpy float64 numbers against one region's numbers (`narrow`), where a 0-d
    array would send a product of two numbers through numpy's array machinery. The same values,
    so the same numbers either way. Kept for the last Params object, matched by identity (a
    Params is frozen)."""
    last = _last_fast.get(wide)
    if last is not None and last[0] is p:
        return last[1]
    make = _frozen if wide else _number
    values = {f.name: make(getattr(p, f.name)) for f in fields(p)}
    values.update(
        zero=make(0.0), one=make(1.0), nano=make(1e-9), pico=make(1e-12),
        least_factor=make(_LEAST_FACTOR), most_default=make(_MOST_DEFAULT), least_growth=make(_LEAST_GROWTH),
        most_boom_exponent=make(_MOST_BOOM_EXPONENT),
        k=_k if wide else _k_number, wide=wide,
    )
    fast = SimpleNamespace(**values)
    _last_fast[wide] = (p, fast)
    return fast


@functools.lru_cache(maxsize=256)
def _log_odds(share: float) -> float:
    """log(share / (1 − share)) of a parameter, as a float (cached: it is needed every turn)."""
    return float(np.log(share / (1.0 - share)))


@functools.lru_cache(maxsize=256)
def _column(values: tuple[float, ...], wide: bool) -> np.ndarray:
    """Parameters as one read-only (k, 1) column against a batch, (k,) for one region (`narrow`);
    cached: it is built every turn."""
    column = np.array(values)
    if wide:
        column = column[:, None]
    column.flags.writeable = False
    return column


def _by_sector(a: float, b: float, c: float, wide: bool) -> np.ndarray:
    """A per-sector parameter as a (3, 1) column ((3,) for one region); cached."""
    return _column((a, b, c), wide)


class _Constants(NamedTuple):
    """What the step derives from the state's shared (k, 1) arrays, the same every turn."""

    ref_total: np.ndarray        # technology in use at the start, all sectors
    log_ref_tilt: np.ndarray     # (3, 1) log of each sector's share of it
    log_productivity: np.ndarray  # (3, 1)
    log_weights: np.ndarray      # (3, 1) log CES weights at the start
    gdp: np.ndarray              # the REFS rows, each (1,)
    researchers: np.ndarray
    skilled_density: np.ndarray
    digital_share: np.ndarray
    labour: np.ndarray
    wage: np.ndarray             # GDP per worker at the start


_last_constants: tuple = ()


def _constants(s: State) -> _Constants:
    """The state's constants, computed once per starting state (its shared arrays are passed on
    unchanged from turn to turn) rather than every turn: the same expressions, the same numbers."""
    global _last_constants
    last = _last_constants
    # The last state's are kept, matched by identity: the step hands these arrays on unchanged
    # and nothing writes into a state's arrays (State.shallow), so the same arrays mean the same values.
    if last and last[0] is s.refs and last[1] is s.tech_ref and last[2] is s.productivity and last[3] is s.weights:
        return last[4]
    ref_total = _frozen(s.tech_ref.sum())  # (a 0-d array: see `_frozen`)
    refs = {name: s.refs[i] for name, i in REF.items()}
    constants = _Constants(
        ref_total, np.log(s.tech_ref / ref_total), np.log(s.productivity), np.log(s.weights),
        refs["gdp"], refs["researchers"], refs["skilled_density"], refs["digital_share"], refs["labour"],
        refs["gdp"] / refs["labour"],
    )
    _last_constants = (s.refs, s.tech_ref, s.productivity, s.weights, constants)
    return constants


# --- events and pilot zones -------------------------------------------------------------


class Events(NamedTuple):
    fired: np.ndarray    # (E, B) bool
    shock: np.ndarray | None  # (K, B) summed shocks of every running event; None if none runs
    choice: np.ndarray   # (E, B)
    timer: np.ndarray    # (E, B)
    done: np.ndarray     # (E, B)


class Pilots(NamedTuple):
    effect: np.ndarray | None  # (channels, B) effects of working pilots plus risks of open ones; None if none is open
    cost: np.ndarray | None    # (B,) share of the budget they cost this turn; None if none is open
    age: np.ndarray      # (P, B)
    scaled: np.ndarray   # (P, B) bool


def event_trigger(state: State, turn: int, uniforms: np.ndarray, cs: CompiledScenario) -> np.ndarray:
    """Which events fire at the start of `turn`, from last turn's indicators. (E, B) bool."""
    shape = state.event_done.shape  # (E, B), or (E,) for one region (`narrow`)
    if shape[0] == 0:
        return np.zeros(shape, dtype=bool)
    wide = len(shape) == 2
    scripted = cs.event_turn == turn
    random = (cs.event_turn < 0) & (turn >= cs.event_first) & (uniforms < cs.event_prob)
    fires = np.repeat((scripted | random)[:, None], shape[1], axis=1) if wide else scripted | random
    if state.indicators.shape[0]:
        for e in np.flatnonzero(cs.event_cond_index >= 0):
            compare = _COMPARE[cs.event_cond_op[e]]
            fires[e] &= compare(state.indicators[cs.event_cond_index[e]], cs.event_cond_threshold[e])
    # A random event fires once per run; a scripted one only at its turn anyway.
    fires &= ~(state.event_done & _col(cs.event_turn < 0, wide))
    return fires


def events_block(s: State, turn: int, inp: TurnInput, cs: CompiledScenario) -> Events:
    """Start fired events and sum the shocks of every event still running."""
    # A negative answer means "this event does not happen here" (attribution's "without it").
    if cs.event_turn.shape[0] == 0:  # a level without events
        return Events(s.event_done, None, s.event_choice, s.event_timer, s.event_done)
    wide = s.event_done.ndim == 2
    fired = event_trigger(s, turn, inp.uniforms, cs) & (inp.choices >= 0)
    choice = np.minimum(np.maximum(inp.choices, 0), _col(cs.event_choices - 1, wide))
    choice = np.where(fired, choice, s.event_choice)
    timer = np.where(fired, _col(cs.event_duration, wide), s.event_timer)
    done = s.event_done | fired
    running = np.flatnonzero((timer > 0).any(axis=1) if wide else timer > 0)
    shock = np.zeros((len(SHOCK_INDEX),) + fired.shape[1:]) if running.size else None
    for e in running:
        active = timer[e] > 0
        shock += cs.event_effects[e][choice[e]].T * active
    return Events(fired, shock, choice, _max(timer - 1, 0), done)


def pilots_block(s: State, p: Params, inp: TurnInput, cs: CompiledScenario) -> Pilots:
    """Pilot zones; a working pilot rolled out region-wide (复制推广) multiplies its effects and
    risks for a one-time cost and a higher upkeep, and stays rolled out."""
    wide = s.pilot_age.ndim == 2  # (P, B) for a batch, (P,) for one region (`narrow`)
    q = _fast(p, wide)  # the parameters in the form cheapest against the step's values
    # count_nonzero: the cheapest "any" (ndarray.any costs four times as much on a few values).
    if not (np.count_nonzero(inp.pilots) or np.count_nonzero(inp.scale_up) or np.count_nonzero(s.pilot_scaled)):
        # No pilot zone open anywhere in the batch (the usual case): nothing to add or pay.
        return Pilots(None, None, np.zeros(s.pilot_age.shape), np.zeros(s.pilot_scaled.shape, dtype=bool))
    was_working = s.pilot_age > _col(cs.pilot_delay, wide)
    scaled = s.pilot_scaled | (inp.scale_up.astype(bool) & was_working)
    newly = scaled & ~s.pilot_scaled
    open_ = inp.pilots.astype(bool) | scaled
    age = np.where(open_, s.pilot_age + q.one, q.zero)
    # Every pilot's terms at once, (P, B) and (P, channels, B); only the sums below go pilot by pilot.
    is_open = open_.astype(float)
    working = (age > _col(cs.pilot_delay, wide)).astype(float)
    reach = np.where(scaled, q.scale_up_effect, q.one)
    upkeep = np.where(scaled, q.scale_up_upkeep, q.one) * _col(cs.pilot_upkeep, wide)
    if wide:
        effects = cs.pilot_effects[:, :, None] * working[:, None] + cs.pilot_risks[:, :, None] * is_open[:, None]
    else:
        effects = cs.pilot_effects * working[:, None] + cs.pilot_risks * is_open[:, None]
    effects *= reach[:, None]
    pilot_cost = _col(cs.pilot_cost, wide)
    costs = is_open * upkeep + (age == q.one) * pilot_cost + newly * q.scale_up_cost * pilot_cost
    effect = np.zeros((len(PILOT_EFFECT_INDEX),) + inp.pilots.shape[1:])
    cost = np.zeros(inp.pilots.shape[1]) if wide else 0.0
    # One pilot at a time, not a matrix product: BLAS may sum in an order that depends
    # on the batch size, and a batch of one must equal a single run bit for bit.
    for k in np.flatnonzero(open_.any(axis=1) if wide else open_):
        effect += effects[k]
        cost += costs[k]
    return Pilots(effect, cost, age, scaled)


# --- budget and the deficit limit -------------------------------------------------------


class Budget(NamedTuple):
    budget: np.ndarray        # (B,) this turn's S&T budget
    exit_gov: np.ndarray      # (B,) government capital returned by funds
    exit_private: np.ndarray  # (B,)
    inflow: np.ndarray        # (B,) budget + fund exits
    fixed: np.ndarray         # (B,) pilot costs and interest
    shares: np.ndarray        # (L, B) as resolved
    spend: np.ndarray         # (L, B) bn yuan by lever


def budget_block(
    s: State, p: Params, shares: np.ndarray, shock: np.ndarray | None, pilot_cost: np.ndarray | None,
    into: TurnBuffers | None = None,
) -> Budget:
    q = _fast(p, _wide(s))  # the parameters in the form cheapest against the step's values
    gdp_prev = s.gdp_hist[-1]
    budget = q.budget_base + q.budget_gdp_share * gdp_prev
    if shock is not None:
        budget = budget * _max(q.zero, q.one - shock[_S["budget_cut"]])
    exit_gov = s.fund_gov / s.fund_life
    exit_private = s.fund_private / s.fund_life
    inflow = budget + exit_gov
    fixed = q.debt_interest * s.debt if pilot_cost is None else pilot_cost * budget + q.debt_interest * s.debt
    # order="C": laid out batch-last whatever view of the plan a caller passes, in the same pass
    # (or straight into the caller's rows).
    shares = np.maximum(shares, q.zero, order="C") if into is None else np.maximum(shares, q.zero, out=into.shares)
    wanted = _total(shares) * budget
    room = _max(inflow + s.reserve + q.deficit_limit * budget - fixed, q.zero)
    over = wanted > room
    if np.count_nonzero(over):  # the deficit limit binds: those regions' shares are cut back pro rata
        shares *= np.where(over, room / _max(wanted, q.pico), 1.0)  # (an array of this block's own)
    spend = shares * budget if into is None else np.multiply(shares, budget, out=into.lever_spending)
    return Budget(budget, exit_gov, exit_private, inflow, fixed, shares, spend)


# --- credit losses: last year's bad loans set this year's financing conditions ----------


class Losses(NamedTuple):
    tech_defaults: np.ndarray    # (B,)
    remaining: np.ndarray        # (M, B) outstanding after defaults and repayment
    coverage: np.ndarray         # (B,) government share of losses
    shortfall: np.ndarray        # (B,) guarantee payouts the pool could not cover
    pool: np.ndarray             # (B,)
    crunch: np.ndarray           # (B,) 0 calm … 1 full crunch
    extra_loss: np.ndarray       # (B,)
    spread: np.ndarray           # (B,) loan spread above the starting one


def losses_block(s: State, p: Params, spend: np.ndarray, shock: np.ndarray) -> Losses:
    """This year's defaults by vintage age, the risk-sharing pool, the crunch and the loan spread."""
    q = _fast(p, _wide(s))  # the parameters in the form cheapest against the step's values
    maturity = s.vintage_out.shape[0]
    hazard = _col(default_hazard(p, maturity), q.wide)
    tech_credit_start = _total(s.vintage_out)
    defaults_by_age = _min(s.vintage_issued * s.vintage_pd * hazard, s.vintage_out)
    tech_defaults = _total(defaults_by_age)
    left = s.vintage_out - defaults_by_age
    repaid = _min(s.vintage_issued / q.k(float(maturity)), left)
    remaining = _max(left - repaid, q.zero)
    extra_loss = 0.0
    if shock is not None:  # an event writes off a share of all technology loans
        extra_loss = _max(shock[_S["credit_losses"]], q.zero)
        tech_defaults = tech_defaults + extra_loss * tech_credit_start
        remaining *= q.one - extra_loss
    pool = s.pool + spend[_L["risk_sharing"]]
    coverage = _min(q.risk_sharing_cap, q.pool_coverage * pool / _max(tech_credit_start, q.nano))
    payouts = coverage * tech_defaults
    from_pool = _min(pool, payouts)
    npl_prev = s.bad_loans / (s.general_credit + tech_credit_start)
    crunch = _clip((npl_prev - q.crunch_threshold) / q.crunch_width, q.zero, q.one)
    # Banks price bad loans into new lending: spreads rise with the NPL ratio.
    spread = q.spread_npl * (npl_prev - s.refs[REF["npl_ratio"]])
    return Losses(
        tech_defaults, remaining, coverage, payouts - from_pool, pool - from_pool, crunch, extra_loss, spread
    )


# --- industry: production with this year's technology, sectors combined at relative prices ---


class Industry(NamedTuple):
    value: np.ndarray         # (3, B) output at this year's relative prices (bn yuan); sums to gdp
    gdp: np.ndarray           # (B,) real GDP: the CES aggregate of the sectors
    out_share: np.ndarray     # (3, B) value shares
    labour_total: np.ndarray  # (B,) workers, researchers included
    log_skilled: np.ndarray   # (B,) log of skilled density relative to the start
    tech_total: np.ndarray    # (B,) commercialised technology, all sectors
    noise: np.ndarray         # (3, B) this year's persistent productivity deviation
    cycle: np.ndarray         # (B,) the credit cycle's factor on output (impulse, crunch): demand, not capacity
    growth: np.ndarray        # (B,) real GDP growth over last year


def log_demand_weights(s: State, p: Params, log_tilt: np.ndarray, c: _Constants) -> np.ndarray:
    """Log CES weights. Demand shifts toward new goods as income rises (non-homothetic
    demand: Comin, Lashkari & Mestieri 2021) and toward a sector whose share of the
    technology in use grows: new technology is also new products, which open markets
    (product innovation). (3, B); the weights sum to 1.

    Only the young sectors' new products open markets, and only a sector that gains
    technology gains them: in a mature industry innovation is mostly process innovation,
    which cuts costs rather than creating products (Utterback & Abernathy 1975; Klepper
    1996), and old products keep their market when others' new ones take share."""
    q = _fast(p, _wide(s))  # the parameters in the form cheapest against the step's values
    log_income = np.log(s.gdp_hist[-1] / c.gdp)
    eta = _by_sector(p.income_elasticity_traditional, p.income_elasticity_emerging, p.income_elasticity_digital, q.wide)
    log_w = eta * log_income
    log_w[1:] += q.product_demand * _max(log_tilt[1:], q.zero)
    log_w += c.log_weights
    # Normalised in logs, log ω_i − log Σ_j ω_j: one logarithm instead of one per sector.
    w = np.exp(log_w)
    log_w -= np.log(w[0] + w[1] + w[2])
    return log_w


def aggregate(log_quantity: np.ndarray, log_weights: np.ndarray, elasticity: float, k=_k) -> tuple[np.ndarray, np.ndarray]:
    """GDP = (Σ ω_i^(1/ε)·Y_i^((ε−1)/ε))^(ε/(ε−1)) and each sector's value p_i·Y_i, with
    p_i = (ω_i·GDP/Y_i)^(1/ε) (Ngai & Pissarides 2007; Herrendorf, Rogerson & Valentinyi 2013).
    With ε < 1 a sector that outgrows demand for it sees its price fall. `k` makes a derived
    constant (`_fast(...).k`: the form that suits the batch)."""
    r = (elasticity - 1.0) / elasticity
    terms = log_weights * k(1.0 / elasticity)
    terms += k(r) * log_quantity
    np.exp(terms, out=terms)
    total = terms[0] + terms[1] + terms[2]
    gdp = np.exp(np.log(total) * k(1.0 / r))
    terms *= gdp / total
    return gdp, terms


def _demand(q: SimpleNamespace, shock: np.ndarray | None, pilot: np.ndarray | None) -> np.ndarray:
    """(3, B) demand factors of the sectors from events and pilot zones (1 when nothing moves them):
    1 + demand shock (less the supply-chain shock for the young sectors) + pilot effect, each term
    left out when nothing runs (adding 0 changes no number)."""
    if shock is None:
        factors = [q.one, q.one, q.one]
    else:
        chain = shock[_S["supply_chain"]]
        factors = [
            q.one + shock[_S["demand_traditional"]],
            q.one + shock[_S["demand_emerging"]] - chain,
            q.one + shock[_S["demand_digital"]] - q.digital_chain_exposure * chain,
        ]
    if pilot is not None:
        factors = [
            factors[0] + pilot[_E["traditional_productivity"]],
            factors[1] + pilot[_E["emerging_productivity"]],
            factors[2] + pilot[_E["digital_productivity"]],
        ]
    return _rows(factors)


def industry_block(
    s: State, p: Params, shock: np.ndarray, pilot: np.ndarray, noise: np.ndarray, crunch: np.ndarray,
    c: _Constants,
) -> Industry:
    """Y_i = Z_i·K_i^α·(L_i·(1 − researchers/workers))^(1−α), in logs: one exp per sector."""
    q = _fast(p, _wide(s))  # the parameters in the form cheapest against the step's values
    # Technology is partly non-rival: the whole stock lifts every sector (by its own
    # elasticity); the focus only tilts which sector gets more of it, and that tilt is bounded.
    elasticity = _by_sector(p.tech_elasticity_traditional, p.tech_elasticity_emerging, p.tech_elasticity_digital, q.wide)
    # Production uses technology in use, which follows the commercialised stock with a
    # diffusion lag (firms need years to retool), not the stock itself.
    tech_total = s.tech[0] + s.tech[1] + s.tech[2]
    in_use = s.tech_in_use
    in_use_total = in_use[0] + in_use[1] + in_use[2]
    log_level = np.log(_max(in_use_total / c.ref_total, q.nano))
    log_tilt = in_use / in_use_total
    np.log(np.maximum(log_tilt, q.pico, out=log_tilt), out=log_tilt)
    log_tilt -= c.log_ref_tilt
    labour_total = s.labour[0] + s.labour[1] + s.labour[2]
    log_skilled = np.log(s.skilled / labour_total / c.skilled_density)
    digital_share_prev = s.indicators[_I["digital_share"]] if s.indicators.shape[0] else c.digital_share
    demand = None if shock is None and pilot is None else _demand(q, shock, pilot)
    spill = q.one + q.digital_spillover * (digital_share_prev - c.digital_share)
    # The credit cycle moves demand: new lending above last year's lifts it (the credit
    # impulse), a crunch cuts it.
    cycle = q.one + q.impulse_effect * s.impulse - q.crunch_output * crunch
    # Productivity shocks are persistent and small: an AR(1) in logs.
    persistent = q.noise_persistence * s.noise + q.noise_productivity * _col(noise[:3], q.wide)
    log_quantity = elasticity * log_level
    log_quantity += c.log_productivity  # log Z + ε·log level (addition commutes: the same sum)
    log_quantity += q.focus_elasticity * log_tilt
    log_quantity += persistent
    log_quantity[0] += q.skills_upgrading * log_skilled
    working = _max(q.one - s.researchers / labour_total, q.least_factor)
    # log D + log c + α·log K + (1−α)·log(L·w) taken as log(D·c·L·w) + α·log(K/(L·w)):
    # the same production function with two logarithms per sector instead of four.
    labour_used = s.labour * working
    inputs = labour_used if demand is None else labour_used * np.maximum(demand, q.least_factor, out=demand)
    demand_factor = _max(spill * cycle, q.least_factor)
    inputs = inputs * demand_factor
    log_quantity += np.log(inputs, out=inputs)
    capital_intensity = np.divide(s.capital, labour_used, out=labour_used)
    np.log(capital_intensity, out=capital_intensity)
    capital_intensity *= q.alpha
    log_quantity += capital_intensity
    gdp, value = aggregate(log_quantity, log_demand_weights(s, p, log_tilt, c), p.sector_substitution, q.k)
    return Industry(value, gdp, value / gdp, labour_total, log_skilled, tech_total, persistent,
                    demand_factor / spill, gdp / s.gdp_hist[-1] - q.one)


class Enterprise(NamedTuple):
    profits: np.ndarray       # (3, B)
    tech_profits: np.ndarray  # (B,) emerging + digital
    rd: np.ndarray            # (B,) enterprise R&D
    drive: np.ndarray         # (B,) next year's enterprise R&D relative to its profit-funded level
    basic_rd: np.ndarray      # (B,) all basic research (government + enterprise)
    applied_rd: np.ndarray    # (B,)
    total_rd: np.ndarray      # (B,)


def enterprise_block(s: State, p: Params, value: np.ndarray, spend: np.ndarray, spread: np.ndarray) -> Enterprise:
    """Profits Π_i = m_i·p_iY_i; enterprise R&D = (Σ ρ_i·Π_i + co-funding + loan-financed R&D) · drive.

    R&D is financed mostly from cash flow, and its cost rises with loan spreads (Brown,
    Fazzari & Petersen 2009); technology loans finance part of it. The R&D tax incentive
    lowers the user cost of R&D by the share the state pays, u = credit/(credit + R&D);
    long-run R&D rises as (1−u)^−ε (Bloom, Griffith & Van Reenen 2002: ε ≈ 1; China:
    Chen, Liu, Suárez Serrato & Xu 2021), reached by partial adjustment; it also draws
    firms into basic research.
    """
    q = _fast(p, _wide(s))  # the parameters in the form cheapest against the step's values
    profits = _by_sector(p.margin_traditional, p.margin_emerging, p.margin_digital, q.wide) * value
    own = (
        q.rd_of_profit_traditional * profits[0]
        + q.rd_of_profit_emerging * profits[1]
        + q.rd_of_profit_digital * profits[2]
        + q.enterprise_cofunding * spend[_L["applied"]]
        + q.joint_cofunding * spend[_L["joint_programmes"]]
        + q.credit_rd_share * s.vintage_issued[0]
    )
    credit = spend[_L["rd_tax_credit"]]
    if np.count_nonzero(credit):  # (cheaper than credit.any(), the same test)
        subsidy = credit / _max(credit + own, q.pico)
        target = np.exp(q.k(-p.rd_tax_elasticity) * np.log(q.one - subsidy) - q.rd_spread_sensitivity * spread)
        basic_share = q.enterprise_basic_share + q.rd_tax_basic * subsidy
    else:  # no tax credit anywhere: no subsidy (the same numbers without a logarithm of 1)
        target = np.exp(q.k(-p.rd_spread_sensitivity) * spread)
        basic_share = q.k(p.enterprise_basic_share + p.rd_tax_basic * 0.0)
    rd = own * s.rd_drive
    enterprise_basic = basic_share * rd
    # Part of a joint programme is research; the rest builds the links (people, platforms, contracts).
    gov_applied = spend[_L["applied"]] + q.joint_research_share * spend[_L["joint_programmes"]]
    basic_rd = spend[_L["basic"]] + enterprise_basic
    applied_rd = gov_applied + rd - enterprise_basic
    total_rd = spend[_L["basic"]] + gov_applied + rd
    drive = s.rd_drive + q.rd_tax_adjustment * (target - s.rd_drive)
    return Enterprise(profits, profits[1] + profits[2], rd, drive, basic_rd, applied_rd, total_rd)


# --- technology: basic knowledge, applied achievements, transfer ------------------------


class Research(NamedTuple):
    basic: np.ndarray          # (B,) new basic knowledge stock
    basic_delayed: np.ndarray  # (3, B)
    new_applied: np.ndarray    # (B,) applied achievements found this year


class Technology(NamedTuple):
    basic: np.ndarray
    basic_delayed: np.ndarray
    applied: np.ndarray
    tech: np.ndarray
    tech_in_use: np.ndarray
    frontier: np.ndarray
    capacity: np.ndarray
    firm_rd: np.ndarray
    links: np.ndarray
    transfer: np.ndarray       # (B,) achievements commercialised this year
    steer: np.ndarray          # (3, B) where new technology and finance go
    contract_value: np.ndarray  # (B,) technology-contract turnover, bn yuan


def research_block(
    s: State, p: Params, ent: Enterprise, ind: Industry, shock: np.ndarray, noise: np.ndarray, c: _Constants
) -> Research:
    """Idea production (Jones 1995; Romer 1990) and the long delay from basic to applied (Adams 1990).

    Effort E = ((1−w)·money^ρ + w·researchers^ρ)^(1/ρ), ρ = (σ−1)/σ with σ = research_substitution.

    Effort is R&D money against this year's economy — spending over last year's GDP, scaled
    by the workforce, which is R&D deflated by researchers' wages (Bloom, Jones, Van Reenen
    & Webb 2020) — and researchers as a head count. Ideas get harder to find only through
    φ < 1 on the knowledge already found.
    """
    q = _fast(p, _wide(s))  # the parameters in the form cheapest against the step's values
    scale = s.gdp_hist[-1] * (c.labour / ind.labour_total)
    # Money and researchers are complements (CES, elasticity below 1): money that outruns the
    # researchers who can spend it mostly bids up their pay (Goolsbee 1998; Romer 2000).
    rho = (p.research_substitution - 1.0) / p.research_substitution
    log_people = np.log(s.researchers / c.researchers)
    # Basic and applied research are the rows of one (2, B) array, E = r·((1−w)·(m/r)^ρ + w)^(1/ρ):
    # the same effort with one power per row.
    money = _max(_rows([ent.basic_rd, ent.applied_rd]), q.nano)
    money /= _column((p.basic_intensity_ref, p.applied_intensity_ref), q.wide) * scale
    log_effort = np.log(money, out=money)
    log_effort -= log_people
    log_effort *= q.k(rho)
    np.exp(log_effort, out=log_effort)
    log_effort *= q.k(1.0 - p.researcher_weight)
    log_effort += q.researcher_weight
    np.log(log_effort, out=log_effort)
    log_effort /= q.k(rho)
    log_effort += log_people
    research_mult = None if shock is None else _max(q.zero, q.one + shock[_S["research_productivity"]])
    # What basic and applied research find, exp(λ·log E + φ·log stock + noise), as the rows of one
    # (2, B) array: the stocks are basic knowledge and the applied knowledge base.
    knowledge_base = s.applied + ind.tech_total
    found = _column((p.basic_lambda, p.applied_lambda), q.wide) * log_effort
    found += _column((p.basic_phi, p.applied_phi), q.wide) * np.log(_rows([s.basic, knowledge_base]))
    found += _col(noise[3:5], q.wide) * q.noise_research
    np.exp(found, out=found)
    new_basic = q.basic_zeta * found[0] if research_mult is None else q.basic_zeta * research_mult * found[0]
    stage = q.k(max(p.basic_delay_years / 3.0, 1.0))
    d0 = s.basic_delayed[0] + (s.basic - s.basic_delayed[0]) / stage
    d1 = s.basic_delayed[1] + (d0 - s.basic_delayed[1]) / stage
    d2 = s.basic_delayed[2] + (d1 - s.basic_delayed[2]) / stage
    science = (q.one + q.basic_spillover * d2) / q.k(1.0 + p.basic_spillover)
    new_applied = q.applied_zeta * science
    if research_mult is not None:
        new_applied = new_applied * research_mult
    new_applied = new_applied * found[1]
    basic = q.k(1.0 - p.basic_depreciation) * s.basic + new_basic
    return Research(basic, _rows([d0, d1, d2]), new_applied)


def _saturate(x: np.ndarray, most: float) -> np.ndarray:
    """x for small x, approaching `most` smoothly: a saturating response instead of a hard cap."""
    return most * x / (most + x)


def technology_block(
    s: State, p: Params, ind: Industry, ent: Enterprise, res: Research, budget: Budget,
    focus: np.ndarray, pilot: np.ndarray,
) -> Technology:
    """Transfer through platforms and absorptive capacity (Cohen & Levinthal 1990), diffusion into use."""
    q = _fast(p, _wide(s))  # the parameters in the form cheapest against the step's values
    gdp_prev = s.gdp_hist[-1]
    # Joint programmes build links whose effect saturates smoothly (Cohen, Nelson & Walsh 2002).
    linked = s.links / (s.links + q.joint_half)
    firm_capacity = _lift(s.firm_rd * np.exp(q.skills_absorption * ind.log_skilled), pilot, _E["absorptive_capacity"])
    firm_capacity = firm_capacity * (q.one + q.joint_absorption * linked)
    absorptive = firm_capacity / (firm_capacity + q.absorptive_kappa)
    # Patient funds back earlier-stage technology: more of it reaches the market.
    funds_total = (s.fund_gov + s.fund_private) * np.exp(q.fund_horizon_commercialisation * np.log(s.fund_life / q.fund_horizon_ref))
    # Firms license and hire on their own, so some transfer happens without any platform.
    market = _max(s.capacity, q.zero)
    capacity = q.transfer_capacity_floor + q.k(1.0 - p.transfer_capacity_floor) * market
    platform = np.exp(q.transfer_capacity_elasticity * np.log(_max(capacity, q.nano)))
    platform = platform * _lift(q.one + q.fund_commercialisation * funds_total / gdp_prev, pilot, _E["transfer_efficiency"])
    platform = platform * (q.one + q.joint_transfer * linked)
    rate = _saturate(q.transfer_rate * absorptive * platform, q.transfer_max)
    # Firms can only take in so much new technology a year relative to what they use.
    transfer = _saturate(s.applied * rate, q.absorption_max * ind.tech_total)
    steer = q.k(1.0 - p.focus_steer) * ind.out_share + q.focus_steer * focus
    # Catching up: firms with absorptive capacity adopt technology from the world frontier,
    # the faster the further behind (Nelson & Phelps 1966; Griffith, Redding & Van Reenen 2004).
    behind = _max(q.one - ind.tech_total / s.frontier, q.zero)
    adopted = q.frontier_catchup * absorptive * behind * ind.tech_total
    applied = (s.applied - transfer) * q.k(1.0 - p.applied_depreciation) + res.new_applied
    tech = s.tech * q.k(1.0 - p.tech_depreciation) + (transfer + adopted) * steer
    in_use = s.tech_in_use + (tech - s.tech_in_use) / q.k(max(p.diffusion_years, 1.0))
    new_capacity = s.capacity * q.k(1.0 - p.transfer_capacity_decay) + q.transfer_capacity_yield * budget.spend[_L["transfer"]] / gdp_prev
    firm_rd = s.firm_rd * q.k(1.0 - p.applied_depreciation) + ent.rd / ind.gdp
    links = s.links * q.k(1.0 - p.joint_decay) + q.joint_yield * budget.spend[_L["joint_programmes"]] / gdp_prev
    # Registered turnover (MOST) counts licences and assignments — worth the output their
    # technology adds, the share of the technology in use that changes hands — and the
    # development, consulting and service contracts that firms buy on the technology market,
    # in proportion to R&D (joint programmes count whole: they are contracts between firms and
    # universities), the more so the deeper the market's institutions (platforms P).
    contracted = ent.total_rd + q.k(1.0 - p.joint_research_share) * budget.spend[_L["joint_programmes"]]
    contract_value = q.contract_value_per_unit * transfer / ind.tech_total * ind.gdp
    contract_value = contract_value + q.contract_services_max * contracted * market / (market + q.contract_capacity_half)
    return Technology(
        res.basic, res.basic_delayed, applied, tech, in_use, s.frontier * q.k(1.0 + p.frontier_growth), new_capacity,
        firm_rd, links, transfer, steer, contract_value,
    )


# --- talent -----------------------------------------------------------------------------


class Talent(NamedTuple):
    researchers: np.ndarray
    education_pipe: np.ndarray  # (3, B)
    attraction_pipe: np.ndarray
    skilled: np.ndarray
    skills_pipe: np.ndarray


def talent_block(
    s: State, p: Params, spend: np.ndarray, shock: np.ndarray, pilot: np.ndarray, labour_total: np.ndarray,
    c: _Constants,
) -> Talent:
    q = _fast(p, _wide(s))  # the parameters in the form cheapest against the step's values
    growth_prev = s.indicators[_I["gdp_growth"]] if s.indicators.shape[0] else p.attractiveness_reference_growth
    # People cost what the region's wages are: spending buys fewer graduates, recruits and
    # trainees as output per worker rises.
    wage = (s.gdp_hist[-1] / labour_total) / c.wage
    appeal = _max(q.appeal_floor, q.one + q.attractiveness_growth * (growth_prev - q.attractiveness_reference_growth))
    appeal = _lift(appeal, pilot, _E["talent_attraction"])
    edu_stage = q.k(max(p.education_delay_years / 3.0, 1.0))
    e0, e1, e2 = s.education_pipe
    graduates = e2 / edu_stage
    education_pipe = _rows(
        [
            e0 + spend[_L["education"]] * q.graduate_yield / wage - e0 / edu_stage,
            e1 + (e0 - e1) / edu_stage,
            e2 + e1 / edu_stage - graduates,
        ]
    )
    attr_delay = q.k(max(p.attraction_delay_years, 1.0))
    arrivals = s.attraction_pipe / attr_delay
    attraction_pipe = s.attraction_pipe + spend[_L["attraction"]] / (q.researcher_cost * wage) * appeal - arrivals
    if shock is None:
        staying = q.k(1.0 - min(max(p.researcher_attrition, 0.0), 1.0))
    else:
        staying = q.one - _clip(q.researcher_attrition + shock[_S["talent_outflow"]], q.zero, q.one)
    # Researchers come out of the workforce: posts get harder to fill as their density nears
    # the most any economy sustains (OECD MSTI: ≈ 17–19 per thousand workers at the top).
    room = _max(q.one - s.researchers / labour_total / q.researcher_density_max, q.zero)
    researchers = s.researchers * staying + (graduates + arrivals) * room
    sk_delay = q.k(max(p.skills_delay_years, 1.0))
    trained = s.skills_pipe / sk_delay
    # Training saturates: colleges and firms can take only so many trainees a year.
    trainees = _lift(spend[_L["skills"]] * q.skills_yield / wage, pilot, _E["skills_training"])
    places = q.skills_capacity_share * labour_total
    skills_pipe = s.skills_pipe + places * trainees / (places + trainees) - trained
    skilled = s.skilled * q.k(1.0 - p.skilled_attrition) + trained
    return Talent(researchers, education_pipe, attraction_pipe, skilled, skills_pipe)


# --- credit: vintages, defaults that lag, bad loans -------------------------------------


class Credit(NamedTuple):
    lending: np.ndarray          # (B,) new technology lending
    tech_credit: np.ndarray      # (B,)
    credit_gap: np.ndarray
    vintage_out: np.ndarray
    vintage_issued: np.ndarray
    vintage_pd: np.ndarray
    bad_loans: np.ndarray
    general_credit: np.ndarray
    npl_ratio: np.ndarray
    tech_output: np.ndarray
    wanted_credit: np.ndarray    # (B,) technology credit had there been no crunch this year
    impulse: np.ndarray          # (B,) credit impulse: change in new lending / GDP, with memory
    credit_excess: np.ndarray    # (B,) lending swollen by monetary easing, share of normal credit
    general_gap: np.ndarray      # (B,) remembered excess of general credit growth over output growth
    general_boom: np.ndarray     # (B,) exp(boom_sensitivity · general_gap): next year's factor on general defaults
    loans_at_risk: np.ndarray    # (B,) bad loans and the expected losses of performing loans, share of credit


@functools.lru_cache(maxsize=64)
def _still_to_default(peak_age: float, maturity: int) -> np.ndarray:
    """(M,): share of a vintage's lifetime defaults still to come, by age (this year's loans: all)."""
    hazard = hazard_by_age(peak_age, maturity)
    tail = np.concatenate([[1.0], 1.0 - np.cumsum(hazard)[:-1]])
    tail.flags.writeable = False
    return tail


def credit_block(
    s: State, p: Params, ind: Industry, loss: Losses, guidance: np.ndarray, pilot: np.ndarray, shock: np.ndarray
) -> Credit:
    """New technology lending and the lifetime default rate of its vintage (Schularick & Taylor 2012)."""
    q = _fast(p, _wide(s))  # the parameters in the form cheapest against the step's values
    tech_output = ind.value[1] + ind.value[2]
    guidance = _clip(guidance, q.zero, q.one)
    # Monetary easing (a credit-supply shock) swells all lending, technology loans included; the
    # extra loans run off as they mature. The boom then does not start with the region's dial.
    excess = _plus(s.credit_excess * q.k(1.0 - 1.0 / s.vintage_out.shape[0]), shock, _S["credit_supply"])
    swell = q.one + excess
    lending = q.tech_lending_base * tech_output * (q.one + q.guidance_lending * guidance + q.risk_sharing_lending * loss.coverage)
    lending = lending * swell
    # Dearer loans (the spread rises with bad loans) mean firms borrow less: the cost of capital.
    wanted = _lift(lending, pilot, _E["tech_lending"]) * np.exp(q.k(-p.lending_spread_sensitivity) * loss.spread)
    lending = wanted * (q.one - q.crunch_depth * loss.crunch)
    outstanding = _total(loss.remaining[:-1])
    tech_credit = outstanding + lending
    # Growth is measured on the lending the banks want to make: the return of lending after a
    # crunch is a recovery, not a new boom.
    wanted_credit = outstanding + wanted
    credit_growth = wanted_credit / _max(s.prev_tech_credit, q.nano) - q.one
    output_growth = tech_output / _max(s.prev_tech_output, q.nano) - q.one
    # Schularick & Taylor: it is credit growth sustained over years, not one year's, that
    # predicts busts; the gap remembers past excess growth with a decay.
    credit_gap = q.boom_memory * s.credit_gap + _max(credit_growth - output_growth, q.zero)
    boom = np.exp(_min(q.boom_sensitivity * credit_gap, q.most_boom_exponent))
    # A boom in one kind of lending loosens banks' standards for the rest.
    # Bad loans are also cyclical: they rise when growth falls below its trend.
    growth = ind.growth
    # The trend is last year's growth accounting rate over the history window (kept, not recomputed).
    slump = _max(s.gdp_trend - growth, q.zero)
    contagion = q.one + q.boom_contagion * (boom - q.one)
    general_rate = q.base_default_rate * (contagion + q.default_cyclicality * slump)
    # General credit that outgrew output goes bad too, a year on (Schularick & Taylor 2012).
    general_gap = q.boom_memory * s.general_gap + _max(swell / (q.one + s.credit_excess) - q.one, q.zero)
    general_rate = _min(general_rate * s.general_boom, q.most_default)
    general_defaults = (general_rate if shock is None else general_rate + loss.extra_loss) * s.general_credit
    pd = q.tech_default_rate * (q.one + q.risk_sharing_laxity * loss.coverage) * (q.one + q.guidance_laxity * guidance) * boom
    if pilot is not None:
        pd = pd * _max(q.zero, q.one - pilot[_E["credit_screening"]]) + pilot[_E["npl_risk"]]
    pd = _clip(pd, q.zero, q.most_default)
    general_credit = q.credit_to_gdp * ind.gdp * swell
    total_credit = general_credit + tech_credit
    # A guaranteed loan that defaults is still a bad loan: the guarantee pays the bank's loss,
    # it does not make the borrower good. Bad loans are loans: never more than all the loans
    # there are (general credit follows output and is not written down by its defaults, so
    # without this a long crisis could pile up more bad loans than credit).
    bad_loans = _min(s.bad_loans * q.k(1.0 - p.resolution_rate) + loss.tech_defaults + general_defaults, total_credit)
    # What a regulator sees the year the loans are made (special-mention loans; IFRS 9's expected
    # credit loss): each technology vintage's defaults still to come at its default rate, and next
    # year's on general credit at this year's boom. A credit push shows here at once, years before
    # it turns into bad loans.
    issued = np.concatenate([lending[None], s.vintage_issued[:-1]])
    out = np.concatenate([lending[None], loss.remaining[:-1]])
    vintage_pd = np.concatenate([pd[None], s.vintage_pd[:-1]])
    tail = _col(_still_to_default(p.default_peak_age, out.shape[0]), q.wide)
    expected_tech = _total(_min(issued * vintage_pd * tail, out))
    general_boom = np.exp(_min(q.boom_sensitivity * general_gap, q.most_boom_exponent))
    expected_general = _min(q.base_default_rate * contagion * general_boom, q.most_default) * general_credit
    return Credit(
        lending,
        tech_credit,
        credit_gap,
        out,
        issued,
        vintage_pd,
        bad_loans,
        general_credit,
        bad_loans / total_credit,
        tech_output,
        wanted_credit,
        q.impulse_memory * s.impulse + (lending - s.vintage_issued[0]) / ind.gdp,
        excess,
        general_gap,
        general_boom,
        # (what is at risk is at most all the loans, too)
        _min(bad_loans + expected_tech + expected_general, total_credit) / total_credit,
    )


# --- guidance funds: bounded, mean-reverting returns; leverage is earned -----------------


class Funds(NamedTuple):
    fund_gov: np.ndarray
    fund_private: np.ndarray
    leverage: np.ndarray
    life: np.ndarray          # (B,) capital-weighted life of the funds, years
    fund_return: np.ndarray   # (B,)
    new_gov: np.ndarray       # (B,) government money put in this year
    new_private: np.ndarray   # (B,) private money drawn in


def funds_block(
    s: State, p: Params, budget: Budget, tech: np.ndarray, tech_total: np.ndarray, shock: np.ndarray,
    pilot: np.ndarray, horizon: np.ndarray,
) -> Funds:
    q = _fast(p, _wide(s))  # the parameters in the form cheapest against the step's values
    # Funds hold technology firms: they earn a premium when commercialised technology grows
    # faster than a reference (knowledge reaching the market), bounded by tanh, and returns
    # revert to that from last year's.
    growth = (tech[0] + tech[1] + tech[2]) / tech_total - q.one
    premium = q.fund_knowledge_return * np.tanh(q.fund_growth_sensitivity * (growth - q.fund_tech_growth_ref))
    # Earlier-stage portfolios (longer-lived funds) write off more and realise their gains later:
    # a deeper, longer J-curve inside the funds' life.
    premium = premium - q.fund_horizon_drag * (s.fund_life / q.fund_horizon_ref - q.one)
    fund_return = _plus(
        q.fund_return_persistence * s.fund_return + q.k(1.0 - p.fund_return_persistence) * (q.fund_base_return + premium),
        shock, _S["fund_returns"],
    )
    # Private investors follow returns: leverage moves toward a level that rises smoothly
    # with returns above their target, between the least and the most.
    spread = p.fund_leverage_max - p.fund_leverage_min
    start = (p.fund_leverage_initial - p.fund_leverage_min) / spread
    # Capital locked up longer asks a higher return (an illiquidity premium: Franzoni, Nowak &
    # Phalippou 2012): patient funds draw fewer private partners at the same returns.
    required = q.fund_target_return + q.fund_horizon_premium * (horizon / q.fund_horizon_ref - q.one)
    logit = q.k(_log_odds(start)) + q.fund_leverage_learning * (fund_return - required)
    target = q.fund_leverage_min + q.k(spread) / (q.one + np.exp(-logit))
    leverage = s.leverage + q.fund_leverage_speed * (target - s.leverage)
    effective_leverage = _max(
        q.zero, _plus(s.leverage * q.k(1.0 - p.fund_reinvest_penalty * p.fund_reinvest_rule), pilot, _E["fund_leverage"])
    )
    new_gov = budget.spend[_L["guidance_fund"]]
    new_private = effective_leverage * new_gov
    growth_factor = q.one + fund_return
    kept = _max(s.fund_gov * growth_factor - budget.exit_gov, q.zero)
    fund_gov = kept + new_gov
    fund_private = _max(s.fund_private * growth_factor - budget.exit_private, q.zero) + new_private
    # New funds set up this year carry this year's horizon; exits are the stock over its mean life.
    life = _where(new_gov > q.zero, (kept * s.fund_life + new_gov * horizon) / _max(fund_gov, q.pico), s.fund_life)
    return Funds(fund_gov, fund_private, leverage, life, fund_return, new_gov, new_private)


# --- investment: saving financed, allocated by returns and by directed finance ----------


class Investment(NamedTuple):
    capital: np.ndarray       # (3, B) next year's capital
    labour: np.ndarray        # (3, B) next year's workers
    capital_used: np.ndarray  # (B,) this year's capital, for growth accounting


def investment_block(
    s: State, p: Params, ind: Industry, ent: Enterprise, loss: Losses, credit: Credit, funds: Funds,
    steer: np.ndarray,
) -> Investment:
    """Investment is the region's saving. Credit, funds and reinvested profits do not add to it:
    they direct part of it (by the focus), the rest follows returns at relative prices.
    Capital steered faster than the sector can absorb it pays a quadratic adjustment cost
    (Hayashi 1982), and loans that default take the capital they financed with them."""
    q = _fast(p, _wide(s))  # the parameters in the form cheapest against the step's values
    # Saving not directed goes where returns r_i are high: shares ∝ K_i·exp(μ·r_i/r̄) (a common
    # factor such as exp(−μ) cancels out in the shares).
    returns = q.alpha * ind.value / s.capital
    pull = returns * (q.k(3.0 * p.capital_mobility) / (returns[0] + returns[1] + returns[2]))
    np.exp(pull, out=pull)
    pull *= s.capital
    pull /= pull[0] + pull[1] + pull[2]
    saved = q.savings_rate * ind.gdp * (q.one - q.crunch_investment * loss.crunch)
    directed = (q.credit_investment * credit.lending + funds.new_gov + funds.new_private) * steer
    directed[1] += q.reinvestment_rate * (ent.profits[0] + ent.tech_profits)
    wanted = directed[0] + directed[1] + directed[2]
    # Directed money cannot take more than a share of saving; it saturates smoothly.
    damping = q.one + wanted / (q.directed_max_share * saved)
    directed /= damping
    investment = (saved - wanted / damping) * pull
    investment += directed
    capital_used = s.capital[0] + s.capital[1] + s.capital[2]
    # The pull shares sum to one, so all investment together is saving.
    rate = saved / capital_used
    installed = investment / s.capital
    installed -= rate
    np.square(installed, out=installed)
    installed *= q.k(0.5 * p.adjustment_cost)
    installed *= s.capital
    np.subtract(investment, installed, out=installed)
    lost = q.default_capital_loss * loss.tech_defaults * (ind.value[1:] / credit.tech_output)
    capital = s.capital * q.k(1.0 - p.capital_depreciation)
    capital += np.maximum(installed, q.zero, out=installed)
    capital[1:] -= lost
    capital = _max(capital, q.least_factor * s.capital)
    # Workers move toward higher wages: shares ∝ L_i·w_i^μ (the mean wage cancels out).
    move = ind.value / s.labour
    np.log(move, out=move)
    move *= q.labour_mobility
    np.exp(move, out=move)
    move *= s.labour
    labour = move
    labour /= move[0] + move[1] + move[2]
    labour *= ind.labour_total * q.k(1.0 + p.labour_growth)
    return Investment(capital, labour, capital_used)


# --- fiscal: budget identity  spending + Δreserve − Δdebt = budget + fund exits ----------


class Fiscal(NamedTuple):
    spending: np.ndarray
    balance: np.ndarray
    reserve: np.ndarray
    debt: np.ndarray


def fiscal_block(s: State, p: Params, budget: Budget, loss: Losses) -> Fiscal:
    q = _fast(p, _wide(s))  # the parameters in the form cheapest against the step's values
    spending = _total(budget.spend) + budget.fixed + loss.shortfall
    balance = budget.inflow - spending
    surplus = _max(balance, q.zero)
    repay = _min(surplus, s.debt)
    gap = _max(-balance, q.zero)
    draw = _min(gap, s.reserve)
    return Fiscal(spending, balance, s.reserve + (surplus - repay) - draw, s.debt - repay + (gap - draw))


# --- growth accounting over five years (Solow residual) ---------------------------------


class Accounting(NamedTuple):
    gdp_hist: tuple[np.ndarray, ...]      # HISTORY rows (B,), oldest first
    capital_hist: tuple[np.ndarray, ...]
    labour_hist: tuple[np.ndarray, ...]
    tech_contribution: np.ndarray
    gdp_trend: np.ndarray     # (B,) g_Y: next year's growth trend
    cycle_hist: tuple[np.ndarray, ...]    # the credit cycle's factor on output, year by year


def accounting_block(
    s: State, p: Params, gdp: np.ndarray, capital: np.ndarray, labour: np.ndarray, cycle: np.ndarray
) -> Accounting:
    """E = 1 − α·g_K/g_Y* − (1−α)·g_L/g_Y* over the last five years, with Y* capacity output:
    GDP without the credit cycle's swing in demand (a boom's impulse, a crunch), so that a
    rebound after a crunch is not counted as technical progress (MOST measures the contribution
    of S&T progress on multi-year trend growth, not on a cyclical recovery)."""
    q = _fast(p, _wide(s))  # the parameters in the form cheapest against the step's values
    # The window moves on by a new tuple of the same rows (nothing is copied).
    gdp_hist = s.gdp_hist[1:] + (gdp,)
    cycle_hist = s.cycle_hist[1:] + (cycle,)
    capital_hist = s.capital_hist[1:] + (capital,)
    labour_hist = s.labour_hist[1:] + (labour,)
    years = len(gdp_hist) - 1
    # Output, capital, labour and capacity-output growth, (end/start)^(1/years) − 1, as the rows
    # of one array.
    growth = _rows([gdp, capital, labour, gdp / cycle * cycle_hist[0]])
    start = gdp_hist[0]
    growth /= _rows([start, capital_hist[0], labour_hist[0], start])
    np.log(growth, out=growth)
    growth /= q.k(float(years))
    np.exp(growth, out=growth)
    growth -= q.one
    g_y, g_k, g_l, capacity = growth
    safe_gy = _where(np.abs(capacity) < q.least_growth, np.copysign(q.least_growth, capacity), capacity)
    contribution = _clip(q.one - q.alpha * g_k / safe_gy - q.k(1.0 - p.alpha) * g_l / safe_gy, q.k(-1.0), q.one)
    return Accounting(gdp_hist, capital_hist, labour_hist, contribution, g_y, cycle_hist)


# --- the turn ----------------------------------------------------------------------------


def _indicators(s: State, ind: Industry, ent: Enterprise, tec: Technology, cre: Credit, fun: Funds,
                tal: Talent, fis: Fiscal, acc: Accounting, out: np.ndarray | None = None) -> np.ndarray:
    """This turn's indicators, by name, stacked in INDICATORS order."""
    by_name = {
        "gdp": ind.gdp,
        "gdp_growth": ind.growth,
        "rd_intensity": ent.total_rd / ind.gdp,
        "basic_share": ent.basic_rd / ent.total_rd,
        "enterprise_rd_share": ent.rd / ent.total_rd,
        "tech_contribution": acc.tech_contribution,
        "tech_contract_value": tec.contract_value,
        "emerging_share": ind.out_share[1],
        "digital_share": ind.out_share[2],
        "npl_ratio": cre.npl_ratio,
        "loans_at_risk": cre.loans_at_risk,
        "tech_credit": cre.tech_credit,
        "private_capital": fun.fund_private,
        "talent": tal.researchers,
        "skilled_workers": tal.skilled,
        "fiscal_balance": fis.balance,
        "debt": fis.debt,
        "score": np.zeros_like(ind.gdp) if isinstance(ind.gdp, np.ndarray) else 0.0,
    }
    # One concatenate is cheaper than writing the rows one by one, at batch 1 and at 10,000.
    return _rows([by_name[name] for name in INDICATORS], out)


def step(
    state: State, turn: int, inp: TurnInput, p: Params, cs: CompiledScenario, into: TurnBuffers | None = None
) -> tuple[State, TurnOutput]:
    """One turn. With `into`, the indicators, flows, stocks, shares and lever spending are written
    into the caller's rows (the same numbers)."""
    s = state
    c = _constants(s)
    ev = events_block(s, turn, inp, cs)
    pil = pilots_block(s, p, inp, cs)
    shock, pilot = ev.shock, pil.effect
    bud = budget_block(s, p, inp.shares, shock, pil.cost, into)
    loss = losses_block(s, p, bud.spend, shock)
    ind = industry_block(s, p, shock, pilot, inp.noise, loss.crunch, c)
    ent = enterprise_block(s, p, ind.value, bud.spend, loss.spread)
    res = research_block(s, p, ent, ind, shock, inp.noise, c)
    tec = technology_block(s, p, ind, ent, res, bud, inp.focus, pilot)
    tal = talent_block(s, p, bud.spend, shock, pilot, ind.labour_total, c)
    cre = credit_block(s, p, ind, loss, inp.credit_guidance, pilot, shock)
    fun = funds_block(s, p, bud, tec.tech, ind.tech_total, shock, pilot, inp.fund_horizon)
    inv = investment_block(s, p, ind, ent, loss, cre, fun, tec.steer)
    fis = fiscal_block(s, p, bud, loss)
    acc = accounting_block(s, p, ind.gdp, inv.capital_used, ind.labour_total, ind.cycle)
    table = _indicators(s, ind, ent, tec, cre, fun, tal, fis, acc, None if into is None else into.indicators)
    stocks = {
        "basic_knowledge": tec.basic,
        "applied_achievements": tec.applied + tec.tech[0] + tec.tech[1] + tec.tech[2],
        "transfer_capacity": tec.capacity,
        "fund_government": fun.fund_gov,
    }
    new = State(
        basic=tec.basic, basic_delayed=tec.basic_delayed, applied=tec.applied, tech=tec.tech,
        tech_in_use=tec.tech_in_use, frontier=tec.frontier, capacity=tec.capacity, firm_rd=tec.firm_rd,
        links=tec.links, rd_drive=ent.drive,
        capital=inv.capital, labour=inv.labour,
        researchers=tal.researchers, education_pipe=tal.education_pipe, attraction_pipe=tal.attraction_pipe,
        skilled=tal.skilled, skills_pipe=tal.skills_pipe,
        general_credit=cre.general_credit, vintage_issued=cre.vintage_issued, vintage_pd=cre.vintage_pd,
        vintage_out=cre.vintage_out, bad_loans=cre.bad_loans, pool=loss.pool, credit_gap=cre.credit_gap,
        impulse=cre.impulse, credit_excess=cre.credit_excess, general_gap=cre.general_gap,
        general_boom=cre.general_boom,
        fund_gov=fun.fund_gov, fund_private=fun.fund_private, leverage=fun.leverage, fund_life=fun.life,
        fund_return=fun.fund_return,
        reserve=fis.reserve, debt=fis.debt,
        gdp_hist=acc.gdp_hist, capital_hist=acc.capital_hist, labour_hist=acc.labour_hist, gdp_trend=acc.gdp_trend,
        cycle_hist=acc.cycle_hist,
        prev_tech_credit=cre.wanted_credit, prev_tech_output=cre.tech_output,
        pilot_age=pil.age, pilot_scaled=pil.scaled, event_timer=ev.timer, event_choice=ev.choice,
        event_done=ev.done, noise=ind.noise,
        indicators=table, productivity=s.productivity, weights=s.weights, tech_ref=s.tech_ref, refs=s.refs,
    )
    flows = _rows([tec.contract_value, ent.tech_profits, cre.lending + fun.new_gov + fun.new_private],
                  None if into is None else into.flows)
    out = TurnOutput(
        table, flows, bud.inflow, bud.shares, ev.fired,
        _rows([stocks[name] for name in STOCKS], None if into is None else into.stocks),
        fis.spending, bud.spend, bud.budget,
    )
    return new, out
