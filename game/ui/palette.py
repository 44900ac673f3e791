"""Colours by role, with a colour-blind-safe variant, and the shape cue paired with each colour.

Scenes ask for a role (``palette.good``, ``palette["finance"]``), never for a literal colour, so
that the colour-blind palette (Okabe & Ito's eight colours) reaches every screen. Colour is never
the only cue: every role that carries meaning also has a marker shape (``palette.marker(role)``)
and scenes pair it with a word or an arrow.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import pygame

__all__ = [
    "Palette",
    "STANDARD",
    "COLOUR_BLIND",
    "palette_for",
    "draw_marker",
    "MARKERS",
    "contrast_ratio",
]

Colour = tuple[int, int, int]


def _hex(code: str) -> Colour:
    code = code.lstrip("#")
    return int(code[0:2], 16), int(code[2:4], 16), int(code[4:6], 16)


#: Shape cue for each meaningful role: the same in both palettes, so a player who cannot tell
#: two colours apart still tells the shapes apart.
MARKERS: dict[str, str] = {
    "good": "triangle_up",
    "bad": "triangle_down",
    "warning": "diamond",
    "neutral": "circle",
    "technology": "circle",
    "industry": "square",
    "finance": "diamond",
    "baseline": "ring",
    "player": "circle",
}


@dataclass(frozen=True)
class Palette:
    """Every colour the UI draws with, by role. Read as attributes or ``palette["role"]``."""

    name: str
    background: Colour
    background_deep: Colour
    surface: Colour
    surface_raised: Colour
    border: Colour
    text: Colour
    text_muted: Colour
    accent: Colour
    accent_text: Colour
    focus: Colour
    good: Colour
    bad: Colour
    warning: Colour
    neutral: Colour
    technology: Colour
    industry: Colour
    finance: Colour
    player: Colour
    baseline: Colour
    star: Colour
    #: Distinct colours for chart series, in order.
    series: tuple[Colour, ...] = field(default_factory=tuple)

    def __getitem__(self, role: str) -> Colour:
        value = getattr(self, role, None)
        if not isinstance(value, tuple) or len(value) != 3:
            raise KeyError(f"no colour role {role!r} in palette {self.name!r}")
        return value

    def marker(self, role: str) -> str:
        """The shape that goes with a role's colour (see MARKERS)."""
        return MARKERS.get(role, "circle")

    def hex(self, role: str) -> str:
        r, g, b = self[role]
        return f"#{r:02X}{g:02X}{b:02X}"


STANDARD = Palette(
    name="standard",
    background=_hex("#0F1722"),
    background_deep=_hex("#0A1019"),
    surface=_hex("#172333"),
    surface_raised=_hex("#203147"),
    border=_hex("#34506E"),
    text=_hex("#ECF1F6"),
    text_muted=_hex("#9EB0C3"),
    accent=_hex("#E8B04A"),
    accent_text=_hex("#1A1206"),
    focus=_hex("#FFD66B"),
    good=_hex("#4CC38A"),
    bad=_hex("#EF6461"),
    warning=_hex("#F0A73A"),
    neutral=_hex("#8FA3B8"),
    technology=_hex("#5AA9F0"),
    industry=_hex("#E8B04A"),
    finance=_hex("#4CC38A"),
    player=_hex("#5AA9F0"),
    baseline=_hex("#9EB0C3"),
    star=_hex("#FFD66B"),
    series=tuple(
        _hex(c) for c in ("#5AA9F0", "#E8B04A", "#4CC38A", "#EF6461", "#B48EF0", "#5FD4D0")
    ),
)

# Okabe & Ito (2008): orange E69F00, sky blue 56B4E9, bluish green 009E73, yellow F0E442,
# blue 0072B2, vermillion D55E00, reddish purple CC79A7. Good/bad become blue/vermillion,
# the pair that stays apart for protan, deutan and tritan viewers. On this dark background
# the vermillion is lifted a little (E86F22) so that text in it keeps a 4.5:1 contrast.
COLOUR_BLIND = Palette(
    name="colour_blind",
    background=STANDARD.background,
    background_deep=STANDARD.background_deep,
    surface=STANDARD.surface,
    surface_raised=STANDARD.surface_raised,
    border=STANDARD.border,
    text=STANDARD.text,
    text_muted=STANDARD.text_muted,
    accent=_hex("#E69F00"),
    accent_text=_hex("#1A1206"),
    focus=_hex("#F0E442"),
    good=_hex("#56B4E9"),
    bad=_hex("#E86F22"),
    warning=_hex("#E69F00"),
    neutral=_hex("#BBBBBB"),
    technology=_hex("#56B4E9"),
    industry=_hex("#E69F00"),
    finance=_hex("#009E73"),
    player=_hex("#56B4E9"),
    baseline=_hex("#BBBBBB"),
    star=_hex("#F0E442"),
    series=tuple(
        _hex(c) for c in ("#56B4E9", "#E69F00", "#009E73", "#E86F22", "#CC79A7", "#F0E442")
    ),
)


def contrast_ratio(first: Colour, second: Colour) -> float:
    """WCAG 2 contrast ratio between two colours (1 to 21; 4.5 is the floor for body text)."""

    def luminance(colour: Colour) -> float:
        def channel(value: int) -> float:
            v = value / 255
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

        r, g, b = colour
        return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)

    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def palette_for(colour_blind: bool) -> Palette:
    return COLOUR_BLIND if colour_blind else STANDARD


def draw_marker(
    surface: pygame.Surface, shape: str, colour: Colour, center: tuple[int, int], size: int
) -> pygame.Rect:
    """Draw a marker shape of about ``size`` pixels across, centred; returns its bounding box."""
    x, y = center
    h = max(2, size // 2)
    if shape == "triangle_up":
        points = [(x, y - h), (x + h, y + h), (x - h, y + h)]
        return pygame.draw.polygon(surface, colour, points)
    if shape == "triangle_down":
        points = [(x - h, y - h), (x + h, y - h), (x, y + h)]
        return pygame.draw.polygon(surface, colour, points)
    if shape == "diamond":
        points = [(x, y - h), (x + h, y), (x, y + h), (x - h, y)]
        return pygame.draw.polygon(surface, colour, points)
    if shape == "square":
        side = int(h * 1.6)
        return pygame.draw.rect(surface, colour, pygame.Rect(x - side // 2, y - side // 2, side, side))
    if shape == "ring":
        return pygame.draw.circle(surface, colour, center, h, width=max(2, h // 3))
    if shape == "star":
        points = []
        for i in range(10):
            radius = h if i % 2 == 0 else h * 0.45
            angle = -math.pi / 2 + i * math.pi / 5
            points.append((x + radius * math.cos(angle), y + radius * math.sin(angle)))
        return pygame.draw.polygon(surface, colour, points)
    return pygame.draw.circle(surface, colour, center, h)
