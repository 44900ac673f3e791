"""The speed figures `virtuous-circle bench` prints for the game's screens."""

from __future__ import annotations

import math
import os

from game.ui.bench import ui_bench


def test_ui_bench_measures_four_figures_and_leaves_the_player_alone(tmp_path, monkeypatch):
    monkeypatch.setenv("VIRTUOUS_CIRCLE_CONFIG_DIR", str(tmp_path / "mine"))
    rows = ui_bench(quick=True)
    labels = [row[0] for row in rows]
    assert len(rows) == 4 and len(set(labels)) == 4
    for _label, value, unit, target in rows:
        assert math.isfinite(value) and value >= 0 and unit and target
    start, fps, idle, end_turn = (row[1] for row in rows)
    assert 0 < start < 60 and fps > 0 and end_turn > 0
    # Redraw-on-change is a property, not a timing: an idle screen draws nothing.
    assert idle == 0
    # The bench used its own folders and put the caller's back.
    assert os.environ["VIRTUOUS_CIRCLE_CONFIG_DIR"] == str(tmp_path / "mine")
    assert not (tmp_path / "mine").exists()
