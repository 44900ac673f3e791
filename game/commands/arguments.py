"""Argument types every command shares: each bad value is refused while parsing, so argparse
prints the command's usage and one sentence saying what is allowed, and exits with code 2.

``type=seed`` (a whole number from 0), ``type=count(low, high, what)`` (a whole number in a
range), ``type=output_file`` (a file to write: a regular file, a new name or a symlink to one;
never a device, a pipe or a folder) and ``type=output_folder``.
"""

from __future__ import annotations

import argparse
import os
import stat
from pathlib import Path

from game.i18n import _

__all__ = ["MAX_SEED", "seed", "count", "output_file", "output_folder"]

#: Seeds are stored in saves and result files; NumPy takes any whole number from 0.
MAX_SEED = 2**63 - 1


def _whole_number(text: str) -> int:
    try:
        return int(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("'{value}' is not a whole number.").format(value=_short(text))) from None


def seed(text: str) -> int:
    value = _whole_number(text)
    if not 0 <= value <= MAX_SEED:
        raise argparse.ArgumentTypeError(
            _("the seed must be a whole number of 0 or more (at most 19 digits), not {value}.").format(
                value=_short(text)))
    return value


def count(low: int, high: int):
    """A whole number from ``low`` to ``high``; outside, the sentence says the range."""

    def parse(text: str) -> int:
        value = _whole_number(text)
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(
                _("must be a whole number from {low} to {high}, not {value}.").format(
                    low=f"{low:,}", high=f"{high:,}", value=_short(text)))
        return value

    parse.__name__ = "count"  # argparse names the type in some messages
    return parse


def output_file(text: str) -> Path:
    """A file the command may replace: a symlink is written through (game.files.atomic)."""
    path = Path(text)
    if not text.strip():
        raise argparse.ArgumentTypeError(_("give the name of a file."))
    try:
        info = os.stat(path)  # follows a symlink to what would be written
    except FileNotFoundError:
        return path
    except OSError:
        return path  # the write will say what is wrong, naming the file
    if stat.S_ISDIR(info.st_mode):
        raise argparse.ArgumentTypeError(
            _("{path} is a folder; give the name of a file.").format(path=text))
    if not stat.S_ISREG(info.st_mode):
        raise argparse.ArgumentTypeError(
            _("{path} is a device or a pipe, not a file; the game writes only to files.").format(path=text))
    return path


def output_folder(text: str) -> Path:
    path = Path(text)
    if not text.strip():
        raise argparse.ArgumentTypeError(_("give the name of a folder."))
    if path.exists() and not path.is_dir():
        raise argparse.ArgumentTypeError(
            _("{path} exists and is not a folder.").format(path=text))
    return path


def _short(text: str, limit: int = 40) -> str:
    clean = "".join(ch if ch.isprintable() else "?" for ch in text)
    return clean if len(clean) <= limit else clean[: limit - 1] + "…"
