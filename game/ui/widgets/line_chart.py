"""A line chart of one indicator over the years: the player's run against the baseline.

The player's line is solid with filled dots; the "no new policy" baseline is dashed with
rings, so the two read apart without colour. Axis labels use the language's formats.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import pygame

from game.i18n import _
from game.session.names import label
from game.session.report import format_ticks
from game.ui.palette import draw_marker
from game.ui.widgets.control import Control, draw_dashed_line
from game.ui.widgets.look import Look

__all__ = ["LineChart", "nice_ticks"]


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values (1, 2 or 5 × a power of ten) covering [low, high].

    No 2.5 steps: their ticks need one more decimal than the labels show.
    """
    if not (math.isfinite(low) and math.isfinite(high)):
        return [0.0]
    if high - low < 1e-12 * max(1.0, abs(high)):
        pad = abs(high) * 0.05 or 1.0
        low, high = low - pad, high + pad
    raw = (high - low) / max(1, count - 1)
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    first = math.floor(low / step + 1e-9)
    last = math.ceil(high / step - 1e-9)
    ticks = [round(k * step, 12) for k in range(first, last + 1)][:21]
    return ticks


class LineChart(Control):
    def __init__(self, look: Look) -> None:
        super().__init__(look)
        self.indicator = "gdp"
        self.years: list[int] = []
        self.actual: list[float] = []
        self.baseline: list[float] = []

    def set_data(self, indicator: str, years: Sequence[int], actual: Sequence[float],
                 baseline: Sequence[float]) -> None:
        self.indicator = indicator
        self.years = [int(y) for y in years]
        self.actual = [float(v) for v in actual]
        self.baseline = [float(v) for v in baseline]

    def enabled(self) -> bool:
        return False

    def draw(self, surface: pygame.Surface) -> None:
        look = self.look
        rect = self.rect
        pygame.draw.rect(surface, look.colour("surface"), rect, border_radius=look.px(6))
        pad = look.px(14)
        title = look.text(look.fit(label(self.indicator), "heading", rect.width - 2 * pad),
                          "heading", "text")
        surface.blit(title, (rect.x + pad, rect.y + pad))
        # Legend: line style and marker, and the words.
        ly = rect.y + pad + look.line_height("heading") + look.px(2)
        lx = rect.x + pad
        for text, role, dashed, shape in ((_("your policy"), "player", False, "circle"),
                                          (_("no new policy"), "baseline", True, "ring")):
            colour = look.colour(role)
            cy = ly + look.line_height("small") // 2
            if dashed:
                draw_dashed_line(surface, colour, (lx, cy), (lx + look.px(28), cy), look.px(2), look.px(4))
            else:
                pygame.draw.line(surface, colour, (lx, cy), (lx + look.px(28), cy), look.px(3))
            draw_marker(surface, shape, colour, (lx + look.px(14), cy), look.px(9))
            words = look.text(text, "small", "text_muted")
            surface.blit(words, (lx + look.px(34), ly))
            lx += look.px(34) + words.get_width() + look.px(18)
        values = [v for v in self.actual + self.baseline if math.isfinite(v)]
        if not values or not self.years:
            return
        ticks = nice_ticks(min(values), max(values))
        lo, hi = ticks[0], ticks[-1]
        tick_labels = format_ticks(self.indicator, ticks)  # never two equal labels
        label_w = max(look.font("small").size(t)[0] for t in tick_labels)
        plot = pygame.Rect(rect.x + pad + label_w + look.px(8), ly + look.line_height("small") + look.px(12),
                           0, 0)
        plot.width = rect.right - pad - plot.x - look.px(6)
        plot.height = rect.bottom - pad - look.line_height("small") - look.px(6) - plot.y
        if plot.width < look.px(40) or plot.height < look.px(40):
            return
        span = hi - lo or 1.0

        def y_of(v: float) -> float:
            return plot.bottom - plot.height * (v - lo) / span

        first, last = self.years[0], self.years[-1]

        def x_of(year: int) -> float:
            if last == first:
                return plot.centerx
            return plot.x + plot.width * (year - first) / (last - first)

        for t, text in zip(ticks, tick_labels, strict=True):
            y = round(y_of(t))
            pygame.draw.line(surface, look.colour("surface_raised"), (plot.x, y), (plot.right, y), 1)
            s = look.text(text, "small", "text_muted")
            surface.blit(s, (plot.x - look.px(8) - s.get_width(), y - s.get_height() // 2))
        step = max(1, math.ceil(len(self.years) / max(1, plot.width // look.px(56))))
        for k, year in enumerate(self.years):
            if k % step and k != len(self.years) - 1:
                continue
            s = look.text(str(year), "small", "text_muted")
            sx = min(max(round(x_of(year)) - s.get_width() // 2, plot.x - look.px(4)),
                     rect.right - look.px(6) - s.get_width())
            surface.blit(s, (sx, plot.bottom + look.px(4)))
        pygame.draw.line(surface, look.colour("border"), plot.bottomleft, plot.bottomright, 1)
        for series, role, dashed, shape in ((self.baseline, "baseline", True, "ring"),
                                            (self.actual, "player", False, "circle")):
            points = [(x_of(y), y_of(v)) for y, v in zip(self.years, series, strict=False)
                      if math.isfinite(v)]
            colour = look.colour(role)
            for a, b in zip(points, points[1:], strict=False):
                if dashed:
                    draw_dashed_line(surface, colour, a, b, look.px(2), look.px(5))
                else:
                    pygame.draw.line(surface, colour, a, b, look.px(3))
            for p in points:
                draw_marker(surface, shape, colour, (round(p[0]), round(p[1])), look.px(9))
        if len(self.years) == 1:
            note = look.text(_("One point per year: the lines grow as you play."), "small",
                             "text_muted")
            surface.blit(note, (plot.centerx - note.get_width() // 2,
                                plot.bottom - note.get_height() - look.px(8)))
