"""The loop at the heart of the game: technology → industry → finance → technology.

Each arrow's thickness is this year's flow along that link (``RunResult.flows``, bn yuan).
A link much thinner than the others is the weak link that stalls the loop: it is drawn
dashed with a warning glyph and named in words, so it reads without colour. A link that
carries no money this year is drawn thin, grey and dashed, and named as empty.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import pygame

from game.i18n import N_, _
from game.i18n.format import money
from game.reports.insights import LINK_NAMES, empty_links, weak_links
from game.ui.palette import draw_marker
from game.ui.widgets.control import Control, draw_dashed_line
from game.ui.widgets.look import Look

__all__ = ["CausalLoop"]

_NODES = (
    ("technology", N_("Technology"), "circle"),
    ("industry", N_("Industry"), "square"),
    ("finance", N_("Finance"), "diamond"),
)
_LINKS = LINK_NAMES


class CausalLoop(Control):
    def __init__(self, look: Look) -> None:
        super().__init__(look)
        self.flows: tuple[float, float, float] | None = None
        self.caption = ""

    def set_flows(self, flows: Sequence[float] | None, caption: str) -> None:
        self.flows = None if flows is None else tuple(float(f) for f in flows)[:3]
        self.caption = caption

    def _area_height(self, width: int) -> int:
        """The drawing grows with the column, within limits, so wide screens show it larger."""
        look = self.look
        return max(look.px(180), min(round(width * 0.55), look.px(300)))

    def _caption_lines(self, width: int) -> list[tuple[str, str]]:
        look = self.look
        texts = []
        if self.flows is None:
            texts.append((self.caption or _("The flows appear after the first year."), "text_muted"))
        else:
            texts.append((self.caption, "text_muted"))
            weak, empty = weak_links(self.flows), empty_links(self.flows)
            if empty:
                names = _(", ").join(_(_LINKS[i]) for i in empty)
                texts.append((_("No money flows along: {links}").format(links=names), "warning"))
            if weak:
                names = _(", ").join(_(_LINKS[i]) for i in weak)
                texts.append((_("Weak link: {links}").format(links=names), "warning"))
            if not weak and not empty:
                texts.append((_("All three links carry money."), "good"))
        return [(line, role) for text, role in texts for line in look.lines(text, "small", width)]

    def preferred_height(self, width: int) -> int:
        look = self.look
        return (look.line_height("body") + self._area_height(width)
                + len(self._caption_lines(width)) * look.line_height("small"))

    def tooltip(self) -> tuple[str, str]:
        body = _(
            "Technology becomes products in industry; industry's profits and bank loans feed "
            "finance; finance pays for the next round of research. Thicker arrows carry more "
            "money. A dashed arrow with a warning sign is the weak link that holds the loop back."
        )
        if self.flows is not None:
            lines = [
                _("{link}: {amount}").format(link=_(_LINKS[i]), amount=money(f))
                for i, f in enumerate(self.flows)
            ]
            body = body + "\n\n" + "\n".join(lines)
        return _("The virtuous circle"), body

    def _node_sizes(self) -> list[tuple[int, int]]:
        """(width, height) of each node: a rounded box holding its marker and its name."""
        look = self.look
        h = look.line_height("small") + look.px(12)
        return [(look.font("small").size(_(title))[0] + look.px(34), h) for _r, title, _s in _NODES]

    def _node_centres(self, area: pygame.Rect) -> list[tuple[int, int]]:
        # An equilateral triangle whose three boxes fit inside the area.
        sizes = self._node_sizes()
        h = sizes[0][1]
        half_w = max(w for w, _h in sizes[1:]) / 2
        r = max(1.0, min((area.height - h - self.look.px(4)) / 1.5,
                         (area.width / 2 - half_w - self.look.px(2)) / 0.866))
        cx, cy = area.centerx, area.y + h / 2 + self.look.px(2) + r
        return [
            (round(cx + r * math.cos(a)), round(cy + r * math.sin(a)))
            for a in (-math.pi / 2, math.pi / 6, 5 * math.pi / 6)
        ]

    def draw(self, surface: pygame.Surface) -> None:
        look = self.look
        surface.blit(look.text(_("The virtuous circle"), "body", "text"), (self.rect.x, self.rect.y))
        area = pygame.Rect(self.rect.x, self.rect.y + look.line_height("body"),
                           self.rect.width, self._area_height(self.rect.width))
        centres = self._node_centres(area)
        sizes = self._node_sizes()
        weak = weak_links(self.flows) if self.flows is not None else []
        # A link that carries no money is drawn thin, grey and dashed, never as a flow.
        empty = empty_links(self.flows) if self.flows is not None else []
        strongest = max(self.flows) if self.flows else 0.0
        for i in range(3):
            a, b = centres[i], centres[(i + 1) % 3]
            dx, dy = b[0] - a[0], b[1] - a[1]
            length = math.hypot(dx, dy) or 1.0
            ux, uy = dx / length, dy / length
            out_a = _to_box_edge(sizes[i], ux, uy) + look.px(4)
            out_b = _to_box_edge(sizes[(i + 1) % 3], ux, uy) + look.px(10)
            start = (a[0] + ux * out_a, a[1] + uy * out_a)
            end = (b[0] - ux * out_b, b[1] - uy * out_b)
            if self.flows is None or strongest <= 0 or i in empty:
                thickness, role = look.px(2), "border"
            else:
                share = self.flows[i] / strongest
                thickness = max(look.px(2), round(look.px(12) * max(0.0, share)))
                role = "warning" if i in weak else "good"
            colour = look.colour(role)
            if i in weak or i in empty:
                draw_dashed_line(surface, colour, start, end, thickness, look.px(7))
            else:
                pygame.draw.line(surface, colour, start, end, thickness)
            head = look.px(10) + thickness // 2
            tip = (end[0] + ux * look.px(6), end[1] + uy * look.px(6))
            left = (tip[0] - ux * head - uy * head * 0.6, tip[1] - uy * head + ux * head * 0.6)
            right = (tip[0] - ux * head + uy * head * 0.6, tip[1] - uy * head - ux * head * 0.6)
            pygame.draw.polygon(surface, colour, [tip, left, right])
            if i in weak:
                mid = ((start[0] + end[0]) / 2 - uy * look.px(16), (start[1] + end[1]) / 2 + ux * look.px(16))
                _warning_glyph(surface, look, (round(mid[0]), round(mid[1])), look.px(18))
        for (role, title, shape), centre, (w, h) in zip(_NODES, centres, sizes, strict=True):
            box = pygame.Rect(0, 0, w, h)
            box.center = centre
            pygame.draw.rect(surface, look.colour("surface_raised"), box, border_radius=h // 2)
            pygame.draw.rect(surface, look.colour(role), box, width=look.px(2), border_radius=h // 2)
            draw_marker(surface, shape, look.colour(role), (box.x + look.px(14), box.centery), look.px(11))
            name = look.text(_(title), "small", "text")
            surface.blit(name, (box.x + look.px(24), box.centery - name.get_height() // 2))
        y = area.bottom
        for line, role in self._caption_lines(self.rect.width):
            surface.blit(look.text(line, "small", role), (self.rect.x, y))
            y += look.line_height("small")


def _to_box_edge(size: tuple[int, int], ux: float, uy: float) -> float:
    """Distance from a box's centre to its edge along the unit direction (ux, uy)."""
    w, h = size
    return min(w / 2 / abs(ux) if abs(ux) > 1e-9 else math.inf,
               h / 2 / abs(uy) if abs(uy) > 1e-9 else math.inf)


def _warning_glyph(surface: pygame.Surface, look: Look, centre: tuple[int, int], size: int) -> None:
    """A warning triangle with an exclamation mark."""
    x, y = centre
    h = size // 2
    pts = [(x, y - h), (x + h, y + h), (x - h, y + h)]
    pygame.draw.polygon(surface, look.colour("warning"), pts)
    pygame.draw.polygon(surface, look.colour("background_deep"), pts, width=1)
    bar = max(2, size // 8)
    pygame.draw.rect(surface, look.colour("background_deep"),
                     pygame.Rect(x - bar // 2, y - h // 3, bar, h // 1.4))
    pygame.draw.rect(surface, look.colour("background_deep"),
                     pygame.Rect(x - bar // 2, y + h - bar - max(1, size // 10), bar, bar))
