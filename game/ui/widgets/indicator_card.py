"""An indicator card: the name, this year's value, the change since last year with an arrow,
a sparkline of the history (and the forecast, dashed), and progress toward the objective."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pygame

from game.content.level_text import judged_text
from game.engine.schema import INDICATOR_BETTER_HIGH, INDICATOR_KIND
from game.i18n import _
from game.i18n.format import count, people
from game.session.names import describe, label
from game.session.report import format_amount, format_value
from game.ui.palette import draw_marker
from game.ui.widgets.control import Control
from game.ui.widgets.look import Look
from game.ui.widgets.prediction import direction_of
from game.ui.widgets.sparkline import draw_sparkline

__all__ = ["IndicatorCard", "Goal", "goal_progress"]


@dataclass(frozen=True)
class Goal:
    """A level objective on this indicator: ``comparison`` is one of < <= > >=."""

    text: str
    comparison: str
    threshold: float
    #: the value the objective is judged on when it averages several years (`years` of them,
    #: objectives.judged_value), instead of this year's; None for a single year
    judged: float | None = None
    years: int = 1


def goal_progress(goal: Goal, value: float, start: float) -> float:
    """How close the indicator is to its objective, 0 to 1 (1 only when the objective holds).

    For positive amounts this is the ratio of value to threshold (or threshold to value
    for a ceiling); otherwise the share of the way from the start value to the threshold.
    """
    above = goal.comparison in (">", ">=")
    met = value >= goal.threshold if above else value <= goal.threshold
    if goal.comparison in ("<", ">"):
        met = value > goal.threshold if above else value < goal.threshold
    if met:
        return 1.0
    if goal.threshold > 0 and value > 0:
        ratio = value / goal.threshold if above else goal.threshold / value
        return max(0.0, min(0.99, ratio))
    distance = goal.threshold - start
    if abs(distance) < 1e-12 or (distance > 0) != above:
        return 0.0
    return max(0.0, min(0.99, (value - start) / distance))


class IndicatorCard(Control):
    def __init__(self, look: Look, indicator: str) -> None:
        super().__init__(look)
        self.indicator = indicator
        self.history: list[float] = []
        self.forecast: list[float] = []
        self.goal: Goal | None = None
        self.start_value = 0.0

    def set_state(
        self,
        history: Sequence[float],
        forecast: Sequence[float] = (),
        goal: Goal | None = None,
    ) -> None:
        self.history = [float(v) for v in history]
        self.forecast = [float(v) for v in forecast]
        self.goal = goal
        self.start_value = self.history[0] if self.history else 0.0

    # Layout: name; value with the change beside it (or below when both do not fit);
    # sparkline; goal bar with its text beside it (or below). Nothing is cut off.
    def _change(self) -> tuple[str, str, str] | None:
        """(text, colour role, marker shape) of the change since last year, if there is one."""
        if len(self.history) < 2:
            return None
        before, value = self.history[-2], self.history[-1]
        direction = direction_of(self.indicator, before, value)
        if direction == "flat":
            role, shape = "neutral", "circle"
        else:
            up = direction == "up"
            better = INDICATOR_BETTER_HIGH.get(self.indicator)
            role = "good" if better is None or up == better else "bad"
            shape = "triangle_up" if up else "triangle_down"
        # One unit per line: the change in the unit of the value beside it. A head count says
        # "people", not the card's name again ("-1,004 people", "-0.1万人").
        if INDICATOR_KIND.get(self.indicator) == "people":
            return people(value - before, signed=True, like=value), role, shape
        return format_amount(self.indicator, value - before, like=value), role, shape

    def _change_below(self, inner: int) -> bool:
        change = self._change()
        if change is None or not self.history:
            return False
        look = self.look
        value_w = look.font("value").size(self._value_text(self.history[-1], inner))[0]
        return value_w + look.px(20) + look.font("small").size(change[0])[0] > inner

    def _value_text(self, value: float, width: int | None = None) -> str:
        """The value, with more decimals where rounding would make a miss look like the goal.

        A head count too wide for the card ("296,780 skilled workers") drops its word, which
        the card's name already says.
        """
        target = None if self.goal is None else (self.goal.comparison, self.goal.threshold)
        text = format_value(self.indicator, value, target=target)
        if (width is not None and INDICATOR_KIND.get(self.indicator) == "people"
                and self.look.font("value").size(text)[0] > width):
            text = count(value)
        return text

    def _goal_text(self) -> tuple[str, float] | None:
        if self.goal is None or not self.history:
            return None
        judged = self.history[-1] if self.goal.judged is None else self.goal.judged
        progress = goal_progress(self.goal, judged, self.start_value)
        target = _("goal {comparison} {threshold}").format(
            comparison=self.goal.comparison.replace(">=", "≥").replace("<=", "≤"),
            threshold=format_value(self.indicator, self.goal.threshold))
        if progress >= 1.0:
            target = _("{goal}: reached").format(goal=target)
        return target, progress

    def _judged_text(self) -> str | None:
        """"3-year mean 4.8%" under the goal bar, when the objective judges a mean, not the
        year shown above: progress and "reached" are about this value."""
        if self.goal is None or self.goal.judged is None or not self.history:
            return None
        return judged_text(self.goal.years, format_value(
            self.indicator, self.goal.judged, target=(self.goal.comparison, self.goal.threshold)))

    def _goal_below(self, inner: int) -> bool:
        goal = self._goal_text()
        if goal is None:
            return False
        look = self.look
        return inner // 3 + look.px(6) + look.font("tiny").size(goal[0])[0] > inner

    def _label_lines(self, width: int) -> list[str]:
        lines = self.look.lines(label(self.indicator), "small", width)
        if len(lines) > 2:
            lines = [lines[0], self.look.fit(" ".join(lines[1:]), "small", width)]
        return lines

    def preferred_height(self, width: int) -> int:
        look = self.look
        inner = width - 2 * look.px(8)
        height = (look.px(10) + len(self._label_lines(inner)) * look.line_height("small")
                  + look.line_height("value") + look.px(30))
        if self._change_below(inner):
            height += look.line_height("small")
        if self.goal is not None:
            height += look.line_height("tiny") + look.px(8)
            if self._goal_below(inner):
                height += look.line_height("tiny")
            if self._judged_text() is not None:
                height += look.line_height("tiny")
        return height

    def tooltip(self) -> tuple[str, str]:
        body = describe(self.indicator)
        if self.goal is not None:
            body = _("{description}\n\nObjective: {objective}").format(
                description=body, objective=self.goal.text)
        return label(self.indicator), body

    def draw(self, surface: pygame.Surface) -> None:
        look = self.look
        rect = self.rect
        pygame.draw.rect(surface, look.colour("surface"), rect, border_radius=look.px(6))
        pad = look.px(8)
        x, y = rect.x + pad, rect.y + look.px(5)
        width = rect.width - 2 * pad
        # A long name ("technology's contribution to growth") takes two lines, not an ellipsis.
        for line in self._label_lines(width):
            surface.blit(look.text(line, "small", "text_muted"), (x, y))
            y += look.line_height("small")
        if not self.history:
            return
        value = self.history[-1]
        value_surface = look.text(self._value_text(value, width), "value", "text")
        surface.blit(value_surface, (x, y))
        change = self._change()
        if change is not None:
            text, role, shape = change
            cx = x + value_surface.get_width() + look.px(12)
            cy = y + value_surface.get_height() // 2
            draw_marker(surface, shape, look.colour(role), (cx, cy), look.px(10))
            delta = look.text(text, "small", role)
            if self._change_below(width):
                y += look.line_height("value")
                surface.blit(delta, (x, y))
                y += look.line_height("small") - look.line_height("value")
            else:
                surface.blit(delta, (cx + look.px(8), cy - delta.get_height() // 2))
        y += look.line_height("value")
        spark = pygame.Rect(x, y + look.px(2), width, look.px(24))
        draw_sparkline(surface, spark, self.history, look.colour("player"), self.forecast,
                       look.colour("text_muted"), width=look.px(2))
        y = spark.bottom + look.px(6)
        goal = self._goal_text()
        if goal is None:
            return
        target, progress = goal
        below = self._goal_below(width)
        bar = pygame.Rect(x, y + look.px(3), width if below else width // 3, look.px(6))
        pygame.draw.rect(surface, look.colour("surface_raised"), bar, border_radius=look.px(3))
        role = "good" if progress >= 1.0 else "accent"
        if progress > 0:
            pygame.draw.rect(surface, look.colour(role),
                             pygame.Rect(bar.x, bar.y, round(bar.width * progress), bar.height),
                             border_radius=look.px(3))
        colour = "good" if progress >= 1.0 else "text_muted"
        y = bar.bottom + look.px(3)
        if below:
            surface.blit(look.text(look.fit(target, "tiny", width), "tiny", colour), (x, y))
            y += look.line_height("tiny")
        else:
            surface.blit(look.text(target, "tiny", colour), (bar.right + look.px(6), bar.y - look.px(5)))
            y = max(y, bar.y - look.px(5) + look.line_height("tiny"))
        judged = self._judged_text()
        if judged is not None:
            surface.blit(look.text(look.fit(judged, "tiny", width), "tiny", colour), (x, y))
