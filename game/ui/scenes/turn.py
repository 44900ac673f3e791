"""The turn screen: decide this year's budget, credit, focus and pilot zones, then end the turn.

Left, the decisions (sliders by group, the credit dial, the sector focus, pilot zones).
Middle, the causal loop, "predict, then reveal" and the advisors. Right, the indicator
cards. Every number comes from the playthrough; the screen never computes economics.
A drag or a key press is one undo step (Ctrl+Z or the Undo button).
"""

from __future__ import annotations

import logging
import time

import pygame
from pygame_gui.elements import UIButton

from game.content.level_text import objective_text
from game.content.objectives import judged_value, judged_years
from game.engine.schema import INDICATOR_INDEX, INDICATORS, SECTORS
from game.i18n import _
from game.session.report import HEADLINE_INDICATORS
from game.session.report import prepare as prepare_report
from game.ui.scene import Scene
from game.ui.scenes.event_dialog import EventDialog
from game.ui.widgets.advisor import AdvisorPanel, advisor_comments, forecast_warnings
from game.ui.widgets.causal_loop import CausalLoop
from game.ui.widgets.control import Control
from game.ui.widgets.decision_panel import DecisionCallbacks, DecisionPanel
from game.ui.widgets.indicator_card import Goal, IndicatorCard
from game.ui.widgets.look import Look
from game.ui.widgets.prediction import PredictionPanel
from game.ui.widgets.scroll_column import Grid, Heading, Paragraph, ScrollColumn
from game.ui.widgets.tooltip import draw_tooltip

__all__ = ["TurnScene", "card_indicators"]

log = logging.getLogger(__name__)

#: Seconds the pointer rests on a control before its tooltip shows.
TOOLTIP_DELAY = 0.45
#: Below this width (in pixels at 100% scale) the screen uses two columns instead of three.
THREE_COLUMNS_FROM = 1100


def card_indicators(level) -> list[str]:
    """The indicators shown on cards: the report's headline ones, then the objectives'."""
    names = list(HEADLINE_INDICATORS)
    for objective in level.objectives:
        if objective.indicator not in names and objective.indicator != "score":
            names.append(objective.indicator)
    return names


class TurnScene(Scene):
    def __init__(self, app, playthrough) -> None:
        super().__init__(app)
        self.play = playthrough
        self.prediction_panel: PredictionPanel | None = None
        self._prediction_state: tuple[int, str | None] = (0, None)
        #: Whether each revealed prediction was right, for the debrief's tally.
        self.predictions_right: list[bool] = playthrough.predictions
        self._in_gesture = False  # a drag or key press is open (one undo step in the session)
        self._events_shown_for_turn = 0
        self._hover: Control | None = None
        self._hover_time = 0.0
        self.last_end_turn_ms = 0.0
        self._told_autosave_failed = False
        # Set by every change; the next frame refreshes once, however many changes arrived
        # (a drag sends many mouse events a frame and each forecast replays the whole level).
        self._stale = False

    def title(self) -> str:
        return _("{region}, {year}").format(region=_(self.play.level.region), year=self.play.year)

    # --- building --------------------------------------------------------------------
    def enter(self) -> None:
        super().enter()
        self.built = False
        if self.play.finished:
            return  # update() moves on to the debrief once this scene is on top
        self.look = Look(self.app)
        self._build_top_bar()
        self._build_columns()
        self._build_focus_order()
        self.built = True
        self.refresh()
        prepare_report(self.play)  # once per level, while the player reads the screen
        if self._events_shown_for_turn != self.play.turn:
            self._events_shown_for_turn = self.play.turn
            # A new year starts at the first decision with the ring hidden: no tooltip is left
            # open over the sliders below it, and the first Tab shows where the keyboard is.
            self.keyboard.index = 0
            self.keyboard.visible = False
            self._hover = None
            self._open_pending_events()

    def exit(self) -> None:
        if self.prediction_panel is not None:
            self._prediction_state = (self.prediction_panel.index, self.prediction_panel.direction)
        super().exit()

    def _build_top_bar(self) -> None:
        app, look = self.app, self.look
        width, _height = app.size
        self.bar_height = look.px(56)
        h = look.px(40)
        y = (self.bar_height - h) // 2
        pad = look.px(12)
        specs = [("end", _("End turn"), "#primary"), ("undo", _("Undo"), None),
                 ("charts", _("Charts"), None), ("save", _("Save"), None)]
        x = width - pad
        self.buttons: dict[str, UIButton] = {}
        for key, text, object_id in specs:
            w = max(look.px(110), look.font("body").size(text)[0] + look.px(36))
            x -= w
            self.buttons[key] = self.track(UIButton(pygame.Rect(x, y, w, h), text,
                                                    manager=app.manager, object_id=object_id))
            x -= look.px(10)
        self.title_right = x

    def _build_columns(self) -> None:
        look = self.look
        width, height = self.app.size
        pad = look.px(14)
        top = self.bar_height + look.px(4)
        body = pygame.Rect(pad, top, width - 2 * pad, height - top - pad)
        three = width / look.scale >= THREE_COLUMNS_FROM
        gap = look.px(18)
        if three:
            w_left = round(body.width * 0.36)
            w_mid = round(body.width * 0.29)
            left = pygame.Rect(body.x, body.y, w_left, body.height)
            mid = pygame.Rect(left.right + gap, body.y, w_mid, body.height)
            right = pygame.Rect(mid.right + gap, body.y, body.right - mid.right - gap, body.height)
        else:
            w_left = round(body.width * 0.5)
            left = pygame.Rect(body.x, body.y, w_left, body.height)
            mid = None
            right = pygame.Rect(left.right + gap, body.y, body.right - left.right - gap, body.height)
        item_gap = look.px(10)
        self.decide_column = ScrollColumn(look, left, item_gap)
        self.decide_column.set_items(self._decision_controls())
        insight = self._insight_controls()
        cards = self._card_grid(right.width)
        if mid is not None:
            self.insight_column = ScrollColumn(look, mid, item_gap)
            self.insight_column.set_items(insight)
            self.cards_column = ScrollColumn(look, right, item_gap)
            self.cards_column.set_items([Heading(look, _("Indicators")), cards])
            self.columns = [self.decide_column, self.insight_column, self.cards_column]
        else:
            self.cards_column = ScrollColumn(look, right, item_gap)
            self.cards_column.set_items([*insight, Heading(look, _("Indicators")), cards])
            self.columns = [self.decide_column, self.cards_column]

    def _decision_controls(self) -> list[Control]:
        self.decisions = DecisionPanel(self.look, self.play, DecisionCallbacks(
            on_share=self._on_share, on_credit=self._on_credit, on_focus=self._on_focus,
            on_pilot=self._on_pilot, on_release=self._on_release, on_horizon=self._on_horizon,
            on_scale_up=self._on_scale_up))
        # Short names for the tests and the refresh below.
        self.budget_bar = self.decisions.budget_bar
        self.sliders = self.decisions.sliders
        self.dial = self.decisions.dial
        self.focus_mix = self.decisions.focus_mix
        self.pilot_toggles = self.decisions.pilot_toggles
        return self.decisions.items

    def _insight_controls(self) -> list[Control]:
        look = self.look
        self.loop_view = CausalLoop(look)
        self.prediction_panel = PredictionPanel(look, card_indicators(self.play.level))
        index, direction = self._prediction_state
        self.prediction_panel.index = index % len(self.prediction_panel.indicators)
        self.prediction_panel.direction = direction
        self.advisors = AdvisorPanel(look)
        keys = Paragraph(look, _("Keys: Tab moves between controls, the arrow keys change them "
                                 "(Shift for bigger steps), Ctrl+Z undoes, Enter ends the turn."),
                         "text_muted", role="small")
        return [self.loop_view, self.prediction_panel, self.advisors, keys]

    def _card_grid(self, width: int) -> Grid:
        look = self.look
        self.cards = {name: IndicatorCard(look, name) for name in card_indicators(self.play.level)}
        columns = 2 if width >= look.px(380) else 1
        return Grid(look, list(self.cards.values()), columns, look.px(8), uniform=True)

    def _build_focus_order(self) -> None:
        for target in self.decisions.keyboard_targets():
            self.keyboard.add(target)
        for stop in self.prediction_panel.stops:
            self.keyboard.add(stop)
        self.keyboard.add(self.loop_view)
        for card in self.cards.values():
            self.keyboard.add(card)
        for key in ("save", "undo", "charts", "end"):
            self.keyboard.add(self.buttons[key])

    # --- reading the playthrough -------------------------------------------------------
    def refresh(self) -> None:
        """Copy the draft and the results into the widgets (after every change)."""
        self._stale = False
        play = self.play
        try:
            forecast = play.forecast()
        except Exception:  # a forecast must never stop a player from deciding
            log.exception("forecast failed")
            forecast = None
        turn_index = play.turn - 1
        budget = float(forecast.budget[turn_index, 0]) if forecast is not None else 0.0
        self.decisions.show(budget)
        self._refresh_insight(forecast)
        self.buttons["undo"].enable() if self.play.can_undo else self.buttons["undo"].disable()
        for column in self.columns:
            column.layout()
        self.app.request_redraw()

    def _history(self):
        """(T_played + 1, I) indicator values: the starting year, then each played turn."""
        import numpy as np

        play = self.play
        initial = play.baseline_result().initial[0]
        if not play.log:
            return initial[None, :]
        return np.vstack([initial[None, :], play.result().indicators[:, 0, :]])

    def _refresh_insight(self, forecast) -> None:
        play = self.play
        history = self._history()
        pack = getattr(play, "pack", None)  # a session pack may hide the forecast for its class
        show_forecast = (bool(self.app.settings.forecast) and (pack is None or pack.forecast)
                         and forecast is not None)
        turn_index = play.turn - 1
        goals = self._goals()
        for name, card in self.cards.items():
            i = INDICATOR_INDEX[name]
            ahead = forecast.indicators[turn_index:, 0, i] if show_forecast else ()
            card.set_state(history[:, i], ahead, goals.get(name))
        if show_forecast:
            self.loop_view.set_flows(forecast.flows[turn_index, 0],
                                     _("Expected flows this year with these decisions"))
        else:
            # Last year's flows: the starting year's before the first turn.
            flows = (play.result().flows[turn_index - 1, 0] if play.log
                     else play.baseline_result().initial_flows[0])
            self.loop_view.set_flows(flows, _("Flows last year"))
        last = {name: float(history[-1, INDICATOR_INDEX[name]]) for name in INDICATORS}
        comments = advisor_comments(play.level, play.turn, last, history[1:])
        if show_forecast:
            this_year = {name: float(forecast.indicators[turn_index, 0, INDICATOR_INDEX[name]])
                         for name in INDICATORS}
            comments += forecast_warnings(play.level, this_year)
        self.advisors.set_comments(comments)

    def _goals(self) -> dict[str, Goal]:
        """The first objective on each indicator; one judged over several years carries the
        running mean it will be judged on (from two years played)."""
        level, goals = self.play.level, {}
        played = self.play.result().indicators[:, 0, :] if self.play.log else None
        for objective in level.objectives:
            if objective.when == "after":
                continue  # judged on the years after the level, not on a card's
            years = judged_years(level, objective, 0 if played is None else len(played))
            judged = None if years < 2 else float(judged_value(
                level, objective, played[:, INDICATOR_INDEX[objective.indicator]]))
            goals.setdefault(objective.indicator, Goal(
                objective_text(level, objective), objective.comparison, objective.threshold,
                judged, years))
        return goals

    # --- changing the draft ----------------------------------------------------------
    def _begin(self) -> None:
        if not self._in_gesture:
            self.play.begin_gesture()
            self._in_gesture = True

    def _on_release(self, *_args) -> None:
        if self._in_gesture:
            self.play.end_gesture()  # a gesture that changed nothing leaves no undo step
            self._in_gesture = False
        self._mark_stale()

    def _on_share(self, lever: str, value: float) -> None:
        self._begin()
        self.play.set_share(lever, value)
        self._mark_stale()

    def _on_credit(self, value: float) -> None:
        self._begin()
        self.play.set_credit_guidance(value)
        self._mark_stale()

    def _on_focus(self, shares: dict[str, float]) -> None:
        self._begin()
        if sum(shares.get(s, 0.0) for s in SECTORS) > 0:
            self.play.set_focus(shares)
        self._mark_stale()

    def _on_horizon(self, years: float) -> None:
        self._begin()
        self.play.set_fund_horizon(years)
        self._mark_stale()

    def _on_pilot(self, pilot_id: str) -> None:
        self._pilot_action(self.play.toggle_pilot, pilot_id, _("This pilot zone cannot open"))

    def _on_scale_up(self, pilot_id: str) -> None:
        self._pilot_action(self.play.toggle_scale_up, pilot_id,
                           _("This pilot zone cannot be rolled out"))

    def _pilot_action(self, action, pilot_id: str, title: str) -> None:
        from game.session.playthrough import DecisionError

        self._begin()
        try:
            action(pilot_id)
        except DecisionError as error:
            self._on_release()
            self._message(title, str(error))
            return
        self._on_release()

    def _mark_stale(self) -> None:
        self._stale = True
        self.app.request_redraw()

    def undo(self) -> bool:
        """Go back to the draft before the last gesture; False when there is nothing to undo."""
        self._on_release()
        if not self.play.undo():
            return False
        self.refresh()
        return True

    # --- events ----------------------------------------------------------------------
    def handle_event(self, event: pygame.event.Event) -> bool:
        if not self.built:
            return False
        if event.type == pygame.KEYDOWN and event.key == pygame.K_z and event.mod & pygame.KMOD_CTRL:
            self.undo()
            return True
        if super().handle_event(event):
            self.app.request_redraw()
            return True
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            self.end_turn()
            return True
        if event.type == pygame.MOUSEMOTION:
            hovered = self._control_at(event.pos)
            if hovered is not self._hover:
                self._hover = hovered
                self._hover_time = 0.0
                self.app.request_redraw()
        for column in self.columns:
            if column.handle_event(event):
                if event.type == pygame.MOUSEWHEEL:
                    # The page moved under the pointer: the tooltip follows what is under it now.
                    self._hover = self._control_at(pygame.mouse.get_pos())
                    self._hover_time = 0.0
                self.app.request_redraw()
                return True
        return False

    def _control_at(self, pos) -> Control | None:
        for column in self.columns:
            item = column.item_at(pos)
            if isinstance(item, Grid):
                item = item.item_at(pos)
            if item is not None and hasattr(item, "tooltip"):
                return item
        return None

    def on_button(self, element: object) -> bool:
        if element is self.buttons.get("end"):
            self.end_turn()
        elif element is self.buttons.get("undo"):
            self.undo()
        elif element is self.buttons.get("charts"):
            from game.ui.scenes.charts import ChartsScene

            self.app.push(ChartsScene(self.app, self.play))
        elif element is self.buttons.get("save"):
            from game.ui.scenes.saves import SavesScene

            self.app.push(SavesScene(self.app, self.play))
        else:
            return False
        return True

    def on_back(self) -> bool:
        """Esc leaves the level for the menu below; the session's autosave keeps the game."""
        self._autosave()
        return super().on_back()

    def _open_pending_events(self, only_unanswered: bool = False) -> None:
        """Events of this turn open before the player decides (those needing an answer first)."""
        try:
            events = self.play.missing_choices() if only_unanswered else self.play.pending_events()
        except Exception:
            log.exception("pending events failed")
            return
        # Pushed last-first so that they show in the level's order.
        for event in reversed(events):
            self.app.push(EventDialog(self.app, self.play, event, on_done=self.refresh))

    def end_turn(self) -> None:
        """Resolve the year and show the report (or the debrief after the last turn)."""
        if self.play.missing_choices():
            self._open_pending_events(only_unanswered=True)
            return
        from game.session.playthrough import DecisionError

        prediction = self.prediction_panel.prediction(self.play.year)
        started = time.perf_counter()
        try:
            report = self.play.end_turn()
        except DecisionError as error:  # the level refuses this draft: say why, keep deciding
            self._message(_("This year's decisions cannot stand"), str(error))
            return
        self.last_end_turn_ms = (time.perf_counter() - started) * 1000.0
        log.info("turn %d resolved in %.1f ms", report.turn, self.last_end_turn_ms)
        self._in_gesture = False
        self.prediction_panel.direction = None
        self._prediction_state = (self.prediction_panel.index, None)
        from game.ui.scenes.report import ReportScene

        # The report records the prediction in the tally first, so the autosave keeps it.
        scene = ReportScene(self.app, self.play, report, prediction, tally=self.predictions_right)
        failed = self._autosave()
        self.app.push(scene)
        if failed and not self._told_autosave_failed:  # once a game: the player knows
            self._told_autosave_failed = True
            self._message(_("Autosave failed"), _(
                "{reason} Your game goes on; save it under a name with Ctrl+S or the Save "
                "button.").format(reason=failed))

    def _autosave(self) -> str | None:
        """Autosave; returns the players' message when it failed (the turn goes on anyway)."""
        from game.session import saves

        try:
            saves.autosave(self.play)
        except saves.SaveError as error:
            log.warning("autosave failed: %s", error)
            return str(error)
        except Exception:  # saving is a convenience; the turn goes on without it
            log.exception("autosave failed")
            return _("The game could not be saved.")
        return None

    def _go_to_debrief(self) -> None:
        from game.ui.scenes.debrief import DebriefScene

        self.app.replace(DebriefScene(self.app, self.play, self.predictions_right))

    def _message(self, heading: str, body: str) -> None:
        from game.ui.widgets.dialog import MessageDialog

        self.app.push(MessageDialog(self.app, lambda: heading, lambda: body))

    # --- per frame -------------------------------------------------------------------
    def update(self, dt: float) -> None:
        if not self.built:
            if self.play.finished and self.app.top is self:
                self._go_to_debrief()
            return
        if self._stale:
            self.refresh()
        if self._hover is not None and self._hover_time < TOOLTIP_DELAY:
            self._hover_time += dt
            if self._hover_time >= TOOLTIP_DELAY:
                self.app.request_redraw()
        current = self.keyboard.current
        if self.keyboard.visible and current is not None:
            rect = current.rect
            for column in self.columns:
                if column.rect.colliderect(rect) or column.rect.x <= rect.x < column.rect.right:
                    if column.ensure_visible(rect):
                        self.app.request_redraw()
                    break

    def wants_frames(self) -> bool:
        if not self.built:
            return self.play.finished
        return self._hover is not None and self._hover_time < TOOLTIP_DELAY

    def draw(self, surface: pygame.Surface) -> None:
        if not self.built:
            return
        look = self.look
        width, _height = self.app.size
        bar = pygame.Rect(0, 0, width, self.bar_height)
        pygame.draw.rect(surface, look.colour("background_deep"), bar)
        x = look.px(16)
        room = self.title_right - x - look.px(10)
        title = look.first_fitting(
            [_("{region} — {year}").format(region=_(self.play.level.region), year=self.play.year),
             str(self.play.year)], "title", room)
        sub = _("Turn {turn} of {turns}").format(turn=self.play.turn, turns=self.play.turns)
        t = look.text(title, "title", "text")
        surface.blit(t, (x, (self.bar_height - t.get_height()) // 2))
        sub_room = self.title_right - x - t.get_width() - look.px(16)
        sub = look.first_fitting(
            [sub, _("{turn}/{turns}").format(turn=self.play.turn, turns=self.play.turns)],
            "small", sub_room)
        s = look.text(sub, "small", "text_muted")
        if s.get_width() <= sub_room:
            surface.blit(s, (x + t.get_width() + look.px(16),
                             (self.bar_height - s.get_height()) // 2 + look.px(3)))
        for column in self.columns:
            column.draw(surface)
        self._draw_tooltip(surface)

    def _draw_tooltip(self, surface: pygame.Surface) -> None:
        target = None
        if self.keyboard.visible and self.keyboard.current is not None:
            target = self.keyboard.current
        elif self._hover is not None and self._hover_time >= TOOLTIP_DELAY and not any(
                pygame.mouse.get_pressed()):
            target = self._hover
        tip = getattr(target, "tooltip", None)
        if tip is None:
            return
        content = tip()
        if content is None:
            return
        title, body = content
        # Below the top bar: its buttons are drawn after the scene and would cover the tip.
        width, height = self.app.size
        bounds = pygame.Rect(0, self.bar_height, width, height - self.bar_height)
        draw_tooltip(surface, self.look, target.rect, title, body, bounds)
