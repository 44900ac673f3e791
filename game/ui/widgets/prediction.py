""""Predict, then reveal": before ending the turn the player may say which way an indicator
will move; after the year is resolved the report shows how the prediction went.

Two focus stops: the indicator (arrows cycle through the choices) and the direction
(arrows cycle through no prediction, up, about the same and down).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pygame

from game.engine.schema import INDICATOR_KIND
from game.i18n import N_, _
from game.session.names import label
from game.session.report import digits_of, format_amount
from game.ui.palette import draw_marker
from game.ui.widgets.control import Control
from game.ui.widgets.look import Look

__all__ = ["Prediction", "PredictionPanel", "direction_of", "flat_tolerance", "DIRECTIONS"]

DIRECTIONS = ("up", "flat", "down")
_DIRECTION_WORDS = {"up": N_("up"), "flat": N_("about the same"), "down": N_("down")}
_DIRECTION_SHAPES = {"up": "triangle_up", "flat": "circle", "down": "triangle_down"}


def flat_tolerance(indicator: str, before: float) -> float:
    """How far an indicator may move and still be "about the same" to a student: ±0.1 pp for
    ratios read to one decimal (GDP growth), ±0.02 pp for small ratios read to two (bad loans,
    R&D intensity), ±0.5% of the level for amounts and head counts."""
    if INDICATOR_KIND.get(indicator) == "ratio":
        return 0.001 if digits_of(indicator) == 1 else 0.0002
    return 0.005 * max(abs(before), 1e-9)


def direction_of(indicator: str, before: float, after: float) -> str:
    """'up', 'flat' or 'down': a change within ``flat_tolerance`` counts as flat."""
    change = after - before
    if abs(change) <= flat_tolerance(indicator, before) + 1e-12:
        return "flat"
    return "up" if change > 0 else "down"


def direction_word(direction: str) -> str:
    return _(_DIRECTION_WORDS[direction])


@dataclass(frozen=True)
class Prediction:
    indicator: str
    direction: str
    year: int

    def reveal(self, before: float, after: float) -> tuple[bool, str]:
        """(right?, a sentence saying what was predicted and what happened)."""
        actual = direction_of(self.indicator, before, after)
        right = actual == self.direction
        values = {
            "indicator": label(self.indicator),
            "predicted": direction_word(self.direction),
            "actual": direction_word(actual),
            "change": format_amount(self.indicator, after - before),
        }
        if right:
            text = _("You predicted {indicator} would go {predicted}, and it did ({change}).")
        else:
            text = _("You predicted {indicator} would go {predicted}; it went {actual} ({change}).")
        text = text.format(**values)
        if "flat" in (actual, self.direction):
            text += " " + _('"About the same" means within {tolerance}.').format(
                tolerance="±" + format_amount(self.indicator, flat_tolerance(self.indicator, before),
                                              signed=False))
        return right, text


class _Stop:
    def __init__(self, panel: PredictionPanel, kind: str) -> None:
        self.panel = panel
        self.kind = kind

    @property
    def rect(self) -> pygame.Rect:
        return self.panel.indicator_rect if self.kind == "indicator" else self.panel.direction_rect

    def activate(self) -> bool:
        return False  # Enter is left to the screen: it ends the turn

    def adjust(self, step: int) -> bool:
        self.panel.cycle(self.kind, 1 if step > 0 else -1)
        return True

    def enabled(self) -> bool:
        return self.panel.usable()

    def tooltip(self) -> tuple[str, str]:
        return self.panel.tooltip()


class PredictionPanel(Control):
    def __init__(self, look: Look, indicators: Sequence[str]) -> None:
        super().__init__(look)
        self.indicators = list(indicators)
        self.index = 0
        self.direction: str | None = None
        self.indicator_rect = pygame.Rect(0, 0, 0, 0)
        self.direction_rect = pygame.Rect(0, 0, 0, 0)
        self._chips: list[tuple[pygame.Rect, str]] = []
        self._arrows: list[tuple[pygame.Rect, int]] = []
        self.stops = [_Stop(self, "indicator"), _Stop(self, "direction")]

    @property
    def indicator(self) -> str:
        return self.indicators[self.index]

    def prediction(self, year: int) -> Prediction | None:
        if self.direction is None:
            return None
        return Prediction(self.indicator, self.direction, year)

    def cycle(self, kind: str, step: int) -> None:
        if kind == "indicator":
            self.index = (self.index + step) % len(self.indicators)
        else:
            order: list[str | None] = [None, *DIRECTIONS]
            self.direction = order[(order.index(self.direction) + step) % len(order)]

    def enabled(self) -> bool:
        return False  # the two stops take focus, not the panel

    def tooltip(self) -> tuple[str, str]:
        return _("Predict, then reveal"), _(
            "Before you end the turn, say which way one indicator will move. After the year "
            "the report shows whether you were right. Guessing first makes the lags easier "
            "to notice. It is optional and never changes the score.")

    def _row_height(self) -> int:
        return self.look.line_height("body") + self.look.px(8)

    def _name_width(self, width: int) -> int:
        return min(self.look.px(230), width - 2 * self.look.px(22))

    def _chip_widths(self) -> list[int]:
        look = self.look
        return [look.font("small").size(direction_word(d))[0] + look.px(30) for d in DIRECTIONS]

    def _chips_below(self, width: int) -> bool:
        """Whether the direction chips go on a second row (narrow column, long words)."""
        look = self.look
        chips = sum(self._chip_widths()) + look.px(6) * (len(DIRECTIONS) - 1)
        return 2 * look.px(22) + self._name_width(width) + look.px(10) + chips > width

    def preferred_height(self, width: int) -> int:
        look = self.look
        rows = 2 if self._chips_below(width) else 1
        return look.line_height("body") + look.px(4) + rows * (self._row_height() + look.px(4))

    def handle_mouse(self, event: pygame.event.Event) -> bool:
        if event.type != pygame.MOUSEBUTTONDOWN or event.button != 1:
            return False
        for rect, step in self._arrows:
            if rect.collidepoint(event.pos):
                self.cycle("indicator", step)
                return True
        for rect, direction in self._chips:
            if rect.collidepoint(event.pos):
                self.direction = None if self.direction == direction else direction
                return True
        return False

    def draw(self, surface: pygame.Surface) -> None:
        look = self.look
        x, y = self.rect.x, self.rect.y
        surface.blit(look.text(_("Predict, then reveal (optional)"), "body", "text"), (x, y))
        y += look.line_height("body") + look.px(4)
        arrow_w = look.px(22)
        row_h = self._row_height()
        below = self._chips_below(self.rect.width)
        # The indicator: ◀ name ▶
        name_w = self._name_width(self.rect.width)
        left = pygame.Rect(x, y, arrow_w, row_h)
        right = pygame.Rect(x + arrow_w + name_w, y, arrow_w, row_h)
        self._arrows = [(left, -1), (right, 1)]
        self.indicator_rect = pygame.Rect(x, y, arrow_w * 2 + name_w, row_h)
        pygame.draw.rect(surface, look.colour("surface_raised"), self.indicator_rect,
                         border_radius=look.px(4))
        for rect, step in self._arrows:
            cx, cy = rect.center
            h = look.px(5)
            pts = ([(cx + h, cy - h), (cx + h, cy + h), (cx - h, cy)] if step < 0
                   else [(cx - h, cy - h), (cx - h, cy + h), (cx + h, cy)])
            pygame.draw.polygon(surface, look.colour("text"), pts)
        name = look.text(look.fit(label(self.indicator), "body", name_w - look.px(6)), "body", "text")
        surface.blit(name, (left.right + (name_w - name.get_width()) // 2,
                            y + (row_h - name.get_height()) // 2))
        # The direction chips.
        if below:
            cx, y = x, y + row_h + look.px(4)
        else:
            cx = self.indicator_rect.right + look.px(10)
        self._chips = []
        start = cx
        for direction in DIRECTIONS:
            word = look.text(direction_word(direction), "small",
                             "accent_text" if direction == self.direction else "text")
            chip = pygame.Rect(cx, y, word.get_width() + look.px(30), row_h)
            if chip.right > self.rect.right:
                break
            chosen = direction == self.direction
            pygame.draw.rect(surface, look.colour("accent" if chosen else "surface_raised"), chip,
                             border_radius=look.px(4))
            draw_marker(surface, _DIRECTION_SHAPES[direction],
                        look.colour("accent_text" if chosen else "text_muted"),
                        (chip.x + look.px(12), chip.centery), look.px(10))
            surface.blit(word, (chip.x + look.px(22), chip.y + (row_h - word.get_height()) // 2))
            self._chips.append((chip, direction))
            cx = chip.right + look.px(6)
        self.direction_rect = pygame.Rect(start, y, max(1, cx - start - look.px(6)), row_h)
