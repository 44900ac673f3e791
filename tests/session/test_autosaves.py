"""Issue 11, point 1: every game keeps its own autosave, and no autosave is ever lost.

Each case the issue lists is a test here: another game never replaces an autosave; rotation
writes the new file before retiring the old; a damaged or unreplayable autosave never replaces
a good previous one; a kill leaves a current autosave and no temporary file survives a start.
"""

from __future__ import annotations

import json
import os
import time

import pytest

from game.files import atomic
from game.files.atomic import TEMP_SUFFIX
from game.session import saves
from game.session.playthrough import Playthrough
from game.session.saves import SaveError


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv(saves.DATA_DIR_ENV, str(tmp_path))
    saves._written.clear()
    return tmp_path


def _played(level: str, turns: int, seed: int = 1) -> Playthrough:
    play = Playthrough.new(level, seed=seed)
    for _ in range(turns):
        play.end_turn(report=False)
        saves.autosave(play)
    return play


def _edit(path, change) -> None:
    doc = json.loads(path.read_text(encoding="utf-8"))
    change(doc)
    path.write_text(json.dumps(doc), encoding="utf-8")


def test_a_new_game_never_replaces_another_games_autosave():
    long_game = _played("chain_break", 10)
    new_game = _played("tutorial", 2)
    listed = {info.game_id: info for info in saves.list_saves()}
    assert listed[long_game.game_id].level == "chain_break" and listed[long_game.game_id].turn == 11
    assert listed[new_game.game_id].level == "tutorial" and listed[new_game.game_id].turn == 3
    assert all(info.kind == "autosave" and info.saved_at is not None for info in listed.values())
    assert saves.load_autosave(long_game.game_id).log == long_game.log


def test_continue_opens_the_newest_game_in_progress():
    older = _played("chain_break", 2)
    newer = _played("tutorial", 1)
    assert saves.latest_autosave().game_id == newer.game_id
    finished = _played("tutorial", newer.turns)  # a finished game is not "in progress"
    assert finished.finished and saves.latest_autosave().game_id == newer.game_id
    saves.delete_save(saves.latest_autosave())
    assert saves.latest_autosave().game_id == older.game_id


def test_a_loaded_autosave_continues_its_game_a_named_save_starts_its_own():
    play = _played("tutorial", 1)
    assert saves.load_autosave(play.game_id).game_id == play.game_id
    slot = saves.save_slot(play, "before")
    branch = saves.load(slot)
    assert branch.game_id != play.game_id
    branch.end_turn(report=False)
    saves.autosave(branch)
    assert saves.load_autosave(play.game_id).turn == 2  # the original game is untouched


def test_rotation_keeps_the_previous_turn():
    play = _played("tutorial", 2)
    assert saves.read_save(saves.autosave_path(play.game_id)).turn == 3
    assert saves.read_save(saves.previous_autosave_path(play.game_id)).turn == 2


def test_rotation_writes_the_new_file_before_retiring_the_old(monkeypatch):
    play = _played("tutorial", 1)
    order = []
    real = atomic.write_atomically

    def spy(path, data):
        order.append(path.name)
        return real(path, data)

    monkeypatch.setattr(saves, "write_atomically", spy)
    play.end_turn(report=False)
    saves.autosave(play)
    assert order == [f"autosave-{play.game_id}.json", f"autosave-{play.game_id}.prev.json"]


def test_a_kill_while_writing_leaves_the_old_autosave_and_no_temporary(monkeypatch, data_dir):
    play = _played("tutorial", 1)
    current = saves.autosave_path(play.game_id)
    before = current.read_bytes()

    def killed(src, dst):
        raise KeyboardInterrupt

    monkeypatch.setattr(atomic.os, "replace", killed)
    play.end_turn(report=False)
    with pytest.raises(KeyboardInterrupt):
        saves.autosave(play)
    assert current.read_bytes() == before
    assert not list(saves.saves_dir().glob(f"*{TEMP_SUFFIX}"))


def test_temporaries_left_by_a_hard_kill_are_removed_at_the_next_start(data_dir):
    folder = data_dir / "saves"
    folder.mkdir()
    stale = folder / f".autosave-abc.json.x1y2{TEMP_SUFFIX}"
    stale.write_text('{"half": ')
    old = time.time() - 3600
    os.utime(stale, (old, old))
    saves.saves_dir()
    assert not stale.exists()


@pytest.mark.parametrize("breakage", ["truncated", "seed", "pilot", "foreign"])
def test_a_bad_autosave_never_replaces_a_good_previous_one(breakage):
    play = _played("tutorial", 2)
    current = saves.autosave_path(play.game_id)
    good_previous = saves.previous_autosave_path(play.game_id).read_bytes()
    saves._written.clear()  # as after a restart: the file must prove itself by replay
    if breakage == "truncated":
        current.write_bytes(current.read_bytes()[:50])
    elif breakage == "seed":
        _edit(current, lambda d: d.update(seed=-1))
    elif breakage == "pilot":
        _edit(current, lambda d: d["decisions"][0].update(pilots=["no_such_pilot"]))
    else:
        _edit(current, lambda d: d.update(level="no_such_level"))  # reads, but replays nothing
    play.end_turn(report=False)
    saves.autosave(play)
    assert saves.previous_autosave_path(play.game_id).read_bytes() == good_previous
    assert saves.read_save(current).turn == 4
    assert current.with_name(current.name + ".damaged").exists()  # kept aside, not lost


@pytest.mark.parametrize("breakage", ["seed", "pilot"])
def test_a_bad_autosave_says_why_and_the_previous_one_loads(breakage):
    play = _played("tutorial", 2)
    current = saves.autosave_path(play.game_id)
    if breakage == "seed":
        _edit(current, lambda d: d.update(seed=-1))
        words = "'seed'"
    else:
        _edit(current, lambda d: d["decisions"][1].update(pilots=["no_such_pilot"]))
        words = "cannot be replayed: turn 2 breaks the level's rules (pilots:"
    with pytest.raises(SaveError) as caught:
        saves.load(current)
    message = str(caught.value)
    assert "The autosave of this game" in message and words in message
    assert current.name not in message and "ValueError" not in message  # no file names or ids
    assert saves.previous_of(current) == saves.previous_autosave_path(play.game_id)
    assert saves.load(saves.previous_of(current)).turn == 2


def test_a_damaged_autosave_is_listed_and_continue_still_finds_its_game():
    play = _played("tutorial", 2)
    saves.autosave_path(play.game_id).write_text("{")
    info = saves.latest_autosave()
    assert info.game_id == play.game_id and info.error


def test_a_game_whose_autosave_is_gone_is_listed_by_its_previous_one():
    play = _played("tutorial", 2)
    saves.autosave_path(play.game_id).unlink()
    (info,) = saves.list_saves()
    assert info.kind == "previous" and info.turn == 2


def test_autosaves_of_the_old_single_slot_are_adopted(data_dir):
    play = _played("tutorial", 1)
    folder = saves.saves_dir()
    os.replace(saves.autosave_path(play.game_id), folder / "autosave.json")
    saves._prepared.clear()
    (info,) = saves.list_saves()
    assert info.game_id == saves.LEGACY_GAME_ID and info.turn == 2


def test_deleting_a_game_removes_its_autosave_and_previous_one():
    play = _played("tutorial", 2)
    saves.delete_save(saves.latest_autosave())
    assert not saves.autosave_path(play.game_id).exists()
    assert not saves.previous_autosave_path(play.game_id).exists()
    assert saves.list_saves() == []


def test_finished_games_say_so():
    play = _played("tutorial", Playthrough.new("tutorial").turns)
    (info,) = saves.list_saves()
    assert info.game_id == play.game_id and info.finished and info.turn == info.turns + 1


def test_shares_over_the_budget_do_not_replay():
    play = _played("tutorial", 1)
    current = saves.autosave_path(play.game_id)
    _edit(current, lambda d: d["decisions"][0]["shares"].update(basic=0.9, applied=0.9))
    with pytest.raises(SaveError):
        saves.load(current)
