"""The turn report: what changed this year, and which decisions (of which years) caused it.

The causes come from the engine's counterfactual attribution: the effect of one
decision (lever × turn) is the run minus the run with that decision reverted to
the status quo. A report is data first (``Cause``, ``IndicatorChange``) so the UI,
the debrief and tests read the same numbers; ``describe()`` renders plain
language at the moment it is called, in the current language.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from game.engine.schema import INDICATOR_INDEX, INDICATOR_KIND, INDICATORS
from game.i18n import N_, _, ngettext
from game.i18n import format as fmt
from game.session import names

if TYPE_CHECKING:
    from game.session.playthrough import Playthrough

__all__ = [
    "HEADLINE_INDICATORS",
    "Cause",
    "IndicatorChange",
    "TurnReport",
    "build_turn_report",
    "format_amount",
    "format_value",
    "stars_text",
]

#: Indicators every turn report explains; a level's objective indicators are added to these.
HEADLINE_INDICATORS: tuple[str, ...] = (
    "gdp_growth",
    "rd_intensity",
    "tech_contract_value",
    "emerging_share",
    "npl_ratio",
    "fiscal_balance",
)
#: How many causes a report lists per indicator.
TOP_CAUSES = 3

# Head counts are written with what is counted, so the sentence needs no "of".
_PEOPLE_TEMPLATES = {
    "talent": N_("{number} researchers"),
    "skilled_workers": N_("{number} skilled workers"),
}
_PEOPLE_DEFAULT = N_("{number} people")


@dataclass(frozen=True)
class Cause:
    """One lever's share of an indicator's change this turn.

    ``lever`` is a lever, ``credit_guidance``, ``focus`` or ``pilot:<id>``;
    ``amount`` is the net effect of that lever's decisions of every year so far,
    in the indicator's units (a fraction for ratios, bn yuan, thousands of
    people); ``decision_turn`` (1-based) is the decision that pushed hardest that
    way; ``by_turn`` lists each decision's own part as (turn, amount).
    """

    lever: str
    decision_turn: int
    decision_year: int
    amount: float
    indicator: str
    by_turn: tuple[tuple[int, float], ...] = ()

    def describe(self, pilot_names: dict[str, str] | None = None) -> str:
        """"+1.2 pp of GDP growth from the applied research of 2026"."""
        amount = format_amount(self.indicator, self.amount)
        if self.lever.startswith("pilot:"):
            lever = names.pilot_label(self.lever.split(":", 1)[1], pilot_names)
        else:
            lever = names.label(self.lever)
        if INDICATOR_KIND.get(self.indicator) == "people":
            return _("{amount} from the {lever} of {year}").format(
                amount=amount, lever=lever, year=self.decision_year)
        return _("{amount} of {indicator} from the {lever} of {year}").format(
            amount=amount, indicator=names.label(self.indicator), lever=lever,
            year=self.decision_year)


@dataclass(frozen=True)
class IndicatorChange:
    """An indicator's move over one turn and its largest causes.

    ``other`` is the part no listed decision explains: momentum of the economy,
    events, and the smaller decisions.
    """

    indicator: str
    before: float
    after: float
    causes: tuple[Cause, ...]

    @property
    def change(self) -> float:
        return self.after - self.before

    @property
    def other(self) -> float:
        return self.change - sum(c.amount for c in self.causes)

    def describe(self) -> str:
        """"GDP growth: 6.1% → 6.8% (+0.7 pp)"."""
        return _("{indicator}: {before} → {after} ({change})").format(
            indicator=names.label(self.indicator),
            before=format_value(self.indicator, self.before),
            after=format_value(self.indicator, self.after),
            change=format_amount(self.indicator, self.change),
        )

    def describe_other(self) -> str:
        return _("{amount} from everything else (the economy's momentum, events and "
                 "smaller decisions)").format(amount=format_amount(self.indicator, self.other))


@dataclass(frozen=True)
class TurnReport:
    """What happened in one turn (1-based) and why."""

    turn: int
    year: int
    indicators: dict[str, float]
    previous: dict[str, float]
    changes: tuple[IndicatorChange, ...]
    events: tuple[tuple[str, int], ...] = ()  # (event id, choice index) that fired this turn
    pilot_names: dict[str, str] = field(default_factory=dict)

    def change(self, indicator: str) -> IndicatorChange:
        for change in self.changes:
            if change.indicator == indicator:
                return change
        raise KeyError(indicator)

    def describe(self) -> list[str]:
        """The report as plain-language lines: each headline change, then its causes."""
        lines = [_("What changed in {year}").format(year=self.year)]
        for change in self.changes:
            lines.append(change.describe())
            lines.extend("  " + c.describe(self.pilot_names) for c in change.causes)
        return lines


def build_turn_report(play: Playthrough, turn: int) -> TurnReport:
    """The report of a played turn (1-based), from the playthrough's replay and attribution."""
    after = play.indicators(turn)
    before = play.indicators(turn - 1)
    attribution = play.attribution()
    headline = list(HEADLINE_INDICATORS)
    for objective in play.level.objectives:
        if objective.indicator not in headline and objective.indicator != "score":
            headline.append(objective.indicator)
    changes = []
    for indicator in headline:
        causes = lever_causes(play, attribution, turn, indicator)
        changes.append(IndicatorChange(indicator, before[indicator], after[indicator], causes))
    return TurnReport(
        turn=turn,
        year=play.year_of(turn),
        indicators=after,
        previous=before,
        changes=tuple(changes),
        events=tuple(play.fired_events(turn)),
        pilot_names={pilot.id: pilot.title for pilot in play.level.pilots},
    )


def lever_causes(play: Playthrough, attribution, turn: int, indicator: str,
                 top: int = TOP_CAUSES) -> tuple[Cause, ...]:
    """The levers that moved ``indicator`` most over a 1-based turn, strongest first.

    Each lever's decisions of all years are netted first: holding a policy steady
    makes this year's decision replace last year's, and listing both ("+0.7 pp from
    2030, −0.7 pp from 2029") would explain nothing. The year named is the decision
    that pushed hardest in the net direction.
    """
    t = turn - 1
    i = INDICATOR_INDEX[indicator]
    now = attribution.effect[:, : t + 1, t, i]
    before = attribution.effect[:, : t + 1, t - 1, i] if t > 0 else np.zeros_like(now)
    change = now - before  # (decision kinds, decision turns)
    net = change.sum(axis=1)
    causes = []
    for kind in np.argsort(-np.abs(net), kind="stable")[:top]:
        amount = float(net[kind])
        if abs(amount) < _negligible(indicator):
            break
        strongest = int(np.argmax(change[kind] * np.sign(amount)))
        by_turn = tuple((d + 1, float(change[kind, d])) for d in range(t + 1)
                        if abs(change[kind, d]) >= _negligible(indicator))
        causes.append(Cause(
            lever=attribution.levers[kind],
            decision_turn=strongest + 1,
            decision_year=play.year_of(strongest + 1),
            amount=amount,
            indicator=indicator,
            by_turn=by_turn,
        ))
    return tuple(causes)


def _negligible(indicator: str) -> float:
    """Causes smaller than this would print as zero, so the report leaves them out."""
    kind = INDICATOR_KIND.get(indicator)
    if kind == "ratio":
        return 0.0005  # 0.05 pp
    if kind == "people":
        return 0.05  # 50 people
    return 0.05  # bn yuan or points


def stars_text(count: int) -> str:
    """"2 stars" / "1 star", translated."""
    return ngettext("{count} star", "{count} stars", count).format(count=count)


def format_value(indicator: str, value: float) -> str:
    """An indicator's level, formatted for the current language."""
    kind = INDICATOR_KIND.get(indicator)
    if kind == "ratio":
        # Small ratios (bad loans, R&D intensity) are read to two decimals: 1.55%, 0.95%.
        return fmt.percent(value, digits=2 if abs(value) < 0.05 else 1)
    if kind == "money":
        return fmt.money(value)
    if kind == "people":
        return fmt.people(value, template=_PEOPLE_TEMPLATES.get(indicator, _PEOPLE_DEFAULT))
    return fmt.number(value)


def format_amount(indicator: str, amount: float) -> str:
    """A change of an indicator, signed: "+1.2 pp", "+¥3 bn", "+1,200 researchers"."""
    kind = INDICATOR_KIND.get(indicator)
    if kind == "ratio":
        return fmt.pp(amount, digits=2 if abs(amount) < 0.001 else 1)
    if kind == "money":
        return fmt.money(amount, signed=True)
    if kind == "people":
        return fmt.people(amount, template=_PEOPLE_TEMPLATES.get(indicator, _PEOPLE_DEFAULT),
                          signed=True)
    return fmt.number(amount, signed=True)


assert set(INDICATOR_KIND) == set(INDICATORS)
