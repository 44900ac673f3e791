"""The sector focus: three shares (traditional, emerging, digital) that always sum to 1.

A bar split into three segments with two handles between them. With the keyboard each
sector is its own focus stop: the arrows give that sector more or less, taken from (or
given to) the other two in proportion to what they hold.
"""

from __future__ import annotations

from collections.abc import Callable

import pygame

from game.engine.schema import SECTORS
from game.i18n import _
from game.i18n.format import percent
from game.session.names import label, lever_lag, lever_mechanism
from game.ui.palette import draw_marker
from game.ui.widgets.control import Control
from game.ui.widgets.look import Look
from game.ui.widgets.slider import draw_lock

__all__ = ["FocusMix", "shift_share", "SECTOR_ROLES"]

#: Colour role and marker of each sector (the marker keeps them apart without colour).
SECTOR_ROLES: dict[str, tuple[str, str]] = {
    "traditional": ("industry", "square"),
    "emerging": ("technology", "circle"),
    "digital": ("finance", "diamond"),
}
#: One arrow-key step, as a share (Shift moves ten steps).
STEP = 0.01


def shift_share(mix: dict[str, float], sector: str, delta: float) -> dict[str, float]:
    """``mix`` with ``sector`` changed by ``delta``; the others absorb it in proportion."""
    current = mix.get(sector, 0.0)
    target = min(1.0, max(0.0, current + delta))
    others = [s for s in SECTORS if s != sector]
    rest = sum(mix.get(s, 0.0) for s in others)
    out = {sector: target}
    for s in others:
        weight = mix.get(s, 0.0) / rest if rest > 1e-12 else 1.0 / len(others)
        out[s] = max(0.0, (1.0 - target) * weight)
    total = sum(out.values())
    return {s: out[s] / total for s in SECTORS}


class _SectorStop:
    """The focus stop of one sector inside the mix."""

    def __init__(self, mix: FocusMix, sector: str) -> None:
        self.mix = mix
        self.sector = sector

    @property
    def rect(self) -> pygame.Rect:
        return self.mix.segment_rect(self.sector)

    def activate(self) -> bool:
        return False

    def adjust(self, step: int) -> bool:
        self.mix.propose(shift_share(self.mix.shares, self.sector, step * STEP))
        self.mix.release()
        return True

    def enabled(self) -> bool:
        return self.mix.usable()

    def tooltip(self) -> tuple[str, str]:
        return self.mix.tooltip()


class FocusMix(Control):
    def __init__(
        self,
        look: Look,
        on_change: Callable[[dict[str, float]], None],
        on_release: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(look)
        self.on_change = on_change
        self.on_release = on_release
        self.shares = {s: 1.0 / len(SECTORS) for s in SECTORS}
        self.locked_note = ""
        self._drag: int | None = None  # index of the handle being dragged
        self.stops = [_SectorStop(self, s) for s in SECTORS]

    def lock(self, note: str, short: str = "") -> None:
        self.locked = True
        self.locked_note = note
        self.locked_short = short or _("locked")

    def set_state(self, shares: dict[str, float]) -> None:
        self.shares = {s: float(shares.get(s, 0.0)) for s in SECTORS}

    def propose(self, shares: dict[str, float]) -> None:
        self.on_change(shares)

    def release(self) -> None:
        if self.on_release:
            self.on_release()

    # Layout ---------------------------------------------------------------------------
    def preferred_height(self, width: int) -> int:
        look = self.look
        return look.line_height("body") + look.px(28) + look.line_height("small") * 3

    def _bar(self) -> pygame.Rect:
        look = self.look
        return pygame.Rect(self.rect.x + look.px(8), self.rect.y + look.line_height("body") + look.px(6),
                           self.rect.width - look.px(16), look.px(18))

    def _edges(self) -> list[int]:
        bar = self._bar()
        edges, acc = [bar.x], 0.0
        for s in SECTORS:
            acc += self.shares[s]
            edges.append(bar.x + round(bar.width * min(1.0, acc)))
        edges[-1] = bar.right
        return edges

    def segment_rect(self, sector: str) -> pygame.Rect:
        i = SECTORS.index(sector)
        edges = self._edges()
        bar = self._bar()
        return pygame.Rect(edges[i], bar.y, max(2, edges[i + 1] - edges[i]), bar.height)

    # Events ---------------------------------------------------------------------------
    def handle_mouse(self, event: pygame.event.Event) -> bool:
        bar = self._bar()
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            if not bar.inflate(0, self.look.px(12)).collidepoint(event.pos):
                return False
            edges = self._edges()[1:-1]
            nearest = min(range(len(edges)), key=lambda k: abs(edges[k] - event.pos[0]))
            self._drag = nearest
            self._drag_to(event.pos[0])
            return True
        if event.type == pygame.MOUSEMOTION and self._drag is not None:
            self._drag_to(event.pos[0])
            return True
        if event.type == pygame.MOUSEBUTTONUP and event.button == 1 and self._drag is not None:
            self._drag = None
            self.release()
            return True
        return False

    def _drag_to(self, x: int) -> None:
        bar = self._bar()
        pos = min(1.0, max(0.0, (x - bar.x) / max(1, bar.width)))
        a = self.shares[SECTORS[0]]
        ab = a + self.shares[SECTORS[1]]
        if self._drag == 0:
            a = min(pos, ab)
        else:
            ab = max(pos, a)
        a, ab = round(a, 2), round(ab, 2)
        self.propose({SECTORS[0]: a, SECTORS[1]: ab - a, SECTORS[2]: max(0.0, 1.0 - ab)})

    def enabled(self) -> bool:
        # The mix itself is not a stop: its three sectors are.
        return False

    def tooltip(self) -> tuple[str, str]:
        body = _("{mechanism}\nLag: {lag}").format(
            mechanism=lever_mechanism("focus"), lag=lever_lag("focus"))
        if self.locked and self.locked_note:
            body = _("{note}\n\n{help}").format(note=self.locked_note, help=body)
        return label("focus"), body

    # Drawing --------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        look = self.look
        muted = self.locked
        x = self.rect.x + look.px(8)
        if muted:
            draw_lock(surface, look, (x + look.px(6), self.rect.y + look.line_height("body") // 2),
                      look.px(12))
            x += look.px(18)
        surface.blit(look.text(label("focus"), "body", "text_muted" if muted else "text"),
                     (x, self.rect.y))
        bar = self._bar()
        edges = self._edges()
        for i, sector in enumerate(SECTORS):
            role, _shape = SECTOR_ROLES[sector]
            seg = pygame.Rect(edges[i], bar.y, edges[i + 1] - edges[i], bar.height)
            if seg.width > 0:
                pygame.draw.rect(surface, look.colour("text_muted" if muted else role), seg)
        for e in edges[1:-1]:
            pygame.draw.rect(surface, look.colour("text"),
                             pygame.Rect(e - look.px(2), bar.y - look.px(4), look.px(4),
                                         bar.height + look.px(8)), border_radius=look.px(2))
        pygame.draw.rect(surface, look.colour("border"), bar, width=1)
        y = bar.bottom + look.px(8)
        mark = look.px(11)
        for sector in SECTORS:
            role, shape = SECTOR_ROLES[sector]
            cy = y + look.line_height("small") // 2
            draw_marker(surface, shape, look.colour("text_muted" if muted else role),
                        (self.rect.x + look.px(8) + mark // 2, cy), mark)
            text = _("{sector}: {share}").format(sector=label(sector), share=percent(self.shares[sector], 0))
            surface.blit(look.text(text, "small", "text"),
                         (self.rect.x + look.px(14) + mark, y))
            y += look.line_height("small")
