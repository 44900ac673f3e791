"""The command line's own words in the player's language, and columns that line up in Chinese.

argparse writes "usage:", "options", "show this help message and exit" and its error messages
through the module-level ``_`` and ``ngettext`` it imported from gettext's global domain, which
the game does not use. :func:`translate_argparse` points those names at the game's catalog, so
the messages below (argparse's own msgids, listed here for extraction) follow ``--lang``.

Terminals draw a Chinese character two columns wide: :func:`display_width` and :func:`pad`
measure by East Asian width, so tables of bot names and scores line up in either language.
"""

from __future__ import annotations

import unicodedata

from game.i18n import N_, _, ngettext

__all__ = ["translate_argparse", "display_width", "pad"]

# argparse's messages (Python 3.11+), so that they are extracted into the catalog.
_ARGPARSE_MESSAGES = (
    N_("usage: "),
    N_("options"),
    N_("positional arguments"),
    N_("show this help message and exit"),
    N_("%(prog)s: error: %(message)s\n"),
    N_("the following arguments are required: %s"),
    N_("unrecognized arguments: %s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("invalid %(type)s value: %(value)r"),
    N_("expected one argument"),
    N_("expected at least one argument"),
    N_("expected at most one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("not allowed with argument %s"),
    N_("one of the arguments %s is required"),
    N_("ignored explicit argument %r"),
    N_("can't open '%(filename)s': %(error)s"),
)


def translate_argparse() -> None:
    """Make argparse's own messages use the game's catalog (call after ``set_language``)."""
    import argparse

    # argparse looks these names up in its module globals each time it writes a message.
    argparse._ = _  # type: ignore[attr-defined]
    argparse.ngettext = ngettext  # type: ignore[attr-defined]
    section = argparse.HelpFormatter._Section
    if not getattr(section.format_help, "_full_width", False):
        plain = section.format_help

        def format_help(self) -> str:
            # argparse ends a section heading with ":"; a Chinese heading takes "：".
            text = plain(self)
            heading = self.heading or ""
            if heading and display_width(heading[-1]) == 2:
                text = text.replace(f"{heading}:\n", f"{heading}：\n", 1)
            return text

        format_help._full_width = True  # type: ignore[attr-defined]
        section.format_help = format_help


def display_width(text: str) -> int:
    """Columns ``text`` takes in a terminal: wide (Chinese) characters count two."""
    return sum(
        0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1
        for c in text
    )


def pad(text: str, width: int, align: str = "<") -> str:
    """``text`` padded with spaces to ``width`` terminal columns (``align`` "<" or ">")."""
    fill = " " * max(0, width - display_width(text))
    return fill + text if align == ">" else text + fill
