"""The region's stocks, as arrays with a leading batch axis, and the starting state."""

from __future__ import annotations

from dataclasses import dataclass, fields

import numpy as np

from game.engine.params import Params
from game.engine.scenario import Scenario

__all__ = ["State", "initial_state", "HISTORY", "default_hazard"]

#: Years of history kept for five-year growth accounting.
HISTORY = 6


@dataclass
class State:
    # technology
    basic: np.ndarray            # (B,) basic knowledge S
    basic_delayed: np.ndarray    # (B, 3) third-order delay stages of S
    applied: np.ndarray          # (B,) uncommercialised applied achievements A_u
    tech: np.ndarray             # (B, 3) commercialised technology by sector
    capacity: np.ndarray         # (B,) transfer-platform capacity P
    firm_rd: np.ndarray          # (B,) firms' R&D stock / GDP
    # industry
    capital: np.ndarray          # (B, 3)
    labour: np.ndarray           # (B, 3)
    # talent
    researchers: np.ndarray      # (B,)
    education_pipe: np.ndarray   # (B, 3) students in a third-order delay (thousand future researchers)
    attraction_pipe: np.ndarray  # (B,) recruits on their way
    skilled: np.ndarray          # (B,)
    skills_pipe: np.ndarray      # (B,)
    # credit
    general_credit: np.ndarray   # (B,)
    vintage_issued: np.ndarray   # (B, M) original principal of technology loans by age
    vintage_pd: np.ndarray       # (B, M) lifetime default rate of each vintage
    vintage_out: np.ndarray      # (B, M) outstanding principal by age
    bad_loans: np.ndarray        # (B,)
    pool: np.ndarray             # (B,) risk-compensation pool
    credit_gap: np.ndarray       # (B,) remembered excess of credit growth over technology output growth
    # funds
    fund_gov: np.ndarray         # (B,)
    fund_private: np.ndarray     # (B,)
    leverage: np.ndarray         # (B,)
    # fiscal
    reserve: np.ndarray          # (B,)
    debt: np.ndarray             # (B,)
    # memory
    gdp_hist: np.ndarray         # (B, HISTORY) oldest first
    capital_hist: np.ndarray     # (B, HISTORY)
    labour_hist: np.ndarray      # (B, HISTORY)
    prev_tech_credit: np.ndarray  # (B,)
    prev_tech_output: np.ndarray  # (B,)
    prev_transfer: np.ndarray    # (B,)
    pilot_age: np.ndarray        # (B, P) turns each pilot has been open
    event_timer: np.ndarray      # (B, E) turns left of an event's shocks
    event_choice: np.ndarray     # (B, E) the choice taken
    event_done: np.ndarray       # (B, E) bool: fired already
    indicators: np.ndarray       # (B, I) last turn's indicators
    productivity: np.ndarray     # (B, 3) calibration constants Z_i (fixed)
    tech_ref: np.ndarray         # (B, 3) commercialised technology at the start (fixed)
    refs: np.ndarray             # (B, 4) fixed references: start GDP, researchers, skilled density, digital share

    def copy(self) -> State:
        return State(**{f.name: getattr(self, f.name).copy() for f in fields(self)})


def default_hazard(params: Params, maturity: int) -> np.ndarray:
    """Share of a vintage's lifetime defaults that fall in each year of age (peaks at default_peak_age)."""
    age = np.arange(1, maturity + 1, dtype=float)
    weights = age * np.exp(-age / params.default_peak_age)
    return weights / weights.sum()


def loan_maturity(params: Params) -> int:
    return max(2, int(round(params.loan_maturity)))


def initial_state(scenario: Scenario, batch: int) -> State:
    """The starting state of `batch` identical regions."""
    p = scenario.params
    v = scenario.initial_value
    n = batch
    gdp = v("gdp")
    shares = np.array([1.0 - v("emerging_share") - v("digital_share"), v("emerging_share"), v("digital_share")])
    output = gdp * shares
    capital = v("capital_output") * output  # equal returns across sectors at the start
    labour = v("labour") * shares
    alpha = p.alpha
    productivity = output / (capital**alpha * labour ** (1 - alpha))
    tech = v("commercialised_tech") * shares

    maturity = loan_maturity(p)
    general = p.credit_to_gdp * gdp
    remaining = 1.0 - np.arange(maturity) / maturity
    # Technology credit starts at the steady state of the status-quo lending rule, so that
    # the first turns show no boom or bust of the model's own making.
    budget = p.budget_base + p.budget_gdp_share * gdp
    base = scenario.baseline.shares
    pool = 2.0 * base.get("risk_sharing", 0.0) * budget
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
    bad = v("npl_ratio") * (general + tech_credit)

    years = np.arange(-HISTORY, 0, dtype=float)  # the warm-up year comes next
    gdp_hist = gdp * (1 + v("prior_gdp_growth")) ** years
    cap_hist = capital.sum() * (1 + v("prior_capital_growth")) ** years
    lab_hist = v("labour") * (1 + v("prior_labour_growth")) ** years

    def full(x: float) -> np.ndarray:
        return np.full(n, float(x))

    def rows(x: np.ndarray) -> np.ndarray:
        return np.tile(np.asarray(x, dtype=float), (n, 1))

    # Pipelines start full, as if the status-quo budget had been spent for years.
    graduates = base.get("education", 0.0) * budget * p.graduate_yield
    recruits = base.get("attraction", 0.0) * budget / p.researcher_cost
    trainees = base.get("skills", 0.0) * budget * p.skills_yield

    n_p, n_e = len(scenario.pilots), len(scenario.events)
    firm_rd = (
        p.rd_of_profit_traditional * p.margin_traditional * shares[0]
        + p.rd_of_profit_emerging * p.margin_emerging * shares[1]
        + p.rd_of_profit_digital * p.margin_digital * shares[2]
    ) / p.applied_depreciation
    return State(
        basic=full(v("basic_knowledge")),
        basic_delayed=rows(np.full(3, v("basic_knowledge"))),
        applied=full(v("applied_knowledge")),
        tech=rows(tech),
        capacity=full(v("transfer_capacity")),
        firm_rd=full(firm_rd * v("firm_rd_stock")),
        capital=rows(capital),
        labour=rows(labour),
        researchers=full(v("researchers")),
        education_pipe=rows(np.full(3, graduates * p.education_delay_years / 3)),
        attraction_pipe=full(recruits * p.attraction_delay_years),
        skilled=full(v("skilled_workers")),
        skills_pipe=full(trainees * p.skills_delay_years),
        general_credit=full(general),
        vintage_issued=rows(np.full(maturity, issued_each)),
        vintage_pd=rows(np.full(maturity, p.tech_default_rate)),
        vintage_out=rows(issued_each * remaining),
        bad_loans=full(bad),
        pool=full(pool),
        credit_gap=full(0.0),
        fund_gov=full(v("fund_capital")),
        fund_private=full(v("private_capital")),
        leverage=full(p.fund_leverage_initial),
        reserve=full(v("reserve")),
        debt=full(v("debt")),
        gdp_hist=rows(gdp_hist),
        capital_hist=rows(cap_hist),
        labour_hist=rows(lab_hist),
        prev_tech_credit=full(tech_credit),
        prev_tech_output=full(output[1:].sum()),
        prev_transfer=full(0.0),
        pilot_age=np.zeros((n, n_p)),
        event_timer=np.zeros((n, n_e), dtype=np.int64),
        event_choice=np.zeros((n, n_e), dtype=np.int64),
        event_done=np.zeros((n, n_e), dtype=bool),
        indicators=np.zeros((n, 0)),
        productivity=rows(productivity),
        tech_ref=rows(tech),
        refs=rows(
            [
                gdp,
                p.researcher_density_ref * v("labour"),
                v("skilled_workers") / v("labour"),
                v("digital_share"),
            ]
        ),
    )
