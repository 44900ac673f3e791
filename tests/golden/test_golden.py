"""The sandbox golden runs still give the stored numbers (within a small tolerance)."""

from __future__ import annotations

import csv
import io
import math

import pytest

from .regen import RUNS, expected_path, golden_csv

REL_TOLERANCE = 1e-6
ABS_TOLERANCE = 1e-9


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


@pytest.mark.parametrize("name", RUNS)
def test_golden_run_matches(name):
    path = expected_path(name)
    assert path.is_file(), f"{path.name} is missing: run python -m tests.golden.regen"
    expected, actual = _rows(path.read_text()), _rows(golden_csv(name))
    assert len(actual) == len(expected), f"{name}: {len(actual)} turns, expected {len(expected)}"
    assert list(actual[0]) == list(expected[0]), f"{name}: the columns changed"
    for want, got in zip(expected, actual, strict=True):
        for column, value in want.items():
            a, b = float(value), float(got[column])
            assert math.isclose(a, b, rel_tol=REL_TOLERANCE, abs_tol=ABS_TOLERANCE), (
                f"{name}, turn {want['turn']}, {column}: stored {a!r}, now {b!r} "
                "(an intended model change? run python -m tests.golden.regen and review the diff)"
            )


def test_golden_plans_differ():
    """The three plans must give three different runs, or the golden files prove little."""
    texts = {name: expected_path(name).read_text() for name in RUNS if expected_path(name).is_file()}
    assert len(set(texts.values())) == len(texts)
