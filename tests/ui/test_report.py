"""The turn report and the charts screen, driven headless."""

from __future__ import annotations

import pygame
import pytest

from game.session.playthrough import Playthrough
from game.ui.scenes.charts import ChartsScene, table_rows
from game.ui.scenes.report import ChangeBlock, ReportScene, event_lines
from game.ui.scenes.turn import TurnScene
from game.ui.widgets.line_chart import nice_ticks
from tests.ui.driver import Driver


def played(turns: int) -> Playthrough:
    play = Playthrough.new("tutorial", 5)
    for k in range(turns):
        play.set_share("transfer", 0.08 + 0.02 * k)
        play.end_turn()
    return play


def open_report(driver: Driver, turns_before: int = 2) -> tuple[TurnScene, ReportScene]:
    play = played(turns_before)
    turn = TurnScene(driver.app, play)
    driver.app.push(turn)
    driver.frames()
    while driver.app.top is not turn:  # answer start-of-turn events with their first choice
        driver.key(pygame.K_RETURN)
    play.set_share("transfer", 0.2)
    turn.refresh()
    driver.press("End turn")
    assert isinstance(driver.app.top, ReportScene)
    return turn, driver.app.top


def test_report_explains_each_headline_change_with_causes_naming_lever_and_year(driver):
    _turn, scene = open_report(driver)
    blocks = [b for b in scene.blocks if isinstance(b, ChangeBlock)]
    assert len(blocks) == len(scene.report.changes) >= 6
    causes = [c for change in scene.report.changes for c in change.causes]
    assert causes, "a changed lever must show up as a cause"
    sentence = causes[0].describe()
    assert "technology transfer" in sentence and causes[0].when() in sentence
    for change in scene.report.changes:  # the card leads with the comparison to no new policy
        assert " — without your policies " in change.describe()
    for block in blocks:
        assert block.rect.height >= block.preferred_height(block.rect.width)  # nothing cut off


def test_report_lists_the_events_of_the_year(driver):
    play = played(3)
    play.end_turn()  # turn 4: the textile orders fall
    lines = event_lines(play.level, tuple(play.fired_events(4)))
    assert any("textiles" in line for line in lines)


def test_next_year_returns_to_the_turn_screen_and_charts_open_from_the_report(driver):
    turn, _scene = open_report(driver, turns_before=0)
    driver.press("Charts")
    assert isinstance(driver.app.top, ChartsScene)
    driver.key(pygame.K_ESCAPE)
    assert isinstance(driver.app.top, ReportScene)
    driver.press("Next year")
    assert driver.app.top is turn and turn.built


def test_an_event_of_the_new_year_opens_before_deciding(driver):
    turn, _scene = open_report(driver, turns_before=2)
    driver.press("Next year")  # turn 4: export orders for textiles fall
    assert type(driver.app.top).__name__ == "EventDialog"
    assert driver.app.stack[-2] is turn
    driver.key(pygame.K_RETURN)
    assert driver.app.top is turn


def test_charts_switch_to_a_table_of_the_same_numbers_by_keyboard(driver):
    play = played(4)
    scene = ChartsScene(driver.app, play, indicator="gdp")
    driver.app.push(scene)
    driver.frames()
    assert scene.chart.indicator == "gdp"
    assert scene.chart.actual[-1] == play.result().series("gdp")[-1]
    driver.key(pygame.K_TAB)  # show the focus ring on the indicator list
    driver.key(pygame.K_DOWN)
    assert scene.chart.indicator == "gdp_growth"
    driver.key(pygame.K_t)
    scene = driver.app.top
    assert scene.show_table and scene.table.visible
    headers, rows = table_rows(scene.series, "gdp_growth")
    assert scene.table.rows == rows and len(rows) == 5  # the starting year and four turns
    assert rows[0][0] == str(play.year_of(1) - 1)
    driver.press("Show chart")
    assert not driver.app.top.show_table
    driver.press("Back")
    assert not isinstance(driver.app.top, ChartsScene)


def test_nice_ticks_cover_the_range_with_round_steps():
    ticks = nice_ticks(0.013, 0.047)
    assert ticks[0] <= 0.013 and ticks[-1] >= 0.047
    steps = {round(b - a, 10) for a, b in zip(ticks, ticks[1:], strict=False)}
    assert len(steps) == 1 and steps.pop() in (0.005, 0.01)
    assert nice_ticks(0.0775, 0.0825) == pytest.approx([0.076, 0.078, 0.08, 0.082, 0.084])
    assert nice_ticks(5.0, 5.0)[0] < 5.0 < nice_ticks(5.0, 5.0)[-1]


def test_about_the_same_holds_within_a_tolerance_a_student_accepts():
    from game.ui.widgets.prediction import Prediction, direction_of

    assert direction_of("gdp_growth", 0.050, 0.0509) == "flat"    # within ±0.1 pp
    assert direction_of("gdp_growth", 0.050, 0.0512) == "up"
    assert direction_of("npl_ratio", 0.0100, 0.0101) == "flat"    # within ±0.02 pp
    assert direction_of("npl_ratio", 0.0100, 0.0104) == "up"
    right, text = Prediction("gdp_growth", "flat", 2030).reveal(0.050, 0.0509)
    assert right and "within ±0.1 pp" in text


def test_a_loop_link_without_money_is_not_said_to_carry_money(driver):
    from game.ui.widgets.causal_loop import CausalLoop
    from game.ui.widgets.look import Look

    loop = CausalLoop(Look(driver.app))
    loop.set_flows([12.0, 9.0, 0.0], "Flows last year")
    lines = " ".join(line for line, _role in loop._caption_lines(2000))
    assert "No money flows along: money for research" in lines
    assert "All three links carry money" not in lines
    loop.set_flows([12.0, 9.0, 10.0], "Flows last year")
    assert "All three links carry money" in " ".join(t for t, _r in loop._caption_lines(2000))


def test_the_report_names_each_event_with_its_size(driver):
    play = played(3)
    report = play.end_turn()  # turn 4: the textile orders fall
    assert report.event_sizes
    lines = event_lines(play.level, report.events, report.event_sizes)
    assert any("This year it moved GDP growth by -" in line for line in lines)


def test_the_report_says_which_points_are_judged_after_the_level(driver):
    """old_industrial_base's departure audit: pending during the level, its points named."""
    from game.ui.widgets.scroll_column import Paragraph
    from tests.ui.test_turn import open_turn

    open_turn(driver, 1, "old_industrial_base")
    driver.press("End turn")
    scene = driver.app.top
    assert isinstance(scene, ReportScene)
    texts = [item.text for item in scene.column.items if isinstance(item, Paragraph)]
    assert "17 of the 100 points are judged after you leave (the departure audit)." in texts
    assert any(t.startswith("Departure audit:") and t.endswith(
        "(judged on the five years after you leave)") for t in texts)
