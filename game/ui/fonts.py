"""Fonts by size and weight, from the Noto Sans SC faces the game ships, scaled by UI scale.

Noto Sans SC covers Latin and Chinese, so one face serves both languages and a live language
switch never needs new fonts. Sizes are given at 100% scale; ``Fonts`` multiplies by the
player's UI scale and caches each pygame font it opens.
"""

from __future__ import annotations

from pathlib import Path

import pygame

from game.paths import assets_dir

__all__ = ["Fonts", "font_path", "SMALL", "BODY", "LARGE", "HEADING", "TITLE", "DISPLAY"]

#: Sizes at 100% UI scale, by role.
SMALL = 14
BODY = 17
LARGE = 20
HEADING = 26
TITLE = 38
DISPLAY = 64


def font_path(bold: bool = False) -> Path:
    name = "NotoSansSC-Bold.otf" if bold else "NotoSansSC-Regular.otf"
    return assets_dir() / "fonts" / name


class Fonts:
    """``fonts.get(BODY)``, ``fonts.get(HEADING, bold=True)``; or ``fonts.body`` and friends."""

    def __init__(self, scale: float = 1.0) -> None:
        self.scale = scale
        self._cache: dict[tuple[int, bool], pygame.font.Font] = {}

    def px(self, size: float) -> int:
        """A length at 100% scale, in pixels at the current scale."""
        return max(1, round(size * self.scale))

    def get(self, size: int, bold: bool = False) -> pygame.font.Font:
        pixels = self.px(size)
        key = (pixels, bold)
        font = self._cache.get(key)
        if font is None:
            font = pygame.font.Font(str(font_path(bold)), pixels)
            self._cache[key] = font
        return font

    def set_scale(self, scale: float) -> None:
        if scale != self.scale:
            self.scale = scale
            self._cache.clear()

    @property
    def small(self) -> pygame.font.Font:
        return self.get(SMALL)

    @property
    def body(self) -> pygame.font.Font:
        return self.get(BODY)

    @property
    def large(self) -> pygame.font.Font:
        return self.get(LARGE)

    @property
    def heading(self) -> pygame.font.Font:
        return self.get(HEADING, bold=True)

    @property
    def title(self) -> pygame.font.Font:
        return self.get(TITLE, bold=True)

    @property
    def display(self) -> pygame.font.Font:
        return self.get(DISPLAY, bold=True)
