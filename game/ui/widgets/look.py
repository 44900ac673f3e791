"""How the turn-screen widgets reach the app's fonts, palette and scale, with a text cache.

Widgets never hold a font or a colour literal: they ask a :class:`Look` built from the
app, so a change of language, UI scale or palette reaches them on the next rebuild.
Rendered text is cached by (font, text, colour): the turn screen redraws often and
rendering Chinese glyphs every frame would cost the frame rate.
"""

from __future__ import annotations

from collections import OrderedDict

import pygame

from game.ui import fonts

__all__ = ["Look", "TEXT_SIZES"]

#: Text roles and their base sizes in pixels at UI scale 1.0.
TEXT_SIZES: dict[str, int] = {
    "tiny": 12,
    "small": fonts.SMALL,
    "body": fonts.BODY,
    "label": fonts.BODY,
    "value": fonts.LARGE,
    "heading": fonts.LARGE,
    "title": fonts.HEADING,
    "hero": fonts.TITLE,
}
_BOLD_ROLES = frozenset({"heading", "title", "value", "hero"})


class Look:
    """Fonts by role, colours by role and the UI scale, read from the running app."""

    _CACHE_LIMIT = 2048

    def __init__(self, app) -> None:
        self.app = app
        self._cache: OrderedDict[tuple, pygame.Surface] = OrderedDict()

    # -- scale -------------------------------------------------------------------------
    @property
    def scale(self) -> float:
        return float(self.app.settings.ui_scale)

    def px(self, value: float) -> int:
        """A length designed at UI scale 1.0, in pixels at the current scale."""
        return max(1, round(value * self.scale))

    # -- colours -----------------------------------------------------------------------
    @property
    def palette(self):
        return self.app.palette

    def colour(self, role: str) -> tuple[int, int, int]:
        """A palette role ("good", "finance"), or "series:N" for the N-th chart colour."""
        if role.startswith("series:"):
            series = self.app.palette.series
            return series[int(role.split(":", 1)[1]) % len(series)]
        return self.app.palette[role]

    # -- text --------------------------------------------------------------------------
    def font(self, role: str) -> pygame.font.Font:
        return self.app.fonts.get(TEXT_SIZES[role], bold=role in _BOLD_ROLES)

    def text(self, text: str, role: str = "body", colour: str | tuple = "text") -> pygame.Surface:
        """A rendered line of text, from the cache when it was drawn before."""
        rgb = self.colour(colour) if isinstance(colour, str) else tuple(colour)
        font = self.font(role)
        key = (id(font), font.get_height(), text, rgb)
        surface = self._cache.get(key)
        if surface is None:
            surface = font.render(text, True, rgb)
            self._cache[key] = surface
            if len(self._cache) > self._CACHE_LIMIT:
                self._cache.popitem(last=False)
        else:
            self._cache.move_to_end(key)
        return surface

    def lines(self, text: str, role: str, width: int) -> list[str]:
        """Break a paragraph into lines that fit ``width``, with Chinese line-breaking rules
        (cached: layouts measure the same paragraphs again and again)."""
        from game.ui.widgets.text import wrapped

        return wrapped(text, self.font(role), max(10, width))

    def line_height(self, role: str) -> int:
        return self.font(role).get_linesize()

    def fit(self, text: str, role: str, width: int) -> str:
        """``text`` shortened with an ellipsis so that it fits ``width`` on one line."""
        font = self.font(role)
        if font.size(text)[0] <= width:
            return text
        lo, hi = 0, len(text)
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if font.size(text[:mid] + "…")[0] <= width:
                lo = mid
            else:
                hi = mid - 1
        return text[:lo].rstrip() + "…"

    def first_fitting(self, candidates: list[str], role: str, width: int) -> str:
        """The first text that fits ``width`` whole; the last one shortened if none does."""
        font = self.font(role)
        for text in candidates:
            if font.size(text)[0] <= width:
                return text
        return self.fit(candidates[-1], role, width)

    def clear(self) -> None:
        self._cache.clear()
