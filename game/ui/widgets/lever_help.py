"""What each lever does and how long it takes: the text of the turn screen's tooltips.

These sentences teach the model (docs/model.md): each names the mechanism the
engine really runs and the lag the player should expect. They are marked with
``N_`` here and translated with ``_`` when a tooltip is shown.
"""

from __future__ import annotations

from game.i18n import N_, _

#: lever or dial name -> (mechanism, lag)
_HELP: dict[str, tuple[str, str]] = {
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
}


def lever_mechanism(name: str) -> str:
    """The translated mechanism sentence for a lever or dial."""
    return _(_HELP[name][0])


def lever_lag(name: str) -> str:
    """The translated lag sentence for a lever or dial."""
    return _(_HELP[name][1])


def has_help(name: str) -> bool:
    return name in _HELP
