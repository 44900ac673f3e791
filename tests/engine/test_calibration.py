"""The China-like region with a status-quo plan lands inside MODEL.md's magnitudes."""

import pytest

from game.content.calibration import calibration_rows


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_calibration_run_lands_inside_every_band(seed):
    outside = [row for row in calibration_rows(seed) if not row.inside]
    assert not outside, [(r.indicator, r.year, round(r.model, 4), (r.low, r.high)) for r in outside]
