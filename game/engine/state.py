"""The region's stocks, as arrays with a leading batch axis, and the starting state."""

from __future__ import annotations

import functools
from dataclasses import dataclass, fields

import numpy as np

from game.engine.params import Params
from game.engine.scenario import Scenario

__all__ = ["State", "initial_state", "HISTORY", "HISTORIES", "REFS", "REF", "default_hazard"]

#: Years of history kept for five-year growth accounting.
HISTORY = 6
#: The State fields that hold history: tuples of HISTORY (B,) rows, oldest first, so that a turn
#: moves the window on by making a new tuple (no row is copied).
HISTORIES: tuple[str, ...] = ("gdp_hist", "capital_hist", "labour_hist", "cycle_hist")

#: The shared starting references in `State.refs`, by row.
REFS: tuple[str, ...] = ("gdp", "researchers", "skilled_density", "digital_share", "npl_ratio", "labour")
REF: dict[str, int] = {name: i for i, name in enumerate(REFS)}


@dataclass(slots=True)
class State:
    """Batch last: a stock per region is (B,), per sector (3, B), so that sums over
    sectors are adds of contiguous rows (fast at batch 10,000)."""

    # technology
    basic: np.ndarray            # (B,) basic knowledge S
    basic_delayed: np.ndarray    # (3, B) third-order delay stages of S
    applied: np.ndarray          # (B,) uncommercialised applied achievements A_u
    tech: np.ndarray             # (3, B) commercialised technology by sector
    tech_in_use: np.ndarray      # (3, B) technology firms have adopted (lags `tech`)
    frontier: np.ndarray         # (B,) the world technology frontier, in the units of `tech`
    capacity: np.ndarray         # (B,) transfer-platform capacity P
    firm_rd: np.ndarray          # (B,) firms' R&D stock / GDP
    links: np.ndarray            # (B,) industry–university–research links built by joint programmes
    rd_drive: np.ndarray         # (B,) enterprise R&D relative to its profit-funded level (user cost, finance)
    # industry
    capital: np.ndarray          # (3, B)
    labour: np.ndarray           # (3, B)
    # talent
    researchers: np.ndarray      # (B,)
    education_pipe: np.ndarray   # (3, B) students in a third-order delay (thousand future researchers)
    attraction_pipe: np.ndarray  # (B,) recruits on their way
    skilled: np.ndarray          # (B,)
    skills_pipe: np.ndarray      # (B,)
    # credit
    general_credit: np.ndarray   # (B,)
    vintage_issued: np.ndarray   # (M, B) original principal of technology loans by age
    vintage_pd: np.ndarray       # (M, B) lifetime default rate of each vintage
    vintage_out: np.ndarray      # (M, B) outstanding principal by age
    bad_loans: np.ndarray        # (B,)
    pool: np.ndarray             # (B,) risk-compensation pool
    credit_gap: np.ndarray       # (B,) remembered excess of credit growth over technology output growth
    impulse: np.ndarray          # (B,) last year's credit impulse: change in new lending / GDP
    credit_excess: np.ndarray    # (B,) lending swollen by monetary easing, as a share of normal credit
    general_gap: np.ndarray      # (B,) remembered excess of general credit growth over output growth
    general_boom: np.ndarray     # (B,) exp(boom_sensitivity · general_gap), this year's factor on general defaults
    # funds
    fund_gov: np.ndarray         # (B,)
    fund_private: np.ndarray     # (B,)
    leverage: np.ndarray         # (B,)
    fund_return: np.ndarray      # (B,) last year's return on fund capital (mean-reverting)
    fund_life: np.ndarray        # (B,) capital-weighted life of the funds in years (exits 1/life a year)
    # fiscal
    reserve: np.ndarray          # (B,)
    debt: np.ndarray             # (B,)
    # memory
    gdp_hist: tuple[np.ndarray, ...]      # HISTORY rows (B,), oldest first
    capital_hist: tuple[np.ndarray, ...]  # HISTORY rows (B,)
    labour_hist: tuple[np.ndarray, ...]   # HISTORY rows (B,)
    gdp_trend: np.ndarray        # (B,) yearly GDP growth over gdp_hist (growth accounting's g_Y)
    cycle_hist: tuple[np.ndarray, ...]    # HISTORY rows (B,): the credit cycle's factor on output in each year of gdp_hist
    prev_tech_credit: np.ndarray  # (B,)
    prev_tech_output: np.ndarray  # (B,)
    pilot_age: np.ndarray        # (P, B) turns each pilot has been open
    pilot_scaled: np.ndarray     # (P, B) bool: rolled out region-wide (stays so)
    event_timer: np.ndarray      # (E, B) turns left of an event's shocks
    event_choice: np.ndarray     # (E, B) the choice taken
    event_done: np.ndarray       # (E, B) bool: fired already
    noise: np.ndarray            # (3, B) persistent productivity deviation by sector (AR(1))
    indicators: np.ndarray       # (I, B) last turn's indicators
    productivity: np.ndarray     # (3, 1) calibration constants Z_i, shared by the batch
    weights: np.ndarray          # (3, 1) CES demand weights at the start (the starting value shares)
    tech_ref: np.ndarray         # (3, 1) commercialised technology at the start, shared
    refs: np.ndarray             # (len(REFS), 1) shared starting references, by REFS name

    def copy(self) -> State:
        return State(**{f.name: _copy(getattr(self, f.name)) for f in fields(self)})

    def shallow(self) -> State:
        """A new State sharing arrays: the step replaces arrays rather than writing into them."""
        return State(**{f.name: getattr(self, f.name) for f in fields(self)})


def _copy(value):
    """A copy of one field: an array, or a history's tuple of rows."""
    return tuple(row.copy() for row in value) if isinstance(value, tuple) else value.copy()


def default_hazard(params: Params, maturity: int) -> np.ndarray:
    """Share of a vintage's lifetime defaults that fall in each year of age (peaks at default_peak_age)."""
    return hazard_by_age(params.default_peak_age, maturity)


@functools.lru_cache(maxsize=64)
def hazard_by_age(peak_age: float, maturity: int) -> np.ndarray:
    age = np.arange(1, maturity + 1, dtype=float)
    weights = age * np.exp(-age / peak_age)
    hazard = weights / weights.sum()
    hazard.flags.writeable = False  # shared between calls
    return hazard


def growth_trend(history: np.ndarray) -> np.ndarray:
    """Yearly growth over a window of history, (last/first)^(1/years) − 1, per region."""
    return np.exp(np.log(history[-1] / history[0]) / (history.shape[0] - 1)) - 1.0


def tech_for(tech: np.ndarray, growth: float, diffusion_years: float) -> np.ndarray:
    """Technology in use on a path where the stock grows at `growth`: it trails by the lag."""
    return tech / (1.0 + max(growth, -0.5)) ** max(diffusion_years, 1.0)


def loan_maturity(params: Params) -> int:
    return max(2, int(round(params.loan_maturity)))


def _widen(x, n: int) -> np.ndarray:
    """One region's value for `n` regions: a scalar becomes (n,), a vector (k,) becomes (k, n)."""
    x = np.asarray(x, dtype=float)
    return np.full(n, float(x)) if x.ndim == 0 else np.repeat(x[:, None], n, axis=1)


def _credit_start(scenario: Scenario, output: np.ndarray, budget: float) -> dict:
    """Technology credit at the steady state of the status-quo lending rule, so that the
    first turns show no boom or bust of the model's own making."""
    p, v = scenario.params, scenario.initial_value
    maturity = loan_maturity(p)
    general = p.credit_to_gdp * output.sum()
    remaining = 1.0 - np.arange(maturity) / maturity
    pool = 2.0 * scenario.baseline.shares.get("risk_sharing", 0.0) * budget
    issued_each = p.tech_lending_base * output[1:].sum()
    for _ in range(3):  # coverage depends on the stock it helps create; three passes settle it
        tech_credit = issued_each * remaining.sum()
        coverage = min(p.risk_sharing_cap, p.pool_coverage * pool / tech_credit)
        issued_each = (
            p.tech_lending_base
            * output[1:].sum()
            * (1.0 + p.guidance_lending * scenario.baseline.credit_guidance + p.risk_sharing_lending * coverage)
        )
    tech_credit = issued_each * remaining.sum()
    return {
        "general_credit": general,
        "vintage_issued": np.full(maturity, issued_each),
        "vintage_pd": np.full(maturity, p.tech_default_rate),
        "vintage_out": issued_each * remaining,
        "bad_loans": v("npl_ratio") * (general + tech_credit),
        "pool": pool,
        "prev_tech_credit": tech_credit,
        "prev_tech_output": output[1:].sum(),
    }


def _talent_start(scenario: Scenario, budget: float) -> dict:
    """Pipelines start full, as if the status-quo budget had been spent for years."""
    p, v = scenario.params, scenario.initial_value
    base = scenario.baseline.shares
    graduates = base.get("education", 0.0) * budget * p.graduate_yield
    recruits = base.get("attraction", 0.0) * budget / p.researcher_cost
    trainees = base.get("skills", 0.0) * budget * p.skills_yield
    places = p.skills_capacity_share * v("labour")
    trainees = places * trainees / (places + trainees) if trainees > 0 else 0.0
    return {
        "researchers": v("researchers"),
        "education_pipe": np.full(3, graduates * p.education_delay_years / 3),
        "attraction_pipe": recruits * p.attraction_delay_years,
        "skilled": v("skilled_workers"),
        "skills_pipe": trainees * p.skills_delay_years,
    }


def _technology_start(scenario: Scenario, shares: np.ndarray, in_use: np.ndarray, budget: float) -> dict:
    p, v = scenario.params, scenario.initial_value
    firm_rd = (
        p.rd_of_profit_traditional * p.margin_traditional * shares[0]
        + p.rd_of_profit_emerging * p.margin_emerging * shares[1]
        + p.rd_of_profit_digital * p.margin_digital * shares[2]
    ) / p.applied_depreciation
    joint = scenario.baseline.shares.get("joint_programmes", 0.0) * budget / v("gdp")
    return {
        "basic": v("basic_knowledge"),
        "basic_delayed": np.full(3, v("basic_knowledge")),
        "applied": v("applied_knowledge"),
        "tech": v("commercialised_tech") * shares,
        "tech_in_use": in_use,
        "frontier": v("frontier_gap") * v("commercialised_tech"),
        "capacity": v("transfer_capacity"),
        "firm_rd": firm_rd * v("firm_rd_stock"),
        "links": p.joint_yield * joint / p.joint_decay,
        "rd_drive": 1.0,
    }


def _memory_start(scenario: Scenario, capital: np.ndarray) -> dict:
    """Five years of history before the warm-up year, at the level's prior growth rates."""
    v = scenario.initial_value
    years = np.arange(-HISTORY, 0, dtype=float)  # the warm-up year comes next
    return {
        "gdp_hist": v("gdp") * (1 + v("prior_gdp_growth")) ** years,
        "capital_hist": capital.sum() * (1 + v("prior_capital_growth")) ** years,
        "labour_hist": v("labour") * (1 + v("prior_labour_growth")) ** years,
        "cycle_hist": np.ones(HISTORY),
    }


def initial_state(scenario: Scenario, batch: int, tech_growth: float = 0.0) -> State:
    """The starting state of `batch` identical regions.

    `tech_growth` is the yearly growth of commercialised technology the region has been
    on: technology in use then lags the stock by the diffusion delay, as it would have
    on that path (the starting productivity is set against what is in use).
    """
    p, v, n = scenario.params, scenario.initial_value, batch
    gdp = v("gdp")
    shares = np.array([1.0 - v("emerging_share") - v("digital_share"), v("emerging_share"), v("digital_share")])
    output = gdp * shares
    capital = v("capital_output") * output  # equal returns across sectors at the start
    labour = v("labour") * shares
    # Researchers do not produce: production uses the rest of the workforce.
    working = 1.0 - v("researchers") / v("labour")
    productivity = output / (capital**p.alpha * (labour * working) ** (1 - p.alpha))
    in_use = tech_for(v("commercialised_tech") * shares, tech_growth, p.diffusion_years)
    budget = p.budget_base + p.budget_gdp_share * gdp
    per_region = {
        **_technology_start(scenario, shares, in_use, budget),
        **_talent_start(scenario, budget),
        **_credit_start(scenario, output, budget),
        **_memory_start(scenario, capital),
        "capital": capital, "labour": labour, "credit_gap": 0.0, "impulse": 0.0,
        "credit_excess": 0.0, "general_gap": 0.0, "general_boom": 1.0,  # exp(boom_sensitivity · 0): no gap yet
        "fund_gov": v("fund_capital"), "fund_private": v("private_capital"),
        "leverage": p.fund_leverage_initial, "fund_return": p.fund_base_return, "fund_life": p.fund_horizon_ref,
        "reserve": v("reserve"), "debt": v("debt"), "noise": np.zeros(3),
    }
    n_p, n_e = len(scenario.pilots), len(scenario.events)
    refs = [gdp, p.researcher_density_ref * v("labour"), v("skilled_workers") / v("labour"), v("digital_share"),
            v("npl_ratio"), v("labour")]
    widened = {name: _widen(value, n) for name, value in per_region.items()}
    trend = growth_trend(widened["gdp_hist"])
    widened.update({name: tuple(widened[name]) for name in HISTORIES})
    return State(
        **widened,
        gdp_trend=trend,
        pilot_age=np.zeros((n_p, n)),
        pilot_scaled=np.zeros((n_p, n), dtype=bool),
        event_timer=np.zeros((n_e, n), dtype=np.int64),
        event_choice=np.zeros((n_e, n), dtype=np.int64),
        event_done=np.zeros((n_e, n), dtype=bool),
        indicators=np.zeros((0, n)),
        # Shared by every region: (k, 1), broadcast over the batch.
        productivity=productivity[:, None],
        weights=shares[:, None],
        tech_ref=in_use[:, None],
        refs=np.asarray(refs, dtype=float)[:, None],
    )
