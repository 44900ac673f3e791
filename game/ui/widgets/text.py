"""Paragraphs drawn with the game's own line breaking (Chinese needs it), with a render cache.

Use ``draw_paragraph`` for text a scene draws itself and ``prebroken`` for text handed to a
pygame_gui text box, which must not break lines on its own.
"""

from __future__ import annotations

from collections import OrderedDict

import pygame

from game.i18n.linebreak import wrap

__all__ = ["draw_paragraph", "paragraph_height", "prebroken", "render", "fit_text", "wrapped"]

_CACHE: OrderedDict[tuple, pygame.Surface] = OrderedDict()
_CACHE_SIZE = 512


def render(font: pygame.font.Font, text: str, colour: tuple[int, int, int]) -> pygame.Surface:
    """``font.render`` with a small cache: screens redraw the same labels every frame."""
    # Keyed by face and size, not id(): fonts are replaced on a scale change and ids reused.
    key = (font.name, font.style_name, font.point_size, font.get_bold(), text, colour)
    surface = _CACHE.get(key)
    if surface is None:
        surface = font.render(text, True, colour)
        _CACHE[key] = surface
        if len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
    else:
        _CACHE.move_to_end(key)
    return surface


_WRAPPED: OrderedDict[tuple, list[str]] = OrderedDict()


def wrapped(text: str, font: pygame.font.Font, width: int) -> list[str]:
    """``wrap`` with a cache: layouts measure the same paragraphs at the same widths again
    and again (every scroll, hover and frame that lays a column out)."""
    key = (font.name, font.style_name, font.point_size, font.get_bold(), text, width)
    lines = _WRAPPED.get(key)
    if lines is None:
        lines = wrap(text, font, width)
        _WRAPPED[key] = lines
        if len(_WRAPPED) > 4 * _CACHE_SIZE:
            _WRAPPED.popitem(last=False)
    else:
        _WRAPPED.move_to_end(key)
    return list(lines)


def line_height(font: pygame.font.Font, spacing: float = 1.35) -> int:
    return round(font.get_height() * spacing * 0.82)


def paragraph_height(text: str, font: pygame.font.Font, width: int, spacing: float = 1.35) -> int:
    lines = wrapped(text, font, width)
    return len(lines) * line_height(font, spacing)


def draw_paragraph(
    surface: pygame.Surface,
    text: str,
    font: pygame.font.Font,
    colour: tuple[int, int, int],
    rect: pygame.Rect,
    spacing: float = 1.35,
    align: str = "left",
) -> int:
    """Draw ``text`` wrapped to ``rect.width`` from ``rect.top``; returns the height used.

    Lines that would pass ``rect.bottom`` are not drawn; the last drawn line then ends in "…".
    """
    lines = wrapped(text, font, rect.width)
    step = line_height(font, spacing)
    y = rect.top
    for i, line in enumerate(lines):
        last_fitting = y + 2 * step > rect.bottom and i < len(lines) - 1
        if y + font.get_height() > rect.bottom + step // 3:
            break
        if last_fitting:
            line = fit_text(line + "…", font, rect.width)
        image = render(font, line, colour)
        if align == "center":
            x = rect.centerx - image.get_width() // 2
        elif align == "right":
            x = rect.right - image.get_width()
        else:
            x = rect.left
        surface.blit(image, (x, y))
        y += step
        if last_fitting:
            break
    return y - rect.top


def fit_text(text: str, font: pygame.font.Font, width: int) -> str:
    """``text`` shortened with "…" so that it fits in ``width`` pixels."""
    if font.size(text)[0] <= width:
        return text
    while text and font.size(text.rstrip("…") + "…")[0] > width:
        text = text.rstrip("…")[:-1]
    return text.rstrip("…") + "…"


def prebroken(text: str, font: pygame.font.Font, width: int) -> str:
    """``text`` with line breaks put in for a pygame_gui text box (HTML line breaks)."""
    escaped = [
        line.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        for line in wrap(text, font, width)
    ]
    return "<br>".join(escaped)


#: The width of pygame_gui's tooltips at 100% (theme "tool_tip" rect_width less its padding).
GUI_TIP_WIDTH = 340 - 2 * 10
GUI_TIP_FONT = 15


def gui_tooltip(app, text: str) -> str:
    """Text for a pygame_gui tooltip, broken into lines by the game's line breaker.

    pygame_gui hyphenates Chinese ("随-" / "-机"); lines that already fit are left alone.
    """
    font = app.fonts.get(GUI_TIP_FONT)
    # A margin: pygame_gui measures its own lines slightly wider than pygame does.
    lines = wrap(text, font, app.px(GUI_TIP_WIDTH) * 7 // 8)
    return "<br>".join(line.replace("&", "&amp;").replace("<", "&lt;") for line in lines)
