"""Build the pygame_gui theme from assets/theme/base.json, the palette and the UI scale.

The JSON holds the look (shapes, which role colours which state, font sizes at 100%); this
module fills in the colours of the active palette, multiplies sizes by the UI scale and points
every font at the Noto Sans SC faces for both of pygame_gui's locales we use.
"""

from __future__ import annotations

import copy
import json
from functools import cache

from game.paths import assets_dir
from game.ui.fonts import font_path
from game.ui.palette import Palette

__all__ = ["build_theme", "FONT_NAME", "GUI_LOCALES", "gui_locale"]

FONT_NAME = "noto_sans_sc"
#: pygame_gui locale codes for the game's languages.
GUI_LOCALES = {"en": "en", "zh_CN": "zh"}
#: Lengths in "misc" blocks that grow with the UI scale.
#: pygame_gui reads only colours from "defaults"; its font and misc are copied to these.
ELEMENT_TYPES = (
    "button",
    "label",
    "panel",
    "image",
    "text_box",
    "tool_tip",
    "text_entry_line",
    "text_entry_box",
    "horizontal_slider",
    "selection_list",
    "drop_down_menu",
    "window",
    "scrolling_container",
    "horizontal_scroll_bar",
    "vertical_scroll_bar",
    "status_bar",
)
SCALED_KEYS = ("shape_corner_radius", "border_width", "text_horiz_alignment_padding", "padding",
               "rect_width")


def gui_locale(language: str) -> str:
    return GUI_LOCALES.get(language, "en")


@cache
def _base_theme() -> dict:
    with open(assets_dir() / "theme" / "base.json", encoding="utf-8") as handle:
        return json.load(handle)


def _colour(value: str, palette: Palette) -> str:
    if not value.startswith("@"):
        return value
    role, _slash, alpha = value[1:].partition("/")
    return palette.hex(role) + (alpha or "")


def _scale_length(value: str, scale: float) -> str:
    parts = [str(max(0, round(float(p) * scale))) for p in str(value).split(",")]
    return ",".join(parts)


def build_theme(palette: Palette, scale: float) -> dict:
    """The theme dictionary for ``UIManager``/``load_theme``."""
    theme = copy.deepcopy(_base_theme())
    theme.pop("_comment", None)
    defaults = theme["defaults"]
    default_font = defaults.pop("font", {})
    default_misc = defaults.pop("misc", {})
    for element_type in ELEMENT_TYPES:
        block = theme.setdefault(element_type, {})
        block["misc"] = default_misc | block.get("misc", {})
        block["font"] = default_font | block.get("font", {})
    regular, bold = str(font_path(False)), str(font_path(True))
    for block in theme.values():
        for key, value in block.get("colours", {}).items():
            block["colours"][key] = _colour(value, palette)
        misc = block.get("misc", {})
        for key in SCALED_KEYS:
            if key in misc:
                misc[key] = _scale_length(misc[key], scale)
        if "font" in block:
            font = block["font"]
            size = str(max(8, round(float(font.get("size", 17)) * scale)))
            entry = {"name": FONT_NAME, "size": size, "regular_path": regular, "bold_path": bold}
            if "bold" in font:
                entry["bold"] = font["bold"]
            block["font"] = [dict(entry, locale=loc) for loc in sorted(set(GUI_LOCALES.values()))]
    return theme
