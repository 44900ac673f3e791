"""Names players give their saves: any letters (Chinese, accents), never a trap for the file system.

A slot name becomes part of a file name (``slot-<name>.json``), so it may not hold control
characters (a line break would make a file name with a newline), path separators or characters
Windows refuses, may not be a Windows device name, and may not pretend to be the game's own
autosave. Every refusal comes with a translated reason.
"""

from __future__ import annotations

import re
import unicodedata

from game.i18n import _

__all__ = ["MAX_SLOT_NAME", "clean_slot_name", "slot_name_problem"]

MAX_SLOT_NAME = 40
#: Separators and the characters Windows forbids in file names.
_FORBIDDEN = '/\\:*?"<>|'
#: Windows device names, reserved with any extension ("con.txt") and in any case.
_DEVICE = re.compile(r"^(con|prn|aux|nul|conin\$|conout\$|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$",
                     re.IGNORECASE)


def clean_slot_name(name: str) -> str:
    """The name as it is stored: Unicode NFC, so that 'é' typed two ways is one name. Nothing is
    dropped silently: a stray line break or space is refused with a reason instead."""
    return unicodedata.normalize("NFC", name)


def slot_name_problem(name: str) -> str | None:
    """Why ``name`` cannot name a save (a translated sentence), or None when it can."""
    if not name:
        return _("Give the save a name first.")
    if len(name) > MAX_SLOT_NAME:
        return _("A save name may have at most {count} characters.").format(count=MAX_SLOT_NAME)
    if any(unicodedata.category(ch).startswith("C") for ch in name):
        return _("A save name may not hold control characters such as a line break.")
    if any(ch in _FORBIDDEN for ch in name):
        return _("A save name may not hold any of these characters: {chars}").format(
            chars=" ".join(_FORBIDDEN))
    if name != name.strip() or name.endswith("."):
        return _("A save name may not begin or end with a space, or end with a dot.")
    if name.casefold().startswith("autosave"):
        return _("Names beginning with “autosave” belong to the game's own saves; choose another name.")
    if _DEVICE.match(name):
        return _("“{name}” is a name Windows reserves for a device; choose another name.").format(
            name=name)
    return None
