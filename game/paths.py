"""Where the game's data folders are, from a clone or from an installed wheel."""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@cache
def data_dir(name: str) -> Path:
    """Return the folder `levels`, `locales` or `assets`.

    An installed wheel carries them in ``game/_data``; a clone (or an editable
    install) has them beside the package.
    """
    for candidate in (_PACKAGE / "_data" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"data folder '{name}' not found beside {_PACKAGE}")


def levels_dir() -> Path:
    return data_dir("levels")


def locales_dir() -> Path:
    return data_dir("locales")


def assets_dir() -> Path:
    return data_dir("assets")
