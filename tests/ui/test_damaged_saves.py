"""Issue 11 in the game window: every game in progress is listed and continued; a save that
reads but does not replay (seed −1, an unknown pilot) is explained in words, in both languages,
and the game's intact previous autosave is offered."""

from __future__ import annotations

import json

import pytest

from game.session import saves
from game.session.playthrough import Playthrough
from game.ui.widgets.dialog import MessageDialog


def _autosaved(level: str, turns: int) -> Playthrough:
    play = Playthrough.new(level, 0)
    for _turn in range(turns):
        play.end_turn(report=False)
        saves.autosave(play)
    return play


def _break(play: Playthrough, how: str) -> None:
    path = saves.autosave_path(play.game_id)
    doc = json.loads(path.read_text(encoding="utf-8"))
    if how == "seed":
        doc["seed"] = -1
    else:
        doc["decisions"][-1]["pilots"] = ["no_such_pilot"]
    path.write_text(json.dumps(doc), encoding="utf-8")


@pytest.mark.parametrize(("how", "words"), [("seed", "'seed'"), ("pilot", "cannot be replayed")])
def test_continue_explains_and_offers_the_previous_autosave(driver, how, words):
    app = driver.app
    play = _autosaved("tutorial", 3)
    _break(play, how)
    app.rebuild()
    driver.frames()
    driver.press("Continue")
    assert isinstance(app.top, MessageDialog)
    body = app.top.body()
    assert words in body and "The autosave of this game" in body and "turn 3" in body
    assert "ValueError" not in body and "autosave-" not in body
    driver.press("Load the previous autosave")
    assert type(app.top).__name__ == "TurnScene" and app.top.play.turn == 3
    assert app.top.play.game_id == play.game_id


def test_two_games_in_progress_are_both_listed_and_continue_opens_the_newest(driver):
    app = driver.app
    older = _autosaved("chain_break", 3)
    newer = _autosaved("tutorial", 1)
    app.rebuild()
    driver.frames()
    driver.press("Load a saved game")
    assert {info.game_id for info in app.top.infos} == {older.game_id, newer.game_id}
    driver.press("Back")
    driver.press("Continue")
    assert type(app.top).__name__ == "TurnScene" and app.top.play.game_id == newer.game_id


def test_the_damaged_save_message_in_chinese(driver):
    from game.i18n import set_language

    app = driver.app
    play = _autosaved("tutorial", 3)
    _break(play, "seed")
    set_language("zh_CN")
    app.rebuild()
    driver.frames()
    driver.press("继续")
    body = app.top.body()
    assert "这局游戏的自动存档" in body and "超出允许范围" in body and "读取上一个自动存档" in str(app.top.actions())
