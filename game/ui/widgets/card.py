"""Framed cards drawn by a scene (level cards, save slots) and the star row they show."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from game.i18n import _, ngettext
from game.ui.palette import draw_marker
from game.ui.widgets.text import render

if TYPE_CHECKING:
    from game.ui.app import App

__all__ = ["draw_card_frame", "draw_stars", "draw_pips", "stars_text"]


def draw_card_frame(
    surface: pygame.Surface, app: App, rect: pygame.Rect, *, hovered: bool = False, accent=None
) -> None:
    """A raised card; hovering lifts it and an accent strip on the left marks its kind."""
    palette = app.palette
    radius = app.px(12)
    fill = palette.surface_raised if hovered else palette.surface
    pygame.draw.rect(surface, fill, rect, border_radius=radius)
    border = palette.accent if hovered else palette.border
    pygame.draw.rect(surface, border, rect, width=max(1, app.px(1)), border_radius=radius)
    if accent is not None:
        strip = pygame.Rect(rect.left, rect.top + radius, app.px(5), rect.height - 2 * radius)
        pygame.draw.rect(surface, accent, strip, border_radius=app.px(3))


def stars_text(stars: int, total: int = 3) -> str:
    """The words that go with a star row, so it reads without seeing the shapes."""
    if stars <= 0:
        return _("not won yet")
    return ngettext("{stars} of {total} star", "{stars} of {total} stars", total).format(
        stars=stars, total=total
    )


def draw_stars(
    surface: pygame.Surface, app: App, pos: tuple[int, int], stars: int, size: int, total: int = 3
) -> int:
    """Filled and hollow stars from ``pos`` (top left); returns the width used."""
    palette = app.palette
    x, y = pos
    step = size + app.px(4)
    for i in range(total):
        centre = (x + i * step + size // 2, y + size // 2)
        if i < stars:
            draw_marker(surface, "star", palette.star, centre, size)
        else:
            draw_marker(surface, "star", palette.border, centre, size)
            draw_marker(surface, "star", palette.surface, centre, max(2, size - app.px(6)))
    return total * step


def draw_pips(
    surface: pygame.Surface,
    app: App,
    pos: tuple[int, int],
    value: int,
    total: int,
    font: pygame.font.Font,
    label: str,
) -> int:
    """``label`` then ``total`` pips with ``value`` filled (difficulty); returns the width used."""
    palette = app.palette
    image = render(font, label, palette.text_muted)
    surface.blit(image, pos)
    x = pos[0] + image.get_width() + app.px(8)
    cy = pos[1] + image.get_height() // 2
    radius = app.px(5)
    for i in range(total):
        centre = (x + radius, cy)
        if i < value:
            pygame.draw.circle(surface, palette.accent, centre, radius)
        else:
            pygame.draw.circle(surface, palette.border, centre, radius, width=max(1, app.px(2)))
        x += 2 * radius + app.px(5)
    return x - pos[0]
