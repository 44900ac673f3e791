"""The game's vocabulary: lever, sector, indicator, shock and pilot-effect names.

Plan files, level files, the UI and result files all use these names; the
engine stores everything in arrays indexed in the order given here.
"""

from __future__ import annotations

#: Raised whenever the same level, plan and seed give other numbers than before (2: noise and
#: event draws from separate, turn-by-turn streams). Level fingerprints include it, so saves and
#: result files made with an older engine are reported as made on a changed level, not as forged.
ENGINE_REVISION = 2

#: Budget levers, grouped as GAME.md groups them. Values are shares of a turn's budget.
LEVER_GROUPS: dict[str, tuple[str, ...]] = {
    "research": ("basic", "applied", "transfer", "joint_programmes"),
    "talent": ("education", "attraction", "skills"),
    "finance": ("risk_sharing", "guidance_fund", "rd_tax_credit"),
}
LEVERS: tuple[str, ...] = tuple(name for group in LEVER_GROUPS.values() for name in group)
LEVER_INDEX: dict[str, int] = {name: i for i, name in enumerate(LEVERS)}
GROUP_OF_LEVER: dict[str, str] = {
    lever: group for group, levers in LEVER_GROUPS.items() for lever in levers
}

#: Dials that cost no budget.
DIALS: tuple[str, ...] = ("credit_guidance", "focus", "fund_horizon")

#: Guidance-fund life in years (patient capital): the range a plan may choose, and what a plan
#: that does not say means (the fund life before the dial existed).
FUND_HORIZON_RANGE: tuple[float, float] = (5.0, 15.0)
FUND_HORIZON_DEFAULT: float = 7.0

SECTORS: tuple[str, ...] = ("traditional", "emerging", "digital")
SECTOR_INDEX: dict[str, int] = {name: i for i, name in enumerate(SECTORS)}

#: Every indicator, every turn, in GAME.md's order. Ratios are fractions (0.025 = 2.5%).
INDICATORS: tuple[str, ...] = (
    "gdp",
    "gdp_growth",
    "rd_intensity",
    "basic_share",
    "enterprise_rd_share",
    "tech_contribution",
    "tech_contract_value",
    "emerging_share",
    "digital_share",
    "npl_ratio",
    "loans_at_risk",
    "tech_credit",
    "private_capital",
    "talent",
    "skilled_workers",
    "fiscal_balance",
    "debt",
    "score",
)
INDICATOR_INDEX: dict[str, int] = {name: i for i, name in enumerate(INDICATORS)}

#: How each indicator is shown: a money amount (bn yuan), a ratio (fraction), or a count (thousands of people).
INDICATOR_KIND: dict[str, str] = {
    "gdp": "money",
    "gdp_growth": "ratio",
    "rd_intensity": "ratio",
    "basic_share": "ratio",
    "enterprise_rd_share": "ratio",
    "tech_contribution": "ratio",
    "tech_contract_value": "money",
    "emerging_share": "ratio",
    "digital_share": "ratio",
    "npl_ratio": "ratio",
    "loans_at_risk": "ratio",
    "tech_credit": "money",
    "private_capital": "money",
    "talent": "people",
    "skilled_workers": "people",
    "fiscal_balance": "money",
    "debt": "money",
    "score": "points",
}

#: Whether a higher value is better (for colours, arrows and bots); None when it depends.
INDICATOR_BETTER_HIGH: dict[str, bool | None] = {
    name: True for name in INDICATORS
} | {"npl_ratio": False, "loans_at_risk": False, "debt": False}

#: Exogenous shock channels that events move (additive, per turn while the event lasts).
SHOCKS: tuple[str, ...] = (
    "demand_traditional",   # fractional change in traditional-sector productivity
    "demand_emerging",
    "demand_digital",
    "supply_chain",         # fractional loss of emerging/digital output from imported inputs
    "credit_losses",        # extra default rate on outstanding credit
    "talent_outflow",       # extra fraction of researchers leaving
    "fiscal_revenue",       # fractional change in tax revenue
    "fund_returns",         # change in guidance-fund annual return
    "research_productivity",  # fractional change in research productivity
    "budget_cut",           # fraction of the S&T budget withheld
    "credit_supply",        # lending swollen by monetary easing this year, share of normal credit
)
SHOCK_INDEX: dict[str, int] = {name: i for i, name in enumerate(SHOCKS)}

#: What a pilot zone can change once it works (additive on the named multiplier or rate).
PILOT_EFFECTS: tuple[str, ...] = (
    "transfer_efficiency",   # fractional boost to technology transfer
    "absorptive_capacity",   # fractional boost to firms' absorptive capacity
    "talent_attraction",     # fractional boost to attraction of researchers
    "skills_training",       # fractional boost to skilled-worker training
    "credit_screening",      # fractional cut in default rates on technology credit
    "tech_lending",          # fractional boost to technology credit supply
    "fund_leverage",         # additive change in guidance-fund leverage
    "digital_productivity",  # fractional boost to digital-sector productivity
    "emerging_productivity",
    "traditional_productivity",
    "npl_risk",              # extra default rate (a risk, usually positive)
)
PILOT_EFFECT_INDEX: dict[str, int] = {name: i for i, name in enumerate(PILOT_EFFECTS)}

#: The stocks a result carries besides the indicators, in order.
STOCKS: tuple[str, ...] = ("basic_knowledge", "applied_achievements", "transfer_capacity", "fund_government")
