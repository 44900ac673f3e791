"""Branch and compare in the game: from the debrief or the load list, branch at a past turn,
play on, and compare both runs side by side."""

from __future__ import annotations

import pygame

from game.session import saves
from game.session.playthrough import Playthrough
from game.ui.scenes.compare import BranchDialog, CompareScene
from game.ui.scenes.debrief import DebriefScene


def _finished(guidance: float, play=None) -> Playthrough:
    play = play or Playthrough.new("digital_leap", 5)
    while not play.finished:
        play.set_credit_guidance(guidance)
        play.end_turn(report=False)
    return play


def test_branch_from_the_debrief_then_compare(driver):
    app = driver.app
    first = _finished(0.8)
    app.push(DebriefScene(app, first))
    driver.frames()
    driver.press("Branch and compare")
    dialog = app.top
    assert isinstance(dialog, BranchDialog)
    start = dialog.turn
    driver.press("Later")
    assert app.top.turn == start + 1
    driver.press("Branch here")
    branch = app.top.play
    assert branch.compare_with is first and len(branch.log) == start
    assert branch.log == first.log[:start]
    _finished(0.2, branch)
    app.push(DebriefScene(app, branch))
    driver.frames()
    driver.press("Compare with the first run")
    scene = app.top
    assert isinstance(scene, CompareScene)
    assert any(d.name == "credit_guidance" for d in scene.comparison.differences)
    assert scene.chart.indicator == "score"
    driver.key(pygame.K_DOWN)
    assert scene.chart.indicator == scene.comparison.indicators[1]
    driver.press("Back")
    assert isinstance(app.top, DebriefScene)


def test_branch_from_the_load_list(driver):
    from game.ui.scenes.saves import SavesScene

    play = Playthrough.new("digital_leap", 3)
    for _turn in range(4):
        play.end_turn(report=False)
    saves.save_slot(play, "class-3b")
    app = driver.app
    app.push(SavesScene(app, playthrough=None))
    driver.frames()
    scene = app.top
    driver.click_at(scene._branch_rect(0).center)
    assert isinstance(app.top, BranchDialog) and len(app.top.play.log) == 4
