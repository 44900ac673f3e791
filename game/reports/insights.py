"""Observations about one run, read from its numbers: the part of the debrief written for
this player's run rather than for the level.

Each observation compares the run with the "no new policy" baseline or reads the loop's
flows; none computes economics of its own. Sentences are made in the current language.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from game.content.departure import AFTER_YEARS, successor_plan
from game.engine.schema import INDICATOR_INDEX, LEVER_GROUPS, LEVER_INDEX
from game.i18n import N_, _, ngettext
from game.i18n.format import percent
from game.session.names import GROUP_LABELS, label
from game.session.report import format_value

__all__ = ["weak_links", "empty_links", "WEAK_SHARE", "EMPTY_FLOW", "LINK_NAMES", "run_insights"]

#: A link of the loop carrying less than this share of the strongest link is weak.
WEAK_SHARE = 0.35
#: Below this flow (bn yuan) a link carries no money worth the name: it would show as ¥0.
EMPTY_FLOW = 0.05
#: What flows along each link, in the order of ``RunResult.flows``.
LINK_NAMES = (
    N_("achievements transferred"),
    N_("profits and loans"),
    N_("money for research"),
)
#: A rise of the bad-loan ratio above its start worth pointing out (half a percentage point).
NPL_RISE_WORTH_NOTING = 0.005


def empty_links(flows: Sequence[float]) -> list[int]:
    """Indices of the links that carry no money this year (less than shows as ¥0.1 bn)."""
    return [i for i, f in enumerate(flows) if not float(f) >= EMPTY_FLOW]


def weak_links(flows: Sequence[float]) -> list[int]:
    """Indices of the links that carry money, but less than WEAK_SHARE of the strongest one."""
    values = [float(f) for f in flows]
    strongest = max(values, default=0.0)
    empty = set(empty_links(values))
    if strongest < EMPTY_FLOW:
        return []
    return [i for i, f in enumerate(values) if i not in empty and f < WEAK_SHARE * strongest]


def run_insights(play) -> list[str]:
    """Plain-language observations about the turns played so far (none before the first)."""
    if not play.log:
        return []
    result = play.result()
    baseline = play.baseline_result()
    played = len(play.log)
    last_year = play.year_of(played)
    lines: list[str] = []
    for indicator in dict.fromkeys(o.indicator for o in play.level.objectives):
        if indicator == "score":
            continue
        i = INDICATOR_INDEX[indicator]
        mine = float(result.indicators[played - 1, 0, i])
        base = float(baseline.indicators[played - 1, 0, i])
        lines.append(_("In {year}: {indicator} {value} — without your policies {baseline}.").format(
            # the line names the indicator: "skilled workers 290,083 people", not "… skilled workers"
            year=last_year, indicator=label(indicator),
            value=format_value(indicator, mine, named=False),
            baseline=format_value(indicator, base, named=False)))
    lines.append(_budget_split(result.shares[:played, 0, :], baseline.shares[:played, 0, :]))
    lines.append(_weakest_link(result.flows[:played, 0, :]))
    npl = result.indicators[:played, 0, INDICATOR_INDEX["npl_ratio"]]
    start = float(result.initial[0, INDICATOR_INDEX["npl_ratio"]])
    peak = int(np.argmax(npl))
    if float(npl[peak]) - start >= NPL_RISE_WORTH_NOTING:
        lines.append(_("Bad loans peaked at {value} in {year}, up from {start}: credit ran "
                       "ahead of the technology it was meant to fund.").format(
            value=format_value("npl_ratio", float(npl[peak])), year=play.year_of(peak + 1),
            start=format_value("npl_ratio", start)))
    if play.finished:
        lines.append(_after_you_leave(play))
    return lines


#: A GDP difference below this reads "about the same": one decimal of a percentage shows it as 0.0%.
ABOUT_THE_SAME = 0.0005


def _after_you_leave(play) -> str:
    """GDP five years after the level if the successor returns to the status quo, against no
    new policy all along: what a credit push or a cut in research leaves behind shows here,
    after the level's own years (the same draws: a run's first years do not depend on its length)."""
    from dataclasses import replace

    from game.engine import Plan, simulate

    scenario = play.scenario
    turns = len(play.log) + AFTER_YEARS
    longer = replace(scenario, turns=turns)
    mine = successor_plan(scenario, play.plan(), AFTER_YEARS)
    gdp = simulate(longer, Plan.stack([mine, Plan.repeat(longer, scenario.baseline)]),
                   play.seed).final("gdp")
    change = float(gdp[0] / gdp[1] - 1.0)
    values = {"year": play.year_of(turns), "value": format_value("gdp", float(gdp[0])),
              "change": percent(abs(change), 1)}
    if change >= ABOUT_THE_SAME:
        return _("After you leave: if your successor returns to the status quo, GDP in {year} is "
                 "{value}, {change} more than no new policy would have left.").format(**values)
    if change <= -ABOUT_THE_SAME:
        return _("After you leave: if your successor returns to the status quo, GDP in {year} is "
                 "{value}, {change} less than no new policy would have left: the cost of what "
                 "you did arrives after you have gone.").format(**values)
    return _("After you leave: if your successor returns to the status quo, GDP in {year} is "
             "{value}, about what no new policy would have left.").format(**values)


def _group_means(shares: np.ndarray) -> dict[str, float]:
    return {group: float(shares[:, [LEVER_INDEX[lever] for lever in levers]].sum(axis=1).mean())
            for group, levers in LEVER_GROUPS.items()}


def _budget_split(mine: np.ndarray, status_quo: np.ndarray) -> str:
    you, base = _group_means(mine), _group_means(status_quo)
    return _("On average you gave {research} of the budget to {research_name}, {talent} to "
             "{talent_name} and {finance} to {finance_name}; the status quo gives {research0}, "
             "{talent0} and {finance0}.").format(
        research=percent(you["research"], 0), talent=percent(you["talent"], 0),
        finance=percent(you["finance"], 0), research0=percent(base["research"], 0),
        talent0=percent(base["talent"], 0), finance0=percent(base["finance"], 0),
        research_name=_(GROUP_LABELS["research"]), talent_name=_(GROUP_LABELS["talent"]),
        finance_name=_(GROUP_LABELS["finance"]))


def _weakest_link(flows: np.ndarray) -> str:
    counts = [0, 0, 0]
    for year in flows:
        for i in weak_links(year) + empty_links(year):
            counts[i] += 1
    years = len(flows)
    worst = int(np.argmax(counts))
    if counts[worst] == 0:
        return _("No link of the loop was weak in any year: research, industry and finance fed "
                 "each other.")
    return ngettext(
        "The weakest link of the loop was “{link}”, weak in {count} of {years} year.",
        "The weakest link of the loop was “{link}”, weak in {count} of {years} years.",
        years,
    ).format(link=_(LINK_NAMES[worst]), count=counts[worst], years=years)
