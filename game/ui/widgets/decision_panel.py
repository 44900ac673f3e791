"""The decisions of one turn as controls: budget bar, sliders by group, credit dial, sector
focus, fund horizon and pilot zones (with their roll-out region-wide), built for what the
level offers and locked until each opens.

The panel only shows the draft and proposes changes through callbacks; the turn screen
applies them to the playthrough (which clamps) and then calls ``show`` again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from game.engine.schema import LEVER_GROUPS
from game.i18n import N_, _
from game.session.names import GROUP_LABELS
from game.ui.widgets.budget_bar import BudgetBar, BudgetPart
from game.ui.widgets.control import Control
from game.ui.widgets.dial import CreditDial
from game.ui.widgets.focus_mix import FocusMix
from game.ui.widgets.horizon import HorizonSlider
from game.ui.widgets.look import Look
from game.ui.widgets.pilot_toggle import PilotToggle
from game.ui.widgets.scroll_column import Heading
from game.ui.widgets.slider import LeverSlider

__all__ = ["DecisionPanel", "DecisionCallbacks", "GROUP_STYLE", "GROUP_HEADINGS"]

#: Colour role and marker shape of each lever group (and the pilots) in the budget bar.
GROUP_STYLE: dict[str, tuple[str, str]] = {
    "research": ("technology", "circle"),
    "talent": ("series:4", "triangle_up"),
    "finance": ("finance", "diamond"),
    "pilots": ("industry", "square"),
}
#: Headings of the lever groups on the turn screen.
GROUP_HEADINGS: dict[str, str] = {
    "research": N_("Research"),
    "talent": N_("Talent"),
    "finance": N_("Finance"),
}


@dataclass(frozen=True)
class DecisionCallbacks:
    on_share: Callable[[str, float], None]
    on_credit: Callable[[float], None]
    on_focus: Callable[[dict[str, float]], None]
    on_pilot: Callable[[str], None]
    on_release: Callable[..., None]
    on_horizon: Callable[[float], None]
    on_scale_up: Callable[[str], None]


class DecisionPanel:
    def __init__(self, look: Look, play, calls: DecisionCallbacks) -> None:
        self.look = look
        self.play = play
        level = play.level
        turn = play.turn
        self.items: list[Control] = []
        self.budget_bar = BudgetBar(look)
        self.items.append(self.budget_bar)
        self.sliders: dict[str, LeverSlider] = {}
        for group, levers in LEVER_GROUPS.items():
            shown = [lever for lever in levers if lever in level.levers]
            if not shown:
                continue
            self.items.append(Heading(look, _(GROUP_HEADINGS[group])))
            role, _shape = GROUP_STYLE[group]
            for lever in shown:
                slider = LeverSlider(look, lever, role, calls.on_share, calls.on_release)
                self._lock_if_closed(slider, lever, turn)
                self.sliders[lever] = slider
                self.items.append(slider)
        self._add_steering(calls)
        self._add_pilots(calls)

    def _add_steering(self, calls: DecisionCallbacks) -> None:
        """The dials that cost no budget: credit guidance, sector focus, fund horizon."""
        look, level, turn = self.look, self.play.level, self.play.turn
        self.dial: CreditDial | None = None
        self.focus_mix: FocusMix | None = None
        self.horizon: HorizonSlider | None = None
        if set(level.dials) & {"credit_guidance", "focus", "fund_horizon"}:
            self.items.append(Heading(look, _("Steering")))
        if "credit_guidance" in level.dials:
            self.dial = CreditDial(look, calls.on_credit, calls.on_release)
            self._lock_if_closed(self.dial, "credit_guidance", turn)
            self.items.append(self.dial)
        if "focus" in level.dials:
            self.focus_mix = FocusMix(look, calls.on_focus, calls.on_release)
            self._lock_if_closed(self.focus_mix, "focus", turn)
            self.items.append(self.focus_mix)
        if "fund_horizon" in level.dials:
            self.horizon = HorizonSlider(look, calls.on_horizon, calls.on_release)
            self._lock_if_closed(self.horizon, "fund_horizon", turn)
            self.items.append(self.horizon)

    def _add_pilots(self, calls: DecisionCallbacks) -> None:
        look, level, turn, play = self.look, self.play.level, self.play.turn, self.play
        self.pilot_toggles: dict[str, PilotToggle] = {}
        if level.pilots:
            self.items.append(Heading(look, _("Pilot zones")))
            specs = {p.id: p for p in play.scenario.pilots}
            for entry in level.pilots:
                toggle = PilotToggle(look, specs[entry.id], _(entry.title), calls.on_pilot,
                                     _(entry.text), _(entry.risk_text) if entry.risk_text else "",
                                     calls.on_scale_up)
                self._lock_if_closed(toggle, "pilots", turn)
                self.pilot_toggles[entry.id] = toggle
                self.items.append(toggle)

    def _lock_if_closed(self, control, name: str, turn: int) -> None:
        level = self.play.level
        opens = level.unlock_turn.get(name, 1)
        if turn < opens:
            note = _("Opens in {year} (turn {turn}).").format(year=level.year_of(opens), turn=opens)
            if any(name in levers for levers in LEVER_GROUPS.values()):
                # A locked lever still spends: say why part of the budget is taken.
                note = _("{note} Until then the region's existing programme keeps its share of "
                         "the budget, as with no new policy.").format(note=note)
            control.lock(note, _("opens in {year}").format(year=level.year_of(opens)))

    def keyboard_targets(self) -> list[object]:
        """The keyboard stops, in reading order."""
        targets: list[object] = list(self.sliders.values())
        if self.dial is not None:
            targets.append(self.dial)
        if self.focus_mix is not None:
            targets += self.focus_mix.stops
        if self.horizon is not None:
            targets.append(self.horizon)
        targets += list(self.pilot_toggles.values())
        return targets

    def show(self, budget: float) -> None:
        """Copy the playthrough's draft, reserve and pilot costs into the controls."""
        play = self.play
        draft = play.draft
        reserve = play.reserve()
        parts = []
        for group, levers in LEVER_GROUPS.items():
            if any(lever in self.sliders for lever in levers):
                role, shape = GROUP_STYLE[group]
                share = sum(draft.shares.get(lever, 0.0) for lever in levers)
                title = _(GROUP_LABELS[group])
                if all(self.sliders[lever].locked for lever in levers if lever in self.sliders):
                    # Its share is the region's existing programmes, until the group opens.
                    title = _("{group} (locked)").format(group=title)
                parts.append(BudgetPart(title, share, role, shape))
        if self.pilot_toggles:
            role, shape = GROUP_STYLE["pilots"]
            parts.append(BudgetPart(_("pilot zones"), play.pilot_cost(draft), role, shape))
        self.budget_bar.set_state(parts, budget, event_cost(play, budget))
        for lever, slider in self.sliders.items():
            value = draft.shares.get(lever, 0.0)
            slider.set_state(value, value + reserve, budget)
        if self.dial is not None:
            self.dial.value = float(draft.credit_guidance)
        if self.focus_mix is not None:
            self.focus_mix.set_state(draft.focus)
        if self.horizon is not None:
            self.horizon.set_years(draft.fund_horizon)
        self._show_pilots(budget)

    def _show_pilots(self, budget: float) -> None:
        play = self.play
        draft = play.draft
        scaled = play.scaled_pilots() if self.pilot_toggles else frozenset()
        running = len(draft.pilots)
        # Zones open now are those of last year's decision; ticked ones open at year end.
        opened = set(play.log[-1].pilots) if play.log else set()
        limit = play.scenario.max_pilots
        for pid, toggle in self.pilot_toggles.items():
            active = pid in draft.pilots
            note = ""
            if not active and running >= limit:
                note = _("The region runs as many pilot zones as it may ({count}); close one "
                         "first.").format(count=limit)
            toggle.set_state(active, budget, note)
            toggle.running = active and pid in opened
            toggle.set_scale(_scale_state(play, pid, scaled))


def _scale_state(play, pilot_id: str, scaled: frozenset[str]) -> str:
    if pilot_id in scaled:
        return "scaled"
    if pilot_id in play.draft.scale_up:
        return "planned"
    if pilot_id in play.draft.pilots and play.pilot_works(pilot_id) and play.is_open("pilots"):
        return "ready"
    return ""


def event_cost(play, budget: float) -> float:
    """What events withhold from this turn's budget, in bn yuan (``budget`` is net of it).

    An event's shocks last its ``duration``; a choice's ``budget_cut`` is a share of the
    budget, the cuts of all running events add up (as in the engine's budget block).
    """
    turn, cut = play.turn, 0.0
    specs = {e.id: e for e in play.scenario.events}
    try:
        for spec in play.pending_events():
            if spec.choices:
                chosen = play.draft.choices.get(spec.id, 0)
                cut += spec.choices[min(chosen, len(spec.choices) - 1)].get("budget_cut", 0.0)
        for past in range(1, turn):
            for event_id, chosen in play.fired_events(past):
                spec = specs.get(event_id)
                if spec is not None and spec.choices and past + spec.duration > turn:
                    cut += spec.choices[min(chosen, len(spec.choices) - 1)].get("budget_cut", 0.0)
    except Exception:  # the bar stands without the note
        return 0.0
    cut = min(cut, 0.99)
    return budget * cut / (1.0 - cut) if cut > 0 else 0.0
