"""Plain-text tables for the measurement commands (responses, calibrate, audit).

Columns are padded by display width, so Chinese text (two columns a character)
lines up in a terminal as English does.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

__all__ = ["display_width", "text_table", "markdown_table"]


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def text_table(head: Sequence[str], rows: Sequence[Sequence[str]], gap: int = 2) -> list[str]:
    """Left-aligned columns, each as wide as its widest cell plus `gap`."""
    widths = [max(display_width(r[i]) for r in (head, *rows)) + gap for i in range(len(head))]
    return ["".join(c + " " * (w - display_width(c)) for c, w in zip(r, widths, strict=True)).rstrip()
            for r in (head, *rows)]


def markdown_table(head: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    return lines + ["| " + " | ".join(r) + " |" for r in rows]
