"""The title screen: the game's name in both scripts, the loop motif, and the main menu."""

from __future__ import annotations

import math
from typing import NamedTuple

import pygame
from pygame_gui.elements import UIButton

from game import __version__
from game.i18n import N_, _
from game.ui import fonts
from game.ui.palette import draw_marker
from game.ui.scene import Scene
from game.ui.widgets.text import draw_paragraph, paragraph_height, render

__all__ = ["TitleScene", "draw_loop_motif"]

#: The three parts of the cycle, in the order the loop runs, with their palette roles.
LOOP_NODES = (
    ("technology", N_("Technology")),
    ("industry", N_("Industry")),
    ("finance", N_("Finance")),
)
TAGLINE = N_("Govern a region's technology, industry and finance as one cycle, a year at a time.")
#: Widest a flow label may be before it wraps, at 100% scale.
FLOW_LABEL_WIDTH = 150
LOOP_FLOWS = (
    N_("achievements become products"),
    N_("profits fund finance"),
    N_("capital funds research"),
)


MENU = (
    ("new", N_("New game")),
    ("continue", N_("Continue")),
    ("load", N_("Load a saved game")),
    ("session", N_("Open a session pack")),
    ("settings", N_("Settings")),
    ("quit", N_("Quit")),
)


class TitleLayout(NamedTuple):
    top: int
    left: int
    tagline: pygame.Rect | None
    menu: pygame.Rect
    button_h: int
    gap: int
    motif: pygame.Rect | None
    footer: bool


class TitleScene(Scene):
    def title(self) -> str:
        return _("Main menu")

    def _layout(self) -> TitleLayout:
        """Menu under the name with the motif beside it (without the tagline if that is what
        it takes); when even that does not fit (a large interface size on a small window),
        the name on the left and the menu on the right."""
        app = self.app
        width, height = app.size
        big = app.fonts.get(fonts.DISPLAY, bold=True)
        english = app.fonts.get(fonts.TITLE)
        left = max(app.px(48), width // 12)
        footer = app.fonts.small.get_height() + app.px(40)
        button_w, button_h, gap = app.px(300), app.px(48), app.px(12)
        menu_h = len(MENU) * (button_h + gap) - gap
        tagline_w = app.px(380)
        for with_tagline, top in ((True, max(app.px(36), height // 10)), (False, app.px(28))):
            tagline_top = top + big.get_height() + english.get_height() + app.px(10)
            tagline_h = paragraph_height(_(TAGLINE), app.fonts.body, tagline_w) if with_tagline else 0
            menu_top = tagline_top + tagline_h + app.px(32 if with_tagline else 22)
            if menu_top + menu_h > height - footer:
                continue
            # Centre the name and menu vertically beside the motif when there is room to spare.
            block = menu_top + menu_h - top
            shift = max(0, (height - footer - block) // 2 - top)
            top, tagline_top, menu_top = top + shift, tagline_top + shift, menu_top + shift
            tagline = pygame.Rect(left, tagline_top, tagline_w, tagline_h) if with_tagline else None
            menu = pygame.Rect(left, menu_top, button_w, menu_h)
            motif_left = left + app.px(360)
            motif = pygame.Rect(motif_left, 0, width - motif_left, height)
            return TitleLayout(top, left, tagline, menu, button_h, gap, motif, True)
        # Compact: buttons a little smaller, beside the name, no motif.
        button_h, gap = app.px(42), app.px(8)
        menu_h = len(MENU) * (button_h + gap) - gap
        button_w = min(button_w, width // 2 - app.px(32))
        menu = pygame.Rect(width - app.px(32) - button_w, max(app.px(16), (height - menu_h) // 2), button_w, menu_h)
        left = app.px(32)
        tagline_w = min(menu.left - left - app.px(32), app.px(420))
        tagline_h = paragraph_height(_(TAGLINE), app.fonts.body, tagline_w)
        block = big.get_height() + english.get_height() + app.px(10) + tagline_h
        show_tagline = block <= height - app.px(32)
        if not show_tagline:
            block -= tagline_h + app.px(10)
        top = max(app.px(16), (height - block) // 2)
        tagline_top = top + big.get_height() + english.get_height() + app.px(10)
        tagline = pygame.Rect(left, tagline_top, tagline_w, tagline_h) if show_tagline else None
        return TitleLayout(top, left, tagline, menu, button_h, gap, None, False)

    def enter(self) -> None:
        super().enter()
        from game.session import saves

        app = self.app
        layout = self._layout()
        try:
            latest = saves.latest_autosave()
        except OSError:  # the saves folder cannot be made or read
            latest = None
        self.buttons: dict[object, str] = {}
        y = layout.menu.top
        for key, label in MENU:
            button = self.track(
                UIButton(
                    pygame.Rect(layout.menu.left, y, layout.menu.width, layout.button_h),
                    _(label),
                    manager=app.manager,
                    object_id="#primary" if key == "new" else None,
                )
            )
            if key == "continue":
                if latest is not None:
                    button.set_tooltip(self._continue_note(latest))
                else:
                    button.disable()
            self.buttons[button] = key
            self.keyboard.add(button)
            y += layout.button_h + layout.gap

    @staticmethod
    def _continue_note(latest) -> str | None:
        """What "Continue" opens, for its tooltip; None when the autosave cannot be read."""
        from game.ui.scenes.saves import level_title

        if latest.error:
            return None
        return _("{level}, turn {turn}").format(level=level_title(latest.level), turn=latest.turn)

    def on_button(self, element: object) -> bool:
        key = self.buttons.get(element)
        if key is None:
            return False
        if key == "new":
            from game.ui.scenes.level_select import LevelSelectScene

            self.app.push(LevelSelectScene(self.app))
        elif key == "continue":
            from game.ui.scenes.saves import continue_autosave

            continue_autosave(self.app)
        elif key == "load":
            from game.ui.scenes.saves import SavesScene

            self.app.push(SavesScene(self.app, playthrough=None))
        elif key == "session":
            self._choose_pack()
        elif key == "settings":
            from game.ui.scenes.settings_scene import SettingsScene

            self.app.push(SettingsScene(self.app))
        elif key == "quit":
            self.app.quit(0)
        return True

    def _choose_pack(self) -> None:
        """A file dialog for the session pack (.vcs) a teacher handed out."""
        from pathlib import Path

        from pygame_gui.windows import UIFileDialog

        width, height = self.app.size
        rect = pygame.Rect(0, 0, min(width - self.app.px(40), self.app.px(640)),
                           min(height - self.app.px(40), self.app.px(480)))
        rect.center = (width // 2, height // 2)
        self.track(UIFileDialog(rect, self.app.manager, window_title=_("Open a session pack"),
                                initial_file_path=str(Path.home()),
                                allow_existing_files_only=True))

    def handle_event(self, event: pygame.event.Event) -> bool:
        import pygame_gui

        if event.type == pygame_gui.UI_FILE_DIALOG_PATH_PICKED:
            self.open_pack_file(event.text)
            return True
        return super().handle_event(event)

    def open_pack_file(self, path: str) -> None:
        """Read a session pack and show its level's briefing, or say why it cannot be used."""
        from pathlib import Path

        from game.session.packs import PackError, read_pack
        from game.ui.scenes.briefing import open_pack
        from game.ui.widgets.dialog import MessageDialog

        try:
            pack = read_pack(Path(path))
        except PackError as error:
            message = str(error)
            self.app.push(MessageDialog(self.app, lambda: _("Session pack"), lambda: message))
            return
        open_pack(self.app, pack)

    def on_back(self) -> bool:
        return True  # Esc on the title does nothing: quitting is a deliberate choice

    def draw(self, surface: pygame.Surface) -> None:
        app = self.app
        palette = app.palette
        width, height = surface.get_size()
        _draw_backdrop(surface, palette)
        layout = self._layout()
        left, top = layout.left, layout.top
        # The Chinese name always in Chinese, the English name always in English: the title
        # shows both scripts whatever the language.
        big = app.fonts.get(fonts.DISPLAY, bold=True)
        name_zh = render(big, "良性循环", palette.text)
        surface.blit(name_zh, (left, top))
        name_en = render(app.fonts.get(fonts.TITLE), "Virtuous Circle", palette.accent)
        surface.blit(name_en, (left, top + big.get_height()))
        if layout.tagline is not None:
            draw_paragraph(surface, _(TAGLINE), app.fonts.body, palette.text_muted, layout.tagline)
        if layout.motif is not None:
            motif_space = layout.motif
            # Leave room on both sides for the flow labels that sit outside the circle; when
            # there is not enough, the loop is drawn without them.
            label_room = app.px(FLOW_LABEL_WIDTH + 30)
            radius = int(min((motif_space.width - 2 * label_room) / 2, height * 0.32))
            with_labels = radius > app.px(130)
            if not with_labels:
                radius = int(min(motif_space.width / 2 - app.px(40), height * 0.3))
            if radius > app.px(100):
                draw_loop_motif(surface, app, motif_space.center, radius, with_labels)
        version = render(app.fonts.small, _("version {version}").format(version=__version__), palette.text_muted)
        surface.blit(version, (width - version.get_width() - app.px(20), height - version.get_height() - app.px(20)))
        if not layout.footer:
            return
        footer = _(
            "F1 lists the keys · Tab moves · Enter chooses · Esc goes back · F11 full screen"
        )
        image = render(app.fonts.small, footer, palette.text_muted)
        surface.blit(image, (left, height - image.get_height() - app.px(20)))


def _draw_backdrop(surface: pygame.Surface, palette) -> None:
    """A quiet vertical gradient from the deep background to the normal one."""
    width, height = surface.get_size()
    top, bottom = palette.background_deep, palette.background
    bands = 24
    for i in range(bands):
        t = i / (bands - 1)
        colour = tuple(round(a + (b - a) * t) for a, b in zip(top, bottom, strict=True))
        y0 = height * i // bands
        y1 = height * (i + 1) // bands
        surface.fill(colour, pygame.Rect(0, y0, width, y1 - y0 + 1))


def _draw_flow_label(surface: pygame.Surface, app, text: str, center: tuple[int, int],
                     distance: float, angle: float) -> None:
    """A flow's words outside the orbit, at the middle of its arc (`angle`), aligned away
    from the circle."""
    flow_font = app.fonts.small
    label_width = min(app.px(FLOW_LABEL_WIDTH), flow_font.size(text)[0])
    align = "center"
    tx = center[0] + distance * math.cos(angle)
    ty = center[1] + distance * math.sin(angle)
    rect = pygame.Rect(0, 0, label_width, paragraph_height(text, flow_font, label_width))
    rect.center = (round(tx), round(ty))
    if math.cos(angle) > 0.3:
        rect.left, align = round(tx), "left"
    elif math.cos(angle) < -0.3:
        rect.right, align = round(tx), "right"
    else:
        rect.top = round(ty)
    rect.clamp_ip(surface.get_rect())
    draw_paragraph(surface, text, app.fonts.small, app.palette.text_muted, rect.inflate(0, 8),
                   align=align)


def draw_loop_motif(
    surface: pygame.Surface, app, center: tuple[int, int], radius: int, with_labels: bool = True
) -> None:
    """The technology → industry → finance loop: three nodes on a circle joined by arrows."""
    palette = app.palette
    cx, cy = center
    node_r = max(app.px(34), radius // 4)
    angles = [-math.pi / 2 + i * 2 * math.pi / 3 for i in range(3)]
    points = [(cx + radius * math.cos(a), cy + radius * math.sin(a)) for a in angles]
    # Faint orbit.
    pygame.draw.circle(surface, palette.surface_raised, center, radius, width=max(1, app.px(2)))
    label_font = app.fonts.get(fonts.LARGE, bold=True)
    for i in range(3):
        a0, a1 = angles[i], angles[i] + 2 * math.pi / 3
        # The arc from one node's edge to the next, drawn as a thick polyline with an arrowhead.
        margin = (node_r + app.px(8)) / radius
        steps = 28
        arc = [
            (
                cx + radius * math.cos(a0 + margin + (a1 - a0 - 2 * margin) * s / steps),
                cy + radius * math.sin(a0 + margin + (a1 - a0 - 2 * margin) * s / steps),
            )
            for s in range(steps + 1)
        ]
        role = LOOP_NODES[i][0]
        colour = palette[role]
        pygame.draw.lines(surface, colour, False, arc, max(2, app.px(5)))
        end_angle = a1 - margin
        tip = arc[-1]
        direction = end_angle + math.pi / 2  # tangent of the circle, in the loop's direction
        size = app.px(16)
        head = [
            tip,
            (
                tip[0] - size * math.cos(direction) + size * 0.6 * math.cos(direction + math.pi / 2),
                tip[1] - size * math.sin(direction) + size * 0.6 * math.sin(direction + math.pi / 2),
            ),
            (
                tip[0] - size * math.cos(direction) - size * 0.6 * math.cos(direction + math.pi / 2),
                tip[1] - size * math.sin(direction) - size * 0.6 * math.sin(direction + math.pi / 2),
            ),
        ]
        pygame.draw.polygon(surface, colour, head)
        if not with_labels:
            continue
        _draw_flow_label(surface, app, _(LOOP_FLOWS[i]), center, radius + app.px(18),
                         (a0 + a1) / 2)
    for (role, name), (px_, py_) in zip(LOOP_NODES, points, strict=True):
        colour = palette[role]
        centre = (round(px_), round(py_))
        pygame.draw.circle(surface, palette.surface, centre, node_r)
        pygame.draw.circle(surface, colour, centre, node_r, width=max(2, app.px(4)))
        # Shape cue inside the node, so the three parts differ without colour.
        draw_marker(
            surface, palette.marker(role), colour, (centre[0], centre[1] - node_r // 3), node_r // 3
        )
        image = render(label_font, _(name), palette.text)
        rect = image.get_rect(center=(centre[0], centre[1] + node_r // 4))
        if rect.width > node_r * 2 - app.px(8):
            rect = image.get_rect(midtop=(centre[0], centre[1] + node_r + app.px(6)))
        surface.blit(image, rect)
    core = render(app.fonts.get(fonts.BODY, bold=True), _("policy"), palette.accent)
    pygame.draw.circle(surface, palette.background_deep, center, max(app.px(30), radius // 4))
    pygame.draw.circle(surface, palette.accent, center, max(app.px(30), radius // 4), width=1)
    surface.blit(core, core.get_rect(center=center))
