"""One year of the region: technology → industry → finance → technology.

Every equation here is written out, with its source, in docs/model.md; the
section names below match that document. All arrays carry a leading batch axis.
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


@dataclass
class TurnInput:
    shares: np.ndarray           # (B, 8)
    credit_guidance: np.ndarray  # (B,)
    focus: np.ndarray            # (B, 3)
    pilots: np.ndarray           # (B, P) bool
    choices: np.ndarray          # (B, E) int
    noise: np.ndarray            # (N_NOISE,) standard normal, shared by the batch
    uniforms: np.ndarray         # (E,) uniform draws for random events, shared by the batch


@dataclass
class TurnOutput:
    indicators: np.ndarray       # (B, I)
    flows: np.ndarray            # (B, 3) tech→industry, industry→finance, finance→tech (bn yuan)
    budget: np.ndarray           # (B,) money available this turn (budget + fund exits)
    shares: np.ndarray           # (B, 8) shares as resolved (cut back if the deficit limit binds)
    fired: np.ndarray            # (B, E) events that fired at the start of this turn
    stocks: np.ndarray           # (B, 3) basic knowledge, applied achievements (all), transfer capacity
    spending: np.ndarray         # (B,) levers, pilots, guarantee shortfalls and interest


def event_trigger(state: State, turn: int, uniforms: np.ndarray, cs: CompiledScenario) -> np.ndarray:
    """Which events fire at the start of `turn`, from last turn's indicators. (B, E) bool."""
    n_e = cs.event_turn.shape[0]
    if n_e == 0:
        return np.zeros((state.basic.shape[0], 0), dtype=bool)
    scripted = cs.event_turn == turn
    random = (cs.event_turn < 0) & (turn >= cs.event_first) & (uniforms < cs.event_prob)
    fires = np.broadcast_to(scripted | random, state.event_done.shape).copy()
    has_cond = cs.event_cond_index >= 0
    if has_cond.any() and state.indicators.shape[1]:
        values = state.indicators[:, np.maximum(cs.event_cond_index, 0)]
        ok = np.ones_like(fires)
        for op_index, compare in enumerate(_COMPARE):
            cols = has_cond & (cs.event_cond_op == op_index)
            if cols.any():
                ok[:, cols] = compare(values[:, cols], cs.event_cond_threshold[cols])
        fires &= ok
    # A random event fires once per run; a scripted one only at its turn anyway.
    fires &= ~(state.event_done & (cs.event_turn < 0))
    return fires


def step(state: State, turn: int, inp: TurnInput, p: Params, cs: CompiledScenario) -> tuple[State, TurnOutput]:
    s = state.copy()
    n = s.basic.shape[0]
    y_start = s.refs[:, 0]
    gdp_prev = s.gdp_hist[:, -1]

    # --- events: shocks while an event lasts ---
    fired = event_trigger(state, turn, inp.uniforms, cs)
    if fired.shape[1]:
        choice = np.minimum(np.maximum(inp.choices, 0), cs.event_choices - 1)
        s.event_choice = np.where(fired, choice, s.event_choice)
        s.event_timer = np.where(fired, cs.event_duration, s.event_timer)
        s.event_done |= fired
        active = (s.event_timer > 0).astype(float)
        effects = cs.event_effects[np.arange(fired.shape[1]), s.event_choice]  # (B, E, K)
        shock = (active[:, :, None] * effects).sum(axis=1)
        s.event_timer = np.maximum(s.event_timer - 1, 0)
    else:
        shock = np.zeros((n, len(SHOCK_INDEX)))

    # --- pilot zones: effects after their delay, risks at once ---
    open_ = inp.pilots.astype(bool)
    s.pilot_age = np.where(open_, s.pilot_age + 1, 0.0)
    if open_.shape[1]:
        working = (s.pilot_age > cs.pilot_delay).astype(float)
        opened = (s.pilot_age == 1).astype(float)
        # Explicit sums, not BLAS matmul: BLAS may sum in an order that depends on the
        # batch size, and a batch of one must equal a single run bit for bit.
        is_open = open_.astype(float)
        pilot = (working[:, :, None] * cs.pilot_effects).sum(axis=1) + (is_open[:, :, None] * cs.pilot_risks).sum(axis=1)
        pilot_cost = (opened * cs.pilot_cost).sum(axis=1) + (is_open * cs.pilot_upkeep).sum(axis=1)
    else:
        pilot = np.zeros((n, len(PILOT_EFFECT_INDEX)))
        pilot_cost = np.zeros(n)

    # --- budget and the deficit limit ---
    budget = (p.budget_base + p.budget_gdp_share * gdp_prev) * np.maximum(0.0, 1.0 - shock[:, _S["budget_cut"]])
    exit_gov = s.fund_gov / p.fund_life_years
    exit_private = s.fund_private / p.fund_life_years
    inflow = budget + exit_gov
    fixed = pilot_cost * budget + p.debt_interest * s.debt
    shares = np.clip(inp.shares, 0.0, None)
    wanted = shares.sum(axis=1) * budget
    room = np.maximum(inflow + s.reserve + p.deficit_limit * budget - fixed, 0.0)
    scale = np.where(wanted > room, room / np.maximum(wanted, 1e-12), 1.0)
    shares = shares * scale[:, None]
    spend = shares * budget[:, None]
    sp = {name: spend[:, i] for name, i in _L.items()}

    # --- industry: production with this year's technology ---
    # Technology is partly non-rival: the whole stock lifts every sector (by its own
    # elasticity); the focus only tilts which sector gets more of it, and that tilt is bounded.
    tech_total = s.tech.sum(axis=1, keepdims=True)
    tech_level = tech_total / s.tech_ref.sum(axis=1, keepdims=True)
    tilt = (s.tech / tech_total) / (s.tech_ref / s.tech_ref.sum(axis=1, keepdims=True))
    elasticity = np.array([p.tech_elasticity_traditional, p.tech_elasticity_emerging, p.tech_elasticity_digital])
    tech_ratio = np.maximum(tech_level, 1e-9) ** elasticity * np.maximum(tilt, 1e-9) ** p.focus_elasticity
    labour_total = s.labour.sum(axis=1)
    skilled_density = s.skilled / labour_total / s.refs[:, 2]
    digital_share_prev = s.indicators[:, _I["digital_share"]] if s.indicators.shape[1] else s.refs[:, 3]
    demand = np.stack(
        [
            1.0 + shock[:, _S["demand_traditional"]] + pilot[:, _E["traditional_productivity"]],
            1.0 + shock[:, _S["demand_emerging"]] - shock[:, _S["supply_chain"]] + pilot[:, _E["emerging_productivity"]],
            1.0 + shock[:, _S["demand_digital"]] - 0.5 * shock[:, _S["supply_chain"]] + pilot[:, _E["digital_productivity"]],
        ],
        axis=1,
    )
    spill = 1.0 + p.digital_spillover * (digital_share_prev - s.refs[:, 3])
    upgrade = np.ones((n, 3))
    upgrade[:, 0] = skilled_density**p.skills_upgrading
    upgrade[:, 1:] = spill[:, None]
    upgrade[:, 0] *= spill
    noise = np.exp(p.noise_productivity * inp.noise[:3])
    z = s.productivity * tech_ratio * np.maximum(demand, 0.05) * upgrade * noise
    output = z * s.capital**p.alpha * s.labour ** (1.0 - p.alpha)
    gdp = output.sum(axis=1)
    out_share = output / gdp[:, None]

    # --- profits and enterprise R&D ---
    margins = np.array([p.margin_traditional, p.margin_emerging, p.margin_digital])
    rd_rates = np.array([p.rd_of_profit_traditional, p.rd_of_profit_emerging, p.rd_of_profit_digital])
    profits = margins * output
    enterprise_rd = (profits * rd_rates).sum(axis=1) + p.enterprise_cofunding * sp["applied"]
    enterprise_basic = p.enterprise_basic_share * enterprise_rd
    basic_rd = sp["basic"] + enterprise_basic
    applied_rd = sp["applied"] + enterprise_rd - enterprise_basic
    total_rd = sp["basic"] + sp["applied"] + enterprise_rd

    # --- technology: basic knowledge, applied achievements, transfer ---
    researcher_input = (s.researchers / s.refs[:, 1]) ** p.researcher_weight
    money_weight = 1.0 - p.researcher_weight
    effort_basic = (basic_rd / (p.basic_intensity_ref * y_start)) ** money_weight * researcher_input
    effort_applied = (applied_rd / (p.applied_intensity_ref * y_start)) ** money_weight * researcher_input
    research_mult = np.maximum(0.0, 1.0 + shock[:, _S["research_productivity"]])
    new_basic = p.basic_zeta * effort_basic**p.basic_lambda * s.basic**p.basic_phi
    new_basic *= research_mult * np.exp(p.noise_research * inp.noise[3])
    stage = max(p.basic_delay_years / 3.0, 1.0)
    d = s.basic_delayed
    d[:, 0] += (s.basic - d[:, 0]) / stage
    d[:, 1] += (d[:, 0] - d[:, 1]) / stage
    d[:, 2] += (d[:, 1] - d[:, 2]) / stage
    knowledge_base = s.applied + s.tech.sum(axis=1)
    drift = (1.0 - p.productivity_drift) ** turn
    science = (1.0 + p.basic_spillover * d[:, 2]) / (1.0 + p.basic_spillover)
    new_applied = p.applied_zeta * drift * effort_applied**p.applied_lambda * knowledge_base**p.applied_phi * science
    new_applied *= research_mult * np.exp(p.noise_research * inp.noise[4])

    firm_capacity = s.firm_rd * skilled_density**p.skills_absorption * (1.0 + pilot[:, _E["absorptive_capacity"]])
    absorptive = firm_capacity / (firm_capacity + p.absorptive_kappa)
    funds_total = s.fund_gov + s.fund_private
    platform = np.maximum(s.capacity, 0.0) ** p.transfer_capacity_elasticity
    platform *= (1.0 + pilot[:, _E["transfer_efficiency"]]) * (1.0 + p.fund_commercialisation * funds_total / gdp_prev)
    rate = np.minimum(p.transfer_max, p.transfer_rate * absorptive * platform)
    transfer = s.applied * rate
    steer = (1.0 - p.focus_steer) * out_share + p.focus_steer * inp.focus
    s.basic = (1.0 - p.basic_depreciation) * s.basic + new_basic
    s.applied = (s.applied - transfer) * (1.0 - p.applied_depreciation) + new_applied
    s.tech = s.tech * (1.0 - p.tech_depreciation) + transfer[:, None] * steer
    s.capacity = s.capacity * (1.0 - p.transfer_capacity_decay) + p.transfer_capacity_yield * sp["transfer"] / y_start
    s.firm_rd = s.firm_rd * (1.0 - p.applied_depreciation) + enterprise_rd / gdp
    contract_value = p.contract_value_per_unit * transfer * gdp

    # --- talent ---
    growth_prev = s.indicators[:, _I["gdp_growth"]] if s.indicators.shape[1] else np.full(n, p.attractiveness_reference_growth)
    appeal = np.maximum(0.2, 1.0 + p.attractiveness_growth * (growth_prev - p.attractiveness_reference_growth))
    appeal *= 1.0 + pilot[:, _E["talent_attraction"]]
    edu_stage = max(p.education_delay_years / 3.0, 1.0)
    e = s.education_pipe
    graduates = e[:, 2] / edu_stage
    e[:, 2] += e[:, 1] / edu_stage - graduates
    e[:, 1] += e[:, 0] / edu_stage - e[:, 1] / edu_stage
    e[:, 0] += sp["education"] * p.graduate_yield - e[:, 0] / edu_stage
    attr_delay = max(p.attraction_delay_years, 1.0)
    arrivals = s.attraction_pipe / attr_delay
    s.attraction_pipe += sp["attraction"] / p.researcher_cost * appeal - arrivals
    leaving = p.researcher_attrition + shock[:, _S["talent_outflow"]]
    s.researchers = s.researchers * np.clip(1.0 - leaving, 0.0, 1.0) + graduates + arrivals
    sk_delay = max(p.skills_delay_years, 1.0)
    trained = s.skills_pipe / sk_delay
    s.skills_pipe += sp["skills"] * p.skills_yield * (1.0 + pilot[:, _E["skills_training"]]) - trained
    s.skilled = s.skilled * (1.0 - p.skilled_attrition) + trained

    # --- credit: vintages, defaults that lag, bad loans, crunch ---
    maturity = s.vintage_out.shape[1]
    hazard = default_hazard(p, maturity)
    tech_credit_start = s.vintage_out.sum(axis=1)
    extra_loss = np.maximum(shock[:, _S["credit_losses"]], 0.0)
    defaults_by_age = np.minimum(s.vintage_issued * s.vintage_pd * hazard, s.vintage_out)
    tech_defaults = defaults_by_age.sum(axis=1) + extra_loss * tech_credit_start
    repaid = np.minimum(s.vintage_issued / maturity, s.vintage_out - defaults_by_age)
    remaining = np.maximum(s.vintage_out - defaults_by_age - repaid, 0.0) * (1.0 - extra_loss[:, None])
    coverage = np.minimum(p.risk_sharing_cap, p.pool_coverage * (s.pool + sp["risk_sharing"]) / np.maximum(tech_credit_start, 1e-9))
    s.pool = s.pool + sp["risk_sharing"]
    payouts = coverage * tech_defaults
    from_pool = np.minimum(s.pool, payouts)
    shortfall = payouts - from_pool
    s.pool = s.pool - from_pool
    npl_prev = s.bad_loans / (s.general_credit + tech_credit_start)
    crunch = np.clip((npl_prev - p.crunch_threshold) / p.crunch_width, 0.0, 1.0)
    tech_output = output[:, 1:].sum(axis=1)
    guidance = np.clip(inp.credit_guidance, 0.0, 1.0)
    lending = p.tech_lending_base * tech_output
    lending *= (1.0 + p.guidance_lending * guidance + p.risk_sharing_lending * coverage)
    lending *= (1.0 + pilot[:, _E["tech_lending"]]) * (1.0 - p.crunch_depth * crunch)
    tech_credit = remaining[:, :-1].sum(axis=1) + lending
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
    pd = pd * np.maximum(0.0, 1.0 - pilot[:, _E["credit_screening"]]) + pilot[:, _E["npl_risk"]]
    pd = np.clip(pd, 0.0, 0.9)
    s.vintage_out = np.concatenate([lending[:, None], remaining[:, :-1]], axis=1)
    s.vintage_issued = np.concatenate([lending[:, None], s.vintage_issued[:, :-1]], axis=1)
    s.vintage_pd = np.concatenate([pd[:, None], s.vintage_pd[:, :-1]], axis=1)
    s.bad_loans = s.bad_loans * (1.0 - p.resolution_rate) + (1.0 - coverage) * tech_defaults + general_defaults
    s.general_credit = p.credit_to_gdp * gdp
    npl_ratio = s.bad_loans / (s.general_credit + tech_credit)
    s.prev_tech_credit = tech_credit
    s.prev_tech_output = tech_output

    # --- guidance funds: leverage is earned by returns ---
    fund_return = (
        p.fund_base_return
        + p.fund_knowledge_return * np.log(np.maximum(transfer, 1e-9) / p.fund_transfer_ref)
        + shock[:, _S["fund_returns"]]
    )
    effective_leverage = np.maximum(
        0.0, s.leverage * (1.0 - p.fund_reinvest_penalty * p.fund_reinvest_rule) + pilot[:, _E["fund_leverage"]]
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
    pull = s.capital * np.exp(p.capital_mobility * (returns / returns.mean(axis=1, keepdims=True) - 1.0))
    pull /= pull.sum(axis=1, keepdims=True)
    saved = p.savings_rate * gdp * (1.0 - p.crunch_investment * crunch)
    financed = p.credit_investment * lending + fund_new_gov + fund_new_private
    reinvested = p.reinvestment_rate * profits.sum(axis=1)
    investment = saved[:, None] * pull + financed[:, None] * steer
    investment[:, 1] += reinvested
    capital_used = s.capital.sum(axis=1)
    s.capital = s.capital * (1.0 - p.capital_depreciation) + investment
    wages = output / s.labour
    move = s.labour * (wages / wages.mean(axis=1, keepdims=True)) ** p.labour_mobility
    s.labour = move / move.sum(axis=1, keepdims=True) * (labour_total * (1.0 + p.labour_growth))[:, None]

    # --- fiscal: budget identity  spending + Δreserve − Δdebt = budget + fund exits ---
    spending = spend.sum(axis=1) + fixed + shortfall
    balance = inflow - spending
    surplus = np.maximum(balance, 0.0)
    repay = np.minimum(surplus, s.debt)
    gap = np.maximum(-balance, 0.0)
    draw = np.minimum(gap, s.reserve)
    s.debt = s.debt - repay + (gap - draw)
    s.reserve = s.reserve + (surplus - repay) - draw

    # --- growth accounting over five years (Solow residual) ---
    s.gdp_hist = np.concatenate([s.gdp_hist[:, 1:], gdp[:, None]], axis=1)
    s.capital_hist = np.concatenate([s.capital_hist[:, 1:], capital_used[:, None]], axis=1)
    s.labour_hist = np.concatenate([s.labour_hist[:, 1:], labour_total[:, None]], axis=1)
    years = s.gdp_hist.shape[1] - 1
    g_y = (s.gdp_hist[:, -1] / s.gdp_hist[:, 0]) ** (1.0 / years) - 1.0
    g_k = (s.capital_hist[:, -1] / s.capital_hist[:, 0]) ** (1.0 / years) - 1.0
    g_l = (s.labour_hist[:, -1] / s.labour_hist[:, 0]) ** (1.0 / years) - 1.0
    safe_gy = np.where(np.abs(g_y) < 0.005, np.copysign(0.005, g_y), g_y)
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
            out_share[:, 1],
            out_share[:, 2],
            npl_ratio,
            tech_credit,
            s.fund_private,
            s.researchers,
            s.skilled,
            balance,
            s.debt,
            np.zeros(n),
        ],
        axis=1,
    )
    s.indicators = indicators
    s.prev_transfer = transfer
    flows = np.stack([contract_value, profits[:, 1:].sum(axis=1), lending + fund_new_gov + fund_new_private], axis=1)
    stocks = np.stack([s.basic, s.applied + s.tech.sum(axis=1), s.capacity], axis=1)
    return s, TurnOutput(indicators, flows, inflow, shares, fired, stocks, spending)


assert len(INDICATORS) == 17  # the stack above lists them in schema order
