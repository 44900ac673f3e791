"""Level select: one card per shipped level with its theme, difficulty, goals and best stars.

Cards are drawn by the scene (pygame_gui buttons cannot hold paragraphs); a click, or Enter
on the focused card, opens the level's briefing. A level file that fails to load gets a card
that says what is wrong instead of disappearing.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pygame
from pygame_gui.elements import UIButton

from game.content.errors import ContentError
from game.content.levels import Level, level_paths, load_level
from game.i18n import _
from game.ui import fonts
from game.ui.keyboard_focus import CallbackTarget
from game.ui.scene import Scene
from game.ui.settings import BestStars
from game.ui.widgets.card import draw_card_frame, draw_pips, draw_stars, stars_text
from game.ui.widgets.text import draw_paragraph, fit_text, paragraph_height, render

__all__ = ["LevelSelectScene", "LevelEntry", "available_levels"]

#: Card size at 100% scale.
CARD_WIDTH, CARD_HEIGHT = 380, 300


@dataclass(frozen=True)
class LevelEntry:
    """A level that loaded, or the file name and problem of one that did not."""

    name: str
    level: Level | None = None
    problem: str = ""


def available_levels() -> list[LevelEntry]:
    """Every level file, loaded; files are read again only when they change on disk."""
    stamps = []
    for path in level_paths():
        try:
            stamps.append((path, path.stat().st_mtime_ns))
        except OSError:
            stamps.append((path, None))
    return list(_load_levels(tuple(stamps)))


@cache
def _load_levels(stamps: tuple[tuple[Path, int | None], ...]) -> tuple[LevelEntry, ...]:
    # Parsing and checking every level takes a good part of a second: do it once per change.
    entries: list[LevelEntry] = []
    for path, _stamp in stamps:
        try:
            entries.append(LevelEntry(path.stem, load_level(path)))
        except ContentError as error:
            first = error.problems[0] if error.problems else error
            entries.append(LevelEntry(path.name, None, str(first)))
        except OSError as error:
            entries.append(LevelEntry(path.name, None, str(error)))
    entries.sort(key=lambda e: (e.level is None, e.level.order if e.level else 0, e.name))
    return tuple(entries)


class LevelSelectScene(Scene):
    def __init__(self, app) -> None:
        super().__init__(app)
        self.entries = available_levels()
        self.best = BestStars()
        self.scroll = 0
        self.hovered: int | None = None
        self.card_rects: list[pygame.Rect] = []

    def title(self) -> str:
        return _("Choose a level")

    # --- layout ----------------------------------------------------------------------------
    def _grid(self) -> tuple[pygame.Rect, int, int, int]:
        """The scrolling area, the number of columns, the card width and height."""
        app = self.app
        width, height = app.size
        margin = max(app.px(40), width // 24)
        top = self._heading_top() + app.fonts.get(fonts.TITLE, bold=True).get_height()
        if self._show_hint():
            top += app.fonts.body.get_height()
        top += app.px(16)
        area = pygame.Rect(margin, top, width - 2 * margin, height - top - app.px(84))
        gap = app.px(24)
        columns = max(1, (area.width + gap) // (app.px(CARD_WIDTH) + gap))
        card_w = (area.width - gap * (columns - 1)) // columns
        # Cards are as tall as the fullest one needs (every lesson shown, none cut off), and a
        # whole card always fits in view, even at a large interface size on a small window.
        needed = max((self._needed_height(e, card_w) for e in self.entries), default=0)
        return area, columns, card_w, min(max(app.px(CARD_HEIGHT), needed), area.height)

    def _needed_height(self, entry: LevelEntry, card_w: int) -> int:
        """The height a card needs to show its theme and every lesson whole."""
        level = entry.level
        if level is None:
            return 0
        app = self.app
        pad, small, body = app.px(20), app.fonts.small, app.fonts.body
        inner_w = card_w - 2 * pad
        height = app.fonts.get(fonts.LARGE, bold=True).get_height() + app.px(6)
        height += small.get_height() + app.px(12)
        height += min(paragraph_height(_(level.theme), body, inner_w), body.get_height() * 3) + app.px(10)
        height += app.fonts.get(fonts.SMALL, bold=True).get_height() + app.px(2)
        height += sum(paragraph_height(_(goal), small, inner_w - app.px(14))
                      for goal in level.learning_objectives)
        return height + 2 * pad + app.px(4)

    def _heading_top(self) -> int:
        return min(self.app.px(36), self.app.size[1] // 30)

    def _show_hint(self) -> bool:
        """The line under the heading, left out when the cards need the room."""
        app = self.app
        return app.size[1] >= app.px(CARD_HEIGHT + 260)

    def _layout_cards(self) -> None:
        area, columns, card_w, card_h = self._grid()
        gap = self.app.px(24)
        self.card_rects = []
        for i in range(len(self.entries)):
            row, col = divmod(i, columns)
            self.card_rects.append(
                pygame.Rect(area.left + col * (card_w + gap), area.top + row * (card_h + gap), card_w, card_h)
            )
        content = (self.card_rects[-1].bottom - area.top) if self.card_rects else 0
        self.max_scroll = max(0, content - area.height)
        self.scroll = min(self.scroll, self.max_scroll)

    def _shown(self, index: int) -> pygame.Rect:
        return self.card_rects[index].move(0, -self.scroll)

    def enter(self) -> None:
        super().enter()
        app = self.app
        self._layout_cards()
        for i in range(len(self.entries)):
            self.keyboard.add(
                CallbackTarget(
                    lambda i=i: self._shown(i),
                    on_activate=lambda i=i: self._open(i),
                )
            )
        width, height = app.size
        self.back = self.track(
            UIButton(
                pygame.Rect(self._grid()[0].left, height - app.px(66), app.px(160), app.px(44)),
                _("Back"),
                manager=app.manager,
            )
        )
        self.keyboard.add(self.back)

    # --- input -----------------------------------------------------------------------------
    def handle_event(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.MOUSEMOTION:
            hovered = self._card_at(event.pos)
            if hovered != self.hovered:
                self.hovered = hovered
                self.app.request_redraw()
        elif event.type == pygame.MOUSEBUTTONUP and event.button == pygame.BUTTON_LEFT:
            index = self._card_at(event.pos)
            if index is not None:
                self._open(index)
                return True
        elif event.type == pygame.MOUSEWHEEL:
            self._scroll_by(-event.y * self.app.px(60))
            return True
        elif event.type == pygame.KEYDOWN and event.key in (pygame.K_UP, pygame.K_DOWN):
            # Up and down move a whole row of cards; past the last row lies the Back button.
            index = self.keyboard.index
            if index < len(self.entries):
                columns = self._grid()[1]
                target = index + (columns if event.key == pygame.K_DOWN else -columns)
                if 0 <= target < len(self.entries):
                    self.keyboard.index = target
                elif event.key == pygame.K_DOWN:
                    self.keyboard.focus(self.back)
                self.keyboard.visible = True
                self._scroll_to_focus()
                self.app.request_redraw()
                return True
            if self.entries:  # on Back: up returns to the last card, down stays
                if event.key == pygame.K_UP:
                    self.keyboard.index = len(self.entries) - 1
                self.keyboard.visible = True
                self._scroll_to_focus()
                self.app.request_redraw()
                return True
        consumed = super().handle_event(event)
        if consumed and event.type == pygame.KEYDOWN:
            self._scroll_to_focus()
        return consumed

    def _card_at(self, pos: tuple[int, int]) -> int | None:
        area = self._grid()[0]
        if not area.collidepoint(pos):
            return None
        for i in range(len(self.card_rects)):
            if self._shown(i).collidepoint(pos):
                return i
        return None

    def _scroll_by(self, delta: int) -> None:
        self.scroll = max(0, min(self.max_scroll, self.scroll + delta))
        self.app.request_redraw()

    def _scroll_to_focus(self) -> None:
        index = self.keyboard.index
        if index >= len(self.card_rects):
            return
        area = self._grid()[0]
        rect = self._shown(index)
        if rect.top < area.top:
            self._scroll_by(rect.top - area.top)
        elif rect.bottom > area.bottom:
            self._scroll_by(rect.bottom - area.bottom)

    def on_button(self, element: object) -> bool:
        if element is self.back:
            self.app.pop()
            return True
        return False

    def _open(self, index: int) -> None:
        entry = self.entries[index]
        if entry.level is None:
            from game.ui.widgets.dialog import MessageDialog

            self.app.push(
                MessageDialog(
                    self.app,
                    lambda: _("This level cannot be played"),
                    lambda: _("The file {name} has a problem: {problem}").format(
                        name=entry.name, problem=entry.problem
                    ),
                )
            )
            return
        from game.ui.scenes.briefing import BriefingScene

        self.app.push(BriefingScene(self.app, entry.level))

    # --- drawing ---------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        app = self.app
        palette = app.palette
        area = self._grid()[0]
        heading = render(app.fonts.get(fonts.TITLE, bold=True), _("Choose a level"), palette.text)
        surface.blit(heading, (area.left, self._heading_top()))
        if self._show_hint():
            hint = render(
                app.fonts.body,
                _("Each level is a region with its own problem. Start with the tutorial."),
                palette.text_muted,
            )
            surface.blit(hint, (area.left, self._heading_top() + heading.get_height()))
        if not self.entries:
            draw_paragraph(
                surface,
                _("No levels were found. The game's levels folder is missing or empty: reinstall the game."),
                app.fonts.body,
                palette.bad,
                area,
            )
        previous_clip = surface.get_clip()
        surface.set_clip(area.inflate(app.px(12), app.px(12)))
        for i, entry in enumerate(self.entries):
            rect = self._shown(i)
            if rect.bottom < area.top - app.px(12) or rect.top > area.bottom + app.px(12):
                continue
            self._draw_card(surface, rect, entry, hovered=(i == self.hovered))
        surface.set_clip(previous_clip)
        if self.max_scroll > 0:
            self._draw_scrollbar(surface, area)

    def _draw_scrollbar(self, surface: pygame.Surface, area: pygame.Rect) -> None:
        app = self.app
        track = pygame.Rect(area.right + app.px(10), area.top, app.px(6), area.height)
        pygame.draw.rect(surface, app.palette.surface, track, border_radius=app.px(3))
        visible = area.height / (area.height + self.max_scroll)
        thumb_h = max(app.px(30), int(track.height * visible))
        thumb_y = track.top + int((track.height - thumb_h) * self.scroll / self.max_scroll)
        thumb = pygame.Rect(track.left, thumb_y, track.width, thumb_h)
        pygame.draw.rect(surface, app.palette.text_muted, thumb, border_radius=app.px(3))

    def _draw_card(
        self, surface: pygame.Surface, rect: pygame.Rect, entry: LevelEntry, hovered: bool
    ) -> None:
        app = self.app
        palette = app.palette
        level = entry.level
        draw_card_frame(
            surface, app, rect, hovered=hovered, accent=palette.accent if level else palette.bad
        )
        pad = app.px(20)
        inner = rect.inflate(-2 * pad, -2 * pad)
        title_font = app.fonts.get(fonts.LARGE, bold=True)
        small = app.fonts.small
        if level is None:
            title = fit_text(entry.name, title_font, inner.width)
            surface.blit(render(title_font, title, palette.text), inner.topleft)
            body = _("This level file has a problem and cannot be played: {problem}").format(
                problem=entry.problem
            )
            top = inner.top + title_font.get_height() + app.px(8)
            draw_paragraph(
                surface, body, small, palette.bad, pygame.Rect(inner.left, top, inner.width, inner.bottom - top)
            )
            return
        title = fit_text(_(level.title), title_font, inner.width)
        surface.blit(render(title_font, title, palette.text), inner.topleft)
        y = inner.top + title_font.get_height() + app.px(6)
        draw_pips(surface, app, (inner.left, y), level.difficulty, 5, small, _("Difficulty"))
        best = self.best.get(level.id)
        star_size = app.px(16)
        words = render(small, stars_text(best), palette.text_muted)
        stars_w = 3 * (star_size + app.px(4))
        surface.blit(words, (inner.right - words.get_width(), y))
        draw_stars(
            surface,
            app,
            (inner.right - words.get_width() - app.px(8) - stars_w, y + (words.get_height() - star_size) // 2),
            best,
            star_size,
        )
        y += small.get_height() + app.px(12)
        body_font = app.fonts.body
        theme_rect = pygame.Rect(inner.left, y, inner.width, body_font.get_height() * 3)
        y += draw_paragraph(surface, _(level.theme), body_font, palette.text, theme_rect) + app.px(10)
        label = render(app.fonts.get(fonts.SMALL, bold=True), _("You will learn"), palette.accent)
        if y + label.get_height() + small.get_height() > inner.bottom:
            return  # no room for a goal: no heading left hanging either
        surface.blit(label, (inner.left, y))
        y += label.get_height() + app.px(2)
        bullet = app.px(14)
        for goal in level.learning_objectives:
            # A lesson shows whole or not at all (no "…" in the middle of a sentence).
            if y + paragraph_height(_(goal), small, inner.width - bullet) > inner.bottom:
                break
            goal_rect = pygame.Rect(inner.left + bullet, y, inner.width - bullet, inner.bottom - y)
            pygame.draw.circle(
                surface, palette.accent, (inner.left + app.px(4), y + small.get_height() // 2), app.px(3)
            )
            y += draw_paragraph(surface, _(goal), small, palette.text_muted, goal_rect)
