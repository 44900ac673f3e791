"""Settings: language (switches live), interface size, window or full screen, colours, forecast.

Every change takes effect at once and is saved; the screen rebuilds itself in the new
language or size, keeping the keyboard focus where it was.
"""

from __future__ import annotations

import pygame

from game.i18n import N_, _
from game.ui import fonts
from game.ui.palette import draw_marker
from game.ui.scene import Scene
from game.ui.settings import UI_SCALES
from game.ui.widgets.button import ChoiceButton, make_button
from game.ui.widgets.text import draw_paragraph, paragraph_height, render

__all__ = ["SettingsScene", "LANGUAGE_NAMES"]

#: Each language named in its own script, so a player can find theirs in any language.
LANGUAGE_NAMES = {"en": "English", "zh_CN": "中文（简体）"}

ROWS = (
    ("language", N_("Language"), N_("The game's language. Changes at once.")),
    ("ui_scale", N_("Interface size"), N_("Larger text and controls, from 100% to 200%.")),
    ("fullscreen", N_("Display"), N_("Play in a window or on the whole screen.")),
    (
        "colour_blind",
        N_("Colours"),
        N_("A palette that stays clear with red-green or blue-yellow colour blindness."),
    ),
    (
        "forecast",
        N_("Forecast"),
        N_("Show where this year's decisions lead if you keep them to the end."),
    ),
)


class SettingsScene(Scene):
    def __init__(self, app) -> None:
        super().__init__(app)
        #: the first row shown (the list scrolls a whole row at a time)
        self.first = 0

    def title(self) -> str:
        return _("Settings")

    def _column_width(self) -> int:
        app = self.app
        return min(app.size[0] - 2 * app.px(40), app.px(860))

    def _choice_width(self) -> int:
        # At a large interface size the choices give the labels and help more room.
        return min(self.app.px(300), self._column_width() * 2 // 5)

    def _column(self) -> pygame.Rect:
        app = self.app
        width, height = app.size
        column_w = self._column_width()
        # Centred vertically when everything fits, so a large window is not top-heavy.
        content = (
            app.fonts.get(fonts.TITLE, bold=True).get_height()
            + app.px(12) + sum(self._heights()) + app.px(24 + 46)
        )
        top = max(app.px(20), (height - content) // 2)
        return pygame.Rect((width - column_w) // 2, top, column_w, height - top - app.px(28))

    def _heights(self) -> list[int]:
        """Each row as tall as its label and help text at the current size, no taller."""
        app = self.app
        text_w = self._column_width() - self._choice_width() - app.px(32)
        help_font = app.fonts.small
        label_h = app.fonts.get(fonts.LARGE, bold=True).get_height()
        heights = []
        for key, _label, text in ROWS:
            help_h = paragraph_height(_(text), help_font, text_w)
            if key == "colour_blind":
                help_h += help_font.get_height()  # the palette sample
            heights.append(max(app.px(46), label_h + help_h) + app.px(14))
        return heights

    def _rows_top(self) -> int:
        return self._column().top + self.app.fonts.get(fonts.TITLE, bold=True).get_height() + self.app.px(12)

    def _room(self) -> int:
        return self._back_top() - self.app.px(12) - self._rows_top()

    def _shown(self, first: int) -> int:
        """How many whole rows fit from row ``first`` on (at least one)."""
        heights, room, count = self._heights(), self._room(), 0
        while first + count < len(heights) and sum(heights[first:first + count + 1]) <= room:
            count += 1
        return max(1, count)

    def _last_first(self) -> int:
        """The first row shown when scrolled to the end."""
        first = len(ROWS) - 1
        while first > 0 and first - 1 + self._shown(first - 1) >= len(ROWS):
            first -= 1
        return first

    def _viewport(self) -> pygame.Rect:
        """Where the rows show: whole rows only, scrolling a row at a time when they do not
        all fit (a large interface size on a small window)."""
        shown = sum(self._heights()[self.first:self.first + self._shown(self.first)])
        return pygame.Rect(self._column().left, self._rows_top(), self._column().width, shown)

    def _back_top(self) -> int:
        """The Back button: right under the rows, or at the bottom when the rows scroll."""
        app = self.app
        bottom = app.size[1] - app.px(46) - app.px(16)
        return min(bottom, self._rows_top() + sum(self._heights()) + app.px(24))

    def _row_top(self, index: int) -> int:
        heights = self._heights()
        if index >= self.first:
            return self._rows_top() + sum(heights[self.first:index])
        return self._rows_top() - sum(heights[index:self.first])

    def _place(self) -> None:
        """Put each choice at its row for the current scroll; hide the ones out of view."""
        viewport = self._viewport()
        choice_h = self.app.px(46)
        heights = self._heights()
        for index, choice in enumerate(self.choices.values()):
            y = self._row_top(index) + (heights[index] - choice_h) // 2
            choice.element.set_relative_position((choice.element.relative_rect.x, y))
            inside = viewport.top <= y and y + choice_h <= viewport.bottom
            if inside and not choice.element.visible:
                choice.element.show()
            elif not inside and choice.element.visible:
                choice.element.hide()
        self.app.request_redraw()

    def _scroll_to(self, index: int) -> None:
        if index < self.first:
            self.first = index
        elif index >= self.first + self._shown(self.first):
            while index >= self.first + self._shown(self.first):
                self.first += 1
        else:
            return
        self._place()

    def _scroll_by(self, rows: int) -> None:
        self.first = max(0, min(self._last_first(), self.first + rows))
        self._place()

    def handle_event(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.MOUSEWHEEL and self._last_first() > 0:
            self._scroll_by(-1 if event.y > 0 else 1)
            return True
        consumed = super().handle_event(event)
        if consumed and event.type == pygame.KEYDOWN:
            current = self.keyboard.current
            for index, choice in enumerate(self.choices.values()):
                if choice is current:
                    self._scroll_to(index)
        return consumed

    def enter(self) -> None:
        super().enter()
        app = self.app
        settings = app.settings
        column = self._column()
        choice_w, choice_h = self._choice_width(), app.px(46)
        options = {
            "language": [(code, name) for code, name in LANGUAGE_NAMES.items()],
            "ui_scale": [(scale, f"{round(scale * 100)}%") for scale in UI_SCALES],
            "fullscreen": [(False, _("In a window")), (True, _("Full screen"))],
            "colour_blind": [(False, _("Standard")), (True, _("Colour-blind safe"))],
            "forecast": [(True, _("Shown")), (False, _("Hidden"))],
        }
        current = {
            "language": settings.language,
            "ui_scale": min(UI_SCALES, key=lambda s: abs(s - settings.ui_scale)),
            "fullscreen": settings.fullscreen,
            "colour_blind": settings.colour_blind,
            "forecast": settings.forecast,
        }
        self.choices: dict[str, ChoiceButton] = {}
        self.first = min(self.first, self._last_first())
        for index, (key, _label, _help) in enumerate(ROWS):
            rect = pygame.Rect(column.right - choice_w, self._row_top(index), choice_w, choice_h)
            choice = ChoiceButton(
                app, rect, options[key], current[key], lambda value, key=key: self._changed(key, value)
            )
            self.track(choice)
            self.choices[key] = choice
            self.keyboard.add(choice)
        self.back = self.track(
            make_button(app, pygame.Rect(column.left, self._back_top(), app.px(160), app.px(46)),
                        _("Back"))
        )
        self.keyboard.add(self.back)
        self._place()

    def _changed(self, key: str, value: object) -> None:
        app = self.app
        setattr(app.settings, key, value)
        if key == "language":
            app.apply_settings()
        elif key == "fullscreen":
            app.apply_settings(display=True)
        elif key in ("ui_scale", "colour_blind"):
            app.apply_settings(look=True)
        else:
            app.settings.save()
            app.request_redraw()

    def on_button(self, element: object) -> bool:
        if element is self.back:
            self.app.pop()
            return True
        for choice in self.choices.values():
            if choice.owns(element):
                choice.click(pygame.mouse.get_pos())
                return True
        return False

    def draw(self, surface: pygame.Surface) -> None:
        app = self.app
        palette = app.palette
        column = self._column()
        surface.blit(render(app.fonts.get(fonts.TITLE, bold=True), _("Settings"), palette.text), column.topleft)
        viewport = self._viewport()
        clip = surface.get_clip()
        surface.set_clip(viewport)
        label_font = app.fonts.get(fonts.LARGE, bold=True)
        help_font = app.fonts.small
        text_w = column.width - self._choice_width() - app.px(32)
        heights = self._heights()
        for index, (key, label, help_text) in enumerate(ROWS):
            row = pygame.Rect(column.left, self._row_top(index), column.width, heights[index])
            pygame.draw.line(surface, palette.surface_raised, row.bottomleft, row.bottomright, 1)
            help_h = paragraph_height(_(help_text), help_font, text_w)
            text_h = label_font.get_height() + help_h
            if key == "colour_blind":
                text_h += help_font.get_height()
            ty = row.top + (row.height - text_h) // 2
            surface.blit(render(label_font, _(label), palette.text), (row.left, ty))
            draw_paragraph(
                surface,
                _(help_text),
                help_font,
                palette.text_muted,
                pygame.Rect(row.left, ty + label_font.get_height(), text_w, row.height),
            )
            if key == "colour_blind":
                self._draw_palette_sample(surface, (row.left, ty + label_font.get_height() + help_h))
        surface.set_clip(clip)
        if self._last_first() > 0:
            self._draw_scrollbar(surface, viewport)

    def _draw_scrollbar(self, surface: pygame.Surface, viewport: pygame.Rect) -> None:
        app = self.app
        track = pygame.Rect(viewport.right + app.px(12), viewport.top, app.px(6), viewport.height)
        pygame.draw.rect(surface, app.palette.surface, track, border_radius=app.px(3))
        shown = self._shown(self.first) / len(ROWS)
        thumb_h = max(app.px(24), int(track.height * shown))
        thumb_y = track.top + int((track.height - thumb_h) * self.first / self._last_first())
        pygame.draw.rect(
            surface, app.palette.text_muted, pygame.Rect(track.left, thumb_y, track.width, thumb_h),
            border_radius=app.px(3),
        )

    def _draw_palette_sample(self, surface: pygame.Surface, pos: tuple[int, int]) -> None:
        """Good and bad side by side, as the game shows them: a colour, a shape and a word."""
        app = self.app
        palette = app.palette
        font = app.fonts.small
        x, y = pos
        for role, word in (("good", _("better")), ("bad", _("worse"))):
            image = render(font, word, palette[role])
            draw_marker(
                surface, palette.marker(role), palette[role], (x + app.px(6), y + image.get_height() // 2), app.px(11)
            )
            x += app.px(16)
            surface.blit(image, (x, y))
            x += image.get_width() + app.px(20)
