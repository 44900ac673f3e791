"""Buttons shared by the menus: a plain button maker and a choice button that cycles values.

A ``ChoiceButton`` shows "◀ value ▶": a click or Enter moves to the next value, Left/Right
arrows move either way. It joins a focus ring as itself (it is a ``KeyboardTarget``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import pygame
from pygame_gui.elements import UIButton

__all__ = ["ChoiceButton", "make_button"]


def make_button(app, rect: pygame.Rect, text: str, *, primary: bool = False, container=None, tooltip: str | None = None) -> UIButton:
    return UIButton(
        rect,
        text,
        manager=app.manager,
        container=container,
        object_id="#primary" if primary else None,
        tool_tip_text=tooltip,
    )


class ChoiceButton:
    """One of several values; ``options`` are ``(value, label)`` with labels already translated."""

    def __init__(
        self,
        app,
        rect: pygame.Rect,
        options: Sequence[tuple[Any, str]],
        value: Any,
        on_change: Callable[[Any], object],
        container=None,
    ) -> None:
        if not options:
            raise ValueError("a choice needs at least one option")
        self.options = list(options)
        self.on_change = on_change
        values = [v for v, _label in self.options]
        self.index = values.index(value) if value in values else 0
        self.element = UIButton(rect, self._text(), manager=app.manager, container=container)

    @property
    def value(self) -> Any:
        return self.options[self.index][0]

    def _text(self) -> str:
        return f"◀   {self.options[self.index][1]}   ▶"

    def owns(self, element: object) -> bool:
        return element is self.element

    def click(self, pos: tuple[int, int]) -> None:
        """A click left of the centre (the ◀ side of the centred label) goes back; right, forward."""
        self.step(-1 if pos[0] < self.element.rect.centerx else 1)

    def step(self, delta: int) -> None:
        self.index = (self.index + delta) % len(self.options)
        self.element.set_text(self._text())
        self.on_change(self.value)

    # KeyboardTarget
    @property
    def rect(self) -> pygame.Rect:
        return self.element.rect

    def activate(self) -> bool:
        self.step(1)
        return True

    def adjust(self, step: int) -> bool:
        self.step(1 if step > 0 else -1)
        return True

    def enabled(self) -> bool:
        return self.element.alive() and self.element.is_enabled

    def kill(self) -> None:
        self.element.kill()
