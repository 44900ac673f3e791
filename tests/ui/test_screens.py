# ruff: noqa: F811  (pytest fixtures imported from test_app are parameters here)
"""Screen rough edges of issue 12, seen through the real app: settings at 200%, choice arrows,
keyboard focus after a year, the report's buttons, locked levers, pilots and quotes."""

from __future__ import annotations

import pygame

from game.ui.scenes.settings_scene import ROWS

from .test_app import driver, user_dirs  # noqa: F401  (fixtures)


def test_the_left_arrow_of_a_choice_goes_back_wherever_the_arrow_is_drawn(driver):
    app = driver.app
    driver.press("Settings")
    driver.click(app.top.choices["ui_scale"].element)
    assert app.settings.ui_scale == 1.25
    scale = app.top.choices["ui_scale"].element
    # The ◀ of the centred label "◀   125%   ▶" sits a little left of the centre.
    driver.click_at((scale.rect.centerx - app.px(40), scale.rect.centery))
    assert app.settings.ui_scale == 1.0
    scale = app.top.choices["ui_scale"].element
    driver.click_at((scale.rect.centerx + app.px(40), scale.rect.centery))
    assert app.settings.ui_scale == 1.25


def test_the_settings_list_uses_the_screen_at_200_percent(driver):
    app = driver.app
    app.settings.ui_scale = 2.0
    app.apply_settings(look=True)
    driver.press("Settings")
    scene = app.top
    width, height = app.size
    shown = [c for c in scene.choices.values() if c.element.visible]
    assert len(shown) >= 3, "at 200% at least three settings show at once"
    viewport = scene._viewport()
    back = driver.button(scene.back.text).rect
    assert app.window.get_rect().contains(back)
    # The rows reach down to the Back button: less than one row of the screen is left empty.
    assert back.top - viewport.bottom < min(scene._heights())
    assert height - back.bottom < app.px(46)
    for choice in shown:
        assert viewport.contains(choice.element.rect)
    # Every setting can still be reached: the list scrolls to the last one.
    for _press in range(len(ROWS) + 1):
        driver.key(pygame.K_TAB)
    assert any(c.element.visible for key, c in scene.choices.items() if key == ROWS[-1][0])
