"""Saving a real playthrough mid-level and loading it gives the same game, number for number."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from game.session import saves
from game.session.fingerprint import level_fingerprint
from game.session.levels import LevelTable
from game.session.playthrough import Playthrough
from game.session.saves import SaveError

LEVEL = Path(__file__).parent / "data" / "lockstep.yaml"
#: lockstep is not one of the game's levels: a save of it loads when its file is named
TABLE = LevelTable([LEVEL])


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
    loaded = saves.load(path, TABLE)
    _same(play, loaded)
    # Both continue the same way and stay identical.
    for game in (play, loaded):
        game.end_turn()
        game.end_turn()
    _same(play, loaded)


def test_a_save_names_its_level_by_id_and_fingerprint_never_by_path(tmp_path):
    play = _played(1)
    path = tmp_path / "x.json"
    saves.save(play, path)
    doc = json.loads(path.read_text())
    assert doc["level"] == "lockstep" and doc["level_hash"] == level_fingerprint(play.level)
    assert "level_file" not in doc and str(LEVEL.parent) not in path.read_text()
    before = path.read_bytes()
    with pytest.raises(SaveError, match="lockstep.*not one of the game.s levels"):
        saves.load(path)  # not one of the game's levels, and no level file named
    assert path.read_bytes() == before  # refused, never lost
    assert not saves.load(path, TABLE).level_changed


def _older_save(tmp_path, level_file: Path) -> Path:
    """A save as the game wrote it before levels were named by fingerprint: with a path."""
    path = tmp_path / "older.json"
    saves.save(_played(2), path)
    doc = json.loads(path.read_text())
    del doc["level_hash"]
    doc["level_file"] = str(level_file)
    path.write_text(json.dumps(doc))
    return path


def test_an_older_save_with_a_level_path_loads_when_its_level_file_is_named(tmp_path, monkeypatch):
    import game.session.levels as levels

    decoy = tmp_path / "decoy.yaml"  # what the stored path leads to now: never opened
    decoy.write_text(LEVEL.read_text(encoding="utf-8").replace("turns: ", "turns: 1"), encoding="utf-8")
    opened = []
    real = levels.load_level
    monkeypatch.setattr(levels, "load_level", lambda path: opened.append(Path(path)) or real(path))
    path = _older_save(tmp_path, decoy)
    with pytest.raises(SaveError) as caught:
        saves.load(path)
    message = str(caught.value)
    assert "decoy.yaml" in message and "never opens a level from a path" in message and "kept" in message
    assert path.exists()
    _same(_played(2), saves.load(path, LevelTable([LEVEL])))
    assert decoy not in opened


def test_an_older_save_of_a_level_from_a_file_is_listed_and_explained_not_lost(tmp_path):
    path = _older_save(saves.saves_dir(), LEVEL)
    slot = path.rename(saves.saves_dir() / "slot-older.json")
    [info] = [i for i in saves.list_saves() if i.path == slot]
    assert info.level == "lockstep" and info.turn == 3 and not info.error  # not damaged
    with pytest.raises(SaveError, match="lockstep.yaml"):
        saves.load(info.path)
    assert slot.exists() and not list(saves.saves_dir().glob("*.damaged"))


def test_a_save_of_a_level_changed_since_still_loads_and_says_so(tmp_path):
    play = Playthrough.new("tutorial", seed=2)
    play.end_turn(report=False)
    path = tmp_path / "t.json"
    saves.save(play, path)
    assert not saves.load(path).level_changed
    doc = json.loads(path.read_text())
    doc["level_hash"] = "sha256:" + "0" * 64  # made on an earlier version of the level
    path.write_text(json.dumps(doc))
    again = saves.load(path)
    assert again.level_changed and again.log == play.log
    del doc["level_hash"]  # a save from before fingerprints: the id alone, as it meant
    path.write_text(json.dumps(doc))
    assert not saves.load(path).level_changed


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
        saves.load_autosave(play.game_id, levels=TABLE)
    assert "damaged or incomplete" in str(caught.value) and "Traceback" not in str(caught.value)
    previous = saves.load_autosave(play.game_id, previous=True, levels=TABLE)
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
        saves.load(path, TABLE)


def test_a_save_for_a_missing_level_says_so(tmp_path):
    play = _played(1)
    path = tmp_path / "gone.json"
    saves.save(play, path)
    doc = json.loads(path.read_text())
    doc["level"] = "no_such_level"
    path.write_text(json.dumps(doc))
    with pytest.raises(SaveError, match="no_such_level"):
        saves.load(path, TABLE)
