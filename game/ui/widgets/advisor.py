"""The advisors' panel: what the level's advisors say this turn, each line wrapped and
signed with the advisor's name and role."""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from game.content.level_text import live_text
from game.i18n import _
from game.ui.widgets.control import Control
from game.ui.widgets.look import Look

__all__ = ["AdvisorPanel", "AdvisorComment"]


@dataclass(frozen=True)
class AdvisorComment:
    name: str  # translated
    role: str  # translated
    line: str  # translated


class AdvisorPanel(Control):

    def __init__(self, look: Look) -> None:
        super().__init__(look)
        self.comments: list[AdvisorComment] = []

    def set_comments(self, comments: list[AdvisorComment]) -> None:
        self.comments = list(comments)

    def enabled(self) -> bool:
        return False

    def _layout(self, width: int) -> list[tuple[str, str, str]]:
        """(text, role, colour) lines for the whole panel."""
        look = self.look
        out: list[tuple[str, str, str]] = []
        if not self.comments:
            for line in look.lines(_("Your advisors have nothing to add this year."), "small", width):
                out.append((line, "small", "text_muted"))
            return out
        for comment in self.comments:
            who = _("{name}, {role}").format(name=comment.name, role=comment.role)
            for line in look.lines(who, "small", width):
                out.append((line, "small", "accent"))
            for line in look.lines(comment.line, "small", width - look.px(8)):
                out.append((line, "small", "text"))
        return out

    def preferred_height(self, width: int) -> int:
        look = self.look
        lines = self._layout(width)
        return look.line_height("body") + len(lines) * look.line_height("small") + look.px(6) * len(self.comments)

    def draw(self, surface: pygame.Surface) -> None:
        look = self.look
        x, y = self.rect.x, self.rect.y
        surface.blit(look.text(_("Advisors"), "body", "text"), (x, y))
        y += look.line_height("body")
        for text, role, colour in self._layout(self.rect.width):
            indent = look.px(8) if colour == "text" else 0
            surface.blit(look.text(text, role, colour), (x + indent, y))
            y += look.line_height(role)


_COMPARE = {
    "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b,
    ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b,
}


def advisor_comments(level, turn: int, indicators: dict[str, float],
                     played=None) -> list[AdvisorComment]:
    """The level's advisor lines that apply at ``turn`` (1-based) given last year's indicators
    (and ``played``, the (T, I) indicators of the turns played, for objectives judged on a mean).

    A line with a ``turn`` speaks only in that turn; a line with a ``condition`` only while
    it holds; each advisor says at most one thing a turn (the first line that applies).
    """
    comments = []
    for advisor in level.advisors:
        for line in advisor.lines:
            if line.turn is not None and line.turn != turn:
                continue
            cond = line.condition
            if cond is not None:
                value = indicators.get(cond.indicator)
                if value is None or not _COMPARE[cond.comparison](value, cond.threshold):
                    continue
            # Numbers in a line are last year's live values ("Bad loans are at {npl_ratio}").
            comments.append(AdvisorComment(_(advisor.name), _(advisor.role),
                                           live_text(line.line, indicators)))
            break
    return comments + required_warnings(level, indicators, played)


def required_warnings(level, indicators: dict[str, float], played=None) -> list[AdvisorComment]:
    """A warning for each required objective close to its threshold, before it is broken."""
    from game.content.level_text import judged_text, objective_text
    from game.content.objectives import judged_years, required_at_risk
    from game.engine.schema import INDICATOR_KIND
    from game.i18n.format import value as shown

    return [_supervisor(_(
        "Careful: '{objective}' is close to being broken ({value} now). If it is broken, "
        "the level ends and is lost.").format(
            objective=objective_text(level, objective),
            value=judged_text(judged_years(level, objective, 0 if played is None else len(played)),
                              shown(INDICATOR_KIND[objective.indicator], value))))
        for objective, value in required_at_risk(level, indicators, played)]


def _supervisor(line: str) -> AdvisorComment:
    """A line of the office that watches the level's required objectives."""
    return AdvisorComment(_("Supervisory office"), _("required objective"), line)


def forecast_warnings(level, this_year: dict[str, float]) -> list[AdvisorComment]:
    """A warning for each required every-year objective that this year's draft would break, by
    the forecast of this year with the decisions as they stand: the player hears of it while
    the turn can still be changed, not in the report of the year that lost the level."""
    from game.content.level_text import objective_text
    from game.content.objectives import holds
    from game.engine.schema import INDICATOR_KIND
    from game.i18n.format import value as shown

    out = []
    for objective in level.objectives:
        if not (objective.required and objective.when == "always"):
            continue
        value = this_year.get(objective.indicator)
        if value is None or holds(value, objective.comparison, objective.threshold):
            continue
        out.append(_supervisor(_(
            "With these decisions, '{objective}' would be broken this year ({value} forecast). "
            "Ending the turn like this ends the level, lost.").format(
                objective=objective_text(level, objective),
                value=shown(INDICATOR_KIND[objective.indicator], value))))
    return out
