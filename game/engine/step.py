"""One year of the region: technology → industry → finance → technology.

Every equation here is written out, with its source, in docs/model.md; the
section names below match that document. Arrays are batch-last: a stock per
region is (B,), a stock per sector is (3, B).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.engine.params import Params
from game.engine.scenario import CompiledScenario
from game.engine.schema import (
    INDICATOR_INDEX,
    INDICATORS,
    LEVER_INDEX,
    PILOT_EFFECT_INDEX,
    SHOCK_INDEX,
)
from game.engine.state import State, default_hazard

__all__ = ["TurnInput", "TurnOutput", "step", "event_trigger", "N_NOISE"]

#: Random numbers drawn per turn: three sectors' productivity, basic and applied research.
N_NOISE = 5

_L = LEVER_INDEX
_S = SHOCK_INDEX
_E = PILOT_EFFECT_INDEX
_I = INDICATOR_INDEX
_COMPARE = (np.less, np.less_equal, np.greater, np.greater_equal)

# Numerical guards, not economics: shocks never take a factor below 5%, a vintage never
# defaults on more than 90%, and growth accounting is not divided by growth under 0.5%.
_LEAST_FACTOR = 0.05
_MOST_DEFAULT = 0.9
_LEAST_GROWTH = 0.005


@dataclass
class TurnInput:
    shares: np.ndarray           # (8, B)
    credit_guidance: np.ndarray  # (B,)
    focus: np.ndarray            # (3, B), each column summing to 1
    pilots: np.ndarray           # (P, B) bool
    choices: np.ndarray          # (E, B) int
    noise: np.ndarray            # (N_NOISE,) standard normal, shared by the batch
    uniforms: np.ndarray         # (E,) uniform draws for random events, shared by the batch


@dataclass
class TurnOutput:
    indicators: np.ndarray       # (I, B)
    flows: np.ndarray            # (3, B) tech→industry, industry→finance, finance→tech (bn yuan)
    budget: np.ndarray           # (B,) money available this turn (budget + fund exits)
    shares: np.ndarray           # (8, B) shares as resolved (cut back if the deficit limit binds)
    fired: np.ndarray            # (E, B) events that fired at the start of this turn
    stocks: np.ndarray           # (4, B) basic knowledge, applied achievements (all), transfer capacity,
                                 # government capital in guidance funds
    spending: np.ndarray         # (B,) levers, pilots, guarantee shortfalls and interest


def _total(rows: np.ndarray) -> np.ndarray:
    """Sum over the first axis, row after row.

    numpy's `sum(axis=0)` switches to pairwise summation when the batch is 1 (the
    rows are then contiguous), which changes the last bit; a batch of one must equal
    a single run exactly, so the order of addition is fixed here.
    """
    out = rows[0].copy()
    for row in rows[1:]:
        out += row
    return out


def event_trigger(state: State, turn: int, uniforms: np.ndarray, cs: CompiledScenario) -> np.ndarray:
    """Which events fire at the start of `turn`, from last turn's indicators. (E, B) bool."""
    n_e, n = state.event_done.shape
    if n_e == 0:
        return np.zeros((0, n), dtype=bool)
    scripted = cs.event_turn == turn
    random = (cs.event_turn < 0) & (turn >= cs.event_first) & (uniforms < cs.event_prob)
    fires = np.repeat((scripted | random)[:, None], n, axis=1)
    if state.indicators.shape[0]:
        for e in np.flatnonzero(cs.event_cond_index >= 0):
            compare = _COMPARE[cs.event_cond_op[e]]
            fires[e] &= compare(state.indicators[cs.event_cond_index[e]], cs.event_cond_threshold[e])
    # A random event fires once per run; a scripted one only at its turn anyway.
    fires &= ~(state.event_done & (cs.event_turn < 0)[:, None])
    return fires


def _event_shocks(s: State, fired: np.ndarray, choices: np.ndarray, cs: CompiledScenario) -> np.ndarray:
    """Start fired events and sum the shocks of every event still running. (K, B)"""
    n = fired.shape[1]
    shock = np.zeros((len(SHOCK_INDEX), n))
    if fired.shape[0] == 0:
        return shock
    choice = np.minimum(np.maximum(choices, 0), (cs.event_choices - 1)[:, None])
    s.event_choice = np.where(fired, choice, s.event_choice)
    s.event_timer = np.where(fired, cs.event_duration[:, None], s.event_timer)
    s.event_done = s.event_done | fired
    for e in np.flatnonzero((s.event_timer > 0).any(axis=1)):
        active = s.event_timer[e] > 0
        shock += cs.event_effects[e][s.event_choice[e]].T * active
    s.event_timer = np.maximum(s.event_timer - 1, 0)
    return shock


def _pilot_effects(s: State, open_: np.ndarray, cs: CompiledScenario) -> tuple[np.ndarray, np.ndarray]:
    """Effects of working pilots plus risks of open ones (channels, B), and their cost share (B,)."""
    n = open_.shape[1]
    s.pilot_age = np.where(open_, s.pilot_age + 1, 0.0)
    pilot = np.zeros((len(PILOT_EFFECT_INDEX), n))
    cost = np.zeros(n)
    # One pilot at a time, not a matrix product: BLAS may sum in an order that depends
    # on the batch size, and a batch of one must equal a single run bit for bit.
    for k in np.flatnonzero(open_.any(axis=1)):
        is_open = open_[k].astype(float)
        working = (s.pilot_age[k] > cs.pilot_delay[k]).astype(float)
        pilot += cs.pilot_effects[k][:, None] * working + cs.pilot_risks[k][:, None] * is_open
        cost += is_open * cs.pilot_upkeep[k] + (s.pilot_age[k] == 1) * cs.pilot_cost[k]
    return pilot, cost


def step(state: State, turn: int, inp: TurnInput, p: Params, cs: CompiledScenario) -> tuple[State, TurnOutput]:
    s = state.shallow()
    y_start = s.refs[0]
    gdp_prev = s.gdp_hist[-1]

    # --- events and pilot zones ---
    fired = event_trigger(state, turn, inp.uniforms, cs)
    shock = _event_shocks(s, fired, inp.choices, cs)
    pilot, pilot_cost = _pilot_effects(s, inp.pilots.astype(bool), cs)

    # --- budget and the deficit limit ---
    budget = (p.budget_base + p.budget_gdp_share * gdp_prev) * np.maximum(0.0, 1.0 - shock[_S["budget_cut"]])
    exit_gov = s.fund_gov / p.fund_life_years
    exit_private = s.fund_private / p.fund_life_years
    inflow = budget + exit_gov
    fixed = pilot_cost * budget + p.debt_interest * s.debt
    shares = np.maximum(inp.shares, 0.0)
    wanted = _total(shares) * budget
    room = np.maximum(inflow + s.reserve + p.deficit_limit * budget - fixed, 0.0)
    scale = np.where(wanted > room, room / np.maximum(wanted, 1e-12), 1.0)
    shares = shares * scale
    spend = shares * budget
    sp = {name: spend[i] for name, i in _L.items()}

    # --- industry: production with this year's technology (in logs: one exp per sector) ---
    # Technology is partly non-rival: the whole stock lifts every sector (by its own
    # elasticity); the focus only tilts which sector gets more of it, and that tilt is bounded.
    elasticity = np.array([[p.tech_elasticity_traditional], [p.tech_elasticity_emerging], [p.tech_elasticity_digital]])
    # Production uses technology in use, which follows the commercialised stock with a
    # diffusion lag (firms need years to retool), not the stock itself.
    tech_total = s.tech[0] + s.tech[1] + s.tech[2]
    in_use = s.tech_in_use
    in_use_total = in_use[0] + in_use[1] + in_use[2]
    ref_total = s.tech_ref.sum()
    log_level = np.log(np.maximum(in_use_total / ref_total, 1e-9))
    log_tilt = np.log(np.maximum(in_use / in_use_total, 1e-12)) - np.log(s.tech_ref / ref_total)
    labour_total = s.labour[0] + s.labour[1] + s.labour[2]
    log_skilled = np.log(s.skilled / labour_total / s.refs[2])
    digital_share_prev = s.indicators[_I["digital_share"]] if s.indicators.shape[0] else s.refs[3]
    chain = shock[_S["supply_chain"]]
    demand = np.stack(
        [
            1.0 + shock[_S["demand_traditional"]] + pilot[_E["traditional_productivity"]],
            1.0 + shock[_S["demand_emerging"]] - chain + pilot[_E["emerging_productivity"]],
            1.0 + shock[_S["demand_digital"]] - p.digital_chain_exposure * chain + pilot[_E["digital_productivity"]],
        ]
    )
    log_spill = np.log(np.maximum(1.0 + p.digital_spillover * (digital_share_prev - s.refs[3]), _LEAST_FACTOR))
    log_z = (
        np.log(s.productivity)
        + elasticity * log_level
        + p.focus_elasticity * log_tilt
        + np.log(np.maximum(demand, _LEAST_FACTOR))
        + log_spill
        + p.noise_productivity * inp.noise[:3, None]
    )
    log_z[0] += p.skills_upgrading * log_skilled
    output = np.exp(log_z + p.alpha * np.log(s.capital) + (1.0 - p.alpha) * np.log(s.labour))
    gdp = output[0] + output[1] + output[2]
    out_share = output / gdp

    # --- profits and enterprise R&D ---
    profits = np.array([[p.margin_traditional], [p.margin_emerging], [p.margin_digital]]) * output
    tech_profits = profits[1] + profits[2]
    enterprise_rd = (
        p.rd_of_profit_traditional * profits[0]
        + p.rd_of_profit_emerging * profits[1]
        + p.rd_of_profit_digital * profits[2]
        + p.enterprise_cofunding * sp["applied"]
    )
    enterprise_basic = p.enterprise_basic_share * enterprise_rd
    basic_rd = sp["basic"] + enterprise_basic
    applied_rd = sp["applied"] + enterprise_rd - enterprise_basic
    total_rd = sp["basic"] + sp["applied"] + enterprise_rd

    # --- technology: basic knowledge, applied achievements, transfer ---
    log_people = p.researcher_weight * np.log(s.researchers / s.refs[1])
    money_weight = 1.0 - p.researcher_weight
    log_effort_basic = money_weight * np.log(np.maximum(basic_rd, 1e-9) / (p.basic_intensity_ref * y_start)) + log_people
    log_effort_applied = money_weight * np.log(np.maximum(applied_rd, 1e-9) / (p.applied_intensity_ref * y_start)) + log_people
    research_mult = np.maximum(0.0, 1.0 + shock[_S["research_productivity"]])
    new_basic = p.basic_zeta * research_mult * np.exp(
        p.basic_lambda * log_effort_basic + p.basic_phi * np.log(s.basic) + p.noise_research * inp.noise[3]
    )
    stage = max(p.basic_delay_years / 3.0, 1.0)
    d0 = s.basic_delayed[0] + (s.basic - s.basic_delayed[0]) / stage
    d1 = s.basic_delayed[1] + (d0 - s.basic_delayed[1]) / stage
    d2 = s.basic_delayed[2] + (d1 - s.basic_delayed[2]) / stage
    s.basic_delayed = np.stack([d0, d1, d2])
    knowledge_base = s.applied + tech_total
    drift = (1.0 - p.productivity_drift) ** turn
    science = (1.0 + p.basic_spillover * d2) / (1.0 + p.basic_spillover)
    new_applied = p.applied_zeta * drift * science * research_mult * np.exp(
        p.applied_lambda * log_effort_applied + p.applied_phi * np.log(knowledge_base) + p.noise_research * inp.noise[4]
    )
    firm_capacity = s.firm_rd * np.exp(p.skills_absorption * log_skilled) * (1.0 + pilot[_E["absorptive_capacity"]])
    absorptive = firm_capacity / (firm_capacity + p.absorptive_kappa)
    funds_total = s.fund_gov + s.fund_private
    # Firms license and hire on their own, so some transfer happens without any platform.
    capacity = p.transfer_capacity_floor + (1.0 - p.transfer_capacity_floor) * np.maximum(s.capacity, 0.0)
    platform = np.exp(p.transfer_capacity_elasticity * np.log(np.maximum(capacity, 1e-9)))
    platform *= (1.0 + pilot[_E["transfer_efficiency"]]) * (1.0 + p.fund_commercialisation * funds_total / gdp_prev)
    rate = np.minimum(p.transfer_max, p.transfer_rate * absorptive * platform)
    # Firms can only take in so much new technology a year relative to what they use.
    transfer = np.minimum(s.applied * rate, p.absorption_max * tech_total)
    steer = (1.0 - p.focus_steer) * out_share + p.focus_steer * inp.focus
    s.basic = (1.0 - p.basic_depreciation) * s.basic + new_basic
    s.applied = (s.applied - transfer) * (1.0 - p.applied_depreciation) + new_applied
    s.tech = s.tech * (1.0 - p.tech_depreciation) + transfer * steer
    s.tech_in_use = in_use + (s.tech - in_use) / max(p.diffusion_years, 1.0)
    s.capacity = s.capacity * (1.0 - p.transfer_capacity_decay) + p.transfer_capacity_yield * sp["transfer"] / y_start
    s.firm_rd = s.firm_rd * (1.0 - p.applied_depreciation) + enterprise_rd / gdp
    contract_value = p.contract_value_per_unit * transfer * gdp

    # --- talent ---
    growth_prev = s.indicators[_I["gdp_growth"]] if s.indicators.shape[0] else p.attractiveness_reference_growth
    appeal = np.maximum(p.appeal_floor, 1.0 + p.attractiveness_growth * (growth_prev - p.attractiveness_reference_growth))
    appeal = appeal * (1.0 + pilot[_E["talent_attraction"]])
    edu_stage = max(p.education_delay_years / 3.0, 1.0)
    e0, e1, e2 = s.education_pipe
    graduates = e2 / edu_stage
    s.education_pipe = np.stack(
        [
            e0 + sp["education"] * p.graduate_yield - e0 / edu_stage,
            e1 + (e0 - e1) / edu_stage,
            e2 + e1 / edu_stage - graduates,
        ]
    )
    attr_delay = max(p.attraction_delay_years, 1.0)
    arrivals = s.attraction_pipe / attr_delay
    s.attraction_pipe = s.attraction_pipe + sp["attraction"] / p.researcher_cost * appeal - arrivals
    leaving = np.clip(p.researcher_attrition + shock[_S["talent_outflow"]], 0.0, 1.0)
    s.researchers = s.researchers * (1.0 - leaving) + graduates + arrivals
    sk_delay = max(p.skills_delay_years, 1.0)
    trained = s.skills_pipe / sk_delay
    # Training saturates: colleges and firms can take only so many trainees a year.
    trainees = sp["skills"] * p.skills_yield * (1.0 + pilot[_E["skills_training"]])
    places = p.skills_capacity_share * labour_total
    s.skills_pipe = s.skills_pipe + places * trainees / (places + trainees) - trained
    s.skilled = s.skilled * (1.0 - p.skilled_attrition) + trained

    # --- credit: vintages, defaults that lag, bad loans, crunch ---
    maturity = s.vintage_out.shape[0]
    hazard = default_hazard(p, maturity)[:, None]
    tech_credit_start = _total(s.vintage_out)
    extra_loss = np.maximum(shock[_S["credit_losses"]], 0.0)
    defaults_by_age = np.minimum(s.vintage_issued * s.vintage_pd * hazard, s.vintage_out)
    tech_defaults = _total(defaults_by_age) + extra_loss * tech_credit_start
    repaid = np.minimum(s.vintage_issued / maturity, s.vintage_out - defaults_by_age)
    remaining = np.maximum(s.vintage_out - defaults_by_age - repaid, 0.0) * (1.0 - extra_loss)
    pool = s.pool + sp["risk_sharing"]
    coverage = np.minimum(p.risk_sharing_cap, p.pool_coverage * pool / np.maximum(tech_credit_start, 1e-9))
    payouts = coverage * tech_defaults
    from_pool = np.minimum(pool, payouts)
    shortfall = payouts - from_pool
    s.pool = pool - from_pool
    npl_prev = s.bad_loans / (s.general_credit + tech_credit_start)
    crunch = np.clip((npl_prev - p.crunch_threshold) / p.crunch_width, 0.0, 1.0)
    tech_output = output[1] + output[2]
    guidance = np.clip(inp.credit_guidance, 0.0, 1.0)
    lending = p.tech_lending_base * tech_output * (1.0 + p.guidance_lending * guidance + p.risk_sharing_lending * coverage)
    lending = lending * (1.0 + pilot[_E["tech_lending"]]) * (1.0 - p.crunch_depth * crunch)
    tech_credit = _total(remaining[:-1]) + lending
    credit_growth = tech_credit / np.maximum(s.prev_tech_credit, 1e-9) - 1.0
    output_growth = tech_output / np.maximum(s.prev_tech_output, 1e-9) - 1.0
    # Schularick & Taylor: it is credit growth sustained over years, not one year's, that
    # predicts busts; the gap remembers past excess growth with a decay.
    s.credit_gap = p.boom_memory * s.credit_gap + np.maximum(credit_growth - output_growth, 0.0)
    boom = np.exp(p.boom_sensitivity * s.credit_gap)
    # A boom in one kind of lending loosens banks' standards for the rest.
    general_rate = p.base_default_rate * (1.0 + p.boom_contagion * (boom - 1.0))
    general_defaults = (general_rate + extra_loss) * s.general_credit
    pd = p.tech_default_rate * (1.0 + p.risk_sharing_laxity * coverage) * (1.0 + p.guidance_laxity * guidance) * boom
    pd = np.clip(pd * np.maximum(0.0, 1.0 - pilot[_E["credit_screening"]]) + pilot[_E["npl_risk"]], 0.0, _MOST_DEFAULT)
    s.vintage_out = np.concatenate([lending[None], remaining[:-1]])
    s.vintage_issued = np.concatenate([lending[None], s.vintage_issued[:-1]])
    s.vintage_pd = np.concatenate([pd[None], s.vintage_pd[:-1]])
    s.bad_loans = s.bad_loans * (1.0 - p.resolution_rate) + (1.0 - coverage) * tech_defaults + general_defaults
    s.general_credit = p.credit_to_gdp * gdp
    npl_ratio = s.bad_loans / (s.general_credit + tech_credit)
    s.prev_tech_credit = tech_credit
    s.prev_tech_output = tech_output

    # --- guidance funds: leverage is earned by returns ---
    fund_return = (
        p.fund_base_return
        + p.fund_knowledge_return * np.log(np.maximum(transfer, 1e-9) / p.fund_transfer_ref)
        + shock[_S["fund_returns"]]
    )
    effective_leverage = np.maximum(
        0.0, s.leverage * (1.0 - p.fund_reinvest_penalty * p.fund_reinvest_rule) + pilot[_E["fund_leverage"]]
    )
    fund_new_gov = sp["guidance_fund"]
    fund_new_private = effective_leverage * fund_new_gov
    s.fund_gov = np.maximum(s.fund_gov * (1.0 + fund_return) - exit_gov + fund_new_gov, 0.0)
    s.fund_private = np.maximum(s.fund_private * (1.0 + fund_return) - exit_private + fund_new_private, 0.0)
    s.leverage = np.clip(
        s.leverage + p.fund_leverage_learning * (fund_return - p.fund_target_return),
        p.fund_leverage_min,
        p.fund_leverage_max,
    )

    # --- investment follows returns; finance follows the focus ---
    returns = p.alpha * output / s.capital
    mean_return = (returns[0] + returns[1] + returns[2]) / 3.0
    pull = s.capital * np.exp(p.capital_mobility * (returns / mean_return - 1.0))
    pull = pull / (pull[0] + pull[1] + pull[2])
    saved = p.savings_rate * gdp * (1.0 - p.crunch_investment * crunch)
    financed = p.credit_investment * lending + fund_new_gov + fund_new_private
    reinvested = p.reinvestment_rate * (profits[0] + tech_profits)
    investment = saved * pull + financed * steer
    investment[1] += reinvested
    capital_used = s.capital[0] + s.capital[1] + s.capital[2]
    s.capital = s.capital * (1.0 - p.capital_depreciation) + investment
    wages = output / s.labour
    mean_wage = (wages[0] + wages[1] + wages[2]) / 3.0
    move = s.labour * np.exp(p.labour_mobility * np.log(wages / mean_wage))
    s.labour = move / (move[0] + move[1] + move[2]) * (labour_total * (1.0 + p.labour_growth))

    # --- fiscal: budget identity  spending + Δreserve − Δdebt = budget + fund exits ---
    spending = _total(spend) + fixed + shortfall
    balance = inflow - spending
    surplus = np.maximum(balance, 0.0)
    repay = np.minimum(surplus, s.debt)
    gap = np.maximum(-balance, 0.0)
    draw = np.minimum(gap, s.reserve)
    s.debt = s.debt - repay + (gap - draw)
    s.reserve = s.reserve + (surplus - repay) - draw

    # --- growth accounting over five years (Solow residual) ---
    s.gdp_hist = np.concatenate([s.gdp_hist[1:], gdp[None]])
    s.capital_hist = np.concatenate([s.capital_hist[1:], capital_used[None]])
    s.labour_hist = np.concatenate([s.labour_hist[1:], labour_total[None]])
    years = s.gdp_hist.shape[0] - 1
    g_y = np.exp(np.log(s.gdp_hist[-1] / s.gdp_hist[0]) / years) - 1.0
    g_k = np.exp(np.log(s.capital_hist[-1] / s.capital_hist[0]) / years) - 1.0
    g_l = np.exp(np.log(s.labour_hist[-1] / s.labour_hist[0]) / years) - 1.0
    safe_gy = np.where(np.abs(g_y) < _LEAST_GROWTH, np.copysign(_LEAST_GROWTH, g_y), g_y)
    tech_contribution = np.clip(1.0 - p.alpha * g_k / safe_gy - (1.0 - p.alpha) * g_l / safe_gy, -1.0, 1.0)

    indicators = np.stack(
        [
            gdp,
            gdp / gdp_prev - 1.0,
            total_rd / gdp,
            basic_rd / total_rd,
            enterprise_rd / total_rd,
            tech_contribution,
            contract_value,
            out_share[1],
            out_share[2],
            npl_ratio,
            tech_credit,
            s.fund_private,
            s.researchers,
            s.skilled,
            balance,
            s.debt,
            np.zeros_like(gdp),
        ]
    )
    s.indicators = indicators
    flows = np.stack([contract_value, tech_profits, lending + fund_new_gov + fund_new_private])
    stocks = np.stack([s.basic, s.applied + s.tech[0] + s.tech[1] + s.tech[2], s.capacity, s.fund_gov])
    return s, TurnOutput(indicators, flows, inflow, shares, fired, stocks, spending)


assert len(INDICATORS) == 17  # the stack above lists them in schema order
