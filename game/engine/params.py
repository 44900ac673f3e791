"""Model parameters: one frozen record of floats.

The values live in data (game/content/params.yaml plus each level's overrides);
this module only names them, so that a typo in a data file is an error.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from typing import Any

__all__ = ["Params", "INITIAL_KEYS", "PARAM_RANGES", "parameter_problem"]


@dataclass(frozen=True)
class Params:
    # --- budget rule and fiscal ---
    budget_base: float            # bn yuan a year, before the share of output
    budget_gdp_share: float       # S&T budget as a share of last year's GDP
    deficit_limit: float          # deficit allowed, as a share of the S&T budget, before spending is cut
    debt_interest: float          # interest rate on the region's debt
    # --- basic research (Jones 1995; Romer 1990; Adams 1990) ---
    basic_zeta: float
    basic_lambda: float
    basic_phi: float
    basic_depreciation: float
    basic_delay_years: float      # mean of the third-order delay from basic to applied work
    basic_spillover: float        # chi: how much delayed basic knowledge multiplies applied output
    # --- applied research (Bloom, Jones, Van Reenen, Webb 2020) ---
    applied_zeta: float
    applied_lambda: float
    applied_phi: float
    applied_depreciation: float
    researcher_weight: float      # weight of researchers (vs money) in effective research input
    research_substitution: float  # elasticity of substitution between R&D money and researchers (below 1)
    basic_intensity_ref: float    # basic-research spending / GDP at which effective basic input is 1
    applied_intensity_ref: float  # applied R&D spending / GDP at which effective applied input is 1
    researcher_density_ref: float # researchers per worker at which the researcher input is 1
    enterprise_cofunding: float   # enterprise money matched to each yuan of government applied funding
    enterprise_basic_share: float # share of enterprise R&D that is basic research
    # --- transfer (Cohen & Levinthal 1990) ---
    transfer_rate: float          # tau
    transfer_max: float           # most of the uncommercialised pool that can move in a year
    transfer_capacity_yield: float  # capacity index gained per unit of platform spending / GDP
    transfer_capacity_decay: float
    transfer_capacity_elasticity: float  # diminishing returns to platform capacity
    transfer_capacity_floor: float  # share of transfer capacity that needs no platform (firms' own channels)
    absorptive_kappa: float       # kappa, in years of firms' R&D relative to the starting stock
    # --- joint programmes (产学研; Cohen, Nelson & Walsh 2002) ---
    joint_yield: float            # links index per unit of joint-programme spending / GDP
    joint_decay: float            # links lapse without new programmes
    joint_half: float             # links at which their effect is half its most (smooth saturation)
    joint_transfer: float         # most fractional boost to transfer from links
    joint_absorption: float       # most fractional boost to firms' absorptive capacity from links
    joint_cofunding: float        # enterprise money per yuan of joint programmes
    joint_research_share: float   # share of joint-programme spending that is research (the rest builds links)
    # --- R&D tax incentive (super-deduction) ---
    rd_tax_elasticity: float      # long-run elasticity of enterprise R&D to its user cost (Bloom, Griffith & Van Reenen 2002)
    rd_tax_adjustment: float      # share of the gap to long-run enterprise R&D closed each year
    rd_tax_basic: float           # extra basic share of enterprise R&D per unit of the subsidy rate
    # --- scaling up pilots (复制推广) ---
    scale_up_cost: float          # one-time cost, as a multiple of the pilot's opening cost
    scale_up_upkeep: float        # upkeep of a scaled pilot, as a multiple of its own
    scale_up_effect: float        # effects (and risks) of a scaled pilot, as a multiple of its own
    skills_absorption: float      # elasticity of absorptive capacity to skilled workers
    tech_depreciation: float      # obsolescence of commercialised technology
    absorption_max: float         # most new technology firms take in a year, per unit of what they use
    frontier_growth: float        # yearly growth of the world technology frontier
    frontier_catchup: float       # share of the gap to the frontier closed a year at full absorptive capacity
    diffusion_years: float        # mean lag from commercialised to in use
    contract_value_per_unit: float  # technology-contract turnover / GDP per unit of transfer
    contract_services_max: float  # most registered development and service contracts per yuan of R&D
    contract_capacity_half: float  # transfer capacity at which half that is registered
    # --- industry ---
    alpha: float                  # capital share
    capital_depreciation: float
    savings_rate: float
    labour_growth: float
    tech_elasticity_traditional: float
    tech_elasticity_emerging: float
    tech_elasticity_digital: float
    margin_traditional: float
    margin_emerging: float
    margin_digital: float
    rd_of_profit_traditional: float
    rd_of_profit_emerging: float
    rd_of_profit_digital: float
    reinvestment_rate: float      # leading firms' profits reinvested in emerging technologies
    capital_mobility: float       # how fast investment follows returns across sectors
    labour_mobility: float        # how fast workers follow wages across sectors
    focus_steer: float            # how much the sector focus steers transfer, credit and funds
    focus_elasticity: float       # productivity per unit of a sector's tilt in the technology stock
    digital_spillover: float      # productivity of the other sectors per point of digital share
    digital_chain_exposure: float # share of a supply-chain shock that hits the digital sector
    skills_upgrading: float       # elasticity of traditional productivity to skilled workers
    noise_productivity: float     # standard deviation of the yearly innovation of the productivity AR(1)
    noise_persistence: float      # persistence of productivity deviations (AR(1) coefficient)
    sector_substitution: float    # elasticity of substitution between sectors (CES, below 1)
    income_elasticity_traditional: float  # shift of demand toward a sector per log point of income
    income_elasticity_emerging: float
    income_elasticity_digital: float
    product_demand: float         # shift of demand toward a sector per log point of its tilt in technology
    adjustment_cost: float        # quadratic cost of installing capital faster than the economy-wide rate
    directed_max_share: float     # most of saving that credit, funds and reinvestment can direct
    noise_research: float
    # --- credit (Schularick & Taylor 2012) ---
    credit_to_gdp: float          # general credit as a multiple of GDP
    loan_maturity: float          # years
    base_default_rate: float      # yearly default rate of general credit
    tech_default_rate: float      # lifetime default rate of a technology-credit vintage at normal growth
    boom_sensitivity: float       # log default multiplier per unit of remembered excess credit growth
    boom_memory: float            # share of last year's credit gap still remembered
    boom_contagion: float         # how much a technology-credit boom raises general default rates
    tech_lending_base: float      # new technology lending a year, as a share of emerging+digital output
    guidance_lending: float       # extra lending per unit of credit guidance
    risk_sharing_lending: float   # extra lending per unit of risk-sharing coverage
    risk_sharing_cap: float       # the government covers at most this share of losses (0.8)
    risk_sharing_laxity: float    # weaker screening per unit of coverage
    pool_coverage: float          # coverage per unit of pool relative to technology credit
    resolution_rate: float        # share of bad loans resolved each year
    crunch_threshold: float       # NPL ratio at which a credit crunch starts
    crunch_width: float
    crunch_depth: float           # share of new lending lost in a full crunch
    crunch_investment: float      # share of investment lost in a full crunch
    guidance_laxity: float        # weaker screening per unit of credit guidance
    default_peak_age: float       # years after origination when a vintage's defaults peak
    credit_investment: float      # share of new technology lending that becomes capital
    credit_rd_share: float        # share of new technology lending that finances firms' R&D
    spread_npl: float             # rise of the loan spread per unit rise of the NPL ratio
    rd_spread_sensitivity: float  # fall of long-run enterprise R&D (log) per unit of spread
    lending_spread_sensitivity: float  # fall of technology-loan demand (log) per unit of spread
    impulse_effect: float         # output per unit of credit impulse (change in new lending / GDP)
    impulse_memory: float         # share of last year's credit impulse still moving demand
    crunch_output: float          # share of output lost in a full crunch (demand, disruption)
    default_capital_loss: float   # share of a defaulted technology loan's capital that is lost
    default_cyclicality: float    # rise of general default rates per unit of growth below its trend
    # --- guidance funds ---
    fund_leverage_initial: float
    fund_leverage_min: float
    fund_leverage_max: float
    fund_leverage_learning: float # log-odds of the leverage target per unit of excess return
    fund_leverage_speed: float    # share of the gap to the leverage target closed each year
    fund_return_persistence: float  # share of last year's fund return carried into this year's
    fund_target_return: float
    fund_base_return: float
    fund_knowledge_return: float  # extra return per unit of log transfer above the reference
    fund_tech_growth_ref: float   # growth of commercialised technology at which funds earn their base return
    fund_growth_sensitivity: float  # premium (as a share of its most) per unit of technology growth above the reference
    fund_horizon_ref: float       # the fund life (years) at which commercialisation and exits are as calibrated
    fund_horizon_commercialisation: float  # elasticity of funds' commercialisation to their horizon
    fund_horizon_premium: float   # extra return private partners ask per fund life beyond fund_horizon_ref (relative)
    fund_horizon_drag: float      # lower yearly return of longer-lived (earlier-stage) funds, per unit of life/fund_horizon_ref − 1
    fund_reinvest_rule: float     # share of fund money that must stay local (0 none, 1 all)
    fund_reinvest_penalty: float  # leverage lost per unit of reinvestment rule
    fund_commercialisation: float # transfer boost per unit of fund capital relative to GDP
    # --- talent ---
    researcher_attrition: float
    researcher_cost: float        # bn yuan per thousand researchers attracted
    graduate_yield: float         # thousand researchers per bn yuan of education, after the pipeline
    education_delay_years: float
    attraction_delay_years: float
    skills_yield: float           # thousand skilled workers per bn yuan of training
    skills_capacity_share: float  # most trainees a year, as a share of the labour force
    skills_delay_years: float
    skilled_attrition: float
    attractiveness_growth: float  # attraction per point of GDP growth above the reference
    attractiveness_reference_growth: float
    researcher_density_max: float # most researchers per worker an economy sustains
    appeal_floor: float           # the least appeal a region keeps for researchers, however it grows
    @classmethod
    def field_names(cls) -> tuple[str, ...]:
        return tuple(f.name for f in fields(cls))

    @classmethod
    def from_mapping(cls, values: Mapping[str, Any]) -> Params:
        """Build from a complete mapping; an unknown or missing key raises KeyError naming it."""
        names = set(cls.field_names())
        unknown = sorted(set(values) - names)
        if unknown:
            raise KeyError(f"unknown parameter '{unknown[0]}'")
        missing = sorted(names - set(values))
        if missing:
            raise KeyError(f"missing parameter '{missing[0]}'")
        return cls(**{k: float(v) for k, v in values.items()})

    def with_overrides(self, overrides: Mapping[str, Any]) -> Params:
        unknown = sorted(set(overrides) - set(self.field_names()))
        if unknown:
            raise KeyError(f"unknown parameter '{unknown[0]}'")
        return replace(self, **{k: float(v) for k, v in overrides.items()})


#: The starting state a level may set (`initial:`). The defaults are a China-like region of the
#: mid-2020s (the calibration run in game/content/calibration.yaml sets 2012's values instead).
INITIAL_KEYS: dict[str, float] = {
    "gdp": 5000.0,                # bn yuan
    "emerging_share": 0.10,
    "digital_share": 0.08,
    "capital_output": 3.2,        # capital stock / GDP (China ≈ 2.6 in 2012, ≈ 3.2 by the mid-2020s)
    "labour": 30000.0,            # thousand workers
    "researchers": 120.0,         # thousand full-time-equivalent researchers
    "skilled_workers": 2400.0,    # thousand high-skilled workers
    "basic_knowledge": 1.0,       # index
    "applied_knowledge": 1.0,     # index (uncommercialised pool)
    "commercialised_tech": 4.0,   # index, summed over sectors
    "transfer_capacity": 1.0,     # index
    "firm_rd_stock": 1.0,         # index, years of starting enterprise R&D
    "npl_ratio": 0.010,
    "fund_capital": 20.0,         # bn yuan of government capital in guidance funds
    "private_capital": 45.0,      # bn yuan of private capital in those funds
    "reserve": 10.0,              # bn yuan
    "debt": 0.0,                  # bn yuan
    "prior_gdp_growth": 0.052,    # growth of the five years before the game (history for growth accounting)
    "prior_capital_growth": 0.06,
    "prior_labour_growth": 0.0,
    "frontier_gap": 1.6,          # world frontier technology / the region's: China 2012 ≈ 2.6, mid-2020s ≈ 1.6 (TFP ≈ 40–60% of the US, PWT 10)
}


_SHARE = (0.0, 1.0)
_POSITIVE = (1e-9, None)
#: Where a parameter makes sense; any other parameter must not be negative. The checks
#: keep a level's overrides from dividing by zero or reversing a mechanism.
PARAM_RANGES: dict[str, tuple[float | None, float | None]] = {
    **{name: _SHARE for name in (
        "deficit_limit", "basic_depreciation", "applied_depreciation", "noise_persistence",
        "researcher_weight", "enterprise_basic_share", "transfer_max", "transfer_capacity_decay",
        "transfer_capacity_floor", "tech_depreciation", "digital_chain_exposure", "appeal_floor", "capital_depreciation", "savings_rate",
        "margin_traditional", "margin_emerging", "margin_digital", "rd_of_profit_traditional",
        "rd_of_profit_emerging", "rd_of_profit_digital", "reinvestment_rate", "focus_steer",
        "resolution_rate", "crunch_depth", "crunch_investment", "credit_investment",
        "boom_memory", "fund_reinvest_rule", "researcher_attrition", "skilled_attrition",
        "base_default_rate", "tech_default_rate", "budget_gdp_share", "absorption_max",
        "joint_decay", "rd_tax_adjustment", "joint_research_share", "credit_rd_share", "crunch_output", "default_capital_loss",
        "fund_leverage_speed", "fund_return_persistence", "directed_max_share", "impulse_memory",
    )},
    "alpha": (0.05, 0.95),
    "research_substitution": (0.05, 0.95),
    "skills_capacity_share": (0.001, 1.0),
    "risk_sharing_cap": (0.0, 0.8),  # the bank keeps at least 20% of every loss
    **{name: _POSITIVE for name in (
        "researcher_cost", "absorptive_kappa", "crunch_width", "default_peak_age",
        "joint_half", "contract_capacity_half", "researcher_density_max", "sector_substitution", "basic_intensity_ref", "applied_intensity_ref", "researcher_density_ref",
    )},
    "scale_up_upkeep": (1.0, None),
    "scale_up_effect": (1.0, None),
    **{name: (1.0, None) for name in (
        "loan_maturity", "fund_horizon_ref", "diffusion_years", "basic_delay_years",
        "education_delay_years", "attraction_delay_years", "skills_delay_years",
    )},
    "fund_leverage_min": (0.0, None),
    "frontier_catchup": (0.0, 1.0),
    "fund_base_return": (-0.5, 0.5),
    "fund_target_return": (-0.5, 0.5),
    "labour_growth": (-0.1, 0.1),
    "attractiveness_reference_growth": (-0.2, 0.3),
    "budget_base": (None, None),
}


def parameter_problem(name: str, value: float) -> tuple[str, float | None] | None:
    """Why `value` is out of range for `name`: ("finite", None), ("above", low) for a value
    that must be more than `low`, ("min", low) or ("max", high); None when it is fine.
    The content layer words it in the player's language."""
    low, high = PARAM_RANGES.get(name, (0.0, None))
    if value != value or value in (float("inf"), float("-inf")):
        return ("finite", None)
    if low is not None and value < low:
        return ("above", 0.0) if 0.0 < low < 1e-6 else ("min", low)
    if high is not None and value > high:
        return ("max", high)
    return None
