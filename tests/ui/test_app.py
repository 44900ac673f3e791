"""The app frame: scene stack, redraw-on-change, errors shown not raised, resize, focus, look.

The ``driver`` fixture (tests/conftest.py, with ``tests/ui/driver.py``) starts the real app
headless in fresh config and data folders and feeds it real pygame events.
"""

from __future__ import annotations

import json

import pygame
import pytest

from game.i18n import get_language
from game.ui.app import MIN_SIZE, App
from game.ui.palette import COLOUR_BLIND, MARKERS, STANDARD
from game.ui.scene import Scene
from game.ui.scenes.title import TitleScene
from game.ui.settings import BestStars, Settings
from game.ui.theme import build_theme
from game.ui.widgets.dialog import ErrorDialog


def test_title_buttons_and_quit(driver):
    texts = [b.text for b in driver.buttons()]
    assert texts == ["New game", "Continue", "Load a saved game", "Open a session pack", "Settings", "Quit"]
    assert not driver.button("Continue").is_enabled  # no autosave yet
    driver.app.running = True
    driver.press("Quit")
    assert driver.app.running is False and driver.app.exit_code == 0


class Exploding(Scene):
    def __init__(self, app, where: str) -> None:
        super().__init__(app)
        self.where = where

    def enter(self) -> None:
        super().enter()
        if self.where == "enter":
            raise RuntimeError("enter failed")

    def draw(self, surface) -> None:
        if self.where == "draw":
            raise ZeroDivisionError("draw failed")

    def handle_event(self, event) -> bool:
        if self.where == "event" and event.type == pygame.KEYDOWN:
            raise KeyError("event failed")
        return super().handle_event(event)


@pytest.mark.parametrize("where", ["enter", "draw", "event"])
def test_an_error_in_a_scene_becomes_a_message_and_a_log(driver, user_dirs, where):
    _config, data = user_dirs
    app = driver.app
    app.push(Exploding(app, where))
    driver.frames()
    if where == "event":
        driver.key(pygame.K_a)
    assert isinstance(app.top, ErrorDialog)
    log = (data / "errors.log").read_text(encoding="utf-8")
    assert "failed" in log and "Traceback" in log
    driver.press("Continue")
    # The broken scene is gone; the player is back on the title, which still works.
    assert isinstance(app.top, TitleScene)
    assert [type(s) for s in app.stack] == [TitleScene]
    driver.press("Settings")
    assert type(app.top).__name__ == "SettingsScene"


def test_an_idle_app_stops_redrawing(driver):
    app = driver.app
    for _ in range(200):  # a little over three seconds of frames with no input
        app.step(1 / 60)
    drawn = app.frames_drawn
    for _ in range(120):
        app.step(1 / 60)
    assert app.frames_drawn == drawn
    driver.key(pygame.K_TAB)
    assert app.frames_drawn > drawn


def test_resize_rebuilds_the_layout_and_keeps_a_minimum(driver):
    app = driver.app
    pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, w=1600, h=900, size=(1600, 900)))
    driver.frames()
    assert app.size == (1600, 900)
    quit_button = driver.button("Quit")
    assert app.window.get_rect().contains(quit_button.rect)
    pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, w=300, h=200, size=(300, 200)))
    driver.frames()
    assert app.size == MIN_SIZE


def test_keyboard_focus_moves_and_activates(driver):
    app = driver.app
    driver.key(pygame.K_TAB)  # New game
    driver.key(pygame.K_TAB)  # Continue is disabled: skipped to Load
    driver.key(pygame.K_TAB)  # Open a session pack
    driver.key(pygame.K_TAB)  # Settings
    assert app.top.keyboard.current.element.text == "Settings"
    driver.key(pygame.K_RETURN)
    assert type(app.top).__name__ == "SettingsScene"
    driver.key(pygame.K_ESCAPE)
    assert isinstance(app.top, TitleScene)
    driver.key(pygame.K_TAB, mod=pygame.KMOD_SHIFT)
    assert app.top.keyboard.current.element.text in {"Settings", "Load a saved game", "Open a session pack",
                                                  "Quit"}


def test_settings_file_damage_falls_back_to_defaults(tmp_path):
    path = tmp_path / "settings.json"
    path.write_text("{not json", encoding="utf-8")
    assert Settings.load(path).ui_scale == 1.0
    path.write_text(json.dumps({"ui_scale": "huge", "colour_blind": True, "language": "zh"}), encoding="utf-8")
    settings = Settings.load(path)
    assert settings.ui_scale == 1.0 and settings.colour_blind is True
    assert settings.language == "zh_CN" and settings.saved_before
    path.write_text(json.dumps({"ui_scale": 9}), encoding="utf-8")
    assert Settings.load(path).ui_scale == 2.0


def test_first_run_follows_the_system_and_the_command_line_wins(user_dirs, monkeypatch):
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    App(windowed=True)
    assert get_language() == "zh_CN"
    App(windowed=True, lang="en")
    assert get_language() == "en"


def test_best_stars_persist_and_only_improve(tmp_path):
    path = tmp_path / "progress.json"
    stars = BestStars(path)
    assert stars.record("tutorial", 2)
    assert not stars.record("tutorial", 1)
    assert BestStars(path).get("tutorial") == 2
    path.write_text('{"best_stars": {"tutorial": "lots", "x": 7, "y": 3}}', encoding="utf-8")
    reread = BestStars(path)
    assert reread.get("tutorial") == 0 and reread.get("x") == 0 and reread.get("y") == 3


def test_palettes_differ_in_colour_and_share_shape_cues():
    assert STANDARD.good != COLOUR_BLIND.good
    assert MARKERS["good"] != MARKERS["bad"]
    for palette in (STANDARD, COLOUR_BLIND):
        assert palette.good != palette.bad
        assert palette.marker("good") != palette.marker("bad")
        for role in ("text", "accent", "technology", "industry", "finance", "focus"):
            assert len(palette[role]) == 3
    with pytest.raises(KeyError):
        STANDARD["no_such_role"]


@pytest.mark.parametrize("scale", [1.0, 1.5, 2.0])
def test_theme_scales_fonts_and_fills_in_palette_colours(scale):
    theme = build_theme(COLOUR_BLIND, scale)
    text = json.dumps(theme)
    assert "@" not in text.replace("@slider", "")
    sizes = {entry["size"] for entry in theme["button"]["font"]}
    assert sizes == {str(round(17 * scale))}
    assert theme["#primary"]["colours"]["normal_bg"] == COLOUR_BLIND.hex("accent")


def test_the_loop_ends_on_quit_with_exit_code_zero(driver):
    app = driver.app
    pygame.event.post(pygame.event.Event(pygame.QUIT))
    assert app.run() == 0
    assert app.stack, "quitting leaves the scenes to the caller"


def test_run_app_opens_the_title_and_returns_the_exit_code(user_dirs, monkeypatch):
    from game.ui import app as app_module

    seen = []

    def run_once(self):
        seen.append((type(self.top).__name__, get_language(), self.force_windowed))
        return 0

    monkeypatch.setattr(app_module.App, "run", run_once)
    assert app_module.run_app(windowed=True, lang="zh_CN") == 0
    assert seen == [("TitleScene", "zh_CN", True)]


def test_f11_toggles_full_screen_and_remembers_it(driver, user_dirs):
    config, _data = user_dirs
    app = driver.app
    driver.key(pygame.K_F11)
    assert app.fullscreen and app.settings.fullscreen
    assert json.loads((config / "settings.json").read_text(encoding="utf-8"))["fullscreen"] is True
    driver.key(pygame.K_F11)
    assert not app.fullscreen and app.size == (1280, 720)
    assert isinstance(app.top, TitleScene) and driver.button("Quit")


def test_f1_lists_the_keys_on_any_screen(driver):
    from game.ui.widgets.dialog import KeysDialog

    app = driver.app
    driver.press("Settings")
    driver.key(pygame.K_F1)
    assert isinstance(app.top, KeysDialog) and "F11" in app.top.body()
    driver.key(pygame.K_F1)  # not a second copy
    assert sum(isinstance(s, KeysDialog) for s in app.stack) == 1
    driver.key(pygame.K_ESCAPE)
    assert type(app.top).__name__ == "SettingsScene"


@pytest.mark.parametrize("palette", [STANDARD, COLOUR_BLIND], ids=lambda p: p.name)
def test_text_colours_are_readable_on_every_background(palette):
    from game.ui.palette import contrast_ratio

    for background in ("background", "background_deep", "surface"):
        for text in ("text", "text_muted", "accent", "good", "bad", "warning", "focus"):
            ratio = contrast_ratio(palette[text], palette[background])
            assert ratio >= 4.5, f"{palette.name}: {text} on {background} is {ratio:.2f}:1"
    assert contrast_ratio(palette.accent_text, palette.accent) >= 4.5
    assert contrast_ratio(palette.text, palette.surface_raised) >= 7


def test_no_window_is_a_message_and_exit_code_one(user_dirs, monkeypatch, capsys):
    from game.ui import app as app_module

    def no_display(*args, **kwargs):
        raise pygame.error("No available video device")

    monkeypatch.setattr(app_module.pygame.display, "set_mode", no_display)
    assert app_module.run_app(windowed=True, lang="en") == 1
    assert "No available video device" in capsys.readouterr().err


def test_the_error_log_keeps_its_newest_part(user_dirs, monkeypatch):
    from game.ui import app as app_module

    _config, data = user_dirs
    monkeypatch.setattr(app_module, "MAX_ERROR_LOG_BYTES", 4000)
    for number in range(60):
        try:
            raise RuntimeError(f"failure number {number}")
        except RuntimeError as error:
            path = app_module.log_error(error)
    text = path.read_text(encoding="utf-8", errors="replace")
    assert path.stat().st_size < 6000
    assert "failure number 59" in text and "failure number 0\n" not in text


def test_no_screen_is_a_message_not_an_invisible_game(monkeypatch, capsys):
    import game.ui.app as app_module

    monkeypatch.setattr(app_module, "_no_screen", lambda: True)
    assert app_module.run_app(windowed=True) == 1
    assert "No screen was found" in capsys.readouterr().err
