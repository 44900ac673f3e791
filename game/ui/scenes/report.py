"""The turn report: what changed this year and why, decision by decision.

For each headline indicator: its move over the year, then the decisions (lever and year)
that caused the most of it, from the engine's counterfactual attribution, each with a
bar whose direction and sign say which way it pushed; then what no decision explains.
The prediction made before the turn is revealed at the top.
"""

from __future__ import annotations

import math

import pygame
from pygame_gui.elements import UIButton

from game.content.level_text import clause, judged_text, objective_text
from game.content.objectives import judged_years
from game.engine.schema import INDICATOR_BETTER_HIGH
from game.i18n import _
from game.i18n.format import percent
from game.session.report import IndicatorChange, TurnReport, format_value
from game.ui.palette import draw_marker
from game.ui.scene import Scene
from game.ui.widgets.control import Control
from game.ui.widgets.look import Look
from game.ui.widgets.prediction import Prediction, direction_of
from game.ui.widgets.scroll_column import Grid, Heading, Paragraph, ScrollColumn

__all__ = ["ReportScene", "ChangeBlock", "event_lines"]


def event_lines(level, events: tuple[tuple[str, int], ...],
                sizes: dict[str, dict[str, float]] | None = None) -> list[str]:
    """One translated sentence per event that fired: its title, the answer given, and how
    big it was for your region this year (your run against your run without it)."""
    by_id = {e.id: e for e in level.events}
    lines = []
    for event_id, choice in events:
        entry = by_id.get(event_id)
        if entry is None:
            continue
        if entry.choices:
            picked = entry.choices[min(choice, len(entry.choices) - 1)]
            line = _("{event} — you chose: {choice}").format(
                event=_(entry.title), choice=_(picked.label))
            cut = float((getattr(picked, "effects", None) or {}).get("budget_cut", 0.0))
            if cut > 0:  # a co-funded laboratory: the cost is named, not only felt
                line = _("{event} (it takes {share} of the S&T budget)").format(
                    event=line, share=percent(cut))
        else:
            line = _(entry.title)
        size = event_size_text((sizes or {}).get(event_id, {}))
        lines.append(_("{event}. {size}").format(event=line, size=size) if size else line)
    return lines


def event_size_text(size: dict[str, float], most: int = 3) -> str:
    """"This year it moved GDP growth by -0.4 pp and technology contracts by -¥1.2 bn."."""
    from game.session.names import label
    from game.session.report import format_amount, negligible

    parts = [_("{indicator} by {amount}").format(indicator=label(ind),
                                                 amount=format_amount(ind, amount))
             for ind, amount in size.items() if not negligible(ind, amount)][:most]
    if not parts:
        return ""
    return _("This year it moved {effects}.").format(effects=_("; ").join(parts))


class ChangeBlock(Control):
    """One indicator's change and its causes, with a bar per cause."""

    def __init__(self, look: Look, change: IndicatorChange, titles: dict[str, str],
                 start_year: int = 0) -> None:
        super().__init__(look)
        self.change = change
        self.titles = titles
        self.start_year = start_year

    def enabled(self) -> bool:
        return self.visible and self.rect.width > 0

    def tooltip(self):
        from game.session.names import describe, label

        comparison = _('"Without your policies" is the same region with the same luck, keeping '
                       "the policy it started with every year. The causes listed add up to the "
                       "difference; each is a whole decision over all its years, or an event.")
        return label(self.change.indicator), describe(self.change.indicator) + "\n\n" + comparison

    def _rows(self, width: int) -> list[tuple[str, float | None, str]]:
        """(line, amount or None, colour) per wrapped line; a cause's bar goes on its first line."""
        look = self.look
        change = self.change
        rows: list[tuple[str, float | None, str]] = []
        text_w = width - self._bar_room()

        def add(text: str, amount: float | None, colour: str) -> None:
            for k, line in enumerate(look.lines(text, "small", text_w)):
                rows.append((line, amount if k == 0 else None, colour))

        add(change.describe_change(), None, "text_muted")
        if change.inherited_moved():
            add(change.describe_inherited(self.start_year), None, "text")
        for cause in change.causes:
            add(cause.describe(self.titles), cause.amount, "text")
        if change.rest_shown():  # many small causes may add up to a visible gap
            add(change.describe_other(), change.rest, "text_muted")
        if not change.causes and not change.rest_shown():
            add(change.describe_none(), None, "text_muted")
        return rows

    def _bar_room(self) -> int:
        return self.look.px(90)

    def preferred_height(self, width: int) -> int:
        look = self.look
        heading = len(look.lines(self.change.describe(), "body", width - look.px(40)))
        return (look.px(16) + heading * look.line_height("body")
                + len(self._rows(width - look.px(24))) * look.line_height("small") + look.px(4))

    def draw(self, surface: pygame.Surface) -> None:
        look = self.look
        change = self.change
        pygame.draw.rect(surface, look.colour("surface"), self.rect, border_radius=look.px(6))
        pad = look.px(12)
        x, y = self.rect.x + pad, self.rect.y + look.px(8)
        # The marker says whether your policies left the indicator better or worse than none.
        direction = direction_of(change.indicator, change.no_new_policy, change.after)
        better = INDICATOR_BETTER_HIGH.get(change.indicator)
        if direction == "flat":
            role, shape = "neutral", "circle"
        else:
            good = better is None or ((direction == "up") == better)
            role, shape = ("good" if good else "bad"), (
                "triangle_up" if direction == "up" else "triangle_down")
        mark = look.px(12)
        draw_marker(surface, shape, look.colour(role), (x + mark // 2, y + look.line_height("body") // 2),
                    mark)
        for line in look.lines(change.describe(), "body", self.rect.width - 2 * pad - mark - look.px(8)):
            surface.blit(look.text(line, "body", "text"), (x + mark + look.px(8), y))
            y += look.line_height("body")
        width = self.rect.width - 2 * pad
        rows = self._rows(width)
        scale = max((abs(a) for _line, a, _c in rows if a is not None), default=0.0)
        bar_w = self._bar_room() - look.px(12)
        centre = self.rect.right - pad - bar_w // 2
        for line, amount, colour in rows:
            surface.blit(look.text(line, "small", colour), (x, y))
            if amount is not None and scale > 0:
                w = max(1, round(bar_w / 2 * abs(amount) / scale))
                h = look.px(8)
                top = y + (look.line_height("small") - h) // 2
                bar = pygame.Rect(centre if amount >= 0 else centre - w, top, w, h)
                # The bar's side is the sign; its colour whether that is good for the indicator.
                good = better is None or (amount >= 0) == better
                pygame.draw.rect(surface, look.colour("good" if good else "bad"), bar)
                pygame.draw.line(surface, look.colour("text_muted"), (centre, top - look.px(2)),
                                 (centre, top + h + look.px(2)), 1)
            y += look.line_height("small")


class ReportScene(Scene):
    def __init__(self, app, playthrough, report: TurnReport, prediction: Prediction | None = None,
                 tally: list[bool] | None = None):
        super().__init__(app)
        self.play = playthrough
        self.report = report
        self.prediction = prediction
        #: The game's record of predictions (right or not), kept by the turn screen.
        self.tally = tally if tally is not None else []
        self.revealed: bool | None = None
        if prediction is not None:
            ind = prediction.indicator
            self.revealed, self.reveal_text = prediction.reveal(report.previous[ind],
                                                                report.indicators[ind])
            self.tally.append(self.revealed)

    def title(self) -> str:
        return _("Report for {year}").format(year=self.report.year)

    def enter(self) -> None:
        super().enter()
        look = self.look = Look(self.app)
        width, height = self.app.size
        self.bar_height = look.px(56)
        h, pad = look.px(40), look.px(12)
        last = self.play.finished
        self.buttons: dict[str, UIButton] = {}
        text = _("Charts")
        w = max(look.px(120), look.font("body").size(text)[0] + look.px(36))
        self.buttons["charts"] = self.track(UIButton(
            pygame.Rect(width - pad - w, (self.bar_height - h) // 2, w, h), text,
            manager=self.app.manager))
        self.title_right = width - pad - w - look.px(10)
        # "Next year" sits at the bottom, away from where "End turn" was: a double click on
        # "End turn" must not skip the report it opens.
        text = _("See the debrief") if last else _("Next year")
        w = max(look.px(160), look.font("body").size(text)[0] + look.px(48))
        footer = self.footer = h + 2 * pad
        self.buttons["continue"] = self.track(UIButton(
            pygame.Rect(width - pad - w, height - pad - h, w, h), text,
            manager=self.app.manager, object_id="#primary"))
        body = pygame.Rect(look.px(16), self.bar_height + look.px(8), width - look.px(32),
                           height - self.bar_height - look.px(8) - footer)
        # Lines longer than this are hard to read: on wide screens the text column is centred.
        body.width = min(body.width, look.px(1500))
        body.centerx = width // 2
        self.column = ScrollColumn(look, body, look.px(12))
        items: list[Control] = []
        if self.revealed is not None:
            items.append(Paragraph(look, self.reveal_text, "text", ("triangle_up", "good")
                                   if self.revealed else ("triangle_down", "bad")))
        events = event_lines(self.play.level, self.report.events, self.report.event_sizes)
        if events:
            items.append(Heading(look, _("Events this year")))
            items += [Paragraph(look, line, "text", ("diamond", "warning")) for line in events]
        items.append(Heading(look, _("What your policies did, and why")))
        start_year = self.report.year - self.report.turn
        self.blocks = [ChangeBlock(look, change, self.report.titles, start_year)
                       for change in self.report.changes]
        columns = 2 if body.width / look.scale >= 900 else 1
        items.append(Grid(look, self.blocks, columns, look.px(12)))
        items += self._score_items()
        self.column.set_items(items)
        for block in self.blocks:
            self.keyboard.add(block)
        self.keyboard.add(self.buttons["charts"])
        self.keyboard.add(self.buttons["continue"])

    def _score_items(self) -> list[Control]:
        """The score so far and each objective's state: where the region stands on its goals."""
        look = self.look
        try:
            score = self.play.score()
        except Exception:  # the report stands without the score
            return []
        details = getattr(score, "details", None)
        if details is None:
            return []
        items: list[Control] = [Heading(look, _("Objectives so far"))]
        items.append(Paragraph(look, _("Score so far: {score} of 100.").format(
            score=round(score.points)), "text"))
        level = self.play.level
        later = sum(o.weight for o in level.objectives
                    if o.when == "after" and o.id in score.pending)
        if later:  # the departure audit's points cannot be earned before the level is over
            items.append(Paragraph(look, _(
                "{points} of the 100 points are judged after you leave (the departure "
                "audit).").format(points=round(100 * later / sum(o.weight for o in level.objectives))),
                "text_muted"))
        results = {r.id: r for r in details.objectives}
        for objective in level.objectives:
            result = results.get(objective.id)
            if result is None:
                continue
            if result.pending and objective.when == "after":
                marker, state = ("circle", "neutral"), _("judged on the five years after you leave")
            elif result.met:
                marker, state = ("triangle_up", "good"), _("on target")
            else:
                marker, state = ("triangle_down", "bad"), _("not yet")
            years = judged_years(self.play.level, objective, len(self.play.log))
            if years > 1 and math.isfinite(result.value):  # what it is judged on: the mean
                state = _("{state}: {value}").format(state=state, value=judged_text(
                    years, format_value(objective.indicator, result.value,
                                        target=(objective.comparison, objective.threshold))))
            items.append(Paragraph(look, _("{objective} ({state})").format(
                objective=clause(objective_text(self.play.level, objective)), state=state), "text",
                marker))
        return items

    def handle_event(self, event: pygame.event.Event) -> bool:
        if super().handle_event(event):
            return True
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            self.proceed()
            return True
        if self.column.handle_event(event):
            self.app.request_redraw()
            return True
        return False

    def on_button(self, element: object) -> bool:
        if element is self.buttons.get("continue"):
            self.proceed()
        elif element is self.buttons.get("charts"):
            from game.ui.scenes.charts import ChartsScene

            self.app.push(ChartsScene(self.app, self.play))
        else:
            return False
        return True

    def on_back(self) -> bool:
        """Esc goes back to the turn screen; after the last year there is none to go back to,
        and Esc does not move on to the debrief in its place ("See the debrief" does)."""
        if self.play.finished:
            return True
        self.proceed()
        return True

    def proceed(self) -> None:
        """Back to the turn screen for the next year, or on to the debrief after the last."""
        self.app.pop()
        if self.play.finished:
            from game.ui.scenes.debrief import DebriefScene

            self.app.replace(DebriefScene(self.app, self.play, self.tally))

    def update(self, dt: float) -> None:
        current = self.keyboard.current
        if self.keyboard.visible and current is not None and self.column.ensure_visible(current.rect):
            self.app.request_redraw()

    def draw(self, surface: pygame.Surface) -> None:
        look = self.look
        pygame.draw.rect(surface, look.colour("background_deep"),
                         pygame.Rect(0, 0, self.app.size[0], self.bar_height))
        width, height = self.app.size
        pygame.draw.rect(surface, look.colour("background_deep"),
                         pygame.Rect(0, height - self.footer, width, self.footer))
        sub = _("Turn {turn} of {turns}").format(turn=self.report.turn, turns=self.play.turns)
        x = look.px(16)
        title = look.first_fitting([_("What happened in {year}").format(year=self.report.year),
                                    str(self.report.year)], "title", self.title_right - x - look.px(10))
        t = look.text(title, "title", "text")
        surface.blit(t, (x, (self.bar_height - t.get_height()) // 2))
        s = look.text(sub, "small", "text_muted")
        if x + t.get_width() + look.px(16) + s.get_width() <= self.title_right:
            surface.blit(s, (x + t.get_width() + look.px(16),
                             (self.bar_height - s.get_height()) // 2 + look.px(3)))
        self.column.draw(surface)
