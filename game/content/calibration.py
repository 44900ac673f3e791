"""The calibration run: the default region with a status-quo plan against China's magnitudes.

`python -m game.content.calibration` prints the table that docs/model.md reproduces.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

from game.content.params import default_params
from game.engine import Plan, RunResult, Scenario, TurnDecision, simulate

__all__ = ["CalibrationRow", "calibration_rows", "calibration_scenario", "main"]


@dataclass(frozen=True)
class CalibrationRow:
    indicator: str
    year: int
    china: float
    model: float
    low: float
    high: float
    source: str

    @property
    def inside(self) -> bool:
        return self.low <= self.model <= self.high


@cache
def _spec() -> dict:
    text = resources.files("game.content").joinpath("calibration.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


def calibration_scenario() -> Scenario:
    spec = _spec()
    return Scenario(
        params=default_params(),
        turns=spec["turns"],
        start_year=spec["start_year"],
        baseline=TurnDecision(**spec["status_quo"]),
        initial=spec.get("initial", {}),
    )


def _value(result: RunResult, indicator: str, year: int) -> float:
    t = year - result.start_year  # -1 is the warm-up year, the "start" column
    def at(name: str) -> float:
        return float(result.initial[0, _index(name)] if t < 0 else result.series(name)[t])
    if indicator == "contract_to_gdp":
        return at("tech_contract_value") / at("gdp")
    if indicator == "fund_leverage":
        return at("private_capital") / float(result.stock("fund_government")[max(t, 0)])
    return at(indicator)


def _index(name: str) -> int:
    from game.engine import INDICATOR_INDEX

    return INDICATOR_INDEX[name]


def calibration_rows(seed: int = 0) -> list[CalibrationRow]:
    scenario = calibration_scenario()
    result = simulate(scenario, Plan.repeat(scenario, scenario.baseline), seed)
    rows = []
    for target in _spec()["targets"]:
        low, high = target["band"]
        rows.append(
            CalibrationRow(
                target["indicator"], target["year"], target["china"],
                _value(result, target["indicator"], target["year"]), low, high, target["source"],
            )
        )
    return rows


def main() -> int:
    print(f"{'indicator':22} {'year':>5} {'China':>8} {'model':>8}  band")
    for row in calibration_rows():
        mark = "ok" if row.inside else "OUTSIDE"
        print(f"{row.indicator:22} {row.year:>5} {row.china:>8.4g} {row.model:>8.4g}  "
              f"[{row.low:g}, {row.high:g}] {mark}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
