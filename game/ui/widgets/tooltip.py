"""A tooltip box: a title and a paragraph, wrapped with the game's line breaking and kept
inside the screen, below the thing it explains (or above when there is no room)."""

from __future__ import annotations

import pygame

from game.ui.widgets.look import Look

__all__ = ["draw_tooltip", "TOOLTIP_WIDTH"]

#: Width of a tooltip at UI scale 1.0.
TOOLTIP_WIDTH = 380


def draw_tooltip(
    surface: pygame.Surface,
    look: Look,
    anchor: pygame.Rect,
    title: str,
    body: str,
    bounds: pygame.Rect | None = None,
) -> pygame.Rect:
    """Draw the tooltip next to ``anchor``; returns the rectangle it covers."""
    bounds = bounds or surface.get_rect()
    pad = look.px(10)
    # At most 45% of the screen, so a tip beside a wide control fits on the other half.
    width = min(look.px(TOOLTIP_WIDTH), int(bounds.width * 0.45))
    inner = width - 2 * pad
    title_lines = look.lines(title, "heading", inner) if title else []
    body_lines: list[str] = []
    for paragraph in body.split("\n"):
        body_lines += look.lines(paragraph, "small", inner) if paragraph else [""]
    top_part = 2 * pad + len(title_lines) * look.line_height("heading") + (
        look.px(4) if title_lines else 0)
    # Too long for the screen: keep what fits and end with an ellipsis.
    room = max(1, (bounds.height - top_part) // look.line_height("small"))
    if len(body_lines) > room:
        body_lines = body_lines[:room]
        body_lines[-1] = look.fit(body_lines[-1] + "…", "small", inner)
    height = top_part + len(body_lines) * look.line_height("small")
    box = pygame.Rect(0, 0, width, height)
    box.x = min(max(bounds.x, anchor.x), bounds.right - width)
    box.y = anchor.bottom + look.px(6)
    if box.bottom > bounds.bottom:
        box.bottom = anchor.y - look.px(6)
    if box.y < bounds.y:
        # Neither below nor above: beside it, on the side with more room.
        box.y = max(bounds.y, min(anchor.y, bounds.bottom - height))
        box.x = anchor.right + look.px(6)
        if box.right > bounds.right:
            box.right = anchor.x - look.px(6)
    box.clamp_ip(bounds)
    if box.colliderect(anchor):
        # No room around the control: use the half of the screen it is not in.
        if anchor.centerx < bounds.centerx:
            box.right = bounds.right - pad
        else:
            box.left = bounds.left + pad
        box.top = max(bounds.top, min(anchor.top, bounds.bottom - box.height))
    shadow = box.move(look.px(3), look.px(3))
    pygame.draw.rect(surface, look.colour("background_deep"), shadow, border_radius=look.px(6))
    pygame.draw.rect(surface, look.colour("surface_raised"), box, border_radius=look.px(6))
    pygame.draw.rect(surface, look.colour("accent"), box, width=look.px(2), border_radius=look.px(6))
    y = box.y + pad
    for line in title_lines:
        surface.blit(look.text(line, "heading", "text"), (box.x + pad, y))
        y += look.line_height("heading")
    if title_lines:
        y += look.px(4)
    for line in body_lines:
        if line:
            surface.blit(look.text(line, "small", "text"), (box.x + pad, y))
        y += look.line_height("small")
    return box
