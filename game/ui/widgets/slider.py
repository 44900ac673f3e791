"""A budget-lever slider: the lever's name, its amount in money and its share of the budget.

The track runs from 0 to the whole budget. The part a lever cannot reach without taking
money from another lever (beyond what the reserve holds) is drawn hatched, so the player
sees why a slider stops. The session clamps; the slider only proposes values.
"""

from __future__ import annotations

from collections.abc import Callable

import pygame

from game.i18n import _
from game.i18n.format import money, percent
from game.session.names import label, lever_lag, lever_mechanism
from game.ui.widgets.control import Control
from game.ui.widgets.look import Look

__all__ = ["LeverSlider", "draw_lock"]

#: One arrow-key step, as a share of the budget (Shift moves ten steps).
STEP = 0.01


class LeverSlider(Control):
    """Proposes a share for one lever through ``on_change(lever, share)``.

    ``on_release(lever)`` marks the end of one gesture (a drag, a key press), so that
    the scene can make a whole drag one undo step.
    """

    def __init__(
        self,
        look: Look,
        lever: str,
        colour_role: str,
        on_change: Callable[[str, float], None],
        on_release: Callable[[str], None] | None = None,
    ) -> None:
        super().__init__(look)
        self.lever = lever
        self.colour_role = colour_role
        self.on_change = on_change
        self.on_release = on_release
        self.value = 0.0
        self.reachable = 1.0  # the largest share this lever can take now
        self.budget = 0.0
        self.locked_note = ""
        self._dragging = False

    # State from the session -----------------------------------------------------------
    def set_state(self, value: float, reachable: float, budget: float) -> None:
        self.value = float(value)
        self.reachable = max(float(value), float(reachable))
        self.budget = float(budget)

    def lock(self, note: str, short: str = "") -> None:
        """Show the lever but refuse input, with a note saying why."""
        self.locked = True
        self.locked_note = note
        self.locked_short = short or _("locked")

    # Layout ---------------------------------------------------------------------------
    def preferred_height(self, width: int) -> int:
        return self.look.line_height("body") + self.look.px(22)

    def _track(self) -> pygame.Rect:
        look = self.look
        top = self.rect.y + look.line_height("body") + look.px(4)
        return pygame.Rect(self.rect.x + look.px(8), top + look.px(4),
                           self.rect.width - look.px(16), look.px(10))

    # Events ---------------------------------------------------------------------------
    def _value_at(self, x: int) -> float:
        track = self._track()
        return min(1.0, max(0.0, (x - track.x) / max(1, track.width)))

    def handle_mouse(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            # Only the track row takes clicks: a click on the name must not move the value.
            grab = self._track().inflate(self.look.px(16), self.look.px(16))
            if grab.collidepoint(event.pos):
                self._dragging = True
                self._propose(self._value_at(event.pos[0]))
                return True
        elif event.type == pygame.MOUSEMOTION and self._dragging:
            self._propose(self._value_at(event.pos[0]))
            return True
        elif event.type == pygame.MOUSEBUTTONUP and event.button == 1 and self._dragging:
            self._dragging = False
            self._release()
            return True
        return False

    def adjust(self, step: int) -> bool:
        # Snap to the step grid so that keyboard values read cleanly (0.15, not 0.1499).
        target = round((self.value + step * STEP) / STEP) * STEP
        self._propose(min(1.0, max(0.0, target)))
        self._release()
        return True

    def _propose(self, share: float) -> None:
        self.on_change(self.lever, share)

    def _release(self) -> None:
        if self.on_release is not None:
            self.on_release(self.lever)

    def tooltip(self) -> tuple[str, str]:
        body = _("{mechanism}\nLag: {lag}").format(
            mechanism=lever_mechanism(self.lever), lag=lever_lag(self.lever)
        )
        if self.locked and self.locked_note:
            body = _("{note}\n\n{help}").format(note=self.locked_note, help=body)
        return label(self.lever), body

    # Drawing --------------------------------------------------------------------------
    def readout(self) -> str:
        """The value as shown right of the name."""
        return _("{amount} · {share}").format(amount=money(self.value * self.budget),
                                              share=percent(self.value))

    def draw(self, surface: pygame.Surface) -> None:
        look = self.look
        muted = self.locked
        name = look.text(label(self.lever), "body", "text_muted" if muted else "text")
        if muted:
            # A locked lever shows what it still spends, beside when it opens.
            shown = self.locked_short if self.value <= 0 else _("{amount} · {note}").format(
                amount=money(self.value * self.budget), note=self.locked_short)
            readout = look.text(shown, "small", "text_muted")
        else:
            readout = look.text(self.readout(), "body", "text")
        x = self.rect.x + look.px(8)
        if muted:
            lock_size = look.px(12)
            draw_lock(surface, look, (x + lock_size // 2, self.rect.y + look.line_height("body") // 2), lock_size)
            x += lock_size + look.px(6)
        right = self.rect.right - look.px(8) - readout.get_width()
        space = right - x - look.px(8)
        if name.get_width() > space and not muted:
            # A narrow panel (a large interface size): the share alone, the name whole; the
            # amount is in the budget bar and the tooltip.
            readout = look.text(percent(self.value), "body", "text")
            right = self.rect.right - look.px(8) - readout.get_width()
            space = right - x - look.px(8)
        if name.get_width() > space:
            name = look.text(look.fit(label(self.lever), "body", space), "body",
                             "text_muted" if muted else "text")
        surface.blit(name, (x, self.rect.y))
        surface.blit(readout, (right, self.rect.y + (name.get_height() - readout.get_height()) // 2))

        track = self._track()
        radius = track.height // 2
        pygame.draw.rect(surface, look.colour("surface_raised"), track, border_radius=radius)
        # The part beyond what the budget allows: hatched, so it reads without colour.
        limit_x = track.x + round(track.width * min(1.0, self.reachable))
        if limit_x < track.right:
            blocked = pygame.Rect(limit_x, track.y, track.right - limit_x, track.height)
            pygame.draw.rect(surface, look.colour("background_deep"), blocked)
            step = look.px(6)
            clip = surface.get_clip()
            surface.set_clip(blocked.clip(clip) if clip else blocked)
            for hx in range(blocked.x - blocked.height, blocked.right, step):
                pygame.draw.line(surface, look.colour("border"), (hx, blocked.bottom),
                                 (hx + blocked.height, blocked.y), 1)
            surface.set_clip(clip)
        colour = look.colour("text_muted" if muted else self.colour_role)
        fill = pygame.Rect(track.x, track.y, round(track.width * self.value), track.height)
        if fill.width > 0:
            pygame.draw.rect(surface, colour, fill, border_radius=radius)
        handle = (track.x + fill.width, track.centery)
        pygame.draw.circle(surface, look.colour("text"), handle, look.px(8))
        pygame.draw.circle(surface, colour, handle, look.px(5))


def draw_lock(surface: pygame.Surface, look: Look, center: tuple[int, int], size: int) -> None:
    """A padlock glyph: a locked lever reads as locked without relying on colour."""
    x, y = center
    body = pygame.Rect(0, 0, size, int(size * 0.65))
    body.midbottom = (x, y + size // 2)
    colour = look.colour("text_muted")
    pygame.draw.rect(surface, colour, body, border_radius=max(1, size // 8))
    shackle = pygame.Rect(0, 0, int(size * 0.62), int(size * 0.8))
    shackle.midbottom = (x, body.y + size // 4)
    pygame.draw.arc(surface, colour, shackle, 0, 3.1416, max(1, size // 6))
