"""Saving a real playthrough mid-level and loading it gives the same game, number for number."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from game.session import saves
from game.session.playthrough import Playthrough
from game.session.saves import SaveError

LEVEL = Path(__file__).parent / "data" / "lockstep.yaml"


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv(saves.DATA_DIR_ENV, str(tmp_path))
    return tmp_path


def _played(turns: int) -> Playthrough:
    play = Playthrough.new(LEVEL, seed=5)
    play.set_share("applied", 0.3)
    for _ in range(turns):
        if any(e.id == "lab_offer" for e in play.pending_events()):
            play.choose("lab_offer", 1)
        play.end_turn()
    play.set_share("basic", 0.02)  # an unfinished draft is saved too
    return play


def _same(a: Playthrough, b: Playthrough) -> None:
    assert a.log == b.log and a.draft == b.draft and a.seed == b.seed
    assert np.array_equal(a.result().indicators, b.result().indicators)
    assert np.array_equal(a.forecast().indicators, b.forecast().indicators)
    assert (a.score().points, a.score().stars) == (b.score().points, b.score().stars)


def test_save_and_load_mid_level_give_identical_results(tmp_path):
    play = _played(3)
    path = tmp_path / "mid.json"
    saves.save(play, path)
    loaded = saves.load(path)
    _same(play, loaded)
    # Both continue the same way and stay identical.
    for game in (play, loaded):
        game.end_turn()
        game.end_turn()
    _same(play, loaded)


def test_a_level_outside_the_game_is_saved_with_its_file(tmp_path):
    play = _played(1)
    path = tmp_path / "x.json"
    saves.save(play, path)
    doc = json.loads(path.read_text())
    assert doc["level"] == "lockstep" and Path(doc["level_file"]).name == "lockstep.yaml"


def test_corrupt_autosave_is_reported_and_the_previous_one_loads():
    play = _played(2)
    saves.autosave(play)
    earlier = Playthrough.from_decisions(LEVEL, 5, play.log)
    earlier._draft = play.draft
    play.end_turn()
    saves.autosave(play)
    current = saves.autosave_path(play.game_id)
    current.write_bytes(current.read_bytes()[:40])  # truncated by a crash
    with pytest.raises(SaveError) as caught:
        saves.load_autosave(play.game_id)
    assert "damaged or incomplete" in str(caught.value) and "Traceback" not in str(caught.value)
    previous = saves.load_autosave(play.game_id, previous=True)
    _same(earlier, previous)
    assert previous.game_id == play.game_id  # going on from it continues the same game


def test_a_save_that_breaks_the_level_rules_is_refused(tmp_path):
    play = _played(0)
    path = tmp_path / "cheat.json"
    saves.save(play, path)
    doc = json.loads(path.read_text())
    doc["draft"]["shares"]["education"] = 0.0  # talent is locked in turn 1
    path.write_text(json.dumps(doc))
    with pytest.raises(SaveError, match="does not fit the level"):
        saves.load(path)


def test_a_save_for_a_missing_level_says_so(tmp_path):
    play = _played(1)
    path = tmp_path / "gone.json"
    saves.save(play, path)
    doc = json.loads(path.read_text())
    doc["level"] = "no_such_level"
    del doc["level_file"]
    path.write_text(json.dumps(doc))
    with pytest.raises(SaveError, match="no_such_level"):
        saves.load(path)
