"""A data table with a header row, a selected row, and scrolling: the numbers behind a chart,
readable with the keyboard (the arrows move the selected row)."""

from __future__ import annotations

from collections.abc import Sequence

import pygame

from game.ui.widgets.control import Control
from game.ui.widgets.look import Look

__all__ = ["DataTable"]


class DataTable(Control):
    def __init__(self, look: Look) -> None:
        super().__init__(look)
        self.headers: list[str] = []
        self.rows: list[list[str]] = []
        self.selected = 0
        self.first = 0  # the first row shown

    def set_data(self, headers: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
        self.headers = list(headers)
        self.rows = [list(r) for r in rows]
        self.selected = min(self.selected, max(0, len(self.rows) - 1))

    def _row_h(self) -> int:
        return self.look.line_height("body") + self.look.px(6)

    def _visible_rows(self) -> int:
        return max(1, (self.rect.height - self._row_h() - self.look.px(8)) // self._row_h())

    def adjust(self, step: int) -> bool:
        if not self.rows:
            return False
        self.selected = max(0, min(len(self.rows) - 1, self.selected + (1 if step > 0 else -1) * (
            5 if abs(step) >= 10 else 1)))
        self._scroll_to_selected()
        return True

    def _scroll_to_selected(self) -> None:
        shown = self._visible_rows()
        if self.selected < self.first:
            self.first = self.selected
        elif self.selected >= self.first + shown:
            self.first = self.selected - shown + 1

    def handle_mouse(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1 and self.rect.collidepoint(event.pos):
            row = (event.pos[1] - self.rect.y - self._row_h() - self.look.px(4)) // self._row_h()
            if 0 <= row < self._visible_rows() and self.first + row < len(self.rows):
                self.selected = self.first + row
            return True
        return False

    def scroll(self, rows: int) -> None:
        self.first = max(0, min(self.first + rows, max(0, len(self.rows) - self._visible_rows())))

    def draw(self, surface: pygame.Surface) -> None:
        look = self.look
        rect = self.rect
        pygame.draw.rect(surface, look.colour("surface"), rect, border_radius=look.px(6))
        if not self.headers:
            return
        pad = look.px(12)
        inner = rect.width - 2 * pad
        widths = [max(look.font("body").size(h)[0] for h in [self.headers[c]] + [r[c] for r in self.rows])
                  for c in range(len(self.headers))]
        total = sum(widths) or 1
        # Columns share the width in proportion to their content; the first stays left-aligned.
        spare = max(0, inner - total)
        widths = [w + spare // len(widths) for w in widths]
        row_h = self._row_h()
        y = rect.y + look.px(4)
        x = rect.x + pad
        for c, header in enumerate(self.headers):
            s = look.text(look.fit(header, "body", widths[c] - look.px(8)), "body", "text")
            sx = x if c == 0 else x + widths[c] - s.get_width() - look.px(8)
            surface.blit(s, (sx, y + look.px(3)))
            x += widths[c]
        y += row_h
        pygame.draw.line(surface, look.colour("border"), (rect.x + pad, y), (rect.right - pad, y), 1)
        clip = surface.get_clip()
        surface.set_clip(rect.clip(clip) if clip else rect)
        for k in range(self.first, min(len(self.rows), self.first + self._visible_rows())):
            row_rect = pygame.Rect(rect.x + pad // 2, y + look.px(2), rect.width - pad, row_h)
            if k == self.selected:
                pygame.draw.rect(surface, look.colour("surface_raised"), row_rect, border_radius=look.px(4))
                pygame.draw.rect(surface, look.colour("accent"),
                                 pygame.Rect(row_rect.x, row_rect.y, look.px(3), row_rect.height))
            x = rect.x + pad
            for c, cell in enumerate(self.rows[k]):
                s = look.text(cell, "body", "text" if c else "text_muted")
                sx = x if c == 0 else x + widths[c] - s.get_width() - look.px(8)
                surface.blit(s, (sx, row_rect.y + look.px(3)))
                x += widths[c]
            y += row_h
        surface.set_clip(clip)
        if len(self.rows) > self._visible_rows():
            track = pygame.Rect(rect.right - look.px(6), rect.y + row_h, look.px(4), rect.height - row_h - look.px(4))
            share = self._visible_rows() / len(self.rows)
            h = max(look.px(16), round(track.height * share))
            ty = track.y + round((track.height - h) * self.first / max(1, len(self.rows) - self._visible_rows()))
            pygame.draw.rect(surface, look.colour("text_muted"), pygame.Rect(track.x, ty, track.width, h))
