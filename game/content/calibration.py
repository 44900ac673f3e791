"""The calibration run: China's 2012 starting values and policy path against its 2012–2024 figures.

`calibration.yaml` holds the run (starting values, China's S&T policy path by
year, the documented COVID shocks) and the targets with their sources and
tolerances. `calibration_rows()` runs it once and returns one row per target:
each 2023 figure, the rise of the S&T contribution, and GDP growth every year.
`virtuous-circle calibrate [--json]` prints them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np
import yaml

from game.content.params import default_params
from game.engine import INDICATOR_INDEX, LEVERS, Plan, RunResult, Scenario, TurnDecision, simulate
from game.engine.scenario import EventSpec
from game.engine.schema import SHOCKS

__all__ = ["CalibrationRow", "calibration_rows", "calibration_scenario", "calibration_plan",
           "calibration_run", "spec"]


@dataclass(frozen=True)
class CalibrationRow:
    indicator: str
    year: int
    china: float
    model: float
    low: float
    high: float
    source: str
    tolerance: str    # how the band was set: "±15%", "±1.5 pp", "> 0"

    @property
    def inside(self) -> bool:
        return bool(self.low <= self.model <= self.high)

    def as_dict(self) -> dict:
        return {"indicator": self.indicator, "year": self.year, "china": self.china,
                "model": self.model, "low": self.low,
                "high": None if math.isinf(self.high) else self.high,
                "tolerance": self.tolerance, "inside": self.inside, "source": self.source}


@cache
def spec() -> dict:
    text = resources.files("game.content").joinpath("calibration.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


def _shock_events(start_year: int) -> tuple[EventSpec, ...]:
    events = []
    for k, shock in enumerate(spec()["shocks"]):
        unknown = set(shock["effects"]) - set(SHOCKS)
        if unknown:
            raise KeyError(f"calibration.yaml: unknown shock '{sorted(unknown)[0]}'")
        events.append(EventSpec(id=f"shock_{shock['year']}_{k}", turn=shock["year"] - start_year,
                                probability=0.0, condition=None, choices=(dict(shock["effects"]),),
                                duration=int(shock.get("duration", 1))))
    return tuple(events)


def _decision(anchor: dict) -> TurnDecision:
    unknown = set(anchor["shares"]) - set(LEVERS)
    if unknown:
        raise KeyError(f"calibration.yaml: unknown lever '{sorted(unknown)[0]}'")
    extra = {k: v for k, v in anchor.items() if k not in ("shares", "credit_guidance", "focus")}
    return TurnDecision(shares=dict(anchor["shares"]), credit_guidance=anchor["credit_guidance"],
                        focus=dict(anchor["focus"]), **extra)


def calibration_scenario(**param_overrides: float) -> Scenario:
    """The calibration region; parameter overrides switch mechanisms off in the tests."""
    data = spec()
    params = default_params()
    if param_overrides:
        params = params.with_overrides(param_overrides)
    first = min(data["policy"])
    return Scenario(params=params, turns=data["turns"], start_year=data["start_year"],
                    baseline=_decision(data["policy"][first]), initial=data.get("initial", {}),
                    events=_shock_events(data["start_year"]))


def calibration_plan(scenario: Scenario) -> Plan:
    """China's policy path: each year's decision interpolated between the anchor years."""
    policy = spec()["policy"]
    years = sorted(policy)
    plan = Plan.repeat(scenario, scenario.baseline)
    anchors = Plan.stack([Plan.repeat(scenario, _decision(policy[y]), 1) for y in years])
    for t in range(scenario.turns):
        year = scenario.start_year + t
        weights = np.interp(year, years, np.arange(len(years)))
        lo = int(math.floor(weights))
        hi, w = min(lo + 1, len(years) - 1), weights - math.floor(weights)
        plan.shares[t, 0] = (1 - w) * anchors.shares[0, lo] + w * anchors.shares[0, hi]
        plan.credit_guidance[t, 0] = ((1 - w) * anchors.credit_guidance[0, lo]
                                      + w * anchors.credit_guidance[0, hi])
        plan.focus[t, 0] = (1 - w) * anchors.focus[0, lo] + w * anchors.focus[0, hi]
    return plan


def calibration_run(seed: int = 0, **param_overrides: float) -> RunResult:
    scenario = calibration_scenario(**param_overrides)
    return simulate(scenario, calibration_plan(scenario), seed)


def _series(result: RunResult, name: str) -> np.ndarray:
    """The warm-up year (the start year − 1) followed by every turn."""
    if name == "contract_to_gdp":
        return _series(result, "tech_contract_value") / _series(result, "gdp")
    i = INDICATOR_INDEX[name]
    return np.concatenate([[result.initial[0, i]], result.indicators[:, 0, i]])


def _at(result: RunResult, name: str, year: int) -> float:
    return float(_series(result, name)[year - result.start_year + 1])


def _target_row(result: RunResult, target: dict) -> CalibrationRow:
    name, year, china = target["indicator"], target["year"], target["china"]
    if name == "tech_contribution_rise":
        model = _at(result, "tech_contribution", year) - _at(result, "tech_contribution",
                                                            result.start_year - 1)
        low = target["at_least"]
        return CalibrationRow(name, year, china, model, low, math.inf, target["source"],
                              f"> {low:g}")
    rel = target["relative"]
    return CalibrationRow(name, year, china, _at(result, name, year), china * (1 - rel),
                          china * (1 + rel), target["source"], f"±{rel * 100:g}%")


def calibration_rows(seed: int = 0, **param_overrides: float) -> list[CalibrationRow]:
    """Every target against the calibration run (parameter overrides for the tests)."""
    result = calibration_run(seed, **param_overrides)
    data = spec()
    rows = [_target_row(result, target) for target in data["targets"]]
    growth = data["growth"]
    tol = growth["tolerance_pp"]
    for year, china in sorted(growth["path"].items()):
        rows.append(CalibrationRow("gdp_growth", year, china, _at(result, "gdp_growth", year),
                                   china - tol, china + tol, growth["source"],
                                   f"±{tol * 100:g} pp"))
    return rows

