"""Charts: every indicator over the years against the "no new policy" baseline, with a table
of the same numbers behind each chart.

Keyboard: Up/Down choose the indicator (when the list has focus), T or the button switches
between chart and table, the arrows move through the table's rows, Esc goes back.
"""

from __future__ import annotations

import pygame
from pygame_gui.elements import UIButton

from game.engine.schema import INDICATORS
from game.i18n import _
from game.reports.debrief import run_series
from game.session.names import label
from game.session.report import format_amount, format_value
from game.ui.palette import draw_marker
from game.ui.scene import Scene
from game.ui.widgets.control import Control
from game.ui.widgets.line_chart import LineChart
from game.ui.widgets.look import Look
from game.ui.widgets.table import DataTable

__all__ = ["ChartsScene", "IndicatorList", "table_rows"]


def table_rows(series, indicator: str) -> tuple[list[str], list[list[str]]]:
    """Headers and rows of the table behind a chart: year, your policy, baseline, difference."""
    headers = [_("Year"), _("Your policy"), _("No new policy"), _("Difference")]
    rows = []
    for k, year in enumerate(series.years):
        actual = float(series.actual[indicator][k])
        base = float(series.baseline[indicator][k]) if indicator in series.baseline else float("nan")
        rows.append([str(year), format_value(indicator, actual), format_value(indicator, base),
                     format_amount(indicator, actual - base)])
    return headers, rows


class IndicatorList(Control):
    """The list of indicators; the selected one is charted. Up/Down move the selection.

    Long names wrap onto a second line rather than being cut off (at 200% scale).
    """

    def __init__(self, look: Look, names: list[str], on_select) -> None:
        super().__init__(look)
        self.names = names
        self.selected = 0
        self.first = 0
        self.on_select = on_select

    def _lines(self, index: int) -> list[str]:
        return self.look.lines(label(self.names[index]), "body", self.rect.width - self.look.px(20))

    def _row_h(self, index: int) -> int:
        return len(self._lines(index)) * self.look.line_height("body") + self.look.px(8)

    def _rows_shown(self) -> list[tuple[int, pygame.Rect]]:
        """(index, rectangle) of the rows that fit, from ``first`` down."""
        rows, y = [], self.rect.y
        for k in range(self.first, len(self.names)):
            h = self._row_h(k)
            if y + h > self.rect.bottom and rows:
                break
            rows.append((k, pygame.Rect(self.rect.x, y, self.rect.width, h - self.look.px(2))))
            y += h
        return rows

    def select(self, index: int) -> None:
        self.selected = max(0, min(len(self.names) - 1, index))
        if self.selected < self.first:
            self.first = self.selected
        while self.selected not in [k for k, _r in self._rows_shown()]:
            self.first += 1
        self.on_select(self.names[self.selected])

    def adjust(self, step: int) -> bool:
        self.select(self.selected + (1 if step > 0 else -1))
        return True

    def handle_mouse(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1 and self.rect.collidepoint(event.pos):
            for k, row in self._rows_shown():
                if row.collidepoint(event.pos):
                    self.select(k)
            return True
        return False

    def scroll(self, rows: int) -> None:
        self.first = max(0, min(self.first + rows, len(self.names) - 1))

    def draw(self, surface: pygame.Surface) -> None:
        look = self.look
        shown = self._rows_shown()
        # Arrows say that more names lie above or below (the list scrolls with the wheel).
        if self.first > 0:
            draw_marker(surface, "triangle_up", look.colour("text_muted"),
                        (self.rect.right - look.px(10), self.rect.y + look.px(8)), look.px(10))
        if shown and shown[-1][0] < len(self.names) - 1:
            draw_marker(surface, "triangle_down", look.colour("text_muted"),
                        (self.rect.right - look.px(10), self.rect.bottom - look.px(8)), look.px(10))
        for k, row in shown:
            chosen = k == self.selected
            if chosen:
                pygame.draw.rect(surface, look.colour("surface_raised"), row, border_radius=look.px(4))
                pygame.draw.rect(surface, look.colour("accent"),
                                 pygame.Rect(row.x, row.y, look.px(4), row.height))
            y = row.y + look.px(3)
            for line in self._lines(k):
                surface.blit(look.text(line, "body", "text" if chosen else "text_muted"),
                             (row.x + look.px(12), y))
                y += look.line_height("body")


class ChartsScene(Scene):
    def __init__(self, app, playthrough, indicator: str = "gdp_growth") -> None:
        super().__init__(app)
        self.play = playthrough
        self.indicator = indicator
        self.show_table = False

    def title(self) -> str:
        return _("Charts")

    def enter(self) -> None:
        super().enter()
        look = self.look = Look(self.app)
        width, height = self.app.size
        self.series = run_series(self.play)
        self.bar_height = look.px(56)
        h, pad = look.px(40), look.px(12)
        x = width - pad
        self.buttons: dict[str, UIButton] = {}
        for key, text in (("back", _("Back")),
                          ("toggle", _("Show chart") if self.show_table else _("Show table"))):
            w = max(look.px(120), look.font("body").size(text)[0] + look.px(36))
            x -= w
            self.buttons[key] = self.track(UIButton(
                pygame.Rect(x, (self.bar_height - h) // 2, w, h), text, manager=self.app.manager))
            x -= look.px(10)
        self.title_right = x
        names = list(INDICATORS)  # every indicator, the score too
        list_w = min(look.px(300), width // 3)
        top = self.bar_height + look.px(12)
        self.list = IndicatorList(look, names, self._select)
        self.list.set_rect(pygame.Rect(pad, top, list_w, height - top - pad))
        area = pygame.Rect(pad + list_w + look.px(16), top, width - list_w - 2 * pad - look.px(16),
                           height - top - pad)
        self.chart = LineChart(look)
        self.chart.set_rect(area)
        self.table = DataTable(look)
        self.table.set_rect(area)
        self.table.visible = self.show_table  # out of the focus order while the chart shows
        self.list.select(names.index(self.indicator) if self.indicator in names else 0)
        self.keyboard.add(self.list)
        self.keyboard.add(self.table)
        self.keyboard.add(self.buttons["toggle"])
        self.keyboard.add(self.buttons["back"])

    def _select(self, indicator: str) -> None:
        self.indicator = indicator
        s = self.series
        self.chart.set_data(indicator, s.years, s.actual[indicator], s.baseline.get(indicator, ()))
        headers, rows = table_rows(s, indicator)
        self.table.set_data(headers, rows)
        self.app.request_redraw()

    def toggle(self) -> None:
        self.show_table = not self.show_table
        self.app.rebuild()

    def handle_event(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.KEYDOWN:
            current = self.keyboard.current
            if event.key in (pygame.K_UP, pygame.K_DOWN) and current in (self.list, self.table):
                current.adjust(1 if event.key == pygame.K_DOWN else -1)
                self.keyboard.visible = True
                self.app.request_redraw()
                return True
            if event.key == pygame.K_t:
                self.toggle()
                return True
        if event.type == pygame.MOUSEWHEEL:
            pos = pygame.mouse.get_pos()
            if self.list.rect.collidepoint(pos):
                self.list.scroll(-event.y)
            elif self.show_table and self.table.rect.collidepoint(pos):
                self.table.scroll(-event.y)
            self.app.request_redraw()
            return True
        if super().handle_event(event):
            self.app.request_redraw()
            return True
        for control in (self.list, self.table if self.show_table else None):
            if control is not None and control.handle_event(event):
                self.app.request_redraw()
                return True
        return False

    def on_button(self, element: object) -> bool:
        if element is self.buttons.get("toggle"):
            self.toggle()
        elif element is self.buttons.get("back"):
            self.app.pop()
        else:
            return False
        return True

    def draw(self, surface: pygame.Surface) -> None:
        look = self.look
        pygame.draw.rect(surface, look.colour("background_deep"),
                         pygame.Rect(0, 0, self.app.size[0], self.bar_height))
        title = look.first_fitting(
            [_("{region}: your policy against no new policy").format(region=_(self.play.level.region)),
             _("Charts")], "title", self.title_right - look.px(26))
        t = look.text(title, "title", "text")
        surface.blit(t, (look.px(16), (self.bar_height - t.get_height()) // 2))
        self.list.draw(surface)
        if self.show_table:
            self.table.draw(surface)
        else:
            self.chart.draw(surface)
