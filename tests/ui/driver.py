"""Drive the real app headless as a player would: keys, clicks and frames (the ``driver``
fixture of tests/conftest.py builds one)."""

from __future__ import annotations

import pygame
import pygame_gui

from game.ui.app import App


class Driver:
    """Drive the app as a player would: keys, clicks and frames."""

    def __init__(self, app: App) -> None:
        self.app = app

    def frames(self, count: int = 3) -> None:
        # pygame_gui posts UI_* events while handling a click: they arrive next frame.
        for _ in range(count):
            self.app.step(1 / 60)

    def key(self, key: int, mod: int = 0, unicode: str = "") -> None:
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode=unicode, scancode=0))
        pygame.event.post(pygame.event.Event(pygame.KEYUP, key=key, mod=mod, unicode=unicode, scancode=0))
        self.frames()

    def type(self, text: str) -> None:
        for char in text:
            pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=char))
        self.frames()

    def click_at(self, pos: tuple[int, int]) -> None:
        pygame.mouse.set_pos(pos)
        pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)))
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1))
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1))
        self.frames()

    def click(self, element) -> None:
        self.click_at(element.rect.center)

    def buttons(self) -> list[pygame_gui.elements.UIButton]:
        return [
            sprite
            for sprite in self.app.manager.get_sprite_group().sprites()
            if isinstance(sprite, pygame_gui.elements.UIButton) and sprite.alive() and sprite.visible
        ]

    def button(self, text: str) -> pygame_gui.elements.UIButton:
        found = [b for b in self.buttons() if b.text == text]
        assert found, f"no button {text!r}; have {[b.text for b in self.buttons()]}"
        return found[-1]

    def press(self, text: str) -> None:
        self.click(self.button(text))
