"""The base class of every screen on the app's scene stack.

A scene builds its widgets in ``enter()`` and must be able to do so again at any time:
``app.rebuild()`` calls ``exit()`` then ``enter()`` after a language, scale, palette or
window-size change. Keep the scene's *state* in attributes set in ``__init__`` and only the
*widgets* in ``enter()``. Register every pygame_gui element with ``self.track()`` (or create it
inside ``self.root``) so that ``exit()`` can remove it.

An ``overlay`` scene (a dialog) keeps the scene under it on screen; only the top scene receives
events.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

import pygame
import pygame_gui

from game.ui.keyboard_focus import KeyboardRing

if TYPE_CHECKING:
    from game.ui.app import App

__all__ = ["Scene"]

E = TypeVar("E")


class Scene:
    #: True for dialogs drawn over the scene below them.
    overlay = False

    def __init__(self, app: App) -> None:
        self.app = app
        self.keyboard = KeyboardRing()
        self._elements: list[object] = []
        self.entered = False

    # --- lifecycle -------------------------------------------------------------------------
    def title(self) -> str:
        """The window caption while this scene is on top (translated when called)."""
        return ""

    def enter(self) -> None:
        """Build the widgets. Subclasses call ``super().enter()`` first, then build."""
        self.entered = True
        self.keyboard.clear()

    def exit(self) -> None:
        """Remove every widget this scene made."""
        for element in self._elements:
            kill = getattr(element, "kill", None)
            if kill is not None:
                kill()
        self._elements = []
        self.keyboard.clear()
        self.entered = False

    def track(self, element: E) -> E:
        """Remember a pygame_gui element so ``exit()`` removes it; returns it."""
        self._elements.append(element)
        return element

    # --- per frame -------------------------------------------------------------------------
    def handle_event(self, event: pygame.event.Event) -> bool:
        """Return True if the event was consumed. The default does focus, Esc and buttons."""
        if self.keyboard.handle_event(event):
            return True
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            return self.on_back()
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            self.keyboard.focus(event.ui_element)
            return self.on_button(event.ui_element)
        return False

    def on_back(self) -> bool:
        """Esc: the default leaves the scene if there is one below it."""
        if len(self.app.stack) > 1:
            self.app.pop()
            return True
        return False

    def on_button(self, element: object) -> bool:
        """A pygame_gui button of this scene was pressed (by mouse or keyboard)."""
        return False

    def update(self, dt: float) -> None:
        """Per-frame animation only: ``dt`` never changes a number of the economy."""

    def wants_frames(self) -> bool:
        """Return True while the scene animates, so the idle app keeps redrawing."""
        return False

    def draw(self, surface: pygame.Surface) -> None:
        """Draw what pygame_gui does not (backgrounds, charts); widgets are drawn after this."""
