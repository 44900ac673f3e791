"""Level texts with their numbers filled in: one formatter for level texts and screens.

A level's story, briefing, objectives and advisors' lines write their numbers as
placeholders (``{threshold}``, ``{gdp_growth}``) instead of digits. The extractor takes the
text with its placeholders into the catalog; at display time the translated text is filled
by ``game.i18n.format.fill``, so the numbers follow the language ("¥17.5 tn" / "17.5万亿元")
and come from the model and the level's own fields, never from a copy that could drift:

* every indicator name: its value in the level's starting year (``{gdp_growth}``), or, in an
  advisor's line, last year's value;
* ``{tech_contract_share}`` (technology contracts / GDP) and ``{new_industry_share}``
  (emerging + digital share of output), for stories that describe the region;
* ``{budget_share}``, the S&T budget as a share of GDP, and each objective's id
  (``{no_crisis}``) for its threshold, so a briefing can quote its own rules;
* in an objective: ``{threshold}``, and ``{baseline}``, the objective's indicator with no
  new policy as the objective judges it (the final year, or the mean of its last years).

``judged_text`` writes a value an objective judges over several years as "3-year mean 4.8%".
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from game.engine.schema import INDICATOR_KIND, INDICATORS
from game.i18n import _
from game.i18n.format import fill

__all__ = ["start_values", "objective_values", "objective_text", "level_text", "live_text", "clause",
           "judged_text"]

Values = dict[str, tuple[str, float]]


def _with_derived(raw: Mapping[str, float]) -> Values:
    values: Values = {n: (INDICATOR_KIND.get(n, "number"), float(v)) for n, v in raw.items()}
    gdp = float(raw.get("gdp", 0.0))
    if gdp > 0 and "tech_contract_value" in raw:
        values["tech_contract_share"] = ("ratio", float(raw["tech_contract_value"]) / gdp)
    if "emerging_share" in raw and "digital_share" in raw:
        values["new_industry_share"] = ("ratio", float(raw["emerging_share"]) + float(raw["digital_share"]))
    return values


def _baseline_run(level):
    """The status-quo run of ``level`` (seed 0, events as the level sets them) and the years
    after it when an objective audits them (else None), computed once."""
    cache = level.__dict__.setdefault("_text_values", {})
    if "run" not in cache:
        from game.content.departure import run_with_departure
        from game.engine import Plan

        scenario = level.scenario
        cache["run"] = run_with_departure(level, Plan.repeat(scenario, scenario.baseline), 0)
    return cache["run"]


def start_values(level) -> Values:
    """Every indicator in the year before the first turn, as the model starts the level."""
    initial = np.asarray(_baseline_run(level)[0].initial[0], dtype=float)
    values = _with_derived(dict(zip(INDICATORS, initial.tolist(), strict=False)))
    if "gdp_share" in level.budget:
        values["budget_share"] = ("ratio", float(level.budget["gdp_share"]))
    for objective in level.objectives:
        values.setdefault(objective.id, (_threshold_kind(objective.indicator),
                                         float(objective.threshold)))
    return values


def _threshold_kind(indicator: str) -> str:
    """How a threshold is written: a ratio at as many decimals as it has (format.py)."""
    kind = INDICATOR_KIND.get(indicator, "number")
    return "threshold_ratio" if kind == "ratio" else kind


def level_text(level, text: str) -> str:
    """A level's story or briefing (English source text), translated and filled."""
    return fill(_(text), start_values(level)) if "{" in text else _(text)


def objective_values(level, objective) -> Values:
    """What an objective's text may quote: the start values, its threshold and baseline."""
    kind = INDICATOR_KIND.get(objective.indicator, "number")
    values = start_values(level)
    values["threshold"] = (_threshold_kind(objective.indicator), float(objective.threshold))
    if objective.indicator in INDICATORS:
        from game.content.objectives import judged_value

        run, after = _baseline_run(level)
        index = INDICATORS.index(objective.indicator)
        values["baseline"] = (kind, float(
            after[:, 0, index].mean() if objective.when == "after"
            else judged_value(level, objective, np.asarray(run.indicators[:, 0, index], dtype=float))))
    return values


def judged_text(years: int, value: str, after: bool = False) -> str:
    """A formatted value as an objective judges it: itself for one year, else the mean of
    the last `years` ("3-year mean 4.8%"), or, `after` the level, of the years after it."""
    if after:
        return _("mean of the {years} years after you leave {value}").format(years=years,
                                                                            value=value)
    if years <= 1:
        return value
    return _("{years}-year mean {value}").format(years=years, value=value)


def objective_text(level, objective) -> str:
    """An objective's text, translated, with its threshold and no-new-policy value written."""
    if "{" not in objective.text:
        return _(objective.text)
    return fill(_(objective.text), objective_values(level, objective))


def live_text(text: str, indicators: Mapping[str, float]) -> str:
    """An advisor's line, translated, quoting the indicators' latest values."""
    return fill(_(text), _with_derived(indicators)) if "{" in text else _(text)


def clause(sentence: str) -> str:
    """A sentence without its full stop, to stand before a bracket ("… 3%（必达）")."""
    return sentence.rstrip().rstrip("。.")
