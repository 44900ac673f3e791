"""CSV and PNG export of a run against its baseline."""

from __future__ import annotations

import csv
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from game.engine.schema import INDICATORS
from game.files.atomic import TEMP_SUFFIX
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
    assert not _temporaries(tmp_path)


def _temporaries(folder: Path) -> list[str]:
    """Every temporary file of the atomic write anywhere under `folder` (hidden ones included)."""
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.name.endswith(TEMP_SUFFIX))


def test_a_failed_or_interrupted_export_leaves_no_temporary_file(tmp_path, monkeypatch):
    import errno

    import game.files.atomic as atomic

    def full(*_args):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic.os, "replace", full)
    with pytest.raises(ExportError, match="run.csv"):
        write_csv(_series(), tmp_path / "run.csv")
    monkeypatch.undo()

    def interrupted(_fd):
        raise KeyboardInterrupt

    monkeypatch.setattr(atomic.os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_charts_png(_series(), tmp_path / "charts.png", indicators=["gdp"])
    assert not _temporaries(tmp_path) and not list(tmp_path.iterdir())


def test_the_next_export_clears_what_a_killed_export_left(tmp_path):
    """An export killed while writing (nothing can clean up after SIGKILL) leaves its temporary
    file; the next export into the folder removes it once it is stale, never a fresh one."""
    script = (
        "import sys, time\n"
        "import game.files.atomic as atomic\n"
        "from tests.reports.test_export import _series\n"
        "from game.reports.export import write_csv\n"
        "def hang(_fd):\n"
        "    print('writing', flush=True)\n"
        "    time.sleep(60)\n"
        "atomic.os.fsync = hang\n"
        "write_csv(_series(), sys.argv[1])\n")
    root = Path(__file__).parents[2]
    child = subprocess.Popen([sys.executable, "-c", script, str(tmp_path / "killed.csv")],
                             cwd=root, stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline().strip() == "writing"
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
        child.stdout.close()
    left = _temporaries(tmp_path)
    assert len(left) == 1 and not (tmp_path / "killed.csv").exists()
    fresh = tmp_path / f".other.csv.xyz{TEMP_SUFFIX}"  # another export, still being written
    fresh.write_bytes(b"")
    old = time.time() - 3600
    os.utime(tmp_path / left[0], (old, old))
    write_csv(_series(), tmp_path / "next.csv")
    assert _temporaries(tmp_path) == [fresh.name]
