"""CSV and PNG export of a run against its baseline."""

from __future__ import annotations

import csv

import numpy as np
import pytest

from game.engine.schema import INDICATORS
from game.i18n import set_language
from game.reports.export import ExportError, write_charts_png, write_csv
from game.reports.series import RunSeries


def _series(n_years: int = 4) -> RunSeries:
    actual = np.arange(n_years * len(INDICATORS), dtype=float).reshape(n_years, -1) / 7.0
    return RunSeries.from_arrays(range(2025, 2025 + n_years), actual, actual * 0.5)


def test_csv_has_every_indicator_and_its_baseline(tmp_path):
    series = _series()
    path = write_csv(series, tmp_path / "run.csv")
    with path.open(encoding="utf-8") as f:
        rows = list(csv.reader(f))
    assert rows[0][0] == "year"
    assert rows[0][1 : 1 + len(INDICATORS)] == list(INDICATORS)
    assert rows[0][-1] == "score_baseline"
    assert [int(r[0]) for r in rows[1:]] == [2025, 2026, 2027, 2028]
    gdp = rows[0].index("gdp")
    assert float(rows[2][gdp]) == pytest.approx(series.actual["gdp"][1])
    gdp_base = rows[0].index("gdp_baseline")
    assert float(rows[2][gdp_base]) == pytest.approx(series.baseline["gdp"][1])


def test_csv_without_baseline_has_no_baseline_columns(tmp_path):
    actual = np.ones((3, len(INDICATORS)))
    series = RunSeries.from_arrays([1, 2, 3], actual)
    rows = list(csv.reader(write_csv(series, tmp_path / "a.csv").open(encoding="utf-8")))
    assert not any(h.endswith("_baseline") for h in rows[0])


def test_series_rejects_mismatched_lengths():
    with pytest.raises(ValueError, match="expected"):
        RunSeries.from_arrays([1, 2], np.ones((3, len(INDICATORS))))


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_png_is_written_in_each_language(tmp_path, lang):
    set_language(lang)
    try:
        path = write_charts_png(_series(), tmp_path / f"charts-{lang}.png",
                                indicators=["gdp", "npl_ratio"], title="T")
    finally:
        set_language("en")
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(data) > 5000


def test_unwritable_path_gives_a_message_naming_it(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(ExportError, match="file"):
        write_csv(_series(), blocker / "sub" / "run.csv")
    assert not list(tmp_path.glob("**/*.tmp"))
