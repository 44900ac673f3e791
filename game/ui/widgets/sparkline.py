"""A sparkline: a small line of an indicator's history, with the forecast dashed after it."""

from __future__ import annotations

from collections.abc import Sequence

import pygame

from game.ui.widgets.control import draw_dashed_line

__all__ = ["draw_sparkline"]


def draw_sparkline(
    surface: pygame.Surface,
    rect: pygame.Rect,
    history: Sequence[float],
    colour: tuple[int, int, int],
    forecast: Sequence[float] = (),
    forecast_colour: tuple[int, int, int] | None = None,
    width: int = 2,
) -> None:
    """History as a solid line, then ``forecast`` (the values after it) dashed.

    Both share one vertical scale so the forecast continues the line; a flat series is
    drawn through the middle.
    """
    values = [float(v) for v in history] + [float(v) for v in forecast]
    if len(values) < 2 or rect.width < 4 or rect.height < 4:
        if values:
            pygame.draw.circle(surface, colour, rect.center, max(2, width + 1))
        return
    low, high = min(values), max(values)
    span = high - low
    if span < 1e-12 * max(1.0, abs(high)):
        low, span = low - 1.0, 2.0

    def point(i: int, v: float) -> tuple[float, float]:
        x = rect.x + rect.width * i / (len(values) - 1)
        y = rect.bottom - 1 - (rect.height - 2) * (v - low) / span
        return x, y

    points = [point(i, v) for i, v in enumerate(values)]
    n = len(history)
    if n >= 2:
        pygame.draw.lines(surface, colour, False, points[:n], width)
    if forecast:
        start = max(0, n - 1)
        dash_colour = forecast_colour or colour
        for a, b in zip(points[start:], points[start + 1:], strict=False):
            draw_dashed_line(surface, dash_colour, a, b, max(1, width - 1), max(3, width * 2))
    if n:
        pygame.draw.circle(surface, colour, (round(points[n - 1][0]), round(points[n - 1][1])),
                           width + 1)
