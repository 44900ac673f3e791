"""Keyboard focus for a scene: Tab / Shift+Tab move, arrows adjust, Enter or Space activates.

A scene adds its focusable things in reading order. pygame_gui buttons, sliders and text
entries are wrapped automatically; anything else can join by implementing ``KeyboardTarget``
(a ``rect`` on screen, ``activate()`` and ``adjust(step)``). The ring is drawn only after the
player has used the keyboard, so mouse players never see it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, runtime_checkable

import pygame
import pygame_gui
from pygame_gui.elements import UIButton, UITextEntryLine

__all__ = ["KeyboardTarget", "KeyboardRing", "ButtonTarget", "CallbackTarget"]


@runtime_checkable
class KeyboardTarget(Protocol):
    @property
    def rect(self) -> pygame.Rect: ...

    def activate(self) -> bool: ...

    def adjust(self, step: int) -> bool: ...

    def enabled(self) -> bool: ...


def post_button_press(button: UIButton) -> None:
    """Send the same event a mouse click on ``button`` sends."""
    pygame.event.post(
        pygame.event.Event(
            pygame_gui.UI_BUTTON_PRESSED,
            {
                "ui_element": button,
                "ui_object_id": button.most_specific_combined_id,
                "mouse_button": pygame.BUTTON_LEFT,
            },
        )
    )


class _ElementTarget:
    """A pygame_gui element in the focus ring: focusable while alive, enabled and visible."""

    def __init__(self, element) -> None:
        self.element = element

    @property
    def rect(self) -> pygame.Rect:
        return self.element.rect

    def activate(self) -> bool:
        return False

    def adjust(self, step: int) -> bool:
        return False

    def enabled(self) -> bool:
        return self.element.alive() and self.element.is_enabled and self.element.visible


class ButtonTarget(_ElementTarget):
    def activate(self) -> bool:
        post_button_press(self.element)
        return True


class TextEntryTarget(_ElementTarget):
    """Focusing a text field hands the keyboard to it; Enter is left to the field."""

    def __init__(self, entry: UITextEntryLine) -> None:
        super().__init__(entry)


class CallbackTarget:
    """A focusable area drawn by a scene itself (a card, a chart): callbacks do the work."""

    def __init__(
        self,
        rect: pygame.Rect | Callable[[], pygame.Rect],
        on_activate: Callable[[], object] | None = None,
        on_adjust: Callable[[int], object] | None = None,
    ) -> None:
        self._rect = rect
        self._on_activate = on_activate
        self._on_adjust = on_adjust

    @property
    def rect(self) -> pygame.Rect:
        return self._rect() if callable(self._rect) else self._rect

    def activate(self) -> bool:
        if self._on_activate is None:
            return False
        self._on_activate()
        return True

    def adjust(self, step: int) -> bool:
        if self._on_adjust is None:
            return False
        self._on_adjust(step)
        return True

    def enabled(self) -> bool:
        return True


def wrap(target: object) -> KeyboardTarget:
    if isinstance(target, UIButton):
        return ButtonTarget(target)
    if isinstance(target, UITextEntryLine):
        return TextEntryTarget(target)
    if isinstance(target, KeyboardTarget):
        return target
    raise TypeError(f"{type(target).__name__} cannot take keyboard focus")


class KeyboardRing:
    """The focus order of one scene. The focused index survives ``clear()`` so a rebuild keeps it."""

    def __init__(self) -> None:
        self.targets: list[KeyboardTarget] = []
        self.index = 0
        #: Whether the ring is drawn: after a key press, not after a mouse click.
        self.visible = False

    def clear(self) -> None:
        self.targets = []

    def add(self, target: object) -> object:
        """Add a widget or KeyboardTarget at the end of the order; returns what was given."""
        self.targets.append(wrap(target))
        return target

    @property
    def current(self) -> KeyboardTarget | None:
        live = [t for t in self.targets if t.enabled()]
        if not live:
            return None
        if not (0 <= self.index < len(self.targets)) or not self.targets[self.index].enabled():
            self.index = self.targets.index(live[0])
        return self.targets[self.index]

    def focus(self, target: object) -> None:
        """Move the focus to ``target`` (a widget or a KeyboardTarget already in the ring)."""
        for i, candidate in enumerate(self.targets):
            if candidate is target or getattr(candidate, "element", None) is target:
                self.index = i
                return

    def focus_at(self, pos: tuple[int, int]) -> None:
        """Focus the smallest enabled target under ``pos`` (a slider inside a scrolling page)."""
        under = [(t.rect.width * t.rect.height, i) for i, t in enumerate(self.targets)
                 if t.enabled() and t.rect.collidepoint(pos)]
        if under:
            self.index = min(under)[1]

    def move(self, delta: int) -> None:
        if not self.targets:
            return
        count = len(self.targets)
        index = self.index
        for _step in range(count):
            index = (index + delta) % count
            if self.targets[index].enabled():
                self.index = index
                return

    def handle_event(self, event: pygame.event.Event) -> bool:
        """Keyboard navigation; returns True when the event was used."""
        if event.type == pygame.MOUSEBUTTONDOWN:
            # The keyboard carries on from what the mouse last touched (arrow keys then
            # adjust the slider just clicked, not the one focused before).
            self.visible = False
            self.focus_at(event.pos)
            return False
        if event.type != pygame.KEYDOWN or not self.targets:
            return False
        shift = bool(event.mod & pygame.KMOD_SHIFT)
        current = self.current
        typing = isinstance(current, TextEntryTarget) and current.element.is_focused
        if event.key == pygame.K_TAB:
            # The first Tab only shows where the focus is; later ones move it.
            if self.visible:
                self.move(-1 if shift else 1)
            self.visible = True
            self._sync_text_focus()
            return True
        if typing:
            return False
        if event.key in (pygame.K_DOWN, pygame.K_UP, pygame.K_LEFT, pygame.K_RIGHT):
            self.visible = True
            step = -1 if event.key in (pygame.K_LEFT, pygame.K_DOWN) else 1
            if event.key in (pygame.K_LEFT, pygame.K_RIGHT) and current is not None:
                if current.adjust(step * (10 if shift else 1)):
                    return True
            # Arrows that adjust nothing walk the focus order instead.
            self.move(1 if event.key in (pygame.K_DOWN, pygame.K_RIGHT) else -1)
            self._sync_text_focus()
            return True
        if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE):
            if current is None:
                return False
            used = current.activate()
            # Enter that the focused item does not use is the scene's shortcut ("End turn"):
            # it does not reveal the ring, nor the focused item's tooltip.
            self.visible = self.visible or used
            return used
        return False

    def _sync_text_focus(self) -> None:
        """Give pygame_gui's keyboard focus to a focused text field (and take it from others)."""
        current = self.current
        for target in self.targets:
            if isinstance(target, TextEntryTarget):
                if target is current:
                    target.element.focus()
                elif target.element.is_focused:
                    target.element.unfocus()

    def draw(self, surface: pygame.Surface, colour: tuple[int, int, int], width: int = 3) -> None:
        current = self.current
        if not self.visible or current is None:
            return
        rect = current.rect.inflate(width * 2 + 4, width * 2 + 4)
        pygame.draw.rect(surface, colour, rect, width=width, border_radius=8)
        # A second cue besides colour: small corner notches mark the focused item.
        notch = width * 3
        for cx, cy, dx, dy in (
            (rect.left, rect.top, 1, 1),
            (rect.right - 1, rect.top, -1, 1),
            (rect.left, rect.bottom - 1, 1, -1),
            (rect.right - 1, rect.bottom - 1, -1, -1),
        ):
            pygame.draw.line(surface, colour, (cx, cy), (cx + dx * notch, cy), width + 1)
            pygame.draw.line(surface, colour, (cx, cy), (cx, cy + dy * notch), width + 1)
