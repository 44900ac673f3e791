"""Screen rough edges of issue 12, seen through the real app: settings at 200%, choice arrows,
keyboard focus after a year, the report's buttons, locked levers, pilots and quotes."""

from __future__ import annotations

import pygame

from game.ui.scenes.settings_scene import ROWS


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


def _to_turn_screen(driver, level="tutorial"):
    from game.session.playthrough import Playthrough
    from game.ui.scenes.turn import TurnScene

    app = driver.app
    app.push(TurnScene(app, Playthrough.new(level, 0)))
    driver.frames()
    return app.top


def test_next_year_is_not_where_end_turn_was(driver):
    app = driver.app
    turn = _to_turn_screen(driver)
    end = turn.buttons["end"].rect.copy()
    driver.press("End turn")
    assert type(app.top).__name__ == "ReportScene"
    report = app.top
    assert not report.buttons["continue"].rect.colliderect(end)
    # A second click where "End turn" was leaves the report open.
    driver.click_at(end.center)
    assert type(app.top).__name__ in ("ReportScene", "ChartsScene")
    assert app.window.get_rect().contains(report.buttons["continue"].rect)


def test_after_next_year_the_keyboard_is_on_the_first_decision_and_no_tooltip_is_open(driver):
    app = driver.app
    turn = _to_turn_screen(driver)
    driver.key(pygame.K_TAB)
    driver.key(pygame.K_TAB)  # the player walked the keyboard to the second slider
    driver.key(pygame.K_RETURN)  # Enter ends the turn
    assert type(app.top).__name__ == "ReportScene"
    driver.press("Next year")
    assert app.top is turn and turn.play.turn == 2
    assert turn.keyboard.current is turn.sliders["basic"]
    assert not turn.keyboard.visible  # so no slider's tooltip is drawn over the ones below
    drawn = []
    import game.ui.scenes.turn as turn_module

    original = turn_module.draw_tooltip
    turn_module.draw_tooltip = lambda *args, **kw: drawn.append(args)
    try:
        app.request_redraw()
        driver.frames()
    finally:
        turn_module.draw_tooltip = original
    assert drawn == []


def test_clicking_a_slider_moves_the_keyboard_to_it(driver):
    turn = _to_turn_screen(driver)
    targets = [t for t in turn.keyboard.targets if t.enabled() and t.rect.width > 0]
    second = targets[1]
    driver.click_at(second.rect.center)
    assert turn.keyboard.current is second


def test_a_pilot_ticked_this_year_is_not_running_until_the_year_is_resolved(driver):
    from game.i18n import _

    app = driver.app
    turn = _to_turn_screen(driver, "sandbox")
    pid, toggle = next(iter(turn.decisions.pilot_toggles.items()))
    toggle.activate()
    driver.frames()
    toggle = turn.decisions.pilot_toggles[pid]
    assert toggle.active and not toggle.running
    assert toggle._state_word() != _("running")
    driver.press("End turn")
    driver.press("Next year")
    assert app.top is turn
    toggle = turn.decisions.pilot_toggles[pid]
    assert toggle.active and toggle.running and toggle._state_word() == _("running")


def test_the_seed_tooltip_is_broken_by_the_games_line_breaker_at_any_size(driver):
    from game.content.levels import level_by_id
    from game.ui.scenes.briefing import BriefingScene
    from game.ui.widgets.text import GUI_TIP_FONT, GUI_TIP_WIDTH

    app = driver.app
    for lang, scale in (("zh_CN", 1.5), ("en", 1.0)):
        app.settings.language, app.settings.ui_scale = lang, scale
        app.apply_settings(look=True)
        app.push(BriefingScene(app, level_by_id("tutorial")))
        driver.frames()
        tip = app.top.seed_entry.tool_tip_text
        lines = tip.split("<br>")
        assert len(lines) >= 1 and "-" not in "".join(lines)
        font = app.fonts.get(GUI_TIP_FONT)
        assert all(font.size(line)[0] <= app.px(GUI_TIP_WIDTH) for line in lines)
        app.pop()


def test_a_co_funded_laboratory_shows_its_cost_on_the_budget_bar_and_in_the_report(driver):
    from game.session.playthrough import Playthrough
    from game.ui.scenes.report import event_lines
    from game.ui.scenes.turn import TurnScene

    app = driver.app
    play = Playthrough.new("tutorial", 0)
    for _turn in range(5):
        play.end_turn()
    app.push(TurnScene(app, play))
    driver.frames()
    turn = next(s for s in app.stack if isinstance(s, TurnScene))
    driver.press("Decline politely")
    assert turn.decisions.budget_bar.event_cost == 0
    play.choose("university_offer", 0)  # co-fund
    turn.refresh()
    bar = turn.decisions.budget_bar
    assert bar.event_cost > 0
    assert any("events" in text for _role, _shape, text in bar._legend_entries())
    lines = event_lines(play.level, (("university_offer", 0),))
    assert "S&T budget" in lines[0]


def test_the_suggested_save_name_is_in_the_players_language(driver):
    from game.session.playthrough import Playthrough
    from game.ui.scenes.saves import SavesScene

    app = driver.app
    app.settings.language = "zh_CN"
    app.apply_settings()
    app.push(SavesScene(app, Playthrough.new("tutorial", 0)))
    driver.frames()
    assert app.top.name_entry.get_text() == "初到清河-2025"


def test_the_briefing_bar_keeps_the_seed_at_200_percent(driver):
    from game.content.levels import level_by_id
    from game.ui.scenes.briefing import BriefingScene

    app = driver.app
    for lang in ("en", "zh_CN"):
        app.settings.language, app.settings.ui_scale = lang, 2.0
        app.apply_settings(look=True)
        app.push(BriefingScene(app, level_by_id("sandbox")))
        driver.frames()
        scene = app.top
        rects = [scene.seed_entry.rect, scene.back.rect, scene.start.rect, scene.events_button.rect]
        screen = app.window.get_rect()
        for i, rect in enumerate(rects):
            assert rect.width > 0 and screen.contains(rect)
            for other in rects[i + 1:]:
                assert not rect.colliderect(other)
        app.pop()


def test_the_debrief_buttons_stay_on_screen_at_200_percent(driver):
    from game.session.playthrough import Playthrough
    from game.ui.scenes.debrief import DebriefScene

    app = driver.app
    app.settings.ui_scale = 2.0
    app.apply_settings(look=True)
    play = Playthrough.new("tutorial", 0)
    while not play.finished:
        play.end_turn()
    app.push(DebriefScene(app, play))
    driver.frames()
    screen = app.window.get_rect()
    rects = [b.rect for b in app.top.buttons.values()]
    for i, rect in enumerate(rects):
        assert screen.contains(rect)
        assert not any(rect.colliderect(other) for other in rects[i + 1:])


def test_a_locked_group_says_so_in_the_budget_legend(driver):
    from game.i18n import _

    turn = _to_turn_screen(driver)  # the tutorial: talent opens in year three
    entries = [text for _role, _shape, text in turn.decisions.budget_bar._legend_entries()]
    talent = next(text for text in entries if text.startswith(_("talent")))
    assert "locked" in talent
    research = next(text for text in entries if text.startswith(_("research")))
    assert "locked" not in research


def test_a_hover_tooltip_follows_the_panel_when_it_scrolls(driver):
    turn = _to_turn_screen(driver, "sandbox")
    column = turn.columns[0]
    slider = turn.sliders["applied"]
    pos = slider.rect.center
    import pygame as pg

    pg.mouse.set_pos(pos)
    pg.event.post(pg.event.Event(pg.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)))
    driver.frames()
    assert turn._hover is slider
    pg.event.post(pg.event.Event(pg.MOUSEWHEEL, x=0, y=-3, flipped=False))
    driver.frames()
    assert column.offset > 0
    assert turn._hover is turn._control_at(pos)  # what is under the pointer now, not the old one
    assert turn._hover is not slider or slider.rect.collidepoint(pos)


def test_esc_on_the_last_report_does_not_move_on_to_the_debrief(driver):
    from game.session.playthrough import Playthrough
    from game.ui.scenes.turn import TurnScene

    app = driver.app
    play = Playthrough.new("tutorial", 0)
    while play.turn < play.turns:
        play.end_turn()
    app.push(TurnScene(app, play))
    driver.frames()
    driver.key(pygame.K_RETURN)
    assert type(app.top).__name__ == "ReportScene"
    driver.key(pygame.K_ESCAPE)
    assert type(app.top).__name__ == "ReportScene"
    driver.press("See the debrief")
    assert type(app.top).__name__ == "DebriefScene"
