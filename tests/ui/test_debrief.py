"""A whole level played through the turn screen, to the debrief and its export."""

from __future__ import annotations

import pygame

from game.session.playthrough import Playthrough
from game.ui.scenes.debrief import DebriefScene, export_folder
from game.ui.scenes.report import ReportScene
from game.ui.scenes.title import TitleScene
from game.ui.scenes.turn import TurnScene


def test_playing_every_turn_with_the_keyboard_reaches_the_debrief_and_exports(driver):
    app = driver.app
    play = Playthrough.new("tutorial", 11)
    app.push(TurnScene(app, play))
    driver.frames()
    for _ in range(200):  # every turn: answer events, end the turn, read the report
        if isinstance(app.top, DebriefScene):
            break
        driver.key(pygame.K_RETURN)
        if isinstance(app.top, ReportScene):
            driver.key(pygame.K_RETURN)
    assert isinstance(app.top, DebriefScene), [type(s).__name__ for s in app.stack]
    assert play.finished and len(play.log) == play.turns
    # The event of turn 6 offered a choice; Enter took the first.
    assert play.log[5].choices.get("university_offer") == 0
    debrief = app.top.debrief
    assert debrief.finished and 0 <= debrief.stars <= 3
    assert len(debrief.objectives) == len(play.level.objectives)
    assert not any(o.pending for o in debrief.objectives)
    driver.press("Export result, charts and numbers")
    files = sorted(p.suffix for p in export_folder().iterdir())
    assert files == [".csv", ".json", ".png"]
    assert "Saved the charts" in app.top.exported
    # The result file verifies by replay, as the class report will check it.
    from game.session.results import verify_result

    result = next(export_folder().glob("*.json"))
    ok, message = verify_result(result)
    assert ok, message
    driver.press("Back to the menu")
    assert [type(s) for s in app.stack] == [TitleScene]


def test_a_finished_playthrough_opened_on_the_turn_screen_goes_to_the_debrief(driver):
    app = driver.app
    play = Playthrough.new("tutorial", 2)
    while not play.finished:
        play.end_turn()
    app.push(TurnScene(app, play))
    driver.frames()
    assert isinstance(app.top, DebriefScene)


def test_a_debrief_before_the_end_marks_objectives_not_yet_measured(driver):
    app = driver.app
    play = Playthrough.new("tutorial", 2)
    for _ in range(3):
        play.end_turn()
    app.push(DebriefScene(app, play))
    driver.frames()
    debrief = app.top.debrief
    assert not debrief.finished
    assert any(o.pending for o in debrief.objectives)
    assert "not yet measured" in next(o for o in debrief.objectives if o.pending).describe()


def test_the_debrief_counts_the_predictions_of_the_game(driver):
    app = driver.app
    play = Playthrough.new("tutorial", 5)
    for _ in range(play.turns - 1):
        play.end_turn()
    turn = TurnScene(app, play)
    app.push(turn)
    driver.frames()
    turn.prediction_panel.direction = "up"
    driver.press("End turn")
    driver.press("See the debrief")
    assert isinstance(app.top, DebriefScene)
    assert len(app.top.predictions) == 1
    texts = [getattr(item, "text", "") for item in app.top.column.items]
    assert any("You predicted 1 indicator move" in text for text in texts)


def test_an_export_that_cannot_be_written_is_explained(driver, tmp_path, monkeypatch):
    from game.ui.scenes import debrief as debrief_module

    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setattr(debrief_module, "export_folder", lambda: blocker / "exports")
    app = driver.app
    play = Playthrough.new("tutorial", 2)
    while not play.finished:
        play.end_turn()
    app.push(DebriefScene(app, play))
    driver.frames()
    driver.press("Export result, charts and numbers")
    assert type(app.top).__name__ == "MessageDialog"
    assert "not-a-folder" in app.top.body()
    driver.key(pygame.K_RETURN)
    assert isinstance(app.top, DebriefScene) and not app.top.exported


def test_page_down_scrolls_the_debrief(driver):
    play = Playthrough.new("tutorial", 2)
    while not play.finished:
        play.end_turn(report=False)
    driver.app.push(DebriefScene(driver.app, play, []))
    driver.frames()
    column = driver.app.top.column
    assert column.max_offset > 0
    before = column.offset
    driver.key(pygame.K_PAGEDOWN)
    assert column.offset > before
    driver.key(pygame.K_PAGEUP)
    assert column.offset == before
