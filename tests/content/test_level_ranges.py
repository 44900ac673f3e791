"""Issue 11, point 3: `validate` accepts only what runs.

The cases the issue lists are refused with a located message, and a property test mutates the
numbers of a level (starting state, budget rule, model parameters): any level that
`validate --no-bots` accepts must let every bot play to the end with NumPy warnings as errors.
"""

from __future__ import annotations

import io
import math
import warnings
from pathlib import Path

import numpy as np
import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from game.content.bots import FIXED_BOTS, play_fixed, search
from game.content.engine_names import BUDGET_RULE
from game.content.errors import ContentError
from game.content.level_format import BUDGET_RANGES, INITIAL_RANGES, PARAMETER_FACTOR
from game.content.levels import load_level
from game.content.param_bounds import parameter_bounds
from game.content.params import default_params
from game.content.validation import check_files
from game.engine.params import INITIAL_KEYS
from game.paths import levels_dir

BASE = yaml.safe_load((levels_dir() / "tutorial.yaml").read_text(encoding="utf-8"))
PARAMS = {name: float(getattr(default_params(), name)) for name in default_params().__dataclass_fields__}


def _write(tmp: Path, changes: dict[str, dict[str, float]]) -> Path:
    doc = dict(BASE)
    for section, values in changes.items():
        doc[section] = {**(doc.get(section) or {}), **values}
    path = tmp / "mutated.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _validate_no_bots(path: Path) -> tuple[bool, str]:
    out = io.StringIO()
    _levels, problems = check_files([str(path)], out)
    return not problems, out.getvalue()


@pytest.mark.parametrize(
    ("section", "key", "value"),
    [("budget", "gdp_share", -0.5), ("initial", "gdp", 0.0), ("initial", "labour", -6000.0),
     ("initial", "researchers", 0.0), ("initial", "capital_output", 0.0), ("budget", "base", -100.0),
     ("initial", "gdp", 1e300), ("initial", "emerging_share", 0.95), ("initial", "npl_ratio", 1.5)],
)
def test_the_issues_levels_are_refused_with_a_located_message(tmp_path, section, key, value):
    ok, text = _validate_no_bots(_write(tmp_path, {section: {key: value}}))
    assert not ok
    assert f"{section}.{key}: must be between" in text or f"{section}" in text
    assert "mutated.yaml:" in text  # file and line


def test_fewer_workers_than_the_default_head_counts_is_refused_at_labour(tmp_path):
    """A level that shrinks only `labour` keeps the calibrated researchers and skilled workers,
    which would then outnumber the workers (the run was NaN from its first year)."""
    ok, text = _validate_no_bots(_with_parameters(tmp_path, "sandbox", {}, initial={"labour": 101.0}))
    assert not ok
    assert ("initial.labour: there cannot be more skilled workers (2.4 million people) than workers "
            "(101,000 people)") in text
    assert "initial.labour: researchers (120,000 people) may be at most 5% of the workers (101,000 people)" in text


def test_a_parameter_far_from_its_calibration_is_refused(tmp_path):
    name = "basic_zeta"
    ok, text = _validate_no_bots(_write(tmp_path, {"parameters": {name: PARAMS[name] * 1000}}))
    assert not ok and name in text


def test_shipped_levels_stay_valid():
    ok, text = True, ""
    for path in sorted(levels_dir().glob("*.yaml")):
        good, out = _validate_no_bots(path)
        ok, text = ok and good, text + out
    assert ok, text


def _number(section: str, key: str, default: float):
    """Near the calibrated value, on the edges validate allows (where models break), or wild."""
    scale = abs(default) or 1.0
    near = st.floats(-1.3, 1.3).map(lambda e: default * 10 ** e if default else scale * 10 ** e - 1)
    edges = [default * PARAMETER_FACTOR, default / PARAMETER_FACTOR, *_RANGES[section].get(key, ())]
    wild = st.sampled_from([0.0, -1.0, -scale, scale * 1e6, 1e300, -1e300, 1e-300])
    return st.one_of(near, st.sampled_from(edges), st.sampled_from(edges), wild,
                     st.floats(-1e7, 1e7, allow_nan=False))


_RANGES = {"initial": INITIAL_RANGES, "budget": BUDGET_RANGES, "parameters": parameter_bounds()}
_sections = {
    "initial": {key: float(INITIAL_KEYS[key]) for key in INITIAL_KEYS},
    "budget": {"base": 50.0, "gdp_share": 0.011, "deficit_limit": PARAMS[BUDGET_RULE["deficit_limit"]]},
    "parameters": PARAMS,
}
_mutation = st.lists(
    st.sampled_from([(section, key) for section, keys in _sections.items() for key in keys]).flatmap(
        lambda sk: _number(sk[0], sk[1], _sections[sk[0]][sk[1]]).map(lambda v: (sk[0], sk[1], v))),
    min_size=1, max_size=4,
)


@settings(max_examples=40, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(_mutation)
def test_every_level_validate_accepts_runs_every_bot_without_a_warning(tmp_path, mutation):
    changes: dict[str, dict[str, float]] = {}
    for section, key, value in mutation:
        changes.setdefault(section, {})[key] = value
    path = _write(tmp_path, changes)
    ok, text = _validate_no_bots(path)
    event("accepted" if ok else "refused")
    if not ok:
        assert text.strip()  # refused with a message, never an exception
        return
    level = load_level(path)
    # NumPy's warnings (overflow, division by zero, invalid values) as errors; underflow to 0 is
    # silent in NumPy and harmless here
    with warnings.catch_warnings(), np.errstate(over="raise", divide="raise", invalid="raise"):
        warnings.simplefilter("error")
        for bot in FIXED_BOTS:
            for result in play_fixed(level, bot, [0, 1]):
                assert math.isfinite(result.score), (bot, changes)
        best = search(level, 0, population=32, generations=2)[0]
        assert math.isfinite(best.score), changes
        # and plans no bot plays: every lever, dial and pilot at random, the credit dial up and
        # down every year (credit booms and busts)
        from game.engine import INDICATOR_INDEX, simulate

        run = simulate(level.scenario, _random_plan(level.scenario, 8, 0), 0)
        assert np.isfinite(run.indicators).all() and (run.stocks >= 0).all(), changes
        assert run.indicators[..., INDICATOR_INDEX["npl_ratio"]].max() <= 1.0, changes


def test_a_refused_level_raises_content_error_not_something_else(tmp_path):
    with pytest.raises(ContentError):
        load_level(_write(tmp_path, {"initial": {"gdp": -1.0}}))


def _random_plan(scenario, batch: int, seed: int):
    """Any shares and dials, a different credit dial every year: credit booms and busts."""
    from game.engine import LEVERS, SECTORS, Plan

    rng = np.random.default_rng(seed)
    shape = (scenario.turns, batch)
    return Plan(
        shares=rng.random(shape + (len(LEVERS),)) * 0.3, credit_guidance=rng.random(shape),
        focus=rng.random(shape + (len(SECTORS),)), pilots=rng.random(shape + (len(scenario.pilots),)) < 0.3,
        choices=rng.integers(-1, 3, shape + (len(scenario.events),)), fund_horizon=rng.uniform(0, 20, shape),
        scale_up=rng.random(shape + (len(scenario.pilots),)) < 0.3)


def _with_parameters(tmp_path: Path, level_id: str, parameters: dict[str, float],
                     initial: dict[str, float] | None = None) -> Path:
    """A shipped level with some parameters (and starting values) changed, as a file."""
    doc = yaml.safe_load((levels_dir() / f"{level_id}.yaml").read_text(encoding="utf-8"))
    doc["parameters"] = {**(doc.get("parameters") or {}), **parameters}
    if initial:
        doc["initial"] = {**(doc.get("initial") or {}), **initial}
    path = tmp_path / f"{level_id}.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@pytest.mark.parametrize("parameters, named", [({"boom_sensitivity": 50.0}, "boom_sensitivity"),
                                               ({"loan_maturity": 2.0}, "loan_maturity"),
                                               ({"boom_memory": 1.0}, "boom_memory")])
def test_credit_booms_the_model_cannot_hold_are_refused(tmp_path, parameters, named):
    ok, text = _validate_no_bots(_with_parameters(tmp_path, "easy_money", parameters))
    assert not ok and named in text


@pytest.mark.parametrize("level_id", ["old_industrial_base", "easy_money", "sandbox"])
@pytest.mark.parametrize("parameters", [{"boom_sensitivity": 6.0}, {"loan_maturity": 4.5}, {"boom_memory": 0.85}])
def test_credit_booms_at_the_bounds_stay_sane(tmp_path, level_id, parameters):
    """At the edge of what validate accepts, the credit dial moved up and down every year keeps
    every number finite (no overflow: exp is guarded) and bad loans below all credit."""
    from game.engine import INDICATOR_INDEX, simulate

    path = _with_parameters(tmp_path, level_id, parameters)
    assert _validate_no_bots(path)[0], "validate accepts the level"
    scenario = load_level(path).scenario
    with np.errstate(over="raise", divide="raise", invalid="raise"):
        runs = [simulate(scenario, _random_plan(scenario, 64, seed), 0) for seed in (1, 2)]
    for run in runs:
        assert np.isfinite(run.indicators).all() and np.isfinite(run.stocks).all()
        assert run.indicators[..., INDICATOR_INDEX["npl_ratio"]].max() < 0.5
