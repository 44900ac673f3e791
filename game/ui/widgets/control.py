"""The base of the turn screen's hand-drawn controls: a rectangle that draws, takes mouse
events and can hold keyboard focus.

Every control is a ``KeyboardTarget`` for the framework's focus ring (game/ui/focus.py):
the ring calls ``adjust(step)`` for the arrows (step ±1, ±10 with Shift) and
``activate()`` for Enter and Space, and draws the focus ring itself.
"""

from __future__ import annotations

import pygame

from game.ui.widgets.look import Look

__all__ = ["Control", "draw_dashed_line"]


class Control:
    """A widget drawn on a surface inside ``rect``.

    Subclasses override ``draw``, and ``handle_mouse``/``adjust``/``activate`` as needed;
    ``tooltip()`` returns the help shown when the pointer rests on the control
    or when it has keyboard focus.
    """


    def __init__(self, look: Look, rect: pygame.Rect | None = None) -> None:
        self.look = look
        self.rect = pygame.Rect(rect) if rect is not None else pygame.Rect(0, 0, 0, 0)
        self.hovered = False
        self.locked = False
        self.visible = True

    # Layout ---------------------------------------------------------------------------
    def set_rect(self, rect: pygame.Rect) -> None:
        self.rect = pygame.Rect(rect)

    def preferred_height(self, width: int) -> int:
        return self.rect.height

    # Events ---------------------------------------------------------------------------
    def handle_event(self, event: pygame.event.Event) -> bool:
        """Mouse events; True when consumed. Keys arrive through ``adjust``/``activate``."""
        if not self.visible:
            return False
        if event.type == pygame.MOUSEMOTION:
            self.hovered = self.rect.collidepoint(event.pos)
        if self.locked:
            return False
        if event.type in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP, pygame.MOUSEMOTION):
            return self.handle_mouse(event)
        return False

    def handle_mouse(self, event: pygame.event.Event) -> bool:
        return False

    # KeyboardTarget ----------------------------------------------------------------------
    def usable(self) -> bool:
        """Shown, laid out and not locked: it can take input (through itself or its stops)."""
        return self.visible and not self.locked and self.rect.width > 0

    def enabled(self) -> bool:
        return self.usable()

    def adjust(self, step: int) -> bool:
        """Arrow keys: ``step`` is ±1, or ±10 with Shift. True when used."""
        return False

    def activate(self) -> bool:
        """Enter or Space. True when used."""
        return False

    # Help -----------------------------------------------------------------------------
    def tooltip(self) -> tuple[str, str] | None:
        """(title, body) of the help for this control, translated, or None."""
        return None

    # Drawing --------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        raise NotImplementedError


def draw_dashed_line(
    surface: pygame.Surface,
    colour: tuple[int, int, int],
    start: tuple[float, float],
    end: tuple[float, float],
    width: int,
    dash: int,
) -> None:
    """A dashed straight line; dashes of ``dash`` pixels with equal gaps."""
    x0, y0 = start
    x1, y1 = end
    length = max(1.0, ((x1 - x0) ** 2 + (y1 - y0) ** 2) ** 0.5)
    steps = int(length // (dash * 2)) + 1
    for i in range(steps):
        a = (i * 2 * dash) / length
        b = min(1.0, (i * 2 * dash + dash) / length)
        if a >= 1.0:
            break
        pygame.draw.line(
            surface, colour, (x0 + (x1 - x0) * a, y0 + (y1 - y0) * a),
            (x0 + (x1 - x0) * b, y0 + (y1 - y0) * b), width,
        )
