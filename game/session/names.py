"""Human names for the game's vocabulary (levers, dials, groups, sectors, indicators).

Every entry is marked with ``N_`` so that pybabel extracts it; ``label()`` and
``describe()`` translate at the moment they are called, so a language switch
takes effect on the next frame. The UI, the reports and the turn report all use
these, so a lever is called the same thing everywhere.
"""

from __future__ import annotations

from game.engine.schema import INDICATORS, LEVER_GROUPS, LEVERS, SECTORS
from game.i18n import N_, _

__all__ = [
    "LEVER_LABELS",
    "DIAL_LABELS",
    "GROUP_LABELS",
    "SECTOR_LABELS",
    "INDICATOR_LABELS",
    "INDICATOR_DESCRIPTIONS",
    "LEVER_DESCRIPTIONS",
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
    "gdp": N_("The region's total output in a year, in billions of yuan."),
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
    "tech_credit": N_("Bank loans outstanding to technology firms, in billions of yuan."),
    "private_capital": N_("Private money drawn into technology by government guidance funds."),
    "talent": N_("Researchers working in the region, in thousands."),
    "skilled_workers": N_("High-skilled workers in the region's industry, in thousands."),
    "fiscal_balance": N_("Government revenue minus spending this year; negative is a deficit."),
    "debt": N_("Public debt built up from past deficits, in billions of yuan."),
    "score": N_("Your points so far on this level's objectives."),
}

#: One line per lever: what it buys and how long it takes, for tooltips.
LEVER_DESCRIPTIONS: dict[str, str] = {
    "basic": N_(
        "Government-funded basic research. It builds the knowledge base that applied work "
        "draws on, but takes 8 to 20 years to reach industry."
    ),
    "applied": N_(
        "Key-technology projects co-funded with enterprises. Results arrive in 2 to 5 years."
    ),
    "transfer": N_(
        "Technology-transfer platforms that turn research results into products, within 1 to 3 years."
    ),
    "education": N_(
        "Universities and basic disciplines such as mathematics. Graduates arrive after 4 to 8 years."
    ),
    "attraction": N_(
        "Talent attraction and researcher incentives. Researchers arrive within 1 to 2 years."
    ),
    "skills": N_("Training for high-skilled workers, who help firms absorb new technology."),
    "risk_sharing": N_(
        "A pool that covers part of banks' losses on loans to technology firms: more lending "
        "within a year, but weaker screening."
    ),
    "guidance_fund": N_(
        "Government fund capital that draws in private investors; it pays back after 2 to 10 years."
    ),
    "credit_guidance": N_(
        "How hard the region pushes banks toward technology lending: more credit now, more risk later."
    ),
    "focus": N_("Where applied research, credit and fund money are steered, sector by sector."),
    "joint_programmes": N_(
        "Joint projects of universities, institutes and firms. They strengthen the links that "
        "carry research into firms, so more of it is taken up; firms co-fund them."
    ),
    "rd_tax_credit": N_(
        "An extra tax deduction for firms' R&D, paid from the S&T budget. Firms spend more on "
        "research, some of it basic research, over several years."
    ),
    "fund_horizon": N_(
        "How many years guidance funds live. Longer funds back earlier-stage technology and pay back later."
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
    """A translated one-line description of an indicator or lever ('' if there is none)."""
    text = INDICATOR_DESCRIPTIONS.get(name) or LEVER_DESCRIPTIONS.get(name)
    return _(text) if text is not None else ""


def pilot_label(pilot_id: str, names: dict[str, str] | None = None) -> str:
    """The translated name of a pilot zone.

    Levels name their own pilots; pass the level's ``{id: name}`` to use them. Without
    it, the id is made readable ('tech_transfer_reform' → 'tech transfer reform').
    """
    if names and pilot_id in names:
        return _(names[pilot_id])
    return _("{pilot} pilot").format(pilot=pilot_id.replace("_", " "))
