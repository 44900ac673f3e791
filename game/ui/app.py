"""The window, the scene stack and the frame loop.

One pygame-ce window, one pygame_gui manager, a stack of scenes. The loop caps frames with
``clock.tick(60)`` and redraws only when something changed: when no input arrived for a moment
and no scene animates, a frame costs an event poll and nothing else. Turns are fixed steps
taken by the session when the player ends a turn; frame time never changes a number.

No exception reaches the player: an error in a scene is written with its traceback to
``errors.log`` in the user data dir and shown as a readable message.
"""

from __future__ import annotations

import logging
import math
import os
import sys
import traceback
from collections.abc import Callable
from pathlib import Path

# Players see the game's window, not pygame's greeting on the console.
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pygame  # noqa: E402
import pygame_gui  # noqa: E402

from game.files import FileProblem, write_atomically
from game.i18n import _, get_language, normalise, set_language, system_language
from game.ui.fonts import Fonts
from game.ui.palette import Palette, palette_for
from game.ui.scene import Scene
from game.ui.settings import Settings, data_dir
from game.ui.theme import build_theme, gui_locale

__all__ = ["App", "run_app", "DEFAULT_SIZE", "MIN_SIZE", "FPS"]

log = logging.getLogger(__name__)

DEFAULT_SIZE = (1280, 720)
MIN_SIZE = (960, 600)
FPS = 60
#: Seconds the app keeps redrawing after the last input (hover fades, tooltips).
ACTIVE_AFTER_INPUT = 1.2
ERROR_LOG = "errors.log"
MAX_ERROR_LOG_BYTES = 1_000_000


class App:
    """Everything a scene needs: ``manager``, ``settings``, ``palette``, ``fonts``, the stack."""

    def __init__(
        self,
        windowed: bool = False,
        lang: str | None = None,
        size: tuple[int, int] = DEFAULT_SIZE,
        settings: Settings | None = None,
    ) -> None:
        # Only what the game uses: no sound, so no audio device is opened (or complained about).
        pygame.display.init()
        pygame.font.init()
        self.settings = settings if settings is not None else Settings.load()
        if lang:
            language = normalise(lang)  # the command line wins, for this session only
        elif self.settings.saved_before:
            language = self.settings.language
        else:
            language = system_language()
        self.settings.language = set_language(language)
        self.force_windowed = windowed
        self.windowed_size = size
        self.window = self._open_window()
        self.palette: Palette = palette_for(self.settings.colour_blind)
        self.fonts = Fonts(self.settings.ui_scale)
        self.manager = self._make_manager()
        self.stack: list[Scene] = []
        self.clock = pygame.time.Clock()
        self.running = False
        self.exit_code = 0
        #: Frames actually drawn (for the idle-CPU measurement).
        self.frames_drawn = 0
        #: When False, frames are not capped (the frame-rate measurement).
        self.frame_cap = True
        self._dirty = True
        self._active_for = ACTIVE_AFTER_INPUT
        self._last_caption = ""
        self._broken: set[int] = set()
        self._handling_error = False

    # --- window and look -------------------------------------------------------------------
    @property
    def size(self) -> tuple[int, int]:
        return self.window.get_size()

    @property
    def fullscreen(self) -> bool:
        """Whether the window covers the screen now (``--windowed`` overrides the setting)."""
        return self.settings.fullscreen and not self.force_windowed

    def _open_window(self) -> pygame.Surface:
        pygame.display.set_icon(window_icon(palette_for(self.settings.colour_blind)))
        if self.fullscreen:
            window = pygame.display.set_mode((0, 0), pygame.FULLSCREEN)
        else:
            window = pygame.display.set_mode(self.windowed_size, pygame.RESIZABLE)
        pygame.display.set_caption(_("Virtuous Circle"))
        return window

    def _make_manager(self) -> pygame_gui.UIManager:
        theme = build_theme(self.palette, self.settings.ui_scale)
        manager = pygame_gui.UIManager(
            self.size,
            theme_path=theme,
            enable_live_theme_updates=False,
            starting_language=gui_locale(get_language()),
        )
        return manager

    def px(self, length: float) -> int:
        """A layout length given at 100% UI scale, in pixels now."""
        return self.fonts.px(length)

    def apply_settings(self, *, display: bool = False, look: bool = False) -> None:
        """Put changed settings into effect and save them; rebuild the screen."""
        set_language(self.settings.language)
        self.settings.language = get_language()
        self.settings.save()
        if display:
            self.force_windowed = False  # the player chose: --windowed no longer applies
            self.window = self._open_window()
        if look or display:
            self.palette = palette_for(self.settings.colour_blind)
            self.fonts.set_scale(self.settings.ui_scale)
        self.rebuild(new_manager=look or display)

    def rebuild(self, new_manager: bool = False) -> None:
        """Rebuild the widgets of every scene on screen (after a language, scale or size change)."""
        visible = self._visible_scenes()
        for scene in reversed(visible):
            self._guard(scene, scene.exit)
        if new_manager:
            self.manager = self._make_manager()
        else:
            self.manager.set_window_resolution(self.size)
            self.manager.set_locale(gui_locale(get_language()))
        for scene in visible:
            if id(scene) not in self._broken:  # a scene that failed stays down until closed
                self._guard(scene, scene.enter)
        self.request_redraw()

    def request_redraw(self) -> None:
        self._dirty = True

    # --- the scene stack -------------------------------------------------------------------
    @property
    def top(self) -> Scene | None:
        return self.stack[-1] if self.stack else None

    def _visible_scenes(self) -> list[Scene]:
        """The top scene and, below an overlay, every scene down to the first full one."""
        visible: list[Scene] = []
        for scene in reversed(self.stack):
            visible.append(scene)
            if not scene.overlay:
                break
        return list(reversed(visible))

    def push(self, scene: Scene) -> None:
        if not scene.overlay:
            for below in reversed(self._visible_scenes()):
                self._guard(below, below.exit)
        self.stack.append(scene)
        self._guard(scene, scene.enter)
        self.request_redraw()

    def pop(self) -> Scene | None:
        if not self.stack:
            return None
        scene = self.stack.pop()
        self._broken.discard(id(scene))
        self._guard(scene, scene.exit)
        if not scene.overlay:
            for below in self._visible_scenes():
                if not below.entered:
                    self._guard(below, below.enter)
        if not self.stack:
            self.running = False
        self.request_redraw()
        return scene

    def replace(self, scene: Scene) -> None:
        """Swap the top scene for ``scene`` without re-entering the one below."""
        if self.stack:
            old = self.stack.pop()
            self._broken.discard(id(old))
            self._guard(old, old.exit)
            if old.overlay and not scene.overlay:
                for below in reversed(self._visible_scenes()):
                    self._guard(below, below.exit)
        self.push(scene)

    def reset_to(self, *scenes: Scene) -> None:
        """Replace the whole stack with ``scenes`` (bottom first); only the visible ones enter."""
        while self.stack:
            old = self.stack.pop()
            if old.entered:
                self._guard(old, old.exit)
        self._broken.clear()
        self.stack.extend(scenes)
        for scene in self._visible_scenes():
            self._guard(scene, scene.enter)
        self.request_redraw()

    def quit(self, code: int = 0) -> None:
        self.exit_code = code
        self.running = False

    # --- the loop --------------------------------------------------------------------------
    def run(self) -> int:
        self.running = True
        while self.running:
            dt = self.clock.tick(FPS if self.frame_cap else 0) / 1000.0
            self.step(dt)
        return self.exit_code

    def step(self, dt: float = 1.0 / FPS) -> bool:
        """One frame: events, update, and a redraw if anything changed. Returns whether it drew."""
        events = pygame.event.get()
        # Dragging a window edge sends a stream of resizes: only the last one is laid out.
        resizes = [e for e in events if e.type == pygame.VIDEORESIZE]
        for event in events:
            if event.type == pygame.VIDEORESIZE and event is not resizes[-1]:
                continue
            try:
                self._dispatch(event)
            except Exception as error:  # a shortcut or a resize that failed: say so, go on
                self._report_error(None, error)
        if events:
            self._active_for = ACTIVE_AFTER_INPUT
        else:
            self._active_for = max(0.0, self._active_for - dt)
        visible = self._visible_scenes()
        animating = any(self._guard(s, s.wants_frames) for s in visible)
        if not (self._dirty or self._active_for > 0 or animating or self._typing()):
            return False
        try:
            self.manager.update(dt)
        except Exception as error:  # a widget's bug must not end the game
            self._report_error(self.top, error)
        for scene in visible:
            if id(scene) not in self._broken:
                self._guard(scene, scene.update, dt)
        try:
            self._draw(self._visible_scenes())
        except Exception as error:
            self._dirty = True
            self._report_error(self.top, error)
        return True

    def _typing(self) -> bool:
        focused = self.manager.get_focus_set() or ()
        return any(isinstance(e, pygame_gui.elements.UITextEntryLine) for e in focused)

    def _dispatch(self, event: pygame.event.Event) -> None:
        if event.type == pygame.QUIT:
            self.quit(0)
            return
        if event.type == pygame.VIDEORESIZE and not self.fullscreen:
            width = max(MIN_SIZE[0], event.w)
            height = max(MIN_SIZE[1], event.h)
            self.windowed_size = (width, height)
            # SDL has usually resized the surface already; below the minimum (or when the
            # event did not come from the window itself) the mode is set explicitly.
            if self.window.get_size() != self.windowed_size:
                self.window = pygame.display.set_mode(self.windowed_size, pygame.RESIZABLE)
            self.rebuild()
            return
        if self._shortcut(event):
            return
        top = self.top
        consumed = False
        if top is not None and id(top) not in self._broken:
            consumed = bool(self._guard(top, top.handle_event, event))
        if not consumed:
            try:
                self.manager.process_events(event)
            except Exception as error:  # a widget's bug must not end the game
                self._report_error(top, error)

    def _shortcut(self, event: pygame.event.Event) -> bool:
        """Keys that work on every screen: F1 lists the keys, F11 toggles full screen,
        Ctrl+S opens saving while a game is shown."""
        if event.type == pygame.KEYDOWN and event.key == pygame.K_F1:
            self.show_keys()
            return True
        if event.type == pygame.KEYDOWN and event.key == pygame.K_F11:
            self.settings.fullscreen = not self.fullscreen
            self.apply_settings(display=True)
            return True
        if event.type != pygame.KEYDOWN or event.key != pygame.K_s or not event.mod & pygame.KMOD_CTRL:
            return False
        from game.session.playthrough import Playthrough
        from game.ui.scenes.saves import SavesScene

        top = self.top
        if top is None or top.overlay or isinstance(top, SavesScene):
            return False
        play = getattr(top, "play", None)
        if not isinstance(play, Playthrough):
            return False
        self.push(SavesScene(self, play))
        return True

    def show_keys(self) -> None:
        """A dialog listing the keyboard controls (F1 on any screen)."""
        from game.ui.widgets.dialog import KeysDialog

        if isinstance(self.top, KeysDialog):
            return
        self.push(KeysDialog(self))

    def _draw(self, visible: list[Scene]) -> None:
        self.window.fill(self.palette.background)
        for scene in visible:
            if id(scene) not in self._broken:
                self._guard(scene, scene.draw, self.window)
        self.manager.draw_ui(self.window)
        top = self.top
        if top is not None:
            top.keyboard.draw(self.window, self.palette.focus, width=max(2, self.px(3)))
        pygame.display.flip()
        self.frames_drawn += 1
        self._dirty = False
        self._update_caption()

    def _update_caption(self) -> None:
        name = _("Virtuous Circle")
        scene_title = self.top.title() if self.top is not None else ""
        caption = (
            _("{screen} — {game}").format(screen=scene_title, game=name) if scene_title else name
        )
        if caption != self._last_caption:
            pygame.display.set_caption(caption)
            self._last_caption = caption

    # --- errors ----------------------------------------------------------------------------
    def _guard(self, scene: Scene | None, call: Callable, *args: object) -> object:
        try:
            return call(*args)
        except Exception as error:
            self._report_error(scene, error)
            return None

    def _report_error(self, scene: Scene | None, error: Exception) -> None:
        path = log_error(error)
        from game.ui.widgets.dialog import ErrorDialog

        if self._handling_error or isinstance(scene, ErrorDialog):
            # The message itself failed: start again from the title rather than loop.
            self._recover_to_title()
            return
        self._handling_error = True
        try:
            if scene is not None:
                self._broken.add(id(scene))
            self.push(ErrorDialog(self, error, path, on_close=self._close_error))
        finally:
            self._handling_error = False

    def _close_error(self) -> None:
        """After the message: drop scenes that failed, so the player is back somewhere sound."""
        self.pop()
        while self.stack and id(self.top) in self._broken:
            self.pop()
        self._broken.clear()
        if not self.stack:
            self._recover_to_title()
        self.running = True

    def _recover_to_title(self) -> None:
        from game.ui.scenes.title import TitleScene

        self.stack = []
        self._broken.clear()
        try:
            self.manager = self._make_manager()
            title = TitleScene(self)
            self.stack.append(title)
            title.enter()
        except Exception as error:  # nothing left to show: end cleanly with a message
            log_error(error)
            self.quit(1)


def window_icon(palette: Palette, size: int = 64) -> pygame.Surface:
    """The game's icon: the three parts of the cycle as three linked dots on a ring."""
    icon = pygame.Surface((size, size), pygame.SRCALPHA)
    centre, radius = size / 2, size * 0.32
    pygame.draw.circle(icon, (*palette.background, 255), (size // 2, size // 2), size // 2)
    points = [
        (centre + radius * math.cos(-math.pi / 2 + i * 2 * math.pi / 3),
         centre + radius * math.sin(-math.pi / 2 + i * 2 * math.pi / 3))
        for i in range(3)
    ]
    pygame.draw.circle(icon, palette.border, (size // 2, size // 2), round(radius), width=max(2, size // 16))
    for role, point in zip(("technology", "industry", "finance"), points, strict=True):
        pygame.draw.circle(icon, palette[role], (round(point[0]), round(point[1])), size // 8)
    return icon


def log_error(error: BaseException) -> Path | None:
    """Append the error and its traceback to the error log; returns the log's path."""
    path = data_dir() / ERROR_LOG
    text = "".join(traceback.format_exception(error))
    log.error("%s", text)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.is_file() and path.stat().st_size > MAX_ERROR_LOG_BYTES:
            # Keep the newer half: the log must not grow without end on a school machine.
            with open(path, "rb") as handle:
                handle.seek(-(MAX_ERROR_LOG_BYTES // 2), os.SEEK_END)
                write_atomically(path, handle.read())
        with open(path, "a", encoding="utf-8") as handle:
            handle.write(text + "\n")
    except (OSError, FileProblem):
        return None
    return path


def run_app(windowed: bool = False, lang: str | None = None, pack=None, level=None, seed: int = 0) -> int:
    """Open the game window on the title screen (on the briefing of a session pack's level
    when one is given, or of `level` with `seed`); returns the process exit code."""
    if _no_screen():
        print(
            _("No screen was found to open the game window on. Start the game from a desktop "
              "session; without a screen, the commands run, sweep and class-report still work "
              "(see virtuous-circle --help)."),
            file=sys.stderr,
        )
        return 1
    try:
        app = App(windowed=windowed, lang=lang)
    except pygame.error as error:  # no display, or no video driver SDL can use
        print(
            _("The game window could not be opened: {reason}").format(reason=error),
            file=sys.stderr,
        )
        pygame.quit()
        return 1
    open_start(app, pack, level, seed)
    try:
        return app.run()
    finally:
        pygame.quit()


def open_start(app: App, pack=None, level=None, seed: int = 0) -> None:
    """The screens the game opens on: the title screen, with the briefing of a session pack's
    level over it, or of `level` with `seed` (`virtuous-circle --level ID --seed N`)."""
    from game.ui.scenes.briefing import BriefingScene, open_pack
    from game.ui.scenes.title import TitleScene

    app.push(TitleScene(app))
    if pack is not None:
        open_pack(app, pack)
    elif level is not None:
        app.push(BriefingScene(app, level, seed))


def _no_screen() -> bool:
    """True when SDL would fall back to an invisible driver although none was asked for.

    With no display SDL quietly picks its "offscreen" driver: the game would run with
    no window and the player would see nothing at all.
    """
    import os

    if os.environ.get("SDL_VIDEODRIVER"):
        return False  # asked for by name (tests and benchmarks ask for "dummy")
    try:
        pygame.display.init()
        driver = pygame.display.get_driver()
    except pygame.error:
        return False  # App() reports it with SDL's own reason
    if driver in ("offscreen", "dummy"):
        pygame.display.quit()
        return True
    return False
