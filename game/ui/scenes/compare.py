"""Branch and compare: play again from a past turn, then see both runs side by side.

``BranchDialog`` picks the turn; the branch keeps the decisions before it and plays on in
the turn screen; its debrief offers the comparison. ``CompareScene`` shows the final
numbers of both runs (a table; Up/Down choose the indicator charted), the chart of A, B
and the no-new-policy line, why they ended apart and the decisions that differ
(``game.reports.compare``: every number is a replay).
"""

from __future__ import annotations

import math

import pygame
from pygame_gui.elements import UIButton

from game.i18n import _
from game.reports.compare import compare, table_rows
from game.session.names import label
from game.session.report import format_ticks
from game.ui.palette import draw_marker
from game.ui.scene import Scene
from game.ui.widgets.control import Control, draw_dashed_line
from game.ui.widgets.dialog import DialogScene
from game.ui.widgets.line_chart import nice_ticks
from game.ui.widgets.look import Look
from game.ui.widgets.table import DataTable

__all__ = ["BranchDialog", "CompareScene", "start_branch"]


def start_branch(app, play, turn: int) -> None:
    """Play on from ``turn`` (1-based) with the decisions before it; the original is kept
    for the comparison at the end."""
    from game.ui.scenes.title import TitleScene
    from game.ui.scenes.turn import TurnScene

    branch = play.branch(turn)
    branch.compare_with = play
    branch.pack = getattr(play, "pack", None)
    app.reset_to(TitleScene(app), TurnScene(app, branch))


class BranchDialog(DialogScene):
    """Choose the turn to branch from (the arrows or the buttons), then branch."""

    def __init__(self, app, play) -> None:
        super().__init__(app)
        self.play = play
        self.turn = max(1, len(play.log) // 2 + 1)

    def heading(self) -> str:
        return _("Branch from a past turn")

    def body(self) -> str:
        return _("The new run keeps your decisions before turn {turn} ({year}) and is yours to "
                 "play from there. At its end you see both runs side by side.").format(
            turn=self.turn, year=self.play.year_of(self.turn))

    def actions(self):
        # Drawn right to left: Cancel, Earlier, Later, then the default action.
        return [(_("Branch here"), lambda: start_branch(self.app, self.play, self.turn)),
                (_("Later"), lambda: self.move(1)), (_("Earlier"), lambda: self.move(-1)),
                (_("Cancel"), self.close)]

    def move(self, step: int) -> None:
        self.turn = max(1, min(len(self.play.log), self.turn + step))
        self.app.rebuild()

    def handle_event(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_LEFT, pygame.K_RIGHT):
            self.move(-1 if event.key == pygame.K_LEFT else 1)
            return True
        return super().handle_event(event)


class CompareChart(Control):
    """One indicator over the years: run A (solid), run B (dashed) and no new policy (dotted)."""

    def __init__(self, look: Look) -> None:
        super().__init__(look)
        self.indicator = "gdp_growth"
        self.series: list[tuple[str, str, list[int], list[float], str]] = []

    def enabled(self) -> bool:
        return False

    def draw(self, surface: pygame.Surface) -> None:
        look, rect = self.look, self.rect
        pygame.draw.rect(surface, look.colour("surface"), rect, border_radius=look.px(6))
        pad = look.px(14)
        name = label(self.indicator) if self.indicator != "score" else _("score")
        surface.blit(look.text(look.fit(name, "heading", rect.width - 2 * pad), "heading", "text"),
                     (rect.x + pad, rect.y + pad))
        ly = rect.y + pad + look.line_height("heading") + look.px(2)
        lx = rect.x + pad
        for text, role, _years, _values, style in self.series:
            self._stroke(surface, role, style, (lx, ly + look.line_height("small") // 2),
                         (lx + look.px(28), ly + look.line_height("small") // 2))
            words = look.text(look.fit(text, "small", look.px(200)), "small", "text_muted")
            surface.blit(words, (lx + look.px(34), ly))
            lx += look.px(34) + words.get_width() + look.px(18)
        values = [v for *_rest, vs, _s in self.series for v in vs if math.isfinite(v)]
        years = sorted({y for _t, _r, ys, _v, _s in self.series for y in ys})
        if not values or not years:
            return
        ticks = nice_ticks(min(values), max(values))
        labels = format_ticks(self.indicator, ticks) if self.indicator != "score" else [
            f"{t:g}" for t in ticks]
        label_w = max(look.font("small").size(t)[0] for t in labels)
        top = ly + look.line_height("small") + look.px(12)
        plot = pygame.Rect(rect.x + pad + label_w + look.px(8), top, 0, 0)
        plot.width = rect.right - pad - plot.x
        plot.height = rect.bottom - pad - look.line_height("small") - look.px(6) - top
        if plot.width < look.px(40) or plot.height < look.px(40):
            return
        lo, span = ticks[0], (ticks[-1] - ticks[0]) or 1.0

        def at(year: int, value: float) -> tuple[float, float]:
            x = plot.x + plot.width * (year - years[0]) / max(1, years[-1] - years[0])
            return x, plot.bottom - plot.height * (value - lo) / span

        for t, text in zip(ticks, labels, strict=True):
            y = round(at(years[0], t)[1])
            pygame.draw.line(surface, look.colour("surface_raised"), (plot.x, y), (plot.right, y), 1)
            s = look.text(text, "small", "text_muted")
            surface.blit(s, (plot.x - look.px(8) - s.get_width(), y - s.get_height() // 2))
        for year in (years[0], years[len(years) // 2], years[-1]):
            s = look.text(str(year), "small", "text_muted")
            surface.blit(s, (min(at(year, lo)[0] - s.get_width() // 2, rect.right - s.get_width()),
                             plot.bottom + look.px(4)))
        for _text, role, ys, vs, style in reversed(self.series):
            points = [at(y, v) for y, v in zip(ys, vs, strict=False) if math.isfinite(v)]
            for a, b in zip(points, points[1:], strict=False):
                self._stroke(surface, role, style, a, b)
            for p in points:
                draw_marker(surface, {"solid": "circle", "dashed": "diamond"}.get(style, "ring"),
                            look.colour(role), (round(p[0]), round(p[1])), look.px(9))

    def _stroke(self, surface, role: str, style: str, a, b) -> None:
        colour, look = self.look.colour(role), self.look
        if style == "solid":
            pygame.draw.line(surface, colour, a, b, look.px(3))
        else:
            draw_dashed_line(surface, colour, a, b, look.px(3 if style == "dashed" else 2),
                             look.px(7 if style == "dashed" else 3))


class CompareScene(Scene):
    """Runs A and B side by side. Up/Down (or a click on the table) choose the indicator."""

    def __init__(self, app, a, b, names: tuple[str, str] | None = None) -> None:
        super().__init__(app)
        self.a, self.b = a, b
        self.names = names or (_("A: first run"), _("B: branch"))
        self.comparison = compare(a, b, self.names)
        self.scroll = 0

    def title(self) -> str:
        return _("Two runs compared")

    def enter(self) -> None:
        super().enter()
        look = self.look = Look(self.app)
        width, height = self.app.size
        pad, h = look.px(12), look.px(40)
        self.bar_height = look.px(56)
        text = _("Back")
        w = max(look.px(110), look.font("body").size(text)[0] + look.px(36))
        self.back = self.track(UIButton(pygame.Rect(width - pad - w, (self.bar_height - h) // 2, w, h),
                                        text, manager=self.app.manager, object_id="#primary"))
        self.title_right = width - pad - w - look.px(10)
        top = self.bar_height + pad
        left_w = min(look.px(560), (width - 3 * pad) // 2)
        self.table = DataTable(look)
        header, rows = table_rows(self.comparison)
        self.table.set_data(header, rows)
        self.table.set_rect(pygame.Rect(pad, top, left_w, min(height // 2, look.px(60) + len(rows) * look.px(34))))
        self.notes = pygame.Rect(pad, self.table.rect.bottom + pad, left_w, height - self.table.rect.bottom - 2 * pad)
        right = pygame.Rect(2 * pad + left_w, top, width - 3 * pad - left_w, height - top - pad)
        self.chart = CompareChart(look)
        self.chart.set_rect(right)
        self._chart(0)
        self.keyboard.add(self.table)
        self.keyboard.add(self.back)
        self.keyboard.focus(self.table)

    def _chart(self, row: int) -> None:
        c = self.comparison
        name = c.indicators[row]
        series = []
        for run, who, role, style in ((c.a, c.names[0], "player", "solid"),
                                      (c.b, c.names[1], "industry", "dashed")):
            values = [float(v) for v in run.result().series(name)]
            series.append((who, role, [run.year_of(t + 1) for t in range(len(values))], values, style))
        base = [float(v) for v in c.a.baseline_result().series(name)]
        series.append((_("no new policy"), "baseline", [c.a.year_of(t + 1) for t in range(len(base))],
                       base, "dotted"))
        self.chart.indicator, self.chart.series = name, series
        self.app.request_redraw()

    def _lines(self) -> list[tuple[str, str]]:
        c = self.comparison
        lines = [(note, "text_muted") for note in c.notes]
        lines.append((_("Why they ended apart"), "heading"))
        lines += [(e.describe(), "text") for e in c.explanations[:4]] or [
            (_("No single kind of decision explains the difference on its own."), "text_muted")]
        lines.append((_("The decisions that differ"), "heading"))
        lines += [(d.describe(), "text") for d in c.differences] or [(_("No decision differs."), "text_muted")]
        return lines

    def handle_event(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_UP, pygame.K_DOWN):
            self.table.adjust(1 if event.key == pygame.K_DOWN else -1)
            self._chart(self.table.selected)
            return True
        if event.type == pygame.MOUSEWHEEL and self.notes.collidepoint(pygame.mouse.get_pos()):
            self.scroll = max(0, self.scroll - event.y * self.look.px(40))
            self.app.request_redraw()
            return True
        if event.type == pygame.MOUSEBUTTONDOWN and self.table.handle_mouse(event):
            self._chart(self.table.selected)
            return True
        return super().handle_event(event)

    def on_button(self, element: object) -> bool:
        if element is self.back:
            self.app.pop()
            return True
        return False

    def draw(self, surface: pygame.Surface) -> None:
        look = self.look
        pygame.draw.rect(surface, look.colour("background_deep"), pygame.Rect(0, 0, self.app.size[0], self.bar_height))
        title = look.first_fitting([_("Two runs compared: {a} and {b}").format(
            a=self.names[0], b=self.names[1]), _("Two runs compared")], "title", self.title_right - look.px(26))
        t = look.text(title, "title", "text")
        surface.blit(t, (look.px(16), (self.bar_height - t.get_height()) // 2))
        self.table.draw(surface)
        self.chart.draw(surface)
        self._draw_notes(surface)

    def _draw_notes(self, surface: pygame.Surface) -> None:
        look, area = self.look, self.notes
        clip = surface.get_clip()
        surface.set_clip(area)
        y = area.y - self.scroll
        for text, role in self._lines():
            font = "heading" if role == "heading" else "body"
            if role == "heading":
                y += look.px(6)
            for line in look.lines(text, font, area.width):
                if y > area.bottom:
                    break
                surface.blit(look.text(line, font, "text" if role == "heading" else role), (area.x, y))
                y += look.line_height(font)
        surface.set_clip(clip)
