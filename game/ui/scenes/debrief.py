"""The debrief: score and stars, objectives met and missed, the decisions that mattered most,
charts of the run against the baseline, the level's discussion questions, and export of the
charts (PNG) and the numbers (CSV)."""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path

import pygame
from pygame_gui.elements import UIButton

from game.engine.schema import INDICATOR_BETTER_HIGH
from game.files import FileProblem
from game.i18n import _, ngettext
from game.i18n.oserror import os_reason
from game.reports.debrief import Debrief, build_debrief
from game.reports.export import ExportError, write_charts_png, write_csv
from game.session.results import build_result, result_json, write_text_atomic
from game.ui.palette import draw_marker
from game.ui.scene import Scene
from game.ui.widgets.control import Control
from game.ui.widgets.line_chart import LineChart
from game.ui.widgets.look import Look
from game.ui.widgets.scroll_column import Grid, Heading, Paragraph, ScrollColumn

__all__ = ["DebriefScene", "ScoreBanner", "export_folder"]

log = logging.getLogger(__name__)


def export_folder() -> Path:
    """Where exports go: an ``exports`` folder in the player's data folder."""
    from game.ui.settings import data_dir

    return data_dir() / "exports"


class ScoreBanner(Control):
    """The score out of 100 and three stars, filled or outlined (a shape cue, not only colour)."""


    def __init__(self, look: Look, debrief: Debrief) -> None:
        super().__init__(look)
        self.debrief = debrief

    def enabled(self) -> bool:
        return False

    def preferred_height(self, width: int) -> int:
        return self.look.line_height("hero") + self.look.line_height("body") + self.look.px(20)

    def draw(self, surface: pygame.Surface) -> None:
        look = self.look
        d = self.debrief
        pygame.draw.rect(surface, look.colour("surface"), self.rect, border_radius=look.px(8))
        x, y = self.rect.x + look.px(16), self.rect.y + look.px(8)
        score = look.text(_("{score} / 100").format(score=round(d.score)), "hero", "text")
        surface.blit(score, (x, y))
        sx = x + score.get_width() + look.px(30)
        size = look.px(34)
        cy = y + score.get_height() // 2
        for k in range(3):
            cx = sx + k * (size + look.px(10)) + size // 2
            if k < d.stars:
                draw_marker(surface, "star", look.colour("star"), (cx, cy), size)
            else:
                _outline_star(surface, look, (cx, cy), size)
        stars = ngettext("{count} of 3 stars", "{count} of 3 stars", d.stars).format(count=d.stars)
        met = sum(1 for o in d.objectives if o.met and not o.pending)
        summary = _("{stars} · {met} of {total} objectives met").format(
            stars=stars, met=met, total=len(d.objectives))
        surface.blit(look.text(summary, "body", "text_muted"),
                     (x, y + look.line_height("hero") + look.px(2)))


def _outline_star(surface: pygame.Surface, look: Look, centre: tuple[int, int], size: int) -> None:
    import math

    x, y = centre
    h = size // 2
    points = []
    for i in range(10):
        radius = h if i % 2 == 0 else h * 0.45
        angle = -math.pi / 2 + i * math.pi / 5
        points.append((x + radius * math.cos(angle), y + radius * math.sin(angle)))
    pygame.draw.polygon(surface, look.colour("text_muted"), points, width=max(1, look.px(2)))


class DebriefScene(Scene):
    def __init__(self, app, playthrough, predictions: list[bool] | None = None) -> None:
        super().__init__(app)
        self.play = playthrough
        #: Whether each prediction made during the game was right (empty if none was made).
        self.predictions = list(predictions or [])
        self.debrief: Debrief | None = None
        self.exported: str = ""

    def title(self) -> str:
        return _("Debrief")

    def enter(self) -> None:
        super().enter()
        if self.debrief is None:
            self.debrief = build_debrief(self.play)
        self._record_stars()
        look = self.look = Look(self.app)
        width, height = self.app.size
        self.bar_height = look.px(56)
        h, pad = look.px(40), look.px(12)
        self.buttons: dict[str, UIButton] = {}
        compare_text = (_("Compare with the first run") if getattr(self.play, "compare_with", None)
                        else _("Branch and compare"))
        specs = [("done", _("Back to the menu"), "#primary"),
                 ("export", _("Export result, charts and numbers"), None),
                 ("charts", _("Charts"), None), ("compare", compare_text, None)]
        widths = [max(look.px(110), look.font("body").size(text)[0] + look.px(36))
                  for _key, text, _id in specs]
        # When the four buttons leave no room for the title (a large interface size), the
        # first two move to a bar at the bottom instead of running off the screen.
        two_bars = sum(widths) + 3 * look.px(10) > width - 2 * pad - look.px(200)
        self.footer = h + 2 * pad if two_bars else 0
        x, bottom_x = width - pad, width - pad
        for index, ((key, text, object_id), w) in enumerate(zip(specs, widths, strict=True)):
            at_bottom = two_bars and index < 2
            left = (bottom_x if at_bottom else x) - w
            y = height - pad - h if at_bottom else (self.bar_height - h) // 2
            self.buttons[key] = self.track(UIButton(
                pygame.Rect(left, y, w, h), text, manager=self.app.manager, object_id=object_id))
            if at_bottom:
                bottom_x = left - look.px(10)
            else:
                x = left - look.px(10)
        self.title_right = x
        body = pygame.Rect(look.px(16), self.bar_height + look.px(10), width - look.px(32),
                           height - self.bar_height - look.px(22) - self.footer)
        # Lines longer than this are hard to read: on wide screens the text column is centred.
        body.width = min(body.width, look.px(1100))
        body.centerx = width // 2
        self.column = ScrollColumn(look, body, look.px(12))
        self.column.set_items(self._items(body.width))
        self.keyboard.add(self.buttons["compare"])
        self.keyboard.add(self.buttons["charts"])
        self.keyboard.add(self.buttons["export"])
        self.keyboard.add(self.buttons["done"])

    def _items(self, width: int) -> list[Control]:
        look, d = self.look, self.debrief
        items: list[Control] = [ScoreBanner(look, d)]
        if d.lost:
            broken = _("; ").join(o.shown_text() for o in d.objectives if o.id in d.lost)
            items.append(Paragraph(look, _("The level ended early and is lost. Required "
                                           "objective broken: {objectives}").format(
                objectives=broken), "warning"))
        if not d.finished:
            items.append(Paragraph(look, _("The level is not over yet: objectives still to be "
                                           "measured are marked as such."), "warning"))
        items.append(Heading(look, _("Objectives")))
        for o in d.objectives:
            if o.pending:
                marker = ("circle", "neutral")
            else:
                marker = ("triangle_up", "good") if o.met else ("triangle_down", "bad")
            text = o.describe()
            if o.required and not o.met and not o.pending:
                text = _("{objective} This objective is required: missing it means no stars.").format(
                    objective=text)
            items.append(Paragraph(look, text, "text", marker))
        items.append(Heading(look, _("Your run in numbers")))
        for line in d.insights:
            items.append(Paragraph(look, line, "text", ("diamond", "accent")))
        if self.predictions:
            right = sum(self.predictions)
            items.append(Paragraph(look, ngettext(
                "You predicted {count} indicator move and got {right} right.",
                "You predicted {count} indicator moves and got {right} right.",
                len(self.predictions)).format(count=len(self.predictions), right=right),
                "text", ("circle", "accent")))
        items.append(Heading(look, _("What happened")))
        items.append(Paragraph(look, _(d.debrief_text), "text"))
        items.append(Heading(look, _("The decisions that mattered most")))
        if d.key_decisions:
            for cause in d.key_decisions:
                better = INDICATOR_BETTER_HIGH.get(cause.indicator, True)
                good = better is None or (cause.amount >= 0) == better
                marker = ("triangle_up" if cause.amount >= 0 else "triangle_down",
                          "good" if good else "bad")
                items.append(Paragraph(look, _("{effect} (in {year}).").format(
                    effect=cause.describe(d.pilot_names), year=d.series.years[-1]), "text", marker))
        else:
            items.append(Paragraph(look, _("None of your decisions moved the objectives "
                                           "noticeably away from the status quo."), "text_muted"))
        items.append(Heading(look, _("Your run against no new policy")))
        charts = []
        for indicator in dict.fromkeys(o.indicator for o in d.objectives):
            if indicator not in d.series.actual:
                continue
            chart = _FixedChart(look, look.px(260))
            chart.set_data(indicator, d.series.years, d.series.actual[indicator],
                           d.series.baseline.get(indicator, ()))
            charts.append(chart)
        columns = 2 if width / look.scale >= 900 else 1
        items.append(Grid(look, charts, columns, look.px(12)))
        items.append(Heading(look, _("What this level teaches")))
        for text in d.learning_objectives:
            items.append(Paragraph(look, _(text), "text", ("circle", "technology")))
        items.append(Heading(look, _("Questions to discuss")))
        for k, text in enumerate(d.discussion_questions, start=1):
            items.append(Paragraph(look, _("{number}. {question}").format(number=k, question=_(text)),
                                   "text"))
        if self.exported:
            items.append(Paragraph(look, self.exported, "good", ("triangle_up", "good")))
        return items

    def _record_stars(self) -> None:
        """Remember the best stars for the level list (the menus own progress)."""
        if not self.debrief.finished:
            return
        try:
            from game.ui.settings import BestStars

            BestStars().record(self.play.level.id, self.debrief.stars)
        except Exception:  # progress is a convenience; the debrief shows without it
            log.exception("could not record stars")

    def export(self) -> None:
        d = self.debrief
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        base = export_folder() / f"{self.play.level.id}-seed{self.play.seed}-{stamp}"
        try:
            png = write_charts_png(d.series, base.with_suffix(".png"),
                                   title=_("{level}: your policy against no new policy").format(
                                       level=_(d.level_title)))
            csv = write_csv(d.series, base.with_suffix(".csv"))
            result = base.with_suffix(".json")
            # The result file a student hands in: the teacher's class report replays it.
            write_text_atomic(result, result_json(build_result(self.play)))
        except FileProblem as problem:
            from game.ui.widgets.dialog import MessageDialog

            message = _("Could not write {path}: {reason}").format(path=problem.path, reason=problem.reason)
            self.app.push(MessageDialog(self.app, lambda: _("Export failed"), lambda: message))
            return
        except OSError as error:
            from game.ui.widgets.dialog import MessageDialog

            message = _("Could not write {path}: {reason}").format(
                path=error.filename, reason=os_reason(error))
            self.app.push(MessageDialog(self.app, lambda: _("Export failed"), lambda: message))
            return
        except ExportError as error:
            from game.ui.widgets.dialog import MessageDialog

            message = str(error)
            self.app.push(MessageDialog(self.app, lambda: _("Export failed"), lambda: message))
            return
        self.exported = _(
            "Saved the charts to {png}, the numbers to {csv} and your result file (to hand in) "
            "to {result}."
        ).format(png=png, csv=csv, result=result)
        self.app.rebuild()
        self.column.scroll_by(self.column.max_offset)

    def handle_event(self, event: pygame.event.Event) -> bool:
        if super().handle_event(event):
            return True
        if self.column.handle_event(event):
            self.app.request_redraw()
            return True
        return False

    def on_button(self, element: object) -> bool:
        if element is self.buttons.get("done"):
            self.on_back()
        elif element is self.buttons.get("export"):
            self.export()
        elif element is self.buttons.get("charts"):
            from game.ui.scenes.charts import ChartsScene

            self.app.push(ChartsScene(self.app, self.play))
        elif element is self.buttons.get("compare"):
            self._compare()
        else:
            return False
        return True

    def _compare(self) -> None:
        """The branch's debrief compares it with the run it came from; any other run branches."""
        from game.ui.scenes.compare import BranchDialog, CompareScene

        first = getattr(self.play, "compare_with", None)
        if first is not None:
            self.app.push(CompareScene(self.app, first, self.play))
        elif self.play.log:
            self.app.push(BranchDialog(self.app, self.play))

    def on_back(self) -> bool:
        """Back to the title screen: the level is over."""
        from game.ui.scenes.title import TitleScene

        self.app.reset_to(TitleScene(self.app))
        return True

    def draw(self, surface: pygame.Surface) -> None:
        look = self.look
        pygame.draw.rect(surface, look.colour("background_deep"),
                         pygame.Rect(0, 0, self.app.size[0], self.bar_height))
        if self.footer:
            width, height = self.app.size
            pygame.draw.rect(surface, look.colour("background_deep"),
                             pygame.Rect(0, height - self.footer, width, self.footer))
        title = look.first_fitting(
            [_("Debrief: {level}").format(level=_(self.debrief.level_title)), _("Debrief")],
            "title", self.title_right - look.px(26))
        t = look.text(title, "title", "text")
        surface.blit(t, (look.px(16), (self.bar_height - t.get_height()) // 2))
        self.column.draw(surface)


class _FixedChart(LineChart):
    """A line chart of a fixed height, for the debrief's grid."""

    def __init__(self, look: Look, height: int) -> None:
        super().__init__(look)
        self.height = height

    def preferred_height(self, width: int) -> int:
        return self.height
