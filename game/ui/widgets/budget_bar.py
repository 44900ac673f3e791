"""The budget bar: how this turn's budget splits between the lever groups and the reserve.

Each group is a coloured segment with its own marker shape and a legend line giving its
name, amount and share; the reserve is hatched. The total can never pass the budget:
the session clamps each lever so the reserve never goes below zero.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from game.i18n import _
from game.i18n.format import money, percent
from game.ui.palette import draw_marker
from game.ui.widgets.control import Control
from game.ui.widgets.look import Look

__all__ = ["BudgetBar", "BudgetPart"]


@dataclass(frozen=True)
class BudgetPart:
    title: str
    share: float
    colour_role: str
    marker: str


class BudgetBar(Control):

    def __init__(self, look: Look) -> None:
        super().__init__(look)
        self.parts: list[BudgetPart] = []
        self.budget = 0.0
        self.reserve = 1.0
        #: what events withhold from this year's budget (a co-funded laboratory), bn yuan
        self.event_cost = 0.0

    def set_state(self, parts: list[BudgetPart], budget: float, event_cost: float = 0.0) -> None:
        self.parts = parts
        self.budget = budget
        self.reserve = max(0.0, 1.0 - sum(p.share for p in parts))
        self.event_cost = max(0.0, event_cost)

    def _legend_entries(self) -> list[tuple[str, str, str]]:
        entries = [
            (p.colour_role, p.marker, _("{part}: {amount} ({share})").format(
                part=p.title, amount=money(p.share * self.budget), share=percent(p.share)))
            for p in self.parts
        ]
        entries.append(("text_muted", "ring", _("reserve: {amount} ({share})").format(
            amount=money(self.reserve * self.budget), share=percent(self.reserve))))
        if self.event_cost >= 0.0005:
            # The budget above is already net of it: say where the rest went.
            entries.append(("warning", "diamond", _("events: {amount} taken from the budget").format(
                amount=money(self.event_cost, like=self.budget))))
        return entries

    def _legend_layout(self, width: int) -> list[tuple[int, int, tuple[str, str, str]]]:
        """Legend entries flow left to right and wrap onto as many lines as they need."""
        look = self.look
        x, y, out = 0, 0, []
        gap, mark = look.px(14), look.px(12)
        for entry in self._legend_entries():
            w = mark + look.px(4) + look.text(entry[2], "small").get_width()
            if x > 0 and x + w > width:
                x, y = 0, y + look.line_height("small")
            out.append((x, y, entry))
            x += w + gap
        return out

    def preferred_height(self, width: int) -> int:
        look = self.look
        layout = self._legend_layout(width)
        lines = (layout[-1][1] // max(1, look.line_height("small")) + 1) if layout else 1
        return (look.line_height("body") + look.px(20) + lines * look.line_height("small")
                + look.px(4))

    def draw(self, surface: pygame.Surface) -> None:
        look = self.look
        title = look.text(
            _("Budget this year: {amount}").format(amount=money(self.budget)), "body", "text")
        surface.blit(title, (self.rect.x, self.rect.y))
        bar = pygame.Rect(self.rect.x, self.rect.y + look.line_height("body") + look.px(2),
                          self.rect.width, look.px(14))
        pygame.draw.rect(surface, look.colour("background_deep"), bar)
        x = bar.x
        for part in self.parts:
            w = round(bar.width * part.share)
            if w > 0:
                seg = pygame.Rect(x, bar.y, w, bar.height)
                pygame.draw.rect(surface, look.colour(part.colour_role), seg)
                pygame.draw.line(surface, look.colour("background"), seg.topright, seg.bottomright, 1)
                x += w
        # The reserve: hatched, so it reads as "not spent" without colour.
        reserve = pygame.Rect(x, bar.y, bar.right - x, bar.height)
        if reserve.width > 0:
            clip = surface.get_clip()
            surface.set_clip(reserve.clip(clip) if clip else reserve)
            for hx in range(reserve.x - bar.height, reserve.right, look.px(6)):
                pygame.draw.line(surface, look.colour("text_muted"), (hx, reserve.bottom),
                                 (hx + bar.height, reserve.y), 1)
            surface.set_clip(clip)
        pygame.draw.rect(surface, look.colour("border"), bar, width=1)
        top = bar.bottom + look.px(6)
        mark = look.px(12)
        for lx, ly, (role, shape, text) in self._legend_layout(self.rect.width):
            cy = top + ly + look.line_height("small") // 2
            draw_marker(surface, shape, look.colour(role), (self.rect.x + lx + mark // 2, cy), mark)
            surface.blit(look.text(text, "small", "text_muted"),
                         (self.rect.x + lx + mark + look.px(4), top + ly))
