"""Problems found in level, pilot and plan files: each names file, line, column and field.

Library code never exits and never lets a traceback reach a user: loaders
collect every problem they find and raise one `ContentError` carrying them all.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from game.i18n import _

#: A field path as loaded: mapping keys and list indices, outermost first.
FieldPath = tuple[str | int, ...]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file, located as precisely as the file allows."""

    file: str
    line: int | None  # 1-based, None when the file has no usable position
    column: int | None  # 1-based
    field: str  # "events[2].choices[0].effects", "" for the whole file
    message: str  # already translated
    hint: str = ""  # already translated, "" when there is nothing to suggest

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where = f"{where}:{self.line}"
            if self.column is not None:
                where = f"{where}:{self.column}"
        # Templates, so that Chinese joins the parts with full-width punctuation (：（）).
        if self.field:
            text = _("{where}: {field}: {message}").format(
                where=where, field=self.field, message=self.message)
        else:
            text = _("{where}: {message}").format(where=where, message=self.message)
        if self.hint:
            text = _("{text} ({hint})").format(text=text, hint=self.hint)
        return text


class ContentError(Exception):
    """Raised by the loaders; carries every problem found, not just the first."""

    def __init__(self, problems: Sequence[Problem]):
        self.problems: list[Problem] = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def format_path(path: Iterable[str | int], data: object = None) -> str:
    """('events', 2, 'choices', 0, 'label') -> 'events[2].choices[0].label'.

    With the loaded `data`, a number that is a mapping key (a turn in `unlocks:` or a
    plan's `turns:`) is written as a key, 'unlocks.3', not as a list index.
    """
    text = ""
    current = data
    for part in path:
        is_index = isinstance(part, int) and (current is None or isinstance(current, list))
        if is_index:
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
        try:
            current = current[part] if current is not None else None
        except (KeyError, IndexError, TypeError):
            current = None
    return text


def did_you_mean(name: object, known: Iterable[str]) -> str:
    """A translated "did you mean 'x'?" hint, or "" when nothing is close."""
    close = difflib.get_close_matches(str(name), list(known), n=1, cutoff=0.6)
    if close:
        return _("did you mean '{name}'?").format(name=close[0])
    return ""


def known_names_hint(known: Iterable[str], limit: int = 12) -> str:
    """A translated list of the accepted names, shortened when it is long."""
    names = sorted(known)
    shown = ", ".join(names[:limit])
    if len(names) > limit:
        shown += ", …"
    return _("expected one of: {names}").format(names=shown)


def unknown_name_hint(name: object, known: Iterable[str]) -> str:
    """did-you-mean when something is close, otherwise the list of accepted names."""
    known = list(known)
    return did_you_mean(name, known) or known_names_hint(known)
