"""Whole games through the real app: the tutorial from the title to the debrief, once with the
mouse and once with the keyboard alone; the autosave and the best stars follow."""

from __future__ import annotations

import pygame

from game.session import saves
from game.ui.scenes.briefing import BriefingScene
from game.ui.scenes.debrief import DebriefScene
from game.ui.scenes.event_dialog import EventDialog
from game.ui.scenes.level_select import LevelSelectScene
from game.ui.scenes.report import ReportScene
from game.ui.scenes.title import TitleScene
from game.ui.scenes.turn import TurnScene
from game.ui.settings import BestStars

#: More screens than a ten-year tutorial can show: a stuck loop fails instead of hanging.
MAX_SCREENS = 80


def tab_to(driver, element) -> None:
    """Press Tab until the keyboard focus is on ``element``."""
    focus = driver.app.top.keyboard
    for _press in range(len(focus.targets) + 2):
        current = focus.current
        if focus.visible and getattr(current, "element", None) is element:
            return
        driver.key(pygame.K_TAB)
    raise AssertionError(f"Tab never reaches {element}")


def play_to_debrief(driver, *, keyboard: bool) -> DebriefScene:
    app = driver.app
    for _screen in range(MAX_SCREENS):
        top = app.top
        if isinstance(top, DebriefScene):
            return top
        if isinstance(top, EventDialog):
            if keyboard:
                driver.key(pygame.K_RETURN)  # the first choice has the focus
            else:
                driver.click(top.buttons[0][0])
        elif isinstance(top, TurnScene):
            if keyboard:
                tab_to(driver, top.buttons["end"])
                driver.key(pygame.K_RETURN)
            else:
                driver.click(top.buttons["end"])
        elif isinstance(top, ReportScene):
            if keyboard:
                driver.key(pygame.K_RETURN)
            else:
                driver.click(top.buttons["continue"])
        else:
            raise AssertionError(f"unexpected screen {type(top).__name__}")
    raise AssertionError("the tutorial did not reach the debrief")


def test_the_tutorial_with_the_mouse_from_title_to_debrief(driver):
    app = driver.app
    driver.press("New game")
    scene = app.top
    index = next(i for i, e in enumerate(scene.entries) if e.level and e.level.id == "tutorial")
    driver.click_at(scene._shown(index).center)
    driver.press("Start the level")
    debrief = play_to_debrief(driver, keyboard=False)
    play = debrief.play
    assert play.finished and play.turn == play.turns + 1
    assert BestStars().get("tutorial") == play.score().stars
    # Every turn was autosaved: the autosave holds the finished game.
    assert saves.load_autosave(play.game_id).finished
    driver.click(debrief.buttons["done"])
    assert [type(s) for s in app.stack] == [TitleScene]
    assert driver.button("Continue").is_enabled


def test_the_tutorial_with_the_keyboard_alone(driver):
    app = driver.app
    driver.key(pygame.K_TAB)  # shows the focus on "New game"
    driver.key(pygame.K_RETURN)
    assert isinstance(app.top, LevelSelectScene)
    assert app.top.entries[0].level.id == "tutorial"
    driver.key(pygame.K_TAB)
    driver.key(pygame.K_RETURN)
    assert isinstance(app.top, BriefingScene)
    driver.key(pygame.K_RETURN)  # "Start the level" has the focus
    assert isinstance(app.top, TurnScene)
    debrief = play_to_debrief(driver, keyboard=True)
    assert debrief.play.finished
    driver.key(pygame.K_ESCAPE)
    assert isinstance(app.top, TitleScene)
