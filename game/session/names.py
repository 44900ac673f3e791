"""Human names for the game's vocabulary (levers, dials, groups, sectors, indicators).

Every entry is marked with ``N_`` so that pybabel extracts it; ``label()`` and
``describe()`` translate at the moment they are called, so a language switch
takes effect on the next frame. The UI, the reports and the turn report all use
these, so a lever is called the same thing everywhere.
"""

from __future__ import annotations

from game.engine.schema import DIALS, INDICATORS, LEVER_GROUPS, LEVERS, SECTORS
from game.i18n import N_, _

__all__ = [
    "LEVER_LABELS",
    "DIAL_LABELS",
    "GROUP_LABELS",
    "SECTOR_LABELS",
    "INDICATOR_LABELS",
    "INDICATOR_DESCRIPTIONS",
    "LEVER_HELP",
    "lever_mechanism",
    "lever_lag",
    "has_help",
    "label",
    "describe",
    "pilot_label",
]

LEVER_LABELS: dict[str, str] = {
    "basic": N_("basic research"),
    "applied": N_("applied research"),
    "transfer": N_("technology transfer"),
    "education": N_("education"),
    "attraction": N_("talent attraction"),
    "skills": N_("skills training"),
    "risk_sharing": N_("credit risk sharing"),
    "guidance_fund": N_("guidance fund"),
    "joint_programmes": N_("joint research programmes"),
    "rd_tax_credit": N_("R&D tax credit"),
}

DIAL_LABELS: dict[str, str] = {
    "credit_guidance": N_("credit guidance"),
    "focus": N_("sector focus"),
    "fund_horizon": N_("fund horizon"),
    "scale_up": N_("region-wide roll-out"),
    "reserve": N_("reserve"),
}

GROUP_LABELS: dict[str, str] = {
    "research": N_("research"),
    "talent": N_("talent"),
    "finance": N_("finance"),
}

SECTOR_LABELS: dict[str, str] = {
    "traditional": N_("traditional industry"),
    "emerging": N_("emerging industries"),
    "digital": N_("digital economy"),
}

INDICATOR_LABELS: dict[str, str] = {
    "gdp": N_("GDP"),
    "gdp_growth": N_("GDP growth"),
    "rd_intensity": N_("R&D intensity"),
    "basic_share": N_("basic research share"),
    "enterprise_rd_share": N_("enterprise share of R&D"),
    "tech_contribution": N_("technology's contribution to growth"),
    "tech_contract_value": N_("technology contracts"),
    "emerging_share": N_("emerging industries' share"),
    "digital_share": N_("digital economy's share"),
    "npl_ratio": N_("bad-loan ratio"),
    "loans_at_risk": N_("loans at risk"),
    "tech_credit": N_("technology credit"),
    "private_capital": N_("private capital mobilised"),
    "talent": N_("researchers"),
    "skilled_workers": N_("skilled workers"),
    "fiscal_balance": N_("fiscal balance"),
    "debt": N_("public debt"),
    "score": N_("score"),
}

#: One line per indicator: what it measures, for tooltips and the data table.
INDICATOR_DESCRIPTIONS: dict[str, str] = {
    # The screens write amounts and head counts in each language's own units ("¥17.5 tn",
    # "17.5万亿元"), so the descriptions name no unit.
    "gdp": N_("The region's total output in a year."),
    "gdp_growth": N_("How much GDP grew over the previous year."),
    "rd_intensity": N_("Total spending on research and development as a share of GDP."),
    "basic_share": N_("The share of all R&D spending that goes to basic research."),
    "enterprise_rd_share": N_("The share of all R&D spending paid for by enterprises."),
    "tech_contribution": N_(
        "The share of growth explained by technical progress rather than more capital "
        "or labour, measured over five years."
    ),
    "tech_contract_value": N_(
        "The value of technology-transfer contracts signed in a year: research turned into products."
    ),
    "emerging_share": N_("The share of output made by strategic emerging industries."),
    "digital_share": N_("The share of output made by the digital economy."),
    "npl_ratio": N_("The share of bank loans that have gone bad; lower is better."),
    "loans_at_risk": N_(
        "Bad loans plus the losses today's good loans are expected to make, as a share of all "
        "loans: what a bank regulator watches the year the loans are made. Lower is better."
    ),
    "tech_credit": N_("Bank loans outstanding to technology firms."),
    "private_capital": N_("Private money drawn into technology by government guidance funds."),
    "talent": N_("Researchers working in the region."),
    "skilled_workers": N_("High-skilled workers in the region's industry."),
    "fiscal_balance": N_("Government revenue minus spending this year; negative is a deficit."),
    "debt": N_("Public debt built up from past deficits."),
    "score": N_("Your points so far on this level's objectives."),
}

#: lever or dial name -> (mechanism, lag): the text of the turn screen's tooltips. Each names
#: the mechanism the engine really runs and the lag the player should expect (docs/model.md).
LEVER_HELP: dict[str, tuple[str, str]] = {
    "basic": (
        N_(
            "Government money for basic research in universities and institutes. It grows the "
            "stock of basic knowledge, which later makes every applied project more productive. "
            "Cutting it raises output for a few years and lowers it for decades."
        ),
        N_("Long: basic knowledge reaches industry after 8 to 20 years."),
    ),
    "applied": (
        N_(
            "Key-technology projects co-funded with enterprises. They add applied achievements "
            "in the sectors your focus favours. Ideas get harder to find: the same money buys "
            "less each year unless inputs grow."
        ),
        N_("Medium: results arrive in 2 to 5 years."),
    ),
    "transfer": (
        N_(
            "Technology-transfer platforms and institutions turn research achievements into "
            "products. Without them results stay on the shelf; how much they move also depends "
            "on firms' own R&D (absorptive capacity)."
        ),
        N_("Short: 1 to 3 years; shows up as technology-contract turnover."),
    ),
    "education": (
        N_(
            "Basic disciplines such as mathematics and the universities that teach them. "
            "Graduates become researchers and raise research output for a whole career."
        ),
        N_("Long: the first graduates arrive after 4 to 8 years."),
    ),
    "attraction": (
        N_(
            "Talent attraction and incentives for researchers. Adds researchers quickly, "
            "but how many come depends on how attractive the region already is, and some "
            "leave every year."
        ),
        N_("Short: within 1 to 2 years."),
    ),
    "skills": (
        N_(
            "Training for high-skilled workers. Skilled workers let firms absorb new "
            "technology and make upgrading traditional industry pay."
        ),
        N_("Short: 1 to 3 years."),
    ),
    "risk_sharing": (
        N_(
            "A risk-compensation pool that pays part of the losses on loans to technology "
            "firms, so banks lend more. Banks keep at least 20% of each loss; the more you "
            "share, the weaker their screening, and each default costs the budget."
        ),
        N_("Fast: more lending in 1 year; the losses come 2 to 3 years later."),
    ),
    "guidance_fund": (
        N_(
            "Government capital in guidance funds, which draws in private capital several "
            "times its size. Leverage is earned: past returns raise it, losses lower it. "
            "Exits return capital (or losses) to the budget."
        ),
        N_("Slow: private capital in 2 years, exits after 5 to 10 years."),
    ),
    "credit_guidance": (
        N_(
            "How hard the region pushes banks toward technology lending. It costs no "
            "budget. Credit that grows faster than technology turns into bad loans."
        ),
        N_("Credit now; defaults peak 2 to 3 years after the loans are made."),
    ),
    "focus": (
        N_(
            "Where applied research, credit and fund money are steered: traditional industry "
            "(upgrading), strategic emerging industries, or the digital economy. Technology "
            "lifts emerging industries most and traditional ones least."
        ),
        N_("Follows the money it steers: 1 to 5 years."),
    ),
    "pilots": (
        N_(
            "Pilot zones try a policy first in one place. Each has a set-up cost, a yearly "
            "upkeep taken from the budget, a delay before it works, and sometimes a risk."
        ),
        N_("Each zone shows its own delay."),
    ),
    "joint_programmes": (
        N_(
            "Joint research programmes of universities, institutes and firms (产学研联合攻关). "
            "Firms co-fund them; they build lasting links that carry research into firms, so "
            "transfer moves more and firms absorb more. The links saturate: the first yuan "
            "does most."
        ),
        N_("Medium: the links build over 2 to 4 years and then last."),
    ),
    "rd_tax_credit": (
        N_(
            "An extra tax deduction for firms' R&D spending, paid from the S&T budget as a tax "
            "expenditure. It lowers what R&D costs a firm, so firms spend more, and some of it "
            "goes to basic research."
        ),
        N_("Gradual: firms adjust their R&D over 3 to 5 years."),
    ),
    "fund_horizon": (
        N_(
            "How many years the guidance funds set up this year run (patient capital). It "
            "costs no budget. Longer funds back earlier-stage technology and bring more of it "
            "to market, but return their money later."
        ),
        N_("Slow: shows when funds exit, 5 to 15 years after they start."),
    ),
    "scale_up": (
        N_(
            "Rolling a pilot zone that works out across the region (复制推广): a one-time cost "
            "and a higher upkeep, for larger effects (and risks). It stays rolled out."
        ),
        N_("From the next year on; only a zone that already works can be rolled out."),
    ),
}


_ALL_LABELS: dict[str, str] = (
    LEVER_LABELS | DIAL_LABELS | GROUP_LABELS | SECTOR_LABELS | INDICATOR_LABELS
)

# Every vocabulary name has a label; a new name in schema.py must get one here.
assert set(LEVERS) <= set(LEVER_LABELS)
assert set(LEVER_GROUPS) <= set(GROUP_LABELS)
assert set(SECTORS) <= set(SECTOR_LABELS)
assert set(INDICATORS) <= set(INDICATOR_LABELS) and set(INDICATORS) <= set(INDICATOR_DESCRIPTIONS)
assert set(LEVERS) | set(DIALS) <= set(LEVER_HELP)


def label(name: str) -> str:
    """The translated human name of a lever, dial, group, sector or indicator.

    ``pilot:<id>`` names (as the engine's attribution uses them) become the pilot's
    label; an unknown name is returned as it is, so a new name never crashes a screen.
    """
    if name.startswith("pilot:"):
        return pilot_label(name.split(":", 1)[1])
    text = _ALL_LABELS.get(name)
    return _(text) if text is not None else name


def describe(name: str) -> str:
    """A translated description of an indicator, or of a lever or dial (its mechanism, then
    its lag); '' if there is none."""
    if name in LEVER_HELP:
        return _("{mechanism}\nLag: {lag}").format(mechanism=lever_mechanism(name),
                                                    lag=lever_lag(name))
    text = INDICATOR_DESCRIPTIONS.get(name)
    return _(text) if text is not None else ""


def lever_mechanism(name: str) -> str:
    """The translated mechanism sentence for a lever or dial."""
    return _(LEVER_HELP[name][0])


def lever_lag(name: str) -> str:
    """The translated lag sentence for a lever or dial."""
    return _(LEVER_HELP[name][1])


def has_help(name: str) -> bool:
    return name in LEVER_HELP


def pilot_label(pilot_id: str, names: dict[str, str] | None = None) -> str:
    """The translated name of a pilot zone.

    Levels name their own pilots; pass the level's ``{id: name}`` to use them. Without
    it, the id is made readable ('tech_transfer_reform' → 'tech transfer reform').
    """
    if names and pilot_id in names:
        return _(names[pilot_id])
    return _("{pilot} pilot").format(pilot=pilot_id.replace("_", " "))
