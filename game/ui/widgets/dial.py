"""The credit-guidance dial: a half-circle gauge from "leave it to the banks" to "push hard".

The arc past 70% is drawn with warning ticks: pushing credit faster than technology
grows is what turns into bad loans two or three years later (MODEL.md, lesson 3).
"""

from __future__ import annotations

import math
from collections.abc import Callable

import pygame

from game.i18n import _
from game.i18n.format import percent
from game.session.names import label, lever_lag, lever_mechanism
from game.ui.widgets.control import Control
from game.ui.widgets.look import Look
from game.ui.widgets.slider import draw_lock

__all__ = ["CreditDial"]

#: One arrow-key step (Shift moves ten steps).
STEP = 0.05
#: Above this the dial shows a warning cue (a level of guidance that outruns technology easily).
RISKY = 0.7


class CreditDial(Control):
    def __init__(
        self,
        look: Look,
        on_change: Callable[[float], None],
        on_release: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(look)
        self.on_change = on_change
        self.on_release = on_release
        self.value = 0.5
        self.locked_note = ""
        self._dragging = False

    def lock(self, note: str, short: str = "") -> None:
        self.locked = True
        self.locked_note = note
        self.locked_short = short or _("locked")

    def preferred_height(self, width: int) -> int:
        look = self.look
        return look.line_height("body") + self._radius(width) + look.line_height("small") + look.px(12)

    def _radius(self, width: int) -> int:
        return max(self.look.px(30), min(width // 2 - self.look.px(70), self.look.px(56)))

    def _centre(self) -> tuple[int, int]:
        look = self.look
        r = self._radius(self.rect.width)
        return self.rect.centerx, self.rect.y + look.line_height("body") + look.px(6) + r

    def _value_at(self, pos: tuple[int, int]) -> float:
        cx, cy = self._centre()
        angle = math.atan2(cy - pos[1], pos[0] - cx)  # pi at the left, 0 at the right
        angle = min(math.pi, max(0.0, angle if angle >= -math.pi / 2 else math.pi))
        return round((1.0 - angle / math.pi) * 100) / 100

    def handle_mouse(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1 and self.rect.collidepoint(event.pos):
            self._dragging = True
            self.on_change(self._value_at(event.pos))
            return True
        if event.type == pygame.MOUSEMOTION and self._dragging:
            self.on_change(self._value_at(event.pos))
            return True
        if event.type == pygame.MOUSEBUTTONUP and event.button == 1 and self._dragging:
            self._dragging = False
            if self.on_release:
                self.on_release()
            return True
        return False

    def adjust(self, step: int) -> bool:
        target = round((self.value + step * STEP) / STEP) * STEP
        self.on_change(min(1.0, max(0.0, target)))
        if self.on_release:
            self.on_release()
        return True

    def tooltip(self) -> tuple[str, str]:
        body = _("{mechanism}\nLag: {lag}").format(
            mechanism=lever_mechanism("credit_guidance"), lag=lever_lag("credit_guidance"))
        if self.locked and self.locked_note:
            body = _("{note}\n\n{help}").format(note=self.locked_note, help=body)
        return label("credit_guidance"), body

    def draw(self, surface: pygame.Surface) -> None:
        look = self.look
        muted = self.locked
        title = look.text(label("credit_guidance"), "body", "text_muted" if muted else "text")
        x = self.rect.x + look.px(8)
        if muted:
            draw_lock(surface, look, (x + look.px(6), self.rect.y + title.get_height() // 2), look.px(12))
            x += look.px(18)
        surface.blit(title, (x, self.rect.y))
        value_text = self.locked_short if muted else percent(self.value, 0)
        # Locked: the same small grey note as a locked slider's.
        readout = look.text(value_text, "small" if muted else "body", "text_muted" if muted else "text")
        surface.blit(readout, (self.rect.right - look.px(8) - readout.get_width(), self.rect.y))

        cx, cy = self._centre()
        r = self._radius(self.rect.width)
        width = look.px(10)
        box = pygame.Rect(cx - r, cy - r, 2 * r, 2 * r)
        pygame.draw.arc(surface, look.colour("surface_raised"), box, 0, math.pi, width)
        colour = look.colour("text_muted" if muted else "finance")
        start = math.pi * (1 - self.value)
        if self.value > 0.005:
            pygame.draw.arc(surface, colour, box, start, math.pi, width)
        # Warning ticks on the risky part of the arc: a shape cue, not only a colour.
        for k in range(4):
            v = RISKY + (1 - RISKY) * (k + 0.5) / 4
            a = math.pi * (1 - v)
            inner, outer = r + look.px(2), r + look.px(8)
            pygame.draw.line(surface, look.colour("warning"),
                             (cx + inner * math.cos(a), cy - inner * math.sin(a)),
                             (cx + outer * math.cos(a), cy - outer * math.sin(a)), look.px(2))
        needle = math.pi * (1 - self.value)
        tip = (cx + (r - look.px(4)) * math.cos(needle), cy - (r - look.px(4)) * math.sin(needle))
        pygame.draw.line(surface, look.colour("text"), (cx, cy), tip, look.px(3))
        pygame.draw.circle(surface, look.colour("text"), (cx, cy), look.px(5))
        low = look.text(_("banks decide"), "small", "text_muted")
        high = look.text(_("push hard"), "small", "warning" if self.value > RISKY else "text_muted")
        surface.blit(low, (max(self.rect.x, cx - r - low.get_width() // 2), cy + look.px(6)))
        surface.blit(high, (min(self.rect.right - high.get_width(), cx + r - high.get_width() // 2),
                            cy + look.px(6)))
