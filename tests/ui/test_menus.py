"""The menus driven through the real app: new game, settings (live language), saving and
loading, damaged saves, event dialogs, UI scale."""

from __future__ import annotations

import json

import pygame
import pytest

from game.content.levels import level_by_id, level_paths
from game.i18n import _, get_language
from game.session import saves
from game.session.playthrough import Playthrough
from game.ui.scenes.briefing import BriefingScene
from game.ui.scenes.event_dialog import EventDialog
from game.ui.scenes.level_select import LevelSelectScene
from game.ui.scenes.saves import SavesScene
from game.ui.scenes.settings_scene import SettingsScene
from game.ui.scenes.title import TitleScene
from game.ui.widgets.dialog import MessageDialog


def scene_name(app) -> str:
    return type(app.top).__name__


def test_new_game_goes_through_level_select_and_briefing_to_the_turn_screen(driver):
    app = driver.app
    driver.press("New game")
    assert isinstance(app.top, LevelSelectScene)
    assert len(app.top.entries) == len(level_paths())
    tutorial = next(i for i, e in enumerate(app.top.entries) if e.level and e.level.id == "tutorial")
    driver.click_at(app.top._shown(tutorial).center)
    assert isinstance(app.top, BriefingScene) and app.top.level.id == "tutorial"
    driver.press("Start the level")
    assert scene_name(app) == "TurnScene"
    assert [type(s).__name__ for s in app.stack] == ["TitleScene", "TurnScene"]
    assert app.top.play.level.id == "tutorial" and app.top.play.turn == 1


def test_briefing_takes_a_seed_for_the_class(driver):
    app = driver.app
    app.push(BriefingScene(app, level_by_id("tutorial")))
    driver.frames()
    driver.click(app.top.seed_entry)
    driver.key(pygame.K_END)
    driver.type("42")
    driver.press("Start the level")
    assert app.top.play.seed == 42


def test_language_switches_live_and_is_remembered(driver, user_dirs):
    config, _data = user_dirs
    app = driver.app
    driver.press("Settings")
    assert isinstance(app.top, SettingsScene)
    language = app.top.choices["language"].element
    driver.click(language)
    assert get_language() == "zh_CN"
    # The screen was rebuilt in Chinese: the same button now has the translated text.
    assert driver.button(_("Back")).text == _("Back") != "Back"
    assert json.loads((config / "settings.json").read_text(encoding="utf-8"))["language"] == "zh_CN"
    assert app.manager.get_locale() == "zh"
    driver.click(app.top.choices["language"].element)
    assert get_language() == "en"
    driver.press("Back")
    assert isinstance(app.top, TitleScene)
    assert driver.button("New game")


def test_largest_ui_scale_still_fits_1280x720(driver):
    app = driver.app
    driver.press("Settings")
    for _step in range(4):  # 100% → 125% → 150% → 175% → 200%
        driver.click(app.top.choices["ui_scale"].element)
    assert app.settings.ui_scale == 2.0 and app.fonts.scale == 2.0
    screen = app.window.get_rect()
    for button in driver.buttons():
        assert screen.contains(button.rect), button.text
    driver.press("Back")
    for button in driver.buttons():
        assert screen.contains(button.rect), button.text


def test_colour_blind_palette_switches_at_once(driver):
    app = driver.app
    driver.press("Settings")
    before = app.palette.good
    driver.click(app.top.choices["colour_blind"].element)
    assert app.settings.colour_blind and app.palette.good != before
    assert app.palette.name == "colour_blind"


def _played(turns: int) -> Playthrough:
    play = Playthrough.new("tutorial", 0)
    for _turn in range(turns):
        play.end_turn(report=False)
    return play


def test_save_under_a_name_and_load_it_from_the_title(driver):
    app = driver.app
    app.push(SavesScene(app, _played(1)))
    driver.frames()
    entry = app.top.name_entry
    driver.click(entry)
    driver.key(pygame.K_END)
    driver.type("-b")
    driver.press("Save")
    assert saves.slot_path("First Steps in Qinghe-2026-b").is_file()
    assert "First Steps in Qinghe-2026-b" in [info.name for info in app.top.infos]
    driver.press("Back")
    driver.press("Load a saved game")
    scene = app.top
    index = next(i for i, info in enumerate(scene.infos) if info.name == "First Steps in Qinghe-2026-b")
    driver.click_at(scene._row_rect(index).center)
    assert scene_name(app) == "TurnScene"
    assert app.top.play.turn == 2 and app.top.play.level.id == "tutorial"


def test_a_bad_save_name_is_explained(driver):
    app = driver.app
    app.push(SavesScene(app, _played(0)))
    driver.frames()
    app.top.name_entry.set_text("")
    driver.press("Save")
    assert app.top.message_is_error and app.top.message


def test_a_damaged_autosave_is_explained_and_the_previous_one_offered(driver):
    app = driver.app
    play = _played(1)
    saves.autosave(play)
    play.end_turn(report=False)
    saves.autosave(play)
    current = saves.autosave_path(play.game_id)
    text = current.read_text(encoding="utf-8")
    current.write_text(text[: len(text) // 2], encoding="utf-8")  # truncated
    app.rebuild()
    driver.frames()
    driver.press("Continue")
    assert isinstance(app.top, MessageDialog)
    assert "damaged" in app.top.body()
    driver.press("Load the previous autosave")
    assert scene_name(app) == "TurnScene" and app.top.play.turn == 2


def test_damaged_save_rows_say_what_is_wrong(driver):
    app = driver.app
    saves.slot_path("broken").write_text("{", encoding="utf-8")
    driver.press("Load a saved game")
    scene = app.top
    index = next(i for i, info in enumerate(scene.infos) if info.name == "broken")
    assert scene.infos[index].error
    driver.click_at(scene._row_rect(index).center)
    assert isinstance(app.top, MessageDialog)
    driver.press("OK")
    assert isinstance(app.top, SavesScene)


def test_event_dialog_needs_a_choice_and_reports_it(driver):
    app = driver.app
    level = level_by_id("tutorial")
    event = next(e for e in level.events if e.choices)
    chosen = []
    app.push(EventDialog(app, event, chosen.append))
    driver.frames()
    driver.key(pygame.K_ESCAPE)
    assert isinstance(app.top, EventDialog) and chosen == []
    driver.press(event.choices[1].label)
    assert chosen == [1] and isinstance(app.top, TitleScene)


def test_event_dialog_records_the_choice_in_a_playthrough(driver):
    app = driver.app
    play = _played(5)  # the tutorial's laboratory offer comes in its sixth year
    spec = next(e for e in play.missing_choices())
    done = []
    app.push(EventDialog(app, play, spec, on_done=lambda: done.append(True)))
    driver.frames()
    driver.key(pygame.K_TAB)
    driver.key(pygame.K_RETURN)  # the first choice, by keyboard
    assert play.draft.choices[spec.id] == 0 and done == [True]


def test_an_event_without_choices_just_informs(driver):
    app = driver.app
    event = next(e for e in level_by_id("tutorial").events if not e.choices)
    seen = []
    app.push(EventDialog(app, event, seen.append))
    driver.frames()
    driver.key(pygame.K_ESCAPE)
    assert seen == [None] and isinstance(app.top, TitleScene)


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)])
def test_menus_fit_the_window_in_chinese(driver, size):
    app = driver.app
    app.settings.language = "zh_CN"
    app.windowed_size = size
    app.apply_settings(display=True)
    for scene in (
        LevelSelectScene(app),
        BriefingScene(app, level_by_id("tutorial")),
        SettingsScene(app),
        SavesScene(app, _played(0)),
    ):
        app.push(scene)
        driver.frames()
        screen = app.window.get_rect()
        for button in driver.buttons():
            assert screen.contains(button.rect), (type(scene).__name__, button.text)
        app.pop()


def test_ctrl_s_opens_saving_during_a_game(driver):
    from game.ui.scenes.saves import open_playthrough

    app = driver.app
    play = _played(1)
    open_playthrough(app, play)
    driver.frames()
    while isinstance(app.top, EventDialog):
        driver.key(pygame.K_RETURN)
    turn_screen = app.top
    driver.key(pygame.K_s, mod=pygame.KMOD_CTRL)
    assert isinstance(app.top, SavesScene) and app.top.playthrough is play
    driver.key(pygame.K_ESCAPE)
    assert app.top is turn_screen
    driver.key(pygame.K_s, mod=pygame.KMOD_CTRL)
    driver.key(pygame.K_s, mod=pygame.KMOD_CTRL)  # not a second saves screen on the first
    assert [type(s).__name__ for s in app.stack] == ["TitleScene", "TurnScene", "SavesScene"]


def test_continuing_a_finished_game_shows_its_debrief(driver):
    app = driver.app
    play = _played(0)
    while not play.finished:
        for event in play.missing_choices():
            play.choose(event.id, 0)
        play.end_turn(report=False)
    saves.autosave(play)
    app.rebuild()
    driver.frames()
    driver.press("Continue")
    assert scene_name(app) == "DebriefScene"


def test_a_choice_goes_back_when_its_left_arrow_is_clicked(driver):
    app = driver.app
    driver.press("Settings")
    scale = app.top.choices["ui_scale"].element
    driver.click(scale)
    assert app.settings.ui_scale == 1.25
    scale = app.top.choices["ui_scale"].element
    driver.click_at((scale.rect.left + 8, scale.rect.centery))
    assert app.settings.ui_scale == 1.0


def test_a_long_message_scrolls_inside_a_dialog_that_fits_the_window(driver):
    app = driver.app
    app.settings.ui_scale = 2.0
    app.apply_settings(look=True)
    body = " ".join(["The region's budget is spent on research, talent and finance."] * 40)
    app.push(MessageDialog(app, lambda: "A long message", lambda: body))
    driver.frames()
    dialog = app.top
    screen = app.window.get_rect()
    assert screen.contains(dialog.panel.rect)
    assert screen.contains(driver.button("OK").rect)
    assert dialog.text_offset == 0 and dialog._max_offset() > 0
    driver.key(pygame.K_PAGEDOWN)
    assert dialog.text_offset > 0
    for _press in range(200):
        driver.app.step()
        pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=-1, flipped=False))
    driver.frames()
    assert dialog.text_offset == dialog._max_offset()
    driver.key(pygame.K_RETURN)
    assert not isinstance(app.top, MessageDialog)


def test_named_saves_can_be_deleted_after_a_confirmation(driver):
    app = driver.app
    saves.save_slot(_played(0), "old-try")
    driver.press("Load a saved game")
    scene = app.top
    index = next(i for i, info in enumerate(scene.infos) if info.name == "old-try")
    driver.click_at(scene._delete_rect(index).center)
    assert isinstance(app.top, MessageDialog)
    driver.press("Keep it")
    assert saves.slot_path("old-try").is_file()
    # By keyboard: focus the row, press Delete, confirm.
    scene.keyboard.focus(scene.row_targets[index])
    driver.key(pygame.K_DELETE)
    driver.press("Delete")
    assert not saves.slot_path("old-try").exists()
    assert "old-try" not in [info.name for info in app.top.infos]


def test_each_game_is_listed_and_a_finished_game_can_be_deleted(driver):
    """Every game keeps its autosave, so the list can grow: a game is deleted, after asking,
    with its previous autosave."""
    app = driver.app
    first, second = _played(1), _played(2)
    saves.autosave(first)
    saves.autosave(second)
    driver.press("Load a saved game")
    scene = app.top
    assert sorted(info.game_id for info in scene.infos) == sorted([first.game_id, second.game_id])
    index = next(i for i, info in enumerate(scene.infos) if info.game_id == first.game_id)
    driver.click_at(scene._delete_rect(index).center)
    assert isinstance(app.top, MessageDialog) and "turn 2" in app.top.body()
    driver.press("Delete")
    assert [info.game_id for info in app.top.infos] == [second.game_id]
    assert not saves.autosave_path(first.game_id).exists()


def test_a_save_name_in_chinese_is_kept(driver):
    app = driver.app
    app.push(SavesScene(app, _played(1)))
    driver.frames()
    app.top.name_entry.set_text("中期评估")
    driver.press("Save")
    assert not app.top.message_is_error
    assert "中期评估" in [info.name for info in app.top.infos]


def test_a_reserved_save_name_is_refused_with_a_reason(driver):
    app = driver.app
    app.push(SavesScene(app, _played(1)))
    driver.frames()
    app.top.name_entry.set_text("autosave")
    driver.press("Save")
    assert app.top.message_is_error and "autosave" in app.top.message
    assert not list(saves.saves_dir().glob("slot-*"))


def test_the_seed_can_be_typed_with_the_keyboard_alone(driver):
    app = driver.app
    app.push(BriefingScene(app, level_by_id("tutorial")))
    driver.frames()
    scene = app.top
    driver.key(pygame.K_TAB)  # shows the focus on "Start the level"
    driver.key(pygame.K_TAB, mod=pygame.KMOD_SHIFT)
    assert scene.keyboard.current.element is scene.seed_entry and scene.seed_entry.is_focused
    driver.key(pygame.K_BACKSPACE)
    driver.type("7")
    driver.key(pygame.K_TAB)
    assert not scene.seed_entry.is_focused
    driver.key(pygame.K_RETURN)
    assert scene_name(app) == "TurnScene" and app.top.play.seed == 7


def test_a_broken_level_file_gets_a_card_that_names_its_problem(driver, tmp_path, monkeypatch):
    from game.ui.scenes import level_select

    broken = tmp_path / "broken_level.yaml"
    broken.write_text("id: x\n  title: [unclosed\n", encoding="utf-8")
    good = level_paths()[0]
    monkeypatch.setattr(level_select, "level_paths", lambda: [good, broken])
    app = driver.app
    driver.press("New game")
    entries = app.top.entries
    assert [e.level is not None for e in entries] == [True, False]
    assert entries[1].name == "broken_level.yaml" and "broken_level.yaml" in entries[1].problem
    driver.click_at(app.top._shown(1).center)
    assert isinstance(app.top, MessageDialog)
    assert "broken_level.yaml" in app.top.body()


def test_arrow_keys_walk_the_level_cards_as_a_grid(driver):
    app = driver.app
    driver.press("New game")
    scene = app.top
    columns = scene._grid()[1]
    assert columns == 2 and len(scene.entries) > 2  # 1280×720 at 100%
    driver.key(pygame.K_TAB)
    assert scene.keyboard.index == 0
    driver.key(pygame.K_DOWN)
    assert scene.keyboard.index == columns
    driver.key(pygame.K_RIGHT)
    assert scene.keyboard.index == columns + 1
    driver.key(pygame.K_UP)
    assert scene.keyboard.index == 1
    for _row in range(len(scene.entries)):
        driver.key(pygame.K_DOWN)
    assert scene.keyboard.current.element is scene.back
    assert scene.scroll == scene.max_scroll  # the view followed the focus down


def test_sandbox_events_are_off_unless_switched_on_at_the_briefing(driver):
    from game.content.levels import level_by_id
    from game.ui.scenes.briefing import BriefingScene

    app = driver.app
    app.push(BriefingScene(app, level_by_id("sandbox"), 5))
    driver.frames()
    driver.press("Random events: off")
    assert app.top.events_on
    driver.press("Start the level")
    play = app.top.play
    assert play.events_on and len(play.scenario.events) == len(play.level.events) > 0


def test_levels_without_optional_events_show_no_switch(driver):
    from game.content.levels import level_by_id
    from game.ui.scenes.briefing import BriefingScene

    app = driver.app
    app.push(BriefingScene(app, level_by_id("easy_money"), 0))
    driver.frames()
    assert app.top.events_button is None


def test_loading_a_save_of_a_changed_level_says_so_and_keeps_the_game(driver, tmp_path):
    from game.ui.scenes.saves import load_and_open

    app = driver.app
    play = _played(1)
    path = tmp_path / "changed.json"
    saves.save(play, path)
    assert load_and_open(app, path) and scene_name(app) == "TurnScene"  # unchanged: no notice
    doc = json.loads(path.read_text())
    doc["level_hash"] = "sha256:" + "0" * 64  # saved on an earlier version of the level
    path.write_text(json.dumps(doc))
    assert load_and_open(app, path)
    assert isinstance(app.top, MessageDialog) and "changed since" in app.top.heading()
    driver.key(pygame.K_RETURN)
    assert scene_name(app) == "TurnScene" and app.top.play.log == play.log
