"""The briefing before a level: the story, what to achieve, what to learn, which levers open when.

The page is laid out once per build into a tall surface and scrolled with the mouse wheel,
the arrow keys or Page Up/Down. "Start" makes a playthrough and hands it to the turn screen.
"""

from __future__ import annotations

import pygame
from pygame_gui.elements import UIButton, UILabel, UITextEntryLine

from game.content.level_text import clause, level_text, objective_text
from game.content.levels import Level
from game.i18n import _, ngettext
from game.session import names
from game.ui import fonts
from game.ui.keyboard_focus import CallbackTarget
from game.ui.scene import Scene
from game.ui.widgets.text import draw_paragraph, gui_tooltip, paragraph_height, render

__all__ = ["BriefingScene", "start_level", "open_pack"]

MAX_SEED_DIGITS = 9


def start_level(app, level: Level, seed: int, events_on: bool | None = None) -> None:
    """Begin ``level``: the stack becomes title → turn screen, so leaving a game goes home."""
    from game.session import Playthrough
    from game.ui.scenes.title import TitleScene
    from game.ui.scenes.turn import TurnScene

    playthrough = Playthrough.new(level, seed, events_on)
    app.reset_to(TitleScene(app), TurnScene(app, playthrough))


def open_pack(app, pack) -> None:
    """Show the briefing of a session pack's level: seed and events are the pack's, fixed."""
    from game.session.packs import PackError, pack_level

    try:
        level = pack_level(pack)
    except PackError as error:
        from game.ui.widgets.dialog import MessageDialog

        message = str(error)
        app.push(MessageDialog(app, lambda: _("Session pack"), lambda: message))
        return
    app.push(BriefingScene(app, level, pack.seed, pack=pack))


class BriefingScene(Scene):
    def __init__(self, app, level: Level, seed: int = 0, pack=None) -> None:
        super().__init__(app)
        self.level = level
        self.seed_text = str(seed)
        self.scroll = 0
        self.page: pygame.Surface | None = None
        self.message = ""
        #: a level with optional events (the sandbox) lets the player switch them on here
        self.events_on = level.events_on if pack is None else pack.events_on
        self.events_button: UIButton | None = None
        #: a session pack fixes the seed and the events for the whole class
        self.pack = pack

    def title(self) -> str:
        return _("Briefing: {level}").format(level=_(self.level.title))

    # --- layout ----------------------------------------------------------------------------
    def _frame(self) -> tuple[pygame.Rect, pygame.Rect]:
        """The scrolling page area and the bottom bar."""
        app = self.app
        width, height = app.size
        margin = max(app.px(40), width // 16)
        column = min(width - 2 * margin, app.px(1400))
        # A large interface size on a narrow window: the seed gets a row of its own above the
        # buttons instead of being squeezed out of (or under) them.
        bar_h = app.px(84) + (app.px(56) if self._seed_row_needed(column) else 0)
        left = (width - column) // 2
        top = app.px(32)
        page = pygame.Rect(left, top, column, height - top - bar_h - app.px(8))
        bar = pygame.Rect(left, height - bar_h, column, bar_h)
        return page, bar

    def _start_width(self) -> int:
        app = self.app
        return max(app.px(200), app.fonts.get(18, bold=True).size(_("Start the level"))[0] + app.px(48))

    def _seed_label(self) -> str:
        return _("Scenario seed") if self.pack is None else _("Seed of the session pack")

    def _seed_row_needed(self, column: int) -> bool:
        app = self.app
        gap = app.px(16)
        needed = app.px(140) + self._start_width() + app.px(130) + 3 * gap
        needed += app.fonts.body.size(self._seed_label())[0] + app.px(12)
        if self.level.optional_events and self.level.events:
            needed += max(app.px(170), app.fonts.body.size(self._events_text())[0] + app.px(40)) + gap
        return needed > column

    def enter(self) -> None:
        super().enter()
        app = self.app
        page, bar = self._frame()
        self.page = self._render_page(page.width)
        self.max_scroll = max(0, self.page.get_height() - page.height)
        self.scroll = min(self.scroll, self.max_scroll)
        button_h = app.px(48)
        y = bar.bottom - app.px(84) + (app.px(84) - button_h) // 2
        seed_row = self._seed_row_needed(bar.width)
        self.back = self.track(
            UIButton(pygame.Rect(bar.left, y, app.px(140), button_h), _("Back"), manager=app.manager)
        )
        start_w = self._start_width()
        self.start = self.track(
            UIButton(
                pygame.Rect(bar.right - start_w, y, start_w, button_h),
                _("Start the level"),
                manager=app.manager,
                object_id="#primary",
            )
        )
        entry_w = app.px(130)
        gap = app.px(16)
        label_text = self._seed_label()
        label_w = app.fonts.body.size(label_text)[0] + app.px(12)
        if seed_row:  # its own row, right-aligned above "Start the level"
            room = bar.width
            entry_x, entry_y = bar.right - entry_w, bar.top + app.px(8)
        else:
            room = self.start.rect.left - self.back.rect.right - 2 * gap
            entry_w = min(entry_w, room)
            entry_x, entry_y = self.start.rect.left - gap - entry_w, y
        self.seed_entry = self.track(
            UITextEntryLine(
                pygame.Rect(entry_x, entry_y + app.px(4), entry_w, button_h - app.px(8)),
                manager=app.manager,
            )
        )
        self.seed_entry.set_allowed_characters("numbers")
        self.seed_entry.set_text_length_limit(MAX_SEED_DIGITS)
        self.seed_entry.set_text(self.seed_text)
        # The label goes only where it fits (a large interface size on a small window).
        if label_w + entry_w + gap <= room:
            self.track(
                UILabel(
                    pygame.Rect(entry_x - app.px(4) - label_w, entry_y, label_w, button_h),
                    label_text,
                    manager=app.manager,
                    object_id="#muted",
                )
            )
        self.seed_entry.tool_tip_text = gui_tooltip(app, _(
            "Everyone who plays with the same seed meets the same random events: "
            "use the seed your teacher gives you."
        ))
        self.keyboard.add(
            CallbackTarget(lambda: self._frame()[0], on_adjust=lambda step: self._scroll_by(-step * 80))
        )
        if self.level.optional_events and self.level.events:
            events_w = max(app.px(170), app.fonts.body.size(self._events_text())[0] + app.px(40))
            self.events_button = self.track(
                UIButton(pygame.Rect(self.back.rect.right + gap, y, events_w, button_h),
                         self._events_text(), manager=app.manager)
            )
            self.events_button.tool_tip_text = gui_tooltip(app, _(
                "Random events: a recession abroad, a broken supply chain, a wave of bad loans, "
                "researchers courted by other cities."
            ))
        self._hold_for_pack()
        self.keyboard.add(self.seed_entry)
        if self.events_button is not None:
            self.keyboard.add(self.events_button)
        self.keyboard.add(self.start)
        self.keyboard.add(self.back)
        self.keyboard.focus(self.start)

    def _hold_for_pack(self) -> None:
        """A session pack fixes the seed and the events: shown, not editable."""
        if self.pack is None:
            return
        self.seed_entry.disable()
        self.seed_entry.tool_tip_text = gui_tooltip(self.app, _(
            "Session pack {id}: the whole class plays this seed.").format(id=self.pack.id))
        if self.events_button is not None:
            self.events_button.disable()

    def _events_text(self) -> str:
        # The state is in the words, not in a colour.
        return _("Random events: on") if self.events_on else _("Random events: off")

    def _render_page(self, width: int) -> pygame.Surface:
        """Lay the whole briefing out once into a surface as tall as it needs."""
        app = self.app
        level = self.level
        blocks: list[tuple[str, str]] = []
        blocks.append(("title", _(level.title)))
        years = ngettext(
            "{region} · {turns} year from {year}",
            "{region} · {turns} years from {year}",
            level.turns,
        ).format(region=_(level.region), turns=level.turns, year=level.start_year)
        blocks.append(("muted", years))
        blocks.append(("para", level_text(level, level.story)))
        blocks.append(("para", level_text(level, level.briefing)))
        story_end = len(blocks)
        blocks.append(("section", _("Your objectives")))
        for objective in level.objectives:
            text = objective_text(level, objective)
            if objective.required:
                text = _("{objective} (required)").format(objective=clause(text))
            blocks.append(("bullet", text))
        blocks.append(("section", _("What you will learn")))
        for goal in level.learning_objectives:
            blocks.append(("bullet", _(goal)))
        blocks.append(("section", _("Your levers")))
        for line in self._lever_lines():
            blocks.append(("bullet", line))

        # A wide page reads better in two columns: the story, and what to do about it.
        column_gap = app.px(48)
        if width >= app.px(1100):
            half = (width - column_gap) // 2
            left = self._render_blocks(blocks[:story_end], half)
            right = self._render_blocks([("title_space", ""), *blocks[story_end:]], half)
            surface = pygame.Surface((width, max(left.get_height(), right.get_height())), pygame.SRCALPHA)
            surface.blit(left, (0, 0))
            surface.blit(right, (half + column_gap, 0))
            return surface
        return self._render_blocks(blocks, width)

    def _render_blocks(self, blocks: list[tuple[str, str]], width: int) -> pygame.Surface:
        app = self.app
        palette = app.palette
        title_font = app.fonts.get(fonts.TITLE, bold=True)
        section_font = app.fonts.get(fonts.LARGE, bold=True)
        body = app.fonts.body
        gap = app.px(14)

        def height_of(kind: str, text: str) -> int:
            if kind == "title_space":
                # The right column's first heading lines up with the story, under the title.
                return title_font.get_height() + app.px(2) + body.get_height() - app.px(4)
            if kind == "title":
                return title_font.get_height() + app.px(2)
            if kind == "section":
                return gap + section_font.get_height() + app.px(4)
            if kind == "muted":
                return body.get_height() + gap
            if kind == "bullet":
                return paragraph_height(text, body, width - app.px(24)) + app.px(4)
            return paragraph_height(text, body, width) + gap

        total = sum(height_of(kind, text) for kind, text in blocks) + app.px(16)
        surface = pygame.Surface((width, total), pygame.SRCALPHA)
        y = 0
        for kind, text in blocks:
            h = height_of(kind, text)
            if kind == "title_space":
                pass
            elif kind == "title":
                surface.blit(render(title_font, text, palette.text), (0, y))
            elif kind == "section":
                image = render(section_font, text, palette.accent)
                surface.blit(image, (0, y + gap))
            elif kind == "muted":
                surface.blit(render(body, text, palette.text_muted), (0, y))
            elif kind == "bullet":
                pygame.draw.circle(surface, palette.accent, (app.px(7), y + body.get_height() // 2), app.px(3))
                draw_paragraph(surface, text, body, palette.text, pygame.Rect(app.px(24), y, width - app.px(24), h))
            else:
                draw_paragraph(surface, text, body, palette.text, pygame.Rect(0, y, width, h))
            y += h
        return surface

    def _lever_lines(self) -> list[str]:
        """One line per turn on which something opens: 'From the start: …', 'From turn 3 (2027): …'."""
        level = self.level
        by_turn: dict[int, list[str]] = {}
        for name in level.levers + level.dials:
            by_turn.setdefault(level.unlock_turn.get(name, 1), []).append(names.label(name))
        if level.pilots:
            pilots = _(", ").join(_(p.title) for p in level.pilots)
            by_turn.setdefault(level.unlock_turn.get("pilots", 1), []).append(
                ngettext(
                    "pilot zones ({pilots}; at most {count} at a time)",
                    "pilot zones ({pilots}; at most {count} at a time)",
                    level.max_pilots,
                ).format(pilots=pilots, count=level.max_pilots)
            )
        lines = []
        separator = _(", ")
        for turn in sorted(by_turn):
            items = separator.join(by_turn[turn])
            if turn <= 1:
                lines.append(_("From the start: {levers}").format(levers=items))
            else:
                lines.append(
                    _("From turn {turn} ({year}): {levers}").format(
                        turn=turn, year=level.year_of(turn), levers=items
                    )
                )
        return lines

    # --- input -----------------------------------------------------------------------------
    def handle_event(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.MOUSEWHEEL:
            self._scroll_by(-event.y * self.app.px(60))
            return True
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_PAGEDOWN, pygame.K_PAGEUP):
            page = self._frame()[0]
            self._scroll_by(page.height * 0.8 * (1 if event.key == pygame.K_PAGEDOWN else -1))
            return True
        return super().handle_event(event)

    def _scroll_by(self, delta: float) -> None:
        self.scroll = int(max(0, min(self.max_scroll, self.scroll + delta)))
        self.app.request_redraw()

    def on_button(self, element: object) -> bool:
        if element is self.back:
            self.app.pop()
        elif element is self.start:
            self._start()
        elif element is self.events_button:
            self.events_on = not self.events_on
            self.events_button.set_text(self._events_text())
        else:
            return False
        return True

    def _start(self) -> None:
        if self.pack is not None:
            from game.session.packs import start
            from game.ui.scenes.title import TitleScene
            from game.ui.scenes.turn import TurnScene

            self.app.reset_to(TitleScene(self.app), TurnScene(self.app, start(self.pack)))
            return
        text = self.seed_entry.get_text().strip()
        self.seed_text = text or "0"
        try:
            seed = int(self.seed_text)
        except ValueError:
            self.message = _("The seed must be a whole number, for example 0 or 2024.")
            self.app.request_redraw()
            return
        start_level(self.app, self.level, seed, self.events_on)

    # --- drawing ---------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        app = self.app
        palette = app.palette
        page, bar = self._frame()
        if self.page is not None:
            view = pygame.Rect(0, self.scroll, page.width, min(page.height, self.page.get_height() - self.scroll))
            surface.blit(self.page, page.topleft, view)
            if self.max_scroll > 0:
                self._draw_scroll_cues(surface, page)
        pygame.draw.line(surface, palette.border, (bar.left, bar.top), (bar.right, bar.top), 1)
        if self.message:
            image = render(app.fonts.small, self.message, palette.bad)
            surface.blit(image, (bar.right - image.get_width(), bar.top + app.px(2)))

    def _draw_scroll_cues(self, surface: pygame.Surface, page: pygame.Rect) -> None:
        app = self.app
        track = pygame.Rect(page.right + app.px(14), page.top, app.px(6), page.height)
        pygame.draw.rect(surface, app.palette.surface, track, border_radius=app.px(3))
        visible = page.height / (page.height + self.max_scroll)
        thumb_h = max(app.px(30), int(track.height * visible))
        thumb_y = track.top + int((track.height - thumb_h) * self.scroll / self.max_scroll)
        pygame.draw.rect(
            surface, app.palette.text_muted, pygame.Rect(track.left, thumb_y, track.width, thumb_h),
            border_radius=app.px(3),
        )
        if self.scroll < self.max_scroll:
            hint = render(app.fonts.small, _("Scroll for more ↓"), app.palette.text_muted)
            # A band of background under the hint so it never sits on top of the text.
            band = pygame.Rect(page.left, page.bottom - hint.get_height() - app.px(6), page.width, hint.get_height() + app.px(6))
            surface.fill(app.palette.background, band)
            pygame.draw.line(surface, app.palette.surface_raised, band.topleft, band.topright, 1)
            surface.blit(hint, (page.right - hint.get_width(), band.top + app.px(4)))
