"""Modal dialogs: a dimmed screen, a framed box with a heading, a paragraph and buttons.

``DialogScene`` is an overlay scene: the scene below stays on screen, dimmed, and gets no
input until the dialog closes. Buttons are given as ``(label, callback)``; the first is the
default (Enter), Esc runs ``on_cancel`` (or closes). ``ErrorDialog`` is what the app shows
instead of a crash.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import pygame
from pygame_gui.elements import UIButton, UIImage, UIPanel

from game.i18n import N_, _
from game.ui import fonts
from game.ui.scene import Scene
from game.ui.widgets.text import draw_paragraph, paragraph_height, render

if TYPE_CHECKING:
    from game.ui.app import App

__all__ = ["DialogScene", "ErrorDialog", "MessageDialog", "KeysDialog", "DIALOG_LAYER"]

#: The keyboard controls, one line each (F1 shows them on any screen).
KEY_LINES = (
    N_("Tab / Shift+Tab: move to the next / previous control"),
    N_("Arrow keys: change the focused slider or choice (Shift: bigger steps)"),
    N_("Enter or Space: press the focused button"),
    N_("Esc: go back or close"),
    N_("Page Up / Page Down or the mouse wheel: scroll"),
    N_("Ctrl+Z: undo the last change this year (turn screen)"),
    N_("Ctrl+S: save the game in progress"),
    N_("F11: full screen on or off"),
    N_("F1: this list"),
)

#: pygame_gui layer of dialogs: above anything a scene builds.
DIALOG_LAYER = 60


class DialogScene(Scene):
    overlay = True
    #: Widest dialog at 100% scale (pixels).
    max_width = 620
    #: Which action is drawn as the default one (None: all alike, for a real choice).
    primary_index: int | None = 0

    def __init__(self, app: App, on_cancel: Callable[[], object] | None = None) -> None:
        super().__init__(app)
        self.on_cancel = on_cancel
        self.panel: UIPanel | None = None
        self.buttons: list[tuple[UIButton, Callable[[], object]]] = []

    # Subclasses say what to show, translated when called.
    def heading(self) -> str:
        return ""

    def body(self) -> str:
        return ""

    def actions(self) -> Sequence[tuple[str, Callable[[], object]]]:
        return [(_("OK"), self.close)]

    def close(self) -> None:
        if self.app.top is self:
            self.app.pop()

    def title(self) -> str:
        return self.heading()

    def enter(self) -> None:
        super().enter()
        app = self.app
        width, height = app.size
        self.track(
            UIPanel(
                pygame.Rect(0, 0, width, height),
                starting_height=DIALOG_LAYER,
                manager=app.manager,
                object_id="#dim",
            )
        )
        pad = app.px(28)
        box_width = min(width - 2 * app.px(24), app.px(self.max_width))
        inner = box_width - 2 * pad
        heading_font = app.fonts.get(fonts.HEADING, bold=True)
        body_font = app.fonts.body
        button_font = app.fonts.get(18, bold=True)  # the widest a button's text gets (#primary)
        actions = list(self.actions())
        button_height = app.px(44)
        gap = app.px(12)
        # Buttons stack vertically when they do not fit side by side (long translations).
        button_widths = [
            max(app.px(120), button_font.size(label)[0] + app.px(40)) for label, _cb in actions
        ]
        side_by_side = sum(button_widths) + gap * (len(actions) - 1) <= inner
        buttons_block = (
            button_height if side_by_side else len(actions) * (button_height + gap) - gap
        )
        self.full_text = self._render_text(heading_font, body_font, inner)
        max_text = max(app.px(40), height - 2 * app.px(24) - 2 * pad - buttons_block - app.px(24))
        # Text taller than the screen scrolls inside the dialog (wheel, Page Up/Down).
        self.text_height = min(self.full_text.get_height(), max_text)
        self.text_offset = min(getattr(self, "text_offset", 0), self._max_offset())
        text_surface = self._visible_text()
        box_height = pad + text_surface.get_height() + app.px(24) + buttons_block + pad
        box = pygame.Rect(0, 0, box_width, box_height)
        box.center = (width // 2, height // 2)
        self.panel = self.track(
            UIPanel(box, starting_height=DIALOG_LAYER + 2, manager=app.manager, object_id="#dialog")
        )
        self.text_image = UIImage(
            pygame.Rect(pad, pad, inner, text_surface.get_height()),
            text_surface,
            manager=app.manager,
            container=self.panel,
        )
        self.buttons = []
        y = pad + text_surface.get_height() + app.px(24)
        x = box_width - pad
        # With a default action it sits at the right; a real choice reads left to right in
        # the order the text lists the options.
        in_reading_order = self.primary_index is None
        if in_reading_order:
            x = box_width - pad - (sum(button_widths) + gap * (len(actions) - 1))
        for index, ((label, _cb), bw) in enumerate(zip(actions, button_widths, strict=True)):
            if side_by_side and in_reading_order:
                rect = pygame.Rect(x, y, bw, button_height)
                x += bw + gap
            elif side_by_side:
                x -= bw
                rect = pygame.Rect(x, y, bw, button_height)
                x -= gap
            else:
                rect = pygame.Rect(pad, y, inner, button_height)
                y += button_height + gap
            button = UIButton(
                rect,
                label,
                manager=app.manager,
                container=self.panel,
                object_id="#primary" if index == self.primary_index else None,
            )
            self.buttons.append((button, actions[index][1]))
            self.keyboard.add(button)
        self.keyboard.index = 0

    def _max_offset(self) -> int:
        return self.full_text.get_height() - self.text_height

    def _visible_text(self) -> pygame.Surface:
        """The part of the text in view, with a cue when more lies below."""
        width = self.full_text.get_width()
        view = self.full_text.subsurface(pygame.Rect(0, self.text_offset, width, self.text_height)).copy()
        if self.text_offset < self._max_offset():
            app = self.app
            hint = render(app.fonts.small, _("More below: scroll or Page Down ↓"), app.palette.accent)
            band = pygame.Rect(0, view.get_height() - hint.get_height() - app.px(4), width, hint.get_height() + app.px(4))
            view.fill((*app.palette.surface, 255), band)
            view.blit(hint, (width - hint.get_width(), band.top + app.px(2)))
        return view

    def _scroll_text(self, delta: int) -> None:
        offset = max(0, min(self._max_offset(), self.text_offset + delta))
        if offset != self.text_offset:
            self.text_offset = offset
            self.text_image.set_image(self._visible_text())
            self.app.request_redraw()

    def _render_text(
        self, heading_font: pygame.font.Font, body_font: pygame.font.Font, width: int
    ) -> pygame.Surface:
        palette = self.app.palette
        heading, body = self.heading(), self.body()
        gap = self.app.px(12)
        h1 = paragraph_height(heading, heading_font, width) if heading else 0
        h2 = paragraph_height(body, body_font, width) if body else 0
        surface = pygame.Surface((width, max(1, h1 + (gap if heading and body else 0) + h2 + 4)), pygame.SRCALPHA)
        y = 0
        if heading:
            y += draw_paragraph(surface, heading, heading_font, palette.text, pygame.Rect(0, 0, width, h1 + 4))
            y += gap
        if body:
            draw_paragraph(surface, body, body_font, palette.text, pygame.Rect(0, y, width, h2 + 4))
        return surface

    def handle_event(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.MOUSEWHEEL:
            self._scroll_text(-event.y * self.app.px(40))
            return True
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_PAGEDOWN, pygame.K_PAGEUP):
            step = max(self.app.px(40), self.text_height - self.app.px(40))
            self._scroll_text(step if event.key == pygame.K_PAGEDOWN else -step)
            return True
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            if self.on_cancel is not None:
                self.on_cancel()
            else:
                self.close()
            return True
        return super().handle_event(event)

    def on_button(self, element: object) -> bool:
        for button, callback in self.buttons:
            if button is element:
                callback()
                return True
        return False


class MessageDialog(DialogScene):
    """A heading, a paragraph and buttons given directly (texts already translated)."""

    def __init__(
        self,
        app: App,
        heading: Callable[[], str],
        body: Callable[[], str],
        actions: Callable[[], Sequence[tuple[str, Callable[[], object]]]] | None = None,
        on_cancel: Callable[[], object] | None = None,
    ) -> None:
        super().__init__(app, on_cancel=on_cancel)
        self._heading, self._body, self._actions = heading, body, actions

    def heading(self) -> str:
        return self._heading()

    def body(self) -> str:
        return self._body()

    def actions(self) -> Sequence[tuple[str, Callable[[], object]]]:
        return self._actions() if self._actions is not None else super().actions()


class KeysDialog(DialogScene):
    """Every keyboard control of the game, in one list."""

    max_width = 720

    def heading(self) -> str:
        return _("Keyboard controls")

    def body(self) -> str:
        return "\n".join(_(line) for line in KEY_LINES)


class ErrorDialog(DialogScene):
    """What the player sees instead of a crash."""

    def __init__(
        self, app: App, error: BaseException, log_path: Path | None, on_close: Callable[[], object]
    ) -> None:
        super().__init__(app, on_cancel=on_close)
        self.error = error
        self.log_path = log_path
        self.on_close = on_close

    def heading(self) -> str:
        return _("Something went wrong")

    def body(self) -> str:
        kind = type(self.error).__name__
        if self.log_path is not None:
            return _(
                "The game hit an unexpected problem ({kind}) and stopped what it was doing. "
                "Your saved games are safe. The details were written to {path}; please send "
                "that file to whoever gave you the game."
            ).format(kind=kind, path=self.log_path)
        return _(
            "The game hit an unexpected problem ({kind}) and stopped what it was doing. "
            "Your saved games are safe."
        ).format(kind=kind)

    def actions(self) -> Sequence[tuple[str, Callable[[], object]]]:
        return [(_("Continue"), self.on_close)]
