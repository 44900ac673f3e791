"""Saving and loading: the list of saves (autosaves and named slots), a new named save, and
"continue" from the title.

Every game keeps its own autosave, so the list shows each game in progress (level, turn, date)
beside the named saves. A damaged or truncated save is listed with what is wrong with it; loading
one explains the problem in words and offers the game's previous autosave when there is a good one.
"""

from __future__ import annotations

from functools import cache

import pygame
from pygame_gui.elements import UITextEntryLine

from game.content.errors import ContentError
from game.i18n import _
from game.i18n.oserror import os_reason
from game.session import saves
from game.session.saves import SaveError, SaveInfo
from game.session.slot_names import MAX_SLOT_NAME
from game.ui import fonts
from game.ui.keyboard_focus import CallbackTarget
from game.ui.scene import Scene
from game.ui.widgets.button import make_button
from game.ui.widgets.card import draw_card_frame
from game.ui.widgets.dialog import MessageDialog
from game.ui.widgets.text import draw_paragraph, fit_text, render

__all__ = ["SavesScene", "continue_autosave", "open_playthrough", "level_title"]

@cache
def _level_titles() -> dict[str, str]:
    from game.content.levels import level_paths, load_level

    titles = {}
    for path in level_paths():
        try:
            level = load_level(path)
        except (ContentError, OSError):
            continue
        titles[level.id] = level.title
    return titles


def level_title(level_id: str) -> str:
    """A level's translated title, or its id when the level cannot be read."""
    title = _level_titles().get(level_id)
    return _(title) if title else level_id


def open_playthrough(app, playthrough) -> None:
    """Show a loaded game: title below, the turn screen (or the debrief, if it is over) on top."""
    from game.ui.scenes.title import TitleScene

    if playthrough.finished:
        from game.ui.scenes.debrief import DebriefScene

        app.reset_to(TitleScene(app), DebriefScene(app, playthrough))
    else:
        from game.ui.scenes.turn import TurnScene

        app.reset_to(TitleScene(app), TurnScene(app, playthrough))
    if getattr(playthrough, "level_changed", False):
        _say_level_changed(app)


def _say_level_changed(app) -> None:
    """The save's decisions were replayed on a level edited since: its numbers may differ."""
    app.push(MessageDialog(
        app, lambda: _("This level has changed since the game was saved"),
        lambda: _("Your decisions were replayed on the level as it is now, so this year's figures, "
                  "the objectives and the score may differ from what you saw before. Nothing "
                  "you decided was lost."),
        lambda: [(_("OK"), app.pop)]))


def _good_previous(path) -> SaveInfo | None:
    """The previous autosave of the game whose autosave is ``path``, if it reads."""
    previous = saves.previous_of(path)
    if previous is None or not previous.is_file():
        return None
    try:
        data = saves.read_save(previous)
    except SaveError:
        return None
    return SaveInfo(name="autosave.prev", path=previous, level=data.level, turn=data.turn)


def load_and_open(app, path) -> bool:
    """Load the save at ``path`` and show it; on failure explain why. Returns True if shown."""
    try:
        playthrough = saves.load(path)
    except (SaveError, ContentError) as error:
        _explain_failed_load(app, str(error), path)
        return False
    open_playthrough(app, playthrough)
    return True


def _explain_failed_load(app, reason: str, path) -> None:
    previous = _good_previous(path)

    def load_previous() -> None:
        app.pop()
        load_and_open(app, previous.path)

    def actions():
        if previous:
            return [(_("Load the previous autosave"), load_previous), (_("Cancel"), app.pop)]
        return [(_("OK"), app.pop)]

    body = (
        (lambda: _("{reason} The autosave before it is intact ({level}, turn {turn}): you can go on "
                   "from there.").format(reason=reason, level=level_title(previous.level),
                                        turn=previous.turn))
        if previous
        else (lambda: reason)
    )
    app.push(MessageDialog(app, lambda: _("This save cannot be loaded"), body, actions))


def continue_autosave(app) -> None:
    """The title's "Continue": the newest game in progress (if its autosave is damaged, the
    message offers the one before it)."""
    info = saves.latest_autosave()
    if info is not None and info.error:
        _explain_failed_load(app, info.error, info.path)
    elif info is not None:
        load_and_open(app, info.path)
    else:
        app.push(
            MessageDialog(
                app, lambda: _("Nothing to continue"), lambda: _("There is no autosave yet. Start a new game.")
            )
        )


def _row_details(info: SaveInfo) -> str:
    """Level, turn and date of a save; a finished game says so instead of "turn 13 of 12"."""
    when = info.saved_at.astimezone().strftime("%Y-%m-%d %H:%M") if info.saved_at else ""
    level = level_title(info.level)
    if info.finished:
        return _("{level} · finished ({turns} turns) · saved {when}").format(
            level=level, turns=info.turns, when=when)
    if info.turns:
        return _("{level} · turn {turn} of {turns} · saved {when}").format(
            level=level, turn=info.turn, turns=info.turns, when=when)
    return _("{level} · turn {turn} · saved {when}").format(level=level, turn=info.turn, when=when)


def app_font(app, bold: bool = False) -> pygame.font.Font:
    return app.fonts.get(fonts.BODY, bold=bold)


class SavesScene(Scene):
    """Load any save; with a ``playthrough``, also save it under a name."""

    def __init__(self, app, playthrough=None) -> None:
        super().__init__(app)
        self.playthrough = playthrough
        self.infos: list[SaveInfo] = []
        self.scroll = 0
        self.hovered: int | None = None
        self.message = ""
        self.message_is_error = False
        self.name_text = ""
        if playthrough is not None:
            # The suggested name is in the player's language ("初到清河-2029"), not the level id.
            self.name_text = _("{level}-{year}").format(
                level=_(playthrough.level.title), year=playthrough.year)[:MAX_SLOT_NAME]

    def title(self) -> str:
        return _("Save or load") if self.playthrough is not None else _("Load a saved game")

    # --- layout ----------------------------------------------------------------------------
    def _column(self) -> pygame.Rect:
        app = self.app
        width, height = app.size
        column_w = min(width - 2 * app.px(40), app.px(900))
        return pygame.Rect((width - column_w) // 2, app.px(36), column_w, height - app.px(72))

    def _header_bottom(self) -> int:
        app = self.app
        bottom = self._column().top + app.fonts.get(fonts.TITLE, bold=True).get_height() + app.px(16)
        if self.playthrough is not None:
            bottom += app.px(64)
        return bottom

    def _list_area(self) -> pygame.Rect:
        column = self._column()
        top = self._header_bottom() + self.app.px(12)
        return pygame.Rect(column.left, top, column.width, column.bottom - top - self.app.px(64))

    def _row_height(self) -> int:
        return self.app.px(76)

    def _row_rect(self, index: int) -> pygame.Rect:
        area = self._list_area()
        step = self._row_height() + self.app.px(10)
        return pygame.Rect(area.left, area.top + index * step - self.scroll, area.width, self._row_height())

    def enter(self) -> None:
        super().enter()
        app = self.app
        try:
            self.infos = saves.list_saves()
        except OSError as error:  # the saves folder cannot be made or read
            self.infos = []
            self.message = _("The saves folder cannot be read: {reason}").format(
                reason=os_reason(error)
            )
            self.message_is_error = True
        column = self._column()
        area = self._list_area()
        step = self._row_height() + app.px(10)
        self.max_scroll = max(0, len(self.infos) * step - app.px(10) - area.height)
        self.scroll = min(self.scroll, self.max_scroll)
        self.name_entry = None
        self.save_button = None
        if self.playthrough is not None:
            y = self._header_bottom() - app.px(56)
            button_w = app.px(180)
            self.name_entry = self.track(
                UITextEntryLine(
                    pygame.Rect(column.left, y, column.width - button_w - app.px(12), app.px(44)),
                    manager=app.manager,
                    placeholder_text=_("Name of the save"),
                )
            )
            # any letters (Chinese, accents); the session refuses control characters and
            # reserved names with a reason when the player saves
            self.name_entry.set_text_length_limit(MAX_SLOT_NAME)
            self.name_entry.set_text(self.name_text)
            self.save_button = self.track(
                make_button(
                    app,
                    pygame.Rect(column.right - button_w, y, button_w, app.px(44)),
                    _("Save"),
                    primary=True,
                )
            )
            self.keyboard.add(self.name_entry)
            self.keyboard.add(self.save_button)
        self.row_targets = [
            CallbackTarget(lambda i=i: self._row_rect(i), on_activate=lambda i=i: self._load(i))
            for i in range(len(self.infos))
        ]
        for target in self.row_targets:
            self.keyboard.add(target)
        self.back = self.track(
            make_button(app, pygame.Rect(column.left, column.bottom - app.px(46), app.px(160), app.px(46)), _("Back"))
        )
        self.keyboard.add(self.back)

    # --- input -----------------------------------------------------------------------------
    def handle_event(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.MOUSEMOTION:
            hovered = self._row_at(event.pos)
            if hovered != self.hovered:
                self.hovered = hovered
                self.app.request_redraw()
        elif event.type == pygame.MOUSEBUTTONUP and event.button == pygame.BUTTON_LEFT:
            index = self._row_at(event.pos)
            if index is not None:
                delete = self._delete_rect(index)
                branch = self._branch_rect(index)
                if delete is not None and delete.collidepoint(event.pos):
                    self._confirm_delete(index)
                elif branch is not None and branch.collidepoint(event.pos):
                    self._branch(index)
                else:
                    self._load(index)
                return True
        elif event.type == pygame.MOUSEWHEEL:
            self._scroll_by(-event.y * self.app.px(60))
            return True
        elif event.type == pygame.KEYDOWN and event.key == pygame.K_b and self._focused_row() is not None:
            if self._branch_rect(self._focused_row()) is not None:
                self._branch(self._focused_row())
                return True
        elif event.type == pygame.KEYDOWN and event.key == pygame.K_DELETE:
            index = self._focused_row()
            if index is not None and self._deletable(index):
                self._confirm_delete(index)
                return True
        elif event.type == pygame.KEYDOWN and event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            if self.name_entry is not None and self.name_entry.is_focused:
                self._save()
                return True
        consumed = super().handle_event(event)
        if consumed and event.type == pygame.KEYDOWN:
            self._scroll_to_focus()
        return consumed

    def _row_at(self, pos: tuple[int, int]) -> int | None:
        if not self._list_area().collidepoint(pos):
            return None
        for i in range(len(self.infos)):
            if self._row_rect(i).collidepoint(pos):
                return i
        return None

    def _scroll_by(self, delta: int) -> None:
        self.scroll = max(0, min(self.max_scroll, self.scroll + delta))
        self.app.request_redraw()

    def _scroll_to_focus(self) -> None:
        target = self.keyboard.current
        if not isinstance(target, CallbackTarget):
            return
        area = self._list_area()
        rect = target.rect
        if rect.top < area.top:
            self._scroll_by(rect.top - area.top)
        elif rect.bottom > area.bottom:
            self._scroll_by(rect.bottom - area.bottom)

    def on_button(self, element: object) -> bool:
        if element is self.back:
            self.app.pop()
        elif element is self.save_button:
            self._save()
        else:
            return False
        return True

    def _save(self) -> None:
        name = self.name_entry.get_text().strip() if self.name_entry is not None else ""
        self.name_text = name
        if not name:
            self._say(_("Give the save a name first."), error=True)
            return
        try:
            saves.save_slot(self.playthrough, name)
        except SaveError as error:
            self._say(str(error), error=True)
            return
        except OSError as error:
            self._say(_("The game could not be saved: {reason}").format(reason=os_reason(error)), error=True)
            return
        self._say(_("Saved as “{name}”.").format(name=name), error=False)
        self.app.rebuild()

    def _say(self, message: str, *, error: bool) -> None:
        self.message, self.message_is_error = message, error
        self.app.request_redraw()

    def _focused_row(self) -> int | None:
        current = self.keyboard.current
        return self.row_targets.index(current) if current in self.row_targets else None

    def _deletable(self, index: int) -> bool:
        """Named saves and whole games (an autosave with its previous one) can be deleted."""
        return True

    @staticmethod
    def _delete_warning(info: SaveInfo) -> str:
        if info.kind == "slot" or info.error:
            return _("The save “{name}” will be gone for good.").format(name=SavesScene._row_name(info))
        return _("This game ({level}, turn {turn}) and its autosaves will be gone for good.").format(
            level=level_title(info.level), turn=info.turn)

    @staticmethod
    def _row_name(info: SaveInfo) -> str:
        if info.kind == "autosave":
            return _("Autosave")
        if info.kind == "previous":
            return _("Previous autosave")
        return info.name

    def _delete_label(self) -> pygame.Surface:
        return render(app_font(self.app), _("Delete"), self.app.palette.text_muted)

    def _delete_rect(self, index: int) -> pygame.Rect | None:
        """The "Delete" zone of a row, left of its main action."""
        if not self._deletable(index):
            return None
        app = self.app
        rect = self._row_rect(index)
        inner = rect.inflate(-2 * app.px(18), -app.px(16))
        action = self._action_label(self.infos[index])
        label = self._delete_label()
        zone = label.get_rect()
        zone.midright = (inner.right - action.get_width() - app.px(28), rect.centery)
        return zone.inflate(app.px(16), app.px(12))

    def _branch_label(self) -> pygame.Surface:
        return render(app_font(self.app), _("Branch and compare"), self.app.palette.text_muted)

    def _branch_rect(self, index: int) -> pygame.Rect | None:
        """The "Branch and compare" zone (key B), left of "Delete", for a game with turns played."""
        info = self.infos[index]
        if info.error or info.turn <= 1:
            return None
        app = self.app
        rect = self._row_rect(index)
        delete = self._delete_rect(index)
        inner = rect.inflate(-2 * app.px(18), -app.px(16))
        right = (delete.left - app.px(10) if delete is not None
                 else inner.right - self._action_label(info).get_width() - app.px(28))
        zone = self._branch_label().get_rect()
        zone.midright = (right - app.px(8), rect.centery)
        return zone.inflate(app.px(16), app.px(12))

    def _branch(self, index: int) -> None:
        """Open the save and choose the turn to branch from (game.ui.scenes.compare)."""
        from game.ui.scenes.compare import BranchDialog

        info = self.infos[index]
        try:
            playthrough = saves.load(info.path)
        except (SaveError, ContentError) as error:
            _explain_failed_load(self.app, str(error), info.path)
            return
        if playthrough.log:
            self.app.push(BranchDialog(self.app, playthrough))

    def _action_label(self, info: SaveInfo) -> pygame.Surface:
        text = _("Details") if info.error else _("Load ▶")
        return render(app_font(self.app, bold=True), text, self.app.palette.accent)

    def _confirm_delete(self, index: int) -> None:
        info = self.infos[index]
        app = self.app

        def delete() -> None:
            app.pop()
            try:
                saves.delete_save(info)
            except OSError as error:
                self._say(
                    _("The save could not be deleted: {reason}").format(reason=os_reason(error)),
                    error=True,
                )
                return
            self._say(_("Deleted “{name}”.").format(name=self._row_name(info)), error=False)
            app.rebuild()

        app.push(
            MessageDialog(
                app,
                lambda: _("Delete this save?"),
                lambda: self._delete_warning(info),
                lambda: [(_("Keep it"), app.pop), (_("Delete"), delete)],
            )
        )

    def _load(self, index: int) -> None:
        info = self.infos[index]
        if info.error:
            _explain_failed_load(self.app, info.error, info.path)
            return
        load_and_open(self.app, info.path)

    # --- drawing ---------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        app = self.app
        palette = app.palette
        column = self._column()
        surface.blit(render(app.fonts.get(fonts.TITLE, bold=True), self.title(), palette.text), column.topleft)
        area = self._list_area()
        if not self.infos:
            draw_paragraph(
                surface,
                _("No saved games yet. The game saves itself after every turn."),
                app.fonts.body,
                palette.text_muted,
                area,
            )
        clip = surface.get_clip()
        surface.set_clip(area.inflate(app.px(8), app.px(8)))
        for i, info in enumerate(self.infos):
            rect = self._row_rect(i)
            if rect.bottom < area.top or rect.top > area.bottom:
                continue
            self._draw_row(surface, rect, info, hovered=(i == self.hovered))
        surface.set_clip(clip)
        if self.message:
            colour = palette.bad if self.message_is_error else palette.good
            image_rect = pygame.Rect(
                column.left + app.px(180), column.bottom - app.px(46), column.width - app.px(180), app.px(46)
            )
            draw_paragraph(surface, self.message, app.fonts.small, colour, image_rect)

    def _draw_row(self, surface: pygame.Surface, rect: pygame.Rect, info: SaveInfo, hovered: bool) -> None:
        app = self.app
        palette = app.palette
        damaged = bool(info.error)
        draw_card_frame(surface, app, rect, hovered=hovered, accent=palette.bad if damaged else palette.accent)
        pad = app.px(18)
        inner = rect.inflate(-2 * pad, -app.px(16))
        name_font = app.fonts.get(fonts.LARGE, bold=True)
        small = app.fonts.small
        name = self._row_name(info)
        action = self._action_label(info)
        index = self.infos.index(info)
        delete = self._delete_rect(index)
        branch = self._branch_rect(index)
        text_right = (branch.left if branch is not None else delete.left if delete is not None
                      else inner.right - action.get_width())
        text_w = text_right - inner.left - app.px(16)
        surface.blit(render(name_font, fit_text(name, name_font, text_w), palette.text), inner.topleft)
        y = inner.top + name_font.get_height()
        if damaged:
            line = info.error  # the session's message already says what is wrong, in words
            surface.blit(render(small, fit_text(line, small, text_w), palette.bad), (inner.left, y))
        else:
            line = _row_details(info)
            surface.blit(render(small, fit_text(line, small, text_w), palette.text_muted), (inner.left, y))
        surface.blit(action, (inner.right - action.get_width(), rect.centery - action.get_height() // 2))
        if branch is not None:
            label = self._branch_label()
            pygame.draw.rect(surface, palette.border, branch, width=1, border_radius=app.px(6))
            surface.blit(label, label.get_rect(center=branch.center))
        if delete is not None:
            label = self._delete_label()
            pygame.draw.rect(surface, palette.border, delete, width=1, border_radius=app.px(6))
            surface.blit(label, label.get_rect(center=delete.center))
