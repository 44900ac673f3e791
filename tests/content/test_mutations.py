"""Hypothesis mutations of valid level and plan files never produce a traceback."""

from __future__ import annotations

import copy
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.content.errors import ContentError
from game.content.levels import Level, load_level
from game.content.plan import PlanError, load_plan_text

HERE = Path(__file__).parent
ROOT = HERE.parent.parent
VALID = [HERE / "minimal_level.yaml", ROOT / "levels" / "tutorial.yaml",
         ROOT / "levels" / "easy_money.yaml"]

junk = st.one_of(
    st.none(), st.booleans(), st.integers(-10**6, 10**6),
    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=12),
    st.lists(st.integers(-3, 30), max_size=3), st.dictionaries(st.text(max_size=5),
                                                                 st.integers(), max_size=2),
)


def _paths(data, prefix=()):
    yield prefix
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _paths(value, (*prefix, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _paths(value, (*prefix, i))


def _mutate(data, path, action, value):
    data = copy.deepcopy(data)
    if not path:
        return value
    parent = data
    for part in path[:-1]:
        parent = parent[part]
    last = path[-1]
    if action == "delete":
        del parent[last]
    elif action == "rename" and isinstance(parent, dict):
        parent[f"{last}_x"] = parent.pop(last)
    else:
        parent[last] = value
    return data


@st.composite
def mutated_level(draw):
    source = draw(st.sampled_from(VALID))
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    for _ in range(draw(st.integers(1, 3))):
        paths = list(_paths(data))
        path = draw(st.sampled_from(paths))
        data = _mutate(data, path, draw(st.sampled_from(["set", "delete", "rename"])), draw(junk))
    return yaml.safe_dump(data, allow_unicode=True)


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])  # examples: the profile's
@given(mutated_level())
def test_mutated_levels_load_or_fail_with_located_problems(text):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "level.yaml"
        path.write_text(text, encoding="utf-8")
        try:
            level = load_level(path)
        except ContentError as err:
            assert err.problems
            for problem in err.problems:
                assert problem.file == str(path) and problem.message
            return
        assert isinstance(level, Level)
        assert level.scenario.turns == level.turns  # a level that loads also compiles


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=300))
def test_random_bytes_never_raise_anything_but_content_errors(raw):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "junk.yaml"
        path.write_bytes(raw)
        try:
            load_level(path)
        except ContentError as err:
            assert err.problems


@settings(deadline=None)  # examples: the profile's (tests/conftest.py)
@given(st.dictionaries(
    st.sampled_from(["default", "turns", "level", "format_version", "other"]),
    st.one_of(junk, st.dictionaries(st.sampled_from(
        ["research", "talent", "finance", "credit_guidance", "focus", "pilots", "choices", 1, 3]),
        junk, max_size=4)),
    max_size=3))
def test_mutated_plans_never_raise_anything_but_plan_errors(data):
    level = load_level(HERE / "minimal_level.yaml")
    try:
        decisions = load_plan_text(yaml.safe_dump(data), level)
    except PlanError as err:
        assert err.problems
        return
    assert len(decisions) == level.turns
    assert all(sum(d.shares.values()) <= 1 + 1e-6 for d in decisions)
