"""A pilot-zone toggle: its name, a check box, its cost, delay and effects in words.

A zone that cannot be started (the region already runs as many as it may, or the level
has not opened it) shows why instead of silently refusing. A zone that works can be rolled
out region-wide (复制推广): a link under it (or the right arrow key) plans the roll-out for
this year, the left arrow key takes it back; a rolled-out zone stays so.
"""

from __future__ import annotations

from collections.abc import Callable

import pygame

from game.engine.schema import PILOT_EFFECTS
from game.i18n import N_, _, ngettext
from game.i18n.format import money, percent
from game.session.names import lever_lag, lever_mechanism
from game.ui.widgets.control import Control
from game.ui.widgets.look import Look
from game.ui.widgets.slider import draw_lock

__all__ = ["PilotToggle", "effect_text", "EFFECT_LABELS"]

#: What each pilot effect changes, as a sentence with the size filled in.
EFFECT_LABELS: dict[str, str] = {
    "transfer_efficiency": N_("{size} technology transfer"),
    "absorptive_capacity": N_("{size} firms' absorptive capacity"),
    "talent_attraction": N_("{size} talent attraction"),
    "skills_training": N_("{size} skills training"),
    # Better screening lowers the default rate: shown as a fall ("-10%"), not "+10% fewer".
    "credit_screening": N_("{size} default rate on technology loans"),
    "tech_lending": N_("{size} technology lending"),
    "fund_leverage": N_("{size} private capital per yuan of fund money"),
    "digital_productivity": N_("{size} digital-economy productivity"),
    "emerging_productivity": N_("{size} emerging-industry productivity"),
    "traditional_productivity": N_("{size} traditional-industry productivity"),
    "npl_risk": N_("{size} bad-loan risk"),
}
assert set(EFFECT_LABELS) == set(PILOT_EFFECTS)
#: Effects whose label names the quantity that falls when the effect is positive.
_FALLING = frozenset({"credit_screening"})


def effect_text(effect: str, size: float) -> str:
    """'+20% technology transfer'; leverage is an absolute number of yuan, not a percentage."""
    if effect == "fund_leverage":
        amount = _("{sign}{value}×").format(sign="+" if size >= 0 else "-", value=f"{abs(size):.1f}")
    else:
        shown = -size if effect in _FALLING else size
        # Small risks (0.04%) must not read as 0%.
        amount = percent(shown, 2 if abs(size) < 0.01 else 1, signed=True)
    template = EFFECT_LABELS.get(effect)
    if template is None:
        return _("{size} {effect}").format(size=amount, effect=effect.replace("_", " "))
    return _(template).format(size=amount)


class PilotToggle(Control):
    def __init__(
        self,
        look: Look,
        spec,
        title: str,
        on_toggle: Callable[[str], None],
        description: str = "",
        risk_text: str = "",
        on_scale_up: Callable[[str], None] | None = None,
    ) -> None:
        super().__init__(look)
        self.spec = spec
        self.title = title
        self.description = description
        self.risk_text = risk_text
        self.on_toggle = on_toggle
        self.active = False
        #: ticked and already open last year (a zone ticked now opens when the year is resolved)
        self.running = False
        self.budget = 0.0
        self.blocked_note = ""  # why it cannot be switched on now ('' if it can)
        self.locked_note = ""
        self.on_scale_up = on_scale_up
        self.scale = ""  # "", "ready" (works: may be rolled out), "planned" (this year), "scaled"
        self._scale_rect: pygame.Rect | None = None

    def lock(self, note: str, short: str = "") -> None:
        self.locked = True
        self.locked_note = note
        self.locked_short = short or _("locked")

    def set_state(self, active: bool, budget: float, blocked_note: str = "") -> None:
        self.active = active
        self.budget = budget
        self.blocked_note = "" if active else blocked_note

    def set_scale(self, state: str) -> None:
        """Where the roll-out region-wide stands: "", "ready", "planned" or "scaled"."""
        self.scale = state

    def _scale_line(self) -> tuple[str, str] | None:
        """The roll-out line (text, colour role), or None when there is nothing to say."""
        if self.scale == "ready":
            return _("→ Roll out region-wide"), "link"
        if self.scale == "planned":
            return _("✓ Rolling out region-wide this year (click to take back)"), "good"
        if self.scale == "scaled":
            return _("Runs region-wide"), "good"
        return None

    def _summary(self) -> str:
        years = int(self.spec.delay)
        delay = ngettext("works after {n} year", "works after {n} years", years).format(n=years)
        return _("set-up {cost}, upkeep {upkeep} a year; {delay}").format(
            cost=money(self.spec.cost * self.budget), upkeep=money(self.spec.upkeep * self.budget),
            delay=delay)

    def _effects(self) -> list[tuple[str, bool]]:
        """Effect sentences, each marked True when it is a risk."""
        out = [(effect_text(e, v), False) for e, v in sorted(self.spec.effects.items())]
        out += [(effect_text(e, v), True) for e, v in sorted(self.spec.risks.items())]
        return out

    def _wrapped(self, width: int) -> list[tuple[str, str]]:
        """(line, colour role) of the summary, effects and any note, wrapped to ``width``."""
        look = self.look
        lines: list[tuple[str, str]] = []
        for line in look.lines(self._summary(), "small", width):
            lines.append((line, "text_muted"))
        for text, risk in self._effects():
            shown = _("risk: {effect}").format(effect=text) if risk else text
            for line in look.lines(shown, "small", width):
                lines.append((line, "warning" if risk else "text"))
        note = self.locked_note if self.locked else self.blocked_note
        if note:
            for line in look.lines(note, "small", width):
                lines.append((line, "warning"))
        scale = self._scale_line()
        if scale is not None and not self.locked:
            for line in look.lines(scale[0], "small", width):
                lines.append((line, "scale:" + scale[1]))
        return lines

    def _state_word(self) -> str:
        """What a ticked zone is doing: a zone ticked this year runs only once the year is resolved."""
        if self.scale == "scaled":
            return _("region-wide")
        return _("running") if self.running else _("opens this year")

    def _text_width(self, width: int) -> int:
        return width - self.look.px(36)

    def _title_lines(self, width: int) -> list[str]:
        state = self.look.font("small").size(self._state_word())[0] + self.look.px(8) if self.active else 0
        return self.look.lines(self.title, "body", self._text_width(width) - state)

    def preferred_height(self, width: int) -> int:
        look = self.look
        inner = self._text_width(width)
        return (len(self._title_lines(width)) * look.line_height("body")
                + len(self._wrapped(inner)) * look.line_height("small") + look.px(8))

    def handle_mouse(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1 and self.rect.collidepoint(event.pos):
            if self._scale_rect is not None and self._scale_rect.collidepoint(event.pos):
                self.adjust(-1 if self.scale == "planned" else 1)
            else:
                self.activate()
            return True
        return False

    def adjust(self, step: int) -> bool:
        """Right arrow: plan the roll-out region-wide; left arrow: take it back."""
        wanted = "ready" if step > 0 else "planned"
        if self.locked or self.on_scale_up is None or self.scale != wanted:
            return False
        self.on_scale_up(self.spec.id)
        return True

    def activate(self) -> bool:
        if self.locked or (self.blocked_note and not self.active):
            return True
        self.on_toggle(self.spec.id)
        return True

    def tooltip(self) -> tuple[str, str]:
        if not self.description:
            return self.title, _("{mechanism}\nLag: {lag}").format(
                mechanism=lever_mechanism("pilots"), lag=lever_lag("pilots"))
        parts = [self.description]
        if self.risk_text:
            parts.append(_("Risk: {risk}").format(risk=self.risk_text))
        if self.scale:
            parts.append(_("{mechanism}\nLag: {lag}").format(
                mechanism=lever_mechanism("scale_up"), lag=lever_lag("scale_up")))
        return self.title, "\n\n".join(parts)

    def draw(self, surface: pygame.Surface) -> None:
        look = self.look
        muted = self.locked or bool(self.blocked_note)
        box = pygame.Rect(self.rect.x + look.px(8), self.rect.y + look.px(3), look.px(18), look.px(18))
        if self.locked:
            draw_lock(surface, look, box.center, look.px(14))
        else:
            pygame.draw.rect(surface, look.colour("text_muted" if muted else "text"), box,
                             width=look.px(2), border_radius=look.px(3))
            if self.active:
                # A check mark, not just a fill: the state reads without colour.
                pygame.draw.lines(surface, look.colour("good"), False, [
                    (box.x + box.w * 0.2, box.y + box.h * 0.55),
                    (box.x + box.w * 0.42, box.y + box.h * 0.78),
                    (box.x + box.w * 0.82, box.y + box.h * 0.25)], look.px(3))
        x = self.rect.x + look.px(36)
        if self.active:
            state = look.text(self._state_word(), "small", "good" if self.running else "accent")
            surface.blit(state, (self.rect.right - look.px(4) - state.get_width(), self.rect.y + look.px(2)))
        y = self.rect.y
        for line in self._title_lines(self.rect.width):
            surface.blit(look.text(line, "body", "text_muted" if muted else "text"), (x, y))
            y += look.line_height("body")
        self._scale_rect = None
        for line, role in self._wrapped(self._text_width(self.rect.width)):
            if role.startswith("scale:"):
                role = role.split(":", 1)[1]
                row = pygame.Rect(x, y, self._text_width(self.rect.width), look.line_height("small"))
                self._scale_rect = row if self._scale_rect is None else self._scale_rect.union(row)
                if role == "link":  # underlined: it reads as something to click without colour
                    role = "text"
                    width = look.font("small").size(line)[0]
                    pygame.draw.line(surface, look.colour(role), (x, row.bottom - look.px(2)),
                                     (x + width, row.bottom - look.px(2)), 1)
            surface.blit(look.text(line, "small", role), (x, y))
            y += look.line_height("small")
