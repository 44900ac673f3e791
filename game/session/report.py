"""The turn report: where each headline indicator stands against "no new policy", and why.

Each indicator leads with the comparison ("GDP growth 5.1% — without your policies 4.7%"),
then the causes of the gap, largest first. The causes come from the engine's attribution
(``game.engine.attribution``): the parts of ``actual − no new policy`` by whole decision
kind (a budget lever over all its years, a dial, a pilot) and by event; they add up to the
gap exactly, so nothing is left over but the smaller causes. A report is data first
(``Cause``, ``IndicatorChange``) so the UI, the debrief, result files and tests read the same
numbers; ``describe()`` renders plain language in the current language when called.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

import numpy as np

from game.content.objectives import holds
from game.engine.schema import INDICATOR_INDEX, INDICATOR_KIND, INDICATORS
from game.i18n import N_, _, ngettext
from game.i18n import format as fmt
from game.session import names

if TYPE_CHECKING:
    from game.engine.attribution import Attribution
    from game.session.playthrough import Playthrough

__all__ = [
    "HEADLINE_INDICATORS",
    "Cause",
    "IndicatorChange",
    "TurnReport",
    "build_turn_report",
    "prepare",
    "causes_at",
    "explanation_record",
    "format_amount",
    "format_against",
    "format_value",
    "format_ticks",
    "digits_of",
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
#: Ratios read to two decimals everywhere (cards, reports, charts): they are small.
_TWO_DECIMALS = frozenset({"rd_intensity", "npl_ratio", "loans_at_risk"})
#: Indicators a loose inherited credit policy drives (named as the cause when it does).
_CREDIT_INDICATORS = frozenset({"npl_ratio", "loans_at_risk", "tech_credit"})
#: Credit guidance from which an inherited policy counts as a credit push of its own.
LOOSE_CREDIT = 0.5
#: A year "dominates" a decision kind when it holds this share of its departure.
_DOMINANT = 0.6

# Head counts are written with what is counted, so the sentence needs no "of".
_PEOPLE_TEMPLATES = {
    "talent": N_("{number} researchers"),
    "skilled_workers": N_("{number} skilled workers"),
}
_PEOPLE_DEFAULT = N_("{number} people")

# What a decision kind was, by which way it departed from no new policy.
_LEVER_SUBJECT = {1: N_("more {lever} in {years}"), -1: N_("less {lever} in {years}")}
_DIAL_SUBJECT = {
    "credit_guidance": {1: N_("the credit push of {years}"), -1: N_("the credit restraint of {years}")},
    "fund_horizon": {1: N_("the longer fund life of {years}"), -1: N_("the shorter fund life of {years}")},
    "focus": {1: N_("the shift of focus toward {sector} in {years}"),
              -1: N_("the shift of focus toward {sector} in {years}")},
}
_GENERIC_DIAL = N_("the {dial} of {years}")
# The sentence, by whether the indicator is a ratio and which way the part goes.
_SENTENCES = {
    ("ratio", 1): N_("{subject} raised {indicator} by {amount}"),
    ("ratio", -1): N_("{subject} lowered {indicator} by {amount}"),
    ("quantity", 1): N_("{subject} added {amount} to {indicator}"),
    ("quantity", -1): N_("{subject} took {amount} off {indicator}"),
}


def years_text(years: tuple[int, ...]) -> str:
    """"2027" or "2025–2030" (Chinese: the template adds 年)."""
    if not years:
        return ""
    if years[0] == years[-1]:
        return str(years[0])
    return _("{first}–{last}").format(first=years[0], last=years[-1])


@dataclass(frozen=True)
class Cause:
    """One cause's part of the gap between the run and no new policy, at one turn.

    ``cause`` is ``lever:<name>``, a dial (``credit_guidance``, ``focus``, ``fund_horizon``),
    ``pilot:<id>`` or ``event:<id>``; ``amount`` is its part in the indicator's units (a
    fraction for ratios, bn yuan, thousands of people). ``years`` are the calendar years of
    the decisions it comes from (an event: the year it struck), ``lead_year`` the one year
    that dominates them (or None), ``direction`` +1/−1 whether the decisions were above or
    below no new policy, ``by_year`` the part split over those years.
    """

    cause: str
    amount: float
    indicator: str
    years: tuple[int, ...] = ()
    lead_year: int | None = None
    direction: int = 1
    by_year: tuple[tuple[int, float], ...] = ()
    scaled_year: int | None = None
    #: For the sector focus: the sector it leaned toward most, against no new policy.
    toward: str = ""

    @property
    def lever(self) -> str:
        """The bare name: 'transfer' for 'lever:transfer'; other causes unchanged."""
        return self.cause.split(":", 1)[1] if self.cause.startswith("lever:") else self.cause

    @property
    def is_event(self) -> bool:
        return self.cause.startswith("event:")

    def when(self) -> str:
        return str(self.lead_year) if self.lead_year is not None else years_text(self.years)

    def subject(self, titles: dict[str, str] | None = None) -> str:
        """"the credit push of 2025–2030", "more technology transfer in 2029", …"""
        titles = titles or {}
        when = self.when()
        kind, _sep, name = self.cause.partition(":")
        if kind == "lever":
            return _(_LEVER_SUBJECT[self.direction]).format(lever=names.label(name), years=when)
        if kind == "pilot":
            pilot = names.pilot_label(name, {name: titles[self.cause]} if self.cause in titles else None)
            first = self.years[0] if self.years else when
            if self.scaled_year is not None:
                return _("the {pilot} opened in {year} and scaled up in {scaled}").format(
                    pilot=pilot, year=first, scaled=self.scaled_year)
            return _("the {pilot} opened in {year}").format(pilot=pilot, year=first)
        if kind == "event":
            title = _(titles[self.cause]) if self.cause in titles else name.replace("_", " ")
            return _('the event "{event}" ({years}), meeting your policies,').format(
                event=title, years=when)
        if self.cause == "other":
            return _("interactions between your decisions and events")
        templates = _DIAL_SUBJECT.get(self.cause)
        if templates is not None:
            return _(templates[self.direction]).format(years=when, sector=names.label(self.toward))
        return _(_GENERIC_DIAL).format(dial=names.label(self.cause), years=when)

    def describe(self, titles: dict[str, str] | None = None) -> str:
        """"The credit push of 2025–2030 raised the bad-loan ratio by 1.3 pp"."""
        kind = "ratio" if INDICATOR_KIND.get(self.indicator) == "ratio" else "quantity"
        sign = 1 if self.amount >= 0 else -1
        text = _(_SENTENCES[(kind, sign)]).format(
            subject=self.subject(titles), indicator=names.label(self.indicator),
            # the sentence names the indicator: "added 36,568 people to skilled workers"
            amount=format_amount(self.indicator, abs(self.amount), signed=False, named=False))
        return _capitalised(text)


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


@dataclass(frozen=True)
class IndicatorChange:
    """Where one indicator stands after a turn, against no new policy, and why.

    ``causes`` are the largest parts of ``after − no_new_policy``, largest first; ``rest`` is
    the sum of the smaller ones, so ``sum(causes) + rest`` is the gap exactly. ``band`` is the
    indicator's normal year-to-year variation with no new policy.
    """

    indicator: str
    before: float
    after: float
    causes: tuple[Cause, ...]
    no_new_policy: float = math.nan
    rest: float = 0.0
    band: float = 0.0
    #: The indicator in the year before the first turn (the same in both runs).
    start: float = math.nan
    #: Whether the inherited credit policy is loose enough to name as a cause.
    loose_credit: bool = False
    #: The level's objectives on this indicator, as (comparison, threshold).
    targets: tuple[tuple[str, float], ...] = ()
    #: Events whose effect on this indicator changed since last year by more than normal
    #: variation (one striking or wearing off): (title, year it struck, change of its effect).
    event_moves: tuple[tuple[str, int, float], ...] = ()
    #: The calendar year of this turn (to tell an event of this year from an earlier one).
    year: int = 0

    @property
    def change(self) -> float:
        return self.after - self.before

    @property
    def gap(self) -> float:
        return self.after - self.no_new_policy

    @property
    def other(self) -> float:
        """The part of the gap no listed cause explains (the smaller causes together)."""
        return self.rest

    def within_noise(self) -> bool:
        return abs(self.change) <= self.band

    def describe(self) -> str:
        """"GDP growth 5.1% — without your policies 4.7%"."""
        if not math.isfinite(self.no_new_policy):
            return _("{indicator} {value}").format(
                indicator=names.label(self.indicator), value=format_value(self.indicator, self.after))
        return _capitalised(_("{indicator} {value} — without your policies {baseline}").format(
            indicator=names.label(self.indicator),
            value=format_against(self.indicator, self.after, self.targets, named=False),
            baseline=format_value(self.indicator, self.no_new_policy, named=False)))

    def describe_change(self) -> str:
        """"Since last year: −0.3 pp, within normal year-to-year variation (±0.6 pp)"."""
        change = format_amount(self.indicator, self.change, like=self.after)
        if self.band > 0 and self.within_noise():
            return _("Since last year: {change}, within normal year-to-year variation "
                     "(±{band}).").format(change=change, band=format_amount(
                         self.indicator, self.band, signed=False, like=self.after))
        text = _("Since last year: {change}.").format(change=change)
        # A year-on-year swing that no policy explains is often an event striking or wearing
        # off (a one-year demand shock, then the rebound): name the largest, with its size,
        # when it makes most of the change (half to one and a half times it, the same way).
        for title, year, amount in self.event_moves[:1]:
            if amount * self.change <= 0 or not 0.5 <= amount / self.change <= 1.5:
                continue
            values = {"amount": format_amount(self.indicator, amount, like=self.after),
                      "event": _(title), "year": year}
            text += "" if text.endswith("。") else " "  # Chinese sentences join without a space
            if year == self.year:
                text += _('Of this, {amount} comes from the event "{event}", which struck '
                        'this year.').format(**values)
            else:
                text += _('Of this, {amount} comes from the event "{event}" of {year} '
                        'wearing off.').format(**values)
        return text

    def inherited_moved(self) -> bool:
        """Whether a loose inherited credit policy moved a credit indicator by itself (more
        than noise and more than your policies did): then it is the cause to name."""
        if not (self.loose_credit and self.indicator in _CREDIT_INDICATORS):
            return False
        moved = abs(self.no_new_policy - self.start)
        return math.isfinite(moved) and moved > max(self.band, abs(self.gap))

    def describe_inherited(self, start_year: int) -> str:
        """"Without your policies it would have gone from 1.5% (2024) to 3.1%: the credit
        policy you inherited." — the part of the story no decision of yours explains."""
        values = {"start": format_value(self.indicator, self.start), "year": start_year,
                  "value": format_value(self.indicator, self.no_new_policy)}
        return _("Without your policies it would have gone from {start} ({year}) to {value}: "
                 "the credit policy you inherited.").format(**values)

    def describe_other(self) -> str:
        return _("Smaller causes together: {amount}").format(
            amount=format_amount(self.indicator, self.rest))

    def rest_shown(self) -> bool:
        return not negligible(self.indicator, self.rest)

    def describe_none(self) -> str:
        return _("Your policies have not moved this away from no new policy.")

    def gap_shown(self) -> bool:
        """Whether the gap to no new policy is large enough to print as non-zero."""
        return not negligible(self.indicator, self.gap)


@dataclass(frozen=True)
class TurnReport:
    """What happened in one turn (1-based) and why."""

    turn: int
    year: int
    indicators: dict[str, float]
    previous: dict[str, float]
    changes: tuple[IndicatorChange, ...]
    events: tuple[tuple[str, int], ...] = ()  # (event id, choice index) that fired this turn
    #: Level titles by cause ("pilot:<id>", "event:<id>"), English source, translated when shown.
    titles: dict[str, str] = field(default_factory=dict)
    #: Each event of this year: its effect on your region, per headline indicator.
    event_sizes: dict[str, dict[str, float]] = field(default_factory=dict)

    @property
    def pilot_names(self) -> dict[str, str]:
        return self.titles

    def change(self, indicator: str) -> IndicatorChange:
        for change in self.changes:
            if change.indicator == indicator:
                return change
        raise KeyError(indicator)

    def describe(self) -> list[str]:
        """The report as plain-language lines: each comparison, then its causes."""
        lines = [_("What changed in {year}").format(year=self.year)]
        for change in self.changes:
            lines.append(change.describe())
            lines.append("  " + change.describe_change())
            if change.inherited_moved():
                lines.append("  " + change.describe_inherited(self.year - self.turn))
            lines.extend("  " + c.describe(self.titles) for c in change.causes)
            if change.rest_shown():
                lines.append("  " + change.describe_other())
        return lines


def prepare(play: Playthrough) -> None:
    """Compute what every report of this level shares (the noise band, once per level), so
    that ending the first turn does not pay for it."""
    from game.engine.attribution import noise_band

    noise_band(play.scenario)


def headline_of(play: Playthrough) -> list[str]:
    headline = list(HEADLINE_INDICATORS)
    for objective in play.level.objectives:
        if objective.indicator not in headline and objective.indicator != "score":
            headline.append(objective.indicator)
    return headline


def level_titles(level) -> dict[str, str]:
    titles = {f"pilot:{p.id}": p.title for p in level.pilots}
    titles.update({f"event:{e.id}": e.title for e in level.events})
    return titles


def build_turn_report(play: Playthrough, turn: int) -> TurnReport:
    """The report of a played turn (1-based), from the playthrough's replay and attribution."""
    from game.engine.attribution import noise_band

    after = play.indicators(turn)
    before = play.indicators(turn - 1)
    attribution = play.attribution()
    band = noise_band(play.scenario)
    changes = []
    for indicator in headline_of(play):
        causes = causes_at(play, attribution, turn, indicator)
        i = INDICATOR_INDEX[indicator]
        base = float(attribution.no_new_policy.indicators[turn - 1, 0, i])
        rest = float(after[indicator] - base - sum(c.amount for c in causes))
        changes.append(IndicatorChange(
            indicator, before[indicator], after[indicator], causes, no_new_policy=base,
            rest=rest, band=float(band[i]), start=play.indicators(0)[indicator],
            loose_credit=play.scenario.baseline.credit_guidance >= LOOSE_CREDIT,
            targets=tuple((o.comparison, float(o.threshold)) for o in play.level.objectives
                          if o.indicator == indicator)))
    moves = _event_moves(play, attribution, turn, band)
    changes = [replace(c, event_moves=moves.get(c.indicator, ()), year=play.year_of(turn))
               for c in changes]
    fired = [event_id for event_id, _choice in play.fired_events(turn)]
    sizes = {event_id: _event_size(attribution, event_id, turn, headline_of(play)) for event_id in fired}
    return TurnReport(
        turn=turn,
        year=play.year_of(turn),
        indicators=after,
        previous=before,
        changes=tuple(changes),
        events=tuple(play.fired_events(turn)),
        titles=level_titles(play.level),
        event_sizes=sizes,
    )


def _event_moves(play: Playthrough, attribution: Attribution, turn: int,
                 band: np.ndarray) -> dict[str, tuple[tuple[str, int, float], ...]]:
    """Per indicator: the events (fired this turn or before) whose effect on your region
    changed since last year by more than the indicator's normal variation."""
    titles = level_titles(play.level)
    struck = {}
    for t in range(1, turn + 1):
        for event_id, _choice in play.fired_events(t):
            struck.setdefault(event_id, play.year_of(t))
    moves: dict[str, list[tuple[str, int, float]]] = {}
    for event_id, year in struck.items():
        cause = f"event:{event_id}"
        if cause not in attribution.causes:
            continue
        c = attribution.causes.index(cause)
        for indicator in headline_of(play):
            i = INDICATOR_INDEX[indicator]
            now = float(attribution.event_size[c, turn - 1, i])
            before = float(attribution.event_size[c, turn - 2, i]) if turn >= 2 else 0.0
            delta = now - before
            if abs(delta) > band[i] and not negligible(indicator, delta):
                moves.setdefault(indicator, []).append((titles.get(cause, event_id), year, delta))
    return {k: tuple(sorted(v, key=lambda m: -abs(m[2]))) for k, v in moves.items()}


def _event_size(attribution: Attribution, event_id: str, turn: int, indicators) -> dict[str, float]:
    cause = f"event:{event_id}"
    if cause not in attribution.causes:
        return {}
    c = attribution.causes.index(cause)
    return {ind: float(attribution.event_size[c, turn - 1, INDICATOR_INDEX[ind]]) for ind in indicators}


def causes_at(play: Playthrough, attribution: Attribution, turn: int, indicator: str,
              top: int = TOP_CAUSES) -> tuple[Cause, ...]:
    """The largest causes of the gap to no new policy at a 1-based turn, largest first."""
    t = turn - 1
    causes = []
    for cause, amount in attribution.ranked(t, indicator)[:top]:
        if negligible(indicator, amount):
            break
        causes.append(_cause(play, attribution, cause, t, indicator, amount))
    return tuple(causes)


def _cause(play: Playthrough, attribution: Attribution, cause: str, t: int, indicator: str,
           amount: float) -> Cause:
    split = attribution.by_year(cause, t, indicator)
    years = tuple(play.year_of(d + 1) for d, _part in split)
    lead = None
    weights = attribution.departure[attribution.causes.index(cause), : t + 1]
    if weights.sum() > 0 and weights.max() >= _DOMINANT * weights.sum():
        lead = play.year_of(int(np.argmax(weights)) + 1)
    return Cause(cause=cause, amount=amount, indicator=indicator, years=years, lead_year=lead,
                 direction=_direction(play, cause, t),
                 by_year=tuple((play.year_of(d + 1), part) for d, part in split),
                 scaled_year=_scaled_year(play, cause, t), toward=_toward(play, cause, t))


def _direction(play: Playthrough, cause: str, t: int) -> int:
    """+1 when the decisions of this kind were above no new policy on the whole, else −1."""
    base = play.scenario.baseline
    log = play.log[: t + 1]
    if cause.startswith("lever:"):
        lever = cause.split(":", 1)[1]
        diff = sum(d.shares.get(lever, 0.0) - base.shares.get(lever, 0.0) for d in log)
    elif cause in ("credit_guidance", "fund_horizon"):
        diff = sum(float(getattr(d, cause)) - float(getattr(base, cause)) for d in log)
    else:
        return 1
    return 1 if diff >= 0 else -1


def _toward(play: Playthrough, cause: str, t: int) -> str:
    """The sector the focus leaned toward most on average, against no new policy."""
    if cause != "focus":
        return ""
    base = play.scenario.baseline.focus
    lean = {s: sum(_share(d.focus, s) - _share(base, s) for d in play.log[: t + 1]) for s in base}
    return max(lean, key=lambda s: lean[s])


def _share(focus, sector: str) -> float:
    total = sum(focus.values()) or 1.0
    return focus.get(sector, 0.0) / total


def _scaled_year(play: Playthrough, cause: str, t: int) -> int | None:
    if not cause.startswith("pilot:"):
        return None
    pilot = cause.split(":", 1)[1]
    for k, decision in enumerate(play.log[: t + 1]):
        if pilot in getattr(decision, "scale_up", ()):
            return play.year_of(k + 1)
    return None


def explanation_record(play: Playthrough, turn: int) -> dict[str, dict]:
    """The explanation of a 1-based turn for result files: per headline indicator
    ``{"actual", "no_new_policy", "parts": [{"cause", "amount"}, ...]}``; the parts add up
    to actual − no_new_policy (every cause, largest first, none left out)."""
    attribution = play.attribution()
    t = turn - 1
    record = {}
    for indicator in headline_of(play):
        i = INDICATOR_INDEX[indicator]
        record[indicator] = {
            "actual": float(attribution.actual.indicators[t, 0, i]),
            "no_new_policy": float(attribution.no_new_policy.indicators[t, 0, i]),
            "parts": [{"cause": cause, "amount": amount}
                      for cause, amount in attribution.ranked(t, indicator)],
        }
    return record


def negligible(indicator: str, amount: float) -> bool:
    """A part that would print as zero at the indicator's precision is left out."""
    kind = INDICATOR_KIND.get(indicator)
    if kind == "ratio":
        return abs(amount) < 0.5 * 10 ** -(digits_of(indicator) + 2)
    if kind == "people":
        return abs(amount) < 0.05  # 50 people
    return abs(amount) < 0.05  # bn yuan or points


def stars_text(count: int) -> str:
    """"2 stars" / "1 star", translated."""
    return ngettext("{count} star", "{count} stars", count).format(count=count)


def digits_of(indicator: str) -> int:
    """The one precision an indicator is shown with everywhere (decimals of %, or of a number)."""
    kind = INDICATOR_KIND.get(indicator)
    if kind == "ratio":
        return 2 if indicator in _TWO_DECIMALS else 1
    return 1


def format_value(indicator: str, value: float, target: tuple[str, float] | None = None,
                 digits: int | None = None, named: bool = True) -> str:
    """An indicator's level, formatted for the current language at its one precision.

    ``target`` is an objective's (comparison, threshold): a value that misses it is shown
    with as many more decimals as it takes not to look as if it met it (5.99% against
    "≥ 6%" shows "5.99%", never "6.0%"), and one that meets it not to look as if it missed
    it (4.413% against "≥ 4.41%" shows "4.41%", not "4.4%"). ``named=False`` writes a head
    count as "people" where the indicator's name already stands beside it.
    """
    digits = digits_of(indicator) if digits is None else digits
    if target is not None and math.isfinite(value):
        digits = _digits_against(indicator, value, target, digits)
    kind = INDICATOR_KIND.get(indicator)
    if kind == "ratio":
        return fmt.percent(value, digits=digits, fixed=True)
    if kind == "money":
        return fmt.money(value, digits=digits)
    if kind == "people":
        template = _PEOPLE_TEMPLATES.get(indicator, _PEOPLE_DEFAULT) if named else _PEOPLE_DEFAULT
        return fmt.people(value, template=template)
    return fmt.number(value, digits=digits)


def format_against(indicator: str, value: float, targets, named: bool = True) -> str:
    """``format_value`` with enough decimals that no target it misses looks met."""
    digits = max([digits_of(indicator)] + [_digits_against(indicator, value, t, digits_of(indicator))
                                            for t in targets if math.isfinite(value)])
    return format_value(indicator, value, digits=digits, named=named)


def _digits_against(indicator: str, value: float, target: tuple[str, float], digits: int) -> int:
    comparison, threshold = target
    met = bool(holds(value, comparison, threshold))
    scale = 100.0 if INDICATOR_KIND.get(indicator) == "ratio" else 1.0
    for extra in range(4):
        shown = round(value * scale, digits + extra) / scale
        if bool(holds(shown, comparison, threshold)) == met and (
                met or not math.isclose(shown, threshold)):
            return digits + extra
    return digits + 4


def format_ticks(indicator: str, ticks) -> list[str]:
    """Axis labels for a chart: the indicator's precision, more only where two would repeat."""
    base = digits_of(indicator)
    for extra in range(4):
        labels = [format_value(indicator, float(t), digits=base + extra) for t in ticks]
        if len(set(labels)) == len(labels):
            return labels
    return labels


def format_amount(indicator: str, amount: float, signed: bool = True,
                  like: float | None = None, named: bool = True) -> str:
    """A change of an indicator: "+1.2 pp", "+¥3 bn", "+1,200 researchers" (unsigned if asked).

    ``like`` is the level the change stands beside: money is then written in its unit (one unit
    per line: "¥4.1 bn … +¥0.05 bn", "40.5亿元 … +0.5亿元"). ``named=False`` writes people as
    "people" where the sentence already names the indicator.
    """
    kind = INDICATOR_KIND.get(indicator)
    if kind == "ratio":
        text = fmt.pp(amount, digits=digits_of(indicator))
        return text if signed else text.lstrip("+-")
    if kind == "money":
        return fmt.money(amount, signed=signed, like=like)
    if kind == "people":
        template = _PEOPLE_TEMPLATES.get(indicator, _PEOPLE_DEFAULT) if named else _PEOPLE_DEFAULT
        return fmt.people(amount, template=template, signed=signed, like=like)
    return fmt.number(amount, signed=signed)


assert set(INDICATOR_KIND) == set(INDICATORS)
