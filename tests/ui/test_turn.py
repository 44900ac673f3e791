"""The turn screen, driven headless by real key and mouse events."""

from __future__ import annotations

import pygame
import pytest

from game.engine.schema import DIALS, LEVERS, SECTORS
from game.reports.insights import weak_links
from game.session.names import has_help, lever_lag, lever_mechanism
from game.session.playthrough import Playthrough
from game.ui.scenes.report import ReportScene
from game.ui.scenes.turn import TurnScene
from game.ui.widgets.focus_mix import shift_share
from game.ui.widgets.prediction import direction_of
from tests.ui.driver import Driver


def open_turn(driver: Driver, turns_played: int = 0, level: str = "tutorial") -> TurnScene:
    play = Playthrough.new(level, 3)
    for _ in range(turns_played):
        play.end_turn()
    scene = TurnScene(driver.app, play)
    driver.app.push(scene)
    driver.frames()
    # Close event dialogs that open at the start of the turn (first choice).
    while driver.app.top is not scene:
        driver.key(pygame.K_RETURN)
    return scene


def ctrl(key: int) -> tuple[int, int]:
    return key, pygame.KMOD_CTRL


def test_every_lever_of_the_level_has_a_slider_and_closed_ones_are_locked(driver):
    scene = open_turn(driver)
    assert set(scene.sliders) == set(LEVERS)
    assert not scene.sliders["basic"].locked
    education = scene.sliders["education"]
    assert education.locked and "2027" in education.locked_note
    assert scene.dial.locked and scene.focus_mix.locked
    assert all(t.locked for t in scene.pilot_toggles.values())
    # Locked controls are skipped by the keyboard focus.
    assert education not in [t for t in scene.keyboard.targets if t.enabled()]


def test_every_lever_and_dial_has_a_mechanism_and_a_lag():
    for name in (*LEVERS, *DIALS, "pilots", "scale_up"):
        assert has_help(name)
        assert len(lever_mechanism(name)) > 60
        assert any(ch.isdigit() for ch in lever_lag(name)) or name in ("pilots", "scale_up")


def test_arrow_keys_move_the_focused_slider_and_ctrl_z_undoes(driver):
    scene = open_turn(driver)
    play = scene.play
    before = play.draft.shares["basic"]
    assert scene.keyboard.current is scene.sliders["basic"]
    driver.key(pygame.K_TAB)  # the first Tab shows the focus ring
    driver.key(pygame.K_RIGHT)
    assert play.draft.shares["basic"] == pytest.approx(before + 0.01)
    driver.key(pygame.K_RIGHT, pygame.KMOD_SHIFT)
    assert play.draft.shares["basic"] == pytest.approx(before + 0.11)
    driver.key(*ctrl(pygame.K_z))
    assert play.draft.shares["basic"] == pytest.approx(before + 0.01)
    driver.key(*ctrl(pygame.K_z))
    assert play.draft.shares["basic"] == pytest.approx(before)
    assert not scene.buttons["undo"].is_enabled


def drag(driver: Driver, start: tuple[int, int], end: tuple[int, int], steps: int = 5) -> None:
    pygame.mouse.set_pos(start)
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=start, button=1))
    for k in range(1, steps + 1):
        pos = (start[0] + (end[0] - start[0]) * k // steps, start[1])
        pygame.mouse.set_pos(pos)
        pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(1, 0), buttons=(1, 0, 0)))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=end, button=1))
    driver.frames()


def test_a_drag_is_one_undo_step_and_the_budget_is_never_exceeded(driver):
    scene = open_turn(driver)
    play = scene.play
    slider = scene.sliders["applied"]
    track = slider._track()
    start_share = play.draft.shares["applied"]
    drag(driver, (track.x + round(track.width * start_share), track.centery),
         (track.right + 50, track.centery))
    # Dragged to the end: the lever takes only what the reserve held.
    assert play.draft.shares["applied"] > start_share
    assert sum(play.draft.shares.values()) <= play.available_share() + 1e-9
    assert play.reserve() == pytest.approx(0.0, abs=1e-9)
    assert slider.value == pytest.approx(slider.reachable)
    driver.press("Undo")
    assert play.draft.shares["applied"] == pytest.approx(start_share)


def test_enter_ends_the_turn_shows_the_report_and_returns_for_the_next_year(driver):
    scene = open_turn(driver)
    play = scene.play
    scene.keyboard.visible = True
    driver.key(pygame.K_RIGHT, pygame.KMOD_SHIFT)  # change something so causes exist
    driver.key(pygame.K_RETURN)
    assert isinstance(driver.app.top, ReportScene)
    assert play.turn == 2
    # How fast (≤ 100 ms) is `virtuous-circle bench`'s business, not a test's.
    report = driver.app.top.report
    assert report.year == play.year_of(1) and report.changes
    driver.key(pygame.K_RETURN)
    assert driver.app.top is scene and scene.built
    assert scene.title().endswith(str(play.year))


def test_a_prediction_is_revealed_in_the_report(driver):
    scene = open_turn(driver)
    panel = scene.prediction_panel
    indicator_stop, direction_stop = panel.stops
    scene.keyboard.focus(direction_stop)
    scene.keyboard.visible = True
    driver.key(pygame.K_RIGHT)
    assert panel.direction == "up"
    driver.key(pygame.K_RETURN)
    report_scene = driver.app.top
    assert isinstance(report_scene, ReportScene)
    assert report_scene.prediction is not None
    texts = [getattr(item, "text", "") for item in report_scene.column.items]
    assert any(text.startswith("You predicted") for text in texts)


def test_direction_of_a_change():
    assert direction_of("gdp_growth", 0.060, 0.0603) == "flat"
    assert direction_of("gdp_growth", 0.060, 0.065) == "up"
    assert direction_of("gdp", 1000.0, 990.0) == "down"
    assert direction_of("gdp", 1000.0, 1002.0) == "flat"


def test_sector_focus_shares_always_sum_to_one():
    mix = {"traditional": 0.6, "emerging": 0.25, "digital": 0.15}
    shifted = shift_share(mix, "emerging", 0.1)
    assert sum(shifted.values()) == pytest.approx(1.0)
    assert shifted["emerging"] == pytest.approx(0.35)
    # The others keep their proportions.
    assert shifted["traditional"] / shifted["digital"] == pytest.approx(0.6 / 0.15)
    assert shift_share(mix, "digital", 5.0)["digital"] == pytest.approx(1.0)
    assert set(shift_share({s: 0.0 for s in SECTORS} | {"digital": 1.0}, "digital", -0.5)) == set(SECTORS)


def test_a_weak_link_is_named():
    assert weak_links([10.0, 1.0, 8.0]) == [1]
    assert weak_links([10.0, 9.0, 8.0]) == []
    assert weak_links([0.0, 0.0, 0.0]) == []


def test_opened_levers_work_after_their_unlock_turn(driver):
    scene = open_turn(driver, turns_played=6)  # turn 7: focus and pilots open
    assert not scene.focus_mix.locked
    toggle = next(iter(scene.pilot_toggles.values()))
    assert not toggle.locked
    scene.decide_column.ensure_visible(toggle.rect)  # the pilots sit below the fold
    driver.click_at(toggle.rect.center)
    assert toggle.spec.id in scene.play.draft.pilots
    assert scene.budget_bar.parts[-1].share > 0  # the pilot's cost shows in the budget bar
    stop = scene.focus_mix.stops[1]
    before = scene.play.draft.focus["emerging"]
    scene.keyboard.focus(stop)
    scene.keyboard.visible = True
    driver.key(pygame.K_RIGHT)
    assert scene.play.draft.focus["emerging"] == pytest.approx(before + 0.01)
    assert sum(scene.play.draft.focus.values()) == pytest.approx(1.0)


def test_tooltip_shows_for_the_focused_lever(driver):
    scene = open_turn(driver)
    scene.keyboard.visible = True
    surface = pygame.Surface(driver.app.size)
    surface.fill((0, 0, 0))
    scene.draw(surface)
    title, body = scene.keyboard.current.tooltip()
    assert title == "basic research" and "Lag:" in body


@pytest.mark.parametrize("size,scale", [((1280, 720), 1.0), ((1920, 1080), 1.0), ((1280, 720), 2.0)])
def test_layout_fits_and_scrolls_to_the_focused_control(driver, size, scale):
    app = driver.app
    app.settings.ui_scale = scale
    app.windowed_size = size
    app.apply_settings(display=True, look=True)
    scene = open_turn(driver)
    window = pygame.Rect((0, 0), app.size)
    for column in scene.columns:
        assert window.contains(column.rect)
        for item in column.items:
            assert item.rect.width <= column.rect.width
    for button in scene.buttons.values():
        assert window.contains(button.rect)
        assert button.rect.left > scene.title_right
    if scale == 2.0:
        assert scene.decide_column.max_offset > 0  # the decisions scroll at 200%
    # Tab to the last slider: the column scrolls it into view.
    last = scene.sliders["guidance_fund"]
    scene.keyboard.index = scene.keyboard.targets.index(scene.sliders["skills"])
    scene.sliders["guidance_fund"].locked = False
    scene.keyboard.focus(last)
    scene.keyboard.visible = True
    driver.frames()
    assert scene.decide_column.rect.contains(last.rect)


def test_chinese_turn_screen_builds_and_draws(driver):
    from game.i18n import set_language

    set_language("zh_CN")
    driver.app.settings.language = "zh_CN"
    driver.app.apply_settings()
    scene = open_turn(driver, turns_played=2)
    driver.frames()
    assert scene.built
    # Every legend line of the budget bar is Chinese, with amounts in 亿元 (not "bn").
    legend = [text for _role, _marker, text in scene.budget_bar._legend_entries()]
    assert legend and all(any("\u4e00" <= ch <= "\u9fff" for ch in text) for text in legend)
    assert any("亿元" in text for text in legend) and not any("bn" in text for text in legend)


def test_the_forecast_follows_the_sliders_and_can_be_switched_off(driver):
    scene = open_turn(driver, turns_played=2)
    card = scene.cards["tech_contract_value"]
    assert len(card.forecast) == scene.play.turns - 2  # this year to the last
    before = list(card.forecast)
    scene.keyboard.focus(scene.sliders["transfer"])
    scene.keyboard.visible = True
    driver.key(pygame.K_RIGHT, pygame.KMOD_SHIFT)
    assert card.forecast[-1] > before[-1], "more transfer money, more technology contracts ahead"
    assert scene.loop_view.flows is not None
    driver.app.settings.forecast = False
    scene.refresh()
    assert card.forecast == []
    assert scene.loop_view.caption == "Flows last year"


def test_a_language_switch_rebuilds_the_screen_and_keeps_the_turn_state(driver):
    scene = open_turn(driver)
    scene.keyboard.visible = True
    driver.key(pygame.K_RIGHT)
    changed = scene.play.draft.shares["basic"]
    scene.prediction_panel.direction = "down"
    from game.i18n import set_language

    driver.app.settings.language = "zh_CN"
    driver.app.apply_settings()
    try:
        assert driver.app.top is scene and scene.built
        assert scene.prediction_panel.direction == "down"
        assert scene.sliders["basic"].value == pytest.approx(changed)
        assert scene.buttons["undo"].is_enabled  # the undo history survives the rebuild
        driver.key(*ctrl(pygame.K_z))
        assert scene.play.draft.shares["basic"] == pytest.approx(changed - 0.01)
    finally:
        set_language("en")


def test_resting_the_pointer_on_a_lever_shows_its_tooltip(driver, monkeypatch):
    from game.ui.scenes import turn as turn_module

    scene = open_turn(driver)
    slider = scene.sliders["transfer"]
    shown = []
    monkeypatch.setattr(turn_module, "draw_tooltip",
                        lambda surface, look, anchor, title, body, bounds: shown.append((title, body)))
    pos = (slider.rect.x + 20, slider.rect.y + 5)
    pygame.mouse.set_pos(pos)
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(1, 0), buttons=(0, 0, 0)))
    driver.frames(2)
    assert scene._hover is slider and not shown  # not at once: only after a rest
    for _ in range(40):
        driver.app.step(1 / 60)
    assert shown and shown[-1][0] == "technology transfer"
    assert "1 to 3 years" in shown[-1][1]


def test_the_colour_blind_palette_reaches_the_turn_screen(driver):
    from game.ui.palette import COLOUR_BLIND

    driver.app.settings.colour_blind = True
    driver.app.apply_settings(look=True)
    scene = open_turn(driver, turns_played=1)
    assert scene.look.colour("good") == COLOUR_BLIND.good
    assert scene.look.colour("series:4") in COLOUR_BLIND.series
    driver.frames()


def test_the_credit_dial_and_the_sector_mix_follow_the_mouse(driver):
    scene = open_turn(driver, turns_played=6)  # turn 7: every lever and dial is open
    play = scene.play
    dial = scene.dial
    scene.decide_column.ensure_visible(dial.rect)
    driver.frames(1)
    cx, cy = dial._centre()
    r = dial._radius(dial.rect.width)
    driver.click_at((cx + r, cy - 1))  # the right end of the arc: push hard
    assert play.draft.credit_guidance == pytest.approx(1.0, abs=0.02)
    driver.press("Undo")
    assert play.draft.credit_guidance == pytest.approx(play.level.baseline_decision.credit_guidance)
    mix = scene.focus_mix
    scene.decide_column.ensure_visible(mix.rect)
    driver.frames(1)
    bar = mix._bar()
    first_edge = mix._edges()[1]
    drag(driver, (first_edge, bar.centery), (bar.x + bar.width // 10, bar.centery))
    focus = play.draft.focus
    assert focus["traditional"] == pytest.approx(0.1, abs=0.02)
    assert sum(focus.values()) == pytest.approx(1.0)


def test_the_save_button_opens_saving_for_this_game(driver):
    from game.ui.scenes.saves import SavesScene

    scene = open_turn(driver, turns_played=2)
    driver.press("Save")
    assert isinstance(driver.app.top, SavesScene)
    assert driver.app.top.playthrough is scene.play


def test_a_failed_autosave_is_told_once_and_the_game_goes_on(driver, monkeypatch):
    from game.session import saves
    from game.ui.scenes.report import ReportScene

    def broken(play):
        raise saves.SaveError("The disk is full.")

    monkeypatch.setattr(saves, "autosave", broken)
    scene = open_turn(driver)
    scene.end_turn()
    driver.frames()
    from game.ui.widgets.dialog import MessageDialog

    dialog = driver.app.top
    assert isinstance(dialog, MessageDialog)
    assert "The disk is full." in dialog._body()
    assert any(isinstance(s, ReportScene) for s in driver.app.stack)
    assert scene._told_autosave_failed


def test_a_working_pilot_is_rolled_out_with_its_link_and_one_undo_takes_it_back(driver):
    play = Playthrough.new("sandbox", 0)
    play.set_share("applied", 0.2)
    play.toggle_pilot("tech_transfer_reform")
    for _ in range(3):
        play.end_turn()
    scene = TurnScene(driver.app, play)
    driver.app.push(scene)
    driver.frames()
    while driver.app.top is not scene:
        driver.key(pygame.K_RETURN)
    toggle = scene.decisions.pilot_toggles["tech_transfer_reform"]
    assert toggle.scale == "ready"
    scene.decide_column.ensure_visible(toggle.rect)
    scene.decide_column.layout()
    driver.frames()
    driver.click_at(toggle._scale_rect.center)
    assert play.draft.scale_up == ("tech_transfer_reform",) and toggle.scale == "planned"
    driver.press("Undo")
    assert play.draft.scale_up == () and toggle.scale == "ready"
    # The fund horizon is a slider of whole years under Steering.
    assert scene.decisions.horizon is not None and scene.decisions.horizon.years == 7


def test_a_card_shows_the_running_mean_an_objective_is_judged_on(driver):
    from game.content.objectives import evaluate
    from game.i18n import set_language
    from game.session.report import format_value

    scene = open_turn(driver, turns_played=4)  # tutorial: growth judged over the last 3 years
    growth = next(o for o in scene.play.level.objectives if o.indicator == "gdp_growth")
    assert growth.over == 3
    card = scene.cards["gdp_growth"]
    played = scene.play.result().indicators[:, 0, :]
    judged = evaluate(scene.play.level, played).objectives[scene.play.level.objectives.index(growth)]
    assert card.goal.years == 3 and card.goal.judged == pytest.approx(judged.value)
    assert judged.value == pytest.approx(sum(card.history[-3:]) / 3)  # not this year's value
    assert card._judged_text() == "3-year mean " + format_value(
        "gdp_growth", judged.value, target=(growth.comparison, growth.threshold))
    set_language("zh_CN")
    try:
        assert card._judged_text().startswith("近3年平均")
    finally:
        set_language("en")
    driver.frames()  # draws with the extra line
