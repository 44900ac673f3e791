"""A column of controls that scrolls when it is taller than its rectangle.

At 200% UI scale or on a small window the turn screen's columns do not fit; the column
lays its controls out top to bottom, scrolls with the mouse wheel, and scrolls the focused
control into view so keyboard players never lose it.
"""

from __future__ import annotations

from collections.abc import Sequence

import pygame

from game.ui.palette import draw_marker
from game.ui.widgets.control import Control
from game.ui.widgets.look import Look

__all__ = ["ScrollColumn", "Heading", "Paragraph", "Grid"]


class Heading(Control):
    """A group heading inside a column (not focusable)."""


    def __init__(self, look: Look, text: str, role: str = "heading", colour: str = "text") -> None:
        super().__init__(look)
        self.text = text
        self.role = role
        self.colour_role = colour

    def enabled(self) -> bool:
        return False

    def preferred_height(self, width: int) -> int:
        return len(self.look.lines(self.text, self.role, width)) * self.look.line_height(self.role)

    def draw(self, surface: pygame.Surface) -> None:
        y = self.rect.y
        for line in self.look.lines(self.text, self.role, self.rect.width):
            surface.blit(self.look.text(line, self.role, self.colour_role), (self.rect.x, y))
            y += self.look.line_height(self.role)


class ScrollColumn:
    def __init__(self, look: Look, rect: pygame.Rect, gap: int) -> None:
        self.look = look
        self.rect = pygame.Rect(rect)
        self.gap = gap
        self.items: list[Control] = []
        self.offset = 0
        self.content_height = 0

    def set_items(self, items: Sequence[Control]) -> None:
        self.items = list(items)
        self.layout()

    def layout(self) -> None:
        """Place every item at its preferred height, shifted up by the scroll offset."""
        bar = self.look.px(8)
        width = self.rect.width - bar
        y = 0
        heights = []
        for item in self.items:
            h = item.preferred_height(width) if item.visible else 0
            heights.append(h)
            y += h + (self.gap if item.visible and h else 0)
        self.content_height = max(0, y - self.gap)
        self.offset = max(0, min(self.offset, self.max_offset))
        y = self.rect.y - self.offset
        for item, h in zip(self.items, heights, strict=True):
            item.set_rect(pygame.Rect(self.rect.x, y, width, h))
            if item.visible and h:
                y += h + self.gap

    @property
    def max_offset(self) -> int:
        return max(0, self.content_height - self.rect.height)

    def scroll_by(self, pixels: int) -> None:
        before = self.offset
        self.offset = max(0, min(self.offset + pixels, self.max_offset))
        if self.offset != before:
            self.layout()

    def ensure_visible(self, rect: pygame.Rect) -> bool:
        """Scroll so that ``rect`` (a control's rectangle) is inside the column."""
        if rect.top < self.rect.top:
            self.scroll_by(rect.top - self.rect.top - self.gap)
            return True
        if rect.bottom > self.rect.bottom:
            self.scroll_by(min(rect.bottom - self.rect.bottom + self.gap, rect.top - self.rect.top))
            return True
        return False

    def handle_event(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.MOUSEWHEEL:
            if self.rect.collidepoint(pygame.mouse.get_pos()) and self.max_offset > 0:
                self.scroll_by(-event.y * self.look.px(40))
                return True
            return False
        if (event.type == pygame.KEYDOWN and event.key in (pygame.K_PAGEDOWN, pygame.K_PAGEUP)
                and self.max_offset > 0):
            page = self.rect.height - self.look.px(40)
            self.scroll_by(page if event.key == pygame.K_PAGEDOWN else -page)
            return True
        if event.type in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP):
            if event.type == pygame.MOUSEBUTTONDOWN and not self.rect.collidepoint(event.pos):
                return False
        for item in self.items:
            if item.visible and item.handle_event(event):
                return True
        return False

    def item_at(self, pos: tuple[int, int]) -> Control | None:
        if not self.rect.collidepoint(pos):
            return None
        for item in self.items:
            if item.visible and item.rect.collidepoint(pos):
                return item
        return None

    def draw(self, surface: pygame.Surface) -> None:
        clip = surface.get_clip()
        surface.set_clip(self.rect.clip(clip) if clip else self.rect)
        for item in self.items:
            if item.visible and item.rect.colliderect(self.rect):
                item.draw(surface)
        surface.set_clip(clip)
        if self.max_offset > 0:
            look = self.look
            track = pygame.Rect(self.rect.right - look.px(5), self.rect.y, look.px(4), self.rect.height)
            pygame.draw.rect(surface, look.colour("surface_raised"), track, border_radius=look.px(2))
            share = self.rect.height / max(1, self.content_height)
            thumb_h = max(look.px(24), round(track.height * share))
            thumb_y = track.y + round((track.height - thumb_h) * self.offset / max(1, self.max_offset))
            pygame.draw.rect(surface, look.colour("text_muted"),
                             pygame.Rect(track.x, thumb_y, track.width, thumb_h), border_radius=look.px(2))


class Grid(Control):
    """Controls of equal width in ``columns`` columns, each row as tall as its tallest.

    ``uniform``: every row as tall as the tallest cell of all, so that a set of cards (the
    indicators) keeps one height when one card needs a second line.
    """

    def __init__(self, look: Look, children: Sequence[Control], columns: int, gap: int,
                 uniform: bool = False) -> None:
        super().__init__(look)
        self.children = list(children)
        self.columns = max(1, columns)
        self.gap = gap
        self.uniform = uniform

    def enabled(self) -> bool:
        return False

    def _cell_width(self, width: int) -> int:
        return (width - self.gap * (self.columns - 1)) // self.columns

    def _rows(self) -> list[list[Control]]:
        return [self.children[i:i + self.columns] for i in range(0, len(self.children), self.columns)]

    def _row_heights(self, cell: int) -> list[int]:
        heights = [max(c.preferred_height(cell) for c in row) for row in self._rows()]
        return [max(heights)] * len(heights) if self.uniform and heights else heights

    def preferred_height(self, width: int) -> int:
        heights = self._row_heights(self._cell_width(width))
        return sum(heights) + self.gap * max(0, len(heights) - 1)

    def set_rect(self, rect: pygame.Rect) -> None:
        super().set_rect(rect)
        cell = self._cell_width(self.rect.width)
        y = self.rect.y
        for row, h in zip(self._rows(), self._row_heights(cell), strict=True):
            for k, child in enumerate(row):
                child.set_rect(pygame.Rect(self.rect.x + k * (cell + self.gap), y, cell, h))
            y += h + self.gap

    def handle_event(self, event: pygame.event.Event) -> bool:
        return any(child.handle_event(event) for child in self.children)

    def item_at(self, pos: tuple[int, int]) -> Control | None:
        for child in self.children:
            if child.rect.collidepoint(pos):
                return child
        return None

    def draw(self, surface: pygame.Surface) -> None:
        for child in self.children:
            child.draw(surface)


class Paragraph(Control):
    """Lines of text with an optional marker in front (the prediction, the events)."""


    def __init__(self, look: Look, text: str, colour: str = "text",
                 marker: tuple[str, str] | None = None, role: str = "body") -> None:
        super().__init__(look)
        self.text = text
        self.colour_role = colour
        self.marker = marker
        self.role = role

    def enabled(self) -> bool:
        return False

    def _indent(self) -> int:
        return self.look.px(22) if self.marker else 0

    def preferred_height(self, width: int) -> int:
        return len(self.look.lines(self.text, self.role, width - self._indent())) * self.look.line_height(self.role)

    def draw(self, surface: pygame.Surface) -> None:
        look = self.look
        y = self.rect.y
        if self.marker:
            shape, role = self.marker
            draw_marker(surface, shape, look.colour(role),
                        (self.rect.x + look.px(8), y + look.line_height(self.role) // 2), look.px(13))
        for line in look.lines(self.text, self.role, self.rect.width - self._indent()):
            surface.blit(look.text(line, self.role, self.colour_role), (self.rect.x + self._indent(), y))
            y += look.line_height(self.role)
